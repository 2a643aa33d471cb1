/**
 * Reading a WorkbookSnapshot through the Excel JavaScript API.
 *
 * Two round trips, whatever the size of the workbook:
 *   1. discovery: the sheets (name, position, visibility, protection), the
 *      tables (name, sheet, header and totals rows) and workbook protection.
 *      Office.js cannot address a sheet's used range before it knows the sheet,
 *      so this one is the physical minimum.
 *   2. data: every sheet's used range (values and number formats), merged areas
 *      and visible cells when the host has them, every table's range and column
 *      names, and the add-in's settings sheet.
 * Only when Excel on the web refuses the data response as too large (5 MB) is
 * it read again in row blocks sized by bytes, not one request per sheet or table.
 */
import type { CellValue, RangeRef, SheetSnapshot, SheetVisibility, TableInfo, WorkbookSnapshot } from '../../core/types';
import { SETTINGS_MARKER, SETTINGS_SHEET_NAME } from '../../core/types';
import { LAST_COL, LAST_ROW, parseAddress, parseAreas, rangeA1 } from './a1';
import { fromSyncError, isPayloadError } from './errors';
import type { Capabilities, DegradedFeature } from './features';
import { DEFAULT_BUDGET_BYTES, MAX_CELLS_PER_READ, packBySize } from './payload';

export interface SettingsSheetFacts {
  visibility: SheetVisibility;
  protected: boolean;
  /** Rows of column A in use (marker and chunks). */
  rows: number;
  /** A1 held the marker, so the sheet is the add-in's. */
  markerFound: boolean;
}

/** What the Office shell learnt besides the snapshot, for the checks before writing. */
export interface OfficeFacts {
  workbookProtected: boolean;
  /** The add-in's settings sheet, or null when the workbook has none. */
  settingsSheet: SettingsSheetFacts | null;
  /** Every sheet name, the settings sheet included. */
  sheetNames: string[];
  /** Every table name in the workbook. */
  tableNames: string[];
  capabilities: Capabilities;
  /** Optional features the host lacked while reading (merges, hidden rows). */
  degraded: DegradedFeature[];
  /** Round trips the read took. */
  syncs: number;
}

export interface OfficeRead {
  snapshot: WorkbookSnapshot;
  facts: OfficeFacts;
}

export interface ReadOptions {
  capabilities: Capabilities;
  /** Largest request or response the shell allows itself (Excel on the web refuses more than 5 MB). */
  budgetBytes?: number;
  /** First guess of the bytes a cell takes in a response, for the row blocks of a split read. */
  bytesPerCell?: number;
  fileName?: string;
}

interface SheetHandles {
  name: string;
  position: number;
  visibility: SheetVisibility;
  protected: boolean;
  sheet: Excel.Worksheet;
  used: Excel.Range;
  merges: Excel.RangeAreas | null;
  visible: Excel.RangeAreas | null;
}

interface TableHandles {
  name: string;
  sheet: string;
  showHeaders: boolean;
  showTotals: boolean;
  range: Excel.Range;
  columns: Excel.TableColumnCollection;
}

interface SheetData {
  origin: { row: number; col: number };
  values: CellValue[][];
  numberFormats: string[][];
}

export async function readWorkbook(context: Excel.RequestContext, options: ReadOptions): Promise<OfficeRead> {
  const caps = options.capabilities;
  const budget = options.budgetBytes ?? DEFAULT_BUDGET_BYTES;
  let syncs = 0;

  // ---- 1. discovery
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name,items/position,items/visibility,items/protection/protected');
  const tables = context.workbook.tables;
  tables.load('items/name,items/showHeaders,items/showTotals,items/worksheet/name');
  const workbookProtection = context.workbook.protection;
  workbookProtection.load('protected');
  syncs++;
  await syncRead(context, false);

  // ---- 2. data
  const sheetHandles: SheetHandles[] = worksheets.items.map((ws) => {
    const used = ws.getUsedRangeOrNullObject(true);
    used.load('address');
    const whole = ws.getRange();
    let merges: Excel.RangeAreas | null = null;
    if (caps.merges) {
      merges = whole.getMergedAreasOrNullObject();
      merges.load('address');
    }
    let visible: Excel.RangeAreas | null = null;
    if (caps.hiddenRowsColumns) {
      visible = whole.getSpecialCellsOrNullObject('Visible');
      visible.load('address');
    }
    return {
      name: ws.name,
      position: ws.position,
      visibility: toVisibility(ws.visibility),
      protected: ws.protection.protected,
      sheet: ws,
      used,
      merges,
      visible,
    };
  });
  const tableHandles: TableHandles[] = tables.items.map((t) => {
    const table = tables.getItem(t.name);
    const range = table.getRange();
    range.load('address');
    const columns = table.columns.load('items/name');
    return { name: t.name, sheet: t.worksheet.name, showHeaders: t.showHeaders, showTotals: t.showTotals, range, columns };
  });
  for (const h of sheetHandles) h.used.load('values,numberFormat');

  let data: Map<string, SheetData | null>;
  try {
    syncs++;
    await syncRead(context, true);
    data = new Map(sheetHandles.map((h) => [h.name, h.used.isNullObject ? null : sheetDataFrom(h.used)]));
  } catch (error) {
    if (!isPayloadError(error)) throw error;
    // The data did not fit in one response: read the shapes, then the cells in row blocks.
    const retry = await readInBlocks(context, sheetHandles, tableHandles, caps, budget, options.bytesPerCell ?? 24);
    syncs += retry.syncs;
    data = retry.data;
  }

  // ---- assemble
  const tablesBySheet = new Map<string, TableInfo[]>();
  for (const t of tableHandles) {
    const range = parseAddress(t.range.address).range;
    const info: TableInfo = {
      name: t.name,
      range,
      headerRowCount: t.showHeaders ? 1 : 0,
      totalsRowCount: t.showTotals ? 1 : 0,
      columnNames: t.columns.items.map((c) => c.name),
    };
    const list = tablesBySheet.get(t.sheet) ?? [];
    list.push(info);
    tablesBySheet.set(t.sheet, list);
  }

  let settingsSheet: SettingsSheetFacts | null = null;
  let savedDocument: string | null = null;
  const sheets: SheetSnapshot[] = [];
  for (const h of [...sheetHandles].sort((a, b) => a.position - b.position)) {
    const d = data.get(h.name) ?? null;
    if (h.name === SETTINGS_SHEET_NAME) {
      const settings = readSettings(d);
      settingsSheet = { visibility: h.visibility, protected: h.protected, rows: settings.rows, markerFound: settings.markerFound };
      savedDocument = settings.document;
      continue;
    }
    const values = d?.values ?? [];
    const origin = d?.origin ?? { row: 0, col: 0 };
    const usedRange: RangeRef | null =
      values.length > 0
        ? { top: origin.row, left: origin.col, bottom: origin.row + values.length - 1, right: origin.col + values[0].length - 1 }
        : null;
    let hidden: { rows: number[]; columns: number[] } = { rows: [], columns: [] };
    if (caps.hiddenRowsColumns && h.visible) hidden = hiddenLines(h.visible.isNullObject ? '' : h.visible.address, usedRange);
    let merges: RangeRef[] = [];
    if (caps.merges && h.merges) merges = h.merges.isNullObject ? [] : parseAreas(h.merges.address);
    sheets.push({
      name: h.name,
      position: h.position,
      visibility: h.visibility,
      origin,
      values,
      numberFormats: d?.numberFormats ?? [],
      merges,
      hiddenRows: hidden.rows,
      hiddenColumns: hidden.columns,
      tables: (tablesBySheet.get(h.name) ?? []).sort((a, b) => a.range.top - b.range.top || a.range.left - b.range.left),
      protected: h.protected,
    });
  }

  const degraded: DegradedFeature[] = [];
  if (!caps.merges) degraded.push('merges');
  if (!caps.hiddenRowsColumns) degraded.push('hiddenRowsColumns');

  return {
    snapshot: {
      sheets,
      savedDocument,
      source: { host: 'excel', ...(options.fileName ? { fileName: options.fileName } : {}) },
    },
    facts: {
      workbookProtected: workbookProtection.protected,
      settingsSheet,
      sheetNames: sheetHandles.map((h) => h.name),
      tableNames: tableHandles.map((t) => t.name),
      capabilities: caps,
      degraded,
      syncs,
    },
  };
}

function toVisibility(v: Excel.SheetVisibility | 'Visible' | 'Hidden' | 'VeryHidden'): SheetVisibility {
  if (v === 'Hidden') return 'hidden';
  if (v === 'VeryHidden') return 'veryHidden';
  return 'visible';
}

/** Excel gives "" for an empty cell; the contract says null. */
function toCellValue(v: unknown): CellValue {
  if (v === '' || v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

function sheetDataFrom(range: Excel.Range): SheetData {
  const { range: r } = parseAddress(range.address);
  return {
    origin: { row: r.top, col: r.left },
    values: (range.values as unknown[][]).map((row) => row.map(toCellValue)),
    numberFormats: (range.numberFormat as unknown[][]).map((row) => row.map((f) => (typeof f === 'string' && f !== '' ? f : 'General'))),
  };
}

function readSettings(d: SheetData | null): { rows: number; markerFound: boolean; document: string | null } {
  if (!d || d.values.length === 0) return { rows: 0, markerFound: false, document: null };
  const colA = d.origin.col === 0 ? d.values.map((row) => row[0]) : [];
  const rows = d.origin.row + d.values.length;
  // Column A from row 1: the used range may start lower when A1 is empty.
  const cells: CellValue[] = [...Array<CellValue>(d.origin.row).fill(null), ...colA];
  const markerFound = cells[0] === SETTINGS_MARKER;
  if (!markerFound) return { rows, markerFound, document: null };
  let document = '';
  for (let i = 1; i < cells.length; i++) {
    const v = cells[i];
    if (v === null) break;
    document += String(v);
  }
  return { rows, markerFound, document: document === '' ? null : document };
}

/** Rows and columns of the used range that no visible area covers. */
function hiddenLines(visibleAddress: string, used: RangeRef | null): { rows: number[]; columns: number[] } {
  if (!used) return { rows: [], columns: [] };
  const areas = visibleAddress === '' ? [] : parseAreas(visibleAddress);
  const rows: number[] = [];
  const columns: number[] = [];
  const rowSpans = areas.map((a) => [a.top, Math.min(a.bottom, LAST_ROW)]);
  const colSpans = areas.map((a) => [a.left, Math.min(a.right, LAST_COL)]);
  for (let r = used.top; r <= used.bottom; r++) if (!rowSpans.some(([t, b]) => r >= t && r <= b)) rows.push(r);
  for (let c = used.left; c <= used.right; c++) if (!colSpans.some(([l, rt]) => c >= l && c <= rt)) columns.push(c);
  return { rows, columns };
}

/**
 * The split read: the data request was refused as too large. Read the used
 * ranges' addresses (and the small things) once, then the cells in row blocks
 * sized by an estimate of bytes per cell; a refused block doubles the estimate.
 */
async function readInBlocks(
  context: Excel.RequestContext,
  sheets: SheetHandles[],
  tables: TableHandles[],
  caps: Capabilities,
  budget: number,
  firstBytesPerCell: number,
): Promise<{ data: Map<string, SheetData | null>; syncs: number }> {
  let syncs = 0;
  // Fresh proxies: the refused batch's loads are gone.
  for (const h of sheets) {
    h.used = h.sheet.getUsedRangeOrNullObject(true);
    h.used.load('address');
    const whole = h.sheet.getRange();
    if (caps.merges) {
      h.merges = whole.getMergedAreasOrNullObject();
      h.merges.load('address');
    }
    if (caps.hiddenRowsColumns) {
      h.visible = whole.getSpecialCellsOrNullObject('Visible');
      h.visible.load('address');
    }
  }
  for (const t of tables) {
    const table = context.workbook.tables.getItem(t.name);
    t.range = table.getRange();
    t.range.load('address');
    t.columns = table.columns.load('items/name');
  }
  syncs++;
  await syncRead(context, false);

  const shapes = sheets.map((h) => ({ h, range: h.used.isNullObject ? null : parseAddress(h.used.address).range }));
  const data = new Map<string, SheetData | null>();
  for (const s of shapes) {
    if (!s.range) {
      data.set(s.h.name, null);
      continue;
    }
    const rows = s.range.bottom - s.range.top + 1;
    data.set(s.h.name, {
      origin: { row: s.range.top, col: s.range.left },
      values: new Array<CellValue[]>(rows),
      numberFormats: new Array<string[]>(rows),
    });
  }

  let bytesPerCell = firstBytesPerCell;
  let pendingFrom = new Map(shapes.filter((s) => s.range).map((s) => [s.h.name, 0]));
  for (let attempt = 0; attempt < 6 && pendingFrom.size > 0; attempt++) {
    const blocks: { name: string; sheet: Excel.Worksheet; block: RangeRef; bytes: number }[] = [];
    for (const s of shapes) {
      const from = pendingFrom.get(s.h.name);
      if (from === undefined || !s.range) continue;
      const cols = s.range.right - s.range.left + 1;
      const rowsPerBlock = Math.max(1, Math.min(Math.floor(budget / (cols * bytesPerCell)), Math.floor(MAX_CELLS_PER_READ / cols)));
      for (let top = s.range.top + from; top <= s.range.bottom; top += rowsPerBlock) {
        const bottom = Math.min(s.range.bottom, top + rowsPerBlock - 1);
        blocks.push({
          name: s.h.name,
          sheet: s.h.sheet,
          block: { top, bottom, left: s.range.left, right: s.range.right },
          bytes: (bottom - top + 1) * cols * bytesPerCell,
        });
      }
    }
    const groups = packBySize(blocks, (b) => b.bytes, budget);
    const next = new Map<string, number>();
    let refused = false;
    // One round trip per group of blocks: each must finish before the next is queued,
    // because a refused group changes the size of every later block. (A sync in a loop
    // on purpose: only here, after Excel refused the one-request read as too large.)
    for (const group of groups) {
      if (refused) break;
      const ranges = group.map((b) => {
        const r = b.sheet.getRange(rangeA1(b.block));
        r.load('values,numberFormat');
        return { b, r };
      });
      syncs++;
      try {
        await syncRead(context, true);
      } catch (error) {
        if (!isPayloadError(error)) throw error;
        refused = true;
        break;
      }
      for (const { b, r } of ranges) {
        const d = data.get(b.name);
        if (!d) continue;
        const values = r.values as unknown[][];
        const formats = r.numberFormat as unknown[][];
        for (let i = 0; i < values.length; i++) {
          d.values[b.block.top - d.origin.row + i] = values[i].map(toCellValue);
          d.numberFormats[b.block.top - d.origin.row + i] = formats[i].map((f) => (typeof f === 'string' && f !== '' ? f : 'General'));
        }
      }
    }
    if (refused) {
      // The refused group and every group after it: read again from each sheet's first missing row, in smaller blocks.
      for (const s of shapes) {
        const d = data.get(s.h.name);
        if (!s.range || !d) continue;
        let firstMissing = -1;
        for (let i = 0; i < d.values.length; i++) {
          if (d.values[i] === undefined) {
            firstMissing = i;
            break;
          }
        }
        if (firstMissing >= 0) next.set(s.h.name, firstMissing);
      }
      bytesPerCell *= 2;
    }
    pendingFrom = next;
  }
  if (pendingFrom.size > 0) throw fromSyncError({ code: 'ResponsePayloadSizeLimitExceeded', message: 'too large' }, 'read', false);
  return { data, syncs };
}

/** context.sync() for a read; a payload refusal is passed through raw when the caller will split and retry. */
async function syncRead(context: Excel.RequestContext, passPayloadErrors: boolean): Promise<void> {
  try {
    await context.sync();
  } catch (error) {
    if (passPayloadErrors && isPayloadError(error)) throw error;
    throw fromSyncError(error, 'read', false);
  }
}
