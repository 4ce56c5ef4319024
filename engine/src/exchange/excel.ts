import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded on the first import or export: it takes about 0.7 s to load, which every server
 * start would otherwise pay.
 */
export async function excel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
