import { parseArgs } from 'node:util';
import {
  createUser,
  ensureWorkspace,
  findUserByEmail,
  generatePassword,
  migrateToLatest,
  pgliteTemplateFile,
  preparePgliteTemplate,
  setPassword,
} from '@forecourt/engine';
import closeWithGrace from 'close-with-grace';
import type { Kysely } from 'kysely';
import { ConfigError, loadConfig } from './config';
import { openConfiguredDatabase, type RunningServer, startServer } from './start';
import { explainStartFailure, StartupError } from './start-errors';
import { isLegacyTrustProxy } from './trust-proxy';

const USAGE = `Usage: forecourt <command> [options]

Commands:
  start                                       start the server (migrates and creates the first admin if needed)
  prepare                                     make install-time caches (run by the install; safe to repeat)
  migrate                                     bring the database schema up to date, then exit
  create-user --email E --name N [--admin] [--password P]
                                              add a user to the workspace (a password is generated if omitted)
  reset-password --email E [--password P]     set a new password (generated if omitted), clear login throttling, end sessions

Configuration comes from the environment: see docs/configuration.md.`;

/** How to run this CLI from the repository root, for messages. */
const RUN = 'npx --yes pnpm@12.4.2 forecourt';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      admin: { type: 'boolean', default: false },
    },
    strict: true,
  });
  switch (command) {
    case 'start':
      return start();
    case 'prepare': {
      const file = pgliteTemplateFile(loadConfig().FORECOURT_CACHE_DIR);
      if (await preparePgliteTemplate(file))
        console.log(`Prepared ${file} (makes the first start on PGlite faster).`);
      return 0;
    }
    case 'migrate':
      return withDatabase(async (db) => {
        const applied = await migrateToLatest(db as Kysely<unknown>);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      });
    case 'create-user':
      return withDatabase(async (db) => {
        if (!values.email || !values.name) throw new UsageError('create-user needs --email and --name.');
        const password = values.password ?? generatePassword();
        const { workspaceId } = await db.transaction().execute((trx) => ensureWorkspace(trx));
        const user = await createUser(db, workspaceId, {
          email: values.email,
          name: values.name,
          password,
          isAdmin: values.admin,
        });
        console.log(`Created ${user.isAdmin ? 'admin ' : ''}${user.email} (${user.id}).`);
        if (!values.password) console.log(`Password (shown once): ${password}`);
      });
    case 'reset-password':
      return withDatabase(async (db) => {
        if (!values.email) throw new UsageError('reset-password needs --email.');
        const user = await findUserByEmail(db, values.email);
        if (!user) throw new UsageError(`No user has the e-mail ${values.email}.`);
        const password = values.password ?? generatePassword();
        await setPassword(db, user.workspace_id, user.id, password);
        console.log(
          `New password for ${user.email}${values.password ? ' set.' : ` (shown once): ${password}`}`,
        );
        console.log('Its login throttling is cleared and its sessions have ended.');
      });
    default:
      console.error(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

async function start(): Promise<number> {
  const config = loadConfig();
  const server: RunningServer = await startServer(config);
  let stopping = false;
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    stopping = true;
    if (err) server.app.log.error({ err }, 'shutting down after an error');
    else server.app.log.info({ signal }, 'shutting down');
    await server.stop();
    console.log('Forecourt stopped cleanly.');
  });
  // Started by scripts/start.mjs (`pnpm start`) with an IPC channel: if that launcher dies without
  // passing a signal on (kill -9), the channel closes and the server stops as if sent SIGTERM.
  if (process.send) {
    process.channel?.unref();
    process.once('disconnect', () => {
      if (!stopping) process.kill(process.pid, 'SIGTERM');
    });
  }
  const where =
    server.database.mode === 'postgres' ? 'PostgreSQL' : `embedded PGlite at ${config.FORECOURT_DATA_DIR}`;
  const lines = [
    `Forecourt is running at ${server.url} (data: ${where})`,
    `API docs: ${server.url}/api/docs`,
  ];
  if (server.bootstrap.created) {
    const { adminEmail, adminPassword, generated } = server.bootstrap;
    lines.push(
      generated
        ? `Log in as ${adminEmail} with the password ${adminPassword} (shown only this once: write it down).`
        : `Log in as ${adminEmail} with the password from FORECOURT_ADMIN_PASSWORD.`,
    );
  } else {
    const admins = server.bootstrap.adminEmails.join(', ') || '(no active admin)';
    lines.push(
      `Log in as ${admins}. Forgot the password? Run: ${RUN} reset-password --email ${server.bootstrap.adminEmails[0] ?? 'E'}`,
    );
  }
  if (isLegacyTrustProxy(process.env.FORECOURT_TRUST_PROXY))
    lines.push(
      "FORECOURT_TRUST_PROXY=true is read as 1 (one reverse proxy in front). Set 1 (or the hop count, or the proxies' addresses) to say so (docs/configuration.md).",
    );
  console.log(`\n${lines.join('\n')}\n`);
  return -1; // keep running
}

async function withDatabase(
  work: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>['db']) => Promise<void>,
) {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config).catch((error: unknown) => {
    throw explainStartFailure(error, config);
  });
  try {
    await migrateToLatest(database.db as Kysely<unknown>).catch((error: unknown) => {
      throw explainStartFailure(error, config);
    });
    await work(database.db);
    return 0;
  } finally {
    await database.close();
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof UsageError || error instanceof StartupError)
      console.error(error.message);
    else if (error instanceof Error && 'details' in error)
      console.error(error.message, (error as { details: unknown }).details);
    else console.error(error);
    process.exitCode = 1;
  },
);
