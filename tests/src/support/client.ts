import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

export interface Response<T = any> {
  status: number;
  body: T;
  headers: LightMyRequestResponse['headers'];
  raw: LightMyRequestResponse;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A browser-like client: keeps cookies, sends the CSRF token on writes; or a bearer-token client. */
export class Client {
  cookies = new Map<string, string>();
  csrfToken?: string;
  bearer?: string;
  /** The client's address as the server sees it (request.ip); light-my-request's default otherwise. */
  remoteAddress?: string;

  constructor(readonly app: FastifyInstance) {}

  static withToken(app: FastifyInstance, token: string): Client {
    const client = new Client(app);
    client.bearer = token;
    return client;
  }

  async login(email: string, password: string): Promise<Response> {
    const response = await this.request('POST', '/api/auth/login', { email, password });
    if (response.status === 200) this.csrfToken = response.body.csrfToken;
    return response;
  }

  get = <T = any>(url: string) => this.request<T>('GET', url);
  post = <T = any>(url: string, body?: unknown) => this.request<T>('POST', url, body);
  put = <T = any>(url: string, body?: unknown) => this.request<T>('PUT', url, body);
  patch = <T = any>(url: string, body?: unknown) => this.request<T>('PATCH', url, body);
  delete = <T = any>(url: string) => this.request<T>('DELETE', url);

  async request<T = any>(
    method: Method,
    url: string,
    body?: unknown,
    extra: { headers?: Record<string, string>; payload?: string | Buffer } = {},
  ): Promise<Response<T>> {
    const headers: Record<string, string> = { ...extra.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (this.csrfToken && method !== 'GET' && !('x-csrf-token' in headers))
      headers['x-csrf-token'] = this.csrfToken;
    let payload = extra.payload;
    if (payload === undefined && body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const raw = await this.app.inject({
      method,
      url,
      headers,
      ...(this.remoteAddress ? { remoteAddress: this.remoteAddress } : {}),
      ...(payload !== undefined ? { payload } : {}),
    });
    for (const cookie of raw.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      const expired =
        cookie.value === '' ||
        (cookie.expires && cookie.expires.getTime() <= Date.now()) ||
        cookie.maxAge === 0;
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    let parsed: unknown = raw.body;
    if (String(raw.headers['content-type'] ?? '').includes('json') && raw.body) parsed = JSON.parse(raw.body);
    return { status: raw.statusCode, body: parsed as T, headers: raw.headers, raw };
  }
}

/** Asserts the documented error shape and status, and returns the error for further checks. */
export function expectError(response: Response, status: number, code?: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body).toMatchObject({
    error: { code: expect.any(String), message: expect.any(String), details: expect.any(Array) },
  });
  expect(Object.keys(response.body)).toEqual(['error']);
  if (code) expect(response.body.error.code).toBe(code);
  return response.body.error as {
    code: string;
    message: string;
    details: { path: string; message: string; code?: string; params?: Record<string, unknown> }[];
  };
}
