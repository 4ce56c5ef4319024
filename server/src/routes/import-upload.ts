import { DomainError, type ImportMode, type RequestedMapping } from '@forecourt/engine';

/** The import upload's text parts (everything but the file), read and checked. */

export function badPart(path: string, message: string): DomainError {
  return new DomainError('bad_request', 'The upload is not as expected.', [{ path, message }]);
}

/** The text parts of the upload: mapping (JSON), upsertBy, headerRow, mode. */
export function importOptions(fields: Record<string, string>): {
  mapping?: RequestedMapping;
  upsertBy: string | null;
  headerRow: number | null;
  mode: ImportMode;
} {
  for (const name of Object.keys(fields)) {
    if (!['mapping', 'upsertBy', 'mode', 'headerRow'].includes(name))
      throw badPart(`/${name}`, 'is not a known part');
  }
  const mode = fields.mode?.trim() || 'dryRun';
  if (mode !== 'dryRun' && mode !== 'commit') throw badPart('/mode', 'Send dryRun or commit.');
  let mapping: RequestedMapping | undefined;
  if (fields.mapping?.trim()) {
    try {
      mapping = JSON.parse(fields.mapping);
    } catch {
      throw badPart('/mapping', 'is not valid JSON');
    }
    const valid =
      typeof mapping === 'object' &&
      mapping !== null &&
      !Array.isArray(mapping) &&
      Object.values(mapping).every((v) => v === null || typeof v === 'string');
    if (!valid) throw badPart('/mapping', 'Send a JSON object of column (header or index) → field id.');
  }
  const headerText = fields.headerRow?.trim() ?? '';
  const headerRow = headerText === '' ? null : Number(headerText);
  if (headerRow !== null && !(Number.isInteger(headerRow) && headerRow >= 1 && headerRow <= 1000))
    throw badPart('/headerRow', 'Send the number of the header row, 1 to 1000.');
  return { mapping, upsertBy: fields.upsertBy?.trim() || null, headerRow, mode };
}
