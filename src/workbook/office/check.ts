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
 * What clearing does to a table: the table columns inside an owned block's
 * columns are deleted, by position (a header the user renamed is still ours).
 * Returned as the names the read found.
 */
export function deletedTableColumns(table: TableInfo, clears: OwnedBlock[], sheet: string): string[] {
  const out: string[] = [];
  for (const c of clears) {
    if (c.sheet !== sheet || c.tableName !== table.name) continue;
    const from = Math.max(c.firstCol, table.range.left + 1, c.tableOriginalRight !== null ? c.tableOriginalRight + 1 : -1);
    const to = Math.min(c.firstCol + c.keys.length - 1, table.range.right);
    for (let col = from; col <= to; col++) {
      const name = table.columnNames[col - table.range.left];
      if (name !== undefined && !out.includes(name)) out.push(name);
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
    if (block.tableName) checkTableBlock(block, sheet, clears, problems);
    else checkPlainBlock(block, sheet, clears, problems);
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

function occupiedProblem(sheet: string, cells: { row: number; col: number }[]): PlanProblem {
  // A loop, not Math.min(...cells): a whole column in the way is 100,000 cells.
  const r: RangeRef = { top: Infinity, bottom: -Infinity, left: Infinity, right: -Infinity };
  for (const c of cells) {
    r.top = Math.min(r.top, c.row);
    r.bottom = Math.max(r.bottom, c.row);
    r.left = Math.min(r.left, c.col);
    r.right = Math.max(r.right, c.col);
  }
  const range = rangeA1(r);
  return { code: 'occupied', sheet, range, message: fmt(e.occupied, { sheet, range }) };
}

function checkMerges(sheet: SheetSnapshot, rect: RangeRef, problems: PlanProblem[]): void {
  const hit = sheet.merges.find((m) => intersects(m, rect));
  if (hit) {
    const range = rangeA1(hit);
    problems.push({ code: 'merged', sheet: sheet.name, range, message: fmt(e.merged, { sheet: sheet.name, range }) });
  }
}

function checkPlainBlock(block: StatusBlock, sheet: SheetSnapshot, clears: OwnedBlock[], problems: PlanProblem[]): void {
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
  // A table's cells (other than the owned columns being deleted) are not ours to write.
  for (const t of sheet.tables) {
    if (!intersects(t.range, rect)) continue;
    const deleted = deletedTableColumns(t, clears, sheet.name).length;
    const remaining: RangeRef = { ...t.range, right: t.range.right - deleted };
    if (remaining.right >= remaining.left && intersects(remaining, rect)) {
      const range = rangeA1(rect);
      problems.push({ code: 'inside-table', sheet: sheet.name, range, message: fmt(e.insideTable, { sheet: sheet.name, range, table: t.name }) });
    }
  }
  checkMerges(sheet, rect, problems);
}

function checkTableBlock(block: StatusBlock, sheet: SheetSnapshot, clears: OwnedBlock[], problems: PlanProblem[]): void {
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
  const deleted = deletedTableColumns(table, clears, sheet.name);
  const right = table.range.right - deleted.length;
  // The columns start right of the table (once the owned ones are gone); the rows are the table's.
  if (block.firstCol !== right + 1 || block.headerRow !== table.range.top || block.firstDataRow <= table.range.top || block.lastDataRow > table.range.bottom) {
    const range = rangeA1(table.range);
    problems.push({ code: 'table-moved', sheet: sheet.name, range, message: fmt(e.tableMoved, { sheet: sheet.name, table: table.name, range }) });
    return;
  }
  // Column names: Excel would rename a clash silently.
  const kept = new Set(table.columnNames.filter((n) => !deleted.some((d) => d.toLowerCase() === n.toLowerCase())).map((n) => n.toLowerCase()));
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
  // The new columns take the cells right of the table, header to totals row. Deleting the
  // owned columns first shifts the table's rows left, so look where the cells are now.
  const shift = deleted.length;
  const target: RangeRef = { top: table.range.top, bottom: table.range.bottom, left: right + 1, right: right + block.columns.length };
  const occupied: { row: number; col: number }[] = [];
  for (let row = target.top; row <= target.bottom; row++) {
    for (let col = target.left; col <= target.right; col++) {
      if (!isEmpty(cellValue(sheet, row, col + shift))) occupied.push({ row, col: col + shift });
    }
  }
  if (occupied.length > 0) problems.push(occupiedProblem(sheet.name, occupied));
  for (const t of sheet.tables) {
    if (t.name !== table.name && intersects(t.range, { ...target, left: target.left + shift, right: target.right + shift })) {
      const range = rangeA1(target);
      problems.push({ code: 'inside-table', sheet: sheet.name, range, message: fmt(e.insideTable, { sheet: sheet.name, range, table: t.name }) });
    }
  }
  checkMerges(sheet, { ...target, left: target.left + shift, right: target.right + shift }, problems);
}
