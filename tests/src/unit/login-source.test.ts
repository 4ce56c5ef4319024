import { loginSource } from '@forecourt/engine';
import { describe, expect, it } from 'vitest';

describe('the source a login attempt is throttled by', () => {
  it('is the full address for IPv4', () => {
    expect(loginSource('203.0.113.7')).toBe('203.0.113.7');
    expect(loginSource('203.0.113.8')).not.toBe(loginSource('203.0.113.7'));
  });

  it('is the IPv4 address for an IPv4-mapped IPv6 address', () => {
    expect(loginSource('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(loginSource('::FFFF:cb00:7107')).toBe('203.0.113.7');
  });

  it('is the /64 prefix for IPv6, however the low 64 bits vary', () => {
    expect(loginSource('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(loginSource('2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(loginSource('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(loginSource('::1')).toBe('::/64');
    expect(loginSource('fe80::1%eth0')).toBe('fe80::/64');
  });

  it('keeps what is not an address, and names a missing one', () => {
    expect(loginSource('')).toBe('unknown');
    expect(loginSource('  ')).toBe('unknown');
    expect(loginSource('unknown')).toBe('unknown');
  });
});
