/**
 * A read-only view of one sheet snapshot in absolute (0-based) sheet coordinates,
 * with the merged cells and formulas-without-results indexed for quick look-up.
 */
import type { CellRef, CellValue, RangeRef, SheetSnapshot } from '../types';
import { cellAddress, columnIndex, MAX_COLUMNS, parseRange } from '../a1';
import { isBlankText, isMissing, trimCell } from '../values';
import { isDateCell, periodOfDate } from './periods';

const KEY_STRIDE = MAX_COLUMNS;
const key = (row: number, col: number): number => row * KEY_STRIDE + col;

/** 0-based column of letters ("A" -> 0), or null when they are not column letters within XFD. */
export function lettersToCol(letters: string): number | null {
  const t = letters.trim().toUpperCase();
  if (!/^[A-Z]{1,3}$/.test(t)) return null;
  const c = columnIndex(t);
  return c < MAX_COLUMNS ? c : null;
}

/** A1 address of a 0-based cell ("C14"). */
export const a1 = cellAddress;

/** A1 range of 0-based bounds ("A4:M40"; always two corners, so a one-cell table reads "B3:B3"). */
export function a1Range(r: RangeRef): string {
  return `${cellAddress(r.top, r.left)}:${cellAddress(r.bottom, r.right)}`;
}

/** Parses "A4:M40" (or "$A$4:$M$40", or one cell "B3") into 0-based bounds; null when it is not an A1 range. */
export function parseA1Range(text: string): RangeRef | null {
  return parseRange(text.replace(/\s+/g, ''));
}

export class Grid {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  private readonly rowMerges = new Map<number, RangeRef[]>();
  private readonly uncached = new Set<number>();

  constructor(readonly sheet: SheetSnapshot) {
    this.top = sheet.origin.row;
    this.left = sheet.origin.col;
    const rows = sheet.values.length;
    const cols = rows > 0 ? sheet.values[0].length : 0;
    this.bottom = this.top + rows - 1;
    this.right = this.left + cols - 1;
    for (const m of sheet.merges) {
      if (m.bottom < m.top || m.right < m.left) continue;
      if (m.top === m.bottom && m.left === m.right) continue;
      const from = Math.max(m.top, this.top);
      const to = Math.min(m.bottom, this.bottom);
      for (let r = from; r <= to; r++) {
        const list = this.rowMerges.get(r);
        if (list) list.push(m);
        else this.rowMerges.set(r, [m]);
      }
    }
    for (const c of sheet.uncachedFormulas ?? []) this.uncached.add(key(c.row, c.col));
  }

  get empty(): boolean {
    return this.bottom < this.top || this.right < this.left;
  }

  value(row: number, col: number): CellValue {
    const r = row - this.top;
    const c = col - this.left;
    if (r < 0 || c < 0) return null;
    const line = this.sheet.values[r];
    if (!line || c >= line.length) return null;
    const v = line[c];
    return v === undefined ? null : v;
  }

  format(row: number, col: number): string {
    const r = row - this.top;
    const c = col - this.left;
    if (r < 0 || c < 0) return 'General';
    const line = this.sheet.numberFormats[r];
    if (!line || c >= line.length) return 'General';
    return line[c] ?? 'General';
  }

  /** The merged range a cell belongs to, or null. */
  mergeAt(row: number, col: number): RangeRef | null {
    const list = this.rowMerges.get(row);
    if (!list) return null;
    for (const m of list) if (col >= m.left && col <= m.right) return m;
    return null;
  }

  /** The value shown in a cell: a merged cell shows its top-left cell's value everywhere in the merge. */
  shownValue(row: number, col: number): { value: CellValue; format: string; at: CellRef } {
    const m = this.mergeAt(row, col);
    if (m) return { value: this.value(m.top, m.left), format: this.format(m.top, m.left), at: { row: m.top, col: m.left } };
    return { value: this.value(row, col), format: this.format(row, col), at: { row, col } };
  }

  /** Whether any cell holds a formula without a saved result. */
  get hasUncached(): boolean {
    return this.uncached.size > 0;
  }

  isUncached(row: number, col: number): boolean {
    return this.uncached.size > 0 && this.uncached.has(key(row, col));
  }

  /** Truly blank: null or whitespace-only (a formula without a saved result is not blank). */
  isBlank(row: number, col: number): boolean {
    const v = this.value(row, col);
    if (v === null) return !this.isUncached(row, col);
    return typeof v === 'string' && isBlankText(v);
  }

  /** Every cell of the row between left and right is blank. */
  rowBlank(row: number, left: number, right: number): boolean {
    const r = row - this.top;
    const line = this.sheet.values[r];
    if (!line) return true;
    const from = Math.max(left, this.left);
    const to = Math.min(right, this.right);
    for (let c = from; c <= to; c++) {
      const v = line[c - this.left];
      if (v === null || v === undefined) {
        if (this.uncached.size > 0 && this.uncached.has(key(row, c))) return false;
        continue;
      }
      if (typeof v === 'string' && isBlankText(v)) continue;
      return false;
    }
    return true;
  }

  /** The merged ranges crossing a row (null when none), for callers that look at every cell of it. */
  mergesOn(row: number): RangeRef[] | null {
    return this.rowMerges.size === 0 ? null : (this.rowMerges.get(row) ?? null);
  }

  /** Holds no data: blank or a no-data token. */
  isMissingCell(row: number, col: number): boolean {
    return isMissing(this.value(row, col));
  }

  /** Header text of a cell: merged cells spread; dates shown as "Mar 2024"; numbers as digits. */
  headerText(row: number, col: number): { text: string; serial: number | null } {
    const { value, format } = this.shownValue(row, col);
    if (value === null) return { text: '', serial: null };
    if (typeof value === 'number') {
      if (isDateCell(value, format)) return { text: periodOfDate(value, 12).label, serial: Math.floor(value) };
      return { text: Number.isFinite(value) ? String(value) : '', serial: null };
    }
    if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', serial: null };
    return { text: trimCell(value).replace(/\s+/g, ' '), serial: null };
  }
}

/**
 * The sheet with the cells of some ranges empty (values null, formulas without results gone),
 * the same object when no range reaches its cells. Detection and extraction read the add-in's
 * own cells this way: they are not the user's.
 */
export function withCellsEmptied(sheet: SheetSnapshot, ranges: readonly RangeRef[]): SheetSnapshot {
  if (ranges.length === 0 || sheet.values.length === 0) return sheet;
  const { row: top, col: left } = sheet.origin;
  const width = sheet.values[0]!.length;
  let values: CellValue[][] | null = null;
  for (const x of ranges) {
    const from = Math.max(x.top - top, 0);
    const to = Math.min(x.bottom - top, sheet.values.length - 1);
    const c0 = Math.max(x.left - left, 0);
    const c1 = Math.min(x.right - left, width - 1);
    if (from > to || c0 > c1) continue;
    values ??= sheet.values.slice();
    for (let i = from; i <= to; i++) {
      let line = values[i]!;
      if (line === sheet.values[i]) values[i] = line = line.slice();
      for (let j = c0; j <= c1; j++) line[j] = null;
    }
  }
  if (values === null) return sheet;
  const inside = (c: CellRef): boolean => ranges.some((x) => c.row >= x.top && c.row <= x.bottom && c.col >= x.left && c.col <= x.right);
  const uncached = sheet.uncachedFormulas?.filter((c) => !inside(c));
  return { ...sheet, values, ...(uncached ? { uncachedFormulas: uncached } : {}) };
}

const gridCache = new WeakMap<SheetSnapshot, Grid>();

/** The grid of a sheet snapshot (made once per snapshot object). */
export function gridOf(sheet: SheetSnapshot): Grid {
  let g = gridCache.get(sheet);
  if (!g) {
    g = new Grid(sheet);
    gridCache.set(sheet, g);
  }
  return g;
}
