/**
 * Where the status columns go beside each measure table, and what they hold.
 *
 * The add-in owns only the cells it created. A block goes immediately right of its
 * table when those cells are free (or were written by an earlier refresh); otherwise it
 * moves further right to the first run of free columns, and the report says so. An Excel
 * table grows to take the columns only when they are immediately to its right.
 */
import { cellAddress, columnLetters, MAX_COLUMNS, rangeAddress } from '../a1';
import { fmt, messages } from '../messages';
import type {
  CellValue,
  DetectedTable,
  Issue,
  MeasureResult,
  OwnedBlock,
  RangeRef,
  SheetSnapshot,
  StatusBlock,
  StatusColumn,
  StatusColumnKey,
} from '../types';
import { rulesFor } from './palette';

const WIDTHS: Record<StatusColumnKey, number> = {
  rag: 12,
  direction: 18,
  forecast: 14,
  variance: 11,
  variancePercent: 11,
  variation: 34,
  assurance: 24,
};

export const VARIANCE_PERCENT_FORMAT = '+0.0%;-0.0%;0.0%';
/** The variance of a percentage, in percentage points, with the catalogue's short unit (" pts"). */
export function variancePointsFormat(): string {
  const unit = `" ${messages.plan.pointsUnit.replace(/"/g, '')}"`;
  return `+0.0${unit};-0.0${unit};0.0${unit}`;
}

function decimalsOf(n: number | null): number {
  if (n === null || !Number.isFinite(n)) return 0;
  const s = String(n);
  const i = s.indexOf('.');
  return i < 0 || s.includes('e') ? 0 : s.length - i - 1;
}

/**
 * min(2, decimalsOf(n)) without writing n out when it can be told from n: an integer has no
 * decimals; a number the text shows with exactly one decimal is one whose tenths, rounded,
 * give it back (between 1e-6 and 1e14 its shortest text is then "d.d": a decimal of at most
 * 15 digits reads back as itself, and no shorter text does, n not being an integer).
 */
function decimalsUpTo2(n: number | null): number {
  if (n === null || !Number.isFinite(n)) return 0;
  if (Number.isInteger(n)) return 0;
  const a = n < 0 ? -n : n;
  if (a >= 1e-6 && a < 1e14) return Math.round(n * 10) / 10 === n ? 1 : 2;
  return Math.min(2, decimalsOf(n));
}

/** Decimals to show for a measure's figures: as many as its actual and target have, at most 2. */
export function figureDecimals(r: MeasureResult): number {
  return Math.max(decimalsUpTo2(r.actual), decimalsUpTo2(r.target));
}

/** "#,##0" or "#,##0.00" */
export function plainFormat(decimals: number): string {
  if (decimals >= 0 && decimals <= 2 && decimals === (decimals | 0)) return PLAIN_FORMATS[decimals]!;
  return decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}`;
}
const PLAIN_FORMATS: readonly string[] = ['#,##0', '#,##0.0', '#,##0.00'];

/** Number format for a measure's variance: points for percentages, otherwise signed with the figures' decimals. */
export function varianceFormat(r: MeasureResult): string {
  if (r.scale === 'percent') return variancePointsFormat();
  return VARIANCE_FORMATS[figureDecimals(r)]!;
}

function signedFormat(d: number): string {
  const body = plainFormat(d);
  return `+${body};-${body};${d === 0 ? '0' : `0.${'0'.repeat(d)}`}`;
}
/** The signed formats for 0, 1 and 2 decimals (figureDecimals is at most 2). */
const VARIANCE_FORMATS: readonly string[] = [signedFormat(0), signedFormat(1), signedFormat(2)];

function valueFor(key: StatusColumnKey, r: MeasureResult): CellValue {
  const c = messages.common;
  switch (key) {
    case 'rag':
      return c.status[r.status];
    case 'direction':
      return c.direction[r.direction];
    case 'forecast':
      return c.forecast[r.forecast];
    case 'variance':
      return r.variance;
    case 'variancePercent':
      return r.variancePercent;
    case 'variation':
      return r.spc ? r.spc.text.variation : null;
    case 'assurance':
      return r.spc ? r.spc.text.assurance : null;
  }
}

/** The cells of a block as a range (header row to last data row). */
export function blockRange(b: { headerRow: number; lastDataRow: number; firstCol: number }, width: number): RangeRef {
  return { top: b.headerRow, left: b.firstCol, bottom: b.lastDataRow, right: b.firstCol + width - 1 };
}

function overlaps(a: RangeRef, b: RangeRef): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

function cellHasContent(sheet: SheetSnapshot, row: number, col: number): CellValue {
  const r = row - sheet.origin.row;
  const c = col - sheet.origin.col;
  if (r < 0 || c < 0 || r >= sheet.values.length) return null;
  const v = sheet.values[r]?.[c];
  if (v === undefined || v === null || v === '') return null;
  return v;
}

export interface BlockRequest {
  table: DetectedTable;
  sheet: SheetSnapshot;
  results: MeasureResult[];
  keys: StatusColumnKey[];
}

export interface PlacedBlocks {
  blocks: StatusBlock[];
  owned: OwnedBlock[];
  issues: Issue[];
}

/**
 * Places one block per table. `previous` are the blocks of the last refresh (they are cleared
 * first, so their cells count as free); `claimed` collects what this plan has taken already.
 */
export function placeBlocks(requests: BlockRequest[], previous: OwnedBlock[]): PlacedBlocks {
  const blocks: StatusBlock[] = [];
  const owned: OwnedBlock[] = [];
  const issues: Issue[] = [];
  const claimed = new Map<string, RangeRef[]>();
  const prevRanges = new Map<string, RangeRef[]>();
  for (const p of previous) {
    const list = prevRanges.get(p.sheet) ?? [];
    list.push(blockRange(p, p.keys.length));
    prevRanges.set(p.sheet, list);
  }
  const text = messages.plan;

  for (const req of requests) {
    const { table, sheet, results, keys } = req;
    if (results.length === 0 || keys.length === 0) continue;
    if (sheet.protected) {
      // Excel would refuse the cells; the statuses still reach the exception sheet and the report.
      issues.push({
        severity: 'warning',
        code: 'sheet-protected',
        sheet: sheet.name,
        cell: cellAddress(table.headerRow, table.left),
        message: fmt(text.protectedSheet, { sheet: sheet.name }),
      });
      continue;
    }
    const width = keys.length;
    const userColumns = table.columns.filter((c) => c.role !== 'owned');
    const userRight = userColumns.length ? Math.max(...userColumns.map((c) => c.col)) : table.right;
    const excel = table.excelTable ? sheet.tables.find((t) => t.name === table.excelTable) ?? null : null;
    const top = table.headerRow;
    const bottom = Math.max(table.lastDataRow, excel ? excel.range.bottom : table.lastDataRow);
    const mine = prevRanges.get(sheet.name) ?? [];
    const taken = claimed.get(sheet.name) ?? [];
    const otherTables = sheet.tables.filter((t) => t !== excel).map((t) => t.range);

    const blocker = (col: number): { row: number; col: number; value: CellValue | 'merged' | 'table' | 'planned' } | null => {
      const colRange: RangeRef = { top, bottom, left: col, right: col };
      if (taken.some((r) => overlaps(r, colRange))) return { row: top, col, value: 'planned' };
      if (otherTables.some((r) => overlaps(r, colRange))) return { row: top, col, value: 'table' };
      for (const mg of sheet.merges) if (overlaps(mg, colRange)) return { row: Math.max(mg.top, top), col, value: 'merged' };
      for (let row = top; row <= bottom; row++) {
        const v = cellHasContent(sheet, row, col);
        if (v === null) continue;
        if (mine.some((r) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right)) continue;
        return { row, col, value: v };
      }
      return null;
    };

    let firstCol = userRight + 1;
    let firstBlocker: ReturnType<typeof blocker> = null;
    for (;;) {
      if (firstCol + width > MAX_COLUMNS) break;
      let bad: ReturnType<typeof blocker> = null;
      for (let c = firstCol; c < firstCol + width; c++) {
        bad = blocker(c);
        if (bad) break;
      }
      if (!bad) break;
      firstBlocker ??= bad;
      firstCol = bad.col + 1;
    }
    if (firstCol + width > MAX_COLUMNS) {
      issues.push({
        severity: 'error',
        code: 'no-room',
        sheet: sheet.name,
        cell: cellAddress(top, userRight),
        message: fmt(text.noRoom, { sheet: sheet.name, count: width }),
      });
      continue;
    }

    const moved = firstBlocker !== null;
    let note: string | null = null;
    if (moved && firstBlocker) {
      const what =
        firstBlocker.value === 'merged'
          ? text.blockerMerged
          : firstBlocker.value === 'table'
            ? text.blockerTable
            : firstBlocker.value === 'planned'
              ? text.blockerPlanned
              : fmt(text.blockerValue, { value: String(firstBlocker.value).slice(0, 40) });
      note = fmt(text.moved, {
        cell: cellAddress(firstBlocker.row, firstBlocker.col),
        what,
        from: columnLetters(firstCol),
        to: columnLetters(firstCol + width - 1),
      });
      issues.push({ severity: 'info', code: 'status-columns-moved', sheet: sheet.name, cell: cellAddress(top, firstCol), message: note });
    }
    const asTableColumns = excel !== null && !moved;

    const firstDataRow = table.firstDataRow;
    const lastDataRow = table.lastDataRow;
    // the result on each data row (the last one given a row, as a map would keep it)
    const rowCount = Math.max(0, lastDataRow - firstDataRow + 1);
    const onRow: (MeasureResult | undefined)[] = new Array<MeasureResult | undefined>(rowCount).fill(undefined);
    for (const r of results) {
      const k = r.measure.row - firstDataRow;
      if (k >= 0 && k < rowCount) onRow[k] = r;
    }
    const skipRows: number[] = [];
    for (let k = 0; k < rowCount; k++) if (onRow[k] === undefined) skipRows.push(firstDataRow + k);

    // The user's column names (the table's names left of the add-in's own earlier columns).
    const existingNames = new Set(
      (excel?.columnNames ?? []).filter((_, i) => excel!.range.left + i <= userRight).map((n) => n.trim().toLowerCase()),
    );
    const columns: StatusColumn[] = keys.map((key) => {
      let header: string = messages.common.columns[key];
      if (asTableColumns && existingNames.has(header.toLowerCase())) header = fmt(text.headerClash, { header });
      const values: CellValue[] = new Array<CellValue>(rowCount);
      for (let k = 0; k < rowCount; k++) {
        const r = onRow[k];
        values[k] = r ? valueFor(key, r) : null;
      }
      const col: StatusColumn = {
        key,
        header,
        values,
        numberFormat: key === 'variancePercent' ? VARIANCE_PERCENT_FORMAT : key === 'variance' ? '#,##0.00' : '@',
        width: WIDTHS[key],
        rules: rulesFor(key),
      };
      if (key === 'variance') {
        // each row's own format (the figures' decimals); only the variance column has them
        const formats: (string | null)[] = new Array<string | null>(rowCount);
        for (let k = 0; k < rowCount; k++) {
          const r = onRow[k];
          formats[k] = r ? varianceFormat(r) : null;
        }
        col.numberFormats = formats;
      }
      return col;
    });

    const block: StatusBlock = {
      sheet: sheet.name,
      tableName: asTableColumns ? excel!.name : null,
      headerRow: table.headerRow,
      firstDataRow,
      lastDataRow,
      firstCol,
      columns,
      skipRows,
      note,
    };
    blocks.push(block);
    owned.push({
      sheet: sheet.name,
      tableName: block.tableName,
      tableOriginalRight: asTableColumns ? userRight : null,
      headerRow: block.headerRow,
      firstDataRow,
      lastDataRow,
      firstCol,
      keys: [...keys],
      headers: columns.map((c) => c.header),
    });
    taken.push(blockRange(block, width));
    claimed.set(sheet.name, taken);
  }
  return { blocks, owned, issues };
}

/** "Sheet!M5:Q40" of a block, for messages. */
export function describeBlock(b: OwnedBlock): string {
  return `${b.sheet}!${rangeAddress(blockRange(b, b.keys.length))}`;
}
