import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { type AllowList, EMPTY_ALLOW_LIST } from './allow-list';
import { OutboundError } from './errors';
import { checkTarget, type Resolver, type Target } from './target';

export interface OutboundRequest {
  url: string;
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: string;
  /** Whole call, from the name lookup to the last byte of the answer (default 10 s). */
  timeoutMs?: number;
  /** Largest answer read; a longer one fails the call (default 1 MiB). */
  maxResponseBytes?: number;
}

export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The address the connection used. */
  address: string;
}

export interface OutboundPolicy {
  allow?: AllowList;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Name resolution; the system's by default (tests give their own). */
  resolve?: Resolver;
}

/** The one way Forecourt calls out over HTTP (webhooks now, automations and message channels next). */
export interface OutboundClient {
  request(call: OutboundRequest): Promise<OutboundResponse>;
}

export const DEFAULT_OUTBOUND_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * A guarded HTTP client: the URL is checked (see target.ts), the connection is pinned to the
 * checked address through the socket's `lookup` (TLS still verifies the certificate for the host
 * name), redirects are not followed (a 3xx is a failure naming where it pointed: a hop could lead
 * anywhere, and webhook receivers have no reason to redirect), the answer is capped in size and
 * the whole call in time.
 */
export function createOutboundClient(policy: OutboundPolicy = {}): OutboundClient {
  const allow = policy.allow ?? EMPTY_ALLOW_LIST;
  return {
    async request(call) {
      const timeoutMs = call.timeoutMs ?? policy.timeoutMs ?? DEFAULT_OUTBOUND_TIMEOUT_MS;
      const limit = call.maxResponseBytes ?? policy.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), timeoutMs);
      try {
        const target = await Promise.race([
          checkTarget(call.url, allow, policy.resolve),
          aborted(deadline.signal),
        ]);
        return await send(target, call, limit, deadline.signal);
      } catch (error) {
        if (deadline.signal.aborted && !(error instanceof OutboundError && error.refused))
          throw new OutboundError('timeout', `No complete answer within ${timeoutMs} ms`, { ms: timeoutMs });
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(new OutboundError('timeout', 'timed out')), { once: true });
  });
}

function send(target: Target, call: OutboundRequest, limit: number, signal: AbortSignal) {
  // Whatever the socket asks (one address or all, for happy eyeballs), it gets the checked one.
  const pinned: LookupFunction = (_host, options, callback) => {
    const cb = callback as (...args: unknown[]) => void;
    if (options.all) cb(null, [{ address: target.address, family: target.family }]);
    else cb(null, target.address, target.family);
  };
  const request = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<OutboundResponse>((resolve, reject) => {
    const req = request(
      target.url,
      {
        method: call.method ?? 'POST',
        headers: {
          ...call.headers,
          ...(call.body !== undefined ? { 'content-length': String(Buffer.byteLength(call.body)) } : {}),
        },
        lookup: pinned,
        signal,
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          res.resume();
          reject(
            new OutboundError('redirect', `The receiver answered ${status}; redirects are not followed`, {
              status,
              location: String(res.headers.location ?? ''),
            }),
          );
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limit) {
            req.destroy();
            reject(new OutboundError('too_large', `The answer is longer than ${limit} bytes`, { limit }));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({ status, headers: res.headers, body: Buffer.concat(chunks), address: target.address }),
        );
        res.on('error', (error) => reject(networkError(error)));
      },
    );
    req.on('error', (error) => reject(networkError(error)));
    req.end(call.body);
  });
}

function networkError(error: Error): OutboundError {
  const code = (error as NodeJS.ErrnoException).code;
  return new OutboundError('network', `The call failed: ${code ?? error.message}`, {
    error: code ?? error.message,
  });
}
