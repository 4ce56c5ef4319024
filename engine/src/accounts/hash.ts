import { createHash } from 'node:crypto';

/** Secrets (session cookies, API tokens) are stored only as their sha256. */
export function sha256(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
