import type { AutomationAction, AutomationActionKind } from '@forecourt/schemas';
import type { Selectable, Transaction } from 'kysely';
import type { Database, RecordsTable } from '../../db/schema';
import type { WriteContext } from '../../records/context';
import type { AutomationScope } from '../scope';

/** What an action reads and writes with: the job's transaction, the triggering record, the write context. */
export interface ActionRun {
  trx: Transaction<Database>;
  workspaceId: string;
  automationId: string;
  record: Selectable<RecordsTable>;
  /** The record's scope for expressions; an updateRecord refreshes it for the actions after it. */
  scope: AutomationScope;
  /** `via: 'automation'`, the system actor and the chain that led here plus this run. */
  context: WriteContext;
}

/**
 * One action kind: does its work in the job's transaction and answers what it did (kept in the run
 * log). A `DomainError` or `ExpressionError` fails the run (its writes undone, the log kept);
 * anything else fails the job, which is tried again.
 */
export interface AutomationActionKindModule<A extends AutomationAction = AutomationAction> {
  perform(run: ActionRun, action: A): Promise<Record<string, unknown>>;
}

/** Every action kind with the module that runs it: the compiler names a kind without one. */
export type AutomationActionModules = {
  [K in AutomationActionKind]: AutomationActionKindModule<Extract<AutomationAction, { kind: K }>>;
};
