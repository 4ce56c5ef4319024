import { type Actor, appsVisibleTo, createPermissionSet, createUser, newId } from '@forecourt/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, newUser } from '../support/access';
import {
  accessOrg,
  asUser as asUserIn,
  setsOf as setsOfIn,
  storedCount as storedCountIn,
} from '../support/access-org';
import type { TestApp } from '../support/app';
import { type Client, expectError } from '../support/client';
import { lead } from '../support/dealership/sales';
import { installForEngine } from '../support/forms';

let t: TestApp;
let adminId: string;
let store: string;
let sales: string;
let consultantRole: string;
let consultant: { id: string; client: Client };

beforeAll(async () => {
  ({ t, adminId, store, sales, consultantRole, consultant } = await accessOrg());
});
afterAll(() => t?.close());

const setsOf = (formId: string) => setsOfIn(t, formId);
const storedCount = (formId: string) => storedCountIn(t, formId);
const asUser = (userId: string) => asUserIn(t, userId);

describe('who manages permission sets, and app roles', () => {
  it('refuses everyone but workspace and app admins, even users holding every right on the form', async () => {
    const id = await grant(t.admin, 'frm_lead', { preset: 'manageAll', users: [consultant.id] });
    const { client } = consultant;
    expectError(await client.get('/api/forms/frm_lead/permission-sets'), 403, 'forbidden');
    expectError(
      await client.post('/api/forms/frm_lead/permission-sets', {
        name: 'Mine',
        preset: 'manageAll',
        assignees: { users: [consultant.id] },
      }),
      403,
    );
    expectError(await client.patch(`/api/permission-sets/${id}`, { name: 'hijacked' }), 403);
    expectError(await client.delete(`/api/permission-sets/${id}`), 403);
    expectError(await client.get('/api/apps/app_sales/roles'), 403);
    expectError(
      await client.put('/api/apps/app_sales/roles', {
        roles: [{ subjectType: 'user', subjectId: consultant.id, role: 'admin' }],
      }),
      403,
    );
    expect(await setsOf('frm_lead')).toMatchObject([{ id, name: 'Test set' }]);
    expect((await t.admin.get('/api/apps/app_sales/roles')).body.roles).toEqual([]);
    expect((await t.admin.delete(`/api/permission-sets/${id}`)).status).toBe(204);
  });

  it("lets app admins manage their app's forms, and no other app's", async () => {
    const appAdmin = await newUser(t, 'app-admin@dealer.test', '销售经理');
    const put = await t.admin.put('/api/apps/app_sales/roles', {
      roles: [
        { subjectType: 'user', subjectId: appAdmin.id, role: 'admin' },
        { subjectType: 'department', subjectId: sales, role: 'member' },
      ],
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.roles).toEqual([
      { subjectType: 'department', subjectId: sales, role: 'member' },
      { subjectType: 'user', subjectId: appAdmin.id, role: 'admin' },
    ]);
    const { client } = appAdmin;
    expect((await client.get('/api/apps/app_sales/roles')).body.roles).toEqual(put.body.roles);

    const id = await grant(client, 'frm_lead', { preset: 'submitAndManageOwn', departments: [sales] });
    expect((await client.patch(`/api/permission-sets/${id}`, { name: 'Sales' })).body.name).toBe('Sales');
    expect((await client.get('/api/forms/frm_quote/permission-sets')).status).toBe(200);
    expect((await client.delete(`/api/permission-sets/${id}`)).status).toBe(204);

    const expenseSet = await grant(t.admin, 'frm_expense', { preset: 'submitOnly', users: [appAdmin.id] });
    expectError(await client.get('/api/forms/frm_expense/permission-sets'), 403);
    expectError(
      await client.post('/api/forms/frm_expense/permission-sets', {
        name: 'x',
        preset: 'viewAll',
        assignees: { users: [appAdmin.id] },
      }),
      403,
    );
    expectError(await client.patch(`/api/permission-sets/${expenseSet}`, { preset: 'manageAll' }), 403);
    expectError(await client.get('/api/apps/app_admin/roles'), 403);
    // Handing out app roles stays with the workspace admins.
    expectError(await client.put('/api/apps/app_sales/roles', { roles: [] }), 403);
    expect((await setsOf('frm_expense')).map((s) => s.id)).toEqual([expenseSet]);

    // An app role given to a department reaches the departments below it; one given to a role, its holders.
    expectError(await consultant.client.get('/api/forms/frm_lead/permission-sets'), 403);
    await t.admin.put('/api/apps/app_sales/roles', {
      roles: [{ subjectType: 'department', subjectId: store, role: 'admin' }],
    });
    await t.admin.put('/api/apps/app_admin/roles', {
      roles: [{ subjectType: 'role', subjectId: consultantRole, role: 'admin' }],
    });
    expect((await consultant.client.get('/api/forms/frm_lead/permission-sets')).status).toBe(200);
    expect((await consultant.client.get('/api/forms/frm_expense/permission-sets')).status).toBe(200);
    expectError(await client.get('/api/forms/frm_lead/permission-sets'), 403);

    for (const app of ['app_sales', 'app_admin'])
      expect((await t.admin.put(`/api/apps/${app}/roles`, { roles: [] })).body.roles).toEqual([]);
    expectError(await consultant.client.get('/api/forms/frm_lead/permission-sets'), 403);
    expect((await t.admin.delete(`/api/permission-sets/${expenseSet}`)).status).toBe(204);
  });

  it('tells app admins they build the app and shows them its drafts; members see neither', async () => {
    const builder = await newUser(t, 'app-builder@dealer.test', '销售主管');
    await t.admin.put('/api/apps/app_sales/roles', {
      roles: [
        { subjectType: 'user', subjectId: builder.id, role: 'admin' },
        { subjectType: 'user', subjectId: consultant.id, role: 'member' },
      ],
    });
    const draft = await builder.client.post('/api/apps/app_sales/forms', {
      id: 'frm_test_drive_draft',
      title: { zh: '试驾单', en: 'Test drive' },
      fields: [{ id: 'f_name', type: 'text', label: { zh: '客户', en: 'Customer' } }],
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);

    const asBuilder = await builder.client.get('/api/apps/app_sales');
    expect(asBuilder.body.manages).toBe(true);
    expect(asBuilder.body.forms.map((f: { id: string }) => f.id)).toContain('frm_test_drive_draft');
    const form = await builder.client.get('/api/forms/frm_test_drive_draft');
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ manages: true, published: null, hasFlow: false });

    const asMember = await consultant.client.get('/api/apps/app_sales');
    expect(asMember.body.manages).toBe(false);
    expect(asMember.body.forms.map((f: { id: string }) => f.id)).not.toContain('frm_test_drive_draft');
    expectError(await consultant.client.get('/api/forms/frm_test_drive_draft'), 404);
    expect((await t.admin.get('/api/apps/app_sales')).body.manages).toBe(true);
    // The builder of one app is a stranger to another's drafts.
    expect((await builder.client.get('/api/apps/app_admin')).status).toBe(404);
    expect((await t.admin.put('/api/apps/app_sales/roles', { roles: [] })).status).toBe(200);
    expect((await builder.client.get('/api/apps/app_sales')).status).toBe(404);
  });

  it('checks app roles: each subject must exist, once', async () => {
    const cases: [unknown[], string][] = [
      [[{ subjectType: 'user', subjectId: 'usr_nobody', role: 'admin' }], '/roles/0/subjectId'],
      [
        [
          { subjectType: 'department', subjectId: sales, role: 'member' },
          { subjectType: 'role', subjectId: sales, role: 'member' },
        ],
        '/roles/1/subjectId',
      ],
      [
        [
          { subjectType: 'user', subjectId: consultant.id, role: 'member' },
          { subjectType: 'user', subjectId: consultant.id, role: 'admin' },
        ],
        '/roles/1',
      ],
    ];
    for (const [roles, path] of cases) {
      const error = expectError(await t.admin.put('/api/apps/app_sales/roles', { roles }), 422);
      expect(error.details.map((d) => d.path)).toEqual([path]);
    }
    const badRole = [{ subjectType: 'user', subjectId: consultant.id, role: 'owner' }];
    expectError(await t.admin.put('/api/apps/app_sales/roles', { roles: badRole }), 400);
    expect((await t.admin.get('/api/apps/app_sales/roles')).body.roles).toEqual([]);
    expectError(await t.admin.get('/api/apps/app_nope/roles'), 404);
  });

  it('lists the apps a user may see: by app role or by a permission set given to them', async () => {
    const viewer = await newUser(t, 'viewer@dealer.test', '王五', { departments: [sales] });
    const db = t.database.db;
    expect(await appsVisibleTo(db, asUser(viewer.id))).toEqual([]);

    const set = await grant(t.admin, 'frm_expense', { preset: 'submitOnly', departments: [store] });
    expect(await appsVisibleTo(db, asUser(viewer.id))).toEqual(['app_admin']);
    await t.admin.put('/api/apps/app_sales/roles', {
      roles: [{ subjectType: 'role', subjectId: consultantRole, role: 'member' }],
    });
    expect(await appsVisibleTo(db, asUser(viewer.id))).toEqual(['app_admin']);
    expect(await appsVisibleTo(db, asUser(consultant.id))).toEqual(['app_admin', 'app_sales']);

    expect(await appsVisibleTo(db, { ...asUser(adminId), isAdmin: true })).toEqual([
      'app_admin',
      'app_sales',
    ]);
    const token: Actor = {
      ...asUser(consultant.id),
      via: 'token',
      scopes: [{ appId: 'app_sales', access: 'read' }],
    };
    expect(await appsVisibleTo(db, token)).toEqual(['app_sales']);

    await t.admin.put('/api/apps/app_sales/roles', { roles: [] });
    expect((await t.admin.delete(`/api/permission-sets/${set}`)).status).toBe(204);
    expect(await appsVisibleTo(db, asUser(consultant.id))).toEqual([]);
  });

  it('answers 404 for the sets, forms and apps of another workspace, and refuses its people', async () => {
    const db = t.database.db;
    const other = newId('ws');
    await db
      .insertInto('workspaces')
      .values({ id: other, workspace_id: other, name: 'Other group' })
      .execute();
    const stranger = await createUser(db, other, {
      email: 'admin@other.test',
      name: 'S',
      password: 'password-123',
      isAdmin: true,
    });
    const otherAdmin: Actor = { workspaceId: other, userId: stranger.id, isAdmin: true, via: 'session' };
    await installForEngine(t.database, otherAdmin, [{ ...lead, id: 'frm_other_lead', app: 'app_other' }]);
    const foreign = await createPermissionSet(db, otherAdmin, 'frm_other_lead', {
      name: 'Theirs',
      preset: 'viewAll',
      assignees: { users: [stranger.id] },
    });

    expectError(await t.admin.patch(`/api/permission-sets/${foreign.id}`, { name: 'hijacked' }), 404);
    expectError(await t.admin.delete(`/api/permission-sets/${foreign.id}`), 404);
    expectError(await t.admin.get('/api/forms/frm_other_lead/permission-sets'), 404);
    expectError(
      await t.admin.post('/api/forms/frm_other_lead/permission-sets', {
        name: 'x',
        preset: 'manageAll',
        assignees: { users: [consultant.id] },
      }),
      404,
    );
    expectError(await t.admin.get('/api/apps/app_other/roles'), 404);
    expectError(await t.admin.put('/api/apps/app_other/roles', { roles: [] }), 404);

    const withStranger = await t.admin.post('/api/forms/frm_lead/permission-sets', {
      name: 'x',
      preset: 'viewAll',
      assignees: { users: [consultant.id, stranger.id] },
    });
    expect(expectError(withStranger, 422).details.map((d) => d.path)).toEqual(['/assignees/users/1']);
    const strangerRole = await t.admin.put('/api/apps/app_sales/roles', {
      roles: [{ subjectType: 'user', subjectId: stranger.id, role: 'admin' }],
    });
    expect(expectError(strangerRole, 422).details.map((d) => d.path)).toEqual(['/roles/0/subjectId']);

    const untouched = await db
      .selectFrom('permission_sets')
      .select(['name', 'workspace_id'])
      .where('id', '=', foreign.id)
      .executeTakeFirstOrThrow();
    expect(untouched).toEqual({ name: 'Theirs', workspace_id: other });
    expect(await storedCount('frm_lead')).toBe(0);
  });
});
