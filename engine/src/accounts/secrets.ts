import type { Executor } from '../db/schema';
import { newSecret } from '../ids';

/**
 * A named instance-wide secret, created on first use and then shared by every server process
 * on the same database (the first writer wins, the others read its value).
 */
export async function instanceSecret(db: Executor, name: string): Promise<string> {
  await db
    .insertInto('instance_secrets')
    .values({ name, value: newSecret() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('instance_secrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.value;
}
