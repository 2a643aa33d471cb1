/**
 * CSV files of test/fixtures/real-workbooks as sheets, read by a small reader (tests only):
 * cells as Excel would hold them after opening the file, numbers as numbers, text as text,
 * empty as blank.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CellValue, SheetSnapshot } from '../../../src/core/types';
import { sheet } from '../../fixtures/snapshots/build';
import { REAL_WORKBOOKS } from '../../helpers/workbooks';

export function parseCsv(text: string): string[][] {

  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell.length || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** CSV cells as Excel would hold them after opening: numbers as numbers, text as text, empty as blank. */
export function csvSheet(name: string, file: string): SheetSnapshot {
  const rows = parseCsv(readFileSync(join(REAL_WORKBOOKS, file), 'utf8').replace(/^\uFEFF/, ''));
  const grid: CellValue[][] = rows.map((r) => r.map((v) => (v === '' ? null : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v)));
  return sheet(name, grid);
}
