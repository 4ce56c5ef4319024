/**
 * Spreadsheet formula injection (OWASP "CSV injection"): a cell whose text starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return may be run as a formula by Excel or WPS when the file is opened.
 * The exporter prefixes such text with one `'`, so it is shown as text; the importer removes exactly
 * that prefix again, so export → import is exact.
 *
 * Text that itself starts with `'` is escaped the same way (`'abc` → `''abc`): otherwise a value such
 * as `'=x` would lose its quote on the way back.
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);
const QUOTE = "'";

function needsEscape(first: string | undefined): boolean {
  return first !== undefined && (TRIGGERS.has(first) || first === QUOTE);
}

export function escapeCell(text: string): string {
  return needsEscape(text[0]) ? QUOTE + text : text;
}

/** Undoes `escapeCell`; text a person typed without our prefix (`-5`, `'hello`) passes unchanged. */
export function unescapeCell(text: string): string {
  return text[0] === QUOTE && needsEscape(text[1]) ? text.slice(1) : text;
}
