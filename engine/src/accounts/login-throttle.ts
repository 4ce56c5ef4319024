import { sql } from 'kysely';
import type { Executor } from '../db/schema';

/**
 * Login throttling after OWASP ASVS 5.0 V6.3 (credential stuffing and brute force) without a lock an
 * attacker controls:
 *
 * - per (e-mail, source address): after `maxFailures` failures that address waits before it may try that
 *   e-mail again, 30 s doubling up to `lockMinutes`. The right password from it waits too: it is the
 *   one guessing. An attempt is counted (`countLoginAttempt`) before its password is checked, in one
 *   upsert, so parallel guesses cannot all slip in before the first failure is written.
 * - per e-mail, across addresses: after `accountMaxFailures` failures, every address with at least
 *   `maxFailures − 1` failures of its own on the e-mail waits the same way; an address with fewer (the
 *   owner who mistyped once) still gets its attempts, so someone else's guesses never lock the owner out.
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

/** Own failures from which an address also waits for the account-wide count (never 0: a fresh one may try). */
function accountWideFrom(policy: ThrottlePolicy): number {
  return Math.max(1, policy.maxFailures - 1);
}

/** failures ≥ threshold: wait 30 s × 2^(failures − threshold), at most lockMinutes. */
function blockFor(failures: ReturnType<typeof sql<number>>, threshold: number, policy: ThrottlePolicy) {
  return sql<Date | null>`case when ${failures} >= ${threshold}
    then now() + make_interval(secs => least(${policy.lockMinutes * 60}::float8,
      ${FIRST_WAIT_SECONDS}::float8 * power(2, least(${failures} - ${threshold}, 20))))
    else null end`;
}

/** Seconds this source must still wait before trying this e-mail, or 0. */
export async function throttleWait(
  db: Executor,
  email: string,
  source: string,
  policy: ThrottlePolicy,
): Promise<number> {
  const rows = await db
    .selectFrom('login_throttle')
    .select([
      'source',
      'failures',
      sql<number>`coalesce(greatest(0, ceil(extract(epoch from blocked_until - now()))), 0)::int`.as('wait'),
      sql<boolean>`last_failure_at > now() - ${FORGET_AFTER}`.as('recent'),
    ])
    .where('email', '=', throttleKey(email))
    .where('source', 'in', [source, ANY])
    .execute();
  const own = rows.find((row) => row.source === source);
  const account = rows.find((row) => row.source === ANY);
  // The account-wide wait applies only to an address that has itself nearly used up its own failures.
  const guessing =
    own !== undefined && (own.wait > 0 || (own.recent && own.failures >= accountWideFrom(policy)));
  return Math.max(own?.wait ?? 0, guessing ? (account?.wait ?? 0) : 0);
}

/**
 * Counts an attempt of this source on the e-mail as a failure before its password is checked (a right
 * password then forgets it, `recordLoginSuccess`), atomically: one upsert that leaves a waiting source's
 * row alone and tells it so. Returns 0 when the attempt may be checked, else the seconds to wait.
 */
export async function countLoginAttempt(
  db: Executor,
  email: string,
  source: string,
  policy: ThrottlePolicy,
): Promise<number> {
  const key = throttleKey(email);
  const recent = sql<boolean>`login_throttle.last_failure_at > now() - ${FORGET_AFTER}`;
  const accountBlock = sql<Date | null>`(select a.blocked_until from login_throttle a
    where a.email = ${key} and a.source = ${ANY})`;
  // The row's own wait, or the account-wide one once this source has nearly used up its own failures.
  const waiting = sql<boolean>`coalesce(greatest(login_throttle.blocked_until,
    case when ${recent} and login_throttle.failures >= ${accountWideFrom(policy)} then ${accountBlock} end)
    > now(), false)`;
  const failures = sql<number>`case when ${recent} then login_throttle.failures + 1 else 1 end`;
  const row = await db
    .insertInto('login_throttle')
    .values({
      email: key,
      source,
      failures: 1,
      last_failure_at: sql<Date>`now()`,
      blocked_until: blockFor(sql<number>`1`, policy.maxFailures, policy),
    })
    .onConflict((oc) =>
      oc.columns(['email', 'source']).doUpdateSet({
        failures: sql<number>`case when ${waiting} then login_throttle.failures else ${failures} end`,
        last_failure_at: sql<Date>`case when ${waiting} then login_throttle.last_failure_at else now() end`,
        blocked_until: sql<Date | null>`case when ${waiting} then login_throttle.blocked_until
          else ${blockFor(failures, policy.maxFailures, policy)} end`,
      }),
    )
    // A counted attempt wrote now() (the statement's time); a waiting one kept its earlier time.
    .returning(sql<boolean>`last_failure_at = now()`.as('counted'))
    .executeTakeFirstOrThrow();
  if (row.counted) return 0;
  return Math.max(1, await throttleWait(db, email, source, policy));
}

/**
 * Counts a failed attempt on the account-wide row (the source's own row counted it already, in
 * `countLoginAttempt`); returns the wait this source now has (0 if none yet).
 */
export async function recordLoginFailure(
  db: Executor,
  email: string,
  source: string,
  policy: ThrottlePolicy,
): Promise<number> {
  const failures = sql<number>`case when login_throttle.last_failure_at > now() - ${FORGET_AFTER}
    then login_throttle.failures + 1 else 1 end`;
  await db
    .insertInto('login_throttle')
    .values({
      email: throttleKey(email),
      source: ANY,
      failures: 1,
      blocked_until: blockFor(sql<number>`1`, policy.accountMaxFailures, policy),
    })
    .onConflict((oc) =>
      oc.columns(['email', 'source']).doUpdateSet({
        failures,
        last_failure_at: sql<Date>`now()`,
        blocked_until: blockFor(failures, policy.accountMaxFailures, policy),
      }),
    )
    .execute();
  // Now and then, forget what a quiet hour has made irrelevant (sprayed unknown e-mails included).
  if (Math.random() < 0.01)
    await db
      .deleteFrom('login_throttle')
      .where(sql<boolean>`last_failure_at < now() - ${FORGET_AFTER}`)
      .where(sql<boolean>`coalesce(blocked_until, now()) <= now()`)
      .execute();
  return throttleWait(db, email, source, policy);
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
