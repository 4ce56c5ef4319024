import { join } from 'node:path';
import { pgliteTemplateFile } from '@forecourt/engine';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type TestDatabaseKind = 'pglite' | 'postgres';

/** Which database this test file runs on (set per vitest project). */
export function testDatabaseKind(): TestDatabaseKind {
  const kind = process.env.FORECOURT_TEST_DB ?? 'pglite';
  if (kind !== 'pglite' && kind !== 'postgres')
    throw new Error(`FORECOURT_TEST_DB must be pglite or postgres, not ${kind}`);
  return kind;
}

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');

/** A bare PGlite cluster (initdb done, nothing else): the one the install prepares, else made once. */
export const PGLITE_TEMPLATE = pgliteTemplateFile(join(REPO_ROOT, 'node_modules', '.cache', 'forecourt'));
