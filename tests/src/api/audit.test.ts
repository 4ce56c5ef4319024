import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type TestApp, testApp } from '../support/app';
import { type Client, expectError } from '../support/client';
import { lead } from '../support/dealership/sales';

interface Entry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  via: string;
  tokenId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  ip: string | null;
}

let t: TestApp;
let adminId: string;

/** Passwords used in this file: none of them may ever show up in the audit log. */
const SECRETS = {
  created: 'created-Secret-4711',
  reset: 'reset-Secret-0815',
  wrong: 'wrong-Secret-2342',
};

async function entries(query = ''): Promise<Entry[]> {
  const response = await t.admin.get(`/api/audit${query ? `?${query}` : ''}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.entries;
}

/** The refused-login line of a user, waited for: it is written after the answer has been sent. */
async function failedLogin(targetId: string): Promise<Entry> {
  for (let tries = 0; tries < 100; tries++) {
    const [line] = await entries(`action=auth.login_failed&targetId=${targetId}`);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no auth.login_failed line for ${targetId} after 5 s`);
}

async function createUser(email: string, name: string, password = 'password-123'): Promise<string> {
  const response = await t.admin.post('/api/users', { email, name, password });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.user.id;
}

beforeAll(async () => {
  t = await testApp();
  adminId = (await t.admin.get('/api/me')).body.user.id;
});
afterAll(() => t?.close());

describe('logins', () => {
  let userId: string;
  let client: Client;

  beforeAll(async () => {
    userId = await createUser('li.na@dealer.test', '李娜', SECRETS.created);
    client = t.anonymous();
    expectError(await client.login('li.na@dealer.test', SECRETS.wrong), 401);
    await failedLogin(userId);
    expect((await client.login('li.na@dealer.test', SECRETS.created)).status).toBe(200);
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expectError(await t.anonymous().login('nobody@dealer.test', SECRETS.wrong), 401);
  });

  it('writes a failed login, the login and the logout, newest first', async () => {
    const mine = (await entries('action=auth.*')).filter((e) => e.targetId === userId);
    expect(mine.map((e) => e.action)).toEqual(['auth.logout', 'auth.login', 'auth.login_failed']);
    const [logout, login, failed] = mine as [Entry, Entry, Entry];
    expect(login).toMatchObject({ actorId: userId, actorName: '李娜', via: 'session', targetType: 'user' });
    expect(logout).toMatchObject({ actorId: userId, via: 'session' });
    expect(failed).toMatchObject({
      actorId: null,
      actorName: null,
      via: 'anonymous',
      targetType: 'user',
      details: { email: 'li.na@dealer.test', reason: 'wrong_password' },
    });
    expect(failed.ip).toBeTruthy();
    expect(Number(login.id)).toBeGreaterThan(Number(failed.id));
  });

  it('records why a login was refused: a disabled account', async () => {
    const id = await createUser('disabled@dealer.test', '停用账号');
    expect((await t.admin.patch(`/api/users/${id}`, { status: 'disabled' })).status).toBe(200);
    expectError(await t.anonymous().login('disabled@dealer.test', 'password-123'), 401);
    const failed = await failedLogin(id);
    expect(failed.details).toEqual({ email: 'disabled@dealer.test', reason: 'disabled' });
    const [disable] = await entries(`action=user.disable&targetId=${id}`);
    expect(disable).toMatchObject({ actorId: adminId, details: { changes: { status: 'disabled' } } });
  });

  it('answers a refused login before writing its line, so a known e-mail is not slower than an unknown one', async () => {
    const id = await createUser('slow.audit@dealer.test', '慢审计');
    // Writing a refused-login line now takes 2.5 s: an answer as late as that waited for it.
    await sql`create function slow_login_audit() returns trigger language plpgsql as $$
      begin perform pg_sleep(2.5); return new; end $$`.execute(t.database.db);
    await sql`create trigger slow_login_audit before insert on audit_log for each row
      when (new.action = 'auth.login_failed') execute function slow_login_audit()`.execute(t.database.db);
    try {
      const started = performance.now();
      expectError(await t.anonymous().login('slow.audit@dealer.test', SECRETS.wrong), 401);
      const took = performance.now() - started;
      // PGlite runs in this process, so its pg_sleep stalls the test too; PostgreSQL shows the order.
      if (t.database.url) expect(took, `answered after ${took.toFixed(0)} ms`).toBeLessThan(2500);
      expect((await failedLogin(id)).details).toEqual({
        email: 'slow.audit@dealer.test',
        reason: 'wrong_password',
      });
    } finally {
      await sql`drop trigger slow_login_audit on audit_log`.execute(t.database.db);
      await sql`drop function slow_login_audit()`.execute(t.database.db);
    }
  });

  it('leaves no line for an address no workspace knows', async () => {
    const all = await entries('action=auth.login_failed&limit=200');
    expect(all.some((e) => e.details.email === 'nobody@dealer.test')).toBe(false);
  });

  it('records the admin logging in when the test app started', async () => {
    const logins = await entries(`action=auth.login&actorId=${adminId}`);
    expect(logins.length).toBeGreaterThanOrEqual(1);
    expect(logins[0]).toMatchObject({ actorName: expect.any(String), targetId: adminId });
  });
});

describe('admin actions', () => {
  it('writes who created a user, a department and a role, with the target', async () => {
    const userId = await createUser('zhao.lei@dealer.test', '赵磊');
    const department = await t.admin.post('/api/departments', { name: '上海浦东店', kind: 'store' });
    expect(department.status).toBe(201);
    const role = await t.admin.post('/api/roles', { code: 'ServiceAdvisor', name: '服务顾问' });
    expect(role.status).toBe(201);

    const [user] = await entries(`action=user.create&targetId=${userId}`);
    expect(user).toMatchObject({
      actorId: adminId,
      via: 'session',
      targetType: 'user',
      details: { email: 'zhao.lei@dealer.test', name: '赵磊', isAdmin: false },
    });
    const [dept] = await entries('action=department.create');
    expect(dept).toMatchObject({
      actorId: adminId,
      targetType: 'department',
      targetId: department.body.id,
      details: { name: '上海浦东店', kind: 'store' },
    });
    const [roleEntry] = await entries(`targetType=role&targetId=${role.body.id}`);
    expect(roleEntry).toMatchObject({
      action: 'role.create',
      actorId: adminId,
      details: { code: 'ServiceAdvisor' },
    });
  });

  it('writes form creation and publishing, and nothing for a dry run', async () => {
    // Through the form API, as an admin builds a form (a package install is audited as one entry).
    expect(
      (await t.admin.post('/api/apps', { id: 'app_sales', name: { zh: '销售', en: 'Sales' } })).status,
    ).toBe(201);
    const { id, title, fields } = lead;
    expect((await t.admin.post(`/api/apps/${lead.app}/forms`, { id, title, fields })).status).toBe(201);
    expect((await t.admin.post(`/api/forms/${id}/publish`)).status).toBe(200);
    const form = await entries('targetType=form&targetId=frm_lead');
    expect(form.map((e) => e.action)).toEqual(['form.publish', 'form.create']);
    expect(form[0]).toMatchObject({ actorId: adminId, details: { version: 1 } });
    const [app] = await entries('action=app.create');
    expect(app).toMatchObject({ targetType: 'app', targetId: 'app_sales', actorId: adminId });

    expect((await t.admin.post('/api/forms/frm_lead/publish?dryRun=true')).status).toBe(200);
    expect(await entries('action=form.publish&targetId=frm_lead')).toHaveLength(1);
  });

  it('writes department and role membership changes', async () => {
    const userId = await createUser('wu.fang@dealer.test', '吴芳');
    const department = (await t.admin.post('/api/departments', { name: '售后部', kind: 'department' })).body;
    const role = (await t.admin.post('/api/roles', { code: 'Cashier', name: '收银' })).body;
    expect(
      (
        await t.admin.put(`/api/users/${userId}/departments`, {
          departments: [{ departmentId: department.id }],
        })
      ).status,
    ).toBe(200);
    expect((await t.admin.put(`/api/users/${userId}/roles`, { roleIds: [role.id] })).status).toBe(200);
    const changes = await entries(`targetType=user&targetId=${userId}`);
    expect(changes.map((e) => e.action)).toEqual(['user.roles', 'user.departments', 'user.create']);
    expect(changes[0]?.details).toEqual({ roleIds: [role.id] });
    expect(changes[1]?.details).toEqual({
      departments: [{ departmentId: department.id, isPrimary: true }],
    });
  });

  it('writes nothing when the action fails', async () => {
    const before = (await entries('action=role.*&limit=200')).length;
    expectError(await t.admin.post('/api/roles', { code: 'Cashier', name: '又一个收银' }), 409);
    expect(await entries('action=role.*&limit=200')).toHaveLength(before);
  });

  it('never writes a password, not even a reset one', async () => {
    const userId = await createUser('pw@dealer.test', '密码测试', SECRETS.created);
    expect((await t.admin.put(`/api/users/${userId}/password`, { password: SECRETS.reset })).status).toBe(
      204,
    );
    const [reset] = await entries(`action=user.password_reset&targetId=${userId}`);
    expect(reset).toMatchObject({ actorId: adminId, details: {} });
    expectError(await t.anonymous().login('pw@dealer.test', SECRETS.wrong), 401);
    await failedLogin(userId);

    const text = JSON.stringify(await entries('limit=200'));
    const stored = await sql<{
      text: string;
    }>`select coalesce(string_agg(details::text, ' '), '') as text from audit_log`.execute(t.database.db);
    expect(text).toContain('pw@dealer.test');
    for (const secret of [...Object.values(SECRETS), ADMIN.password]) {
      expect(text).not.toContain(secret);
      expect(stored.rows[0]?.text).not.toContain(secret);
    }
  });
});

describe('querying', () => {
  beforeAll(async () => {
    for (const code of ['QA1', 'QA2', 'QA3', 'QA4', 'QA5']) {
      expect((await t.admin.post('/api/roles', { code, name: code })).status).toBe(201);
    }
  });

  it('filters by an exact action or a prefix', async () => {
    const users = await entries('action=user.*&limit=200');
    expect(users.length).toBeGreaterThan(3);
    expect(users.every((e) => e.action.startsWith('user.'))).toBe(true);
    expect(new Set(users.map((e) => e.action))).toEqual(
      new Set(['user.create', 'user.disable', 'user.departments', 'user.roles', 'user.password_reset']),
    );
    const created = await entries('action=user.create&limit=200');
    expect(created.every((e) => e.action === 'user.create')).toBe(true);
    expect(created.length).toBe(users.filter((e) => e.action === 'user.create').length);
    expect(await entries('action=user')).toEqual([]);
  });

  it('filters by actor', async () => {
    const byAdmin = await entries(`actorId=${adminId}&limit=200`);
    expect(byAdmin.length).toBeGreaterThan(5);
    expect(byAdmin.every((e) => e.actorId === adminId)).toBe(true);
    const all = await entries('limit=200');
    expect(all.some((e) => e.actorId !== adminId)).toBe(true);
  });

  it('filters by a time range, both ends included', async () => {
    const all = await entries('limit=200');
    const middle = all[Math.floor(all.length / 2)]!;
    const at = encodeURIComponent(middle.at);
    const exact = await entries(`from=${at}&to=${at}&limit=200`);
    expect(exact.map((e) => e.id)).toContain(middle.id);
    expect(exact.every((e) => e.at === middle.at)).toBe(true);
    const until = await entries(`to=${at}&limit=200`);
    expect(until.every((e) => e.at <= middle.at)).toBe(true);
    expect(until.length).toBeLessThan(all.length);
    const later = new Date(Date.now() + 3_600_000).toISOString();
    expect(await entries(`from=${encodeURIComponent(later)}`)).toEqual([]);
    const error = expectError(
      await t.admin.get(`/api/audit?from=${encodeURIComponent(later)}&to=${at}`),
      422,
      'validation_failed',
    );
    expect(error.details[0]?.path).toBe('/to');
  });

  it('pages newest first without repeats or gaps', async () => {
    const all = await entries('limit=200');
    expect(all.length).toBeGreaterThan(10);
    expect(all.length).toBeLessThan(200);
    const ids = all.map((e) => Number(e.id));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);

    const paged: Entry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: { status: number; body: { entries: Entry[]; next: string | null } } = await t.admin.get(
        `/api/audit?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(response.status).toBe(200);
      expect(response.body.entries.length).toBeLessThanOrEqual(3);
      paged.push(...response.body.entries);
      cursor = response.body.next;
      pages++;
    } while (cursor && pages < 100);
    expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));

    const roles = await t.admin.get('/api/audit?action=role.create&limit=2');
    expect(roles.body.entries).toHaveLength(2);
    const rest = await entries(`action=role.create&limit=200&cursor=${encodeURIComponent(roles.body.next)}`);
    expect(rest.every((e) => e.action === 'role.create')).toBe(true);
    expect(rest.map((e) => e.id)).not.toContain(roles.body.entries[1].id);
  });

  it('refuses a made-up cursor, a bad limit and a bad action pattern', async () => {
    const cursor = expectError(await t.admin.get('/api/audit?cursor=not-a-cursor'), 422, 'validation_failed');
    expect(cursor.details[0]?.path).toBe('/cursor');
    expect((await t.admin.get('/api/audit?limit=0')).status).toBeGreaterThanOrEqual(400);
    expect((await t.admin.get('/api/audit?limit=201')).status).toBeGreaterThanOrEqual(400);
    expect((await t.admin.get('/api/audit?limit=0')).status).toBeLessThan(500);
    expect((await t.admin.get('/api/audit?action=user%25')).status).toBe(400);
  });

  it('is for administrators only', async () => {
    await createUser('plain@dealer.test', '普通员工');
    const plain = t.anonymous();
    expect((await plain.login('plain@dealer.test', 'password-123')).status).toBe(200);
    expectError(await plain.get('/api/audit'), 403, 'forbidden');
    expectError(await t.anonymous().get('/api/audit'), 401);
  });
});
