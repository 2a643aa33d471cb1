/**
 * readWorkbook: .xlsx bytes → WorkbookSnapshot (plain data) + the package handle.
 */
import {
  CellValue,
  RangeRef,
  SETTINGS_SHEET_NAME,
  SheetSnapshot,
  TableInfo,
  WorkbookSnapshot,
} from '../../core/types';
import { MAX_COLS, cellName, parseRange } from './cellref';
import { XlsxError } from './errors';
import { relKind } from './opc';
import { SheetInfo, XlsxPackage } from './package';
import { SheetRead, readSheet } from './sheet-read';
import { cfbError, sniff } from './sniff';
import { Tok, XmlScanner, decodeXstring } from './xml';
import { ZipArchive } from './zip';

export interface XlsxWorkbook {
  snapshot: WorkbookSnapshot;
  /** The opened package: pass it to applyPlan. */
  pkg: XlsxPackage;
  /** Things found while reading that did not stop it (cells left out of a huge sheet, a broken part...). */
  warnings: string[];
}

/**
 * The most cells one sheet's used range may hold in the snapshot. A sheet with
 * a stray value far away (XFD1048576) would otherwise need billions of cells:
 * such outliers are left out, with a warning, until the range fits.
 */
export const MAX_SNAPSHOT_CELLS = 4_000_000;

export function openPackage(bytes: Uint8Array): XlsxPackage {
  const kind = sniff(bytes);
  if (kind === 'cfb') throw cfbError(bytes);
  if (kind === 'other') {
    if (bytes.length === 0) throw new XlsxError('corrupt', 'The file is empty.');
    throw new XlsxError('not-xlsx', 'This file is not an Excel workbook (.xlsx).');
  }
  return XlsxPackage.open(ZipArchive.read(bytes));
}

export function readWorkbook(bytes: Uint8Array, options: { fileName?: string } = {}): XlsxWorkbook {
  const pkg = openPackage(bytes);
  const warnings: string[] = [...pkg.warnings];
  const sharedStrings = pkg.sharedStrings();
  const styles = pkg.styles();
  const sheets: SheetSnapshot[] = [];
  let savedDocument: string | null = null;
  let position = 0;
  for (const info of pkg.sheets) {
    if (info.kind !== 'worksheet' || !info.path) continue;
    const sheetPosition = position++;
    const path = info.path;
    const read = pkg.parsePart(path, () => readSheet(pkg.text(path), { sharedStrings, date1904: pkg.date1904 }));
    if (info.name.toLowerCase() === SETTINGS_SHEET_NAME.toLowerCase()) {
      savedDocument = settingsText(read);
      continue;
    }
    const snapshot = toSnapshot(info, sheetPosition, read, (s) => styles.numberFormat(s), warnings);
    snapshot.tables = readTables(pkg, info, read, warnings);
    sheets.push(snapshot);
  }
  return {
    snapshot: {
      sheets,
      savedDocument,
      source: options.fileName !== undefined ? { host: 'xlsx', fileName: options.fileName } : { host: 'xlsx' },
      definedNames: pkg.definedNames(),
    },
    pkg,
    warnings,
  };
}

/** The settings document: the text of A2, A3, ... joined (A1 holds the marker). */
function settingsText(read: SheetRead): string | null {
  const chunks: { row: number; text: string }[] = [];
  for (let i = 0; i < read.values.length; i++) {
    const v = read.values[i];
    if (read.cols[i] === 0 && read.rows[i] >= 1 && v !== null) chunks.push({ row: read.rows[i], text: String(v) });
  }
  if (chunks.length === 0) return null;
  chunks.sort((a, b) => a.row - b.row);
  return chunks.map((c) => c.text).join('');
}

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function area(b: Box): number {
  return (b.bottom - b.top + 1) * (b.right - b.left + 1);
}

/**
 * The bounding box of the cells, leaving out far outliers until it holds at
 * most `max` cells: the row or column furthest from its neighbour (the biggest
 * gap) goes first, with its cells, and the box is taken again. Linear in the
 * number of cells.
 */
export function usedBox(rows: number[], cols: number[], max: number): Box | null {
  if (rows.length === 0) return null;
  const byRow = new Map<number, number[]>();
  const byCol = new Map<number, number[]>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const c = cols[i];
    let lr = byRow.get(r);
    if (!lr) byRow.set(r, (lr = []));
    lr.push(c);
    let lc = byCol.get(c);
    if (!lc) byCol.set(c, (lc = []));
    lc.push(r);
  }
  const distinctRows = [...byRow.keys()].sort((a, b) => a - b);
  const distinctCols = [...byCol.keys()].sort((a, b) => a - b);
  const rowCount = new Map<number, number>([...byRow].map(([r, l]) => [r, l.length]));
  const colCount = new Map<number, number>([...byCol].map(([c, l]) => [c, l.length]));
  const droppedRows = new Set<number>();
  const droppedCols = new Set<number>();
  let r0 = 0;
  let r1 = distinctRows.length - 1;
  let c0 = 0;
  let c1 = distinctCols.length - 1;
  const settle = (): void => {
    while (r0 <= r1 && !rowCount.get(distinctRows[r0])) r0++;
    while (r1 >= r0 && !rowCount.get(distinctRows[r1])) r1--;
    while (c0 <= c1 && !colCount.get(distinctCols[c0])) c0++;
    while (c1 >= c0 && !colCount.get(distinctCols[c1])) c1--;
  };
  const box = (): Box => ({ top: distinctRows[r0], bottom: distinctRows[r1], left: distinctCols[c0], right: distinctCols[c1] });
  const dropRow = (r: number): void => {
    droppedRows.add(r);
    for (const c of byRow.get(r)!) if (!droppedCols.has(c)) colCount.set(c, colCount.get(c)! - 1);
    rowCount.set(r, 0);
  };
  const dropCol = (c: number): void => {
    droppedCols.add(c);
    for (const r of byCol.get(c)!) if (!droppedRows.has(r)) rowCount.set(r, rowCount.get(r)! - 1);
    colCount.set(c, 0);
  };
  settle();
  while (r0 <= r1 && c0 <= c1 && area(box()) > max) {
    // The next live row or column in from each side, to measure the gap.
    const nextRow = (from: number, step: number): number => {
      let i = from + step;
      while (i >= r0 && i <= r1 && !rowCount.get(distinctRows[i])) i += step;
      return i;
    };
    const nextCol = (from: number, step: number): number => {
      let i = from + step;
      while (i >= c0 && i <= c1 && !colCount.get(distinctCols[i])) i += step;
      return i;
    };
    const rb = nextRow(r1, -1);
    const rt = nextRow(r0, 1);
    const cr = nextCol(c1, -1);
    const cl = nextCol(c0, 1);
    const gaps = [
      { side: 0, gap: rb >= r0 ? distinctRows[r1] - distinctRows[rb] : -1 },
      { side: 1, gap: cr >= c0 ? distinctCols[c1] - distinctCols[cr] : -1 },
      { side: 2, gap: rt <= r1 ? distinctRows[rt] - distinctRows[r0] : -1 },
      { side: 3, gap: cl <= c1 ? distinctCols[cl] - distinctCols[c0] : -1 },
    ].sort((a, b) => b.gap - a.gap);
    const pick = gaps[0];
    if (pick.gap < 0) break;
    if (pick.side === 0) dropRow(distinctRows[r1]);
    else if (pick.side === 1) dropCol(distinctCols[c1]);
    else if (pick.side === 2) dropRow(distinctRows[r0]);
    else dropCol(distinctCols[c0]);
    settle();
  }
  return box();
}

function toSnapshot(
  info: SheetInfo,
  position: number,
  read: SheetRead,
  numberFormat: (s: number) => string,
  warnings: string[],
): SheetSnapshot {
  const box = usedBox(read.rows, read.cols, MAX_SNAPSHOT_CELLS);
  const snapshot: SheetSnapshot = {
    name: info.name,
    position,
    visibility: info.visibility,
    origin: { row: box ? box.top : 0, col: box ? box.left : 0 },
    values: [],
    numberFormats: [],
    merges: read.merges,
    hiddenRows: [],
    hiddenColumns: [],
    tables: [],
    protected: read.protected,
  };
  if (!box) {
    if (read.uncached.length) snapshot.uncachedFormulas = read.uncached;
    return snapshot;
  }
  const height = box.bottom - box.top + 1;
  const width = box.right - box.left + 1;
  const values: CellValue[][] = [];
  for (let i = 0; i < height; i++) values.push(new Array<CellValue>(width).fill(null));
  let dropped = 0;
  let firstDropped = '';
  for (let k = 0; k < read.values.length; k++) {
    const r = read.rows[k];
    const c = read.cols[k];
    if (r < box.top || r > box.bottom || c < box.left || c > box.right) {
      if (dropped++ === 0) firstDropped = cellName(r, c);
      continue;
    }
    values[r - box.top][c - box.left] = read.values[k];
  }
  if (dropped) {
    warnings.push(
      `Sheet "${info.name}": ${dropped} cell${dropped === 1 ? '' : 's'} far from the rest (such as ${firstDropped}) ${dropped === 1 ? 'was' : 'were'} left out: the used range would be too large.`,
    );
  }
  // Number formats: the cell's own format, else its row's, else its column's.
  const colStyle: (number | null)[] = new Array(width).fill(null);
  for (const d of read.colDefs) {
    if (d.style === null) continue;
    for (let c = Math.max(d.min, box.left); c <= Math.min(d.max, box.right); c++) colStyle[c - box.left] = d.style;
  }
  const fmtCache = new Map<number, string>();
  const fmt = (s: number): string => {
    let f = fmtCache.get(s);
    if (f === undefined) {
      f = numberFormat(s);
      fmtCache.set(s, f);
    }
    return f;
  };
  const numberFormats: string[][] = [];
  for (let i = 0; i < height; i++) {
    const row = box.top + i;
    const rowStyle = read.rowStyles.get(row);
    const line: string[] = new Array(width);
    const base = row * MAX_COLS;
    for (let j = 0; j < width; j++) {
      const s = read.cellStyles.get(base + box.left + j) ?? rowStyle ?? colStyle[j] ?? 0;
      line[j] = fmt(s);
    }
    numberFormats.push(line);
  }
  snapshot.values = values;
  snapshot.numberFormats = numberFormats;
  snapshot.hiddenRows = read.hiddenRows.filter((r) => r >= box.top && r <= box.bottom);
  const hiddenCols = new Set<number>();
  for (const d of read.colDefs) {
    if (!d.hidden) continue;
    for (let c = Math.max(d.min, box.left); c <= Math.min(d.max, box.right); c++) hiddenCols.add(c);
  }
  snapshot.hiddenColumns = [...hiddenCols].sort((a, b) => a - b);
  if (read.uncached.length) snapshot.uncachedFormulas = read.uncached;
  return snapshot;
}

export interface TablePart {
  path: string;
  /** The id attribute (unique in the workbook). */
  id: number;
  name: string;
  displayName: string;
  range: RangeRef;
  headerRowCount: number;
  totalsRowCount: number;
  columnNames: string[];
}

export function parseTablePart(xml: string, path: string): TablePart | null {
  const sc = new XmlScanner(xml);
  let t = sc.next();
  while (t !== Tok.Start && t !== Tok.Eof) t = sc.next();
  if (t !== Tok.Start || sc.local !== 'table') return null;
  const a = sc.attrs();
  const range = parseRange(a.ref ?? '');
  if (!range) return null;
  const columnNames: string[] = [];
  if (!sc.selfClosing) {
    for (t = sc.next(); t !== Tok.Eof; t = sc.next()) {
      if (t === Tok.Start && (sc.local as string) === 'tableColumn') columnNames.push(decodeXstring(sc.attr('name') ?? ''));
    }
  }
  const int = (v: string | undefined, d: number): number => (v !== undefined && /^\d+$/.test(v) ? Number(v) : d);
  return {
    path,
    id: int(a.id, 0),
    name: a.name ?? a.displayName ?? '',
    displayName: a.displayName ?? a.name ?? '',
    range,
    headerRowCount: int(a.headerRowCount, 1),
    totalsRowCount: int(a.totalsRowCount, 0),
    columnNames,
  };
}

/** The table parts of a sheet, in <tableParts> order. */
export function sheetTables(pkg: XlsxPackage, sheetPath: string, relIds: string[]): TablePart[] {
  const rels = pkg.relsOf(sheetPath);
  const out: TablePart[] = [];
  for (const id of relIds) {
    const rel = rels.find((r) => r.id === id);
    if (!rel || rel.external || relKind(rel.type) !== 'table' || !pkg.has(rel.path)) continue;
    const path = pkg.entry(rel.path)!.name;
    const table = pkg.parsePart(path, () => parseTablePart(pkg.text(path), path));
    if (table) out.push(table);
  }
  return out;
}

function readTables(pkg: XlsxPackage, info: SheetInfo, read: SheetRead, warnings: string[]): TableInfo[] {
  if (!info.path || read.tableRelIds.length === 0) return [];
  try {
    return sheetTables(pkg, info.path, read.tableRelIds).map((t) => ({
      name: t.displayName,
      range: t.range,
      headerRowCount: t.headerRowCount,
      totalsRowCount: t.totalsRowCount,
      columnNames: t.columnNames,
    }));
  } catch (e) {
    if (e instanceof XlsxError && e.code === 'corrupt') {
      warnings.push(`Sheet "${info.name}": a table could not be read (${e.message}).`);
      return [];
    }
    throw e;
  }
}
