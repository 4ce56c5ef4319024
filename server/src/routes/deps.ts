import type { Database, DatabaseMode, LoginPolicy } from '@forecourt/engine';
import type { Kysely } from 'kysely';

/** What route plugins are given: passed as plugin options, never read from a global. */
export interface RouteDeps {
  db: Kysely<Database>;
  mode: DatabaseMode;
  version: string;
  loginPolicy: LoginPolicy;
  loginRateLimit: number;
  cookieSecure: boolean;
}
