import { type ApproverContext, approverRuleIssues, resolveApprovers } from '@forecourt/engine';
import type { ApproverRule, WorkflowDefinition } from '@forecourt/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actor, d, database, discount, r, setUpApproverOrg, u } from '../support/approver-org';

beforeAll(setUpApproverOrg, 120_000);
afterAll(() => database?.close());

function context(overrides: Partial<ApproverContext> = {}): ApproverContext {
  return {
    workspaceId: actor.workspaceId,
    submitterId: u.consultant,
    formDefinition: discount,
    data: {},
    ...overrides,
  };
}

const resolve = (rules: ApproverRule[], overrides: Partial<ApproverContext> = {}) =>
  resolveApprovers(database.db, context(overrides), rules);

describe('resolveApprovers', () => {
  it('named users: active users of this workspace only', async () => {
    expect(await resolve([{ kind: 'users', userIds: [u.fin2, u.former, u.consultant, u.outsider] }])).toEqual(
      {
        userIds: [u.fin2, u.consultant],
        unresolved: [],
      },
    );
    const nobody = await resolve([{ kind: 'users', userIds: [u.former, u.outsider, 'usr_nobody000000000'] }]);
    expect(nobody.userIds).toEqual([]);
    expect(nobody.unresolved).toEqual([
      {
        ruleIndex: 0,
        reason: `Former Zheng is disabled; ${u.outsider} is not a user of this workspace; usr_nobody000000000 is not a user of this workspace`,
      },
    ]);
    expect((await resolve([{ kind: 'users', userIds: [] }])).unresolved).toEqual([
      { ruleIndex: 0, reason: 'No users are named' },
    ]);
  });

  it('roles: their members; a role without members or without active members resolves to nobody', async () => {
    const finance = await resolve([{ kind: 'roles', roleIds: [r.finance] }]);
    expect([...finance.userIds].sort()).toEqual([u.fin1, u.fin2].sort());
    expect(finance.unresolved).toEqual([]);
    expect(
      await resolve([{ kind: 'roles', roleIds: [r.empty, r.retired, 'rol_missing0000000000'] }]),
    ).toEqual({
      userIds: [],
      unresolved: [
        {
          ruleIndex: 0,
          reason:
            'Role 空角色 has no members; Role rol_missing0000000000 does not exist; Former Zheng is disabled',
        },
      ],
    });
  });

  it('department heads, in the order named; headless, disabled-headed and foreign departments explain themselves', async () => {
    expect(
      await resolve([{ kind: 'departmentHeads', departmentIds: [d.sales, d.store, d.afterSales] }]),
    ).toEqual({
      userIds: [u.salesManager, u.storeManager],
      unresolved: [],
    });
    expect(await resolve([{ kind: 'departmentHeads', departmentIds: [d.afterSales] }])).toEqual({
      userIds: [],
      unresolved: [{ ruleIndex: 0, reason: 'Department 售后部 has no head' }],
    });
    expect((await resolve([{ kind: 'departmentHeads', departmentIds: [d.bodyShop] }])).unresolved).toEqual([
      { ruleIndex: 0, reason: 'Former Zheng is disabled' },
    ]);
    expect((await resolve([{ kind: 'departmentHeads', departmentIds: [d.elsewhere] }])).unresolved).toEqual([
      { ruleIndex: 0, reason: `Department ${d.elsewhere} does not exist` },
    ]);
  });

  it('submitterManager: the n-th supervisor, passing over headless departments and ones the submitter heads', async () => {
    const level = async (submitterId: string | null, levels: number) =>
      resolve([{ kind: 'submitterManager', levels }], { submitterId });
    expect((await level(u.consultant, 1)).userIds).toEqual([u.salesManager]);
    expect((await level(u.consultant, 2)).userIds).toEqual([u.storeManager]);
    expect((await level(u.consultant, 3)).userIds).toEqual([u.gm]);
    expect(await level(u.consultant, 4)).toEqual({
      userIds: [],
      unresolved: [{ ruleIndex: 0, reason: 'The submitter has no manager 4 levels up' }],
    });
    expect((await level(u.salesManager, 1)).userIds).toEqual([u.storeManager]);
    expect((await level(u.tech, 1)).userIds).toEqual([u.storeManager]);
    expect((await level(u.gm, 1)).unresolved).toEqual([
      { ruleIndex: 0, reason: 'The submitter has no manager' },
    ]);
    expect((await level(null, 1)).unresolved).toEqual([
      { ruleIndex: 0, reason: 'The record has no submitter' },
    ]);
  });

  it('managerChain: level by level, up to `levels`, or up to and including the first holder of `untilRole`', async () => {
    const chain = async (rule: { levels?: number; untilRole?: string }, submitterId = u.consultant) =>
      resolve([{ kind: 'managerChain', ...rule }], { submitterId });
    expect(await chain({})).toEqual({ userIds: [u.salesManager, u.storeManager, u.gm], unresolved: [] });
    expect((await chain({ levels: 2 })).userIds).toEqual([u.salesManager, u.storeManager]);
    expect((await chain({ levels: 9 })).userIds).toEqual([u.salesManager, u.storeManager, u.gm]);
    expect((await chain({ untilRole: r.storeManager })).userIds).toEqual([u.salesManager, u.storeManager]);
    expect((await chain({ untilRole: r.gm })).userIds).toEqual([u.salesManager, u.storeManager, u.gm]);
    // Whichever limit comes first.
    expect((await chain({ untilRole: r.gm, levels: 1 })).userIds).toEqual([u.salesManager]);
    // Nobody in the chain holds the role: the whole chain, not reported.
    expect(await chain({ untilRole: r.finance })).toEqual({
      userIds: [u.salesManager, u.storeManager, u.gm],
      unresolved: [],
    });
    expect((await chain({ untilRole: r.gm }, u.tech)).userIds).toEqual([u.storeManager, u.gm]);
    expect((await chain({}, u.gm)).unresolved).toEqual([
      { ruleIndex: 0, reason: 'The submitter has no manager' },
    ]);
  });

  it('field: users of a member field, heads of the departments of a department field', async () => {
    const data = {
      f_consultant: u.consultant,
      f_reviewers: [u.fin1, u.former, u.fin2],
      f_store: d.store,
      f_departments: [d.afterSales, d.sales],
      f_note: 'hello',
    };
    const byField = (fieldId: string, values: Record<string, unknown> = data) =>
      resolve([{ kind: 'field', fieldId }], { data: values });
    expect(await byField('f_consultant')).toEqual({ userIds: [u.consultant], unresolved: [] });
    expect(await byField('f_reviewers')).toEqual({ userIds: [u.fin1, u.fin2], unresolved: [] });
    expect(await byField('f_store')).toEqual({ userIds: [u.storeManager], unresolved: [] });
    expect(await byField('f_departments')).toEqual({ userIds: [u.salesManager], unresolved: [] });
    expect((await byField('f_departments', { f_departments: [d.afterSales] })).unresolved).toEqual([
      { ruleIndex: 0, reason: 'Department 售后部 has no head' },
    ]);
    expect((await byField('f_store', { f_store: d.elsewhere })).unresolved).toEqual([
      { ruleIndex: 0, reason: `Department ${d.elsewhere} does not exist` },
    ]);
    expect((await byField('f_consultant', { f_consultant: u.outsider })).unresolved).toEqual([
      { ruleIndex: 0, reason: `${u.outsider} is not a user of this workspace` },
    ]);
    expect((await byField('f_reviewers', {})).unresolved).toEqual([
      { ruleIndex: 0, reason: 'Field f_reviewers (Reviewers) is empty' },
    ]);
    expect((await byField('f_reviewers', { f_reviewers: [] })).unresolved).toEqual([
      { ruleIndex: 0, reason: 'Field f_reviewers (Reviewers) is empty' },
    ]);
    expect((await byField('f_note')).unresolved).toEqual([
      { ruleIndex: 0, reason: 'Field f_note (Note) is neither a member nor a department field' },
    ]);
    expect((await byField('f_gone')).unresolved).toEqual([
      { ruleIndex: 0, reason: 'Field f_gone is not on the form' },
    ]);
  });

  it('submitter and chosenByPrevious', async () => {
    expect(await resolve([{ kind: 'submitter' }])).toEqual({ userIds: [u.consultant], unresolved: [] });
    expect((await resolve([{ kind: 'submitter' }], { submitterId: null })).unresolved).toEqual([
      { ruleIndex: 0, reason: 'The record has no submitter' },
    ]);
    expect((await resolve([{ kind: 'submitter' }], { submitterId: u.former })).unresolved).toEqual([
      { ruleIndex: 0, reason: 'Former Zheng is disabled' },
    ]);
    expect(await resolve([{ kind: 'chosenByPrevious' }], { chosen: [u.fin2, u.former, u.fin1] })).toEqual({
      userIds: [u.fin2, u.fin1],
      unresolved: [],
    });
    expect((await resolve([{ kind: 'chosenByPrevious' }])).unresolved).toEqual([
      { ruleIndex: 0, reason: 'The previous approver chose nobody' },
    ]);
  });

  it('several rules: deduplicated in rule order, each rule that finds nobody reported by its index', async () => {
    const result = await resolve(
      [
        { kind: 'submitterManager', levels: 1 },
        { kind: 'departmentHeads', departmentIds: [d.afterSales] },
        { kind: 'departmentHeads', departmentIds: [d.sales, d.store] },
        { kind: 'users', userIds: [u.fin2] },
        { kind: 'roles', roleIds: [r.finance] },
        { kind: 'field', fieldId: 'f_consultant' },
        { kind: 'managerChain' },
        { kind: 'chosenByPrevious' },
      ],
      { data: { f_consultant: u.salesManager } },
    );
    expect(result).toEqual({
      userIds: [u.salesManager, u.storeManager, u.fin2, u.fin1, u.gm],
      unresolved: [
        { ruleIndex: 1, reason: 'Department 售后部 has no head' },
        { ruleIndex: 7, reason: 'The previous approver chose nobody' },
      ],
    });
  });

  it('no rules: nobody, nothing unresolved', async () => {
    expect(await resolve([])).toEqual({ userIds: [], unresolved: [] });
  });
});

describe('approverRuleIssues', () => {
  function flow(nodes: WorkflowDefinition['nodes']): WorkflowDefinition {
    return {
      formId: discount.id,
      nodes: [{ id: 'start', type: 'start' }, ...nodes, { id: 'end', type: 'end' }],
      edges: [],
    };
  }

  it('a definition whose rules can all resolve has no issues', async () => {
    const clean = flow([
      {
        id: 'manager',
        type: 'approval',
        mode: 'sequence',
        approvers: [
          { kind: 'users', userIds: [u.consultant] },
          { kind: 'roles', roleIds: [r.finance] },
          { kind: 'departmentHeads', departmentIds: [d.sales, d.store] },
          { kind: 'managerChain', untilRole: r.gm },
          { kind: 'submitterManager', levels: 7 },
          { kind: 'field', fieldId: 'f_consultant' },
          { kind: 'submitter' },
          { kind: 'chosenByPrevious' },
        ],
      },
    ]);
    expect(await approverRuleIssues(database.db, actor.workspaceId, clean)).toEqual([]);
  });

  it('reports each rule that cannot resolve, with its node and path', async () => {
    const broken = flow([
      {
        id: 'review',
        type: 'approval',
        mode: 'any',
        approvers: [
          { kind: 'users', userIds: ['usr_nobody000000000', u.former, u.consultant, u.outsider] },
          { kind: 'roles', roleIds: [r.empty, r.retired, 'rol_missing0000000000', r.finance] },
        ],
      },
      {
        id: 'copy',
        type: 'cc',
        approvers: [
          { kind: 'submitter' },
          { kind: 'departmentHeads', departmentIds: [d.afterSales, d.bodyShop, d.elsewhere, d.sales] },
        ],
      },
      {
        id: 'chain',
        type: 'fill',
        mode: 'sequence',
        approvers: [
          { kind: 'managerChain', untilRole: r.gm },
          { kind: 'managerChain', levels: 2, untilRole: 'rol_missing0000000000' },
        ],
      },
      {
        id: 'tell',
        type: 'action',
        actions: [
          { kind: 'webhook', url: 'https://example.com/hook' },
          {
            kind: 'notify',
            approvers: [{ kind: 'users', userIds: [u.former] }],
            message: { zh: '好', en: 'ok' },
          },
        ],
      },
    ]);
    expect(await approverRuleIssues(database.db, actor.workspaceId, broken)).toEqual([
      { path: '/nodes/1/approvers/0', nodeId: 'review', message: 'User usr_nobody000000000 does not exist' },
      { path: '/nodes/1/approvers/0', nodeId: 'review', message: 'User Former Zheng is disabled' },
      { path: '/nodes/1/approvers/0', nodeId: 'review', message: `User ${u.outsider} does not exist` },
      { path: '/nodes/1/approvers/1', nodeId: 'review', message: 'Role 空角色 has no members' },
      { path: '/nodes/1/approvers/1', nodeId: 'review', message: 'Role 退休 has no active members' },
      {
        path: '/nodes/1/approvers/1',
        nodeId: 'review',
        message: 'Role rol_missing0000000000 does not exist',
      },
      { path: '/nodes/2/approvers/1', nodeId: 'copy', message: 'Department 售后部 has no head' },
      {
        path: '/nodes/2/approvers/1',
        nodeId: 'copy',
        message: 'The head of department 钣喷部, Former Zheng, is disabled',
      },
      { path: '/nodes/2/approvers/1', nodeId: 'copy', message: `Department ${d.elsewhere} does not exist` },
      {
        path: '/nodes/3/approvers/1',
        nodeId: 'chain',
        message: 'Role rol_missing0000000000, where the chain stops, does not exist',
      },
      { path: '/nodes/4/actions/1/approvers/0', nodeId: 'tell', message: 'User Former Zheng is disabled' },
    ]);
  });
});
