import {
  ACTIONS,
  compileGrants,
  compileScope,
  FULL_GRANT,
  hasField,
  intersect,
  type PermissionSet,
  rowsFor,
  sameFields,
  scopeFlags,
  union,
  ValidationError,
} from '@forecourt/engine';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { context, grantOf, ids, ownRows, principalOf, selected, storeRows, where } from './support';

const set = (rules: Partial<PermissionSet>): PermissionSet => ({
  id: 'pms_1',
  formId: 'frm_lead',
  name: 'Set',
  preset: null,
  actions: ['view'],
  readFields: null,
  writeFields: null,
  scope: { kind: 'all' },
  assignees: { users: ['usr_chen'], departments: [], roles: [] },
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
  ...rules,
});

describe('compileScope', () => {
  const sales = context(principalOf(['sales_a']));

  it('"all" needs no condition at all', async () => {
    expect(await compileScope(sales, { kind: 'all' })).toBe(true);
  });

  it('"own" compares the owner with the user, as a parameter', async () => {
    expect(where(await compileScope(sales, { kind: 'own' }))).toEqual({
      sql: 'records.owner_id = $1',
      parameters: ['usr_chen'],
    });
  });

  it('"department" reaches only the departments the user is in, not those below', async () => {
    const service = context(principalOf(['service_a']));
    expect(where(await compileScope(service, { kind: 'department' }))).toEqual({
      sql: '"records"."dept_id" in ($1)',
      parameters: ['service_a'],
    });
    const two = context(principalOf(['sales_a', 'sales_b']));
    expect(where(await compileScope(two, { kind: 'department' }))).toEqual({
      sql: '"records"."dept_id" in ($1, $2)',
      parameters: ['sales_a', 'sales_b'],
    });
  });

  it('"subtree" reaches the departments the user is in and every one below them', async () => {
    const manager = context(principalOf(['store_a']));
    const compiled = where(await compileScope(manager, { kind: 'subtree' }));
    expect(compiled.sql).toBe('"records"."dept_id" in ($1, $2, $3, $4)');
    expect([...compiled.parameters].sort()).toEqual(['sales_a', 'service_a', 'store_a', 'workshop_a']);
  });

  it('a user in no department reaches no row by department or subtree (false, never "in ()")', async () => {
    const nobody = context(principalOf([]));
    for (const kind of ['department', 'subtree'] as const) {
      expect(where(await compileScope(nobody, { kind }))).toEqual({ sql: 'false', parameters: [] });
    }
  });

  it('"filter" compiles a condition of the query language, values as parameters', async () => {
    const scope = {
      kind: 'filter' as const,
      filter: {
        and: [
          { field: '_owner', op: 'isMe' as const },
          { field: 'f_source', op: 'eq' as const, value: 'Referral' },
        ],
      },
    };
    expect(where(await compileScope(sales, scope))).toEqual({
      sql: `("records"."owner_id" = $1 and ("records"."data"->>'f_source') = $2::text)`,
      parameters: ['usr_chen', 'Referral'],
    });
  });

  it('"filter" can say "my store" with inMyDepartment and inMySubtree on the record department', async () => {
    const mine = where(
      await compileScope(sales, {
        kind: 'filter',
        filter: { field: '_department', op: 'inMyDepartment' },
      }),
    );
    expect(mine.sql).toBe(
      '"records"."dept_id" in (select department_id from department_members where user_id = $1)',
    );
    expect(mine.parameters).toEqual(['usr_chen']);
    const below = where(
      await compileScope(sales, { kind: 'filter', filter: { field: '_department', op: 'inMySubtree' } }),
    );
    expect(below.sql).toMatch(/^"records"\."dept_id" in \(with recursive t\(id\) as/);
    expect(below.parameters).toEqual(['usr_chen', 'ws_1']);
  });

  it('"filter" keeps a hostile value a parameter, never SQL text', async () => {
    const value = "x' or 1=1 --";
    const compiled = where(
      await compileScope(sales, { kind: 'filter', filter: { field: 'f_note', op: 'eq', value } }),
    );
    expect(compiled.sql).not.toContain(value);
    expect(compiled.parameters).toEqual([value]);
  });

  it('"filter" on an unknown field is refused with the path of the bad part', async () => {
    const refusal = compileScope(sales, {
      kind: 'filter',
      filter: {
        or: [
          { field: 'f_name', op: 'empty' },
          { field: 'f_nope', op: 'eq', value: 1 },
        ],
      },
    });
    await expect(refusal).rejects.toBeInstanceOf(ValidationError);
    await expect(refusal).rejects.toMatchObject({
      details: [{ path: '/scope/filter/or/1/field', message: 'There is no field f_nope in this form.' }],
    });
  });
});

describe('compileGrants', () => {
  it('compiles each set: its actions, rows, read fields, and write fields kept within read', async () => {
    const [open, narrow, custom] = await compileGrants(context(principalOf()), [
      set({ actions: ['view', 'edit'] }),
      set({
        actions: ['create'],
        readFields: ['f_name', 'f_mobile'],
        writeFields: ['f_name', 'f_budget'],
        scope: { kind: 'own' },
      }),
      set({ readFields: ['f_name'], writeFields: null, scope: { kind: 'department' } }),
    ]);
    expect([...open!.actions]).toEqual(['view', 'edit']);
    expect(open!.rows).toBe(true);
    expect([ids(open!.read), ids(open!.write)]).toEqual(['all', 'all']);
    expect(where(narrow!.rows)).toEqual({ sql: 'records.owner_id = $1', parameters: ['usr_chen'] });
    // f_budget is writable by the set but not readable: a field no one sees cannot be written.
    expect([ids(narrow!.read), ids(narrow!.write)]).toEqual([['f_mobile', 'f_name'], ['f_name']]);
    expect([ids(custom!.read), ids(custom!.write)]).toEqual([['f_name'], ['f_name']]);
    expect(where(custom!.rows).parameters).toEqual(['sales_a']);
  });

  it('compiles nothing for no sets', async () => {
    expect(await compileGrants(context(principalOf()), [])).toEqual([]);
  });
});

describe('rowsFor: the union of the scopes granting an action', () => {
  it('is false when no set grants the action', () => {
    expect(where(rowsFor([], 'view'))).toEqual({ sql: 'false', parameters: [] });
    expect(where(rowsFor([grantOf(['create'], true)], 'view'))).toEqual({ sql: 'false', parameters: [] });
  });

  it('is true as soon as one granting set reaches every row', () => {
    expect(where(rowsFor([grantOf(['view'], ownRows), grantOf(['view'], true)], 'view'))).toEqual({
      sql: 'true',
      parameters: [],
    });
  });

  it('ors the scopes of the sets granting the action, and only those', () => {
    const grants = [
      grantOf(['view', 'edit'], ownRows),
      grantOf(['create'], true),
      grantOf(['view'], storeRows),
    ];
    expect(where(rowsFor(grants, 'view'))).toEqual({
      sql: '(records.owner_id = $1 or records.dept_id in ($2))',
      parameters: ['usr_chen', 'store_a'],
    });
    expect(where(rowsFor(grants, 'edit'))).toEqual({
      sql: '(records.owner_id = $1)',
      parameters: ['usr_chen'],
    });
    expect(where(rowsFor(grants, 'create'))).toEqual({ sql: 'true', parameters: [] });
  });

  it('gives the full grant every action on every row', () => {
    for (const action of ACTIONS) expect(where(rowsFor([FULL_GRANT], action)).sql).toBe('true');
  });
});

describe('scopeFlags: which sets reach a row, one character per set', () => {
  it('is empty text without sets', () => {
    expect(selected(scopeFlags([]))).toEqual({ sql: "''", parameters: [] });
  });

  it("is '1' for a set reaching every row, and a case for a scoped one, in the sets' order", () => {
    expect(
      selected(
        scopeFlags([grantOf(['view'], true), grantOf(['edit'], ownRows), grantOf(['view'], storeRows)]),
      ),
    ).toEqual({
      sql:
        "concat('1', case when records.owner_id = $1 then '1' else '0' end, " +
        "case when records.dept_id in ($2) then '1' else '0' end)",
      parameters: ['usr_chen', 'store_a'],
    });
  });
});

describe('field sets', () => {
  const a = new Set(['f_name', 'f_mobile']);
  const b = new Set(['f_mobile', 'f_budget']);

  it('union: every field of any set; "all" wins', () => {
    expect(ids(union([a, b]))).toEqual(['f_budget', 'f_mobile', 'f_name']);
    expect(union([a, 'all', b])).toBe('all');
    expect(ids(union([]))).toEqual([]);
  });

  it('intersect: the fields of both; "all" is neutral', () => {
    expect(ids(intersect(a, b))).toEqual(['f_mobile']);
    expect(intersect('all', b)).toBe(b);
    expect(intersect(a, 'all')).toBe(a);
    expect(intersect('all', 'all')).toBe('all');
    expect(ids(intersect(a, new Set()))).toEqual([]);
  });

  it('sameFields: equal as sets, whatever the order; "all" only equals "all"', () => {
    expect(sameFields(a, new Set(['f_mobile', 'f_name']))).toBe(true);
    expect(sameFields(a, b)).toBe(false);
    expect(sameFields(a, new Set(['f_name']))).toBe(false);
    expect(sameFields('all', 'all')).toBe(true);
    expect(sameFields('all', a)).toBe(false);
    expect(sameFields(a, 'all')).toBe(false);
  });

  it('hasField', () => {
    expect(hasField('all', 'f_anything')).toBe(true);
    expect(hasField(a, 'f_name')).toBe(true);
    expect(hasField(a, 'f_budget')).toBe(false);
  });

  it('a hand-written condition stays parameterised inside the union', () => {
    const id = "usr' or 'a'='a";
    const rows = rowsFor([grantOf(['view'], sql<boolean>`records.owner_id = ${id}`)], 'view');
    expect(where(rows)).toEqual({ sql: '(records.owner_id = $1)', parameters: [id] });
  });
});
