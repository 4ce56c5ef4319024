import ipaddr from 'ipaddr.js';
import { canonicalAddress, inRange } from './addresses';

/**
 * The operator's exceptions to the outbound guard (`FORECOURT_OUTBOUND_ALLOW`): comma-separated
 * entries, each one of
 * - a host name, `erp.dealer.lan` (exact) or `*.dealer.lan` (any name below it): that name may be
 *   called whatever it resolves to;
 * - an IP address, `10.0.0.5` or `::1`: that address may be called, whatever name led to it;
 * - a CIDR range, `10.20.0.0/16` or `fd00::/8`: every address in it may be called;
 * and, for a name or an address, optionally `:port` (`[::1]:8080` for IPv6) to allow that port only.
 */
export interface AllowList {
  readonly entries: readonly AllowEntry[];
}

export type AllowEntry =
  | { kind: 'name'; name: string; port?: number }
  | { kind: 'suffix'; suffix: string; port?: number }
  | { kind: 'address'; address: string; port?: number }
  | { kind: 'range'; range: [ipaddr.IPv4 | ipaddr.IPv6, number] };

export class AllowListError extends Error {}

export const EMPTY_ALLOW_LIST: AllowList = { entries: [] };

export function parseAllowList(text: string | undefined): AllowList {
  const entries = (text ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .map(parseEntry);
  return { entries };
}

function parseEntry(text: string): AllowEntry {
  if (text.includes('/')) {
    try {
      return { kind: 'range', range: ipaddr.parseCIDR(text) };
    } catch {
      throw new AllowListError(`"${text}" is not a CIDR range like 10.0.0.0/8 or fd00::/8`);
    }
  }
  const { host, port } = splitPort(text);
  const address = canonicalAddress(host);
  if (address) return { kind: 'address', address, ...(port ? { port } : {}) };
  const name = host.toLowerCase().replace(/\.$/, '');
  if (!/^(\*\.)?([a-z0-9_]([a-z0-9_-]*[a-z0-9_])?\.)*[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?$/.test(name))
    throw new AllowListError(`"${text}" is not a host name, host:port, IP address or CIDR range`);
  if (name.startsWith('*.')) return { kind: 'suffix', suffix: name.slice(1), ...(port ? { port } : {}) };
  return { kind: 'name', name, ...(port ? { port } : {}) };
}

function splitPort(text: string): { host: string; port?: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return { host: bracketed[1]!, ...portOf(text, bracketed[2]) };
  // A bare IPv6 address has several colons and no port.
  if ((text.match(/:/g) ?? []).length > 1) return { host: text };
  const [host, port] = text.split(':');
  return { host: host!, ...portOf(text, port) };
}

function portOf(text: string, port: string | undefined): { port?: number } {
  if (port === undefined) return {};
  const n = Number(port);
  if (!/^\d+$/.test(port) || n < 1 || n > 65535) throw new AllowListError(`"${text}" has no valid port`);
  return { port: n };
}

const portMatches = (entry: { port?: number }, port: number) =>
  entry.port === undefined || entry.port === port;

/** Whether the list names this host (a name, not an address) for this port. */
export function allowsName(list: AllowList, host: string, port: number): boolean {
  return list.entries.some(
    (e) =>
      (e.kind === 'name' && e.name === host && portMatches(e, port)) ||
      (e.kind === 'suffix' && host.endsWith(e.suffix) && portMatches(e, port)),
  );
}

/** Whether the list names this address (itself or a range holding it) for this port. */
export function allowsAddress(list: AllowList, address: string, port: number): boolean {
  return list.entries.some(
    (e) =>
      (e.kind === 'address' && e.address === canonicalAddress(address) && portMatches(e, port)) ||
      (e.kind === 'range' && inRange(address, e.range)),
  );
}
