/**
 * The server's 422 details placed on the fields they name. Paths are JSON pointers: `/f_plate` for a
 * submission, `/values/f_mobile` for a query; a table cell's (`/f_lines/0/f_qty`) stays whole for the
 * renderer, which marks the cell.
 * Messages of the form's own rules come as `中文 / English`; built-in checks speak English, so a Chinese
 * page says "this needs a fix" in Chinese and quotes the server's words.
 */
import type { TFunction } from 'i18next';
import type { ErrorDetail } from '../api/client';

const HAN = /\p{Script=Han}/u;

export function serverMessage(message: string, language: string, t: TFunction): string {
  const sides = message.split(' / ');
  if (sides.length === 2 && HAN.test(sides[0]!)) return language === 'en' ? sides[1]! : sides[0]!;
  if (language === 'en' || HAN.test(message)) return message;
  return t('publicPage.field.serverInvalid', { message });
}

export interface PlacedErrors {
  /** Details about fields on the page, path relative to the record (`/f_plate`, `/f_lines/0/f_qty`). */
  onFields: ErrorDetail[];
  /** What names no field on the page (the whole record, a field the page does not show). */
  rest: string[];
}

export function placeErrors(
  details: readonly ErrorDetail[],
  prefix: '' | '/values',
  shown: ReadonlySet<string>,
  language: string,
  t: TFunction,
): PlacedErrors {
  const onFields: ErrorDetail[] = [];
  const rest: string[] = [];
  for (const detail of details) {
    const message = serverMessage(detail.message, language, t);
    const path = detail.path.startsWith(`${prefix}/`) ? detail.path.slice(prefix.length) : '';
    const fieldId = path.split('/')[1] ?? '';
    if (shown.has(fieldId)) onFields.push({ path, message });
    else rest.push(message);
  }
  return { onFields, rest };
}

/** Field id → its messages, for antd's `form.setFields`. */
export function messagesByField(details: readonly ErrorDetail[]): [string, string[]][] {
  const byField = new Map<string, string[]>();
  for (const { path, message } of details) {
    const fieldId = path.split('/')[1] ?? '';
    byField.set(fieldId, [...(byField.get(fieldId) ?? []), message]);
  }
  return [...byField];
}
