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
import { checkPlan, honouredClears, ownedRect, tableEdits, type TableEdit } from './check';
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

  // 3. What earlier refreshes wrote: plain blocks cleared first (before a table column is
  // deleted, which would move what lies right of the table), then the tables the add-in grew.
  const clears = honouredClears(plan.clear, snapshot).filter((c) => !toRemove.has(c.sheet) && facts.sheetNames.includes(c.sheet));
  const edits = tableEdits(plan, snapshot, caps.tableResize, clears);
  for (const c of clears) {
    const sheet = snapshot.sheets.find((s) => s.name === c.sheet);
    // A table block whose table is still there is the table edit's; one whose table has gone is cleared as cells.
    if (c.tableName && sheet?.tables.some((t) => t.name === c.tableName)) continue;
    steps.push(plainClearStep(c));
  }
  for (const edit of edits) steps.push(...tableEditSteps(edit, clears, caps));

  // 4. The status columns.
  for (const block of plan.statusBlocks) {
    const edit = block.tableName ? edits.find((e) => e.sheet === block.sheet && e.table.name === block.tableName) : undefined;
    steps.push(...statusBlockSteps(block, edit?.kept ?? 0, maxData));
  }

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

function plainClearStep(c: OwnedBlock): Step {
  const address = rangeA1(ownedRect(c));
  return step(3, address, (b) => {
    const r = b.sheet(c.sheet).getRange(address);
    r.conditionalFormats.clearAll();
    r.clear('All');
  });
}

/**
 * An Excel table the add-in grew, made ready for the block's columns (TableEdit, check.ts) without
 * moving the user's cells: the owned columns that go are taken off by shrinking the table back
 * (Table.resize) and clearing the cells it leaves, or — without ExcelApi 1.13 — deleted, which the
 * check allows only when nothing of the user's lies right of the table in its rows; the owned
 * columns kept are renamed where the header changed and their earlier cells and rules cleared, to
 * be written again in place (statusBlockSteps); the block's further columns are added at the end.
 *
 * Why not delete and add again: the reference says only that TableColumn.delete (ExcelApi 1.1)
 * "Deletes the column from the table"; what it does to the cells beside the table is what a user
 * reported on Microsoft's docs repository, OfficeDev/office-js-docs#42: "the Table object only
 * supports deleting/adding rows or columns which will attempt to shift everything to the right or
 * below … We would therefore like to modify the size of existing tables without shifting
 * neighboring cells" — a request Microsoft put on its backlog (same thread) and shipped as
 * Table.resize. So deleting a table column shifts the cells right of it, in the table's rows and
 * past the table's edge, to the left, and adding one at the end does not shift them back (the
 * double does the same). Table.resize (ExcelApi 1.13): "Resize the table to the new range. The new
 * range must overlap with the original table range and the headers (or the top of the table) must
 * be in the same row" (Excel.Table reference, @types/office-js); Microsoft's "Work with tables
 * using the Excel JavaScript API", Resize a table: "Your add-in can resize a table without adding
 * data to the table or changing cell values". The file shell does the same by changing the
 * table's ref.
 */
function tableEditSteps(edit: TableEdit, clears: OwnedBlock[], caps: OfficeRead['facts']['capabilities']): Step[] {
  const steps: Step[] = [];
  const { table, sheet } = edit;
  const tableName = table.name;
  // 1. The owned columns that go.
  if (edit.removed.length > 0) {
    if (edit.removeBy === 'resize' && caps.tableResize) {
      const newRight = edit.userRight + edit.kept;
      const keep = rangeA1({ ...table.range, right: newRight });
      const emptied = rangeA1({ ...table.range, left: newRight + 1 });
      steps.push(
        step(3, keep, (b) => {
          b.table(tableName).resize(b.sheet(sheet).getRange(keep));
        }),
      );
      // What the columns held, header to totals row: values, number formats, formats, rules.
      steps.push(
        step(3, emptied, (b) => {
          const r = b.sheet(sheet).getRange(emptied);
          r.conditionalFormats.clearAll();
          r.clear('All');
        }),
      );
    } else {
      // Deleting a table column removes its cells, formats and conditional formats.
      for (const name of edit.removed) {
        steps.push(
          step(3, name, (b) => {
            b.table(tableName).columns.getItem(name).delete();
          }),
        );
      }
    }
  }
  if (edit.kept === 0 || !edit.block) return steps;
  const block = edit.block;

  // 2. The owned columns kept: renamed where the block's header differs. A rename onto a name
  // another kept column still has (the columns changed places) goes through a temporary name, as
  // Excel keeps a table's column names distinct.
  const renames: { from: string; to: string; temp: string }[] = [];
  const taken = new Set(table.columnNames.filter((n) => !edit.removed.includes(n)).map((n) => n.toLowerCase()));
  for (let i = 0; i < edit.kept; i++) {
    const from = edit.owned[i];
    const to = block.columns[i].header;
    if (from !== to) renames.push({ from, to, temp: '' });
  }
  const swap = renames.some((r) => r.from.toLowerCase() !== r.to.toLowerCase() && taken.has(r.to.toLowerCase()));
  if (swap) {
    for (const r of block.columns) taken.add(r.header.toLowerCase());
    renames.forEach((r, i) => {
      let temp = `RAG Refresh ${i + 1}`;
      while (taken.has(temp.toLowerCase())) temp += '_';
      taken.add(temp.toLowerCase());
      r.temp = temp;
    });
    for (const r of renames) steps.push(renameStep(tableName, r.from, r.temp));
    for (const r of renames) steps.push(renameStep(tableName, r.temp, r.to));
  } else {
    for (const r of renames) steps.push(renameStep(tableName, r.from, r.to));
  }

  // 3. What the kept columns held in the earlier blocks' data rows: cleared, to be written again.
  const keptCols = { left: edit.userRight + 1, right: edit.userRight + edit.kept };
  for (const c of clears) {
    if (c.sheet !== sheet || c.tableName !== tableName) continue;
    const rect = {
      top: Math.max(c.firstDataRow, table.range.top + 1),
      bottom: Math.min(c.lastDataRow, table.range.bottom),
      left: Math.max(c.firstCol, keptCols.left),
      right: Math.min(c.firstCol + c.keys.length - 1, keptCols.right),
    };
    if (rect.top > rect.bottom || rect.left > rect.right) continue;
    const address = rangeA1(rect);
    steps.push(
      step(3, address, (b) => {
        const r = b.sheet(sheet).getRange(address);
        r.conditionalFormats.clearAll();
        r.clear('All');
      }),
    );
  }
  return steps;
}

function renameStep(tableName: string, from: string, to: string): Step {
  return step(3, [from, to], (b) => {
    b.table(tableName).columns.getItem(from).name = to;
  });
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

/** A block's columns; for a table, its first `inPlace` columns are the table's owned columns rewritten in place. */
function statusBlockSteps(block: StatusBlock, inPlace: number, maxData: number): Step[] {
  const steps: Step[] = [];
  const skip = new Set(block.skipRows);
  const rows = block.lastDataRow - block.firstDataRow + 1;
  block.columns.forEach((column, i) => {
    const col = block.firstCol + i;
    if (block.tableName) {
      const tableName = block.tableName;
      // A table column: one kept in place already has the header as its name (tableEditSteps);
      // another is added, the table grows right, its header is the column's name.
      if (i >= inPlace) {
        steps.push(
          step(2, column.header, (b) => {
            b.table(tableName).columns.add(undefined, undefined, column.header);
          }),
        );
      }
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
