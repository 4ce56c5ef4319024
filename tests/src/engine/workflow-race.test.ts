import {
  type Actor,
  actOnTask,
  ConflictError,
  createRecords,
  createUser,
  publishWorkflow,
  saveWorkflowDraft,
  submitRecord,
  writeContext,
} from '@forecourt/engine';
import type { HumanNode, WorkflowDefinition } from '@forecourt/schemas';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/db';
import { field, form } from '../support/dealership/fields';
import { testDatabaseKind } from '../support/env';
import { installForEngine, workspaceAdmin } from '../support/forms';

/**
 * The race acceptance of the workflow engine: many clients act on the same tasks at once. Task
 * actions are compare-and-set under the instance's row lock, so of all the clients acting on one
 * task exactly one succeeds and every other gets a 409; afterwards SQL finds no node run, task or
 * event written twice. PGlite has a single connection, so there is nothing to race: PostgreSQL only.
 */
const CLIENTS = 32;
const TASKS = 1_000;
/**
 * The approve-against-reject race runs on fewer instances: every one of its 32 × n actions costs
 * what an acceptance-sized run costs, and this scenario is about outcomes, not volume.
 */
const PAIRS = 100;

const discount = form('frm_race_discount', 'app_sales', '折扣审批', 'Discount approval', [
  field('f_note', 'text', '备注', 'Note'),
]);
const claim = form('frm_race_claim', 'app_sales', '费用报销', 'Expense claim', [
  field('f_note', 'text', '备注', 'Note'),
]);

function flow(approval: Omit<HumanNode, 'id' | 'type'>): WorkflowDefinition {
  return {
    formId: '',
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'review', type: 'approval', ...approval },
      { id: 'end', type: 'end' },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'review' },
      { id: 'e2', from: 'review', to: 'end' },
    ],
  };
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** Runs `work` over `items` with at most `limit` calls in flight. */
async function bounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

describe.skipIf(testDatabaseKind() !== 'postgres')('32 clients racing on 1,000 tasks (PostgreSQL)', () => {
  let database: TestDatabase;
  let admin: Actor;
  const person = {} as Record<'approver' | 'a' | 'b', Actor>;

  beforeAll(async () => {
    database = await openTestDatabase();
    admin = await workspaceAdmin(database);
    await installForEngine(database, admin, [discount, claim]);
    for (const [key, name] of [
      ['approver', '销售经理'],
      ['a', '财务周'],
      ['b', '总经理王'],
    ] as const) {
      const user = await createUser(database.db, admin.workspaceId, {
        email: `${key}@race.test`,
        name,
        password: 'password-123',
      });
      person[key] = { workspaceId: admin.workspaceId, userId: user.id, isAdmin: false, via: 'session' };
    }
  }, 120_000);
  afterAll(() => database?.close());

  /** Publishes the flow, then creates and submits `count` records: one running instance each. */
  async function instances(formId: string, definition: WorkflowDefinition, count: number) {
    await saveWorkflowDraft(database.db, admin, formId, { ...definition, formId });
    await publishWorkflow(database.db, admin, formId);
    const records: string[] = [];
    for (let i = 0; i < count; i += 100) {
      const batch = Array.from({ length: Math.min(100, count - i) }, (_, j) => ({ f_note: `#${i + j}` }));
      const created = await createRecords(database.db, writeContext(admin), formId, batch);
      records.push(...created.map((r) => r.id));
    }
    const ids: string[] = [];
    await bounded(records, 16, async (recordId) => {
      ids.push((await submitRecord(database.db, admin, formId, recordId)).instanceId);
    });
    return ids;
  }

  async function pendingTasks(formId: string) {
    return database.db
      .selectFrom('flow_tasks as t')
      .innerJoin('flow_instances as i', 'i.id', 't.instance_id')
      .select(['t.id', 't.assignee_id', 't.instance_id'])
      .where('i.form_id', '=', formId)
      .where('t.status', '=', 'pending')
      .execute();
  }

  /**
   * Every client walks every task in its own random order and acts on it as its assignee. Returns
   * the successful action per task; a 409 is counted, anything else fails the test.
   */
  async function race(
    tasks: { id: string; assignee_id: string }[],
    choose: () => 'approve' | 'reject',
  ): Promise<{ wins: Map<string, string[]>; conflicts: number; others: unknown[] }> {
    const actors = new Map(Object.values(person).map((a) => [a.userId, a]));
    const wins = new Map<string, string[]>();
    const others: unknown[] = [];
    let conflicts = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (const task of shuffled(tasks)) {
          const action = choose();
          try {
            await actOnTask(database.db, actors.get(task.assignee_id)!, task.id, { action });
            wins.set(task.id, [...(wins.get(task.id) ?? []), action]);
          } catch (error) {
            if (error instanceof ConflictError) conflicts++;
            else others.push(error);
          }
        }
      }),
    );
    return { wins, conflicts, others };
  }

  const count = async (query: RawBuilder<{ n: string }>) =>
    Number((await query.execute(database.db)).rows[0]!.n);

  // 32,000 actions: ~65 s on a 2-core machine, twice that when other suites share it (hence 300 s).
  it('mode any, one approver: exactly one approval per task succeeds, the rest are 409, nothing is written twice', async () => {
    const formId = discount.id;
    const ids = await instances(
      formId,
      flow({ mode: 'any', approvers: [{ kind: 'users', userIds: [person.approver.userId] }] }),
      TASKS,
    );
    const tasks = await pendingTasks(formId);
    expect(tasks).toHaveLength(TASKS);
    expect(new Set(tasks.map((t) => t.instance_id)).size).toBe(TASKS);

    const started = Date.now();
    const { wins, conflicts, others } = await race(tasks, () => 'approve');
    const seconds = (Date.now() - started) / 1000;
    console.info(`race (any): ${CLIENTS * TASKS} actions in ${seconds.toFixed(1)} s`);

    expect(others).toEqual([]);
    expect(wins.size).toBe(TASKS);
    expect([...wins.values()].every((w) => w.length === 1)).toBe(true);
    expect(conflicts).toBe(CLIENTS * TASKS - TASKS);

    const byStatus = await database.db
      .selectFrom('flow_instances')
      .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
      .where('form_id', '=', formId)
      .groupBy('status')
      .execute();
    expect(byStatus.map((r) => [r.status, Number(r.n)])).toEqual([['approved', TASKS]]);
    // One node run per node per instance: start, review, end; none twice, none left open.
    const runs = await database.db
      .selectFrom('flow_node_runs')
      .select(['node_id', 'status', (eb) => eb.fn.countAll<string>().as('n')])
      .where('instance_id', 'in', ids)
      .groupBy(['node_id', 'status'])
      .orderBy('node_id')
      .execute();
    expect(runs.map((r) => [r.node_id, r.status, Number(r.n)])).toEqual([
      ['end', 'done', TASKS],
      ['review', 'done', TASKS],
      ['start', 'done', TASKS],
    ]);
    expect(
      await count(sql<{ n: string }>`select count(*) as n from (
          select instance_id, node_id from flow_node_runs
          where instance_id in (select id from flow_instances where form_id = ${formId})
          group by instance_id, node_id having count(*) > 1) d`),
    ).toBe(0);
    // Exactly one task per instance, approved by the approver.
    const perInstance = await database.db
      .selectFrom('flow_tasks')
      .select(['instance_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('instance_id', 'in', ids)
      .where('status', '=', 'approved')
      .where('acted_by', '=', person.approver.userId)
      .groupBy('instance_id')
      .execute();
    expect(perInstance).toHaveLength(TASKS);
    expect(perInstance.every((r) => Number(r.n) === 1)).toBe(true);
    expect(
      await count(
        sql<{
          n: string;
        }>`select count(*) as n from flow_tasks where instance_id in (select id from flow_instances where form_id = ${formId})`,
      ),
    ).toBe(TASKS);
    const events = await database.db
      .selectFrom('flow_events')
      .select(['action', (eb) => eb.fn.countAll<string>().as('n')])
      .where('instance_id', 'in', ids)
      .groupBy('action')
      .orderBy('action')
      .execute();
    expect(events.map((e) => [e.action, Number(e.n)])).toEqual([
      ['instance.approved', TASKS],
      ['instance.submitted', TASKS],
      ['node.entered', TASKS],
      ['task.approved', TASKS],
    ]);
    const states = await database.db
      .selectFrom('records')
      .select(['flow_state', (eb) => eb.fn.countAll<string>().as('n')])
      .where('form_id', '=', formId)
      .groupBy('flow_state')
      .execute();
    expect(states.map((s) => [s.flow_state, Number(s.n)])).toEqual([['approved', TASKS]]);
  }, 300_000);

  it('mode all, two approvers, 32 clients racing approve against reject on 200 tasks: one outcome per task, the instance ends once', async () => {
    const formId = claim.id;
    const instanceCount = PAIRS;
    const ids = await instances(
      formId,
      flow({ mode: 'all', approvers: [{ kind: 'users', userIds: [person.a.userId, person.b.userId] }] }),
      instanceCount,
    );
    const tasks = await pendingTasks(formId);
    expect(tasks).toHaveLength(2 * PAIRS);

    const { wins, conflicts, others } = await race(tasks, () => (Math.random() < 0.8 ? 'approve' : 'reject'));
    expect(others).toEqual([]);
    expect([...wins.values()].every((w) => w.length === 1)).toBe(true);
    expect(conflicts + wins.size).toBe(CLIENTS * tasks.length);

    const rows = await database.db
      .selectFrom('flow_tasks')
      .select(['id', 'instance_id', 'status', 'acted_by', 'assignee_id'])
      .where('instance_id', 'in', ids)
      .execute();
    expect(rows).toHaveLength(2 * PAIRS);
    // The task's final state is exactly the one action that succeeded on it; a task nobody won was
    // cancelled by a rejection of the other task.
    for (const row of rows) {
      const won = wins.get(row.id)?.[0];
      if (won) {
        expect(row.status).toBe(won === 'approve' ? 'approved' : 'rejected');
        expect(row.acted_by).toBe(row.assignee_id);
      } else expect(row.status).toBe('cancelled');
    }
    const instances_ = await database.db
      .selectFrom('flow_instances as i')
      .innerJoin('records as r', 'r.id', 'i.record_id')
      .select(['i.id', 'i.status', 'r.flow_state'])
      .where('i.id', 'in', ids)
      .execute();
    const tasksOf = new Map<string, typeof rows>();
    for (const row of rows) tasksOf.set(row.instance_id, [...(tasksOf.get(row.instance_id) ?? []), row]);
    let approved = 0;
    for (const instance of instances_) {
      const statuses = tasksOf
        .get(instance.id)!
        .map((t) => t.status)
        .sort();
      expect(instance.flow_state).toBe(instance.status);
      if (instance.status === 'approved') {
        approved++;
        expect(statuses).toEqual(['approved', 'approved']);
      } else {
        expect(instance.status).toBe('rejected');
        expect(statuses.filter((s) => s === 'rejected')).toHaveLength(1);
        expect(statuses.filter((s) => s === 'pending')).toHaveLength(0);
      }
    }
    expect(approved).toBeGreaterThan(0);
    expect(approved).toBeLessThan(instanceCount);
    // No node run twice: start and review once each, end once exactly for the approved ones.
    expect(
      await count(sql<{ n: string }>`select count(*) as n from (
          select instance_id, node_id from flow_node_runs
          where instance_id in (select id from flow_instances where form_id = ${formId})
          group by instance_id, node_id having count(*) > 1) d`),
    ).toBe(0);
    const runs = await database.db
      .selectFrom('flow_node_runs')
      .select(['node_id', 'status', (eb) => eb.fn.countAll<string>().as('n')])
      .where('instance_id', 'in', ids)
      .groupBy(['node_id', 'status'])
      .orderBy('node_id')
      .orderBy('status')
      .execute();
    expect(runs.map((r) => [r.node_id, r.status, Number(r.n)])).toEqual([
      ['end', 'done', approved],
      ['review', 'done', approved],
      ['review', 'rejected', instanceCount - approved],
      ['start', 'done', instanceCount],
    ]);
    const events = await database.db
      .selectFrom('flow_events')
      .select(['action', (eb) => eb.fn.countAll<string>().as('n')])
      .where('instance_id', 'in', ids)
      .groupBy('action')
      .orderBy('action')
      .execute();
    const won = [...wins.values()].map((w) => w[0]);
    expect(Object.fromEntries(events.map((e) => [e.action, Number(e.n)]))).toEqual({
      'instance.approved': approved,
      'instance.rejected': instanceCount - approved,
      'instance.submitted': instanceCount,
      'node.entered': instanceCount,
      'task.approved': won.filter((a) => a === 'approve').length,
      'task.rejected': won.filter((a) => a === 'reject').length,
    });
  }, 180_000);
});
