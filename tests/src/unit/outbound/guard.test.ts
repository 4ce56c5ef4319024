import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  checkTarget,
  createOutboundClient,
  EMPTY_ALLOW_LIST,
  isPublicAddress,
  OutboundError,
  parseAllowList,
} from '@forecourt/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A real receiver on loopback; each test says how it answers. */
let server: Server;
let port: number;
let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end('ok');
const seen: { path: string; headers: IncomingMessage['headers'] }[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const strict = createOutboundClient();
const loopbackAllowed = createOutboundClient({ allow: parseAllowList('127.0.0.1') });

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'called';
  } catch (error) {
    if (error instanceof OutboundError) return error.reason;
    throw error;
  }
}

describe('which addresses are public', () => {
  it.each([
    ['127.0.0.1', false],
    ['10.0.0.1', false],
    ['172.16.5.4', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['255.255.255.255', false],
    ['224.0.0.1', false],
    ['240.0.0.1', false],
    ['198.18.0.1', false],
    ['::1', false],
    ['::', false],
    ['fe80::1', false],
    ['fd00::1', false],
    ['ff02::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['::127.0.0.1', false],
    ['64:ff9b::7f00:1', false],
    ['2002:7f00:1::', false],
    ['8.8.8.8', true],
    ['::ffff:8.8.8.8', true],
    ['2606:4700:4700::1111', true],
  ])('%s → %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('the guard refuses internal targets', () => {
  it.each([
    ['http://127.0.0.1:5432/', 'address_refused'],
    ['http://169.254.169.254/latest/meta-data/', 'address_refused'],
    ['http://[::1]:6379/', 'address_refused'],
    ['http://[::ffff:127.0.0.1]/', 'address_refused'],
    ['http://0x7f000001/', 'address_refused'],
    ['http://2130706433/', 'address_refused'],
    ['http://0177.0.0.1/', 'address_refused'],
    ['http://127.1/', 'address_refused'],
    ['http://10.0.0.1/', 'address_refused'],
    ['http://100.64.1.1/', 'address_refused'],
    ['http://0.0.0.0/', 'address_refused'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'name_refused'],
    ['http://localhost:3000/', 'name_refused'],
    ['http://LOCALHOST./', 'name_refused'],
    ['http://api.localhost/', 'name_refused'],
    ['http://intranet/', 'name_refused'],
    ['http://user:pw@localhost/', 'userinfo'],
    ['http://user:pw@example.com/', 'userinfo'],
    ['ftp://example.com/', 'url_invalid'],
    ['file:///etc/passwd', 'url_invalid'],
    ['not a url', 'url_invalid'],
  ])('%s → %s', async (url, expected) => {
    expect(await reason(checkTarget(url, EMPTY_ALLOW_LIST))).toBe(expected);
  });

  it('judges every address a name resolves to, and connects to the one it checked', async () => {
    const resolving = (addresses: string[]) => async () =>
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    expect(
      await reason(
        checkTarget('https://hooks.example.com/', EMPTY_ALLOW_LIST, resolving(['8.8.8.8', '10.0.0.1'])),
      ),
    ).toBe('address_refused');
    expect(
      await reason(checkTarget('https://hooks.example.com/', EMPTY_ALLOW_LIST, resolving(['::1']))),
    ).toBe('address_refused');
    const target = await checkTarget('https://hooks.example.com/', EMPTY_ALLOW_LIST, resolving(['8.8.8.8']));
    expect(target).toMatchObject({ host: 'hooks.example.com', address: '8.8.8.8', port: 443 });
  });

  it('pins the connection to the checked address (a rebinding resolver gets no second say)', async () => {
    // The first answer is the checked one; a second lookup (the socket's) would say a public
    // address. The call lands on the checked loopback receiver: the socket never asked again.
    let lookups = 0;
    const rebinding = async () => [
      lookups++ === 0 ? { address: '127.0.0.1', family: 4 } : { address: '8.8.8.8', family: 4 },
    ];
    const client = createOutboundClient({ allow: parseAllowList('hooks.example.com'), resolve: rebinding });
    const response = await client.request({ url: `http://hooks.example.com:${port}/pinned`, body: '{}' });
    expect(response).toMatchObject({ status: 200, address: '127.0.0.1' });
    expect(lookups).toBe(1);
  });

  it('calls nothing without the allow-list, and the receiver with it', async () => {
    const before = seen.length;
    expect(await reason(strict.request({ url: `http://127.0.0.1:${port}/x`, body: '{}' }))).toBe(
      'address_refused',
    );
    expect(seen.length).toBe(before);
    const response = await loopbackAllowed.request({
      url: `http://127.0.0.1:${port}/x`,
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('ok');
    expect(seen.at(-1)?.path).toBe('/x');
  });
});

describe('the allow-list', () => {
  it('reads names, name:port, addresses and CIDR ranges, and refuses nonsense', () => {
    const list = parseAllowList(
      'erp.dealer.lan, *.corp.lan:8443, 10.0.0.5, [::1]:8080, 192.168.0.0/16, fd00::/8',
    );
    expect(list.entries.map((e) => e.kind)).toEqual([
      'name',
      'suffix',
      'address',
      'address',
      'range',
      'range',
    ]);
    expect(() => parseAllowList('10.0.0.0/99')).toThrow(/CIDR/);
    expect(() => parseAllowList('erp.lan:99999')).toThrow(/port/);
    expect(() => parseAllowList('http://erp.lan')).toThrow();
  });

  it('allows only what it names: a port entry allows that port', async () => {
    const loopback = (list: string) => checkTarget(`http://127.0.0.1:${port}/`, parseAllowList(list));
    expect(await reason(loopback(`127.0.0.1:${port}`))).toBe('called');
    expect(await reason(loopback('127.0.0.0/8'))).toBe('called');
    expect(await reason(loopback(`127.0.0.1:${port + 1}`))).toBe('address_refused');
    expect(await reason(loopback('10.0.0.0/8'))).toBe('address_refused');
    expect(await reason(checkTarget('http://localhost/', parseAllowList('localhost')))).toBe('called');
    expect(await reason(checkTarget('http://[::1]:8080/', parseAllowList('[::1]:8080')))).toBe('called');
  });
});

describe('calls', () => {
  it('do not follow redirects: a 302 to loopback is a failure naming where it pointed', async () => {
    answer = (_req, res) => {
      res.writeHead(302, { location: 'http://127.0.0.1:5432/' });
      res.end();
    };
    const failed = await loopbackAllowed.request({ url: `http://127.0.0.1:${port}/hop` }).catch((e) => e);
    expect(failed).toBeInstanceOf(OutboundError);
    expect(failed).toMatchObject({
      reason: 'redirect',
      params: { status: 302, location: 'http://127.0.0.1:5432/' },
    });
  });

  it('cap the answer’s size', async () => {
    answer = (_req, res) => res.end('x'.repeat(10_000));
    expect(
      await reason(loopbackAllowed.request({ url: `http://127.0.0.1:${port}/`, maxResponseBytes: 1000 })),
    ).toBe('too_large');
  });

  it('cap the time, even when the receiver trickles its answer', async () => {
    answer = (_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(timer));
    };
    const started = Date.now();
    expect(await reason(loopbackAllowed.request({ url: `http://127.0.0.1:${port}/`, timeoutMs: 300 }))).toBe(
      'timeout',
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('say so when the port does not speak HTTP', async () => {
    const raw = (await import('node:net')).createServer((socket) => socket.end('SSH-2.0-OpenSSH\r\n'));
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const rawPort = (raw.address() as AddressInfo).port;
    try {
      expect(await reason(loopbackAllowed.request({ url: `http://127.0.0.1:${rawPort}/` }))).toBe('network');
    } finally {
      raw.close();
    }
  });
});
