import { createUser, newId } from '@forecourt/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { expectError } from '../support/client';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t?.close());

async function post(url: string, body: unknown) {
  const response = await t.admin.post(url, body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

describe('a dealer group: group → stores → departments with heads', () => {
  it('builds the tree, assigns people and derives each manager chain', async () => {
    const [group] = (await t.admin.get('/api/departments')).body.departments;
    expect(group).toMatchObject({ kind: 'group', parentId: null, children: [] });

    const gm = await post('/api/users', { email: 'gm@dealer.test', name: '王总', password: 'password-123' });
    const storeManager = await post('/api/users', {
      email: 'store@dealer.test',
      name: '李店长',
      password: 'password-123',
    });
    const salesManager = await post('/api/users', {
      email: 'sm@dealer.test',
      name: '张经理',
      password: 'password-123',
    });
    await t.admin.patch(`/api/departments/${group.id}`, { headUserId: gm.user.id });
    const store = await post('/api/departments', {
      parentId: group.id,
      name: '杭州西湖店',
      kind: 'store',
      code: 'HZ01',
      headUserId: storeManager.user.id,
    });
    const sales = await post('/api/departments', {
      parentId: store.id,
      name: '销售部',
      kind: 'department',
      headUserId: salesManager.user.id,
    });
    const consultant = await post('/api/users', {
      email: 'consultant@dealer.test',
      name: '陈顾问',
      password: 'password-123',
      departments: [{ departmentId: sales.id, isPrimary: true }],
    });
    for (const [user, department] of [
      [storeManager, store],
      [salesManager, sales],
      [gm, group],
    ] as const) {
      expect(
        (
          await t.admin.put(`/api/users/${user.user.id}/departments`, {
            departments: [{ departmentId: department.id }],
          })
        ).status,
      ).toBe(200);
    }

    const tree = (await t.admin.get('/api/departments')).body.departments;
    expect(tree[0].children[0]).toMatchObject({
      name: '杭州西湖店',
      code: 'HZ01',
      children: [{ name: '销售部' }],
    });

    const chain = (await t.admin.get(`/api/users/${consultant.user.id}/managers`)).body.managers;
    expect(chain).toEqual([
      { level: 1, userId: salesManager.user.id, departmentId: sales.id },
      { level: 2, userId: storeManager.user.id, departmentId: store.id },
      { level: 3, userId: gm.user.id, departmentId: group.id },
    ]);
    // A head's own department is passed over: the sales manager's first level is the store manager.
    const smChain = (await t.admin.get(`/api/users/${salesManager.user.id}/managers`)).body.managers;
    expect(smChain.map((m: { userId: string }) => m.userId)).toEqual([storeManager.user.id, gm.user.id]);

    // Moving a department under its own child would make a loop.
    const loop = await t.admin.patch(`/api/departments/${store.id}`, { parentId: sales.id });
    expect(expectError(loop, 422).details[0]?.path).toBe('/parentId');
    // A department with members or children cannot be deleted.
    expectError(await t.admin.delete(`/api/departments/${sales.id}`), 409);
    expectError(await t.admin.delete(`/api/departments/${store.id}`), 409);
    // A duplicate code is refused.
    expectError(
      await t.admin.post('/api/departments', {
        parentId: group.id,
        name: 'Dup',
        kind: 'store',
        code: 'HZ01',
      }),
      409,
    );
  });

  it('manages roles and role membership', async () => {
    const role = await post('/api/roles', { code: 'SalesManager', name: '销售经理' });
    const user = await post('/api/users', {
      email: 'roled@dealer.test',
      name: 'R',
      password: 'password-123',
      roleIds: [role.id],
    });
    expect(user.roleIds).toEqual([role.id]);
    expectError(await t.admin.post('/api/roles', { code: 'SalesManager', name: 'dup' }), 409);
    expect((await t.admin.patch(`/api/roles/${role.id}`, { name: '销售经理（新）' })).body.name).toBe(
      '销售经理（新）',
    );
    expect((await t.admin.delete(`/api/roles/${role.id}`)).status).toBe(204);
    expect((await t.admin.get(`/api/users/${user.user.id}`)).body.roleIds).toEqual([]);
  });

  it('lets users see themselves but not others', async () => {
    const a = await post('/api/users', { email: 'self-a@dealer.test', name: 'A', password: 'password-123' });
    const b = await post('/api/users', { email: 'self-b@dealer.test', name: 'B', password: 'password-123' });
    const client = t.anonymous();
    await client.login('self-a@dealer.test', 'password-123');
    expect((await client.get(`/api/users/${a.user.id}`)).status).toBe(200);
    expectError(await client.get(`/api/users/${b.user.id}`), 403);
  });

  it('stops admins from locking themselves out', async () => {
    const me = (await t.admin.get('/api/me')).body.user;
    expectError(await t.admin.patch(`/api/users/${me.id}`, { isAdmin: false }), 409);
    expectError(await t.admin.patch(`/api/users/${me.id}`, { status: 'disabled' }), 409);
  });
});

describe('workspace isolation', () => {
  it('answers 404 for ids of another workspace, never its data', async () => {
    const db = t.database.db;
    const other = newId('ws');
    await db
      .insertInto('workspaces')
      .values({ id: other, workspace_id: other, name: 'Other group' })
      .execute();
    const stranger = await createUser(db, other, {
      email: 'stranger@other.test',
      name: 'S',
      password: 'password-123',
    });
    const dept = newId('dep');
    await db
      .insertInto('departments')
      .values({ id: dept, workspace_id: other, name: 'Theirs', kind: 'group' })
      .execute();

    expectError(await t.admin.get(`/api/users/${stranger.id}`), 404);
    expectError(await t.admin.patch(`/api/users/${stranger.id}`, { name: 'hijacked' }), 404);
    expectError(await t.admin.put(`/api/users/${stranger.id}/password`, { password: 'password-999' }), 404);
    expectError(await t.admin.get(`/api/departments/${dept}`), 404);
    expectError(await t.admin.post('/api/departments', { parentId: dept, name: 'x', kind: 'store' }), 422);
    const list = JSON.stringify((await t.admin.get('/api/users')).body);
    expect(list).not.toContain('stranger@other.test');
    const untouched = await db
      .selectFrom('users')
      .select('name')
      .where('id', '=', stranger.id)
      .executeTakeFirstOrThrow();
    expect(untouched.name).toBe('S');
  });
});
