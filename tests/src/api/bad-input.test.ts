import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { type Client, expectError } from '../support/client';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ bodyLimit: 16 * 1024 });
});
afterAll(() => t?.close());

/** Snapshot of everything a bad request could have touched. */
async function stored() {
  const db = t.database.db;
  return {
    users: await db
      .selectFrom('users')
      .select(['id', 'email', 'name', 'is_admin', 'status'])
      .orderBy('id')
      .execute(),
    roles: await db.selectFrom('roles').selectAll().orderBy('id').execute(),
    departments: await db.selectFrom('departments').selectAll().orderBy('id').execute(),
  };
}

const good = { email: 'new@dealer.test', name: 'New Person', password: 'password-123' };

describe('bad input gets the documented 4xx and writes nothing', () => {
  const cases: [string, (c: Client) => ReturnType<Client['request']>, number, string, string?][] = [
    [
      'malformed JSON',
      (c) =>
        c.request('POST', '/api/users', undefined, {
          payload: '{"email": "a@b.c",',
          headers: { 'content-type': 'application/json' },
        }),
      400,
      'bad_request',
    ],
    [
      'empty JSON body',
      (c) =>
        c.request('POST', '/api/users', undefined, {
          payload: '',
          headers: { 'content-type': 'application/json' },
        }),
      400,
      'bad_request',
    ],
    ['a JSON array instead of an object', (c) => c.post('/api/users', [good]), 400, 'bad_request', '/'],
    [
      'a wrong type',
      (c) => c.post('/api/users', { ...good, isAdmin: 'yes' }),
      400,
      'bad_request',
      '/isAdmin',
    ],
    [
      'a number as text is not coerced',
      (c) => c.post('/api/departments', { name: 'X', kind: 'store', sort: '5' }),
      400,
      'bad_request',
      '/sort',
    ],
    [
      'an unknown property',
      (c) => c.post('/api/users', { ...good, role: 'admin' }),
      400,
      'bad_request',
      '/role',
    ],
    [
      'a system property (mass assignment)',
      (c) => c.post('/api/users', { ...good, workspaceId: 'ws_other' }),
      400,
      'bad_request',
      '/workspaceId',
    ],
    [
      'a prototype key',
      (c) =>
        c.request('POST', '/api/users', undefined, {
          payload: `{"email":"p@dealer.test","name":"P","password":"password-123","__proto__":{"isAdmin":true}}`,
          headers: { 'content-type': 'application/json' },
        }),
      400,
      'bad_request',
    ],
    [
      'a missing property',
      (c) => c.post('/api/users', { email: good.email, name: good.name }),
      400,
      'bad_request',
      '/password',
    ],
    [
      'an invalid e-mail',
      (c) => c.post('/api/users', { ...good, email: 'not-an-email' }),
      400,
      'bad_request',
      '/email',
    ],
    [
      'an oversize body',
      (c) => c.post('/api/users', { ...good, name: 'x'.repeat(20_000) }),
      413,
      'payload_too_large',
    ],
    [
      'a body that is not JSON',
      (c) =>
        c.request('POST', '/api/users', undefined, {
          payload: 'email=a',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
      415,
      'unsupported_media_type',
    ],
    [
      'a weak password',
      (c) => c.post('/api/users', { ...good, password: 'short' }),
      422,
      'validation_failed',
      '/password',
    ],
    [
      'an unknown department',
      (c) => c.post('/api/users', { ...good, departments: [{ departmentId: 'dep_nope' }] }),
      422,
      'validation_failed',
      '/departments/0',
    ],
    ['an unknown route', (c) => c.get('/api/nothing-here'), 404, 'not_found'],
    ['a bad path parameter', (c) => c.get(`/api/users/${'x'.repeat(100)}`), 400, 'bad_request'],
  ];

  for (const [what, send, status, code, path] of cases) {
    it(what, async () => {
      const before = await stored();
      const error = expectError(await send(t.admin), status, code);
      if (path) expect(error.details.map((d) => d.path)).toContain(path);
      expect(await stored()).toEqual(before);
    });
  }

  it('a partially valid user with a bad role is not half-created', async () => {
    const before = await stored();
    const response = await t.admin.post('/api/users', { ...good, roleIds: ['rol_missing'] });
    expect(expectError(response, 422).details[0]?.path).toBe('/roleIds/0');
    expect(await stored()).toEqual(before);
  });

  it('a duplicate e-mail is a 409 naming the field', async () => {
    expect((await t.admin.post('/api/users', { ...good, email: 'dup@dealer.test' })).status).toBe(201);
    const before = await stored();
    const error = expectError(
      await t.admin.post('/api/users', { ...good, email: 'DUP@dealer.test' }),
      409,
      'conflict',
    );
    expect(error.details[0]?.path).toBe('/email');
    expect(await stored()).toEqual(before);
  });

  it('never answers 500 to garbage', async () => {
    const garbage = ['null', '1', '"text"', '{"email":{"$gt":""}}', '{"a":'.repeat(50), '\u0000'];
    for (const payload of garbage) {
      const response = await t.admin.request('POST', '/api/users', undefined, {
        payload,
        headers: { 'content-type': 'application/json' },
      });
      expect(response.status, payload).toBeGreaterThanOrEqual(400);
      expect(response.status, payload).toBeLessThan(500);
    }
  });

  it('refuses a NUL character anywhere the database would meet it, with a 400 that says so', async () => {
    const before = await stored();
    for (const [method, path, body] of [
      ['GET', '/api/forms/%00', undefined],
      ['GET', '/api/directory/users?q=%00', undefined],
      ['POST', '/api/departments', { name: 'a\u0000b', kind: 'department' }],
    ] as const) {
      const response = await t.admin.request(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(400);
      expect(response.body.error.message, `${method} ${path}`).toContain('NUL');
    }
    expect(await stored()).toEqual(before);
  });
});

describe('unauthenticated and unauthorised requests', () => {
  it('refuses every protected route without a session, before reading the body', async () => {
    const before = await stored();
    const anonymous = t.anonymous();
    expectError(await anonymous.post('/api/users', good), 401, 'unauthorized');
    expectError(
      await anonymous.request('POST', '/api/users', undefined, {
        payload: '{bad json',
        headers: { 'content-type': 'application/json' },
      }),
      401,
    );
    expectError(await anonymous.get('/api/departments'), 401);
    expect(await stored()).toEqual(before);
  });

  it('keeps admin routes from non-admins', async () => {
    await t.admin.post('/api/users', { ...good, email: 'staff@dealer.test' });
    const staff = t.anonymous();
    await staff.login('staff@dealer.test', good.password);
    const before = await stored();
    expectError(await staff.post('/api/users', { ...good, email: 'sneaky@dealer.test' }), 403, 'forbidden');
    expectError(await staff.get('/api/users'), 403);
    expect((await staff.get('/api/departments')).status).toBe(200);
    expect(await stored()).toEqual(before);
  });
});
