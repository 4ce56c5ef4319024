import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant } from '../support/access';
import { type TestApp, testApp } from '../support/app';
import { field, form } from '../support/dealership/fields';
import { installForms } from '../support/dealership/install';
import {
  approval,
  boxes,
  dealershipOrg,
  instanceStatus,
  line,
  type Org,
  publishFlow,
  story,
  submitNew,
  timeline,
} from '../support/workflow';
import { dueNow, runWorker } from '../support/workflow-jobs';

/**
 * The delay node: the flow waits a fixed time, or until a date field's time, then goes on by itself.
 * The wait is a `workflow.resume` job written with the step; a test makes it due and runs the worker.
 */
const visit = form('frm_delay_visit', 'app_admin', '回访', 'Follow-up visit', [
  field('f_note', 'text', '备注', 'Note'),
  field('f_collected_at', 'datetime', '提车时间', 'Collected at'),
  field('f_visit_day', 'date', '回访日', 'Visit day'),
  field('f_reviewer', 'member', '回访人', 'Visited by'),
]);

let t: TestApp;
let org: Org;

beforeAll(async () => {
  t = await testApp();
  org = await dealershipOrg(t);
  await installForms(t.admin, [visit]);
  await grant(t.admin, visit.id, { preset: 'submitAndManageOwn', users: [org.people.employee.id] });
});
afterAll(() => t?.close());

const gmApproves = () => approval('gm', [{ kind: 'users', userIds: [org.people.gm.id] }]);
const delay = (wait: Record<string, unknown>) => ({ id: 'wait', type: 'delay', wait });

/** The instance's resume job: when it is due, in minutes after the instance started, and its state. */
async function resumeJobs(instanceId: string) {
  const { rows } = await sql<{ status: string; run_at: Date; minutes: number }>`
    select j.status, j.run_at, round(extract(epoch from (j.run_at - i.started_at)) / 60)::int as minutes
    from jobs j join flow_instances i on i.id = j.payload->>'instanceId'
    where i.id = ${instanceId} and j.kind = 'workflow.resume'`.execute(t.database.db);
  return rows;
}

describe('delay', () => {
  it('waits the given minutes, then the flow goes on by itself, once', async () => {
    await publishFlow(t, visit.id, line(delay({ minutes: 90 }), gmApproves()));
    const { instanceId } = await submitNew(org.people.employee, { f_note: 'a' }, visit.id);
    expect(await instanceStatus(org, instanceId)).toBe('running');
    expect(await boxes(org, instanceId)).toEqual({});
    expect(await resumeJobs(instanceId)).toMatchObject([{ status: 'pending', minutes: 90 }]);
    const waiting = (await timeline(org.people.employee, instanceId)).find(
      (e) => e.action === 'delay.waiting',
    );
    expect(waiting?.details.until).toBe((await resumeJobs(instanceId))[0]!.run_at.toISOString());

    // Not due: the worker leaves it; due: the flow goes on to the GM.
    expect(await runWorker(org)).toEqual([]);
    expect(await dueNow(org, instanceId)).toBe(1);
    expect(await runWorker(org)).toEqual([{ kind: 'workflow.resume', outcome: 'done' }]);
    expect(await boxes(org, instanceId)).toEqual({ gm: ['gm'] });
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'delay.waiting@wait',
      'delay.done@wait',
      'node.entered@gm',
    ]);

    // The same wake-up delivered again (a repeat after a crash) finds the node done: nothing happens.
    await sql`insert into jobs (workspace_id, kind, payload, dedup_key)
      select workspace_id, kind, payload, 'again' from jobs
      where kind = 'workflow.resume' and payload->>'instanceId' = ${instanceId}`.execute(t.database.db);
    expect(await runWorker(org)).toEqual([{ kind: 'workflow.resume', outcome: 'done' }]);
    expect(await boxes(org, instanceId)).toEqual({ gm: ['gm'] });
    expect((await story(org, instanceId)).filter((line) => line.startsWith('delay.done'))).toHaveLength(1);
  });

  it('waits until a date-time field, moved by its offset; a date is midnight in Shanghai', async () => {
    await publishFlow(
      t,
      visit.id,
      line(delay({ field: 'f_collected_at', offsetMinutes: -24 * 60 }), gmApproves()),
    );
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const { instanceId } = await submitNew(org.people.employee, { f_collected_at: inTwoDays }, visit.id);
    const [job] = await resumeJobs(instanceId);
    expect(job?.run_at.getTime()).toBe(new Date(inTwoDays).getTime() - 86_400_000);

    await publishFlow(
      t,
      visit.id,
      line(delay({ field: 'f_visit_day', offsetMinutes: 9 * 60 }), gmApproves()),
    );
    const day = await submitNew(org.people.employee, { f_visit_day: '2030-01-05' }, visit.id);
    // 2030-01-05 09:00 in Shanghai.
    expect((await resumeJobs(day.instanceId))[0]?.run_at.toISOString()).toBe('2030-01-05T01:00:00.000Z');
  });

  it('goes on at once when the time is past or the field is empty, and says why', async () => {
    await publishFlow(t, visit.id, line(delay({ field: 'f_collected_at' }), gmApproves()));
    const past = await submitNew(org.people.employee, { f_collected_at: '2020-01-01T02:00:00Z' }, visit.id);
    const empty = await submitNew(org.people.employee, { f_note: 'no date' }, visit.id);
    for (const { instanceId } of [past, empty]) {
      expect(await boxes(org, instanceId)).toEqual({ gm: ['gm'] });
      expect(await resumeJobs(instanceId)).toEqual([]);
    }
    const passed = async (id: string) =>
      (await timeline(org.people.employee, id)).find((e) => e.action === 'delay.passed')?.details;
    expect(await passed(past.instanceId)).toEqual({ until: '2020-01-01T02:00:00.000Z' });
    expect(await passed(empty.instanceId)).toEqual({ reason: 'no_time' });
  });

  it('a withdrawn flow is not woken: the job finds the wait cancelled', async () => {
    await publishFlow(t, visit.id, line(delay({ minutes: 30 }), gmApproves()));
    const { instanceId } = await submitNew(org.people.employee, { f_note: 'b' }, visit.id);
    const withdrawn = await org.people.employee.client.post(`/api/instances/${instanceId}/withdraw`);
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(204);
    await dueNow(org, instanceId);
    expect(await runWorker(org)).toEqual([{ kind: 'workflow.resume', outcome: 'done' }]);
    expect(await instanceStatus(org, instanceId)).toBe('withdrawn');
    expect(await boxes(org, instanceId)).toEqual({});
  });

  it('when the flow cannot go on after the wait, the node is marked blocked and the admins told', async () => {
    const visitor = approval('visit', [{ kind: 'field', fieldId: 'f_reviewer' }]);
    await publishFlow(t, visit.id, line(delay({ minutes: 30 }), visitor));
    const { instanceId } = await submitNew(org.people.employee, { f_note: 'nobody' }, visit.id);
    await dueNow(org, instanceId);
    // The job is done (not retried): nobody can act on the next node, so the wait is marked failed.
    expect(await runWorker(org)).toEqual([{ kind: 'workflow.resume', outcome: 'done' }]);
    expect(await instanceStatus(org, instanceId)).toBe('running');
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'delay.waiting@wait',
      'node.blocked@wait',
    ]);
    const { rows } = await sql<{ status: string }>`
      select status from flow_node_runs where instance_id = ${instanceId} and node_id = 'wait'`.execute(
      t.database.db,
    );
    expect(rows).toEqual([{ status: 'failed' }]);
    const told = await t.database.db
      .selectFrom('notifications')
      .select('user_id')
      .where('instance_id', '=', instanceId)
      .where('kind', '=', 'flow.node_blocked')
      .execute();
    expect(told.length).toBeGreaterThan(0);
  });

  it('refuses to publish a delay on a field that holds no date, or a wait out of bounds, at the node', async () => {
    const refused = async (wait: Record<string, unknown>) => {
      // A draft may be saved unfinished (shape errors aside); publishing checks it against the form.
      const saved = await t.admin.put(`/api/forms/${visit.id}/workflow`, line(delay(wait), gmApproves()));
      const answer =
        saved.status === 422 ? saved : await t.admin.post(`/api/forms/${visit.id}/workflow/publish`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(422);
      return answer.body.error.details as { path: string; message: string }[];
    };
    expect(await refused({ field: 'f_note' })).toEqual([
      expect.objectContaining({
        path: '/nodes/1/wait/field',
        message: expect.stringContaining('a delay can only wait for a date or date-time field'),
      }),
    ]);
    expect((await refused({ minutes: 0 }))[0]?.path).toMatch(/^\/nodes\/1\/wait/);
    expect((await refused({ minutes: 60, field: 'f_visit_day' }))[0]?.path).toMatch(/^\/nodes\/1\/wait/);
  });
});
