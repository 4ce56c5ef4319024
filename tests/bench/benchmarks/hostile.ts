import autocannon from 'autocannon';
import { type BenchServer, call, startBenchServer } from '../server';
import { type Benchmark, type BenchOutcome, stats } from '../types';
import { BENCH_FORM, BENCH_RECORD, installBenchForm } from './record-create';

/** Expressions that pass the designer's checks but would run forever or explode without the sandbox. */
const HOSTILE = [
  '($f := function($n){ $f($n + 1) }; $f(0))',
  '($f := function($n){ 1 + $f($n + 1) }; $f(0))',
  '$count([1..f_n])',
  '$sum([1..20000].$sum([1..20000]))',
];

async function listP99(server: BenchServer, seconds: number): Promise<number> {
  const result = await autocannon({
    url: `${server.url}/api/forms/${BENCH_FORM.id}/records/query`,
    method: 'POST',
    connections: 4,
    duration: seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify({ sort: [{ field: '_created_at', dir: 'desc' }], limit: 50 }),
  });
  if (result.non2xx) throw new Error(`list: ${result.non2xx} non-2xx answers`);
  return result.latency.p99;
}

/**
 * B12: records whose formulas are hostile are created while staff list records; each hostile
 * evaluation must be stopped within its 100 ms deadline and the list's p99 must not suffer.
 */
export const hostileUnderLoad: Benchmark = {
  id: 'B12',
  title: 'hostile expressions alongside a list load',
  target: 'each stopped ≤ 100 ms (request ≤ 250 ms); list p99 ≤ 1.5× unloaded',
  async run(context) {
    const outcomes: BenchOutcome[] = [];
    for (const mode of context.modes) outcomes.push(await measure(context.repoRoot, mode));
    return outcomes;
  },
};

async function measure(repoRoot: string, mode: 'postgres' | 'pglite'): Promise<BenchOutcome> {
  const server = await startBenchServer(repoRoot, mode);
  try {
    await installBenchForm(server);
    await call(server, 'POST', `/api/forms/${BENCH_FORM.id}/records/batch`, {
      records: Array.from({ length: 100 }, () => BENCH_RECORD),
    });
    for (const [i, expression] of HOSTILE.entries()) {
      await call(server, 'POST', '/api/apps/app_bench/forms', {
        id: `frm_hostile_${i}`,
        title: { zh: '恶意', en: 'Hostile' },
        fields: [
          { id: 'f_n', type: 'number', label: { zh: 'n', en: 'n' } },
          { id: 'f_h', type: 'formula', label: { zh: 'h', en: 'h' }, expression, resultType: 'number' },
        ],
      });
      await call(server, 'POST', `/api/forms/frm_hostile_${i}/publish`);
    }
    await listP99(server, 2);
    const quiet = await listP99(server, 4);
    const hostileMs: number[] = [];
    let running = true;
    const attacker = (async () => {
      for (let k = 0; running; k++) {
        const started = performance.now();
        const response = await fetch(`${server.url}/api/forms/frm_hostile_${k % HOSTILE.length}/records`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
          body: JSON.stringify({ data: { f_n: 100_000_000 } }),
        });
        await response.arrayBuffer();
        if (response.status !== 422)
          throw new Error(`a hostile formula answered ${response.status}, not 422`);
        hostileMs.push(performance.now() - started);
      }
    })();
    const loaded = await listP99(server, 4);
    running = false;
    await attacker;
    const worst = Math.max(...hostileMs);
    const outcome: BenchOutcome = {
      id: 'B12',
      mode,
      status: 'measured',
      unit: 'ms list p99 while hostile formulas run',
      value: stats([loaded]),
      baseline: { label: 'list p99 without them, same run', value: stats([quiet]) },
      ratio: stats([loaded / quiet]),
      target: 'each hostile request ≤ 250 ms; p99 ≤ 1.5×',
      meetsTarget: worst <= 250 && loaded / quiet <= 1.5,
      note: `${hostileMs.length} hostile requests, each answered 422; slowest ${Math.round(worst)} ms, median ${Math.round(stats(hostileMs).median)} ms`,
    };
    return outcome;
  } finally {
    await server.stop();
  }
}
