import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PackageManifest } from '@forecourt/schemas';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { ValidationError } from '../errors';
import { writeContext } from '../records/context';
import { createRecords } from '../records/service';
import type { PackageIdMap } from './ids';

/** A package's sample-data generator: the same records for the same seed (and `today`). */
export type SampleGenerator = (
  seed: number,
  count: number,
  options: { today: string },
) => { form: string; data: Record<string, unknown> }[];

export interface SampleRequest {
  seed: number;
  /** Records to ask the generator for, at most `MAX_SAMPLES`. */
  count: number;
  generator: SampleGenerator;
}

export const MAX_SAMPLES = 500;
const CHUNK = 100;

/**
 * The generator of a package folder (the manifest's `samples` module), or undefined when it has none.
 * Only for folders the server ships: a package sent as a body never brings code.
 */
export async function loadSampleGenerator(
  dir: string,
  manifest: PackageManifest,
): Promise<SampleGenerator | undefined> {
  if (!manifest.samples) return undefined;
  const module = (await import(pathToFileURL(join(dir, manifest.samples)).href)) as { samples?: unknown };
  if (typeof module.samples !== 'function')
    throw new ValidationError('The sample module exports no samples function.', [
      { path: '/manifest/samples', message: 'exports no samples(seed, count)', code: 'package.samples' },
    ]);
  return module.samples as SampleGenerator;
}

/**
 * Stores the generator's records through the write pipeline (checked, computed, numbered like any
 * record), in the caller's transaction; package form ids are mapped to the installed ones.
 */
export async function insertSamples(
  db: Executor,
  actor: Actor,
  request: SampleRequest,
  idMap: PackageIdMap,
): Promise<number> {
  const context = writeContext(actor, 'system');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: context.timeZone }).format(context.now);
  const byForm = new Map<string, Record<string, unknown>[]>();
  for (const sample of request.generator(request.seed, Math.min(request.count, MAX_SAMPLES), { today })) {
    const formId = idMap.forms[sample.form];
    if (!formId)
      throw new ValidationError('A sample names a form the package does not have.', [
        { path: '/manifest/samples', message: `unknown form ${sample.form}`, code: 'package.samples' },
      ]);
    byForm.set(formId, [...(byForm.get(formId) ?? []), sample.data]);
  }
  let stored = 0;
  for (const [formId, rows] of byForm) {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      await createRecords(db, context, formId, chunk, (n) => `/samples/${formId}/${i + n}`);
      stored += chunk.length;
    }
  }
  return stored;
}
