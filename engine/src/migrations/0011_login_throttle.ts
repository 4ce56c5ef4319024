import { type Kysely, sql } from 'kysely';

/**
 * Login throttling by e-mail as typed (known or not, so an answer never tells whether an account exists)
 * and by source address, replacing the account lock an attacker could set off (users.failed_logins,
 * users.locked_until). `source = ''` is the account-wide row. See engine/src/accounts/login-throttle.ts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('blocked_until', 'timestamptz')
    .addColumn('last_failure_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('login_throttle_pk', ['email', 'source'])
    .execute();
  await sql`create index login_throttle_last_failure on login_throttle (last_failure_at)`.execute(db);
  await db.schema.alterTable('users').dropColumn('failed_logins').execute();
  await db.schema.alterTable('users').dropColumn('locked_until').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_throttle').ifExists().execute();
  await db.schema
    .alterTable('users')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('users').addColumn('locked_until', 'timestamptz').execute();
}
