/** A1 addresses and 0-based coordinates. */
import type { CellRef, RangeRef } from '../../core/types';

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

export function colName(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function cellName(row: number, col: number): string {
  return `${colName(col)}${row + 1}`;
}

export function rangeName(r: RangeRef): string {
  const a = cellName(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? a : `${a}:${cellName(r.bottom, r.right)}`;
}

/** "M12" / "$M$12" → {row: 11, col: 12}; null when not a cell reference. */
export function parseCell(ref: string): CellRef | null {
  let i = 0;
  const s = ref.trim();
  if (s[i] === '$') i++;
  let col = 0;
  const colStart = i;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    const u = c >= 97 && c <= 122 ? c - 32 : c;
    if (u < 65 || u > 90) break;
    col = col * 26 + (u - 64);
    i++;
  }
  if (i === colStart || i - colStart > 3) return null;
  if (s[i] === '$') i++;
  const rowText = s.slice(i);
  if (!/^[0-9]+$/.test(rowText)) return null;
  const row = parseInt(rowText, 10);
  if (row < 1 || row > MAX_ROWS || col > MAX_COLS) return null;
  return { row: row - 1, col: col - 1 };
}

/** Column letters ("M" → 12), or -1. */
export function parseCol(s: string): number {
  let col = 0;
  const t = s.replace(/\$/g, '');
  if (!/^[A-Za-z]{1,3}$/.test(t)) return -1;
  for (let i = 0; i < t.length; i++) col = col * 26 + (t.toUpperCase().charCodeAt(i) - 64);
  return col - 1;
}

/** "A1:B2", "A1", "A:C", "3:5" → a range; null when unreadable. */
export function parseRange(ref: string): RangeRef | null {
  const parts = ref.trim().split(':');
  if (parts.length === 1) {
    const c = parseCell(parts[0]);
    return c ? { top: c.row, left: c.col, bottom: c.row, right: c.col } : null;
  }
  if (parts.length !== 2) return null;
  const a = parseCell(parts[0]);
  const b = parseCell(parts[1]);
  if (a && b) {
    return {
      top: Math.min(a.row, b.row),
      left: Math.min(a.col, b.col),
      bottom: Math.max(a.row, b.row),
      right: Math.max(a.col, b.col),
    };
  }
  const ca = parseCol(parts[0]);
  const cb = parseCol(parts[1]);
  if (ca >= 0 && cb >= 0) return { top: 0, left: Math.min(ca, cb), bottom: MAX_ROWS - 1, right: Math.max(ca, cb) };
  const ra = /^\$?[0-9]+$/.test(parts[0]) ? parseInt(parts[0].replace('$', ''), 10) : -1;
  const rb = /^\$?[0-9]+$/.test(parts[1]) ? parseInt(parts[1].replace('$', ''), 10) : -1;
  if (ra >= 1 && rb >= 1) return { top: Math.min(ra, rb) - 1, left: 0, bottom: Math.max(ra, rb) - 1, right: MAX_COLS - 1 };
  return null;
}

/** A space-separated list of ranges (sqref). Unreadable items are skipped. */
export function parseSqref(sqref: string): RangeRef[] {
  return sqref
    .split(/\s+/)
    .filter((x) => x.length > 0)
    .map(parseRange)
    .filter((r): r is RangeRef => r !== null);
}

export function rangesIntersect(a: RangeRef, b: RangeRef): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export function rangeContains(outer: RangeRef, inner: RangeRef): boolean {
  return inner.top >= outer.top && inner.bottom <= outer.bottom && inner.left >= outer.left && inner.right <= outer.right;
}

export function inRange(r: RangeRef, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}
