/** `GET /api/tokens`: one of my API tokens (never its secret). */
export interface ApiToken {
  id: string;
  name: string;
  /** The first characters of the secret, to tell tokens apart. */
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  /** The apps it may reach; null: everything its user may do. */
  scopes: { appId: string; access: 'read' | 'write' }[] | null;
}
