import { sql } from 'kysely';
import type { Executor } from '../db/schema';

/**
 * Login throttling after OWASP ASVS 5.0 V6.3 (credential stuffing and brute force) without a lock an
 * attacker controls:
 *
 * - per (e-mail, source address): after `maxFailures` failures that address waits before it may try that
 *   e-mail again, 30 s doubling up to `lockMinutes`. The right password from it waits too: it is the
 *   one guessing.
 * - per e-mail, across addresses: after `accountMaxFailures` failures, every address that has failed on
 *   the e-mail waits the same way; an address with no failure on it still gets its attempt, so the owner
 *   logging in from their own machine is never locked out by someone else's guesses.
 *
 * Keyed by the e-mail as typed (trimmed, lower-cased), never by whether an account has it: an unknown
 * e-mail is counted, slowed and answered exactly like a known one. A quiet hour forgets the failures.
 */
export interface ThrottlePolicy {
  maxFailures: number;
  accountMaxFailures: number;
  lockMinutes: number;
}

const FIRST_WAIT_SECONDS = 30;
/** Failures older than this are forgotten (a block outlasting it still runs to its end). */
const FORGET_AFTER = sql`interval '1 hour'`;
/** The account-wide row's source. */
const ANY = '';

export function throttleKey(email: string): string {
  return email.trim().toLowerCase();
}

/** Seconds this source must still wait before trying this e-mail, or 0. */
export async function throttleWait(db: Executor, email: string, source: string): Promise<number> {
  const rows = await db
    .selectFrom('login_throttle')
    .select([
      'source',
      sql<number>`coalesce(greatest(0, ceil(extract(epoch from blocked_until - now()))), 0)::int`.as('wait'),
      sql<boolean>`last_failure_at > now() - ${FORGET_AFTER}`.as('recent'),
    ])
    .where('email', '=', throttleKey(email))
    .where('source', 'in', [source, ANY])
    .execute();
  const own = rows.find((row) => row.source === source);
  const account = rows.find((row) => row.source === ANY);
  // The account-wide wait applies only to an address that has itself failed on this e-mail lately.
  return Math.max(own?.wait ?? 0, own?.recent || own?.wait ? (account?.wait ?? 0) : 0);
}

/** Counts a failed attempt on both rows; returns the wait it sets for this source (0 if none yet). */
export async function recordLoginFailure(
  db: Executor,
  email: string,
  source: string,
  policy: ThrottlePolicy,
): Promise<number> {
  const key = throttleKey(email);
  for (const [rowSource, threshold] of [
    [source, policy.maxFailures],
    [ANY, policy.accountMaxFailures],
  ] as const) {
    // failures ≥ threshold: wait 30 s × 2^(failures − threshold), at most lockMinutes.
    const failures = sql<number>`case when login_throttle.last_failure_at > now() - ${FORGET_AFTER}
      then login_throttle.failures + 1 else 1 end`;
    await db
      .insertInto('login_throttle')
      .values({
        email: key,
        source: rowSource,
        failures: 1,
        blocked_until:
          threshold <= 1 ? sql<Date>`now() + make_interval(secs => ${FIRST_WAIT_SECONDS})` : null,
      })
      .onConflict((oc) =>
        oc.columns(['email', 'source']).doUpdateSet({
          failures,
          last_failure_at: sql<Date>`now()`,
          blocked_until: sql<Date | null>`case when ${failures} >= ${threshold}
            then now() + make_interval(secs => least(${policy.lockMinutes * 60}::float8,
              ${FIRST_WAIT_SECONDS}::float8 * power(2, least(${failures} - ${threshold}, 20))))
            else null end`,
        }),
      )
      .execute();
  }
  // Now and then, forget what a quiet hour has made irrelevant (sprayed unknown e-mails included).
  if (Math.random() < 0.01)
    await db
      .deleteFrom('login_throttle')
      .where(sql<boolean>`last_failure_at < now() - ${FORGET_AFTER}`)
      .where(sql<boolean>`coalesce(blocked_until, now()) <= now()`)
      .execute();
  return throttleWait(db, email, source);
}

/** A successful login forgets this source's failures (not the account-wide count: the attack may go on). */
export async function recordLoginSuccess(db: Executor, email: string, source: string): Promise<void> {
  await db
    .deleteFrom('login_throttle')
    .where('email', '=', throttleKey(email))
    .where('source', '=', source)
    .execute();
}

/** An administrator's password reset ends all throttling of the e-mail. */
export async function clearLoginThrottle(db: Executor, email: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('email', '=', throttleKey(email)).execute();
}
