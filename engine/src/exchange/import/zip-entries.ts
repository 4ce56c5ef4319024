import { open } from 'node:fs/promises';

/** The end-of-central-directory record is the last 22 bytes, plus a comment of up to 64 KB. */
const EOCD_SEARCH = 22 + 0xffff;

/**
 * The names of a zip's entries in the order they are stored in the file (by local header offset),
 * read from its central directory without inflating anything. Undefined when the directory cannot be
 * read plainly (zip64, a damaged file): the caller then keeps its default.
 */
export async function zipEntryOrder(path: string): Promise<string[] | undefined> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const tailSize = Math.min(size, EOCD_SEARCH);
    const tail = Buffer.alloc(tailSize);
    await file.read(tail, 0, tailSize, size - tailSize);
    let eocd = -1;
    for (let i = tailSize - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return undefined;
    const directorySize = tail.readUInt32LE(eocd + 12);
    const directoryOffset = tail.readUInt32LE(eocd + 16);
    if (directoryOffset === 0xffffffff || directoryOffset + directorySize > size) return undefined;
    const directory = Buffer.alloc(directorySize);
    await file.read(directory, 0, directorySize, directoryOffset);
    const entries: { name: string; offset: number }[] = [];
    for (let at = 0; at + 46 <= directory.length && directory.readUInt32LE(at) === 0x02014b50; ) {
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const offset = directory.readUInt32LE(at + 42);
      entries.push({ name: directory.toString('utf8', at + 46, at + 46 + nameLength), offset });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return entries.sort((a, b) => a.offset - b.offset).map((entry) => entry.name);
  } finally {
    await file.close();
  }
}

/**
 * Whether exceljs's streaming reader can read this workbook. It parses a worksheet as soon as it
 * meets it once it has the shared strings and the workbook's relationships, and otherwise puts it
 * aside until the end. A worksheet parsed at once before `xl/workbook.xml` fails ("reading 'sheets'"),
 * and one parsed before `xl/styles.xml` loses which numbers are dates. Excel, WPS, LibreOffice and
 * exceljs store the parts so that neither happens; SheetJS does not always.
 */
export function streamable(entries: string[] | undefined): boolean {
  if (!entries) return true;
  const seen = new Set<string>();
  for (const name of entries) {
    if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) {
      const parsedAtOnce = seen.has('xl/sharedStrings.xml') && seen.has('xl/_rels/workbook.xml.rels');
      if (parsedAtOnce && !(seen.has('xl/workbook.xml') && seen.has('xl/styles.xml'))) return false;
    }
    seen.add(name);
  }
  return true;
}
