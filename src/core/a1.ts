/** A1 addresses for messages and links. Coordinates are 0-based. */
import type { CellRef, RangeRef } from './types';

export const MAX_COLUMNS = 16384;
export const MAX_ROWS = 1048576;

/** 0 -> "A", 25 -> "Z", 26 -> "AA". */
export function columnLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "AA" -> 26; throws on anything that is not 1-3 letters. */
export function columnIndex(letters: string): number {
  const up = letters.toUpperCase();
  if (!/^[A-Z]{1,3}$/.test(up)) throw new Error(`"${letters}" is not a column letter`);
  let n = 0;
  for (const ch of up) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

export function refAddress(ref: CellRef): string {
  return cellAddress(ref.row, ref.col);
}

export function rangeAddress(r: RangeRef): string {
  const a = cellAddress(r.top, r.left);
  const b = cellAddress(r.bottom, r.right);
  return a === b ? a : `${a}:${b}`;
}

/** Parses "B7" into a CellRef, or null. */
export function parseCell(text: string): CellRef | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(text.trim());
  if (!m) return null;
  const row = Number(m[2]) - 1;
  const col = columnIndex(m[1]!);
  if (row < 0 || row >= MAX_ROWS || col >= MAX_COLUMNS) return null;
  return { row, col };
}

/** Parses "A4:M40" (or a single cell) into a RangeRef, or null. */
export function parseRange(text: string): RangeRef | null {
  const [a, b] = text.split(':');
  const from = a === undefined ? null : parseCell(a);
  const to = b === undefined ? from : parseCell(b);
  if (!from || !to) return null;
  return {
    top: Math.min(from.row, to.row),
    left: Math.min(from.col, to.col),
    bottom: Math.max(from.row, to.row),
    right: Math.max(from.col, to.col),
  };
}

/** A sheet name as it must appear in a formula or link: quoted when needed, quotes doubled. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function sheetCellAddress(sheet: string, ref: CellRef): string {
  return `${quoteSheetName(sheet)}!${refAddress(ref)}`;
}
