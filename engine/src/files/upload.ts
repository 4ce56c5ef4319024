import type { Readable } from 'node:stream';
import type { UploadedFile } from '@forecourt/schemas/api';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { acceptedKind, SNIFF_BYTES } from './file-kind';
import { removeStoredFile, writeStoredFile } from './storage';

/** What the record keeps of an upload: the value of an attachment or image field is a list of these. */
export type { UploadedFile };

export interface UploadLimits {
  maxBytes: number;
  /** Accepted mime types (`image/*` allowed); empty accepts any type with recognisable content. */
  accept: string[];
}

export interface Upload {
  stream: Readable;
  filename: string;
  /** What the browser claimed; recorded nowhere, only used to tell Office files apart. */
  declaredMime: string;
  limits: UploadLimits;
}

/** The upload is over the field's (or the server's) size limit: HTTP 413. */
export class FileTooLargeError extends DomainError {
  constructor(maxBytes: number) {
    super('payload_too_large', `The file is larger than ${formatSize(maxBytes)}.`, [
      { path: '/file', message: `Choose a file of at most ${formatSize(maxBytes)}.` },
    ]);
  }
}

/**
 * Stores one upload: streamed to disk with a hard byte limit and its sha256, its type decided from
 * its first bytes, then the `files` row. The database is touched only after the bytes are safely in
 * place, so a slow upload never holds a connection (PGlite has just one).
 */
export async function saveUpload(
  db: Executor,
  actor: Actor,
  upload: Upload,
  storageDir: string,
): Promise<UploadedFile> {
  const fileId = newId('fil');
  const name = safeFileName(upload.filename);
  let mime = '';
  const written = await writeStoredFile(storageDir, fileId, upload.stream, {
    maxBytes: upload.limits.maxBytes,
    tooLarge: () => new FileTooLargeError(upload.limits.maxBytes),
    headBytes: SNIFF_BYTES,
    inspectHead: async (head) => {
      mime = await acceptedKind(head, { mime: upload.declaredMime, name }, upload.limits.accept);
    },
  });
  try {
    await db
      .insertInto('files')
      .values({
        id: fileId,
        workspace_id: actor.workspaceId,
        name,
        mime,
        size: written.size,
        sha256: written.sha256,
        created_by: actor.userId,
      })
      .execute();
  } catch (error) {
    await removeStoredFile(storageDir, fileId);
    throw error;
  }
  return { fileId, name, size: written.size, mime };
}

/** Takes back an upload nothing references yet (the request it came with failed afterwards). */
export async function discardUpload(
  db: Executor,
  workspaceId: string,
  fileId: string,
  storageDir: string,
): Promise<void> {
  await db.deleteFrom('files').where('workspace_id', '=', workspaceId).where('id', '=', fileId).execute();
  await removeStoredFile(storageDir, fileId);
}

/**
 * Control characters break headers and CSV cells; bidi controls make `invoice<U+202E>fdp.exe` read as
 * "invoiceexe.pdf". Tested by code point: a regex of control characters is unreadable.
 */
function isUnsafeNameChar(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    code < 0x20 ||
    code === 0x7f ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}
const NAME_MAX = 255;

/** The name people will see: no path, no control or direction characters, at most 255 characters. */
export function safeFileName(filename: string | undefined): string {
  const base = (filename ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((char) => !isUnsafeNameChar(char))
    .join('')
    .trim();
  const chars = [...cleaned];
  if (chars.length === 0) return 'file';
  if (chars.length <= NAME_MAX) return cleaned;
  // Keep the extension: it is what tells people (and their computer) what the file is.
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 16 ? [...cleaned.slice(dot)] : [];
  return [...chars.slice(0, NAME_MAX - extension.length), ...extension].join('');
}

function formatSize(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
