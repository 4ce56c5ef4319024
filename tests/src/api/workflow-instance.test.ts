import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { expectError } from '../support/client';
import {
  act,
  actOn,
  approval,
  boxes,
  claim,
  dealershipOrg,
  expenseForm,
  instanceStatus,
  line,
  type Org,
  publishFlow,
  record,
  story,
  submitNew,
  taskOf,
  tasks,
  timeline,
} from '../support/workflow';

/** The instance's life: withdraw, urge, admin end and reactivate, batch approve, per-node field permissions. */
let t: TestApp;
let org: Org;

beforeAll(async () => {
  t = await testApp();
  org = await dealershipOrg(t);
  const users = (key: keyof Org['people']) => [{ kind: 'users', userIds: [org.people[key].id] }];
  await publishFlow(
    t,
    expenseForm.id,
    line(
      approval('manager', users('teamLead')),
      approval('gm', users('gm'), {
        fieldPermissions: { f_internal_note: 'hidden', f_justification: 'edit' },
      }),
      approval('finance', users('finance1')),
    ),
  );
});
afterAll(() => t?.close());

const post = (who: keyof Org['people'], path: string, body?: unknown) =>
  org.people[who].client.post(path, body);

describe('withdraw', () => {
  it('the submitter takes it back while nobody has acted', async () => {
    const { employee } = org.people;
    const { recordId, instanceId } = await submitNew(employee, claim('300.00'));
    expectError(await post('teamLead', `/api/instances/${instanceId}/withdraw`), 403);
    // Someone who cannot follow the approval learns nothing of it: "not found", as for a made-up id.
    expectError(await post('loner', `/api/instances/${instanceId}/withdraw`), 404);
    expectError(await post('loner', '/api/instances/ins_doesnotexist00/withdraw'), 404);
    expect((await post('employee', `/api/instances/${instanceId}/withdraw`)).status).toBe(204);
    expect(await instanceStatus(org, instanceId)).toBe('withdrawn');
    expect((await record(employee, recordId)).flowState).toBe('withdrawn');
    expect(await boxes(org, instanceId)).toEqual({});
    expect(await tasks(org, instanceId)).toEqual(['manager:teamLead:cancelled']);
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'node.entered@manager',
      'instance.withdrawn',
    ]);
    expectError(await post('employee', `/api/instances/${instanceId}/withdraw`), 409);
  });

  it('is refused once someone has acted', async () => {
    const { employee, teamLead } = org.people;
    const { recordId, instanceId } = await submitNew(employee, claim('300.00'));
    await actOn(teamLead, instanceId);
    expectError(await post('employee', `/api/instances/${instanceId}/withdraw`), 409);
    expect(await instanceStatus(org, instanceId)).toBe('running');
    expect((await record(employee, recordId)).flowState).toBe('running');
    expect(await boxes(org, instanceId)).toEqual({ gm: ['gm'] });
  });
});

describe('urge', () => {
  it('notifies whoever has the pending task, at most once in 10 minutes', async () => {
    const { employee, teamLead } = org.people;
    const { instanceId } = await submitNew(employee, claim('300.00'));
    const taskId = await taskOf(teamLead, instanceId);
    // The gm has no task on it yet and cannot see the record: it does not exist for them.
    expectError(await post('gm', `/api/instances/${instanceId}/urge`), 404);
    expectError(await post('teamLead', `/api/instances/${instanceId}/urge`), 403);
    expect((await post('employee', `/api/instances/${instanceId}/urge`)).status).toBe(204);
    const urged = await t.database.db
      .selectFrom('notifications')
      .select(['user_id', 'task_id'])
      .where('instance_id', '=', instanceId)
      .where('kind', '=', 'task.urged')
      .execute();
    expect(urged).toEqual([{ user_id: teamLead.id, task_id: taskId }]);
    expectError(await post('employee', `/api/instances/${instanceId}/urge`), 409);
    expectError(await post('admin', `/api/instances/${instanceId}/urge`), 409);
    const entry = (await timeline(employee, instanceId)).find((e) => e.action === 'task.urged')!;
    expect(entry).toMatchObject({ actor: { id: employee.id }, details: { assignees: [teamLead.id] } });
    // Urging is not acting: the submitter may still withdraw.
    expect((await post('employee', `/api/instances/${instanceId}/withdraw`)).status).toBe(204);
  });
});

describe('admin end and reactivate', () => {
  it('ends a running instance where it stands, and brings it back at a chosen node', async () => {
    const { employee, teamLead, gm, finance1 } = org.people;
    const { recordId, instanceId } = await submitNew(employee, claim('300.00'));
    await actOn(teamLead, instanceId);
    expectError(await post('employee', `/api/instances/${instanceId}/end`, {}), 403);
    expectError(await post('loner', `/api/instances/${instanceId}/end`, {}), 404);
    expect((await post('admin', `/api/instances/${instanceId}/end`, { comment: '重复提交' })).status).toBe(
      204,
    );
    expect(await instanceStatus(org, instanceId)).toBe('ended');
    expect((await record(employee, recordId)).flowState).toBe('ended');
    expect(await boxes(org, instanceId)).toEqual({});
    expectError(await post('admin', `/api/instances/${instanceId}/end`, {}), 409);

    expectError(await post('gm', `/api/instances/${instanceId}/reactivate`, { nodeId: 'gm' }), 403);
    for (const nodeId of ['end', 'nowhere']) {
      const refused = expectError(
        await post('admin', `/api/instances/${instanceId}/reactivate`, { nodeId }),
        422,
      );
      expect(refused.details.map((d) => d.path)).toEqual(['/nodeId']);
    }
    expect((await post('admin', `/api/instances/${instanceId}/reactivate`, { nodeId: 'gm' })).status).toBe(
      204,
    );
    expect(await instanceStatus(org, instanceId)).toBe('running');
    expect((await record(employee, recordId)).flowState).toBe('running');
    expect(await boxes(org, instanceId)).toEqual({ gm: ['gm'] });
    expectError(await post('admin', `/api/instances/${instanceId}/reactivate`, { nodeId: 'gm' }), 409);

    await actOn(gm, instanceId);
    expect((await actOn(finance1, instanceId)).instanceStatus).toBe('approved');
    expect(await tasks(org, instanceId)).toEqual([
      'manager:teamLead:approved',
      'gm:gm:cancelled',
      'gm:gm:approved',
      'finance:finance1:approved',
    ]);
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'node.entered@manager',
      'task.approved@manager',
      'node.entered@gm',
      'admin.ended',
      'instance.ended',
      'admin.reactivated@gm',
      'node.entered@gm',
      'task.approved@gm',
      'node.entered@finance',
      'task.approved@finance',
      'instance.approved',
    ]);
    const ended = (await timeline(employee, instanceId)).find((e) => e.action === 'admin.ended')!;
    expect(ended).toMatchObject({ comment: '重复提交', actor: { id: org.people.admin.id } });
  });
});

describe('batch approve', () => {
  it('approves each task on its own and says why the others did not go through', async () => {
    const { employee, teamLead, gm } = org.people;
    const first = await submitNew(employee, claim('100.00'));
    const second = await submitNew(employee, claim('200.00'));
    const third = await submitNew(employee, claim('300.00'));
    const [a, b, handled] = [
      await taskOf(teamLead, first.instanceId),
      await taskOf(teamLead, second.instanceId),
      await taskOf(teamLead, third.instanceId),
    ];
    await actOn(teamLead, third.instanceId);
    const notMine = await taskOf(gm, third.instanceId);
    const response = await teamLead.client.post('/api/tasks/batch-approve', {
      taskIds: [a, handled, b, notMine],
      comment: '批量同意',
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.results).toEqual([
      { taskId: a, ok: true },
      { taskId: handled, ok: false, error: { code: 'conflict', message: expect.any(String) } },
      { taskId: b, ok: true },
      { taskId: notMine, ok: false, error: { code: 'not_found', message: expect.any(String) } },
    ]);
    expect(await boxes(org, first.instanceId)).toEqual({ gm: ['gm'] });
    expect(await boxes(org, second.instanceId)).toEqual({ gm: ['gm'] });
    expect(await boxes(org, third.instanceId)).toEqual({ gm: ['gm'] });
    const approved = (await timeline(employee, first.instanceId)).find((e) => e.action === 'task.approved')!;
    expect(approved).toMatchObject({ comment: '批量同意', actor: { id: teamLead.id } });
  });
});

describe('per-node field permissions', () => {
  it('hidden fields never leave the server; read-only fields cannot be changed; editable ones can', async () => {
    const { employee, teamLead, gm } = org.people;
    const { recordId, instanceId } = await submitNew(
      employee,
      claim('300.00', { f_internal_note: '内部：供应商返点', f_advance: '50.00' }),
    );
    await actOn(teamLead, instanceId);
    const taskId = await taskOf(gm, instanceId);
    const view = await gm.client.get(`/api/tasks/${taskId}`);
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    expect(view.body.record.data).not.toHaveProperty('f_internal_note');
    expect(view.body.fields).not.toHaveProperty('f_internal_note');
    expect(view.body.record.data.f_advance).toBe('50.00');
    expect(view.body.fields).toMatchObject({ f_justification: 'edit', f_advance: 'read', f_total: 'read' });
    expect(JSON.stringify(view.body)).not.toContain('供应商返点');

    const readOnly = expectError(
      await act(gm, taskId, { action: 'approve', data: { f_advance: '0.00' } }),
      403,
    );
    expect(readOnly.details.map((d) => d.path)).toEqual(['/data/f_advance']);
    const hidden = expectError(
      await act(gm, taskId, { action: 'approve', data: { f_internal_note: 'x' } }),
      403,
    );
    expect(hidden.details.map((d) => d.path)).toEqual(['/data/f_internal_note']);
    const before = await record(employee, recordId);
    expect(before.data).toMatchObject({ f_advance: '50.00', f_internal_note: '内部：供应商返点' });
    expect(await boxes(org, instanceId)).toEqual({ gm: ['gm'] });

    const done = await act(gm, taskId, { action: 'approve', data: { f_justification: '含客户招待' } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const after = await record(employee, recordId);
    expect(after.data.f_justification).toBe('含客户招待');
    expect(after.rev).toBe(before.rev + 1);
    expect(await boxes(org, instanceId)).toEqual({ finance1: ['finance'] });
  });
});
