import ipaddr from 'ipaddr.js';

/**
 * Whether an IP address is one the public internet routes to a host of someone else's: not
 * loopback, private (RFC 1918, IPv6 unique-local), link-local (169.254/16, the cloud metadata
 * service; fe80::/10), CGNAT (100.64/10), multicast, unspecified, broadcast, documentation,
 * benchmarking or otherwise reserved. ipaddr.js names those ranges; only `unicast` is public.
 *
 * IPv6 forms that carry an IPv4 address in their last 32 bits (mapped `::ffff:127.0.0.1`, the old
 * compatible `::127.0.0.1`) are judged by that IPv4 address; the translation prefixes (6to4,
 * Teredo, NAT64) can reach any IPv4 address and are refused outright (they are not `unicast`).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6') {
    const parts = (ip as ipaddr.IPv6).parts;
    const embedsIpv4 = parts.slice(0, 5).every((p) => p === 0) && (parts[5] === 0 || parts[5] === 0xffff);
    if (embedsIpv4) {
      const [high, low] = [parts[6]!, parts[7]!];
      ip = new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
    }
  }
  return ip.range() === 'unicast';
}

/** An IP address in its canonical text (`::1`, `127.0.0.1`), or undefined when it is not one. */
export function canonicalAddress(text: string): string | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  // Only the strict forms: a URL's host has already been normalised by the WHATWG parser
  // (`0x7f000001`, `2130706433`, `0177.0.0.1` and `127.1` all become `127.0.0.1`).
  if (ipaddr.IPv4.isValidFourPartDecimal(bare) || (bare.includes(':') && ipaddr.IPv6.isValid(bare)))
    return ipaddr.parse(bare).toString();
  return undefined;
}

export function addressFamily(address: string): 4 | 6 {
  return address.includes(':') ? 6 : 4;
}

/** Whether an address lies in a CIDR range (`10.0.0.0/8`, `fd00::/8`), IPv4 ranges matching mapped IPv6 too. */
export function inRange(address: string, range: [ipaddr.IPv4 | ipaddr.IPv6, number]): boolean {
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress())
    ip = (ip as ipaddr.IPv6).toIPv4Address();
  if (ip.kind() !== range[0].kind()) return false;
  return ip.match(range);
}
