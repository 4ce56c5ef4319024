/**
 * The one way the web app talks to the server: same-origin fetch with the httpOnly session cookie, JSON
 * in and out, and the CSRF token on every write. The token comes from the login answer or `GET /api/me`
 * and lives only in memory (never in storage a script could read later); a write refused with
 * `csrf_failed` fetches a fresh one and is tried once more.
 */

export interface ErrorDetail {
  path: string;
  message: string;
  /** Stable reason, when the server gives one (e.g. public_link.field_not_listed), with its values. */
  code?: string;
  params?: Record<string, unknown>;
}

/** An answer outside 2xx, in the API's one error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let csrfToken: string | undefined;
let sessionLost: (() => void) | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** For requests `api` cannot make (uploads with progress through XMLHttpRequest): the header to send. */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/** Called when the server answers 401 to a logged-in request: the session expired or was revoked. */
export function onSessionLost(callback: (() => void) | undefined): void {
  sessionLost = callback;
}

/**
 * The API's one error shape (`{ error: { code, message, details } }`) as an ApiError, from any answer
 * outside 2xx: JSON requests here, and the uploads and downloads that cannot go through `api`. A 401 on a
 * logged-in request also tells the app the session is gone.
 */
export function apiError(status: number, body: unknown, statusText: string, path = ''): ApiError {
  const error = (body as { error?: Record<string, unknown> } | undefined)?.error ?? {};
  if (status === 401 && path !== '/api/auth/login') sessionLost?.();
  return new ApiError(
    status,
    String(error.code ?? 'http_error'),
    String(error.message ?? statusText),
    Array.isArray(error.details) ? error.details : [],
  );
}

export async function api<T>(method: Method, path: string, body?: unknown, retried = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined;
  if (response.ok) return json as T;
  if (json?.error?.code === 'csrf_failed' && !retried) {
    const me = await api<{ csrfToken?: string }>('GET', '/api/me');
    setCsrfToken(me.csrfToken);
    return api<T>(method, path, body, true);
  }
  throw apiError(response.status, json, response.statusText, path);
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
