import { recordSchema } from '@forecourt/engine';
import type { FormDefinition } from '@forecourt/schemas';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { call, startBenchServer } from '../server';
import { type Benchmark, type BenchOutcome, stats } from '../types';
import { BENCH_FORM, BENCH_RECORD, installBenchForm } from './record-create';

const REQUESTS = 300;

/**
 * B2: what the generated JSON-Schema validation costs on the create route. The route cannot be run
 * without validation (there is no such switch), so the cost is measured where it happens: the
 * compiled validator on the stored record, against the route's mean time per request in the same run.
 * Ratio = throughput with validation / throughput without = 1 − validator time / request time.
 */
export const validationOverhead: Benchmark = {
  id: 'B2',
  title: 'validation overhead on record create',
  target: '≥ 0.95× the same route without validation',
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
    const definition = (await call(server, 'GET', `/api/forms/${BENCH_FORM.id}`)).published as FormDefinition;
    const stored = (await call(server, 'POST', `/api/forms/${BENCH_FORM.id}/records`, { data: BENCH_RECORD }))
      .data;
    const validate = new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(
      recordSchema(definition),
    );
    const requestMs: number[] = [];
    const validatorMs: number[] = [];
    for (let round = 0; round < 4; round++) {
      let started = performance.now();
      for (let i = 0; i < REQUESTS; i++)
        await call(server, 'POST', `/api/forms/${BENCH_FORM.id}/records`, { data: BENCH_RECORD });
      requestMs.push((performance.now() - started) / REQUESTS);
      started = performance.now();
      for (let i = 0; i < 100_000; i++)
        if (!validate(stored)) throw new Error('the stored record does not validate');
      validatorMs.push((performance.now() - started) / 100_000);
    }
    requestMs.shift();
    validatorMs.shift();
    const ratios = requestMs.map((ms, i) => 1 - validatorMs[i]! / ms);
    const ratio = stats(ratios);
    return {
      id: 'B2',
      mode,
      status: 'measured',
      unit: 'µs per record in the validator',
      value: stats(validatorMs.map((ms) => ms * 1000)),
      baseline: { label: 'mean ms per create request, sequential', value: stats(requestMs) },
      ratio,
      target: '≥ 0.95',
      meetsTarget: ratio.median >= 0.95,
      note: 'ratio = 1 − validator time / request time',
    };
  } finally {
    await server.stop();
  }
}
