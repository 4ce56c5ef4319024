import { type Benchmark, notYet } from '../types';
import { accessOverhead } from './access';
import { approvals } from './approvals';
import { coldStart } from './cold-start';
import { expensiveFormulas } from './expensive-formulas';
import { hostileUnderLoad } from './hostile';
import { listQuery } from './list';
import { recordCreate } from './record-create';
import { validationOverhead } from './validation';
import { webApp } from './web-app';

function pending(id: string, title: string, target: string, needs: string): Benchmark {
  return { id, title, target, run: async () => notYet(id, `needs ${needs}`) };
}

/** Every benchmark of performance.md, in order; a capability that has not landed says so. */
export const BENCHMARKS: Benchmark[] = [
  recordCreate,
  validationOverhead,
  listQuery,
  accessOverhead,
  pending(
    'B4',
    'dashboard aggregate over 1M records',
    '≤ 300 ms cold, ≤ 1.2× raw SQL; ≤ 20 ms cached',
    'dashboards',
  ),
  approvals,
  pending('B6', '32 approvers racing on 1,000 tasks', 'exactly one success per task', 'the workflow engine'),
  pending('B7', 'kill -9 cycles', 'zero lost or duplicated actions', 'the workflow engine'),
  pending('B8', 'template install', '≤ 2 s per app', 'templates'),
  coldStart,
  hostileUnderLoad,
  expensiveFormulas,
  webApp,
];
