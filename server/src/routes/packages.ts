import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  indexInstalledPackage,
  installPackage,
  loadSampleGenerator,
  loadShippedPackage,
  MAX_SAMPLES,
  type SampleRequest,
  ValidationError,
} from '@forecourt/engine';
import { PACKAGE_ID_PATTERN, PACKAGE_MANIFEST_FILE, type PackageBody } from '@forecourt/schemas';
import { Label } from '@forecourt/schemas/api';
import { Type } from 'typebox';
import { withAudit } from '../http/audit';
import { actorOf } from '../http/auth';
import { AUTH_ERRORS, body, errors } from '../http/schemas';
import type { RouteDeps } from './deps';

export interface PackageDeps {
  /** The folder of shipped packages (templates/); found beside the server package when absent. */
  templatesDir: string;
}

const IdMap = Type.Record(Type.String(), Type.String());
const Installed = Type.Object({
  packageId: Type.String(),
  version: Type.String(),
  installed: Type.Boolean({ description: 'False when this version was already installed: nothing changed' }),
  samples: Type.Integer({ description: 'Sample records stored' }),
  idMap: Type.Object(
    { apps: IdMap, forms: IdMap, views: IdMap, workflows: IdMap },
    { description: 'Package id → workspace id, per kind (workflows: by the package id of their form)' },
  ),
});
const Shipped = Type.Object({
  id: Type.String(),
  version: Type.String(),
  name: Label,
  description: Label,
  installedVersion: Type.Union([Type.String(), Type.Null()]),
});

export const packageRoutes: FastifyPluginAsyncTypebox<RouteDeps & PackageDeps> = async (
  app,
  { db, mode, templatesDir },
) => {
  const tags = ['packages'];

  app.get(
    '/api/packages',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'listPackages',
        tags,
        summary:
          'The packages shipped with this server, and which version of each the workspace has installed',
        response: { 200: Type.Object({ packages: Type.Array(Shipped) }), ...errors(...AUTH_ERRORS) },
      },
    },
    async (request) => {
      const installed = await db
        .selectFrom('installed_packages')
        .select(['package_id', 'version'])
        .where('workspace_id', '=', actorOf(request).workspaceId)
        .execute();
      const packages = [];
      for (const id of await shippedIds(templatesDir)) {
        const { manifest } = await loadShippedPackage(templatesDir, id);
        packages.push({
          id: manifest.id,
          version: manifest.version,
          name: manifest.name,
          description: manifest.description,
          installedVersion: installed.find((row) => row.package_id === manifest.id)?.version ?? null,
        });
      }
      return { packages };
    },
  );

  app.post(
    '/api/packages/install',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'installPackage',
        tags,
        summary:
          'Install a package (a shipped one by id, or a package body) into the workspace: all of it or nothing; the same version again changes nothing',
        body: body(
          {
            package: Type.Optional(
              Type.String({ minLength: 1, maxLength: 64, description: 'A shipped package id' }),
            ),
            body: Type.Optional(
              Type.Object(
                {},
                { additionalProperties: true, description: 'A package: manifest, forms, workflows, views' },
              ),
            ),
            samples: Type.Optional(
              Type.Object(
                {
                  seed: Type.Integer({ minimum: 0, maximum: 2_147_483_647 }),
                  count: Type.Integer({ minimum: 1, maximum: MAX_SAMPLES }),
                },
                {
                  additionalProperties: false,
                  description:
                    "Also store sample records from a shipped package's generator (first install only)",
                },
              ),
            ),
            ids: Type.Optional(
              Type.Union([Type.Literal('fresh'), Type.Literal('package')], {
                description:
                  "fresh (default): new ids for every app, form and view; package: keep the package's ids where free",
              }),
            ),
          },
          'PackageInstall',
        ),
        response: { 200: Installed, 201: Installed, ...errors(...AUTH_ERRORS, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { package: id, body: given, ids } = request.body;
      if ((id === undefined) === (given === undefined))
        throw new ValidationError('Name a shipped package or send one, not both.', [
          { path: '/package', message: 'give either package or body', code: 'package.source' },
        ]);
      const pkg: unknown = id !== undefined ? await loadShippedPackage(templatesDir, id) : given;
      let samples: SampleRequest | undefined;
      if (request.body.samples) {
        // Code runs only from the folders the server ships, never from a body.
        const generator =
          id !== undefined
            ? await loadSampleGenerator(join(templatesDir, id), (pkg as PackageBody).manifest)
            : undefined;
        if (!generator)
          throw new ValidationError('This package has no sample generator.', [
            { path: '/samples', message: 'no sample generator', code: 'package.no_samples' },
          ]);
        samples = { ...request.body.samples, generator };
      }
      const result = await withAudit(
        db,
        request,
        (trx) => installPackage(trx, actor, pkg, { ids, samples }),
        (r) =>
          r.installed
            ? {
                action: 'package.install',
                targetType: 'package',
                targetId: r.packageId,
                details: { version: r.version, forms: Object.values(r.idMap.forms), samples: r.samples },
              }
            : undefined,
      );
      await indexInstalledPackage(db, mode, actor.workspaceId, pkg as PackageBody, result);
      return reply.code(result.installed ? 201 : 200).send(result);
    },
  );
};

/** Folders of `root` holding a manifest, sorted: the shipped packages. */
async function shippedIds(root: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  const entries = await readdir(root, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && new RegExp(PACKAGE_ID_PATTERN).test(e.name))
    .filter((e) => existsSync(join(root, e.name, PACKAGE_MANIFEST_FILE)))
    .map((e) => e.name)
    .sort();
}

/**
 * FORECOURT_TEMPLATES_DIR when set, else templates/ beside the server package: found upward from this
 * module (server/src or server/dist).
 */
export function defaultTemplatesDir(): string {
  if (process.env.FORECOURT_TEMPLATES_DIR) return process.env.FORECOURT_TEMPLATES_DIR;
  let dir = import.meta.dirname;
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'templates', 'package.json'))) return join(dir, 'templates');
    dir = dirname(dir);
  }
  return join(process.cwd(), 'templates');
}
