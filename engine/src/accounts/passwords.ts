import { hash, verify } from '@node-rs/argon2';
import { ValidationError } from '../errors';

// algorithm 2 is Argon2id (a const enum in the typings, so spelled as its value here).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export function checkPasswordPolicy(password: string, path = '/password'): void {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw new ValidationError('The password does not meet the policy.', [
      { path, message: `A password needs ${PASSWORD_MIN} to ${PASSWORD_MAX} characters.` },
    ]);
  }
}

/** argon2id with OWASP's recommended cost (19 MiB, 2 passes). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let decoy: Promise<string> | undefined;
/** Spends the time of one verification so that an unknown e-mail answers as slowly as a wrong password. */
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hashPassword('decoy password that never matches');
  await verifyPassword(await decoy, password);
  return false;
}
