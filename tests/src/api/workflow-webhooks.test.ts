import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { claimJobs, createOutboundClient, jobHandlers, parseAllowList } from '@forecourt/engine';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { expectError } from '../support/client';
import {
  claim,
  dealershipOrg,
  expenseForm,
  instanceStatus,
  line,
  type Org,
  publishFlow,
  story,
  submitNew,
} from '../support/workflow';
import { dueNow, runWorker } from '../support/workflow-jobs';

/**
 * Webhook actions against real receivers on 127.0.0.1 (allow-listed for the test worker, as an
 * operator would allow a LAN host): called outside any transaction, retried, failed visibly, and
 * retried or skipped by an admin.
 */
let t: TestApp;
let org: Org;
let receiver: Server;
let hookUrl: string;
let answer: (req: IncomingMessage, res: ServerResponse) => void;
const deliveries: { key: string; delivery: string; body: Record<string, unknown> }[] = [];
let silent: TcpServer;
let silentUrl: string;

beforeAll(async () => {
  t = await testApp();
  org = await dealershipOrg(t);
  receiver = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => {
      text += chunk;
    });
    req.on('end', () => {
      deliveries.push({
        key: String(req.headers['idempotency-key']),
        delivery: String(req.headers['x-forecourt-delivery']),
        body: JSON.parse(text || '{}'),
      });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/claims`;
  // A port that does not speak HTTP (it greets like an SSH server and hangs up).
  silent = createTcpServer((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n'));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await t?.close();
  receiver?.close();
  silent?.close();
});

const ok = (_req: IncomingMessage, res: ServerResponse) => res.end('{"ok":true}');

async function withHook(url: string) {
  await publishFlow(
    t,
    expenseForm.id,
    line({
      id: 'hook',
      type: 'action',
      actions: [
        { kind: 'updateRecord', values: { f_status: '"Approved"' } },
        { kind: 'webhook', url },
        {
          kind: 'notify',
          approvers: [{ kind: 'users', userIds: [org.people.financeHead.id] }],
          message: { zh: '已通知', en: 'Told' },
        },
      ],
    }),
  );
}

async function jobsOf(instanceId: string, kind = 'workflow.webhook') {
  const { rows } = await sql<{
    id: string;
    status: string;
    attempts: number;
    run_at: Date;
    last_error: string;
  }>`
    select id::text as id, status, attempts, run_at, last_error from jobs
    where kind = ${kind} and payload->>'instanceId' = ${instanceId} order by id`.execute(t.database.db);
  return rows;
}

/** Runs the worker until the instance's webhook job has failed for good (making each retry due at once). */
async function untilFailed(instanceId: string) {
  for (let i = 0; i < 20; i++) {
    await runWorker(org, { allowFailures: true });
    const jobs = await jobsOf(instanceId);
    if (jobs.at(-1)?.status === 'failed') return jobs.at(-1)!;
    await dueNow(org, instanceId);
  }
  throw new Error('the webhook job never failed');
}

describe('webhook actions', () => {
  it('deliver ids with an Idempotency-Key after the actions before them, then the node goes on', async () => {
    answer = ok;
    await withHook(hookUrl);
    const { employee } = org.people;
    const { recordId, instanceId } = await submitNew(employee, claim('300.00'));
    const before = deliveries.length;
    await runWorker(org);
    expect(await instanceStatus(org, instanceId)).toBe('approved');
    const sent = deliveries.slice(before);
    expect(sent).toHaveLength(1);
    const [job] = await jobsOf(instanceId);
    expect(sent[0]).toEqual({
      key: job!.id,
      delivery: job!.id,
      body: { event: 'workflow.action', instanceId, formId: expenseForm.id, recordId, nodeId: 'hook' },
    });
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'action.delivered@hook',
      'node.actions_done@hook',
      'instance.approved',
    ]);
  });

  it('to an internal address is refused at once, not called, and stops visibly', async () => {
    await withHook('http://169.254.169.254/latest/meta-data/');
    const { instanceId } = await submitNew(org.people.employee, claim('310.00'));
    const failed = await untilFailed(instanceId);
    expect(failed.attempts).toBe(1);
    const view = await t.admin.get(`/api/instances/${instanceId}`);
    expect(view.body.instance.failure).toMatchObject({
      nodeId: 'hook',
      action: 'webhook',
      index: 1,
      error: { code: 'outbound.address_refused', params: { address: '169.254.169.254' } },
    });
    expect(await instanceStatus(org, instanceId)).toBe('running');
  });
});

describe('no network call inside a transaction', () => {
  it('a slow receiver holds no lock and no connection: other requests answer at once', async () => {
    let release: () => void = () => {};
    let arrived: () => void = () => {};
    const pending = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    answer = (_req, res) => {
      arrived();
      const timer = setTimeout(() => res.end('{}'), 3_000);
      release = () => {
        clearTimeout(timer);
        res.end('{}');
      };
    };
    await withHook(hookUrl);
    const { employee } = org.people;
    const { recordId, instanceId } = await submitNew(employee, claim('320.00'));
    const working = runWorker(org);
    try {
      await pending;
      const timed = async (call: () => Promise<{ status: number }>) => {
        const started = performance.now();
        const response = await call();
        return { status: response.status, ms: performance.now() - started };
      };
      const health = await timed(() => t.anonymous().get('/api/health'));
      const read = await timed(() => employee.client.get(`/api/forms/${expenseForm.id}/records/${recordId}`));
      // The instance's row is not locked either: an admin's urge takes the instance lock.
      const urge = await timed(() => t.admin.post(`/api/instances/${instanceId}/urge`));
      const measured = JSON.stringify({ health, read, urge });
      expect(Math.max(health.ms, read.ms, urge.ms), measured).toBeLessThan(500);
      expect([health.status, read.status, urge.status], measured).toEqual([200, 200, 204]);
    } finally {
      await working.finally(() => release());
    }
    expect(await instanceStatus(org, instanceId)).toBe('approved');
  });

  it('a crash between the call and its record repeats the call with the same key; nothing is stranded', async () => {
    answer = ok;
    await withHook(hookUrl);
    const { instanceId } = await submitNew(org.people.employee, claim('330.00'));
    // The action job runs (it enqueues the webhook job); then a worker claims the webhook job,
    // calls, and dies before recording: its lease runs out.
    await runWorker(org, { kinds: ['workflow.action'] });
    const [claimed] = await claimJobs(t.database.db, { kinds: ['workflow.webhook'], limit: 1, leaseMs: 200 });
    expect(claimed).toBeDefined();
    const before = deliveries.length;
    const webhook = jobHandlers.get('workflow.webhook')!;
    await webhook.call!(claimed!, {
      db: t.database.db,
      outbound: createOutboundClient({ allow: parseAllowList('127.0.0.1') }),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await runWorker(org);
    const sent = deliveries.slice(before);
    expect(sent.map((d) => d.key)).toEqual([claimed!.id, claimed!.id]);
    expect(await instanceStatus(org, instanceId)).toBe('approved');
    expect((await story(org, instanceId)).filter((s) => s === 'action.delivered@hook')).toHaveLength(1);
  });
});

describe('a failing action', () => {
  it('is retried with backoff, then fails visibly: instance, timeline, the admins told; an admin retries it', async () => {
    answer = (_req, res) => {
      res.statusCode = 500;
      res.end('{"error":"down"}');
    };
    await withHook(hookUrl);
    const { employee } = org.people;
    const { instanceId } = await submitNew(employee, claim('340.00'));
    const before = deliveries.length;
    await runWorker(org, { allowFailures: true });
    // One try so far, the next one 5 s later (the backoff), not at once.
    const [first] = await jobsOf(instanceId);
    expect(first).toMatchObject({ status: 'pending', attempts: 1 });
    expect(first!.run_at.getTime() - Date.now()).toBeGreaterThan(3_000);
    expect(first!.last_error).toMatch(/answered 500/);
    expect((await t.admin.get(`/api/instances/${instanceId}`)).body.instance.failure).toBeNull();

    const failed = await untilFailed(instanceId);
    expect(failed.attempts).toBe(8);
    const sent = deliveries.slice(before);
    expect(sent).toHaveLength(8);
    expect(new Set(sent.map((d) => d.key))).toEqual(new Set([failed.id]));

    const view = (await t.admin.get(`/api/instances/${instanceId}`)).body;
    expect(view.instance).toMatchObject({
      status: 'running',
      failure: {
        nodeId: 'hook',
        index: 1,
        action: 'webhook',
        attempts: 8,
        error: { code: 'outbound.status', params: { status: 500 } },
        canResolve: true,
      },
    });
    expect(await story(org, instanceId)).toEqual(['instance.submitted', 'action.failed@hook']);
    const told = await t.database.db
      .selectFrom('notifications')
      .select(['user_id', 'details'])
      .where('instance_id', '=', instanceId)
      .where('kind', '=', 'flow.action_failed')
      .execute();
    expect(told.map((n) => n.user_id)).toContain(org.people.admin.id);
    expect(told[0]!.details).toMatchObject({ nodeId: 'hook', action: 'webhook', error: 'outbound.status' });

    // The submitter sees it, but may not resolve it.
    const theirs = (await employee.client.get(`/api/instances/${instanceId}`)).body;
    expect(theirs.instance.failure.canResolve).toBe(false);
    expectError(await employee.client.post(`/api/instances/${instanceId}/retry-action`), 403);

    answer = ok;
    expect((await t.admin.post(`/api/instances/${instanceId}/retry-action`)).status).toBe(204);
    expectError(await t.admin.post(`/api/instances/${instanceId}/retry-action`), 409);
    await runWorker(org);
    expect(await instanceStatus(org, instanceId)).toBe('approved');
    // The same delivery: the receiver can tell it is the one it failed on.
    expect(deliveries.at(-1)!.key).toBe(failed.id);
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'action.failed@hook',
      'action.retried@hook',
      'action.delivered@hook',
      'node.actions_done@hook',
      'instance.approved',
    ]);
    expect((await t.admin.get(`/api/instances/${instanceId}`)).body.instance.failure).toBeNull();
  });

  it('to a port that does not speak HTTP fails visibly; an admin skips it and the flow goes on', async () => {
    await withHook(silentUrl);
    const { instanceId } = await submitNew(org.people.employee, claim('350.00'));
    const failed = await untilFailed(instanceId);
    expect(failed.attempts).toBe(8);
    const view = (await t.admin.get(`/api/instances/${instanceId}`)).body;
    expect(view.instance.failure).toMatchObject({ action: 'webhook', error: { code: 'outbound.network' } });
    expect((await t.admin.post(`/api/instances/${instanceId}/skip-action`)).status).toBe(204);
    await runWorker(org);
    expect(await instanceStatus(org, instanceId)).toBe('approved');
    expect(await story(org, instanceId)).toEqual([
      'instance.submitted',
      'action.failed@hook',
      'action.skipped@hook',
      'node.actions_done@hook',
      'instance.approved',
    ]);
    // The action after the skipped one still ran.
    const told = await t.database.db
      .selectFrom('notifications')
      .select('user_id')
      .where('instance_id', '=', instanceId)
      .where('kind', '=', 'flow.notice')
      .execute();
    expect(told.map((n) => n.user_id)).toEqual([org.people.financeHead.id]);
  });

  it('ending the approval closes the failed action; nothing is left to retry', async () => {
    await withHook('http://10.0.0.1/');
    const { instanceId } = await submitNew(org.people.employee, claim('360.00'));
    await untilFailed(instanceId);
    expect((await t.admin.post(`/api/instances/${instanceId}/end`, {})).status).toBe(204);
    expect((await t.admin.get(`/api/instances/${instanceId}`)).body.instance.failure).toBeNull();
    expectError(await t.admin.post(`/api/instances/${instanceId}/retry-action`), 409);
  });
});
