import { assignedTo, buildPrincipal, permissionSet } from '@forecourt/engine';
import { describe, expect, it } from 'vitest';
import { principalOf, TREE } from './support';

const none = { users: [], departments: [], roles: [] };

describe('buildPrincipal', () => {
  it('keeps the departments the user is in, and the roles', () => {
    const p = buildPrincipal('usr_chen', ['sales_a'], ['rol_consultant'], TREE);
    expect(p.userId).toBe('usr_chen');
    expect(p.departments).toEqual(['sales_a']);
    expect([...p.roles]).toEqual(['rol_consultant']);
  });

  it('adds every department above the user’s, up to the root', () => {
    expect([...principalOf(['workshop_a']).withAncestors].sort()).toEqual([
      'group',
      'service_a',
      'store_a',
      'workshop_a',
    ]);
    expect([...principalOf(['sales_a', 'sales_b']).withAncestors].sort()).toEqual([
      'group',
      'sales_a',
      'sales_b',
      'store_a',
      'store_b',
    ]);
  });

  it('takes the subtree as the user’s departments and every one below them, each once', () => {
    expect(principalOf(['store_a']).subtree.sort()).toEqual([
      'sales_a',
      'service_a',
      'store_a',
      'workshop_a',
    ]);
    expect(principalOf(['workshop_a']).subtree).toEqual(['workshop_a']);
    // A department and one below it: the overlap is counted once.
    expect(principalOf(['store_a', 'service_a']).subtree.sort()).toEqual([
      'sales_a',
      'service_a',
      'store_a',
      'workshop_a',
    ]);
    expect(principalOf(['group']).subtree).toHaveLength(TREE.length);
  });

  it('is empty for a user in no department', () => {
    const p = principalOf([]);
    expect([p.departments, [...p.withAncestors], p.subtree]).toEqual([[], [], []]);
  });

  it('ignores a department that is not in the tree beyond itself', () => {
    const p = principalOf(['dep_gone']);
    expect([...p.withAncestors]).toEqual(['dep_gone']);
    expect(p.subtree).toEqual(['dep_gone']);
  });

  it('ends on a cycle in the tree (which the tree should never hold), visiting each department once', () => {
    const cycle: [string, string | null][] = [
      ['a', 'c'],
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
    ];
    const p = buildPrincipal('usr_chen', ['b'], [], cycle);
    expect([...p.withAncestors].sort()).toEqual(['a', 'b', 'c']);
    expect(p.subtree.sort()).toEqual(['a', 'b', 'c', 'd']);
    const self = buildPrincipal('usr_chen', ['x'], [], [['x', 'x']]);
    expect([...self.withAncestors]).toEqual(['x']);
    expect(self.subtree).toEqual(['x']);
  });

  it('bounds the walk up a very deep chain', () => {
    const chain: [string, string | null][] = Array.from({ length: 200 }, (_, i) => [
      `d${i}`,
      i === 0 ? null : `d${i - 1}`,
    ]);
    const p = buildPrincipal('usr_chen', ['d199'], [], chain);
    expect(p.withAncestors.size).toBe(64);
    expect(p.withAncestors.has('d199')).toBe(true);
    expect(buildPrincipal('usr_chen', ['d0'], [], chain).subtree).toHaveLength(200);
  });
});

describe('assignedTo', () => {
  const chen = buildPrincipal('usr_chen', ['sales_a'], ['rol_consultant'], TREE);

  it('matches the user named', () => {
    expect(assignedTo(chen, { ...none, users: ['usr_li', 'usr_chen'] })).toBe(true);
    expect(assignedTo(chen, { ...none, users: ['usr_li'] })).toBe(false);
  });

  it('matches a department the user is in, or any above it; not one beside or below', () => {
    for (const d of ['sales_a', 'store_a', 'group'])
      expect(assignedTo(chen, { ...none, departments: [d] }), d).toBe(true);
    for (const d of ['service_a', 'workshop_a', 'store_b', 'sales_b'])
      expect(assignedTo(chen, { ...none, departments: [d] }), d).toBe(false);
  });

  it('matches a role the user holds', () => {
    expect(assignedTo(chen, { ...none, roles: ['rol_consultant'] })).toBe(true);
    expect(assignedTo(chen, { ...none, roles: ['rol_manager'] })).toBe(false);
  });

  it('matches nobody without assignees', () => {
    expect(assignedTo(chen, none)).toBe(false);
  });
});

describe('permissionSet', () => {
  it('turns a stored row into the API shape, timestamps as ISO text and absent field lists as null', () => {
    const row = {
      id: 'pms_1',
      form_id: 'frm_lead',
      workspace_id: 'ws_1',
      name: 'Own leads',
      preset: 'submitAndManageOwn',
      actions: ['view'],
      read_fields: null,
      write_fields: ['f_name'],
      scope: { kind: 'own' },
      assignees: { users: ['usr_chen'], departments: [], roles: [] },
      created_at: '2026-03-01T08:00:00+08:00',
      updated_at: new Date('2026-03-02T00:00:00Z'),
    };
    expect(permissionSet(row)).toEqual({
      id: 'pms_1',
      formId: 'frm_lead',
      name: 'Own leads',
      preset: 'submitAndManageOwn',
      actions: ['view'],
      readFields: null,
      writeFields: ['f_name'],
      scope: { kind: 'own' },
      assignees: { users: ['usr_chen'], departments: [], roles: [] },
      createdAt: '2026-03-01T00:00:00.000Z',
      updatedAt: '2026-03-02T00:00:00.000Z',
    });
    expect(permissionSet({ ...row, preset: undefined, read_fields: undefined }).preset).toBeNull();
  });
});
