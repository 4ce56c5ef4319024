/**
 * CSV as people hand it over: UTF-8 with or without a byte order mark, or GB18030/GBK, which is what
 * Excel and WPS on a Chinese Windows write when "CSV" is chosen. A file that is not valid UTF-8 is read
 * as GB18030 (a superset of GBK and GB2312); UTF-16 (Excel's "Unicode text") is read by its mark.
 */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Comma, unless the first line has more tabs (Excel's "Unicode text" and tab-separated exports). */
function delimiterOf(text: string): string {
  const end = text.search(/[\r\n]/);
  const first = end < 0 ? text : text.slice(0, end);
  const tabs = first.split('\t').length;
  return tabs > first.split(',').length ? '\t' : ',';
}

/**
 * RFC 4180 records: quoted cells may hold the delimiter, `""` and line breaks; lines end in CRLF, LF
 * or CR. A stray quote inside an unquoted cell is kept as text, as Excel does.
 */
export function* parseCsv(text: string): Generator<string[]> {
  const delimiter = delimiterOf(text);
  const length = text.length;
  let i = 0;
  while (i < length) {
    const cells: string[] = [];
    for (;;) {
      let cell: string;
      if (text[i] === '"') {
        let value = '';
        let from = i + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote < 0) {
            // An unterminated quote runs to the end of the file, as in Excel.
            value += text.slice(from);
            i = length;
            break;
          }
          value += text.slice(from, quote);
          if (text[quote + 1] === '"') {
            value += '"';
            from = quote + 2;
          } else {
            i = quote + 1;
            break;
          }
        }
        // Text between the closing quote and the delimiter belongs to the cell.
        const rest = nextBoundary(text, i, delimiter);
        cell = value + text.slice(i, rest);
        i = rest;
      } else {
        const end = nextBoundary(text, i, delimiter);
        cell = text.slice(i, end);
        i = end;
      }
      cells.push(cell);
      if (i < length && text[i] === delimiter) {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      break;
    }
    yield cells;
  }
}

function nextBoundary(text: string, from: number, delimiter: string): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === delimiter || c === '\n' || c === '\r') return i;
  }
  return text.length;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV line (CRLF, as Excel writes): cells with a comma, quote or line break are quoted. */
export function csvLine(cells: string[]): string {
  return `${cells.map((c) => (NEEDS_QUOTES.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')}\r\n`;
}
