import { preparePgliteTemplate } from '@forecourt/engine';
import pg from 'pg';
import { PGLITE_TEMPLATE, TEST_DATABASE_URL } from './env';

/** Makes the PGlite template once and checks that the test PostgreSQL answers, with a clear message if not. */
export default async function setup(): Promise<void> {
  await preparePgliteTemplate(PGLITE_TEMPLATE);
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(
      `The test PostgreSQL at ${TEST_DATABASE_URL} does not answer (${String(error)}). Start it, or set TEST_DATABASE_URL.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}
