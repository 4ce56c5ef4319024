import type { FormInstance } from 'antd';
import { ApiError, type ErrorDetail } from '../../api/client';

type FieldName = string | string[];

/**
 * Puts the server's refusal where the admin looks: each detail goes under the form field whose name is
 * the longest start of its path (`/email`, `/assignees/users/0` → assignees.users, `/scope/filter/and/0/field`
 * → scope.filter); the rest, and the message when no detail landed, come back as text for a notice.
 * `word` puts a detail with a stable code in the admin's language; the server's message otherwise.
 */
export function serverErrorsOnForm(
  form: FormInstance | undefined,
  error: unknown,
  fields: FieldName[],
  word: (detail: ErrorDetail) => string | undefined = () => undefined,
): string | null {
  if (!(error instanceof ApiError)) return String(error);
  const names = fields.map((f) => (Array.isArray(f) ? f : [f])).sort((a, b) => b.length - a.length);
  const byField = new Map<string, { name: string[]; errors: string[] }>();
  const rest: string[] = [];
  for (const detail of error.details) {
    const segments = detail.path.split('/').slice(1);
    const name = form && names.find((n) => n.every((part, i) => segments[i] === part));
    if (name) {
      const key = name.join('.');
      const entry = byField.get(key) ?? { name, errors: [] };
      entry.errors.push(word(detail) ?? detail.message);
      byField.set(key, entry);
    } else {
      const text = word(detail) ?? detail.message;
      rest.push(detail.path ? `${detail.path}: ${text}` : text);
    }
  }
  form?.setFields([...byField.values()]);
  if (byField.size && !rest.length) return null;
  return [error.message, ...rest].join(' ');
}

/** The server's message for a refusal that has no form to land on (a delete, a toggle). */
export function errorText(error: unknown): string {
  return error instanceof ApiError ? error.message : String(error);
}
