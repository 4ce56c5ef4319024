import type { Executor } from '../db/schema';
import { TooManyRequestsError, UnauthorizedError } from '../errors';
import { newSecret } from '../ids';
import { loginSource } from './login-source';
import {
  countLoginAttempt,
  recordLoginFailure,
  recordLoginSuccess,
  type ThrottlePolicy,
} from './login-throttle';
import { verifyDecoy, verifyPassword } from './passwords';
import { createSession } from './sessions';
import { findUserByEmail, type UserView, userView } from './users';

export interface LoginPolicy extends ThrottlePolicy {
  sessionHours: number;
}

export const DEFAULT_LOGIN_POLICY: LoginPolicy = {
  maxFailures: 5,
  accountMaxFailures: 20,
  lockMinutes: 15,
  sessionHours: 168,
};

export interface LoginResult {
  user: UserView;
  /** The cookie value; only its hash is stored. */
  sessionToken: string;
  sessionId: string;
  expiresAt: Date;
}

const WRONG = 'The e-mail or password is wrong.';

/**
 * Checks the password of `email` for a caller at `source` (its address; throttled by `loginSource`, so
 * an IPv6 client by its /64). A known and an unknown e-mail take the same path and the same time
 * (argon2 against a decoy hash) and are throttled alike (see login-throttle.ts), so no answer tells
 * whether an account exists.
 */
export async function login(
  db: Executor,
  email: string,
  password: string,
  source: string,
  policy: LoginPolicy = DEFAULT_LOGIN_POLICY,
): Promise<LoginResult> {
  const from = loginSource(source);
  // Counted before the (slow) check, so parallel guesses cannot all pass before a failure is written.
  const wait = await countLoginAttempt(db, email, from, policy);
  if (wait > 0) throw throttled(wait);
  const user = await findUserByEmail(db, email);
  const matches = user ? await verifyPassword(user.password_hash, password) : await verifyDecoy(password);
  if (!user || !matches) {
    const after = await recordLoginFailure(db, email, from, policy);
    if (after > 0) throw throttled(after);
    throw new UnauthorizedError(WRONG);
  }
  await recordLoginSuccess(db, email, from);
  if (user.status !== 'active')
    throw new UnauthorizedError('This account is disabled. Ask an administrator.');
  const sessionToken = newSecret();
  const session = await createSession(db, user, sessionToken, policy.sessionHours);
  return { user: userView(user), sessionToken, sessionId: session.id, expiresAt: session.expires_at };
}

function throttled(seconds: number): TooManyRequestsError {
  return new TooManyRequestsError(
    `Too many failed logins for this e-mail from your address: wait ${Math.ceil(seconds / 60)} minute(s) and try again, or ask an administrator to reset the password.`,
    seconds,
  );
}
