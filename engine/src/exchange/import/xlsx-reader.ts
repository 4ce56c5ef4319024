import type ExcelJS from 'exceljs';
import { excel } from '../excel';

/** The parts of exceljs's streaming reader we reach into (see `streamingWorkbook`). */
interface ReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: number): unknown;
  _parseSharedStrings(entry: NodeJS.ReadableStream): unknown;
  _parseStyles(entry: NodeJS.ReadableStream): unknown;
  _parseWorkbook(entry: NodeJS.ReadableStream): unknown;
}

/**
 * exceljs 4.4's streaming reader decodes each inflated 16 KB chunk on its own, so a Chinese character
 * split across two chunks turns into "��" (exceljs issues #2063, #2084; a fix is not released). Here
 * every XML part it parses is decoded as one stream instead: entries get a string encoding, worksheet
 * chunks go through a streaming decoder. Its parser passes strings through unchanged. The round-trip
 * test of 10,000 Chinese rows fails if this stops working after an upgrade.
 */
export async function streamingWorkbook(path: string): Promise<ExcelJS.stream.xlsx.WorkbookReader> {
  const { stream } = await excel();
  const reader = new stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles say which numbers are dates; hyperlinks would replace a cell's value by its link.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const internals = reader as unknown as ReaderInternals;
  for (const method of ['_parseSharedStrings', '_parseStyles', '_parseWorkbook'] as const) {
    const original = internals[method].bind(reader);
    internals[method] = (entry) => {
      entry.setEncoding('utf8');
      return original(entry);
    };
  }
  const parseWorksheet = internals._parseWorksheet.bind(reader);
  internals._parseWorksheet = (iterator, sheetNo) => parseWorksheet(utf8Text(iterator), sheetNo);
  return reader;
}

async function* utf8Text(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}
