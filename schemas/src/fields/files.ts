import type { Conversion, FieldDef, JsonSchema } from './contract';
import { FILE_ID_PATTERN, fail, isBlank, numberProp, ok, textLength } from './conversion';
import { integerSchema } from './schema-parts';

/** An uploaded file as a record keeps it; the bytes live in the file store under `fileId`. */
export interface FileRef {
  fileId: string;
  name: string;
  size: number;
  mime: string;
}

const FILE_ID = new RegExp(FILE_ID_PATTERN);
const MIME_PATTERN = '^[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*$';
const MIME = new RegExp(MIME_PATTERN);
const NAME_MAX = 255;
// Names end up in Content-Disposition headers and CSV cells: no control characters.
const NAME_PATTERN = '^[^\\u0000-\\u001f\\u007f]+$';
const NAME = new RegExp(NAME_PATTERN);

export interface FileLimits {
  maxFiles: number;
  maxSizeMb: number;
  /** Mime types such as image/png or image/*; empty allows any. */
  accept: string[];
}

export function fileLimits(field: FieldDef, defaults: FileLimits): FileLimits {
  const accept = Array.isArray(field.accept)
    ? field.accept.filter((item): item is string => typeof item === 'string')
    : defaults.accept;
  return {
    maxFiles: numberProp(field, 'maxFiles', defaults.maxFiles),
    maxSizeMb: numberProp(field, 'maxSizeMb', defaults.maxSizeMb),
    accept,
  };
}

export function mimeAccepted(mime: string, accept: readonly string[]): boolean {
  if (accept.length === 0) return true;
  return accept.some(
    (pattern) => pattern === mime || (pattern.endsWith('/*') && mime.startsWith(pattern.slice(0, -1))),
  );
}

export function fileDefinitionProperties(maxFiles: number): Record<string, JsonSchema> {
  return {
    maxFiles: integerSchema(1, maxFiles),
    maxSizeMb: { type: 'number', exclusiveMinimum: 0, maximum: 2048 },
    accept: {
      type: 'array',
      items: { type: 'string', pattern: '^[a-z0-9][a-z0-9.+-]*/([a-z0-9][a-z0-9.+-]*|\\*)$' },
      uniqueItems: true,
    },
  };
}

export function fileListSchema(limits: FileLimits): JsonSchema {
  return {
    type: 'array',
    minItems: 1,
    maxItems: limits.maxFiles,
    items: {
      type: 'object',
      properties: {
        fileId: { type: 'string', pattern: FILE_ID_PATTERN },
        name: { type: 'string', minLength: 1, maxLength: NAME_MAX, pattern: NAME_PATTERN },
        size: { type: 'integer', minimum: 0, maximum: Math.floor(limits.maxSizeMb * 1024 * 1024) },
        mime: { type: 'string', pattern: MIME_PATTERN },
      },
      required: ['fileId', 'name', 'size', 'mime'],
      additionalProperties: false,
    },
  };
}

function fileRef(item: unknown, limits: FileLimits): FileRef | string {
  if (typeof item !== 'object' || item === null) return 'Upload the file again; its details are missing.';
  const raw = item as Record<string, unknown>;
  const name = typeof raw.name === 'string' ? raw.name.trim() : '';
  const mime = typeof raw.mime === 'string' ? raw.mime.trim().toLowerCase() : '';
  if (typeof raw.fileId !== 'string' || !FILE_ID.test(raw.fileId))
    return 'Upload the file again; its id is missing.';
  if (!NAME.test(name) || textLength(name) > NAME_MAX)
    return 'A file name is empty, too long or has control characters.';
  if (typeof raw.size !== 'number' || !Number.isInteger(raw.size) || raw.size < 0)
    return `The size of ${name} is missing.`;
  if (raw.size > limits.maxSizeMb * 1024 * 1024) return `${name} is larger than ${limits.maxSizeMb} MB.`;
  if (!MIME.test(mime)) return `The type of ${name} is unknown.`;
  if (!mimeAccepted(mime, limits.accept)) return `${name} is not an accepted kind of file.`;
  return { fileId: raw.fileId, name, size: raw.size, mime };
}

export function normalizeFiles(input: unknown, limits: FileLimits): Conversion<FileRef[]> {
  if (isBlank(input) || (Array.isArray(input) && input.length === 0)) return ok(null);
  const items = Array.isArray(input) ? input : [input];
  if (items.length > limits.maxFiles) return fail(`Attach at most ${limits.maxFiles} files.`);
  const files: FileRef[] = [];
  for (const item of items) {
    const file = fileRef(item, limits);
    if (typeof file === 'string') return fail(file);
    // The same upload twice is a double click, not two files.
    if (!files.some((existing) => existing.fileId === file.fileId)) files.push(file);
  }
  return ok(files);
}

/**
 * One line per file, "name [fileId, size bytes, mime]": readable in an export, and exact enough to import
 * back. The bracket is read from the end, so names may contain brackets.
 */
export function filesText(files: readonly FileRef[] | null): string {
  return (files ?? [])
    .map((file) => `${file.name} [${file.fileId}, ${file.size} bytes, ${file.mime}]`)
    .join('\n');
}

const FILE_LINE = /^(.*) \[([A-Za-z0-9_-]+), (\d+) bytes, ([^\s,\]]+)\]$/;

export function parseFilesText(text: string, limits: FileLimits): Conversion<FileRef[]> {
  if (isBlank(text)) return ok(null);
  const files: unknown[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const match = FILE_LINE.exec(line.trim());
    if (!match) return fail('Each file needs a line like "photo.jpg [fileId, 1024 bytes, image/jpeg]".');
    files.push({ name: match[1], fileId: match[2], size: Number(match[3]), mime: match[4] });
  }
  return normalizeFiles(files, limits);
}
