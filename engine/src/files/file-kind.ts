import { mimeAccepted } from '@forecourt/schemas';
import { fileTypeFromBuffer } from 'file-type';
import { ValidationError } from '../errors';

/** How many leading bytes the type is decided from (what file-type needs for every format it knows). */
export const SNIFF_BYTES = 4100;

/** Formats without a magic number: allowed only when a field names them explicitly, never for images. */
const TEXT_LIKE = new Set(['text/plain', 'text/csv']);

/**
 * Office formats are zip or OLE containers; from the first bytes file-type may only see the container,
 * so the container vouches for the specific type the browser declared, if the field accepts that.
 */
const CONTAINERS: Record<string, readonly string[]> = {
  'application/zip': [
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.oasis.opendocument.spreadsheet',
  ],
  'application/x-cfb': ['application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint'],
};

/** `image/PNG; charset=x` → `image/png`. */
export function plainMime(mime: string | undefined): string {
  return (mime ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Decides what a file really is from its first bytes and whether the field takes it. The browser's
 * declared type and the file name are the uploader's claims; only the magic bytes are evidence.
 * Returns the mime to store (and later serve), or throws a ValidationError a person understands.
 */
export async function acceptedKind(
  head: Buffer,
  declared: { mime: string; name: string },
  accept: readonly string[],
): Promise<string> {
  const path = '/file';
  if (head.length === 0)
    throw new ValidationError(`${declared.name} is empty.`, [
      { path, message: 'Choose a file with content.' },
    ]);
  const sniffed = (await fileTypeFromBuffer(head))?.mime;
  const declaredMime = plainMime(declared.mime);
  if (sniffed) {
    if (mimeAccepted(sniffed, accept)) return sniffed;
    if (CONTAINERS[sniffed]?.includes(declaredMime) && mimeAccepted(declaredMime, accept))
      return declaredMime;
    throw refused(declared.name, `its content is ${sniffed}`, accept);
  }
  // No magic number. Plain text is fine where the field asked for exactly that; anything else
  // (HTML, SVG, scripts, a renamed unknown binary) is not what it claims to be.
  const explicitly = accept.includes(declaredMime);
  if (TEXT_LIKE.has(declaredMime) && explicitly && !head.includes(0)) return declaredMime;
  throw refused(declared.name, 'its content does not match any accepted type', accept);
}

function refused(name: string, why: string, accept: readonly string[]): ValidationError {
  const allowed = accept.length ? accept.join(', ') : 'files with a recognisable type';
  return new ValidationError(`${name} cannot be uploaded here: ${why}.`, [
    { path: '/file', message: `This field accepts ${allowed}.` },
  ]);
}
