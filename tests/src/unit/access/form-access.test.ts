import {
  type Action,
  type Actor,
  DomainError,
  ForbiddenError,
  FormAccess,
  FULL_GRANT,
  forbiddenFields,
  formAccess,
  type Grant,
  maskData,
  NotFoundError,
} from '@forecourt/engine';
import { describe, expect, it } from 'vitest';
import {
  type Answers,
  actor,
  fakeDatabase,
  grantOf,
  ids,
  leadForm,
  ownRows,
  storeRows,
  where,
} from './support';

const accessWith = (grants: Grant[], manages = false) =>
  new FormAccess('frm_lead', 3, leadForm, manages, grants);

/** A consultant: manages their own leads (every field but the budget), and sees the store's without notes. */
const consultant = accessWith([
  grantOf(
    ['view', 'create', 'edit', 'delete', 'print'],
    ownRows,
    ['f_name', 'f_mobile', 'f_source', 'f_note'],
    ['f_name', 'f_mobile', 'f_note'],
  ),
  grantOf(['view', 'export'], storeRows, ['f_name', 'f_source'], []),
]);

describe('FormAccess: actions', () => {
  it('can: an action some set grants', () => {
    expect(ACTIONS_OF(consultant)).toEqual(['view', 'create', 'edit', 'delete', 'export', 'print']);
    expect(ACTIONS_OF(accessWith([]))).toEqual([]);
    expect(ACTIONS_OF(accessWith([FULL_GRANT]))).toHaveLength(9);
  });

  it('require: a 403 in words for an action no set grants', () => {
    expect(() => consultant.require('view')).not.toThrow();
    const words: [Action, string][] = [
      ['import', 'You may not import records into this form.'],
      ['batchEdit', 'You may not change records of this form in bulk.'],
      ['manageWorkflow', 'You may not manage the approvals of this form.'],
    ];
    for (const [action, message] of words) {
      const refusal = catchError(() => consultant.require(action));
      expect(refusal).toBeInstanceOf(ForbiddenError);
      expect(refusal).toMatchObject({ code: 'forbidden', message, details: [] });
    }
    expect(catchError(() => accessWith([]).require('create'))).toMatchObject({
      message: 'You may not add records to this form.',
    });
  });
});

describe('FormAccess: rows', () => {
  it('rows: the union of the scopes of the sets granting the action (view by default)', () => {
    expect(where(consultant.rows())).toEqual({
      sql: '(records.owner_id = $1 or records.dept_id in ($2))',
      parameters: ['usr_chen', 'store_a'],
    });
    expect(where(consultant.rows('edit')).sql).toBe('(records.owner_id = $1)');
    expect(where(consultant.rows('export')).sql).toBe('(records.dept_id in ($1))');
    expect(where(consultant.rows('import')).sql).toBe('false');
  });

  it('reachesAll: only when a set granting the action reaches every row', () => {
    expect(consultant.reachesAll()).toBe(false);
    const viewer = accessWith([grantOf(['view'], true), grantOf(['edit'], ownRows)]);
    expect([viewer.reachesAll('view'), viewer.reachesAll('edit')]).toEqual([true, false]);
  });

  it('reaches: a row by its flags, for the sets granting the action', () => {
    // Flags: own set first, store set second.
    expect(consultant.reaches('10', 'edit')).toBe(true);
    expect(consultant.reaches('01', 'edit')).toBe(false);
    expect(consultant.reaches('01', 'view')).toBe(true);
    expect(consultant.reaches('01', 'export')).toBe(true);
    expect(consultant.reaches('10', 'export')).toBe(false);
    expect(consultant.reaches('00', 'view')).toBe(false);
    expect(accessWith([]).reaches('', 'view')).toBe(false);
  });
});

describe('FormAccess: fields', () => {
  it('common: the fields every reached row shows (what filters, sorts and export may use)', () => {
    expect(ids(consultant.common())).toEqual(['f_name', 'f_source']);
    expect(ids(consultant.common('edit'))).toEqual(['f_mobile', 'f_name', 'f_note', 'f_source']);
    expect(ids(consultant.common('import'))).toEqual([]);
    expect(accessWith([FULL_GRANT]).common()).toBe('all');
  });

  it('uniform: whether every reached row shows the same fields', () => {
    expect(consultant.uniform()).toBe(false);
    expect(consultant.uniform('edit')).toBe(true);
    expect(
      accessWith([
        grantOf(['view'], ownRows, ['f_name']),
        grantOf(['view'], storeRows, ['f_name']),
      ]).uniform(),
    ).toBe(true);
    expect(accessWith([grantOf(['view'], ownRows), grantOf(['view'], storeRows, ['f_name'])]).uniform()).toBe(
      false,
    );
    expect(accessWith([]).uniform()).toBe(true);
  });

  it('readable: by a row’s flags, the union of the sets reaching it; without flags, the common fields', () => {
    expect(ids(consultant.readable('11'))).toEqual(['f_name', 'f_mobile', 'f_note', 'f_source'].sort());
    expect(ids(consultant.readable('01'))).toEqual(['f_name', 'f_source']);
    expect(ids(consultant.readable('00'))).toEqual([]);
    expect(ids(consultant.readable(undefined))).toEqual(['f_name', 'f_source']);
    // The store set grants no print: on a store row, printing shows nothing.
    expect(ids(consultant.readable('01', 'print'))).toEqual([]);
  });

  it('writableFor: the fields a new record (or a bulk change) may carry', () => {
    expect(ids(consultant.writableFor('create'))).toEqual(['f_mobile', 'f_name', 'f_note']);
    expect(ids(consultant.writableFor('import'))).toEqual([]);
    expect(ids(consultant.writableFor('export'))).toEqual([]);
    expect(accessWith([FULL_GRANT]).writableFor('batchEdit')).toBe('all');
  });

  it('editable: the fields the user may change on a row, by the sets granting edit that reach it', () => {
    expect(ids(consultant.editable('10'))).toEqual(['f_mobile', 'f_name', 'f_note']);
    expect(ids(consultant.editable('11'))).toEqual(['f_mobile', 'f_name', 'f_note']);
    expect(ids(consultant.editable('01'))).toEqual([]);
  });

  it('fieldsIn: the form’s fields within a set, in form order', () => {
    expect(consultant.fieldsIn(new Set(['f_source', 'f_name'])).map((f) => f.id)).toEqual([
      'f_name',
      'f_source',
    ]);
    expect(consultant.fieldsIn('all')).toHaveLength(leadForm.fields.length);
  });
});

describe('FormAccess: visibleDefinition', () => {
  it('shows a "submit only" user the fields to fill, and nothing else', () => {
    const submitOnly = accessWith([
      grantOf(['create'], ownRows, ['f_name', 'f_mobile'], ['f_name', 'f_mobile']),
    ]);
    const visible = submitOnly.visibleDefinition();
    expect(visible.fields.map((f) => f.id)).toEqual(['f_name', 'f_mobile']);
    expect({ ...visible, fields: [] }).toEqual({ ...leadForm, fields: [] });
  });

  it('shows the fields any set shows or lets fill, in form order', () => {
    expect(consultant.visibleDefinition().fields.map((f) => f.id)).toEqual([
      'f_name',
      'f_mobile',
      'f_source',
      'f_note',
    ]);
  });

  it('shows no field without sets, and the whole form to a manager', () => {
    expect(accessWith([]).visibleDefinition().fields).toEqual([]);
    expect(accessWith([], true).visibleDefinition()).toBe(leadForm);
  });
});

describe('maskData', () => {
  const data = { f_name: '王先生', f_mobile: '+8613800138000', f_budget: '200000.00' };

  it('keeps only the fields the set shows', () => {
    expect(maskData(data, new Set(['f_name', 'f_note']))).toEqual({ f_name: '王先生' });
    expect(maskData(data, new Set())).toEqual({});
  });

  it('returns data as is for every field, and null as null', () => {
    expect(maskData(data, 'all')).toBe(data);
    expect(maskData(null, new Set(['f_name']))).toBeNull();
  });

  it('never copies a prototype key, even an own one', () => {
    const hostile = JSON.parse('{"f_name":"x","__proto__":{"polluted":true}}') as Record<string, unknown>;
    const masked = maskData(hostile, new Set(['f_name']));
    expect(masked).toEqual({ f_name: 'x' });
    expect(Object.getPrototypeOf(masked)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('forbiddenFields', () => {
  it('is a 403 naming the path of each field', () => {
    const one = forbiddenFields(['/f_budget']);
    expect(one).toBeInstanceOf(DomainError);
    expect(one).toMatchObject({
      code: 'forbidden',
      message: 'You may not change this field.',
      details: [{ path: '/f_budget', message: 'You may not change this field.' }],
    });
    const two = forbiddenFields(['/records/0/f_budget', '/records/1/f_note']);
    expect(two.message).toBe('You may not change these fields.');
    expect(two.details.map((d) => d.path)).toEqual(['/records/0/f_budget', '/records/1/f_note']);
  });
});

/**
 * formAccess without a database: the fake answers the form, its published version and the one
 * access query (departments, roles, tree, app roles, sets) from canned rows.
 */
describe('formAccess', () => {
  const stored = (rules: Record<string, unknown>) => ({
    id: 'pms_x',
    form_id: 'frm_lead',
    name: 'Set',
    preset: null,
    actions: ['view'],
    read_fields: null,
    write_fields: null,
    scope: { kind: 'all' },
    assignees: { users: [], departments: [], roles: [] },
    created_at: '2026-03-01T00:00:00Z',
    updated_at: '2026-03-01T00:00:00Z',
    ...rules,
  });
  const manageAll = stored({
    id: 'pms_all',
    actions: ['view', 'create', 'edit', 'delete', 'export', 'import', 'batchEdit', 'print', 'manageWorkflow'],
    assignees: { users: ['usr_chen'], departments: [], roles: [] },
  });

  function database(
    access: { sets?: unknown[]; appRoles?: unknown[]; published?: number | null; missing?: boolean } = {},
  ) {
    const published = access.published === undefined ? 3 : access.published;
    const form = { id: 'frm_lead', app_id: 'app_sales', draft: leadForm, published_version: published };
    const answers: Answers = [
      // The one access query (it may read the form's published version and app along).
      [
        /json_agg\(department_id\)/,
        () =>
          access.missing
            ? []
            : [
                {
                  published_version: published,
                  app_id: 'app_sales',
                  departments: ['sales_a'],
                  roles: ['rol_consultant'],
                  tree: [
                    ['group', null],
                    ['store_a', 'group'],
                    ['sales_a', 'store_a'],
                  ],
                  app_roles: access.appRoles ?? null,
                  sets: access.sets ?? null,
                },
              ],
      ],
      [/from "forms"/, () => (access.missing ? [] : [form])],
      [/from "form_versions"/, () => (published === null ? [] : [{ definition: leadForm }])],
    ];
    return fakeDatabase(answers);
  }

  const token = (scopes: Actor['scopes'], extra: Partial<Actor> = {}) =>
    actor('usr_chen', { via: 'token', tokenId: 'tok_1', scopes, ...extra });

  it('compiles the sets assigned to the user (directly, by a department above, by role), and only those', async () => {
    const { db, queries } = database({
      sets: [
        stored({
          id: 'pms_own',
          actions: ['view', 'edit'],
          scope: { kind: 'own' },
          assignees: { users: [], departments: ['store_a'], roles: [] },
        }),
        stored({
          id: 'pms_role',
          actions: ['export'],
          assignees: { users: [], departments: [], roles: ['rol_consultant'] },
        }),
        stored({
          id: 'pms_other',
          actions: ['delete'],
          assignees: { users: ['usr_li'], departments: ['store_b'], roles: ['rol_gm'] },
        }),
      ],
    });
    const access = await formAccess(db, actor(), 'frm_lead');
    expect([access.formId, access.version, access.manages]).toEqual(['frm_lead', 3, false]);
    expect(access.grants).toHaveLength(2);
    expect(ACTIONS_OF(access)).toEqual(['view', 'edit', 'export']);
    expect(where(access.rows('edit'))).toEqual({ sql: '(records.owner_id = $1)', parameters: ['usr_chen'] });
    expect(access.reachesAll('export')).toBe(true);
    // Every query is confined to the actor's workspace.
    for (const query of queries) expect(query.parameters).toContain('ws_1');
  });

  it('gives app admins, workspace admins and the system every right, and the power to manage', async () => {
    const appAdmin = await formAccess(
      database({ appRoles: [['department', 'store_a', 'admin']], sets: [manageAll] }).db,
      actor(),
      'frm_lead',
    );
    expect([appAdmin.manages, appAdmin.grants]).toEqual([true, [FULL_GRANT]]);
    const member = await formAccess(
      database({ appRoles: [['user', 'usr_chen', 'member']] }).db,
      actor(),
      'frm_lead',
    );
    expect([member.manages, member.grants]).toEqual([false, []]);
    const { db, queries } = database();
    const admin = await formAccess(db, actor('usr_admin', { isAdmin: true }), 'frm_lead');
    expect([admin.manages, admin.grants]).toEqual([true, [FULL_GRANT]]);
    expect(queries.some((q) => /json_agg/.test(q.sql))).toBe(false);
    const system = await formAccess(db, actor('usr_admin', { via: 'system' }), 'frm_lead');
    expect(system.grants).toEqual([FULL_GRANT]);
  });

  it('narrows a read-scoped token to view, export and print, whatever the user’s sets grant', async () => {
    const access = await formAccess(
      database({ sets: [manageAll] }).db,
      token([{ appId: 'app_sales', access: 'read' }]),
      'frm_lead',
    );
    expect(ACTIONS_OF(access)).toEqual(['view', 'export', 'print']);
    expect(access.manages).toBe(false);
    expect(() => access.require('create')).toThrow(ForbiddenError);
    expect(ids(access.writableFor('create'))).toEqual([]);
    expect(access.reachesAll('view')).toBe(true);
  });

  it('leaves a write-scoped token what the user may do, but never the power to manage', async () => {
    const user = await formAccess(
      database({ sets: [manageAll] }).db,
      token([{ appId: 'app_sales', access: 'write' }]),
      'frm_lead',
    );
    expect(ACTIONS_OF(user)).toHaveLength(9);
    const admin = await formAccess(
      database().db,
      token([{ appId: 'app_sales', access: 'write' }], { isAdmin: true }),
      'frm_lead',
    );
    expect([admin.manages, ACTIONS_OF(admin).length]).toEqual([false, 9]);
    const readAdmin = await formAccess(
      database().db,
      token([{ appId: 'app_sales', access: 'read' }], { isAdmin: true }),
      'frm_lead',
    );
    expect([readAdmin.manages, ACTIONS_OF(readAdmin)]).toEqual([false, ['view', 'export', 'print']]);
  });

  it('gives a token scoped to other apps nothing on this form, without reading the user’s sets', async () => {
    const { db, queries } = database({ sets: [manageAll] });
    for (const scopes of [[{ appId: 'app_service', access: 'write' as const }], []]) {
      const access = await formAccess(db, token(scopes, { isAdmin: true }), 'frm_lead');
      expect([access.grants, access.manages, access.visibleDefinition().fields]).toEqual([[], false, []]);
    }
    expect(queries.some((q) => /json_agg/.test(q.sql))).toBe(false);
  });

  it('answers 404 for a form that is not published, or not there', async () => {
    for (const who of [actor(), actor('usr_admin', { isAdmin: true })]) {
      const draft = formAccess(database({ published: null }).db, who, 'frm_lead');
      await expect(draft).rejects.toBeInstanceOf(NotFoundError);
      const gone = formAccess(database({ missing: true }).db, who, 'frm_lead');
      await expect(gone).rejects.toBeInstanceOf(NotFoundError);
    }
  });
});

function ACTIONS_OF(access: FormAccess): Action[] {
  return (
    ['view', 'create', 'edit', 'delete', 'export', 'import', 'batchEdit', 'print', 'manageWorkflow'] as const
  ).filter((a) => access.can(a));
}

function catchError(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
