import ipaddr from 'ipaddr.js';

/**
 * Which reverse proxies in front of Forecourt are trusted to say who the client is (`X-Forwarded-For`,
 * `-Proto`, `-Host`), in the forms Fastify's `trustProxy` takes natively:
 *
 * - `false`: none; `request.ip` is the socket's address and the headers are ignored.
 * - a hop count `n`: the n proxies nearest to Forecourt are trusted; `request.ip` is the address the
 *   outermost of them saw, never what the client wrote itself (`1`: one nginx in front). The nearest
 *   one (the socket's peer) must be on this machine or a private network, so a client on the internet
 *   that reaches Forecourt directly is never believed (see `fastifyTrustProxy`).
 * - a list of addresses, CIDR ranges or proxy-addr's names (`loopback`, `linklocal`, `uniquelocal`):
 *   a hop is trusted only when it comes from one of them; the first one that does not is the client.
 *
 * Never Fastify's `true` (trust every hop): a client could then put any address in `X-Forwarded-For`
 * and be a new source for the login throttle at each attempt.
 */
export type TrustProxy = false | number | string[];

export class TrustProxyError extends Error {}

/** More hops than any real chain of proxies has; a bigger number is a typo. */
const MAX_HOPS = 10;
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Reads FORECOURT_TRUST_PROXY. `true` (the old boolean) is read as `1`: the documented set-up is one
 * reverse proxy, for which that is right, and an install upgraded with `true` keeps starting without
 * trusting addresses its clients write (see docs/configuration.md#behind-a-reverse-proxy).
 */
export function parseTrustProxy(text: string | undefined): TrustProxy {
  const value = (text ?? '').trim().toLowerCase();
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true') return 1;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > MAX_HOPS)
      throw new TrustProxyError(`${value} hops is more than any chain of proxies (1 to ${MAX_HOPS})`);
    return hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    if (!isProxyEntry(entry))
      throw new TrustProxyError(
        `"${entry}" is not false, a hop count, an IP address, a CIDR range (10.0.0.0/8) or loopback, linklocal, uniquelocal`,
      );
  }
  return entries;
}

/** Whether FORECOURT_TRUST_PROXY is the old `true`, read as one hop (the start banner says so). */
export function isLegacyTrustProxy(text: string | undefined): boolean {
  return (text ?? '').trim().toLowerCase() === 'true';
}

function isProxyEntry(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || !isStrictAddress(address)) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (address.includes(':') ? 128 : 32);
}

/** Dotted-quad IPv4 or IPv6 only: `127.1` or `0x7f000001` in a proxy list is a mistake, not a shorthand. */
function isStrictAddress(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || (text.includes(':') && ipaddr.IPv6.isValid(text));
}

/** Addresses a proxy in front of Forecourt has: this machine, private networks (RFC 1918, fc00::/7), link-local. */
const INTERNAL_RANGES = new Set(['loopback', 'private', 'uniqueLocal', 'linkLocal']);

/**
 * The value for Fastify's `trustProxy`. Lists go to it as they are (proxy-addr reads them). Fastify
 * (5.12) takes a bare hop count as "trust nothing", because it cannot tell a proxy from a client that reached
 * the server directly; our hop count is therefore a trust function (proxy-addr still reads the header):
 * hop i is trusted while i < n, the first hop (the socket's peer) only from an internal address.
 */
export function fastifyTrustProxy(
  trust: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  if (trust === 0) return false;
  return (address, hop) => hop < trust && (hop > 0 || isInternalAddress(address));
}

function isInternalAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress())
    ip = (ip as ipaddr.IPv6).toIPv4Address();
  return INTERNAL_RANGES.has(ip.range());
}
