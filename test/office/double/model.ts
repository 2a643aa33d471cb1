/**
 * The workbook the Excel double holds: plain data, changed only when a batch
 * is synced. Coordinates are 0-based like the contract.
 */

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export const MAX_ROW = 1048575;
export const MAX_COL = 16383;

export interface CellFormat {
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  wrap?: boolean;
  verticalAlignment?: string;
  underline?: boolean;
}

export interface HyperlinkModel {
  documentReference?: string;
  address?: string;
  textToDisplay?: string;
  screenTip?: string;
}

export interface CellModel {
  /** '' is an empty cell. */
  value: string | number | boolean;
  numberFormat: string;
  /** Set when a string starting "=" was written to a cell not formatted as text: Excel made it a formula. */
  formula?: string;
  format?: CellFormat;
  hyperlink?: HyperlinkModel;
}

export type ConditionalFormatType = 'ContainsText' | 'CellValue';

export interface ConditionalFormatModel {
  id: number;
  range: Rect;
  type: ConditionalFormatType;
  rule: { operator?: string; text?: string; formula1?: string; formula2?: string } | null;
  format: { fill?: string; fontColor?: string; bold?: boolean };
}

export interface PageLayoutModel {
  orientation: 'Portrait' | 'Landscape';
  zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number } | null;
  printTitleRows: string | null;
}

export interface SheetModel {
  id: number;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  protected: boolean;
  cells: Map<number, CellModel>;
  /** Column widths in points. */
  columnWidths: Map<number, number>;
  hiddenRows: Set<number>;
  hiddenColumns: Set<number>;
  merges: Rect[];
  conditionalFormats: ConditionalFormatModel[];
  pageLayout: PageLayoutModel;
  freezeRows: number;
  /** Rows whose height Excel fitted to their text (format.autofitRows). */
  autofitRows: Set<number>;
}

export interface TableModel {
  id: number;
  name: string;
  sheetId: number;
  range: Rect;
  showHeaders: boolean;
  showTotals: boolean;
  columns: string[];
  style: string;
}

export interface WorkbookModel {
  sheets: SheetModel[];
  tables: TableModel[];
  /** Workbook-scoped defined names (Name Manager). */
  names: string[];
  protected: boolean;
  nextId: number;
}

export const cellKey = (row: number, col: number): number => row * 16384 + col;
export const keyRow = (key: number): number => Math.floor(key / 16384);
export const keyCol = (key: number): number => key % 16384;

export function newSheet(wb: WorkbookModel, name: string): SheetModel {
  return {
    id: wb.nextId++,
    name,
    visibility: 'Visible',
    protected: false,
    cells: new Map(),
    columnWidths: new Map(),
    hiddenRows: new Set(),
    hiddenColumns: new Set(),
    merges: [],
    conditionalFormats: [],
    pageLayout: { orientation: 'Portrait', zoom: null, printTitleRows: null },
    freezeRows: 0,
    autofitRows: new Set(),
  };
}

export function isEmptyCell(c: CellModel | undefined): boolean {
  return !c || c.value === '';
}

export function rectContains(r: Rect, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

export function rectInside(inner: Rect, outer: Rect): boolean {
  return inner.top >= outer.top && inner.bottom <= outer.bottom && inner.left >= outer.left && inner.right <= outer.right;
}

export function rectIntersects(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

// ------------------------------------------------------------------ A1, written independently of the shell's helpers

export function colName(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function colNumber(name: string): number {
  return name.toUpperCase().split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

export function a1(row: number, col: number): string {
  return colName(col) + (row + 1);
}

export function rectA1(r: Rect): string {
  if (r.left === 0 && r.right === MAX_COL) return `${r.top + 1}:${r.bottom + 1}`;
  if (r.top === 0 && r.bottom === MAX_ROW) return `${colName(r.left)}:${colName(r.right)}`;
  const start = a1(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? start : `${start}:${a1(r.bottom, r.right)}`;
}

export function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Parses "A1", "A1:C3", "A:C", "2:5", optionally "Sheet!" prefixed. */
export function parseA1(text: string): { sheet: string | null; rect: Rect } {
  let sheet: string | null = null;
  let ref = text.trim();
  const bang = ref.lastIndexOf('!');
  if (bang >= 0) {
    const s = ref.slice(0, bang);
    sheet = s.startsWith("'") ? s.slice(1, -1).replace(/''/g, "'") : s;
    ref = ref.slice(bang + 1);
  }
  ref = ref.replace(/\$/g, '');
  const [p, q = p] = ref.split(':');
  const part = (t: string) => {
    const m = /^([A-Za-z]*)(\d*)$/.exec(t);
    if (!m || (m[1] === '' && m[2] === '')) throw new Error(`bad address ${text}`);
    return { col: m[1] === '' ? null : colNumber(m[1]), row: m[2] === '' ? null : Number(m[2]) - 1 };
  };
  const x = part(p);
  const y = part(q);
  const rect: Rect = {
    top: x.row ?? 0,
    bottom: y.row ?? MAX_ROW,
    left: x.col ?? 0,
    right: y.col ?? MAX_COL,
  };
  if (rect.top > rect.bottom) [rect.top, rect.bottom] = [rect.bottom, rect.top];
  if (rect.left > rect.right) [rect.left, rect.right] = [rect.right, rect.left];
  return { sheet, rect };
}
