import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  PACKAGE_ID_PATTERN,
  PACKAGE_MANIFEST_FILE,
  type PackageBody,
  type PackageManifest,
  packageManifestSchema,
} from '@forecourt/schemas';
import { NotFoundError, ValidationError } from '../errors';
import { metaSchemaValidator } from '../forms/meta-schema';
import { shapeIssues } from './check';

/**
 * Reads a package folder: `forecourt.json`, then each document it lists, grouped by kind in the
 * manifest's order. The manifest is checked before any path in it is read (paths are confined to the
 * folder by the meta-schema); the documents are checked by the installer.
 */
export async function loadPackage(dir: string): Promise<PackageBody> {
  const manifest = (await readJson(join(dir, PACKAGE_MANIFEST_FILE), '/manifest')) as PackageManifest;
  const validate = metaSchemaValidator(packageManifestSchema);
  if (!validate(manifest))
    throw new ValidationError(
      'The package manifest has problems.',
      shapeIssues(validate.errors ?? [], '/manifest'),
    );
  const body: PackageBody = { manifest, forms: [], workflows: [], views: [] };
  for (const [i, doc] of manifest.documents.entries()) {
    const value = await readJson(join(dir, doc.path), `/manifest/documents/${i}/path`);
    if (doc.kind === 'form') body.forms.push(value as PackageBody['forms'][number]);
    else if (doc.kind === 'workflow') body.workflows.push(value as PackageBody['workflows'][number]);
    else body.views.push(value as PackageBody['views'][number]);
  }
  return body;
}

/** A package shipped in `root` (the templates folder) by its id; unknown ids are a 404. */
export async function loadShippedPackage(root: string, id: string): Promise<PackageBody> {
  if (!new RegExp(PACKAGE_ID_PATTERN).test(id)) throw new NotFoundError(`The package ${id}`);
  return loadPackage(join(root, id));
}

async function readJson(file: string, path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    if (path === '/manifest') throw new NotFoundError('The package');
    throw new ValidationError('A document of the package is missing.', [{ path, message: 'file not found' }]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ValidationError('A document of the package is not JSON.', [{ path, message: String(error) }]);
  }
}
