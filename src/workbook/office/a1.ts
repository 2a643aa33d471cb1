/**
 * A1 addresses for the Office shell. The contract is 0-based and inclusive
 * (src/core/types.ts); Excel's API speaks A1, so the conversion lives here.
 */
import type { RangeRef } from '../../core/types';

/** 0 -> "A", 25 -> "Z", 26 -> "AA". */
export function columnLetters(col: number): string {
  let n = col + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** "AA" -> 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function cellA1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** "B2:D9", or "B2" for a single cell. */
export function rangeA1(r: RangeRef): string {
  const a = cellA1(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? a : `${a}:${cellA1(r.bottom, r.right)}`;
}

/** Sheet name as Excel writes it in a reference: quoted when it needs to be. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}[0-9]+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

/** "'My sheet'!B2" */
export function sheetCellA1(sheet: string, row: number, col: number): string {
  return `${quoteSheet(sheet)}!${cellA1(row, col)}`;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;
const WHOLE_ROWS = /^\$?(\d+):\$?(\d+)$/;
const WHOLE_COLUMNS = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/;
export const LAST_ROW = 1048575;
export const LAST_COL = 16383;

/** Parses "B2", "B2:D9", whole rows "3:5" and whole columns "B:D" (with or without $). */
export function parseRangeA1(text: string): RangeRef {
  const rows = WHOLE_ROWS.exec(text.trim());
  if (rows) return { top: Number(rows[1]) - 1, bottom: Number(rows[2]) - 1, left: 0, right: LAST_COL };
  const cols = WHOLE_COLUMNS.exec(text.trim());
  if (cols) return { top: 0, bottom: LAST_ROW, left: columnIndex(cols[1]), right: columnIndex(cols[2]) };
  const [a, b = a] = text.split(':');
  const m1 = CELL.exec(a.trim());
  const m2 = CELL.exec(b.trim());
  if (!m1 || !m2) throw new Error(`Not an A1 range: ${text}`);
  const r1 = Number(m1[2]) - 1;
  const r2 = Number(m2[2]) - 1;
  const c1 = columnIndex(m1[1]);
  const c2 = columnIndex(m2[1]);
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

/** Splits an address as Excel returns it ("'My sheet'!A1:C3") into sheet and range. */
export function parseAddress(address: string): { sheet: string; range: RangeRef } {
  const bang = address.lastIndexOf('!');
  const sheetPart = bang >= 0 ? address.slice(0, bang) : '';
  const sheet = sheetPart.startsWith("'") ? sheetPart.slice(1, -1).replace(/''/g, "'") : sheetPart;
  return { sheet, range: parseRangeA1(address.slice(bang + 1)) };
}

/**
 * Splits a multi-area address ("Sheet1!A1:B2,Sheet1!D4" as RangeAreas.address gives it)
 * into its areas. Commas inside a quoted sheet name are kept.
 */
export function parseAreas(address: string): RangeRef[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < address.length; i++) {
    const ch = address[i];
    if (ch === "'") {
      if (quoted && address[i + 1] === "'") {
        current += "''";
        i++;
        continue;
      }
      quoted = !quoted;
    }
    if (ch === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (current.trim() !== '') parts.push(current);
  return parts.map((p) => parseAddress(p.trim()).range);
}

export function intersects(a: RangeRef, b: RangeRef): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export function contains(outer: RangeRef, row: number, col: number): boolean {
  return row >= outer.top && row <= outer.bottom && col >= outer.left && col <= outer.right;
}
