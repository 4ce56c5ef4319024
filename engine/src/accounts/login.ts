import { sql } from 'kysely';
import type { Executor } from '../db/schema';
import { TooManyRequestsError, UnauthorizedError } from '../errors';
import { newSecret } from '../ids';
import { verifyDecoy, verifyPassword } from './passwords';
import { createSession } from './sessions';
import { findUserByEmail, type UserView, userView } from './users';

export interface LoginPolicy {
  /** Consecutive failures that lock the account. */
  maxFailures: number;
  lockMinutes: number;
  sessionHours: number;
}

export const DEFAULT_LOGIN_POLICY: LoginPolicy = { maxFailures: 5, lockMinutes: 15, sessionHours: 168 };

export interface LoginResult {
  user: UserView;
  /** The cookie value; only its hash is stored. */
  sessionToken: string;
  sessionId: string;
  expiresAt: Date;
}

const WRONG = 'The e-mail or password is wrong.';

export async function login(
  db: Executor,
  email: string,
  password: string,
  policy: LoginPolicy = DEFAULT_LOGIN_POLICY,
): Promise<LoginResult> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new UnauthorizedError(await verifyDecoy(password).then(() => WRONG));
  if (user.locked_until && user.locked_until > new Date()) throw locked(user.locked_until);
  if (!(await verifyPassword(user.password_hash, password))) {
    const after = await db
      .updateTable('users')
      .set((eb) => ({
        failed_logins: eb('failed_logins', '+', 1),
        locked_until: sql<Date | null>`case when failed_logins + 1 >= ${policy.maxFailures}
          then now() + make_interval(mins => ${policy.lockMinutes}) else locked_until end`,
      }))
      .where('id', '=', user.id)
      .returning(['locked_until'])
      .executeTakeFirst();
    if (after?.locked_until && after.locked_until > new Date()) throw locked(after.locked_until);
    throw new UnauthorizedError(WRONG);
  }
  if (user.status !== 'active')
    throw new UnauthorizedError('This account is disabled. Ask an administrator.');
  if (user.failed_logins > 0 || user.locked_until) {
    await db
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', user.id)
      .execute();
  }
  const sessionToken = newSecret();
  const session = await createSession(db, user, sessionToken, policy.sessionHours);
  return { user: userView(user), sessionToken, sessionId: session.id, expiresAt: session.expires_at };
}

function locked(until: Date): TooManyRequestsError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new TooManyRequestsError(
    `Too many failed logins: this account is locked for ${Math.ceil(seconds / 60)} more minute(s).`,
    seconds,
  );
}
