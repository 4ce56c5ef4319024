import type { Transaction } from 'kysely';
import type { Database, Executor } from './schema';

/** Runs `work` in the caller's transaction if there is one, else in a new one. */
export function inTransaction<T>(db: Executor, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}
