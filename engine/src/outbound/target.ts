import { lookup } from 'node:dns/promises';
import { addressFamily, canonicalAddress, isPublicAddress } from './addresses';
import { type AllowList, allowsAddress, allowsName } from './allow-list';
import { OutboundError } from './errors';

/** Where a call goes: the parsed URL and the one address, checked, that the connection must use. */
export interface Target {
  url: URL;
  host: string;
  port: number;
  address: string;
  family: 4 | 6;
}

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

/**
 * Names that lead inside whatever they resolve to: the machine itself, cloud metadata services,
 * names reserved for private networks, and single-label names (completed by the local search
 * domain). Checked before any DNS query, so a name that resolves differently later changes nothing.
 */
const INTERNAL_NAMES = [
  /^localhost$/,
  /\.localhost$/,
  /\.internal$/,
  /\.local$/,
  /\.localdomain$/,
  /\.home\.arpa$/,
];

/**
 * Checks a URL against the outbound rules and picks the address to connect to. The WHATWG URL
 * parser has already turned numeric hosts (`0x7f000001`, `2130706433`, `0177.0.0.1`, `127.1`) into
 * dotted IPv4, so every spelling of an address is judged as that address. A name is resolved once
 * and every address it gives must be allowed (a name with one public and one private address is
 * refused): a DNS answer that changes between the check and the connection cannot matter, since
 * the connection uses the checked address.
 */
export async function checkTarget(
  text: string,
  allow: AllowList,
  resolve: Resolver = systemResolver,
): Promise<Target> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new OutboundError('url_invalid', `"${text}" is not a URL`, { url: text });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new OutboundError('url_invalid', `Only http and https URLs are called, not ${url.protocol}`, {
      url: text,
    });
  // `user:pw@host` hides the real host from a reader and is refused by fetch anyway.
  if (url.username || url.password)
    throw new OutboundError('userinfo', 'A URL with a user name or password in it is not called', {
      host: url.hostname,
    });
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const literal = canonicalAddress(url.hostname);
  if (literal) {
    if (!isPublicAddress(literal) && !allowsAddress(allow, literal, port))
      throw refusedAddress(url.hostname, literal);
    return { url, host: url.hostname, port, address: literal, family: addressFamily(literal) };
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const named = allowsName(allow, host, port);
  if (!named && (!host.includes('.') || INTERNAL_NAMES.some((re) => re.test(host))))
    throw new OutboundError('name_refused', `${host} is an internal name; it is not called`, { host });
  let addresses: { address: string; family: number }[];
  try {
    addresses = await resolve(host);
  } catch {
    addresses = [];
  }
  if (!addresses.length) throw new OutboundError('dns_failed', `The name ${host} does not resolve`, { host });
  if (!named) {
    const internal = addresses.find(
      (a) => !isPublicAddress(a.address) && !allowsAddress(allow, a.address, port),
    );
    if (internal) throw refusedAddress(host, internal.address);
  }
  const first = addresses[0]!;
  return { url, host, port, address: first.address, family: addressFamily(first.address) };
}

function refusedAddress(host: string, address: string): OutboundError {
  return new OutboundError(
    'address_refused',
    `${host} is ${address}, an internal address; it is not called (FORECOURT_OUTBOUND_ALLOW can allow it)`,
    { host, address },
  );
}
