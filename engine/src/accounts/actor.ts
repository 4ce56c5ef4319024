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
