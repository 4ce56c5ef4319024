const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A random id for a table row, so edits and comments can point at a row even after rows are reordered.
 * Uses Web Crypto, which browsers and Node 20 both have.
 */
export function newRowId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  let out = 'r_';
  for (const byte of bytes) out += ALPHABET[byte & 31];
  return out;
}

export const ROW_ID_PATTERN = '^[A-Za-z0-9_-]{1,40}$';
