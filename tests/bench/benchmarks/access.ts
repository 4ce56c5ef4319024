import { type BenchServer, call, startBenchServer } from '../server';
import { type BenchContext, type Benchmark, type BenchOutcome, stats } from '../types';
import { B3_QUERY, RO_FORM } from './list';

const COUNT = 100_000;
const PASSWORD = 'bench-password-1';

/** Logs a user in and returns the session cookie: lists are GETs, so no CSRF token is needed. */
async function session(server: BenchServer, email: string): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

async function timed(server: BenchServer, cookie: string, path: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${server.url}${path}`, { headers: { cookie } });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  return performance.now() - started;
}

/**
 * p95 of both requests, sent alternately (one, then the other, n times): on a 2-core machine the
 * load drifts, and interleaving keeps the drift out of the ratio.
 */
async function pairedP95(
  server: BenchServer,
  a: { cookie: string; path: string },
  b: { cookie: string; path: string },
  n: number,
): Promise<[number, number]> {
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 0; i < n; i++) {
    first.push(await timed(server, a.cookie, a.path));
    second.push(await timed(server, b.cookie, b.path));
  }
  const p95 = (samples: number[]) => samples.sort((x, y) => x - y)[Math.floor(samples.length * 0.95)]!;
  return [p95(first), p95(second)];
}

/** Who is measured: each holds one permission set that compiles to a different kind of check. */
const PROFILES = [
  {
    key: 'own',
    label: 'consultant, own records (1 in 10)',
    set: { preset: 'submitAndManageOwn' },
  },
  {
    key: 'department',
    label: 'manager, own department (1 in 4)',
    set: { actions: ['view'], scope: { kind: 'department' } },
  },
  {
    key: 'masked',
    label: 'viewer, all records, one field hidden',
    set: {
      preset: 'viewAll',
      readFields: RO_FORM.fields.map((f) => f.id).filter((id) => id !== 'f_advisor_name'),
    },
  },
] as const;

/**
 * Issue 5's limit: permission checks add ≤ 20% to the list endpoint on 100k records. Each profile
 * is a non-admin whose sets compile to a row scope or a field mask. The baseline is the same query
 * by the workspace admin, whose access compiles to nothing (no query, no condition), with the
 * scope's rows asked for as an explicit filter: both return the same page, so the ratio is what
 * the permission machinery costs (loading the sets, compiling them, masking), not what reading a
 * narrower slice of the table costs.
 */
export const accessOverhead: Benchmark = {
  id: 'B3b',
  title: 'list with permission scopes and field masks vs the same request without them',
  target: '≤ 1.2× the same list without permission checks',
  async run(context: BenchContext) {
    const outcomes: BenchOutcome[] = [];
    for (const mode of context.modes) {
      const server = await startBenchServer(context.repoRoot, mode);
      try {
        outcomes.push(...(await measure(server, mode, context.log)));
      } finally {
        await server.stop();
      }
    }
    return outcomes;
  },
};

async function measure(
  server: BenchServer,
  mode: string,
  log: (message: string) => void,
): Promise<BenchOutcome[]> {
  await call(server, 'POST', '/api/apps', { id: 'app_bench', name: { zh: '基准', en: 'Bench' } });
  await call(server, 'POST', '/api/apps/app_bench/forms', RO_FORM);
  await call(server, 'POST', `/api/forms/${RO_FORM.id}/publish`);
  const me = await call(server, 'GET', '/api/me');
  const departments: string[] = [];
  for (const name of ['售后一组', '售后二组', '售后三组', '售后四组']) {
    departments.push((await call(server, 'POST', '/api/departments', { name, kind: 'department' })).id);
  }
  const users = new Map<string, { id: string; email: string }>();
  for (const profile of PROFILES) {
    const email = `${profile.key}@bench.local`;
    const created = await call(server, 'POST', '/api/users', {
      email,
      name: profile.label,
      password: PASSWORD,
      departments: [{ departmentId: departments[0], isPrimary: true }],
    });
    users.set(profile.key, { id: created.user.id, email });
    await call(server, 'POST', `/api/forms/${RO_FORM.id}/permission-sets`, {
      name: profile.label,
      ...profile.set,
      assignees: { users: [created.user.id] },
    });
  }
  // One record in ten is the consultant's; departments rotate in blocks, so a quarter is each one's.
  const owners = [users.get('own')!.id, ...Array(9).fill(me.user.id)];
  const started = performance.now();
  for (let from = 1; from <= COUNT; from += 50_000) {
    await call(server, 'POST', '/api/bench/seed-ro', {
      workspaceId: server.workspaceId,
      formId: RO_FORM.id,
      from,
      to: Math.min(COUNT, from + 49_999),
      owners,
      departments,
    });
  }
  log(`${mode}: seeded ${COUNT} repair orders in ${Math.round(performance.now() - started)} ms`);

  const admin = await session(server, me.user.email);
  const list = (query: object) =>
    `/api/forms/${RO_FORM.id}/records?query=${encodeURIComponent(JSON.stringify(query))}`;
  const requests: Record<string, { filter?: unknown; sort?: unknown; limit: number }> = {
    'newest first': { limit: 50 },
    'B3 filter + sort': B3_QUERY,
  };
  // The rows each profile's scope reaches, as a filter the admin can send.
  const sameRows: Record<string, unknown> = {
    own: { field: '_owner', op: 'eq', value: users.get('own')!.id },
    department: { field: '_department', op: 'eq', value: departments[0] },
    masked: null,
  };
  const outcomes: BenchOutcome[] = [];
  for (const profile of PROFILES) {
    const cookie = await session(server, users.get(profile.key)!.email);
    for (const [name, query] of Object.entries(requests)) {
      const path = list(query);
      const rows = sameRows[profile.key];
      const filters = [query.filter, rows].filter(Boolean);
      const basePath = list(filters.length ? { ...query, filter: { and: filters } } : query);
      const baseline = { cookie: admin, path: basePath };
      const scoped = { cookie, path };
      await pairedP95(server, baseline, scoped, 30);
      const base: number[] = [];
      const ours: number[] = [];
      const ratios: number[] = [];
      for (let round = 0; round < 5; round++) {
        const [a, b] = await pairedP95(server, baseline, scoped, 200);
        base.push(a);
        ours.push(b);
        ratios.push(b / a);
      }
      const ratio = stats(ratios);
      outcomes.push({
        id: 'B3b',
        mode: `${mode} (${COUNT.toLocaleString('en')} records): ${profile.label}, ${name}`,
        status: 'measured',
        unit: 'ms p95',
        value: stats(ours),
        baseline: {
          label: 'p95 of the same query by the admin, the scope as an explicit filter (no permission checks)',
          value: stats(base),
        },
        ratio,
        target: '≤ 1.2×',
        meetsTarget: ratio.median <= 1.2,
      });
    }
  }
  return outcomes;
}
