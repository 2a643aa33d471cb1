/**
 * Everything that can be checked before the first write, from what the read
 * found: protected sheets and workbook, cells in the way, merged cells, tables
 * that changed, names Excel would refuse. Pure: no Office calls.
 */
import { fmt, messages } from '../../core/messages';
import type { OwnedBlock, RangeRef, SheetSnapshot, StatusBlock, TableInfo, WorkbookSnapshot, WritePlan } from '../../core/types';
import { SETTINGS_SHEET_NAME } from '../../core/types';
import { contains, intersects, rangeA1 } from './a1';
import type { PlanProblem } from './errors';
import type { OfficeFacts } from './read';

const e = messages.office.errors;

/** The cells an owned block occupies on the sheet. */
export function ownedRect(block: OwnedBlock): RangeRef {
  return { top: block.headerRow, bottom: block.lastDataRow, left: block.firstCol, right: block.firstCol + block.keys.length - 1 };
}

/**
 * The add-in's columns of a table, by position (a header the user renamed is
 * still ours): the table columns inside an owned block's columns, left to
 * right. Returned as the sheet columns and the names the read found.
 */
function ownedTableColumns(table: TableInfo, clears: OwnedBlock[], sheet: string): { col: number; name: string }[] {
  const out: { col: number; name: string }[] = [];
  for (const c of clears) {
    if (c.sheet !== sheet || c.tableName !== table.name) continue;
    const from = Math.max(c.firstCol, table.range.left + 1, c.tableOriginalRight !== null ? c.tableOriginalRight + 1 : -1);
    const to = Math.min(c.firstCol + c.keys.length - 1, table.range.right);
    for (let col = from; col <= to; col++) {
      const name = table.columnNames[col - table.range.left];
      if (name !== undefined && !out.some((o) => o.col === col)) out.push({ col, name });
    }
  }
  return out.sort((a, b) => a.col - b.col);
}

/**
 * What the write does to an Excel table that an earlier refresh grew or that
 * this one grows. The add-in's columns are normally the table's last ones (it
 * adds them at the end): then the first of them are kept and rewritten in
 * place as the block's first columns (renamed where the header changed), the
 * block's further columns are added at the end (TableColumnCollection.add), and
 * the add-in's columns beyond the block's go. They go by shrinking the table
 * (Table.resize, ExcelApi 1.13), which moves no cell; without it, by deleting
 * them (TableColumn.delete), which moves the cells right of the table in its
 * rows to the left (so the check refuses that when the user has cells there).
 * Owned columns with a column of the user's after them (the user added one
 * since) are all deleted, and the block's columns added at the end again.
 */
export interface TableEdit {
  sheet: string;
  table: TableInfo;
  /** The add-in's columns now (names as read), left to right. */
  owned: string[];
  /** They are the table's last columns, userRight + 1 to the table's right edge. */
  trailing: boolean;
  /** The table's right edge without the add-in's columns: the block starts right of it. */
  userRight: number;
  /** The plan's block for the table, or null (Clear RAG, or the block moved away from the table). */
  block: StatusBlock | null;
  /** How many of `owned`, from the left, are rewritten in place as the block's first columns. */
  kept: number;
  /** The owned columns that go (names as read). */
  removed: string[];
  /** How they go: 'resize' shrinks the table (nothing moves), 'delete' deletes them (cells right of them move left). */
  removeBy: 'resize' | 'delete' | null;
  /** How many of the block's columns are added at the end of the table. */
  added: number;
}

/** The table edits of a plan (see TableEdit), from what the read found; `canResize` is ExcelApi 1.13. */
export function tableEdits(plan: WritePlan, snapshot: WorkbookSnapshot, canResize: boolean, clears = honouredClears(plan.clear, snapshot)): TableEdit[] {
  const out: TableEdit[] = [];
  const removedSheets = new Set(plan.removeSheets);
  for (const sheet of snapshot.sheets) {
    if (removedSheets.has(sheet.name)) continue;
    for (const table of sheet.tables) {
      const owned = ownedTableColumns(table, clears, sheet.name);
      const block = plan.statusBlocks.find((b) => b.sheet === sheet.name && b.tableName === table.name && b.columns.length > 0) ?? null;
      if (owned.length === 0 && !block) continue;
      const userRight = table.range.right - owned.length;
      const trailing = owned.every((o, i) => o.col === userRight + 1 + i);
      const kept = trailing && block ? Math.min(owned.length, block.columns.length) : 0;
      const removed = owned.slice(kept).map((o) => o.name);
      out.push({
        sheet: sheet.name,
        table,
        owned: owned.map((o) => o.name),
        trailing,
        userRight,
        block,
        kept,
        removed,
        removeBy: removed.length === 0 ? null : trailing && canResize ? 'resize' : 'delete',
        added: (block?.columns.length ?? 0) - kept,
      });
    }
  }
  return out;
}

/**
 * The earlier blocks that are still the add-in's: those whose header cells hold
 * what it wrote (case and spaces aside) or nothing. If the user has since typed
 * over a header or inserted a column that shifted the block, the remembered
 * rectangle holds their cells now, and clearing it would lose them: such a
 * block is left alone (the file shell follows the same rule). If the new block
 * lands on those cells, the check for cells in the way stops the write.
 */
export function honouredClears(clears: OwnedBlock[], snapshot: WorkbookSnapshot): OwnedBlock[] {
  return clears.filter((c) => {
    const sheet = snapshot.sheets.find((s) => s.name === c.sheet);
    if (!sheet) return false;
    return c.headers.every((h, j) => {
      const v = cellValue(sheet, c.headerRow, c.firstCol + j);
      return isEmpty(v) || String(v).trim().toLowerCase() === h.trim().toLowerCase();
    });
  });
}

export function statusRect(block: StatusBlock): RangeRef {
  return { top: block.headerRow, bottom: block.lastDataRow, left: block.firstCol, right: block.firstCol + block.columns.length - 1 };
}

function cellValue(sheet: SheetSnapshot, row: number, col: number): unknown {
  const r = row - sheet.origin.row;
  const c = col - sheet.origin.col;
  if (r < 0 || c < 0 || r >= sheet.values.length) return null;
  const line = sheet.values[r];
  return c < line.length ? line[c] : null;
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

const BAD_SHEET_NAME = /[\\/?*[\]:]/;

export function isValidSheetName(name: string): boolean {
  return name.length > 0 && name.length <= 31 && !BAD_SHEET_NAME.test(name) && !name.startsWith("'") && !name.endsWith("'") && name.toLowerCase() !== 'history';
}

/** A cell reference in A1 ("AB12") or R1C1 ("R1C1", "RC", "R", "C") form: not a table name. */
const CELL_REFERENCE = /^([A-Za-z]{1,3}[0-9]+|[Rr][0-9]*[Cc]?[0-9]*|[Cc][0-9]*)$/;

/**
 * Excel's rules for a table name: a letter, "_" or "\\" first, then letters, digits,
 * "." and "_"; no spaces; at most 255 characters; not a cell reference.
 */
export function isValidTableName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && /^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name) && !CELL_REFERENCE.test(name);
}

export function checkPlan(plan: WritePlan, snapshot: WorkbookSnapshot, facts: OfficeFacts): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const clears = honouredClears(plan.clear, snapshot);
  const edits = tableEdits(plan, snapshot, facts.capabilities.tableResize, clears);
  const sheetByName = new Map(snapshot.sheets.map((s) => [s.name, s]));
  const lower = (s: string) => s.toLowerCase();

  // ---- sheets added or removed: workbook structure protection
  const removed = new Set<string>(plan.removeSheets.filter((n) => facts.sheetNames.includes(n)));
  const structural: string[] = [...removed];
  if (plan.exceptionSheet) structural.push(plan.exceptionSheet.name);
  if (plan.savedDocument !== null && !facts.settingsSheet) structural.push(SETTINGS_SHEET_NAME);
  if (plan.savedDocument === null && facts.settingsSheet) structural.push(SETTINGS_SHEET_NAME);
  if (facts.workbookProtected && structural.length > 0) {
    const sheet = structural[0];
    problems.push({ code: 'protected-workbook', sheet, range: '', message: fmt(e.protectedWorkbook, { sheet }) });
  }

  // ---- the settings sheet
  if (plan.savedDocument !== null && facts.settingsSheet?.protected) {
    const sheet = facts.settingsSheet.name;
    problems.push({ code: 'protected-sheet', sheet, range: 'A:A', message: fmt(e.protectedSheet, { sheet, range: 'A:A' }) });
  }

  // ---- clears: their sheets must be writable
  for (const c of clears) {
    const sheet = sheetByName.get(c.sheet);
    if (!sheet || removed.has(c.sheet)) continue;
    if (sheet.protected) {
      const range = rangeA1(ownedRect(c));
      problems.push({ code: 'protected-sheet', sheet: c.sheet, range, message: fmt(e.protectedSheet, { sheet: c.sheet, range }) });
    }
  }

  // ---- status blocks
  for (const block of plan.statusBlocks) {
    if (block.columns.length === 0) continue;
    const sheet = sheetByName.get(block.sheet);
    const rect = statusRect(block);
    const range = rangeA1(rect);
    if (!sheet || removed.has(block.sheet)) {
      problems.push({ code: 'sheet-missing', sheet: block.sheet, range, message: fmt(e.sheetMissing, { sheet: block.sheet }) });
      continue;
    }
    if (sheet.protected) {
      problems.push({ code: 'protected-sheet', sheet: block.sheet, range, message: fmt(e.protectedSheet, { sheet: block.sheet, range }) });
    }
    if (block.tableName) checkTableBlock(block, sheet, edits, problems);
    else checkPlainBlock(block, sheet, clears, edits, problems);
  }

  // ---- tables losing columns without Table.resize: deleting a table column moves the cells right of it
  for (const edit of edits) {
    if (edit.removeBy !== 'delete') continue;
    const sheet = sheetByName.get(edit.sheet);
    if (!sheet) continue;
    const cells = cellsRightOfTable(sheet, edit.table.range, clears);
    if (cells.length > 0) {
      const range = rangeA1(boundingBox(cells));
      problems.push({ code: 'table-neighbours', sheet: sheet.name, range, message: fmt(e.tableNeighbours, { sheet: sheet.name, range, table: edit.table.name }) });
    }
  }

  // ---- the exception sheet
  const x = plan.exceptionSheet;
  if (x) {
    if (!isValidSheetName(x.name)) {
      problems.push({ code: 'bad-sheet-name', sheet: x.name, range: '', message: fmt(e.badSheetName, { sheet: x.name }) });
    }
    // An existing sheet of that name is replaced only when the plan says the add-in made it (removeSheets).
    const existing = facts.sheetNames.find((n) => lower(n) === lower(x.name));
    if (existing && !plan.removeSheets.some((n) => lower(n) === lower(existing))) {
      problems.push({ code: 'sheet-name-taken', sheet: existing, range: '', message: fmt(e.sheetNameTaken, { sheet: existing }) });
    }
    if (x.table) {
      const tableName = x.table.name;
      const goingAway = new Set<string>();
      for (const s of snapshot.sheets) if (removed.has(s.name)) for (const t of s.tables) goingAway.add(lower(t.name));
      if (!isValidTableName(tableName)) {
        problems.push({ code: 'bad-table-name', sheet: x.name, range: '', message: fmt(e.badTableName, { table: tableName }) });
      } else if (facts.tableNames.some((n) => lower(n) === lower(tableName) && !goingAway.has(lower(n)))) {
        problems.push({ code: 'table-name-taken', sheet: x.name, range: '', message: fmt(e.tableNameTaken, { table: tableName }) });
      } else if ((facts.definedNames ?? []).some((n) => lower(n) === lower(tableName))) {
        // Tables and defined names share one namespace: Excel would refuse the name part-way through the write.
        problems.push({ code: 'table-name-taken', sheet: x.name, range: '', message: fmt(e.tableNameIsDefinedName, { table: tableName }) });
      }
    }
  }
  return problems;
}

function boundingBox(cells: { row: number; col: number }[]): RangeRef {
  // A loop, not Math.min(...cells): a whole column in the way is 100,000 cells.
  const r: RangeRef = { top: Infinity, bottom: -Infinity, left: Infinity, right: -Infinity };
  for (const c of cells) {
    r.top = Math.min(r.top, c.row);
    r.bottom = Math.max(r.bottom, c.row);
    r.left = Math.min(r.left, c.col);
    r.right = Math.max(r.right, c.col);
  }
  return r;
}

function occupiedProblem(sheet: string, cells: { row: number; col: number }[]): PlanProblem {
  const range = rangeA1(boundingBox(cells));
  return { code: 'occupied', sheet, range, message: fmt(e.occupied, { sheet, range }) };
}

/**
 * The user's cells right of a table, in its rows: those a TableColumn.delete would move left.
 * Cells of the add-in's plain blocks there are not the user's (they are cleared before any
 * table column is deleted).
 */
function cellsRightOfTable(sheet: SheetSnapshot, table: RangeRef, clears: OwnedBlock[]): { row: number; col: number }[] {
  const owned = clears.filter((c) => c.sheet === sheet.name && c.tableName === null).map(ownedRect);
  const lastCol = sheet.origin.col + (sheet.values[0]?.length ?? 0) - 1;
  const out: { row: number; col: number }[] = [];
  for (let row = table.top; row <= table.bottom; row++) {
    for (let col = table.right + 1; col <= lastCol; col++) {
      if (isEmpty(cellValue(sheet, row, col))) continue;
      if (owned.some((o) => contains(o, row, col))) continue;
      out.push({ row, col });
    }
  }
  return out;
}

function checkMerges(sheet: SheetSnapshot, rect: RangeRef, problems: PlanProblem[]): void {
  const hit = sheet.merges.find((m) => intersects(m, rect));
  if (hit) {
    const range = rangeA1(hit);
    problems.push({ code: 'merged', sheet: sheet.name, range, message: fmt(e.merged, { sheet: sheet.name, range }) });
  }
}

function checkPlainBlock(block: StatusBlock, sheet: SheetSnapshot, clears: OwnedBlock[], edits: TableEdit[], problems: PlanProblem[]): void {
  const rect = statusRect(block);
  const owned = clears.filter((c) => c.sheet === block.sheet && c.tableName === null).map(ownedRect);
  const occupied: { row: number; col: number }[] = [];
  for (let row = rect.top; row <= rect.bottom; row++) {
    for (let col = rect.left; col <= rect.right; col++) {
      if (isEmpty(cellValue(sheet, row, col))) continue;
      if (owned.some((o) => contains(o, row, col))) continue;
      occupied.push({ row, col });
    }
  }
  if (occupied.length > 0) problems.push(occupiedProblem(sheet.name, occupied));
  // A table's cells (other than the owned columns that go) are not ours to write.
  for (const t of sheet.tables) {
    if (!intersects(t.range, rect)) continue;
    const gone = edits.find((x) => x.sheet === sheet.name && x.table.name === t.name)?.removed.length ?? 0;
    const remaining: RangeRef = { ...t.range, right: t.range.right - gone };
    if (remaining.right >= remaining.left && intersects(remaining, rect)) {
      const range = rangeA1(rect);
      problems.push({ code: 'inside-table', sheet: sheet.name, range, message: fmt(e.insideTable, { sheet: sheet.name, range, table: t.name }) });
    }
  }
  checkMerges(sheet, rect, problems);
}

function checkTableBlock(block: StatusBlock, sheet: SheetSnapshot, edits: TableEdit[], problems: PlanProblem[]): void {
  const table = sheet.tables.find((t) => t.name === block.tableName);
  const rect = statusRect(block);
  if (!table) {
    problems.push({
      code: 'table-missing',
      sheet: sheet.name,
      range: rangeA1(rect),
      message: fmt(e.tableMissing, { sheet: sheet.name, table: block.tableName ?? '' }),
    });
    return;
  }
  if (table.headerRowCount === 0) {
    problems.push({
      code: 'table-no-header',
      sheet: sheet.name,
      range: rangeA1(table.range),
      message: fmt(e.tableHasNoHeader, { sheet: sheet.name, table: table.name }),
    });
    return;
  }
  const edit = edits.find((x) => x.sheet === sheet.name && x.table.name === table.name);
  const owned = edit?.owned ?? [];
  const right = edit?.userRight ?? table.range.right;
  // The columns start right of the table's own (the user's) columns; the rows are the table's.
  if (block.firstCol !== right + 1 || block.headerRow !== table.range.top || block.firstDataRow <= table.range.top || block.lastDataRow > table.range.bottom) {
    const range = rangeA1(table.range);
    problems.push({ code: 'table-moved', sheet: sheet.name, range, message: fmt(e.tableMoved, { sheet: sheet.name, table: table.name, range }) });
    return;
  }
  // Column names: Excel would rename a clash silently.
  const kept = new Set(table.columnNames.filter((n) => !owned.some((d) => d.toLowerCase() === n.toLowerCase())).map((n) => n.toLowerCase()));
  for (const c of block.columns) {
    if (kept.has(c.header.toLowerCase())) {
      problems.push({
        code: 'column-name-taken',
        sheet: sheet.name,
        range: rangeA1(table.range),
        message: fmt(e.columnNameTaken, { table: table.name, name: c.header }),
      });
    }
    kept.add(c.header.toLowerCase());
  }
  // The columns added at the end of the table (those past the owned columns kept in place) take
  // the cells right of the table, header to totals row. Where owned columns are deleted first,
  // the cells right of them move left by as many, so look where the cells are now.
  const inPlace = edit?.kept ?? 0;
  const shift = edit?.removeBy === 'delete' ? edit.removed.length : 0;
  if (inPlace >= block.columns.length) return;
  const target: RangeRef = { top: table.range.top, bottom: table.range.bottom, left: right + inPlace + 1 + shift, right: right + block.columns.length + shift };
  const occupied: { row: number; col: number }[] = [];
  for (let row = target.top; row <= target.bottom; row++) {
    for (let col = target.left; col <= target.right; col++) {
      if (!isEmpty(cellValue(sheet, row, col))) occupied.push({ row, col });
    }
  }
  if (occupied.length > 0) problems.push(occupiedProblem(sheet.name, occupied));
  for (const t of sheet.tables) {
    if (t.name !== table.name && intersects(t.range, target)) {
      const range = rangeA1({ ...target, left: target.left - shift, right: target.right - shift });
      problems.push({ code: 'inside-table', sheet: sheet.name, range, message: fmt(e.insideTable, { sheet: sheet.name, range, table: t.name }) });
    }
  }
  checkMerges(sheet, target, problems);
}
