import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormDefinition, PackageBody } from '@forecourt/schemas';
import { expect } from 'vitest';
import type { Client } from '../client';
import { REPO_ROOT } from '../env';

/** The shipped packages (templates/), which the dealership seeds of the tests now are. */
export const TEMPLATES_DIR = join(REPO_ROOT, 'templates');

/** One form document of a shipped package, e.g. `templateForm('service', 'vehicle')`. */
export function templateForm(packageId: string, name: string): FormDefinition {
  return JSON.parse(readFileSync(join(TEMPLATES_DIR, packageId, 'forms', `${name}.json`), 'utf8'));
}

export interface Installed {
  packageId: string;
  version: string;
  installed: boolean;
  idMap: Record<'apps' | 'forms' | 'views' | 'workflows', Record<string, string>>;
}

/**
 * Installs a shipped package through `POST /api/packages/install`, keeping the package's ids where
 * they are free (so tests may go on naming `frm_vehicle`): fails the test if it is refused, or if an
 * id had to change.
 */
export async function installTemplate(admin: Client, packageId: string): Promise<Installed> {
  const response = await admin.post('/api/packages/install', { package: packageId, ids: 'package' });
  expect([200, 201], JSON.stringify(response.body)).toContain(response.status);
  const result = response.body as Installed;
  for (const kind of ['apps', 'forms', 'views'] as const)
    for (const [from, to] of Object.entries(result.idMap[kind])) expect(to, `${kind} ${from}`).toBe(from);
  return result;
}

/** A shipped package read whole, as `POST /api/packages/install` takes it in `body`. */
export function templateBody(packageId: string): PackageBody {
  const dir = join(TEMPLATES_DIR, packageId);
  const manifest = JSON.parse(readFileSync(join(dir, 'forecourt.json'), 'utf8'));
  const body: PackageBody = { manifest, forms: [], workflows: [], views: [] };
  for (const doc of manifest.documents as { kind: 'form' | 'workflow' | 'view'; path: string }[]) {
    const value = JSON.parse(readFileSync(join(dir, doc.path), 'utf8'));
    (body[`${doc.kind}s`] as unknown[]).push(value);
  }
  return body;
}
