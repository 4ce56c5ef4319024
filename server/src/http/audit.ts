import { type AuditEvent, audit, type Database } from '@forecourt/engine';
import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { actorOf } from './auth';

/**
 * Runs an admin action and writes its audit line in the same transaction: no change without its
 * line, no line for a change that rolled back. The org and form services take a workspace id
 * rather than an actor, so the line is written here, by the route, right after the service call.
 * `event` may return undefined for a call that changed nothing (a dry run).
 */
export function withAudit<T>(
  db: Kysely<Database>,
  request: FastifyRequest,
  work: (trx: Transaction<Database>) => Promise<T>,
  event: (result: T) => Omit<AuditEvent, 'ip'> | undefined,
): Promise<T> {
  const actor = actorOf(request);
  return db.transaction().execute(async (trx) => {
    const result = await work(trx);
    const happened = event(result);
    if (happened) await audit(trx, actor, { ...happened, ip: request.ip });
    return result;
  });
}
