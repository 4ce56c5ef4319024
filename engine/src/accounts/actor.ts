import type { TokenScope } from '../db/schema';

/** Who is acting: passed explicitly to every service, never read from a global. */
export interface Actor {
  workspaceId: string;
  userId: string;
  isAdmin: boolean;
  via: 'session' | 'token' | 'system';
  sessionId?: string;
  tokenId?: string;
  /** An API token's app scopes; absent: everything the user may do. */
  scopes?: readonly TokenScope[];
}

/** The user id of the system acting on its own (timers, automatic steps): not a person. */
export const SYSTEM_USER_ID = 'system';

/** The person behind an action, for `created_by`/`updated_by`/owner columns; null for the system. */
export function personOf(actor: Actor): string | null {
  return actor.userId === SYSTEM_USER_ID ? null : actor.userId;
}
