import { createUser, newId } from '@forecourt/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { Client, expectError } from '../support/client';

const PASSWORD = 'password-123';

let t: TestApp;
let colleague: Client;
let ids: { chen: string; li: string; wang: string; gone: string; sales: string; service: string };

async function created(url: string, body: unknown) {
  const response = await t.admin.post(url, body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

beforeAll(async () => {
  t = await testApp();
  const [group] = (await t.admin.get('/api/departments')).body.departments;
  const sales = await created('/api/departments', { parentId: group.id, name: '销售部', kind: 'department' });
  const service = await created('/api/departments', {
    parentId: group.id,
    name: '售后部',
    kind: 'department',
  });
  const role = await created('/api/roles', { code: 'Consultant', name: '销售顾问' });
  const user = (email: string, name: string, departments: unknown[] = [], roleIds: string[] = []) =>
    created('/api/users', { email, name, password: PASSWORD, departments, roleIds });
  const chen = await user(
    'chen@dealer.test',
    '陈晓明',
    [{ departmentId: service.id }, { departmentId: sales.id, isPrimary: true }],
    [role.id],
  );
  const li = await user('li.na@dealer.test', '李娜', [{ departmentId: service.id }]);
  const wang = await user('wang@dealer.test', '王强');
  const gone = await user('gone@dealer.test', '陈离职');
  expect((await t.admin.patch(`/api/users/${gone.user.id}`, { status: 'disabled' })).status).toBe(200);
  ids = {
    chen: chen.user.id,
    li: li.user.id,
    wang: wang.user.id,
    gone: gone.user.id,
    sales: sales.id,
    service: service.id,
  };
  colleague = t.anonymous();
  expect((await colleague.login('wang@dealer.test', PASSWORD)).status).toBe(200);
});
afterAll(() => t?.close());

describe('a colleague who is no admin', () => {
  it('is refused the admin list but finds people by part of the name', async () => {
    expectError(await colleague.get('/api/users'), 403, 'forbidden');
    const found = await colleague.get(`/api/directory/users?q=${encodeURIComponent('陈')}`);
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    // The disabled 陈离职 is not offered to pick.
    expect(found.body).toEqual({
      users: [
        {
          id: ids.chen,
          name: '陈晓明',
          active: true,
          departments: [
            { id: ids.sales, name: '销售部' },
            { id: ids.service, name: '售后部' },
          ],
        },
      ],
    });
  });

  it('finds people by their whole email in any case, never by a part, without showing the email', async () => {
    const found = (await colleague.get('/api/directory/users?q=LI.NA@dealer.test')).body.users;
    expect(found).toEqual([
      { id: ids.li, name: '李娜', active: true, departments: [{ id: ids.service, name: '售后部' }] },
    ]);
    // A part of an address finds nobody, so no one can spell out a colleague's address letter by letter.
    expect((await colleague.get('/api/directory/users?q=LI.NA')).body.users).toEqual([]);
    expect((await colleague.get(`/api/directory/users?ids=${ids.li}&q=li.n`)).body.users).toEqual([]);
    // Admins, who see addresses anyway, search by any part.
    expect((await t.admin.get('/api/directory/users?q=LI.NA')).body.users).toHaveLength(1);
    const everyone = JSON.stringify((await colleague.get('/api/directory/users?limit=50')).body);
    expect(everyone).not.toContain('@');
    expect(everyone).not.toMatch(/isAdmin|email|password|status|roleIds/);
  });

  it('treats % and _ as plain text', async () => {
    expect((await colleague.get('/api/directory/users?q=%25')).body.users).toEqual([]);
    expect((await colleague.get('/api/directory/users?q=_')).body.users).toEqual([]);
  });

  it('lists active users by name up to the limit', async () => {
    const all = (await colleague.get('/api/directory/users?limit=50')).body.users as { id: string }[];
    expect(all.map((u) => u.id).sort()).toEqual(
      [ids.chen, ids.li, ids.wang, (await t.admin.get('/api/me')).body.user.id].sort(),
    );
    expect((await colleague.get('/api/directory/users?limit=2')).body.users).toHaveLength(2);
  });

  it('names stored ids in the order given, a disabled former colleague included', async () => {
    const named = await colleague.get(`/api/directory/users?ids=${ids.gone},${ids.li},usr_unknown,${ids.li}`);
    expect(named.status).toBe(200);
    expect(named.body.users).toEqual([
      { id: ids.gone, name: '陈离职', active: false, departments: [] },
      { id: ids.li, name: '李娜', active: true, departments: [{ id: ids.service, name: '售后部' }] },
    ]);
    expect((await colleague.get('/api/directory/users?ids=')).body.users).toEqual([]);
  });

  it('reads the departments and roles', async () => {
    const departments = (await colleague.get('/api/directory/departments')).body.departments;
    const group = departments.find((d: { parentId: string | null }) => d.parentId === null);
    expect(departments).toEqual(
      expect.arrayContaining([
        { id: ids.sales, name: '销售部', parentId: group.id },
        { id: ids.service, name: '售后部', parentId: group.id },
      ]),
    );
    expect(Object.keys(group).sort()).toEqual(['id', 'name', 'parentId']);
    const roles = (await colleague.get('/api/directory/roles')).body.roles;
    expect(roles).toEqual([{ id: expect.any(String), name: '销售顾问' }]);
  });
});

describe('bad input', () => {
  it('answers 4xx with the path of the wrong parameter', async () => {
    const tooMany = expectError(await colleague.get('/api/directory/users?limit=51'), 400);
    expect(tooMany.details[0]?.path).toMatch(/limit/);
    expectError(await colleague.get('/api/directory/users?limit=0'), 400);
    expectError(await colleague.get('/api/directory/users?email=x'), 400);
    const many = Array.from({ length: 101 }, (_, i) => `usr_${i}`).join(',');
    const idsError = expectError(await colleague.get(`/api/directory/users?ids=${many}`), 422);
    expect(idsError.details).toEqual([{ path: '/ids', message: expect.any(String) }]);
  });
});

describe('who may not', () => {
  it('refuses anonymous callers', async () => {
    for (const path of ['users', 'departments', 'roles']) {
      expectError(await t.anonymous().get(`/api/directory/${path}`), 401);
    }
  });

  it('refuses an API token scoped to app data, even an admin’s', async () => {
    await created('/api/apps', { id: 'app_sales', name: { zh: '销售', en: 'Sales' } });
    const token = await created('/api/tokens', {
      name: 'scoped',
      scopes: [{ appId: 'app_sales', access: 'read' }],
    });
    const client = Client.withToken(t.app, token.token);
    for (const path of ['users?q=wang', 'departments', 'roles']) {
      const error = expectError(await client.get(`/api/directory/${path}`), 403, 'forbidden');
      expect(error.message).toBe('This API token is limited to app data.');
    }
  });

  it('lets an unscoped token act as its user', async () => {
    const token = await created('/api/tokens', { name: 'sync' });
    const client = Client.withToken(t.app, token.token);
    expect((await client.get('/api/directory/users?q=wang')).body.users).toHaveLength(1);
  });
});

describe('memberships for the admin console', () => {
  it('lists every department and role membership to admins only', async () => {
    const all = await t.admin.get('/api/memberships');
    expect(all.status).toBe(200);
    const chenDepartments = all.body.departments.filter((d: { userId: string }) => d.userId === ids.chen);
    expect(chenDepartments).toEqual([
      { userId: ids.chen, departmentId: ids.sales, isPrimary: true },
      { userId: ids.chen, departmentId: ids.service, isPrimary: false },
    ]);
    expect(all.body.roles).toEqual([{ userId: ids.chen, roleId: expect.any(String) }]);
    expectError(await colleague.get('/api/memberships'), 403, 'forbidden');
  });
});

describe('workspace isolation', () => {
  it('never answers people, departments or roles of another workspace', async () => {
    const db = t.database.db;
    const other = newId('ws');
    await db
      .insertInto('workspaces')
      .values({ id: other, workspace_id: other, name: 'Other group' })
      .execute();
    const stranger = await createUser(db, other, {
      email: 'chen@other.test',
      name: '陈外人',
      password: PASSWORD,
    });
    await db
      .insertInto('departments')
      .values({ id: newId('dep'), workspace_id: other, name: '外店销售部', kind: 'group' })
      .execute();
    await db
      .insertInto('roles')
      .values({
        id: newId('rol'),
        workspace_id: other,
        code: 'Other',
        name: '外店角色',
        created_at: new Date(),
      })
      .execute();

    const byName = JSON.stringify(
      (await colleague.get(`/api/directory/users?q=${encodeURIComponent('陈')}`)).body,
    );
    expect(byName).not.toContain('陈外人');
    expect((await colleague.get(`/api/directory/users?ids=${stranger.id}`)).body.users).toEqual([]);
    expect(JSON.stringify((await colleague.get('/api/directory/departments')).body)).not.toContain('外店');
    expect(JSON.stringify((await colleague.get('/api/directory/roles')).body)).not.toContain('外店');
    expect(JSON.stringify((await t.admin.get('/api/memberships')).body)).not.toContain(stranger.id);
  });
});
