import type { Kysely } from 'kysely';
import type { Database, Executor } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import type { WriteContext } from '../../records/context';
import { MAX_BATCH } from '../../records/service';
import { type ImportOutcome, type ImportPlan, ImportRun, type ProgressListener } from './run';

export { type ImportOutcome, type ImportPlan, MAX_IMPORT_ROWS, type ProgressListener } from './run';

/** Rows per dry-run transaction: big enough for set-wise checks, small enough to let other requests in. */
const DRY_RUN_CHUNK = 250;

/**
 * Every row through the write pipeline without writing anything: each chunk is prepared in a
 * transaction that is always rolled back (serial counters and uniqueness locks included). Reports
 * every bad cell and row.
 */
export async function dryRunImport(
  db: Kysely<Database>,
  context: WriteContext,
  plan: ImportPlan,
  onProgress: ProgressListener = () => {},
): Promise<ImportOutcome> {
  const run = await ImportRun.open(db, context, plan);
  for await (const rows of run.chunks(DRY_RUN_CHUNK, onProgress)) {
    await rolledBack(db, async (trx) => {
      const items = await run.itemsOf(trx, rows);
      const bad = await run.validate(trx, items);
      run.count(items.filter((item) => !item.excluded && !bad.has(item.converted.row)));
    });
  }
  return run.outcome();
}

/**
 * All or nothing: the whole file in one transaction, through createRecords and updateRecord (so
 * history says `via: 'import'` when the context does). After the first bad chunk nothing more is
 * written: the remaining rows are only checked, so the report is complete, and everything rolls back.
 */
export async function commitImport(
  db: Executor,
  context: WriteContext,
  plan: ImportPlan,
  onProgress: ProgressListener = () => {},
): Promise<ImportOutcome> {
  const run = await ImportRun.open(db, context, plan);
  const failed = await rolledBackIf(db, async (trx) => {
    for await (const rows of run.chunks(MAX_BATCH, onProgress)) await run.write(trx, rows);
    return run.failed;
  });
  if (failed) run.created = run.updated = 0;
  return run.outcome();
}

const ROLLBACK = Symbol('rollback');

/** Runs `work` in a transaction that is always rolled back. */
async function rolledBack(db: Kysely<Database>, work: (trx: Executor) => Promise<void>): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      await work(trx);
      throw ROLLBACK;
    });
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  }
}

/** Runs `work` in a transaction (the caller's, if any) and rolls it back when `work` returns true. */
async function rolledBackIf(db: Executor, work: (trx: Executor) => Promise<boolean>): Promise<boolean> {
  try {
    return await inTransaction(db, async (trx) => {
      if (await work(trx)) throw ROLLBACK;
      return false;
    });
  } catch (error) {
    if (error !== ROLLBACK) throw error;
    return true;
  }
}
