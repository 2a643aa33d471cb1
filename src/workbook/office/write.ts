/**
 * Applying a WritePlan through the Excel JavaScript API.
 *
 * The plan is checked against what the read found (check.ts) before anything
 * is queued; then every write goes into one batch and one context.sync(), with
 * calculation suspended. Only a batch whose estimated request passes the
 * payload budget is split, and it is split by size: the write is a list of
 * small steps (a column's number formats and values for a run of rows, a
 * conditional format, a table column) packed into batches in order.
 *
 * Per column, not per cell: a status column is one number-format array, one
 * values array, one width and one conditional format per text rule, whatever
 * the number of measures. Text is written as text: cells holding strings get
 * the "@" number format before their values, so a commentary starting "="
 * never becomes a formula.
 */
import type { CellValue, OwnedBlock, RangeRef, SheetCell, SheetSpec, StatusBlock, TextRule, WritePlan } from '../../core/types';
import { SETTINGS_CHUNK, SETTINGS_MARKER, SETTINGS_SHEET_NAME } from '../../core/types';
import { chunkText } from '../../core/text-chunks';
import { cellA1, columnLetters, rangeA1, sheetCellA1 } from './a1';
import { checkPlan, deletedTableColumns, honouredClears, ownedRect } from './check';
import { OfficeShellError, blockedMessage, fromSyncError } from './errors';
import type { DegradedFeature } from './features';
import { ACTION_OVERHEAD_BYTES, DEFAULT_BUDGET_BYTES, jsonBytes, packBySize } from './payload';
import type { OfficeRead } from './read';
import { LINK_LOOK, SHEET_STYLES, hexColour, widthToPoints } from './styles';

export interface ApplyOptions {
  budgetBytes?: number;
}

export interface ApplyResult {
  /** Round trips the write took: 1 unless a batch had to be split by size. */
  syncs: number;
  /** Optional features the host lacked, so part of the plan was skipped (print setup). */
  degraded: DegradedFeature[];
}

/** Proxies of the current batch, fetched once per batch. */
class Batch {
  private sheets = new Map<string, Excel.Worksheet>();
  private tables = new Map<string, Excel.Table>();
  constructor(readonly context: Excel.RequestContext) {}
  sheet(name: string): Excel.Worksheet {
    let ws = this.sheets.get(name);
    if (!ws) {
      ws = this.context.workbook.worksheets.getItem(name);
      this.sheets.set(name, ws);
    }
    return ws;
  }
  remember(name: string, ws: Excel.Worksheet): void {
    this.sheets.set(name, ws);
  }
  forget(name: string): void {
    this.sheets.delete(name);
  }
  table(name: string): Excel.Table {
    let t = this.tables.get(name);
    if (!t) {
      t = this.context.workbook.tables.getItem(name);
      this.tables.set(name, t);
    }
    return t;
  }
}

/** One small piece of the write: what it queues, and roughly how big a request it makes. */
interface Step {
  bytes: number;
  run: (b: Batch) => void;
}

const step = (actions: number, data: unknown, run: (b: Batch) => void): Step => ({
  bytes: actions * ACTION_OVERHEAD_BYTES + (data === undefined ? 0 : jsonBytes(data)),
  run,
});

export async function applyPlan(
  context: Excel.RequestContext,
  plan: WritePlan,
  read: OfficeRead,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const problems = checkPlan(plan, read.snapshot, read.facts);
  if (problems.length > 0) {
    throw new OfficeShellError('blocked', blockedMessage(problems), { problems, nothingWritten: true });
  }
  const budget = options.budgetBytes ?? read.facts.budgetBytes ?? DEFAULT_BUDGET_BYTES;
  const degraded: DegradedFeature[] = [];
  const steps = planSteps(plan, read, budget, degraded);
  if (steps.length === 0) return { syncs: 0, degraded };

  // Recalculation. Each batch runs with calculation suspended until its sync
  // (Application.suspendApiCalculationUntilNextSync, ExcelApi 1.6: "Suspends calculation
  // until the next context.sync() is called"). Microsoft's worked example in "Performance
  // optimization using the Excel JavaScript API" (learn.microsoft.com/office/dev/add-ins/
  // excel/performance, Suspend calculation temporarily) writes 10 and 20 under
  // suspension and reads =SUM(A1:B1) as 30 on the next sync, "because calculation is
  // resumed after last sync", with calculationMode still "Automatic": the dependents of
  // what was written recalculate when the batch's sync is over. The reference's line
  // ("it is the developer's responsibility to re-calc the workbook") comes with no
  // example and says nothing of a calculate() queued while suspended — which, queued in
  // the same batch, would run before calculation resumes. So no calculate() is queued
  // (one after the sync would cost a round trip): Excel recalculates as the user set it
  // (Automatic at once; Manual when the user asks), as after any edit.
  const batches = packBySize(steps, (s) => s.bytes, budget);
  let syncs = 0;
  for (const batch of batches) {
    const b = new Batch(context);
    context.workbook.application.suspendApiCalculationUntilNextSync();
    for (const s of batch) s.run(b);
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one batch unless the request passes the payload limit; then split by size, in order
      await context.sync();
    } catch (error) {
      throw fromSyncError(error, 'write', syncs > 0);
    }
    syncs++;
  }
  return { syncs, degraded };
}

// ------------------------------------------------------------------ steps

function planSteps(plan: WritePlan, read: OfficeRead, budget: number, degraded: DegradedFeature[]): Step[] {
  const steps: Step[] = [];
  const { facts, snapshot } = read;
  const caps = facts.capabilities;
  // Steps of at most an eighth of the budget, so that batches pack close to it (fewer round trips).
  const maxData = Math.max(1024, Math.floor(budget / 8));

  // 1. The settings first: if a later batch fails, the next refresh still knows what it owns.
  if (plan.savedDocument !== null) steps.push(...settingsSteps(plan.savedDocument, facts.settingsSheet, maxData));
  else if (facts.settingsSheet) steps.push(deleteSheetStep(facts.settingsSheet.name, facts.settingsSheet.visibility === 'veryHidden'));

  // 2. Sheets that go: those listed, and the old exception sheet (replaced whole).
  const visibility = new Map(snapshot.sheets.map((s) => [s.name, s.visibility]));
  const isSettings = (n: string) => n.toLowerCase() === SETTINGS_SHEET_NAME.toLowerCase();
  const toRemove = new Set(plan.removeSheets.filter((n) => facts.sheetNames.includes(n) && !isSettings(n)));
  const x = plan.exceptionSheet;
  // A sheet of the exception sheet's name is in removeSheets (checked): the new one takes its place.
  const oldPosition = x ? snapshot.sheets.find((s) => s.name.toLowerCase() === x.name.toLowerCase())?.position ?? null : null;
  for (const name of toRemove) steps.push(deleteSheetStep(name, visibility.get(name) === 'veryHidden'));

  // 3. What earlier refreshes wrote.
  for (const c of honouredClears(plan.clear, snapshot)) {
    if (toRemove.has(c.sheet) || !facts.sheetNames.includes(c.sheet)) continue;
    steps.push(...clearSteps(c, read));
  }

  // 4. The status columns.
  for (const block of plan.statusBlocks) steps.push(...statusBlockSteps(block, maxData));

  // 5. The exception sheet.
  if (x) {
    steps.push(...exceptionSheetSteps(x, oldPosition, caps, maxData));
    if (!caps.printSetup) degraded.push('printSetup');
  }
  return steps;
}

function deleteSheetStep(name: string, veryHidden: boolean): Step {
  return step(veryHidden ? 3 : 2, name, (b) => {
    const ws = b.sheet(name);
    // Excel refuses to delete a very hidden sheet.
    if (veryHidden) ws.visibility = 'Hidden';
    ws.delete();
    b.forget(name);
  });
}

/** The settings document in A1 (marker), A2, A3... as text, in a very hidden sheet. */
function settingsSteps(document: string, existing: OfficeRead['facts']['settingsSheet'], maxData: number): Step[] {
  // Never a surrogate pair cut in two between cells (the file shell's rule too).
  const cells: string[] = [SETTINGS_MARKER, ...chunkText(document, SETTINGS_CHUNK)];
  // The sheet as the workbook spells its name ("ragrefresh_settings" is the same sheet to Excel).
  const sheetName = existing?.name ?? SETTINGS_SHEET_NAME;
  const steps: Step[] = [];
  steps.push(
    step(existing ? 2 : 1, undefined, (b) => {
      if (existing) {
        b.sheet(sheetName).getRange('A:A').clear('All');
      } else {
        b.remember(sheetName, b.context.workbook.worksheets.add(sheetName));
      }
    }),
  );
  // Rows of chunks, as many per step as fit.
  const perStep = Math.max(1, Math.floor(maxData / (SETTINGS_CHUNK * 1.2)));
  for (let first = 0; first < cells.length; first += perStep) {
    const part = cells.slice(first, first + perStep).map((v) => [v]);
    const address = rangeA1({ top: first, bottom: first + part.length - 1, left: 0, right: 0 });
    steps.push(
      step(3, part, (b) => {
        const r = b.sheet(sheetName).getRange(address);
        r.numberFormat = part.map(() => ['@']);
        r.values = part;
      }),
    );
  }
  if (!existing || existing.visibility !== 'veryHidden') {
    steps.push(
      step(1, undefined, (b) => {
        b.sheet(sheetName).visibility = 'VeryHidden';
      }),
    );
  }
  return steps;
}

function clearSteps(c: OwnedBlock, read: OfficeRead): Step[] {
  const sheet = read.snapshot.sheets.find((s) => s.name === c.sheet);
  const table = c.tableName ? sheet?.tables.find((t) => t.name === c.tableName) : undefined;
  if (table) {
    // Table columns: deleting them removes their cells, formats and conditional formats.
    const names = deletedTableColumns(table, [c], c.sheet);
    return names.map((name) =>
      step(3, name, (b) => {
        b.table(table.name).columns.getItem(name).delete();
      }),
    );
  }
  const address = rangeA1(ownedRect(c));
  return [
    step(3, address, (b) => {
      const r = b.sheet(c.sheet).getRange(address);
      r.conditionalFormats.clearAll();
      r.clear('All');
    }),
  ];
}

/** The number format a cell gets: text is always "@" so it is never read as a number or a formula. */
function formatFor(value: CellValue, planned: string): string {
  return typeof value === 'string' && value !== '' ? '@' : planned;
}

function toExcelValue(value: CellValue): string | number | boolean {
  return value === null ? '' : value;
}

/**
 * A rectangle's number formats then values, in row runs small enough for the
 * budget. `rows[i]` is row top + i.
 */
function cellSteps(
  sheet: string,
  top: number,
  left: number,
  values: (string | number | boolean | null)[][],
  formats: (string | null)[][],
  maxData: number,
): Step[] {
  if (values.length === 0) return [];
  const steps: Step[] = [];
  let start = 0;
  while (start < values.length) {
    let bytes = 0;
    let end = start;
    while (end < values.length) {
      const rowBytes = jsonBytes(values[end]) + jsonBytes(formats[end]);
      if (end > start && bytes + rowBytes > maxData) break;
      bytes += rowBytes;
      end++;
    }
    const v = values.slice(start, end);
    const f = formats.slice(start, end);
    const address = rangeA1({ top: top + start, bottom: top + end - 1, left, right: left + v[0].length - 1 });
    steps.push({
      bytes: 3 * ACTION_OVERHEAD_BYTES + bytes,
      run: (b) => {
        const r = b.sheet(sheet).getRange(address);
        r.numberFormat = f;
        r.values = v;
      },
    });
    start = end;
  }
  return steps;
}

function statusBlockSteps(block: StatusBlock, maxData: number): Step[] {
  const steps: Step[] = [];
  const skip = new Set(block.skipRows);
  const rows = block.lastDataRow - block.firstDataRow + 1;
  block.columns.forEach((column, i) => {
    const col = block.firstCol + i;
    if (block.tableName) {
      const tableName = block.tableName;
      // A table column: the table grows right, its header is the column's name.
      steps.push(
        step(2, column.header, (b) => {
          b.table(tableName).columns.add(undefined, undefined, column.header);
        }),
      );
    } else {
      const header = cellA1(block.headerRow, col);
      steps.push(
        step(3, column.header, (b) => {
          const r = b.sheet(block.sheet).getRange(header);
          r.numberFormat = [['@']];
          r.values = [[column.header]];
        }),
      );
    }
    // Headers bold and wrapped, as the file shell writes them.
    const headerCell = cellA1(block.headerRow, col);
    steps.push(
      step(4, undefined, (b) => {
        const format = b.sheet(block.sheet).getRange(headerCell).format;
        format.font.bold = true;
        format.wrapText = true;
      }),
    );
    if (rows > 0) {
      const values: (string | number | boolean | null)[][] = [];
      const formats: (string | null)[][] = [];
      for (let k = 0; k < rows; k++) {
        const row = block.firstDataRow + k;
        if (skip.has(row)) {
          // null leaves a cell as it is: rows that are not measures get nothing.
          values.push([null]);
          formats.push([null]);
          continue;
        }
        const value = column.values[k] ?? null;
        values.push([toExcelValue(value)]);
        formats.push([formatFor(value, column.numberFormats?.[k] ?? column.numberFormat)]);
      }
      steps.push(...cellSteps(block.sheet, block.firstDataRow, col, values, formats, maxData));
      const data = rangeA1({ top: block.firstDataRow, bottom: block.lastDataRow, left: col, right: col });
      for (const rule of column.rules) steps.push(ruleStep(block.sheet, data, rule));
    }
    if (column.width > 0) {
      const widthCell = cellA1(block.headerRow, col);
      steps.push(
        step(2, undefined, (b) => {
          b.sheet(block.sheet).getRange(widthCell).format.columnWidth = widthToPoints(column.width);
        }),
      );
    }
  });
  return steps;
}

/** A conditional format whose colours follow the cell's text. */
function ruleStep(sheet: string, address: string, rule: TextRule): Step {
  return step(8, rule, (b) => {
    const range = b.sheet(sheet).getRange(address);
    if (rule.match === 'equals') {
      const cf = range.conditionalFormats.add('CellValue');
      applyRuleStyle(cf.cellValue.format, rule);
      cf.cellValue.rule = { formula1: `="${rule.text.replace(/"/g, '""')}"`, operator: 'EqualTo' };
    } else {
      const cf = range.conditionalFormats.add('ContainsText');
      applyRuleStyle(cf.textComparison.format, rule);
      cf.textComparison.rule = { operator: rule.match === 'beginsWith' ? 'BeginsWith' : 'Contains', text: rule.text };
    }
  });
}

function applyRuleStyle(format: Excel.ConditionalRangeFormat, rule: TextRule): void {
  if (rule.style.fill) format.fill.color = hexColour(rule.style.fill);
  if (rule.style.font) format.font.color = hexColour(rule.style.font);
  if (rule.style.bold) format.font.bold = true;
}

// ------------------------------------------------------------------ exception sheet

function exceptionSheetSteps(x: SheetSpec, oldPosition: number | null, caps: OfficeRead['facts']['capabilities'], maxData: number): Step[] {
  const steps: Step[] = [];
  steps.push(
    step(2, x.name, (b) => {
      const ws = b.context.workbook.worksheets.add(x.name);
      if (oldPosition !== null) ws.position = oldPosition;
      b.remember(x.name, ws);
    }),
  );

  // Values and number formats over the cells' bounding box, in row runs.
  if (x.cells.length > 0) {
    let maxRow = 0;
    let maxCol = 0;
    for (const c of x.cells) {
      maxRow = Math.max(maxRow, c.row);
      maxCol = Math.max(maxCol, c.col);
    }
    const values: (string | number | boolean)[][] = [];
    const formats: string[][] = [];
    for (let r = 0; r <= maxRow; r++) {
      values.push(new Array<string | number | boolean>(maxCol + 1).fill(''));
      formats.push(new Array<string>(maxCol + 1).fill('General'));
    }
    for (const c of x.cells) {
      values[c.row][c.col] = toExcelValue(c.value);
      formats[c.row][c.col] = formatFor(c.value, c.numberFormat ?? 'General');
    }
    steps.push(...cellSteps(x.name, 0, 0, values, formats, maxData));
  }

  // Styles, one call per rectangle of cells sharing a style.
  for (const [style, rects] of styleRectangles(x.cells)) {
    const f = SHEET_STYLES[style];
    if (!f) continue;
    for (const rect of rects) {
      const address = rangeA1(rect);
      steps.push(
        step(8, address, (b) => {
          const format = b.sheet(x.name).getRange(address).format;
          if (f.bold) format.font.bold = true;
          if (f.italic) format.font.italic = true;
          if (f.size) format.font.size = f.size;
          if (f.fontColor) format.font.color = f.fontColor;
          if (f.fill) format.fill.color = f.fill;
          if (f.wrap) format.wrapText = true;
          if (f.verticalTop) format.verticalAlignment = 'Top';
        }),
      );
    }
  }

  x.columnWidths.forEach((width, col) => {
    if (!(width > 0)) return;
    const address = `${columnLetters(col)}1`;
    steps.push(
      step(2, undefined, (b) => {
        b.sheet(x.name).getRange(address).format.columnWidth = widthToPoints(width);
      }),
    );
  });

  // Rows whose wrapped text needs more than one line: Excel measures the text itself (ExcelApi 1.2).
  const tall = x.rowHeights ?? [];
  if (tall.length > 0) {
    let first = tall[0]!.row;
    let last = first;
    for (const h of tall) {
      first = Math.min(first, h.row);
      last = Math.max(last, h.row);
    }
    const rows = `${first + 1}:${last + 1}`;
    steps.push(
      step(2, undefined, (b) => {
        b.sheet(x.name).getRange(rows).format.autofitRows();
      }),
    );
  }

  if (x.table) {
    const t = x.table;
    const address = rangeA1(t.range);
    steps.push(
      step(4, t, (b) => {
        const ws = b.sheet(x.name);
        const table = ws.tables.add(ws.getRange(address), true);
        table.name = t.name;
        table.style = t.style;
      }),
    );
  }

  for (const group of x.rules) {
    const address = rangeA1(group.range);
    for (const rule of group.rules) steps.push(ruleStep(x.name, address, rule));
  }

  steps.push(...linkSteps(x.name, x.cells.filter((c) => c.link), caps, maxData));

  if (caps.printSetup) {
    const print = x.print;
    steps.push(
      step(4, print, (b) => {
        const layout = b.sheet(x.name).pageLayout;
        layout.orientation = print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
        if (print.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
        if (print.repeatRows) layout.setPrintTitleRows(`$${print.repeatRows.first + 1}:$${print.repeatRows.last + 1}`);
      }),
    );
  }

  if (x.freezeRows > 0) {
    steps.push(
      step(2, undefined, (b) => {
        b.sheet(x.name).freezePanes.freezeRows(x.freezeRows);
      }),
    );
  }
  return steps;
}

/** Cells sharing a style, merged into rectangles: runs along a row, then identical runs down the rows. */
export function styleRectangles(cells: SheetCell[]): Map<NonNullable<SheetCell['style']>, RangeRef[]> {
  const byStyle = new Map<NonNullable<SheetCell['style']>, SheetCell[]>();
  for (const c of cells) {
    if (!c.style || c.style === 'normal') continue;
    const list = byStyle.get(c.style) ?? [];
    list.push(c);
    byStyle.set(c.style, list);
  }
  const out = new Map<NonNullable<SheetCell['style']>, RangeRef[]>();
  for (const [style, list] of byStyle) {
    const rowsMap = new Map<number, number[]>();
    for (const c of list) {
      const cols = rowsMap.get(c.row) ?? [];
      cols.push(c.col);
      rowsMap.set(c.row, cols);
    }
    const runs: RangeRef[] = [];
    for (const [row, cols] of [...rowsMap].sort((a, b) => a[0] - b[0])) {
      const sorted = [...new Set(cols)].sort((a, b) => a - b);
      let start = sorted[0];
      let prev = sorted[0];
      for (const c of [...sorted.slice(1), Number.NaN]) {
        if (c === prev + 1) {
          prev = c;
          continue;
        }
        runs.push({ top: row, bottom: row, left: start, right: prev });
        start = c;
        prev = c;
      }
    }
    // Merge a run with the rectangle just above it when the columns match.
    const rects: RangeRef[] = [];
    for (const run of runs) {
      const above = rects.find((r) => r.bottom === run.top - 1 && r.left === run.left && r.right === run.right);
      if (above) above.bottom = run.bottom;
      else rects.push({ ...run });
    }
    out.set(style, rects);
  }
  return out;
}

/**
 * Links back to each measure's row, blue and underlined (LINK_LOOK). With ExcelApi 1.9,
 * one setCellProperties call per run of linked cells in a column, the look with the link;
 * otherwise one hyperlink per cell (the only per-cell call in the shell, and only for the
 * exception sheet's red and amber rows) and the look once per run.
 */
function linkSteps(sheet: string, cells: SheetCell[], caps: OfficeRead['facts']['capabilities'], maxData: number): Step[] {
  const hyperlink = (c: SheetCell): Excel.RangeHyperlink => {
    const link = c.link as NonNullable<SheetCell['link']>;
    const h: Excel.RangeHyperlink = { documentReference: sheetCellA1(link.sheet, link.cell.row, link.cell.col) };
    if (typeof c.value === 'string' && c.value !== '') h.textToDisplay = c.value;
    return h;
  };
  const steps: Step[] = [];
  const byCol = new Map<number, SheetCell[]>();
  for (const c of cells) {
    const list = byCol.get(c.col) ?? [];
    list.push(c);
    byCol.set(c.col, list);
  }
  for (const [col, list] of [...byCol].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => a.row - b.row);
    let run: SheetCell[] = [];
    const flush = () => {
      if (run.length === 0) return;
      const address = rangeA1({ top: run[0].row, bottom: run[run.length - 1].row, left: col, right: col });
      if (caps.cellProperties) {
        const props: Excel.SettableCellProperties[][] = run.map((c) => [{ hyperlink: hyperlink(c), format: { font: { ...LINK_LOOK } } }]);
        steps.push(
          step(2, props, (b) => {
            b.sheet(sheet).getRange(address).setCellProperties(props);
          }),
        );
      } else {
        // Before ExcelApi 1.9: one hyperlink per cell, then the run's look in one go.
        for (const c of run) {
          const cellAddress = cellA1(c.row, c.col);
          const h = hyperlink(c);
          steps.push(
            step(2, h, (b) => {
              b.sheet(sheet).getRange(cellAddress).hyperlink = h;
            }),
          );
        }
        steps.push(
          step(4, LINK_LOOK, (b) => {
            const font = b.sheet(sheet).getRange(address).format.font;
            font.color = LINK_LOOK.color;
            font.underline = LINK_LOOK.underline;
          }),
        );
      }
      run = [];
    };
    let bytes = 0;
    for (const c of list) {
      const size = jsonBytes(hyperlink(c)) + 48;
      if (run.length > 0 && (c.row !== run[run.length - 1].row + 1 || bytes + size > maxData)) {
        flush();
        bytes = 0;
      }
      run.push(c);
      bytes += size;
    }
    flush();
  }
  return steps;
}
