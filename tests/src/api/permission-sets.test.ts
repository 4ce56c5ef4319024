import { formAccess } from '@forecourt/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant } from '../support/access';
import {
  accessOrg,
  asUser as asUserIn,
  setsOf as setsOfIn,
  storedCount as storedCountIn,
} from '../support/access-org';
import type { TestApp } from '../support/app';
import { type Client, expectError } from '../support/client';

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

const ALL_ACTIONS = [
  'view',
  'create',
  'edit',
  'delete',
  'export',
  'import',
  'batchEdit',
  'print',
  'manageWorkflow',
];

describe('permission sets', () => {
  it('creates, lists, changes and deletes a custom set, which takes effect for its people', async () => {
    const custom = {
      name: 'Referrals of my own',
      actions: ['view', 'edit', 'export'],
      readFields: ['f_name', 'f_mobile', 'f_source'],
      writeFields: ['f_mobile'],
      scope: {
        kind: 'filter',
        filter: {
          and: [
            { field: '_owner', op: 'isMe' },
            { field: 'f_source', op: 'eq', value: 'Referral' },
          ],
        },
      },
      assignees: { users: [consultant.id], departments: [store], roles: [consultantRole] },
    };
    const created = await t.admin.post('/api/forms/frm_lead/permission-sets', custom);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toEqual({
      ...custom,
      id: expect.stringMatching(/^pms_/),
      formId: 'frm_lead',
      preset: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(await setsOf('frm_lead')).toEqual([created.body]);
    const access = await formAccess(t.database.db, asUser(consultant.id), 'frm_lead');
    expect([access.can('view'), access.can('edit'), access.can('create')]).toEqual([true, true, false]);

    const patched = await t.admin.patch(`/api/permission-sets/${created.body.id}`, {
      name: 'Referrals',
      writeFields: null,
      assignees: { users: [consultant.id] },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toEqual({
      ...created.body,
      name: 'Referrals',
      writeFields: null,
      assignees: { users: [consultant.id], departments: [], roles: [] },
      updatedAt: expect.any(String),
    });
    expect(await setsOf('frm_lead')).toEqual([patched.body]);

    expect((await t.admin.delete(`/api/permission-sets/${created.body.id}`)).status).toBe(204);
    expect(await setsOf('frm_lead')).toEqual([]);
    expect((await formAccess(t.database.db, asUser(consultant.id), 'frm_lead')).can('view')).toBe(false);
    expectError(await t.admin.patch(`/api/permission-sets/${created.body.id}`, { name: 'x' }), 404);
    expectError(await t.admin.delete(`/api/permission-sets/${created.body.id}`), 404);
    expectError(await t.admin.get('/api/forms/frm_nope/permission-sets'), 404);
  });

  it('expands each preset, and lets explicit actions and scope override it', async () => {
    const expected = {
      submitOnly: { actions: ['create'], scope: { kind: 'own' } },
      submitAndManageOwn: { actions: ['create', 'view', 'edit', 'delete', 'print'], scope: { kind: 'own' } },
      viewAll: { actions: ['view', 'export', 'print'], scope: { kind: 'all' } },
      manageAll: { actions: ALL_ACTIONS, scope: { kind: 'all' } },
    };
    const ids: string[] = [];
    for (const [preset, rules] of Object.entries(expected)) {
      const response = await t.admin.post('/api/forms/frm_quote/permission-sets', {
        name: preset,
        preset,
        assignees: { roles: [consultantRole] },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body).toMatchObject({ preset, ...rules, readFields: null, writeFields: null });
      expect(response.body.actions).toEqual(rules.actions);
      ids.push(response.body.id);
    }

    const overridden = await t.admin.post('/api/forms/frm_quote/permission-sets', {
      name: 'Store quotes',
      preset: 'viewAll',
      actions: ['view'],
      scope: { kind: 'department' },
      assignees: { departments: [store] },
    });
    expect(overridden.status, JSON.stringify(overridden.body)).toBe(201);
    expect(overridden.body).toMatchObject({
      preset: 'viewAll',
      actions: ['view'],
      scope: { kind: 'department' },
    });
    ids.push(overridden.body.id);

    // Choosing a preset later starts the set over from it.
    const represet = await t.admin.patch(`/api/permission-sets/${overridden.body.id}`, {
      preset: 'submitOnly',
    });
    expect(represet.body).toMatchObject({
      preset: 'submitOnly',
      actions: ['create'],
      scope: { kind: 'own' },
    });
    const custom = await t.admin.patch(`/api/permission-sets/${overridden.body.id}`, { preset: null });
    expect(custom.body).toMatchObject({ preset: null, actions: ['create'], scope: { kind: 'own' } });

    for (const id of ids) expect((await t.admin.delete(`/api/permission-sets/${id}`)).status).toBe(204);
  });

  it('answers 422 naming each bad part, and stores nothing', async () => {
    const base = {
      name: 'Bad',
      actions: ['view'],
      scope: { kind: 'all' },
      assignees: { users: [consultant.id] },
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ actions: ['view', 'fly'] }, '/actions/1'],
      [{ actions: ['view', 'edit', 'view'] }, '/actions/2'],
      [{ actions: [] }, '/actions'],
      [{ actions: undefined }, '/actions'],
      [{ scope: undefined }, '/scope'],
      [{ actions: undefined, preset: 'everything' }, '/preset'],
      [{ readFields: ['f_name', 'f_mobile', 'f_nope'] }, '/readFields/2'],
      [{ readFields: ['f_name', 'f_name'] }, '/readFields/1'],
      [{ readFields: ['f_msrp'] }, '/readFields/0'], // a field of the quote form, not the lead
      [{ writeFields: ['f_name', 'f_total'] }, '/writeFields/1'],
      [{ readFields: ['f_name'], writeFields: ['f_name', 'f_mobile'] }, '/writeFields/1'],
      [{ scope: { kind: 'everyone' } }, '/scope/kind'],
      [{ scope: { kind: 'own', filter: { field: 'f_name', op: 'empty' } } }, '/scope/filter'],
      [{ scope: { kind: 'filter' } }, '/scope/filter'],
      [{ scope: { kind: 'filter', filter: 'store = my store' } }, '/scope/filter'],
      [{ scope: { kind: 'filter', filter: { field: 'f_nope', op: 'eq', value: 1 } } }, '/scope/filter/field'],
      [{ scope: { kind: 'filter', filter: { field: 'f_msrp', op: 'gt', value: 1 } } }, '/scope/filter/field'],
      [
        {
          scope: {
            kind: 'filter',
            filter: {
              or: [
                { field: '_owner', op: 'isMe' },
                { field: 'f_next_follow_up', op: 'between', value: 1 },
              ],
            },
          },
        },
        '/scope/filter/or/1/value',
      ],
      // Well-formed (a lead's mobile is text), so only compiling it finds the problem.
      [
        { scope: { kind: 'filter', filter: { field: 'f_mobile', op: 'startsWith', value: ['138'] } } },
        '/scope/filter/value',
      ],
      [{ assignees: { users: ['usr_nobody'] } }, '/assignees/users/0'],
      [{ assignees: { departments: [sales, 'dep_nowhere'] } }, '/assignees/departments/1'],
      [{ assignees: { roles: ['rol_none'] } }, '/assignees/roles/0'],
    ];
    for (const [change, path] of cases) {
      const response = await t.admin.post('/api/forms/frm_lead/permission-sets', { ...base, ...change });
      const error = expectError(response, 422, 'validation_failed');
      expect(
        error.details.map((d) => d.path),
        JSON.stringify(change),
      ).toEqual([path]);
    }
    expect(await storedCount('frm_lead')).toBe(0);

    // A condition on related records is checked against the related form's fields.
    const related = await t.admin.post('/api/forms/frm_quote/permission-sets', {
      ...base,
      scope: { kind: 'filter', filter: { related: 'f_lead', where: { field: 'f_msrp', op: 'empty' } } },
    });
    expect(expectError(related, 422).details.map((d) => d.path)).toEqual(['/scope/filter/where/field']);
    expect(await storedCount('frm_quote')).toBe(0);

    // Unknown properties are malformed requests, refused before the engine sees them.
    expectError(
      await t.admin.post('/api/forms/frm_lead/permission-sets', { ...base, workspaceId: 'ws_other' }),
      400,
    );
    expect(await storedCount('frm_lead')).toBe(0);

    // A change is checked against the set as it would become.
    const id = await grant(t.admin, 'frm_lead', {
      actions: ['view', 'edit'],
      readFields: ['f_name', 'f_mobile'],
      writeFields: ['f_mobile'],
      scope: { kind: 'own' },
      users: [consultant.id],
    });
    const [before] = await setsOf('frm_lead');
    const narrower = await t.admin.patch(`/api/permission-sets/${id}`, { readFields: ['f_name'] });
    expect(expectError(narrower, 422).details.map((d) => d.path)).toEqual(['/writeFields/0']);
    const badFilter = await t.admin.patch(`/api/permission-sets/${id}`, {
      scope: { kind: 'filter', filter: { field: 'f_nope', op: 'empty' } },
    });
    expect(expectError(badFilter, 422).details.map((d) => d.path)).toEqual(['/scope/filter/field']);
    expect(await setsOf('frm_lead')).toEqual([before]);
    expect((await t.admin.delete(`/api/permission-sets/${id}`)).status).toBe(204);
  });

  it('writes an audit event for each change, in the same transaction', async () => {
    const db = t.database.db;
    const refused = await t.admin.post('/api/forms/frm_lead/permission-sets', {
      name: 'Refused',
      preset: 'viewAll',
      assignees: { users: ['usr_nobody'] },
    });
    expectError(refused, 422);

    const id = await grant(t.admin, 'frm_lead', {
      name: 'Audited',
      preset: 'viewAll',
      users: [consultant.id],
    });
    await t.admin.patch(`/api/permission-sets/${id}`, { name: 'Audited again', readFields: ['f_name'] });
    await t.admin.delete(`/api/permission-sets/${id}`);
    await t.admin.put('/api/apps/app_sales/roles', {
      roles: [{ subjectType: 'user', subjectId: consultant.id, role: 'member' }],
    });

    const rows = await db
      .selectFrom('audit_log')
      .select(['workspace_id', 'actor_id', 'via', 'action', 'target_type', 'target_id', 'details'])
      .where('workspace_id', '=', t.workspaceId)
      .where('action', 'in', ['permission_set.create', 'permission_set.update', 'permission_set.delete'])
      .where('target_id', '=', id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual([
      'permission_set.create',
      'permission_set.update',
      'permission_set.delete',
    ]);
    for (const row of rows)
      expect(row).toMatchObject({ actor_id: adminId, via: 'session', target_type: 'permission_set' });
    expect(rows[0]!.details).toMatchObject({
      formId: 'frm_lead',
      name: 'Audited',
      set: { preset: 'viewAll', actions: ['view', 'export', 'print'], assignees: { users: [consultant.id] } },
    });
    expect(rows[1]!.details).toEqual({
      formId: 'frm_lead',
      name: 'Audited again',
      changes: {
        name: { from: 'Audited', to: 'Audited again' },
        readFields: { from: null, to: ['f_name'] },
      },
    });
    expect(rows[2]!.details).toMatchObject({ formId: 'frm_lead', name: 'Audited again' });

    const creates = await db
      .selectFrom('audit_log')
      .select('details')
      .where('workspace_id', '=', t.workspaceId)
      .where('action', '=', 'permission_set.create')
      .execute();
    expect(creates.map((r) => (r.details as { name: string }).name)).not.toContain('Refused');
    expect(creates.map((r) => (r.details as { name: string }).name)).toContain('Audited');

    const roles = await db
      .selectFrom('audit_log')
      .select(['target_id', 'details'])
      .where('workspace_id', '=', t.workspaceId)
      .where('action', '=', 'app_roles.update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(roles).toEqual({
      target_id: 'app_sales',
      details: {
        appId: 'app_sales',
        before: [],
        after: [{ subjectType: 'user', subjectId: consultant.id, role: 'member' }],
      },
    });
    await t.admin.put('/api/apps/app_sales/roles', { roles: [] });
  });

  it(`keeps a form to at most 50 sets`, async () => {
    for (let i = 0; i < 50; i++)
      await grant(t.admin, 'frm_quote', { name: `Set ${i}`, preset: 'submitOnly' });
    const extra = await t.admin.post('/api/forms/frm_quote/permission-sets', {
      name: 'One too many',
      preset: 'submitOnly',
      assignees: {},
    });
    expectError(extra, 409, 'conflict');
    expect(await storedCount('frm_quote')).toBe(50);
  });
});
