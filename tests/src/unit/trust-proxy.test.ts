import {
  ConfigError,
  fastifyTrustProxy,
  isLegacyTrustProxy,
  loadConfig,
  parseTrustProxy,
} from '@forecourt/server';
import { describe, expect, it } from 'vitest';

const trust = (value?: string) => loadConfig(value === undefined ? {} : { FORECOURT_TRUST_PROXY: value });

describe('FORECOURT_TRUST_PROXY', () => {
  it('trusts no proxy by default, or when false or 0', () => {
    expect(trust().FORECOURT_TRUST_PROXY).toBe(false);
    expect(trust('').FORECOURT_TRUST_PROXY).toBe(false);
    expect(trust('false').FORECOURT_TRUST_PROXY).toBe(false);
    expect(trust('FALSE').FORECOURT_TRUST_PROXY).toBe(false);
    expect(trust('0').FORECOURT_TRUST_PROXY).toBe(false);
  });

  it('reads a hop count', () => {
    expect(trust('1').FORECOURT_TRUST_PROXY).toBe(1);
    expect(trust(' 2 ').FORECOURT_TRUST_PROXY).toBe(2);
  });

  it('reads the old true as one hop, never as "trust every hop"', () => {
    expect(trust('true').FORECOURT_TRUST_PROXY).toBe(1);
    expect(trust('True').FORECOURT_TRUST_PROXY).toBe(1);
    expect(isLegacyTrustProxy('true')).toBe(true);
    expect(isLegacyTrustProxy('1')).toBe(false);
    expect(isLegacyTrustProxy(undefined)).toBe(false);
  });

  it('reads a list of proxy addresses, CIDR ranges and named ranges', () => {
    expect(trust('127.0.0.1,10.0.0.0/8').FORECOURT_TRUST_PROXY).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(trust(' 10.1.2.3 , fd00::/8, ::1 ').FORECOURT_TRUST_PROXY).toEqual([
      '10.1.2.3',
      'fd00::/8',
      '::1',
    ]);
    expect(trust('loopback, uniquelocal').FORECOURT_TRUST_PROXY).toEqual(['loopback', 'uniquelocal']);
    expect(parseTrustProxy('192.168.0.0/16')).toEqual(['192.168.0.0/16']);
  });

  it('refuses anything else, naming the variable', () => {
    for (const bad of [
      'yes',
      'on',
      '-1',
      '11',
      '1.5',
      'nginx',
      '10.0.0.0/33',
      'fd00::/129',
      '127.1',
      '10.0.0.1,',
      '10.0.0.0/8/8',
      '0x7f000001',
      'http://10.0.0.1',
    ]) {
      expect(() => trust(bad), bad).toThrow(ConfigError);
      expect(() => trust(bad), bad).toThrow(
        /^Forecourt cannot start, the configuration is wrong: FORECOURT_TRUST_PROXY: /,
      );
    }
  });
});

describe('the trust handed to Fastify', () => {
  it('passes none and lists through', () => {
    expect(fastifyTrustProxy(false)).toBe(false);
    expect(fastifyTrustProxy(0)).toBe(false);
    expect(fastifyTrustProxy(['127.0.0.1'])).toEqual(['127.0.0.1']);
  });

  it('makes a hop count trust the nearest hops, the first only from this machine or a private network', () => {
    const oneHop = fastifyTrustProxy(1) as (address: string, hop: number) => boolean;
    expect(typeof oneHop).toBe('function');
    for (const peer of [
      '127.0.0.1',
      '::1',
      '::ffff:127.0.0.1',
      '10.0.0.5',
      '172.17.0.2',
      '192.168.1.10',
      'fd00::2',
    ])
      expect(oneHop(peer, 0), peer).toBe(true);
    // A client on the internet that reaches Forecourt directly is not a proxy.
    for (const peer of ['8.8.8.8', '198.51.100.7', '2001:db8::1', '2606:4700::1111'])
      expect(oneHop(peer, 0), peer).toBe(false);
    // Beyond the count nothing is trusted: that is what the client wrote.
    expect(oneHop('10.0.0.6', 1)).toBe(false);
    const twoHops = fastifyTrustProxy(2) as (address: string, hop: number) => boolean;
    expect(twoHops('10.0.0.5', 0)).toBe(true);
    expect(twoHops('8.8.8.8', 1)).toBe(true);
    expect(twoHops('8.8.4.4', 2)).toBe(false);
  });
});
