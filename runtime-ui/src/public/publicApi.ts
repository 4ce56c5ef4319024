/**
 * The anonymous side of the API, for the public pages. Deliberately not `api/client.ts`: a visitor has
 * no session, so no cookie is sent (`credentials: 'omit'`, even when a staff member opens the link on a
 * logged-in browser), no CSRF token, and a 401 means "the link wants its password", not "log in again".
 * The link's password travels as `X-Link-Password` on every call.
 */
import type { PublicForm, PublicQueryResult, PublicSubmission } from '@forecourt/schemas/api';
import { ApiError } from '../api/client';

/** A refused public call; `retryAfter` (seconds) comes with 429. */
export class PublicApiError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    details: ApiError['details'],
    readonly retryAfter?: number,
  ) {
    super(status, code, message, details);
    this.name = 'PublicApiError';
  }
}

/** `GET /api/public/:token`: a fill link's form, or a query link's query and result fields. */
export type { PublicForm, PublicSubmission };

async function call<T>(method: 'GET' | 'POST', path: string, password: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (password) headers['x-link-password'] = password;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'omit',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    throw new PublicApiError(0, 'network', String(error), []);
  }
  const text = await response.text();
  const json = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined;
  if (response.ok) return json as T;
  const error = json?.error ?? {};
  const retryAfter = Number(response.headers.get('retry-after'));
  throw new PublicApiError(
    response.status,
    String(error.code ?? 'http_error'),
    String(error.message ?? response.statusText),
    Array.isArray(error.details) ? error.details : [],
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}

const base = (token: string) => `/api/public/${encodeURIComponent(token)}`;

export const openLink = (token: string, password: string) => call<PublicForm>('GET', base(token), password);

export const submitThroughLink = (token: string, password: string, data: Record<string, unknown>) =>
  call<PublicSubmission>('POST', `${base(token)}/records`, password, { data });

export const queryThroughLink = (token: string, password: string, values: Record<string, unknown>) =>
  call<PublicQueryResult>('POST', `${base(token)}/query`, password, { values });
