import type { JsonSchema, Label } from '../fields/contract';
import type { FormDefinition } from '../fields/form-schema';
import { formIdSchema, labelSchema, longLabelSchema } from '../fields/schema-parts';
import type { WorkflowDefinition } from '../workflow/types';

/**
 * The package format: an app shipped as metadata. A package is a folder (`templates/<id>/`) with a
 * manifest, `forecourt.json`, and one JSON document per form, workflow and view, listed in the
 * manifest; optionally a deterministic sample-data generator. Ids inside a package are the
 * package's own: the installer maps them to the workspace's (see docs/packages.md).
 */
export const PACKAGE_FORMAT = 1;
export const PACKAGE_MANIFEST_FILE = 'forecourt.json';
export const PACKAGE_MANIFEST_SCHEMA_ID = 'https://forecourt.dev/schemas/package-manifest.json';
export const PACKAGE_BODY_SCHEMA_ID = 'https://forecourt.dev/schemas/package-body.json';
export const PACKAGE_ID_PATTERN = '^[a-z][a-z0-9-]{1,62}$';
export const PACKAGE_VERSION_PATTERN = '^(0|[1-9][0-9]{0,5})\\.(0|[1-9][0-9]{0,5})\\.(0|[1-9][0-9]{0,5})$';
export const PACKAGE_LIMITS = { apps: 20, documents: 200 } as const;

/** The kinds of document a package holds today; automations and dashboards join when they exist. */
export const PACKAGE_DOCUMENT_KINDS = ['form', 'workflow', 'view'] as const;
export type PackageDocumentKind = (typeof PACKAGE_DOCUMENT_KINDS)[number];

export interface PackageApp {
  id: string;
  name: Label;
  icon?: string;
}

export interface PackageDocumentRef {
  kind: PackageDocumentKind;
  /** Relative to the package folder, e.g. `forms/booking.json`; never leaves it. */
  path: string;
}

export interface PackageManifest {
  format: typeof PACKAGE_FORMAT;
  id: string;
  version: string;
  name: Label;
  description: Label;
  apps: PackageApp[];
  /** In install order: a form before the forms that relate to it, a form before its flow and views. */
  documents: PackageDocumentRef[];
  /** A module exporting `samples(seed, count)`: deterministic sample records, per package form id. */
  samples?: string;
}

/** A shared view shipped with a package: the saved query and columns of one of its forms. */
export interface PackageView {
  id: string;
  formId: string;
  name: Label;
  query?: Record<string, unknown>;
  columns?: { field: string; width?: number }[];
  sort?: number;
}

/** A package as the installer takes it: the manifest and its documents, read and grouped by kind. */
export interface PackageBody {
  manifest: PackageManifest;
  forms: FormDefinition[];
  workflows: WorkflowDefinition[];
  views: PackageView[];
}

const appSchema: JsonSchema = {
  type: 'object',
  properties: {
    id: formIdSchema,
    name: labelSchema,
    icon: { type: 'string', maxLength: 40 },
  },
  required: ['id', 'name'],
  additionalProperties: false,
};

const documentSchema: JsonSchema = {
  type: 'object',
  properties: {
    kind: { enum: [...PACKAGE_DOCUMENT_KINDS] },
    path: { type: 'string', pattern: '^(forms|workflows|views)/[a-z0-9][a-z0-9_-]{0,80}\\.json$' },
  },
  required: ['kind', 'path'],
  additionalProperties: false,
};

/** JSON Schema (2020-12) of `forecourt.json`. */
export function packageManifestSchema(): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: PACKAGE_MANIFEST_SCHEMA_ID,
    title: 'Forecourt package manifest',
    type: 'object',
    properties: {
      format: { const: PACKAGE_FORMAT },
      id: { type: 'string', pattern: PACKAGE_ID_PATTERN },
      version: { type: 'string', pattern: PACKAGE_VERSION_PATTERN },
      name: labelSchema,
      description: longLabelSchema,
      apps: { type: 'array', items: appSchema, minItems: 1, maxItems: PACKAGE_LIMITS.apps },
      documents: {
        type: 'array',
        items: documentSchema,
        minItems: 1,
        maxItems: PACKAGE_LIMITS.documents,
      },
      samples: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,80}\\.mjs$' },
    },
    required: ['format', 'id', 'version', 'name', 'description', 'apps', 'documents'],
    additionalProperties: false,
  };
}

const viewSchema: JsonSchema = {
  type: 'object',
  properties: {
    id: formIdSchema,
    formId: formIdSchema,
    name: labelSchema,
    query: { type: 'object' },
    columns: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, width: { type: 'integer', minimum: 40, maximum: 2000 } },
        required: ['field'],
        additionalProperties: false,
      },
    },
    sort: { type: 'integer', minimum: 0, maximum: 100_000 },
  },
  required: ['id', 'formId', 'name'],
  additionalProperties: false,
};

/**
 * JSON Schema (2020-12) of a whole package as the installer takes it. Forms and workflows are only
 * objects here: their own meta-schemas and checks run when the installer creates them.
 */
export function packageBodySchema(): JsonSchema {
  const limit = PACKAGE_LIMITS.documents;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: PACKAGE_BODY_SCHEMA_ID,
    title: 'Forecourt package',
    type: 'object',
    properties: {
      manifest: packageManifestSchema(),
      forms: { type: 'array', items: { type: 'object' }, maxItems: limit },
      workflows: { type: 'array', items: { type: 'object' }, maxItems: limit },
      views: { type: 'array', items: viewSchema, maxItems: limit },
    },
    required: ['manifest', 'forms', 'workflows', 'views'],
    additionalProperties: false,
  };
}
