/** Small real .xlsx workbooks for end-to-end tests, built with ExcelJS (tests only). */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const SAMPLE = path.join(ROOT, 'examples/sample-return.xlsx');
/** The published workbooks and file fixtures the tests run on (copied from ../shared; SOURCES.md beside each). */
export const FIXTURES_DIR = path.join(ROOT, 'test/fixtures');
export const REAL_WORKBOOKS = path.join(FIXTURES_DIR, 'real-workbooks');
export const FILE_FIXTURES = path.join(FIXTURES_DIR, 'file-fixtures');

export function sampleBytes(): Uint8Array {
  return new Uint8Array(readFileSync(SAMPLE));
}

export type Grid = (string | number | null)[][];

/** A workbook with one sheet holding `grid` from A1, optionally with an Excel table over it. */
export async function workbookOf(
  sheets: { name: string; grid: Grid; table?: string; formats?: Record<string, string> }[],
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(Date.UTC(2026, 0, 1));
  wb.modified = new Date(Date.UTC(2026, 0, 1));
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    if (s.table) {
      const [header, ...rows] = s.grid;
      ws.addTable({
        name: s.table,
        ref: 'A1',
        headerRow: true,
        columns: header!.map((h) => ({ name: String(h) })),
        rows: rows.map((r) => r.map((v) => (v === null ? null : v))),
      });
    } else {
      s.grid.forEach((row, r) => row.forEach((v, c) => v !== null && (ws.getCell(r + 1, c + 1).value = v)));
    }
    for (const [addr, fmt] of Object.entries(s.formats ?? {})) ws.getCell(addr).numFmt = fmt;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Every cell of every sheet as "Sheet!A1" -> value (ExcelJS's reading: text, number, formula...). */
export async function cellsOf(bytes: Uint8Array): Promise<Map<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const out = new Map<string, unknown>();
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        out.set(`${ws.name}!${cell.address}`, cell.value);
      });
    });
  });
  return out;
}

export async function loadExcelJS(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}
