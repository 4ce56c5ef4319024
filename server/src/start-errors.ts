import type { Config } from './config';

/**
 * A start a person has to fix: the message names the cause and the fix, `code` and `params` make it
 * stable for scripts and translations. The CLI prints the message alone, with no stack.
 */
export class StartupError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`Forecourt cannot start: ${message}`);
    this.name = 'StartupError';
  }
}

/** The database URL without its password, for messages. */
export function describeDatabaseUrl(url: string): { where: string; database: string; user: string } {
  try {
    const parsed = new URL(url);
    return {
      where: `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}`,
      database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default)',
      user: decodeURIComponent(parsed.username) || '(default)',
    };
  } catch {
    return { where: '(unreadable)', database: '(unreadable)', user: '(unreadable)' };
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH']);

/** Turns what opening the database or listening threw into a StartupError when a person can act on it. */
export function explainStartFailure(error: unknown, config: Config): unknown {
  if (error instanceof StartupError) return error;
  const code = errorCode(error);
  if (code === 'EADDRINUSE')
    return new StartupError(
      'port_in_use',
      `port ${config.PORT} on ${config.HOST} is already in use by another program (or another Forecourt). ` +
        'Stop that program, or set PORT to a free port (PORT=0 picks one).',
      { port: config.PORT, host: config.HOST },
    );
  if (code === 'EACCES' && isListenError(error))
    return new StartupError(
      'port_not_allowed',
      `this user may not listen on port ${config.PORT} (ports below 1024 need privileges). ` +
        'Set PORT to 1024 or above, and put a reverse proxy in front for port 80/443.',
      { port: config.PORT },
    );
  if (code === 'EADDRNOTAVAIL')
    return new StartupError(
      'host_not_local',
      `HOST=${config.HOST} is not an address of this machine. Set HOST to 127.0.0.1, 0.0.0.0 or one of its addresses.`,
      { host: config.HOST },
    );
  if (!config.DATABASE_URL) return error;
  const { where, database, user } = describeDatabaseUrl(config.DATABASE_URL);
  if ((code && UNREACHABLE.has(code)) || /timeout exceeded when trying to connect/i.test(messageOf(error)))
    return new StartupError(
      'database_unreachable',
      `the PostgreSQL server at ${where} named by DATABASE_URL cannot be reached (${code ?? 'timeout'}). ` +
        'Start PostgreSQL or fix the host and port in DATABASE_URL; unset DATABASE_URL to use the embedded database.',
      { where, cause: code ?? 'timeout' },
    );
  if (code === '3D000')
    return new StartupError(
      'database_missing',
      `the database "${database}" named by DATABASE_URL does not exist on ${where}. ` +
        `Create it (createdb -h ${where.split(':')[0]} -U ${user} ${database}) or fix DATABASE_URL.`,
      { where, database },
    );
  if (code === '28000' || code === '28P01')
    return new StartupError(
      code === '28P01' ? 'database_login_failed' : 'database_role_refused',
      `PostgreSQL at ${where} refuses the role "${user}" named by DATABASE_URL (${messageOf(error)}). ` +
        `Create the role (createuser -h ${where.split(':')[0]} ${user}), grant it the database, or fix the user and password in DATABASE_URL.`,
      { where, user },
    );
  if (code === '42501')
    return new StartupError(
      'database_permission',
      `the role "${user}" may not create tables in "${database}" on ${where} (${messageOf(error)}). ` +
        'Grant it the database (GRANT ALL ON DATABASE / ALTER DATABASE … OWNER TO) or use a role that may.',
      { where, user, database },
    );
  return error;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function isListenError(error: unknown): boolean {
  return (error as { syscall?: unknown } | null)?.syscall === 'listen';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
