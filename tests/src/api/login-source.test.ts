import { loadConfig } from '@forecourt/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { expectError } from '../support/client';

/**
 * Who the login throttle counts (issue 15, item 7): behind a trusted reverse proxy the client is the
 * address that proxy saw, never one the client wrote in X-Forwarded-For; an IPv6 client is its /64.
 */
const POLICY = { maxFailures: 3, accountMaxFailures: 1000, lockMinutes: 15 };
const PROXY = '127.0.0.1';

async function newUser(t: TestApp, email: string) {
  const response = await t.admin.post('/api/users', { email, name: 'user', password: 'password-123' });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return email;
}

/** A login as it reaches Forecourt: from `peer` (the socket), with the X-Forwarded-For it carries. */
function login(t: TestApp, peer: string, email: string, password: string, forwardedFor?: string) {
  const client = t.anonymous();
  client.remoteAddress = peer;
  return client.request(
    'POST',
    '/api/auth/login',
    { email, password },
    forwardedFor ? { headers: { 'x-forwarded-for': forwardedFor } } : {},
  );
}

describe.each([
  ['1', 'one hop'],
  ['true', 'the old boolean, read as one hop'],
  ['127.0.0.1, 10.0.0.0/8', 'a list of proxy addresses'],
])('behind a reverse proxy, FORECOURT_TRUST_PROXY=%s (%s)', (setting) => {
  let t: TestApp;
  beforeAll(async () => {
    const { FORECOURT_TRUST_PROXY } = loadConfig({ FORECOURT_TRUST_PROXY: setting });
    t = await testApp({ loginPolicy: POLICY, trustProxy: FORECOURT_TRUST_PROXY });
  });
  afterAll(() => t?.close());

  it('a client rotating the X-Forwarded-For it writes cannot escape the per-source throttle', async () => {
    const email = await newUser(t, `rotating-${setting.length}@dealer.test`);
    const client = '198.51.100.77';
    // The client writes the first entries; the proxy appends the address it saw.
    const via = (i: number) => `${i}.${i}.${i}.${i}, ${client}`;
    for (let i = 1; i <= 3; i++) {
      const response = await login(t, PROXY, email, 'wrong-password', via(i));
      expect(response.status, `attempt ${i}`).toBe(i < 3 ? 401 : 429);
    }
    // A fresh made-up address changes nothing, not even with the right password.
    expectError(await login(t, PROXY, email, 'password-123', via(4)), 429, 'too_many_requests');
    expectError(await login(t, PROXY, email, 'password-123', `9.9.9.9, 8.8.8.8, ${client}`), 429);
    // The proxy's own view is what counts: another client behind the same proxy logs in.
    expect((await login(t, PROXY, email, 'password-123', '198.51.100.78')).status).toBe(200);
  });

  it('a client reaching Forecourt directly is its own address, whatever X-Forwarded-For it sends', async () => {
    const email = await newUser(t, `direct-${setting.length}@dealer.test`);
    const direct = '198.51.100.90';
    for (let i = 1; i <= 3; i++)
      await login(t, direct, email, 'wrong-password', `203.0.113.${i}, 198.51.100.${100 + i}`);
    expectError(await login(t, direct, email, 'password-123', '203.0.113.50'), 429);
    expect((await login(t, '198.51.100.91', email, 'password-123')).status).toBe(200);
  });

  it('counts an IPv6 client by its /64, however it varies the rest', async () => {
    const email = await newUser(t, `ipv6-${setting.length}@dealer.test`);
    for (let i = 1; i <= 3; i++) await login(t, PROXY, email, 'wrong-password', `2001:db8:7:7::${i}`);
    expectError(await login(t, PROXY, email, 'password-123', '2001:db8:7:7:abcd:ef01:2345:6789'), 429);
    // Another /64 is another source.
    expect((await login(t, PROXY, email, 'password-123', '2001:db8:7:8::1')).status).toBe(200);
  });
});

describe('login sources without a proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ loginPolicy: POLICY });
  });
  afterAll(() => t?.close());

  it('counts an IPv6 socket address by its /64, and an IPv4-mapped one as the IPv4 address', async () => {
    const email = await newUser(t, 'ipv6-direct@dealer.test');
    for (let i = 1; i <= 3; i++) await login(t, `2001:db8:5:5::${i}`, email, 'wrong-password');
    expectError(await login(t, '2001:db8:5:5:ffff::1', email, 'password-123'), 429);
    expect((await login(t, '2001:db8:5:6::1', email, 'password-123')).status).toBe(200);

    const mapped = await newUser(t, 'ipv4-mapped@dealer.test');
    for (let i = 1; i <= 3; i++) await login(t, '::ffff:198.51.100.30', mapped, 'wrong-password');
    expectError(await login(t, '198.51.100.30', mapped, 'password-123'), 429);
  });
});
