/**
 * Reading a WorkbookSnapshot through the Excel JavaScript API.
 *
 * With a read hint (hint.ts: what the last refresh left in the workbook,
 * kept in the add-in's document settings), ONE round trip: in a single batch,
 *   - the discovery: every sheet (name, position, visibility, protection),
 *     every table (name, sheet, header and totals rows), workbook protection
 *     and the workbook's defined names;
 *   - the data of the hinted sheets, addressed by position: the first sheet
 *     (worksheets.getFirst(), ExcelApi 1.5) and each one after it
 *     (Worksheet.getNext(), 1.5) — a proxy got from a method is usable in the
 *     same batch, as in worksheets.getItem(name).getRange(); both methods throw
 *     when there is no such sheet — with each sheet's name, used range (values
 *     and number formats), merged areas and visible cells;
 *   - the hinted tables by position (TableCollection.getItemAt, 1.1): name,
 *     range and column names.
 * After the sync, the discovery is compared with what was read: a sheet or
 * table the hint did not know (added since) is read in one more round trip; a
 * hinted sheet or table that is gone makes getNext/getItemAt throw, the batch
 * fails (it only reads) and the read starts over the two-step way. Renamed or
 * moved sheets and tables need nothing more: each is read by position with its
 * name.
 *
 * Without a hint (the first refresh of a workbook, a host without document
 * settings), two round trips:
 *   1. the discovery. Office.js cannot ask for a sheet's used range before it
 *      has the sheet, and walking getNext() past the last sheet is not
 *      something the documentation allows without knowing the count;
 *   2. every sheet's used range, merged areas and visible cells, every table's
 *      range and columns, by name.
 *
 * Splitting, by size and never by table: where the payload budget applies
 * (Excel on the web), a hinted sheet whose remembered size would take the
 * batch over the budget, or over 5,000,000 cells, is read in row blocks packed
 * by bytes after the batch (which learns its real used range). Without sizes
 * (no hint), a data response Excel refuses as too large is read again in row
 * blocks; a block refused as well doubles the estimate of bytes per cell.
 */
import type { CellValue, RangeRef, SheetSnapshot, SheetVisibility, TableInfo, WorkbookSnapshot } from '../../core/types';
import { SETTINGS_MARKER, SETTINGS_SHEET_NAME } from '../../core/types';
import { LAST_COL, LAST_ROW, parseAddress, parseAreas, rangeA1 } from './a1';
import { fromSyncError, isPayloadError, officeErrorCode } from './errors';
import type { Capabilities, DegradedFeature } from './features';
import { estimateBytes, type ReadHint } from './hint';
import { DEFAULT_BUDGET_BYTES, MAX_CELLS_PER_READ, packBySize } from './payload';

export interface SettingsSheetFacts {
  /** The sheet's name as the workbook spells it (matched without regard to case, as the file shell does). */
  name: string;
  visibility: SheetVisibility;
  protected: boolean;
  /** Rows of column A in use (marker and chunks). */
  rows: number;
  /** A1 held the marker, so the sheet is the add-in's. */
  markerFound: boolean;
}

/** A sheet's used range as read, for the next read's hint. */
export interface SheetSize {
  name: string;
  rect: RangeRef | null;
  rows: number;
  cols: number;
  /** Estimated bytes of its values and number formats in a response. */
  bytes: number;
}

/** How the read went: with the hint in one round trip, with one more for what it missed, or in two steps. */
export type ReadPath = 'hinted' | 'hinted+missing' | 'two-step' | 'stale-hint';

/** What the Office shell learnt besides the snapshot, for the checks before writing. */
export interface OfficeFacts {
  workbookProtected: boolean;
  /** The add-in's settings sheet, or null when the workbook has none. */
  settingsSheet: SettingsSheetFacts | null;
  /** Every sheet name, the settings sheet included, in workbook order. */
  sheetNames: string[];
  /** Every table name in the workbook. */
  tableNames: string[];
  /** The workbook-scoped defined names (a table cannot take one of these names). */
  definedNames: string[];
  /** Every sheet's used range, in workbook order, the settings sheet included. */
  sheetSizes: SheetSize[];
  capabilities: Capabilities;
  /** Optional features the host lacked while reading (merges, hidden rows). */
  degraded: DegradedFeature[];
  /** Round trips the read took (refused ones included). */
  syncs: number;
  readPath: ReadPath;
  /** The payload budget the read kept to; the write keeps to it too. */
  budgetBytes: number;
}

export interface OfficeRead {
  snapshot: WorkbookSnapshot;
  facts: OfficeFacts;
}

export interface ReadOptions {
  capabilities: Capabilities;
  /** Largest request or response the shell allows itself (Excel on the web refuses more than 5 MB). */
  budgetBytes?: number;
  /** First guess of the bytes a cell takes in a response, for the row blocks of a split read without sizes. */
  bytesPerCell?: number;
  fileName?: string;
  /** What the last refresh left (hint.ts): with it the read takes one round trip. */
  hint?: ReadHint | null;
}

interface SheetData {
  origin: { row: number; col: number };
  values: CellValue[][];
  numberFormats: string[][];
}

interface Discovered {
  sheets: { name: string; position: number; visibility: SheetVisibility; protected: boolean; proxy: Excel.Worksheet }[];
  tables: { name: string; sheet: string; showHeaders: boolean; showTotals: boolean }[];
  workbookProtected: boolean;
  definedNames: string[];
}

/** What was read of one sheet's cells. `data` is undefined while its cells are still to be read in blocks. */
interface SheetRead {
  range: RangeRef | null;
  data: SheetData | null | undefined;
  merges: RangeRef[];
  visibleAddress: string | null;
}

interface TableRead {
  range: RangeRef;
  columns: string[];
}

interface SheetQuery {
  used: Excel.Range;
  merges: Excel.RangeAreas | null;
  visible: Excel.RangeAreas | null;
  withValues: boolean;
}

interface TableQuery {
  range: Excel.Range;
  columns: Excel.TableColumnCollection;
}

/** Room in a response for what is not cells: names, addresses, columns. */
const OVERHEAD_PER_ITEM = 512;
const DEFAULT_BYTES_PER_CELL = 24;

export async function readWorkbook(context: Excel.RequestContext, options: ReadOptions): Promise<OfficeRead> {
  const caps = options.capabilities;
  const budget = options.budgetBytes ?? DEFAULT_BUDGET_BYTES;
  let syncs = 0;
  let path: ReadPath = 'two-step';
  let result: { discovered: Discovered; sheets: Map<string, SheetRead>; tables: Map<string, TableRead> } | null = null;

  const hint = options.hint ?? null;
  if (hint && hint.sheets.length > 0) {
    const hinted = await readHinted(context, hint, caps, budget);
    syncs += hinted.syncs;
    if (hinted.result) {
      result = hinted.result;
      path = hinted.missing ? 'hinted+missing' : 'hinted';
    } else {
      path = 'stale-hint';
    }
  }
  if (!result) {
    const twoStep = await readTwoStep(context, caps, budget, options.bytesPerCell ?? DEFAULT_BYTES_PER_CELL);
    syncs += twoStep.syncs;
    result = twoStep.result;
  }
  return assemble(result.discovered, result.sheets, result.tables, caps, options.fileName, syncs, path, budget);
}

// ------------------------------------------------------------------ queueing

function queueDiscovery(context: Excel.RequestContext) {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name,items/position,items/visibility,items/protection/protected');
  const tables = context.workbook.tables;
  tables.load('items/name,items/showHeaders,items/showTotals,items/worksheet/name');
  const protection = context.workbook.protection;
  protection.load('protected');
  const names = context.workbook.names;
  names.load('items/name');
  return { worksheets, tables, protection, names };
}

function discoveredFrom(h: ReturnType<typeof queueDiscovery>): Discovered {
  return {
    sheets: h.worksheets.items.map((ws) => ({
      name: ws.name,
      position: ws.position,
      visibility: toVisibility(ws.visibility),
      protected: ws.protection.protected,
      proxy: ws,
    })),
    tables: h.tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name, showHeaders: t.showHeaders, showTotals: t.showTotals })),
    workbookProtected: h.protection.protected,
    definedNames: h.names.items.map((n) => n.name),
  };
}

function queueSheet(ws: Excel.Worksheet, caps: Capabilities, withValues: boolean): SheetQuery {
  const used = ws.getUsedRangeOrNullObject(true);
  if (withValues) used.load('address,values,numberFormat');
  else used.load('address');
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
  return { used, merges, visible, withValues };
}

function sheetReadFrom(q: SheetQuery, caps: Capabilities): SheetRead {
  const range = q.used.isNullObject ? null : parseAddress(q.used.address).range;
  let data: SheetData | null | undefined = null;
  if (range) data = q.withValues ? sheetDataFrom(q.used) : undefined;
  let merges: RangeRef[] = [];
  if (caps.merges && q.merges && !q.merges.isNullObject) merges = parseAreas(q.merges.address);
  let visibleAddress: string | null = null;
  if (caps.hiddenRowsColumns && q.visible) visibleAddress = q.visible.isNullObject ? '' : q.visible.address;
  return { range, data, merges, visibleAddress };
}

function queueTable(table: Excel.Table): TableQuery {
  const range = table.getRange();
  range.load('address');
  const columns = table.columns.load('items/name');
  return { range, columns };
}

function tableReadFrom(q: TableQuery): TableRead {
  return { range: parseAddress(q.range.address).range, columns: q.columns.items.map((c) => c.name) };
}

// ------------------------------------------------------------------ one round trip, with the hint

/** Errors after which reading again cannot help: the user is editing a cell, Excel is unavailable. */
function isFinal(error: unknown): boolean {
  const code = officeErrorCode(error);
  if (code === null) return true;
  return code === 'InvalidOperationInCellEditMode' || code === 'RequestAborted' || code === 'ServiceNotAvailable' || code === 'Unauthenticated';
}

async function readHinted(
  context: Excel.RequestContext,
  hint: ReadHint,
  caps: Capabilities,
  budget: number,
): Promise<{ result: { discovered: Discovered; sheets: Map<string, SheetRead>; tables: Map<string, TableRead> } | null; missing: boolean; syncs: number }> {
  let syncs = 0;
  const discovery = queueDiscovery(context);
  let used = OVERHEAD_PER_ITEM * (hint.sheets.length + hint.tables.length + 4);
  const chain: { ws: Excel.Worksheet; q: SheetQuery; bytesPerCell: number }[] = [];
  let ws = context.workbook.worksheets.getFirst();
  hint.sheets.forEach((est, i) => {
    if (i > 0) ws = ws.getNext();
    ws.load('name');
    const cells = est.r * est.c;
    // Within the budget and Excel's cells per read: in this batch; otherwise in row blocks after it.
    const fits = cells <= MAX_CELLS_PER_READ && used + est.b <= budget;
    if (fits) used += est.b;
    chain.push({ ws, q: queueSheet(ws, caps, fits), bytesPerCell: cells > 0 && est.b > 0 ? est.b / cells : DEFAULT_BYTES_PER_CELL });
  });
  const hintedTables = hint.tables.map((_, i) => {
    const t = context.workbook.tables.getItemAt(i);
    t.load('name');
    return { t, q: queueTable(t) };
  });
  try {
    syncs++;
    await context.sync();
  } catch (error) {
    if (isFinal(error)) throw fromSyncError(error, 'read', false);
    // A hinted sheet or table is gone, or the remembered sizes were wrong: read the two-step way.
    return { result: null, missing: false, syncs };
  }

  const discovered = discoveredFrom(discovery);
  const sheets = new Map<string, SheetRead>();
  const blocks: BlockTarget[] = [];
  for (const c of chain) {
    const read = sheetReadFrom(c.q, caps);
    sheets.set(c.ws.name, read);
    if (read.range && read.data === undefined) blocks.push({ name: c.ws.name, sheet: c.ws, range: read.range, bytesPerCell: c.bytesPerCell });
  }
  const tables = new Map<string, TableRead>();
  for (const h of hintedTables) tables.set(h.t.name, tableReadFrom(h.q));

  // What the hint did not know: sheets after the hinted ones, tables beyond the hinted count.
  const missingSheets = discovered.sheets.filter((s) => !sheets.has(s.name));
  const missingTables = discovered.tables.filter((t) => !tables.has(t.name));
  if (missingSheets.length > 0 || missingTables.length > 0) {
    const more = await readData(
      context,
      missingSheets.map((s) => ({ name: s.name, ws: s.proxy })),
      missingTables.map((t) => t.name),
      caps,
      budget,
      DEFAULT_BYTES_PER_CELL,
    );
    syncs += more.syncs;
    for (const [k, v] of more.sheets) sheets.set(k, v);
    for (const [k, v] of more.tables) tables.set(k, v);
  }
  syncs += await readBlocksInto(context, blocks, budget, sheets);
  return { result: { discovered, sheets, tables }, missing: missingSheets.length > 0 || missingTables.length > 0, syncs };
}

// ------------------------------------------------------------------ two round trips, without a hint

async function readTwoStep(
  context: Excel.RequestContext,
  caps: Capabilities,
  budget: number,
  firstBytesPerCell: number,
): Promise<{ result: { discovered: Discovered; sheets: Map<string, SheetRead>; tables: Map<string, TableRead> }; syncs: number }> {
  const discovery = queueDiscovery(context);
  await syncRead(context, false);
  const discovered = discoveredFrom(discovery);
  const data = await readData(
    context,
    discovered.sheets.map((s) => ({ name: s.name, ws: s.proxy })),
    discovered.tables.map((t) => t.name),
    caps,
    budget,
    firstBytesPerCell,
  );
  return { result: { discovered, sheets: data.sheets, tables: data.tables }, syncs: 1 + data.syncs };
}

/**
 * Every listed sheet's cells and table's range and columns, in one round trip;
 * when Excel refuses the response as too large, the shapes and then the cells
 * in row blocks.
 */
async function readData(
  context: Excel.RequestContext,
  sheetList: { name: string; ws: Excel.Worksheet }[],
  tableNames: string[],
  caps: Capabilities,
  budget: number,
  firstBytesPerCell: number,
): Promise<{ sheets: Map<string, SheetRead>; tables: Map<string, TableRead>; syncs: number }> {
  let syncs = 0;
  const queueAll = (withValues: boolean) => ({
    sheets: sheetList.map((s) => ({ s, q: queueSheet(s.ws, caps, withValues) })),
    tables: tableNames.map((name) => ({ name, q: queueTable(context.workbook.tables.getItem(name)) })),
  });
  let queued = queueAll(true);
  try {
    syncs++;
    await syncRead(context, true);
  } catch (error) {
    if (!isPayloadError(error)) throw error;
    // The cells did not fit in one response: the shapes (fresh proxies: the refused batch's loads are gone), then the cells in row blocks.
    queued = queueAll(false);
    syncs++;
    await syncRead(context, false);
  }
  const sheets = new Map<string, SheetRead>();
  const blocks: BlockTarget[] = [];
  for (const { s, q } of queued.sheets) {
    const read = sheetReadFrom(q, caps);
    sheets.set(s.name, read);
    if (read.range && read.data === undefined) blocks.push({ name: s.name, sheet: s.ws, range: read.range, bytesPerCell: firstBytesPerCell });
  }
  const tables = new Map(queued.tables.map(({ name, q }) => [name, tableReadFrom(q)]));
  syncs += await readBlocksInto(context, blocks, budget, sheets);
  return { sheets, tables, syncs };
}

// ------------------------------------------------------------------ row blocks

interface BlockTarget {
  name: string;
  sheet: Excel.Worksheet;
  range: RangeRef;
  /** Estimate of the bytes one cell takes in a response. */
  bytesPerCell: number;
}

/**
 * Sheets' cells in row blocks sized by an estimate of bytes per cell, packed
 * into round trips by size; a refused round trip doubles the estimates and
 * reads again from each sheet's first missing row.
 */
async function readBlocks(context: Excel.RequestContext, targets: BlockTarget[], budget: number): Promise<{ data: Map<string, SheetData>; syncs: number }> {
  let syncs = 0;
  const data = new Map<string, SheetData>();
  for (const t of targets) {
    const rows = t.range.bottom - t.range.top + 1;
    data.set(t.name, { origin: { row: t.range.top, col: t.range.left }, values: new Array<CellValue[]>(rows), numberFormats: new Array<string[]>(rows) });
  }
  let scale = 1;
  let pendingFrom = new Map(targets.map((t) => [t.name, 0]));
  for (let attempt = 0; attempt < 6 && pendingFrom.size > 0; attempt++) {
    const blocks: { name: string; sheet: Excel.Worksheet; block: RangeRef; bytes: number }[] = [];
    for (const t of targets) {
      const from = pendingFrom.get(t.name);
      if (from === undefined) continue;
      const cols = t.range.right - t.range.left + 1;
      const perCell = Math.max(1, t.bytesPerCell * scale);
      // Blocks of a quarter of the budget pack closely into round trips; never over Excel's cells per read.
      const rowsPerBlock = Math.max(1, Math.min(Math.floor(budget / 4 / (cols * perCell)), Math.floor(MAX_CELLS_PER_READ / cols)));
      for (let top = t.range.top + from; top <= t.range.bottom; top += rowsPerBlock) {
        const bottom = Math.min(t.range.bottom, top + rowsPerBlock - 1);
        blocks.push({ name: t.name, sheet: t.sheet, block: { top, bottom, left: t.range.left, right: t.range.right }, bytes: (bottom - top + 1) * cols * perCell });
      }
    }
    const groups = packBySize(blocks, (b) => b.bytes, budget);
    let refused = false;
    // One round trip per group of blocks: each must finish before the next is queued,
    // because a refused group changes the size of every later block. (A sync in a loop
    // on purpose: only for cells that cannot come back in one response.)
    for (const group of groups) {
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
          d.numberFormats[b.block.top - d.origin.row + i] = formats[i].map(toNumberFormat);
        }
      }
    }
    const next = new Map<string, number>();
    if (refused) {
      // The refused group and every group after it: read again from each sheet's first missing row, in smaller blocks.
      for (const t of targets) {
        const d = data.get(t.name);
        if (!d) continue;
        // findIndex visits the holes of the sparse array too.
        const firstMissing = d.values.findIndex((row) => row === undefined);
        if (firstMissing >= 0) next.set(t.name, firstMissing);
      }
      scale *= 2;
    }
    pendingFrom = next;
  }
  if (pendingFrom.size > 0) throw fromSyncError({ code: 'ResponsePayloadSizeLimitExceeded', message: 'too large' }, 'read', false);
  return { data, syncs };
}

// ------------------------------------------------------------------ the snapshot

function assemble(
  discovered: Discovered,
  sheetReads: Map<string, SheetRead>,
  tableReads: Map<string, TableRead>,
  caps: Capabilities,
  fileName: string | undefined,
  syncs: number,
  readPath: ReadPath,
  budgetBytes: number,
): OfficeRead {
  const tablesBySheet = new Map<string, TableInfo[]>();
  for (const t of discovered.tables) {
    const read = tableReads.get(t.name);
    if (!read) continue;
    const info: TableInfo = {
      name: t.name,
      range: read.range,
      headerRowCount: t.showHeaders ? 1 : 0,
      totalsRowCount: t.showTotals ? 1 : 0,
      columnNames: read.columns,
    };
    const list = tablesBySheet.get(t.sheet) ?? [];
    list.push(info);
    tablesBySheet.set(t.sheet, list);
  }

  let settingsSheet: SettingsSheetFacts | null = null;
  let savedDocument: string | null = null;
  const sheets: SheetSnapshot[] = [];
  const sheetSizes: SheetSize[] = [];
  const settingsName = SETTINGS_SHEET_NAME.toLowerCase();
  for (const h of [...discovered.sheets].sort((a, b) => a.position - b.position)) {
    const read = sheetReads.get(h.name);
    const d = read?.data ?? null;
    const rect = read?.range ?? null;
    sheetSizes.push({
      name: h.name,
      rect,
      rows: rect ? rect.bottom - rect.top + 1 : 0,
      cols: rect ? rect.right - rect.left + 1 : 0,
      bytes: d ? estimateBytes(d.values, d.numberFormats) : 0,
    });
    // The settings sheet whatever the case of its name, as the file shell reads it.
    if (h.name.toLowerCase() === settingsName && !settingsSheet) {
      const settings = readSettings(d);
      settingsSheet = { name: h.name, visibility: h.visibility, protected: h.protected, rows: settings.rows, markerFound: settings.markerFound };
      savedDocument = settings.document;
      continue;
    }
    const values = d?.values ?? [];
    const origin = d?.origin ?? { row: 0, col: 0 };
    const usedRange: RangeRef | null =
      values.length > 0 ? { top: origin.row, left: origin.col, bottom: origin.row + values.length - 1, right: origin.col + values[0].length - 1 } : null;
    let hidden: { rows: number[]; columns: number[] } = { rows: [], columns: [] };
    if (caps.hiddenRowsColumns && read && read.visibleAddress !== null) hidden = hiddenLines(read.visibleAddress, usedRange);
    sheets.push({
      name: h.name,
      position: h.position,
      visibility: h.visibility,
      origin,
      values,
      numberFormats: d?.numberFormats ?? [],
      merges: caps.merges && read ? read.merges : [],
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
      source: { host: 'excel', ...(fileName ? { fileName } : {}) },
      definedNames: discovered.definedNames,
    },
    facts: {
      workbookProtected: discovered.workbookProtected,
      settingsSheet,
      sheetNames: sheetSizes.map((s) => s.name),
      tableNames: discovered.tables.map((t) => t.name),
      definedNames: discovered.definedNames,
      sheetSizes,
      capabilities: caps,
      degraded,
      syncs,
      readPath,
      budgetBytes,
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

function toNumberFormat(f: unknown): string {
  return typeof f === 'string' && f !== '' ? f : 'General';
}

function sheetDataFrom(range: Excel.Range): SheetData {
  const { range: r } = parseAddress(range.address);
  return {
    origin: { row: r.top, col: r.left },
    values: (range.values as unknown[][]).map((row) => row.map(toCellValue)),
    numberFormats: (range.numberFormat as unknown[][]).map((row) => row.map(toNumberFormat)),
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

/** context.sync() for a read; a payload refusal is passed through raw when the caller will split and retry. */
async function syncRead(context: Excel.RequestContext, passPayloadErrors: boolean): Promise<void> {
  try {
    await context.sync();
  } catch (error) {
    if (passPayloadErrors && isPayloadError(error)) throw error;
    throw fromSyncError(error, 'read', false);
  }
}

/** Reads the sheets too big for one response in row blocks, into their SheetReads; the round trips it took. */
async function readBlocksInto(context: Excel.RequestContext, blocks: BlockTarget[], budget: number, sheets: Map<string, SheetRead>): Promise<number> {
  if (blocks.length === 0) return 0;
  const read = await readBlocks(context, blocks, budget);
  for (const [name, data] of read.data) {
    const s = sheets.get(name);
    if (s) s.data = data;
  }
  return read.syncs;
}
