import ipaddr from 'ipaddr.js';

/**
 * The source a login attempt is throttled by, from the client's address (`request.ip`):
 *
 * - IPv4: the full address (`203.0.113.7`); an IPv4-mapped IPv6 address (`::ffff:203.0.113.7`, what a
 *   dual-stack socket reports) is that IPv4 address.
 * - IPv6: its /64 prefix (`2001:db8:1:2::/64`). One subscriber is routed at least a /64 and picks the
 *   low 64 bits freely (privacy addresses rotate them), so a full address would give a guesser 2^64
 *   fresh sources.
 *
 * Anything else (no address: `unknown`) is kept as written.
 */
export function loginSource(address: string): string {
  const text = address.trim();
  if (text === '') return 'unknown';
  if (!ipaddr.isValid(text)) return text;
  const ip = ipaddr.parse(text);
  if (ip.kind() === 'ipv4') return ip.toString();
  const v6 = ip as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  // The first four 16-bit groups are the /64 (a zone index such as `%eth0` is dropped with the rest).
  const prefix = new ipaddr.IPv6([...v6.parts.slice(0, 4), 0, 0, 0, 0]);
  return `${prefix.toString()}/64`;
}
