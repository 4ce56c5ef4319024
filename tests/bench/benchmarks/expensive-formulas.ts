import { compileExpression } from '@forecourt/schemas';
import autocannon from 'autocannon';
import { type BenchServer, call, startBenchServer } from '../server';
import { type Benchmark, type BenchOutcome, stats } from '../types';
import { installBenchForm } from './record-create';

/**
 * B12 (issue 15): 8 clients create records whose formula costs ~90 ms of CPU, while a prober reads
 * `/api/health` and a staff member keeps creating records with trivial formulas. Expressions run in
 * worker threads under a CPU budget, so health stays quick and no trivial formula fails. Reported as
 * health p99 under that load ÷ health p99 under the same load without the expensive formula.
 */
const HEAVY = '$sum([1..f_n].($ * 2))';
const TARGET_CPU_MS = 90;
const SECONDS = 8;
const label = (en: string) => ({ zh: en, en });
/** 19.99 × qty × 1.13 rounded half-up to cents, in exact integer arithmetic. */
const gross = (qty: number) => {
  const cents = (1999n * BigInt(qty) * 113n + 50n) / 100n;
  return `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
};

/** The loop size that makes HEAVY cost about 90 ms of CPU here (the same code runs in the workers). */
async function calibrate(): Promise<number> {
  const expression = compileExpression(HEAVY);
  const cost = async (n: number) => {
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = process.cpuUsage();
      await expression.evaluate({ f_n: n }, {}, { timeoutMs: 10_000 });
      const used = process.cpuUsage(before);
      samples.push((used.user + used.system) / 1000);
    }
    return stats(samples).median;
  };
  await cost(2000);
  let n = 2000;
  for (let round = 0; round < 4; round++)
    n = Math.max(100, Math.round((n * TARGET_CPU_MS) / (await cost(n))));
  return n;
}

async function installForms(server: BenchServer): Promise<void> {
  await installBenchForm(server);
  await call(server, 'POST', '/api/apps/app_bench/forms', {
    id: 'frm_b12_heavy',
    title: label('Heavy'),
    fields: [
      { id: 'f_n', type: 'number', label: label('n') },
      { id: 'f_heavy', type: 'formula', label: label('Heavy'), expression: HEAVY, resultType: 'number' },
    ],
  });
  await call(server, 'POST', '/api/apps/app_bench/forms', {
    id: 'frm_b12_trivial',
    title: label('Trivial'),
    fields: [
      { id: 'f_amount', type: 'money', label: label('Amount') },
      { id: 'f_qty', type: 'number', label: label('Qty') },
      {
        id: 'f_line',
        type: 'formula',
        label: label('Line'),
        expression: 'f_amount * f_qty',
        resultType: 'money',
      },
      {
        id: 'f_gross',
        type: 'formula',
        label: label('Gross'),
        expression: '$round(f_amount * f_qty * 1.13, 2)',
        resultType: 'money',
      },
    ],
  });
  for (const id of ['frm_b12_heavy', 'frm_b12_trivial'])
    await call(server, 'POST', `/api/forms/${id}/publish`);
}

interface Round {
  healthP99: number;
  healthMax: number;
  trivialDone: number;
  trivialFailed: number;
  heavyOk: number;
  heavyRefused: number;
}

function p99(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
}

/** One load of 8 clients creating heavy-form records (`n` = loop size, or none), with the probes. */
async function round(server: BenchServer, n: number | undefined): Promise<Round> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${server.token}` };
  let running = true;
  const health: number[] = [];
  const prober = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${server.url}/api/health`);
      await response.arrayBuffer();
      health.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  let trivialDone = 0;
  let trivialFailed = 0;
  const staff = (async () => {
    for (let qty = 1; running; qty++) {
      const response = await fetch(`${server.url}/api/forms/frm_b12_trivial/records`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ data: { f_amount: '19.99', f_qty: qty } }),
      });
      const body = (await response.json()) as { data?: { f_gross?: string } };
      trivialDone++;
      if (response.status !== 201 || body.data?.f_gross !== gross(qty)) trivialFailed++;
    }
  })();
  const load = await autocannon({
    url: `${server.url}/api/forms/frm_b12_heavy/records`,
    method: 'POST',
    connections: 8,
    duration: SECONDS,
    headers,
    body: JSON.stringify({ data: n === undefined ? {} : { f_n: n } }),
  });
  running = false;
  await Promise.all([prober, staff]);
  return {
    healthP99: p99(health),
    healthMax: Math.max(...health),
    trivialDone,
    trivialFailed,
    heavyOk: load['2xx'],
    heavyRefused: load.non2xx,
  };
}

export const expensiveFormulas: Benchmark = {
  id: 'B12',
  title: 'health and trivial formulas while 8 clients create records with a 90 ms formula',
  target: 'health p99 < 200 ms; no trivial formula fails',
  async run(context) {
    const n = await calibrate();
    context.log(`B12: a loop of ${n} costs about ${TARGET_CPU_MS} ms of CPU here`);
    const outcomes: BenchOutcome[] = [];
    for (const mode of context.modes) {
      const server = await startBenchServer(context.repoRoot, mode);
      try {
        await installForms(server);
        await round(server, undefined);
        const quiet = await round(server, undefined);
        const loaded = await round(server, n);
        const failed = quiet.trivialFailed + loaded.trivialFailed;
        outcomes.push({
          id: 'B12',
          mode: `${mode} 90 ms formula, 8 clients`,
          status: 'measured',
          unit: 'ms health p99 under the load',
          value: stats([loaded.healthP99]),
          baseline: { label: 'health p99, same load without the formula', value: stats([quiet.healthP99]) },
          ratio: stats([loaded.healthP99 / Math.max(1, quiet.healthP99)]),
          target: 'health p99 < 200 ms; 0 trivial formulas failed',
          meetsTarget: loaded.healthP99 < 200 && failed === 0,
          note: `slowest health ${Math.round(loaded.healthMax)} ms; trivial creates ${loaded.trivialDone}, failed ${loaded.trivialFailed}; heavy creates ${loaded.heavyOk} stored, ${loaded.heavyRefused} refused (over the CPU budget); loop ${n}`,
        });
      } finally {
        await server.stop();
      }
    }
    return outcomes;
  },
};
