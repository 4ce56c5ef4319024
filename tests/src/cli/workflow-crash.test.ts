import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openDatabase } from '@forecourt/engine';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, withDdlLock } from '../support/db';
import { field, form } from '../support/dealership/fields';
import { REPO_ROOT, testDatabaseKind } from '../support/env';
import { type ApiAnswer, bearerToken, buildServer, callApi, ServerProcess } from '../support/server-process';
import { crashFindings } from '../support/workflow-crash-checks';

/**
 * The crash acceptance of the workflow engine (issue 6): two server processes share one PostgreSQL
 * database, and one of them is SIGKILLed at random moments while a client submits records and
 * approves their tasks against both, and deadline timers come due and auto-approve other tasks.
 * Afterwards SQL must find every acknowledged approval recorded exactly once, every due timer fired
 * exactly once, and nothing left behind a lease. PostgreSQL only: PGlite lives inside one process.
 */
const MIN_KILLS = 20;
/** Short, so that timers claimed by a killed process are taken over within the test. */
const LEASE_SECONDS = 2;
const CLIENT_LANES = 2;
/** The timer lane stops this many kills before the end. */
const TIMER_STOP = 5;
const FORM_ID = 'frm_crash';
const ADMIN = { email: 'crash@forecourt.local', password: 'crash-password-1' };
const APPROVER = { email: 'approver@crash.test', password: 'password-123' };

const crashForm = form(FORM_ID, 'app_crash', '崩溃测试', 'Crash test', [
  field('f_name', 'text', '名称', 'Name'),
  field('f_due', 'datetime', '截止', 'Due'),
]);

const flow = (approverId: string) => ({
  nodes: [
    { id: 'start', type: 'start' },
    {
      id: 'review',
      type: 'approval',
      mode: 'any',
      approvers: [{ kind: 'users', userIds: [approverId] }],
      // biome-ignore lint/suspicious/noThenProperty: Deadline.then is a string, so never a thenable.
      deadline: { after: { field: 'f_due' }, remindBefore: [], then: 'approve' },
    },
    { id: 'end', type: 'end' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'review' },
    { id: 'e2', from: 'review', to: 'end' },
  ],
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let pool: pg.Pool;
let servers: ServerProcess[] = [];
let cleanup: () => Promise<void> = async () => {};

beforeAll(async () => {
  if (testDatabaseKind() !== 'postgres') return;
  buildServer();
  const scratch = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'forecourt-crash-'));
  cleanup = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await pool?.end();
    rmSync(dataDir, { recursive: true, force: true });
    await scratch.drop();
  };
  // Migrated here under the test files' DDL lock (support/db.ts); every start then finds it up to date.
  const database = await openDatabase({ url: scratch.url, poolSize: 1 });
  await withDdlLock(() => migrateToLatest(database.db as Kysely<unknown>));
  await database.close();
  pool = new pg.Pool({ connectionString: scratch.url, max: 4 });
  const env = {
    DATABASE_URL: scratch.url,
    LOG_LEVEL: 'warn',
    FORECOURT_DATA_DIR: dataDir,
    FORECOURT_CACHE_DIR: join(REPO_ROOT, 'node_modules/.cache/forecourt'),
    FORECOURT_ADMIN_EMAIL: ADMIN.email,
    FORECOURT_ADMIN_PASSWORD: ADMIN.password,
    FORECOURT_WORKER: 'on',
    FORECOURT_JOB_LEASE_SECONDS: String(LEASE_SECONDS),
  };
  servers = [new ServerProcess('A', env), new ServerProcess('B', env)];
  // One after the other: the first start creates the workspace and its admin.
  for (const server of servers) await server.start();
}, 120_000);
afterAll(() => cleanup());

/** Counters and findings of the stream, reported at the end. */
const stream = {
  /** Approvals answered 200: the client was told they happened. */
  acknowledged: [] as string[],
  /** Approvals whose request was cut by a kill and whose retry then found the task already approved. */
  approvedByCutRequest: [] as string[],
  /** Submitted records whose deadline comes 2–15 s later: the worker must auto-approve them. */
  timerInstances: [] as { instanceId: string; dueMs: number }[],
  clientInstances: [] as string[],
  /** Requests that got no answer because the server died under them. */
  cut: 0,
  /** Any answer the protocol does not allow (a 5xx, a 409 on a submit retry, …). */
  surprises: [] as string[],
};

let calls = 0;

/** A request to A and B in turn, to whichever is up when the other is down. */
async function send(
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<ApiAnswer> {
  for (;;) {
    const first = calls++ % 2;
    const url = servers[first]!.url ?? servers[1 - first]!.url;
    if (!url) {
      await pause(20);
      continue;
    }
    const answer = await callApi(url, token, method, path, body, headers);
    if (answer.status === 0) stream.cut++;
    return answer;
  }
}

function surprise(what: string, answer: ApiAnswer): never {
  const text = `${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
  stream.surprises.push(text);
  throw new Error(text);
}

/** Creates a record; a create cut off by a kill is simply made again (the lost one may exist, unsubmitted). */
async function createRecord(token: string, data: Record<string, unknown>): Promise<string> {
  for (;;) {
    const answer = await send(token, 'POST', `/api/forms/${FORM_ID}/records`, { data });
    if (answer.status === 201) return answer.body.id as string;
    if (answer.status !== 0) surprise('create a record', answer);
  }
}

/** Submits with an idempotency key, so a retry after a cut finds the instance the first try made. */
async function submit(token: string, recordId: string): Promise<string> {
  for (;;) {
    const answer = await send(token, 'POST', `/api/forms/${FORM_ID}/records/${recordId}/submit`, undefined, {
      'idempotency-key': `crash-${recordId}`,
    });
    if (answer.status === 201) return answer.body.instanceId as string;
    if (answer.status !== 0) surprise(`submit ${recordId}`, answer);
  }
}

async function pendingTask(instanceId: string): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `select id from flow_tasks where instance_id = $1 and node_id = 'review' and status = 'pending'`,
    [instanceId],
  );
  if (rows.length !== 1) throw new Error(`instance ${instanceId} has ${rows.length} pending review tasks`);
  return rows[0]!.id;
}

/** Approves until an answer comes: 200 acknowledged; 409 only after a cut try (which then did it). */
async function approve(token: string, taskId: string): Promise<void> {
  let wasCut = false;
  for (;;) {
    const answer = await send(token, 'POST', `/api/tasks/${taskId}/actions`, {
      action: 'approve',
      comment: '同意',
    });
    if (answer.status === 200) {
      if (answer.body.instanceStatus !== 'approved') surprise(`approve ${taskId}`, answer);
      stream.acknowledged.push(taskId);
      return;
    }
    if (answer.status === 409 && wasCut) {
      stream.approvedByCutRequest.push(taskId);
      return;
    }
    if (answer.status !== 0) surprise(`approve ${taskId}`, answer);
    wasCut = true;
  }
}

const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();

describe.skipIf(testDatabaseKind() !== 'postgres')(
  'two server processes, one SIGKILLed again and again',
  () => {
    it(`loses and doubles nothing over ${MIN_KILLS}+ kills during approvals and deadline timers`, async () => {
      const url = servers[0]!.url!;
      const admin = await bearerToken(url, ADMIN.email, ADMIN.password);
      const call = async (method: string, path: string, body: unknown, status: number) => {
        const answer = await callApi(url, admin, method, path, body);
        expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBe(status);
        return answer.body;
      };
      await call('POST', '/api/apps', { id: 'app_crash', name: { zh: '崩溃', en: 'Crash' } }, 201);
      await call(
        'POST',
        '/api/apps/app_crash/forms',
        { id: FORM_ID, title: crashForm.title, fields: crashForm.fields },
        201,
      );
      await call('POST', `/api/forms/${FORM_ID}/publish`, undefined, 200);
      const created = await call(
        'POST',
        '/api/users',
        { email: APPROVER.email, name: '审批人', password: APPROVER.password },
        201,
      );
      const approverId = created.user.id as string;
      await call('PUT', `/api/forms/${FORM_ID}/workflow`, flow(approverId), 200);
      await call('POST', `/api/forms/${FORM_ID}/workflow/publish`, undefined, 200);
      const approver = await bearerToken(url, APPROVER.email, APPROVER.password);

      const started = Date.now();
      let streaming = true;
      let lastDueMs = 0;
      let kills = 0;
      const clientLane = async (lane: number) => {
        for (let n = 0; streaming; n++) {
          // Its deadline is a day away: only the client approves these.
          const recordId = await createRecord(admin, {
            f_name: `client ${lane}.${n}`,
            f_due: inFuture(86_400_000),
          });
          const instanceId = await submit(admin, recordId);
          stream.clientInstances.push(instanceId);
          await approve(approver, await pendingTask(instanceId));
          await pause(20); // a steady stream, not a flood: the restarts need CPU too
        }
      };
      const timerLane = async () => {
        // Stops a few kills early, so that its last timers come due while the kills go on.
        for (let n = 0; streaming && kills < MIN_KILLS - TIMER_STOP; n++) {
          const dueMs = Date.now() + 2_000 + Math.random() * 13_000;
          const recordId = await createRecord(admin, {
            f_name: `timer ${n}`,
            f_due: new Date(dueMs).toISOString(),
          });
          stream.timerInstances.push({ instanceId: await submit(admin, recordId), dueMs });
          lastDueMs = Math.max(lastDueMs, dueMs);
          await pause(50);
        }
      };
      const lanes = [...Array.from({ length: CLIENT_LANES }, (_, i) => clientLane(i)), timerLane()];

      let lastKill = 0;
      let restarting = 0;
      try {
        for (; kills < MIN_KILLS; kills++) {
          await pause(300 + Math.random() * 500);
          const victim = servers[Math.floor(Math.random() * 2)]!;
          await victim.kill();
          lastKill = Date.now();
          await victim.start();
          restarting += Date.now() - lastKill;
        }
      } finally {
        streaming = false;
        await Promise.allSettled(lanes);
      }
      const killPhase = (lastKill - started) / 1_000;
      expect(stream.surprises).toEqual([]);
      await Promise.all(lanes); // a lane that failed otherwise (SQL) fails the test here

      // Both processes are up: wait until every timer is due and no deadline job is due or held.
      const limit = Math.max(lastKill + LEASE_SECONDS * 1_000, lastDueMs) + 15_000;
      for (;;) {
        const { rows } = await pool.query<{ n: number }>(
          `select count(*)::int as n from jobs where kind = 'workflow.deadline'
           and (status = 'running' or (status = 'pending' and run_at <= now()))`,
        );
        if (rows[0]!.n === 0 && Date.now() > lastDueMs + 500) break;
        if (Date.now() > limit) break; // the checks below say what is left
        await pause(250);
      }
      const settled = (Date.now() - lastKill) / 1_000;

      const findings = await crashFindings(pool, {
        approverId,
        acknowledged: stream.acknowledged,
        approvedByCutRequest: stream.approvedByCutRequest,
        clientInstances: stream.clientInstances,
        timerInstances: stream.timerInstances.map((t) => t.instanceId),
        leaseSeconds: LEASE_SECONDS,
      });
      console.log(
        `workflow crash test: ${kills} SIGKILLs in ${killPhase.toFixed(1)} s; ${stream.acknowledged.length} approvals ` +
          `acknowledged, ${stream.approvedByCutRequest.length} more done by a request cut off by a kill ` +
          `(${stream.cut} requests cut in all); ${findings.figures.timersFired} deadline timers fired ` +
          `(${findings.figures.rerunJobs} jobs re-run after a kill, ${findings.figures.extraAttempts} extra attempts); ` +
          `settled ${settled.toFixed(1)} s after the last kill; restarts took ${Math.round(restarting / kills)} ms on average`,
      );

      expect(findings.problems).toEqual([]);
      expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
      // The kills did land on work in flight, or this proves little.
      expect(stream.cut).toBeGreaterThan(0);
      expect(stream.acknowledged.length).toBeGreaterThan(100);
      expect(findings.figures.timersFired).toBe(stream.timerInstances.length);
      expect(findings.figures.timersFired).toBeGreaterThan(50);
      const logs = servers.map((s) => s.output).join('\n');
      expect(logs).not.toMatch(/job failed|could not be run|claiming jobs failed|"level":50/);
    }, 300_000);
  },
);
