import { Agent, request as httpRequest } from 'node:http';
import { type BenchServer, call, startBenchServer } from '../server';
import { type BenchContext, type Benchmark, type BenchOutcome, type Stats, stats } from '../types';

/** Instances a measured round runs through the flow (each gives two tasks), and a discarded warm-up. */
const INSTANCES = 1_000;
const WARM_UP = 200;
const ROUNDS = 3;
const CONCURRENCY = 16;
const PASSWORD = 'bench-password-1';

/**
 * A discount request: what the flow needs and no formulas, so that the figure is the flow's (formula
 * cost is B1's) and a busy machine cannot stop a seed on the expression clock.
 */
const DISCOUNT_FORM = {
  id: 'frm_bench_discount',
  title: { zh: '折扣申请', en: 'Discount request' },
  fields: [
    { id: 'f_customer', type: 'text', label: { zh: '客户', en: 'Customer' }, required: true },
    { id: 'f_msrp', type: 'money', label: { zh: '指导价', en: 'MSRP' }, required: true },
    { id: 'f_discount', type: 'money', label: { zh: '优惠', en: 'Discount' }, required: true },
    { id: 'f_reason', type: 'textarea', label: { zh: '理由', en: 'Reason' } },
  ],
};
const DISCOUNT = {
  f_customer: '陈先生',
  f_msrp: '189800.00',
  f_discount: '8000.00',
  f_reason: '老客户转介绍',
};

/**
 * The quote discount flow of the dealership templates, reduced to its two approvals: the sales
 * manager, then the GM, then the end. Each approval of the first step creates the next task; each
 * of the second completes the instance (node run, instance status, the record's flow state).
 */
function flow(manager: string, gm: string) {
  return {
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'manager', type: 'approval', mode: 'any', approvers: [{ kind: 'users', userIds: [manager] }] },
      { id: 'gm', type: 'approval', mode: 'any', approvers: [{ kind: 'users', userIds: [gm] }] },
      { id: 'end', type: 'end' },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'manager' },
      { id: 'e2', from: 'manager', to: 'gm' },
      { id: 'e3', from: 'gm', to: 'end' },
    ],
  };
}

interface Person {
  id: string;
  token: string;
}

/** Kept-alive connections, one per concurrent request: node:http costs the client less CPU than fetch. */
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** A JSON request with a given bearer token; the status and parsed body, never a throw on 4xx. */
function send(
  server: BenchServer,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${server.url}${path}`,
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : null });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/** Runs `work` over `items` with at most CONCURRENCY requests in flight; returns the elapsed seconds. */
async function bounded<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
  return (performance.now() - started) / 1000;
}

/** A user created by the admin, logged in, with an API token of their own. */
async function person(server: BenchServer, email: string, name: string): Promise<Person> {
  const created = await call(server, 'POST', '/api/users', { email, name, password: PASSWORD });
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login ${email}: ${login.status}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const token = await fetch(`${server.url}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'bench' }),
  });
  if (token.status !== 201) throw new Error(`token for ${email}: ${token.status} ${await token.text()}`);
  return { id: created.user.id, token: ((await token.json()) as { token: string }).token };
}

/** Every task waiting for the person on the bench form (the to-do box, paged by 100). */
async function todo(server: BenchServer, who: Person): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await send(
      server,
      who.token,
      'GET',
      `/api/tasks?box=todo&formId=${DISCOUNT_FORM.id}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    if (page.status !== 200) throw new Error(`todo: ${page.status} ${JSON.stringify(page.body)}`);
    ids.push(...(page.body.items as { taskId: string }[]).map((i) => i.taskId));
    cursor = page.body.next;
  } while (cursor);
  return ids;
}

/** Creates `count` quotes (100 a request) and submits each: returns the submits per second. */
async function seed(server: BenchServer, count: number): Promise<number> {
  const records: string[] = [];
  for (let i = 0; i < count; i += 100) {
    const batch = Array.from({ length: Math.min(100, count - i) }, () => DISCOUNT);
    const created = await call(server, 'POST', `/api/forms/${DISCOUNT_FORM.id}/records/batch`, {
      records: batch,
    });
    records.push(...(created.records as { id: string }[]).map((r) => r.id));
  }
  const seconds = await bounded(records, async (id) => {
    const submitted = await send(
      server,
      server.token,
      'POST',
      `/api/forms/${DISCOUNT_FORM.id}/records/${id}/submit`,
    );
    if (submitted.status !== 201)
      throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  });
  return count / seconds;
}

/** Approves every task, expecting each to leave the instance in `after`; returns the elapsed seconds. */
async function approveAll(server: BenchServer, who: Person, tasks: string[], after: string): Promise<number> {
  return bounded(tasks, async (taskId) => {
    const done = await send(server, who.token, 'POST', `/api/tasks/${taskId}/actions`, { action: 'approve' });
    if (done.status !== 200 || done.body.instanceStatus !== after)
      throw new Error(`approve ${taskId}: ${done.status} ${JSON.stringify(done.body)}`);
  });
}

/** One round: `count` instances through both approvals. Tasks per second over both steps. */
async function round(server: BenchServer, people: { manager: Person; gm: Person }, count: number) {
  const submits = await seed(server, count);
  const first = await todo(server, people.manager);
  if (first.length !== count) throw new Error(`the manager has ${first.length} tasks, not ${count}`);
  const managerSeconds = await approveAll(server, people.manager, first, 'running');
  const second = await todo(server, people.gm);
  if (second.length !== count) throw new Error(`the GM has ${second.length} tasks, not ${count}`);
  const gmSeconds = await approveAll(server, people.gm, second, 'approved');
  return { tasksPerSecond: (2 * count) / (managerSeconds + gmSeconds), submits };
}

/** The baseline: as many one-row raw inserts through the same pool (no auth, no ACL, no flow), same loop. */
async function rawWrites(server: BenchServer, stored: unknown, count: number): Promise<number> {
  const body = { workspaceId: server.workspaceId, formId: DISCOUNT_FORM.id, records: [stored] };
  const seconds = await bounded(Array.from({ length: count }), async () => {
    const inserted = await send(server, server.token, 'POST', '/api/bench/raw-insert', body);
    if (inserted.status !== 201) throw new Error(`raw insert: ${inserted.status}`);
  });
  return count / seconds;
}

/**
 * After the load: each approval the client saw acknowledged is in the approver's done box exactly
 * once, and nothing waits in either to-do box (the inbox reads flow_tasks; a duplicated task or
 * a lost approval shows here).
 */
async function ledger(server: BenchServer, who: Person, acknowledged: number): Promise<number> {
  const seen = new Set<string>();
  let items = 0;
  let cursor: string | null = null;
  do {
    const page = await send(
      server,
      who.token,
      'GET',
      `/api/tasks?box=done&formId=${DISCOUNT_FORM.id}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    for (const item of page.body.items as { taskId: string }[]) {
      seen.add(item.taskId);
      items++;
    }
    cursor = page.body.next;
  } while (cursor);
  const waiting = (await todo(server, who)).length;
  return Math.abs(acknowledged - seen.size) + (items - seen.size) + waiting;
}

async function measure(server: BenchServer, mode: string, log: (m: string) => void): Promise<BenchOutcome[]> {
  await call(server, 'POST', '/api/apps', { id: 'app_bench', name: { zh: '基准', en: 'Bench' } });
  await call(server, 'POST', '/api/apps/app_bench/forms', DISCOUNT_FORM);
  await call(server, 'POST', `/api/forms/${DISCOUNT_FORM.id}/publish`);
  const stored = (await call(server, 'POST', `/api/forms/${DISCOUNT_FORM.id}/records`, { data: DISCOUNT }))
    .data;
  const people = {
    manager: await person(server, 'sales-manager@bench.local', '销售经理'),
    gm: await person(server, 'gm@bench.local', '总经理'),
  };
  await call(server, 'PUT', `/api/forms/${DISCOUNT_FORM.id}/workflow`, flow(people.manager.id, people.gm.id));
  await call(server, 'POST', `/api/forms/${DISCOUNT_FORM.id}/workflow/publish`);

  await rawWrites(server, stored, 2 * WARM_UP);
  await round(server, people, WARM_UP);
  const tasks: number[] = [];
  const baseline: number[] = [];
  const submits: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    baseline.push(await rawWrites(server, stored, 2 * INSTANCES));
    const measured = await round(server, people, INSTANCES);
    tasks.push(measured.tasksPerSecond);
    submits.push(measured.submits);
    log(
      `${mode} B5 round ${i + 1}: ${Math.round(measured.tasksPerSecond)} tasks/s, raw ${Math.round(baseline.at(-1)!)} writes/s, ${Math.round(measured.submits)} submits/s`,
    );
  }
  const approvals = WARM_UP + ROUNDS * INSTANCES;
  const wrong =
    (await ledger(server, people.manager, approvals)) + (await ledger(server, people.gm, approvals));
  const value = stats(tasks);
  const raw = stats(baseline);
  const ratio = stats(tasks.map((t, i) => t / baseline[i]!));
  const context = `${INSTANCES.toLocaleString('en')} instances a round, two approvals each, c=${CONCURRENCY}`;
  return [
    {
      id: 'B5',
      mode,
      status: 'measured',
      unit: 'tasks/s',
      value,
      baseline: { label: 'one-row raw inserts through the same pool, same client loop, c=16', value: raw },
      ratio,
      // PGlite's own bar is B11's: 0.3× the PostgreSQL target.
      target: mode === 'postgres' ? '≥ 200 tasks/s' : '≥ 60 tasks/s (0.3× of 200, B11)',
      meetsTarget: value.median >= (mode === 'postgres' ? 200 : 60),
      note: `${context}; median of ${ROUNDS} rounds`,
    },
    {
      id: 'B5',
      mode: `${mode} submit`,
      status: 'measured',
      unit: 'submits/s (instance started, first task created)',
      value: stats(submits),
      target: 'context only',
      meetsTarget: true,
      note: `one submit a request, c=${CONCURRENCY}`,
    },
    {
      id: 'B5',
      mode: `${mode} correctness`,
      status: 'measured',
      unit: 'approvals lost or duplicated, tasks left waiting',
      value: stats([wrong]),
      target: '0',
      meetsTarget: wrong === 0,
      note: `${2 * approvals} approvals acknowledged, checked against the approvers' done and to-do boxes`,
    },
  ];
}

export const approvals: Benchmark = {
  id: 'B5',
  title: 'approvals end to end (approve → next task → completion)',
  target: '≥ 200 tasks/s on PostgreSQL; PGlite ≥ 0.3× (B11)',
  async run(context: BenchContext) {
    const outcomes: BenchOutcome[] = [];
    const figures = new Map<string, Stats>();
    for (const mode of context.modes) {
      const server = await startBenchServer(context.repoRoot, mode);
      try {
        const measured = await measure(server, mode, context.log);
        outcomes.push(...measured);
        const main = measured[0];
        if (main?.status === 'measured') figures.set(mode, main.value);
      } finally {
        await server.stop();
      }
    }
    const pg = figures.get('postgres');
    const lite = figures.get('pglite');
    // Filed under B5, not B11: a partial run (--only B5) replaces every row of the ids it ran,
    // and B11's row about B1 comes from the B1 benchmark.
    if (pg && lite) {
      outcomes.push({
        id: 'B5',
        mode: 'pglite vs postgres (B11)',
        status: 'measured',
        unit: 'tasks/s on PGlite',
        value: lite,
        baseline: { label: 'tasks/s on PostgreSQL, same run', value: pg },
        ratio: stats([lite.median / pg.median]),
        target: '≥ 0.3× (B11)',
        meetsTarget: lite.median / pg.median >= 0.3,
      });
    }
    return outcomes;
  },
};
