/**
 * Finding measure tables in a workbook snapshot, as people keep them: Excel tables
 * as they are; plain ranges under title rows, merged banners and guidance notes;
 * stacked header rows; several tables on a sheet, separated by blank rows or
 * section headings, each perhaps re-stating its header; wide layouts (a column per
 * period) and long ones (a row per period). The configuration can force, shape or
 * leave out any table.
 *
 * How a header row is found: a row is a candidate when it holds at least two texts
 * and no plain numbers, and one of its texts names a measure or reference column.
 * Its columns are split into runs of occupied columns (a blank column with nothing
 * below separates two tables side by side), and each run is scored by the roles of
 * its headers (exact synonyms score more than headers that merely contain a role's
 * words). A run is a measure table when it has a measure (or reference) column and
 * a value column: an actual, period columns, a RAG column or a "complete" column.
 * Short text rows directly above (a banner over some columns) and recognised
 * header words directly below ("Actual | Target" under "Q1") are stacked onto it.
 */
import { norm, tableEntryMatches, tableSettings, workbookSettings, type TableIdentity } from '../config/resolve';
import type { RagConfig, TableConfig } from '../config/schema';
import { fmt, messages } from '../messages';
import {
  SETTINGS_SHEET_NAME,
  type DetectedColumn,
  type DetectedTable,
  type Issue,
  type OwnedBlock,
  type PeriodInfo,
  type RangeRef,
  type SheetSnapshot,
  type TableInfo,
  type WorkbookSnapshot,
} from '../types';
import { cellText, isBlankText, isMissing, parseValue, trimCell } from '../values';
import { analyseColumns, assignPeriodOrders, finalColumns, inferOwnedBlocks, ownedColumns, resolveRoles, summarise, type ColumnAnalysis, type ColumnDraft } from './columns';
import { a1, a1Range, lettersToCol, parseA1Range, type Grid, gridOf, withCellsEmptied } from './grid';
import { normHeader, roleOfHeader, VALUE_ROLES } from './headers';
import { isDateCell, parsePeriodCell, parsePeriodText, samePeriod } from './periods';

/** The catalogue's detection words (looked up on use, so another language can be swapped in). */
const T = (): typeof messages.detect => messages.detect;

/** Rows above a header searched for stacked header rows, and below it for sub-header rows. */
const STACK_UP = 3;
const STACK_DOWN = 3;
/** Data rows sampled below a header when values decide a column's role. */
const SAMPLE_ROWS = 40;

export interface DetectResult {
  tables: DetectedTable[];
  skippedSheets: { sheet: string; reason: string }[];
  /** Issues not about one table (settings that name a missing sheet...). Each table carries its own in `table.issues`. */
  issues: Issue[];
}

interface SheetCtx {
  sheet: SheetSnapshot;
  grid: Grid;
  ysm: number;
  owned: OwnedBlock[];
  /** Excel tables' ranges: plain-range detection leaves their cells alone. */
  masks: RangeRef[];
  /** Hidden rows: helper rows above a header are not part of it. */
  hidden: Set<number>;
}

interface Block {
  excelTable: string | null;
  headerTop: number;
  headerRow: number;
  left: number;
  right: number;
  firstDataRow: number;
  lastDataRow: number;
  drafts: ColumnDraft[];
  forced: boolean;
  caption: { row: number; text: string } | null;
  issues: Issue[];
  /** Set by the settings: the header text of the period to report. */
  currentPeriodText?: string;
  /** Set for a table forced by a range: its id is that range. */
  fixedRange?: RangeRef;
  /** The last row plan made for this block (planRows reuses it while the block's columns are the same). */
  rowPlan?: CachedRowPlan;
}

// ---------------------------------------------------------------- cells and rows

function masked(ctx: SheetCtx, r: number, c: number): boolean {
  for (const m of ctx.masks) if (r >= m.top && r <= m.bottom && c >= m.left && c <= m.right) return true;
  return false;
}

function rowBlank(ctx: SheetCtx, r: number, left: number, right: number): boolean {
  if (ctx.masks.length === 0) return ctx.grid.rowBlank(r, left, right);
  for (let c = left; c <= right; c++) if (!masked(ctx, r, c) && !ctx.grid.isBlank(r, c)) return false;
  return true;
}

/** A number that cannot be a header: not a date, not a year. */
function plainNumber(ctx: SheetCtx, r: number, c: number, v: number): boolean {
  if (isDateCell(v, ctx.grid.format(r, c))) return false;
  return !(Number.isInteger(v) && v >= 1950 && v <= 2099);
}

/** Cheap test run on every row outside a table: two or more texts, no plain numbers, one naming a measure or reference column. */
function looksLikeHeaderRow(ctx: SheetCtx, r: number): boolean {
  const g = ctx.grid;
  let filled = 0;
  // first pass: a plain number anywhere rules the row out (every data row, quickly)
  for (let c = g.left; c <= g.right; c++) {
    const v = g.value(r, c);
    if (v === null) continue;
    if (typeof v === 'number') {
      if (plainNumber(ctx, r, c, v) && !(ctx.masks.length > 0 && masked(ctx, r, c))) return false;
      filled++;
    } else if (typeof v === 'boolean') {
      if (!(ctx.masks.length > 0 && masked(ctx, r, c))) return false;
    } else if (v.length > 0) filled++;
  }
  if (filled < 2) return false;
  filled = 0;
  let named = false;
  for (let c = g.left; c <= g.right; c++) {
    const v = g.value(r, c);
    if (v === null || typeof v !== 'string') {
      if (v !== null) filled++;
      continue;
    }
    if (ctx.masks.length > 0 && masked(ctx, r, c)) continue;
    const t = trimCell(v);
    if (t.length === 0) continue;
    filled++;
    if (!named && t.length <= 80) {
      const m = roleOfHeader(t);
      if (m && (m.role === 'measure' || m.role === 'ref')) named = true;
    }
  }
  return filled >= 2 && named;
}

/** Data rows below a header for sampling: non-blank rows until two blank rows in a row. */
function sampleRowsBelow(ctx: SheetCtx, r: number, left: number, right: number, limit = SAMPLE_ROWS): number[] {
  const out: number[] = [];
  let blanks = 0;
  for (let x = r + 1; x <= ctx.grid.bottom && out.length < limit; x++) {
    if (rowBlank(ctx, x, left, right)) {
      if (++blanks >= 2) break;
      continue;
    }
    blanks = 0;
    out.push(x);
  }
  return out;
}

/** Runs of occupied columns under a header row: a column is occupied when its header or a sampled cell below holds something. */
function segmentsAt(ctx: SheetCtx, r: number): [number, number][] {
  const g = ctx.grid;
  const sample = sampleRowsBelow(ctx, r, g.left, g.right, 12);
  const occupied: boolean[] = [];
  for (let c = g.left; c <= g.right; c++) {
    let occ = !masked(ctx, r, c) && g.headerText(r, c).text.length > 0;
    for (let i = 0; !occ && i < sample.length; i++) occ = !masked(ctx, sample[i], c) && !g.isBlank(sample[i], c);
    occupied.push(occ);
  }
  const runs: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= occupied.length; i++) {
    if (i < occupied.length && occupied[i]) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      runs.push([g.left + start, g.left + i - 1]);
      start = -1;
    }
  }
  // a spacer column inside a table: the run after a one-column gap belongs to the table when it
  // names no measure of its own and its headers are data words ("Owner", "Commentary"); a legend
  // beside the table ("RAG Guidance") stays apart
  const out: [number, number][] = [];
  for (const run of runs) {
    const prev = out[out.length - 1];
    if (prev && run[0] - prev[1] === 2 && continuesTable(ctx, r, run)) prev[1] = run[1];
    else out.push([run[0], run[1]]);
  }
  return out;
}

function continuesTable(ctx: SheetCtx, r: number, [left, right]: [number, number]): boolean {
  let data = false;
  for (let c = left; c <= right; c++) {
    const t = ctx.grid.headerText(r, c).text;
    if (t.length === 0) continue;
    const m = roleOfHeader(t);
    if (!m || m.role === 'ignore' || m.role === 'measure' || m.role === 'ref') return false;
    data = true;
  }
  return data;
}

const SUB_HEADER_WORDS = new Set(['total', 'totals', 'forecast', 'actual', 'actuals', 'target', 'variance', 'ytd', 'profile', 'plan', 'outturn', 'result', 'rag', 'comment', 'comments', 'value', 'baseline']);

/** A row below a header that continues it ("Actual | Target" under "Q1 | Q2"): short recognised words, nothing in the name columns. */
function isSubHeaderRow(ctx: SheetCtx, s: number, left: number, right: number, nameCols: number[]): boolean {
  const g = ctx.grid;
  if (s > g.bottom) return false;
  let nonEmpty = 0;
  let recognised = 0;
  if (ctx.hidden.has(s)) return false;
  for (let c = left; c <= right; c++) {
    if (masked(ctx, s, c) || g.isBlank(s, c)) continue;
    const v = g.value(s, c);
    if (v === null) continue; // a formula without a saved result says nothing either way
    if (nameCols.includes(c)) return false;
    if (typeof v === 'number') {
      if (!isDateCell(v, g.format(s, c))) return false;
      nonEmpty++;
      recognised++;
      continue;
    }
    if (typeof v !== 'string') return false;
    const t = trimCell(v);
    if (t.length > 60) return false;
    nonEmpty++;
    if (SUB_HEADER_WORDS.has(normHeader(t)) || parsePeriodText(t, ctx.ysm) !== null || roleOfHeader(t) !== null) recognised++;
  }
  return nonEmpty >= 2 && recognised * 2 >= nonEmpty;
}

/** A row below a header whose every filled cell is covered by merges that start in the header rows ("Indicator Name" merged over four rows). */
function isMergedContinuation(ctx: SheetCtx, s: number, left: number, right: number, headerBottom: number): boolean {
  const g = ctx.grid;
  if (s > g.bottom) return false;
  let covered = false;
  for (let c = left; c <= right; c++) {
    const m = g.mergeAt(s, c);
    if (m && m.top <= headerBottom && m.bottom >= s) {
      covered = true;
      continue;
    }
    if (!masked(ctx, s, c) && !g.isBlank(s, c)) return false;
  }
  return covered;
}

/** Words a banner over some columns may hold; a longer sentence is a note, not part of the header. */
const MAX_BANNER_WORDS = 5;

/**
 * A row directly above a header that belongs to it: joined to it by a vertical merge, or short
 * texts that are not one title over the table's left edge (a banner over some columns is).
 */
function isStackRow(ctx: SheetCtx, u: number, left: number, right: number, headerRow: number): boolean {
  const g = ctx.grid;
  if (u < g.top || ctx.hidden.has(u)) return false;
  for (let c = left; c <= right; c++) {
    const m = g.mergeAt(u, c);
    if (m && m.top <= u && m.bottom >= headerRow) return true;
  }
  const seen = new Set<string>();
  const cells: { row: number; col: number }[] = [];
  for (let c = left; c <= right; c++) {
    if (masked(ctx, u, c)) continue;
    const { value, at, format } = g.shownValue(u, c);
    if (value === null) continue;
    const k = `${at.row}:${at.col}`;
    if (seen.has(k)) continue;
    if (typeof value === 'number') {
      if (!isDateCell(value, format)) return false;
    } else if (typeof value === 'string') {
      const t = trimCell(value);
      if (t.length === 0) continue;
      if (t.length > 100) return false;
      if (t.split(/\s+/).length > MAX_BANNER_WORDS && parsePeriodText(t, ctx.ysm) === null) {
        const m = roleOfHeader(t);
        if (m === null || m.role === 'ignore') return false; // a note ("See the table to the right for RAG guidance")
      }
      if (MARKER.test(t)) return false;
    } else return false;
    seen.add(k);
    cells.push(at);
  }
  if (cells.length === 0) return false;
  if (cells.length === 1) {
    const at = cells[0];
    const m = g.mergeAt(at.row, at.col);
    const spanLeft = m ? m.left : at.col;
    if (spanLeft <= left) return false; // a title or caption over the table
  }
  return true;
}

const END_MARKER = /^[A-Z0-9_]+(?:-[A-Z0-9_]+)*[-_]END$/;
/** Machine anchors such as "PF-USER_PROJECT-PROGRESS-START": never a heading or caption. */
const MARKER = /^[A-Z0-9_]+(?:-[A-Z0-9_]+)*[-_](?:START|END)$/;

/** A row that ends a table: "END", "End of table", or a machine marker such as "PF-USER_PROJECT-PROGRESS-END". */
function isEndRow(ctx: SheetCtx, r: number, left: number, right: number): boolean {
  const g = ctx.grid;
  let any = false;
  for (let c = left; c <= right; c++) {
    const v = g.value(r, c);
    if (v === null) continue;
    if (typeof v !== 'string') return false;
    const t = trimCell(v);
    if (t.length === 0) continue;
    const up = t.toUpperCase();
    if (!(up === 'END' || up === 'END OF TABLE' || up === 'END OF SHEET' || up === 'END OF DATA' || (t.length <= 80 && END_MARKER.test(t)))) return false;
    any = true;
  }
  return any;
}

// ---------------------------------------------------------------- header candidates

interface HeaderCandidate {
  headerTop: number;
  headerRow: number;
  left: number;
  right: number;
  analysis: ColumnAnalysis;
}

function nameColumns(a: ColumnAnalysis): number[] {
  return a.columns.filter((c) => c.role === 'measure' || c.role === 'ref').map((c) => c.col);
}

function qualifies(a: ColumnAnalysis): boolean {
  return a.hasName && a.hasValue;
}

/** Builds the header over one run of columns: stacks rows above and below, and analyses the columns. */
function headerOver(ctx: SheetCtx, r: number, left: number, right: number, minTop: number, allowDown: boolean): { cand: HeaderCandidate; single: ColumnAnalysis } {
  const sample = sampleRowsBelow(ctx, r, left, right);
  const owned0 = ownedColumns(ctx.owned, ctx.sheet.name, r);
  const a0 = analyseColumns(ctx.grid, { top: r, bottom: r }, left, right, sample, owned0, ctx.ysm);
  let bottom = r;
  if (allowDown) {
    const names = nameColumns(a0);
    for (let s = r + 1; s <= r + STACK_DOWN; s++) {
      if (isMergedContinuation(ctx, s, left, right, bottom) || isSubHeaderRow(ctx, s, left, right, names)) bottom = s;
      else break;
    }
  }
  let top = r;
  for (let u = r - 1; u >= Math.max(minTop, r - STACK_UP); u--) {
    if (isStackRow(ctx, u, left, right, r)) top = u;
    else break;
  }
  if (top === r && bottom === r) return { cand: { headerTop: r, headerRow: r, left, right, analysis: a0 }, single: a0 };
  const sample1 = bottom === r ? sample : sampleRowsBelow(ctx, bottom, left, right);
  const owned1 = ownedColumns(ctx.owned, ctx.sheet.name, bottom);
  const a1x = analyseColumns(ctx.grid, { top, bottom }, left, right, sample1, owned1, ctx.ysm);
  if (qualifies(a1x) || !qualifies(a0)) return { cand: { headerTop: top, headerRow: bottom, left, right, analysis: a1x }, single: a0 };
  return { cand: { headerTop: r, headerRow: r, left, right, analysis: a0 }, single: a0 };
}

/** The measure tables whose (first) header row is r, one per qualifying run of columns. */
function tryHeaderAt(ctx: SheetCtx, r: number, minTop: number): HeaderCandidate[] {
  const out: HeaderCandidate[] = [];
  for (const [left, right] of segmentsAt(ctx, r)) {
    // quick: the run must name a measure or reference
    let named = false;
    for (let c = left; c <= right && !named; c++) {
      const t = ctx.grid.headerText(r, c).text;
      if (t.length === 0 || t.length > 80) continue;
      const m = roleOfHeader(t);
      named = m !== null && (m.role === 'measure' || m.role === 'ref');
    }
    if (!named) continue;
    const { cand, single } = headerOver(ctx, r, left, right, minTop, true);
    if (qualifies(single) || qualifies(cand.analysis)) {
      if (qualifies(cand.analysis)) out.push(cand);
      else out.push({ headerTop: r, headerRow: r, left, right, analysis: single });
    }
  }
  return out;
}

/** Whether an Excel table covers some of the row between left and right. */
function rowMasked(ctx: SheetCtx, r: number, left: number, right: number): boolean {
  for (const m of ctx.masks) if (r >= m.top && r <= m.bottom && m.left <= right && m.right >= left) return true;
  return false;
}

/** Scans down from a header to the end of its block: two blank rows, an END marker, the next header, an Excel table, or the end of the sheet. */
function scanBlock(ctx: SheetCtx, headerRow: number, left: number, right: number, stopAtHeaders = true): { last: number; next: number } {
  const g = ctx.grid;
  let blanks = 0;
  let last = headerRow;
  let r = headerRow + 1;
  /** The last few data rows (newest last): a header-like row that repeats their cells is one of them. */
  const recent: number[] = [];
  for (; r <= g.bottom; r++) {
    if (ctx.masks.length > 0 && rowMasked(ctx, r, left, right)) break;
    if (rowBlank(ctx, r, left, right)) {
      if (++blanks >= 2) break;
      continue;
    }
    if (isEndRow(ctx, r, left, right)) break;
    if (stopAtHeaders && looksLikeHeaderRow(ctx, r) && !(blanks === 0 && continuesRowsAbove(ctx, r, left, right, recent))) {
      const next = tryHeaderAt(ctx, r, r);
      if (next.some((n) => n.left <= right && n.right >= left)) break;
    }
    blanks = 0;
    last = r;
    recent.push(r);
    if (recent.length > RECENT_ROWS) recent.shift();
  }
  return { last, next: r };
}

/** Data rows a header-like row is compared with. */
const RECENT_ROWS = 3;

/**
 * A row straight after data rows that carries on their data: two or more of its texts (and at
 * least a quarter of them) are the very texts the rows just above hold in the same columns
 * ("Honduras | Rural Development | All Activities ..."). A header never repeats the data above
 * it cell for cell, so such a row is data, however header-like its words ("Output", "Complete").
 */
function continuesRowsAbove(ctx: SheetCtx, r: number, left: number, right: number, recent: number[]): boolean {
  if (recent.length === 0) return false;
  const g = ctx.grid;
  let texts = 0;
  let same = 0;
  for (let c = left; c <= right; c++) {
    const v = g.value(r, c);
    if (typeof v !== 'string' || isMissing(v)) continue;
    const t = trimCell(v);
    texts++;
    for (const x of recent) {
      const above = g.value(x, c);
      if (typeof above === 'string' && trimCell(above) === t) {
        same++;
        break;
      }
    }
  }
  return same >= 2 && same * 4 >= texts;
}

// ---------------------------------------------------------------- rows of a block

interface RowPlan {
  measureRows: number[];
  sections: { row: number; text: string }[];
  /** Rows holding numbers in the table's value columns but no measure name and no reference: not measures, reported. */
  unnamedRows: number[];
  /** Rows with a reference but no name and no values (a group label in a long list): not measures, reported. */
  refOnlyRows: number[];
}

const TOTAL_WORDS = new Set(['total', 'totals', 'grand total', 'overall total', 'sum', 'total all', 'sub total', 'subtotal', 'overall totals']);
const NOTE_START = /^(?:source|sources|note|notes|data source|key|\*|†|‡|nb)\b/i;

function cellString(ctx: SheetCtx, r: number, c: number): string | null {
  return cellText(ctx.grid.value(r, c));
}

interface CachedRowPlan extends RowPlan {
  firstDataRow: number;
  lastDataRow: number;
  left: number;
  right: number;
  excelTable: string | null;
  /** undefined when no row asked for it. */
  refsUsual: boolean | undefined;
  /** Rows sorted by what follows them; undefined when none was. */
  rowsAfter: number[] | undefined;
}

const EXAMPLE_START = /^(?:example|e\.g\.)/i;
const EXAMPLE_WORD = /\bexample\b/i;
const SECTION_START = /^(?:section|part|theme|priority|directorate|service|objective|outcome)\b/i;
/** Every TOTAL_WORDS entry has "total" or "sum" in one word. */
const TOTAL_HINT = /total|sum/i;

const startsExample = (t: string | null): boolean => t !== null && EXAMPLE_START.test(t);

/** Words of an instruction to whoever fills the template in ("Additional indicators - please use the spaces below"): never a measure. */
const INSTRUCTION = /\b(?:please|click here|use the (?:spaces?|rows?|cells?|lines?|table|drop[- ]?down)|do not (?:edit|delete|change|amend))\b/i;

/** The texts of a block's header rows, per column (normalised): a row inside the block that repeats them is a repeated header. */
function headerWordsOf(ctx: SheetCtx, b: Block): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const d of b.drafts) {
    const set = new Set<string>();
    if (b.excelTable) {
      if (d.header.length > 0) set.add(normHeader(d.header));
    } else {
      for (let r = b.headerTop; r <= b.headerRow; r++) {
        const t = ctx.grid.headerText(r, d.col).text;
        if (t.length > 0 && t.length <= 120) set.add(normHeader(t));
      }
    }
    out.set(d.col, set);
  }
  return out;
}

/**
 * A row inside a block that restates (part of) the header rather than holding a measure: its
 * texts are the header's own texts in the same columns, header words ("Actual", "Forecast"),
 * period labels ("Financial Year 2022/23") or dates shown as dates, and it holds no plain number.
 * A name or value column holding anything else (a measure's name, a figure typed as text) makes
 * it a data row. A note beside the restated header (in a column that is neither) is allowed.
 */
function isRepeatedHeaderRow(
  ctx: SheetCtx,
  b: Block,
  r: number,
  headerWords: Map<number, Set<string>>,
  nameCols: ReadonlySet<number>,
  valueCols: ReadonlySet<number>,
  skipCols: ReadonlySet<number>,
): boolean {
  const g = ctx.grid;
  let headerish = 0;
  for (let c = b.left; c <= b.right; c++) {
    if (skipCols.has(c)) continue;
    const v = g.value(r, c);
    if (v === null) continue;
    const m = g.mergeAt(r, c);
    if (m && (m.left !== c || m.top !== r)) continue;
    if (typeof v === 'number') {
      if (!isDateCell(v, g.format(r, c))) return false;
      // a date where the header has periods: the date row of a restated period header
      if (nameCols.has(c)) return false;
      headerish++;
      continue;
    }
    if (typeof v === 'boolean') return false;
    const t = trimCell(v);
    if (t.length === 0 || isMissing(t)) continue;
    const n = normHeader(t);
    if (headerWords.get(c)?.has(n)) {
      headerish++;
      continue;
    }
    if (nameCols.has(c)) return false;
    if (t.length <= 60 && (SUB_HEADER_WORDS.has(n) || parsePeriodText(t, ctx.ysm) !== null)) {
      headerish++;
      continue;
    }
    if (valueCols.has(c)) return false;
  }
  return headerish > 0;
}

/**
 * Whether normHeader(label) can be one of TOTAL_WORDS. For plain ASCII without apostrophes,
 * normHeader keeps every run of letters and digits as it is (lower-cased) and puts spaces
 * (or "and", "%") between runs, so a total word can only come from a label holding "total"
 * or "sum"; anything else is left to the full test.
 */
function mayBeTotal(label: string): boolean {
  for (let i = 0; i < label.length; i++) {
    const c = label.charCodeAt(i);
    if (c >= 128 || c === 39 /* ' */) return true;
  }
  return TOTAL_HINT.test(label);
}

/** Sorts the rows of a block into measure rows and section headings; blank, END, example, total and empty template rows are neither. */
function planRows(sheetCtx: SheetCtx, b: Block): RowPlan {
  // an Excel table's own cells are not masked from it
  const ctx: SheetCtx = b.excelTable ? { ...sheetCtx, masks: [] } : sheetCtx;
  const g = ctx.grid;
  const cols = b.drafts.filter((d) => d.role !== 'owned');
  const measureCol = cols.find((d) => d.role === 'measure')?.col ?? null;
  const refCol = cols.find((d) => d.role === 'ref')?.col ?? null;
  const dataCols = cols.filter((d) => VALUE_ROLES.has(d.role) && d.role !== 'commentary').map((d) => d.col);
  const ownedSet = new Set(b.drafts.filter((d) => d.role === 'owned').map((d) => d.col));
  const leftPart = Math.max(measureCol ?? b.left, refCol ?? b.left);
  // how many rows have a reference: a row with text but no reference then reads as a heading
  // (counted when a row needs to know, which few do)
  let refsUsualKnown: boolean | undefined;
  const refsUsualNow = (): boolean => {
    if (refsUsualKnown === undefined) {
      let refRows = 0;
      let rowsSeen = 0;
      if (refCol !== null) {
        for (let r = b.firstDataRow; r <= b.lastDataRow; r++) {
          if (rowBlank(ctx, r, b.left, b.right)) continue;
          rowsSeen++;
          if (!g.isMissingCell(r, refCol)) refRows++;
        }
      }
      refsUsualKnown = refCol !== null && refRows * 2 > rowsSeen;
    }
    return refsUsualKnown;
  };

  // Each row is sorted on its own cells and refsUsual (when it asks for it): a plan of a longer
  // run of the same block's rows, sorted with the same refsUsual (or without asking), holds this plan's rows.
  const cached = b.rowPlan;
  if (
    cached &&
    cached.firstDataRow === b.firstDataRow &&
    cached.lastDataRow >= b.lastDataRow &&
    cached.left === b.left &&
    cached.right === b.right &&
    cached.excelTable === b.excelTable &&
    (cached.refsUsual === undefined || cached.refsUsual === refsUsualNow())
  ) {
    const last = b.lastDataRow;
    if (cached.lastDataRow === last)
      return { measureRows: cached.measureRows.slice(), sections: cached.sections.slice(), unnamedRows: cached.unnamedRows.slice(), refOnlyRows: cached.refOnlyRows.slice() };
    if (cached.rowsAfter === undefined || cached.rowsAfter.every((x) => x > last)) {
      return {
        measureRows: cached.measureRows.filter((r) => r <= last),
        sections: cached.sections.filter((x) => x.row <= last),
        unnamedRows: cached.unnamedRows.filter((r) => r <= last),
        refOnlyRows: cached.refOnlyRows.filter((r) => r <= last),
      };
    }
  }

  const measureRows: number[] = [];
  const sections: { row: number; text: string }[] = [];
  const unnamedRows: number[] = [];
  const refOnlyRows: number[] = [];
  /** Rows whose sorting looked at rows after them (a heading is a heading when measures follow): a shorter plan may sort them differently. */
  const rowsAfter: number[] = [];
  const hasOwned = ownedSet.size > 0;
  const nameCols = new Set<number>([measureCol, refCol].filter((c): c is number => c !== null));
  const valueCols = new Set<number>(dataCols);
  // helper columns: no header, nothing the table reads (completeness flags, hidden lookups)
  const headerWords = headerWordsOf(ctx, b);
  const helperCols = new Set<number>(cols.filter((d) => d.role === 'ignore' && d.header.length === 0).map((d) => d.col));
  const skipCols = new Set<number>([...ownedSet, ...helperCols]);
  /** A flag in a helper column (a number, or its formula saved without a result): not part of what the row says. */
  const helperNumber = (r: number, c: number): boolean => {
    if (!helperCols.has(c)) return false;
    const v = g.value(r, c);
    return typeof v === 'number' || typeof v === 'boolean' || (v === null && g.isUncached(r, c));
  };
  const rowHasData = (r: number): boolean => {
    for (const c of dataCols) if (!g.isMissingCell(r, c)) return true;
    return false;
  };
  const rowHasNumber = (r: number): boolean => {
    for (const c of dataCols) {
      const v = g.value(r, c);
      if (typeof v === 'number' && Number.isFinite(v)) return true;
      if (typeof v === 'string' && !isMissing(v) && parseValue(v, 'General').kind === 'number') return true;
    }
    return false;
  };
  /** The next non-blank row of the block holds a named measure with data, or is an empty slot of a template ("< Select >" where the name goes). */
  const measureFollows = (r: number): boolean => {
    for (let x = r + 1; x <= b.lastDataRow; x++) {
      if (rowBlank(ctx, x, b.left, b.right)) continue;
      const nm = measureCol !== null && !g.isMissingCell(x, measureCol);
      const rf = refCol !== null && !g.isMissingCell(x, refCol);
      if ((nm || rf) && rowHasData(x)) return true;
      if (nm || rf || measureCol === null) return false;
      const slot = g.value(x, measureCol);
      return typeof slot === 'string' && !isBlankText(slot) && isMissing(slot);
    }
    return false;
  };
  // Without masks and formulas lacking results, "blank row" and "no filled cell" below are the
  // same test (blank cells, whether in the sheet's range or beyond it): the row is read once.
  const blankByFilled = ctx.masks.length === 0 && !g.hasUncached;
  for (let r = b.firstDataRow; r <= b.lastDataRow; r++) {
    if (!blankByFilled && rowBlank(ctx, r, b.left, b.right)) continue;
    // the non-empty cells of the row (merged cells once): how many, and the first
    let filledCount = 0;
    let firstCol = -1;
    let firstSpan = 1;
    const merges = g.mergesOn(r);
    for (let c = b.left; c <= b.right; c++) {
      if ((hasOwned && ownedSet.has(c)) || g.isBlank(r, c) || helperNumber(r, c)) continue;
      const m = merges === null ? null : g.mergeAt(r, c);
      if (m && (m.left !== c || m.top !== r)) continue;
      if (filledCount === 0) {
        firstCol = c;
        firstSpan = m ? m.right - m.left + 1 : 1;
      }
      filledCount++;
    }
    if (filledCount === 0) continue;
    if (isEndRow(ctx, r, b.left, b.right)) continue;
    // the header restated inside the block (each block of a stacked template, a period header row)
    if (r > b.headerRow && isRepeatedHeaderRow(ctx, b, r, headerWords, nameCols, valueCols, skipCols)) continue;
    const firstText = cellString(ctx, r, firstCol) ?? '';
    const nameRaw = measureCol !== null ? g.value(r, measureCol) : null;
    const refRaw = refCol !== null ? g.value(r, refCol) : null;
    const name = isMissing(nameRaw) ? null : cellText(nameRaw);
    const ref = isMissing(refRaw) ? null : cellText(refRaw);
    // an example row: "0 | Example of how to complete >"
    if (startsExample(name) || startsExample(ref) || startsExample(firstText)) continue;
    if (firstText === '0' && filledHasExample(ctx, r, b, ownedSet)) continue;
    // a totals row
    const label = name ?? firstText;
    if (label.length <= 20 && mayBeTotal(label) && TOTAL_WORDS.has(normHeader(label))) continue;
    const hasName = name !== null || ref !== null;
    let hasData = false;
    for (let i = 0; i < dataCols.length && !hasData; i++) hasData = !g.isMissingCell(r, dataCols[i]!);
    // a section heading: one text at the left of the table, nothing else in the row
    if (filledCount === 1 && !hasData) {
      const v = g.value(r, firstCol);
      if (typeof v === 'string' && !isMissing(v) && (firstCol <= leftPart || firstSpan > 1)) {
        const t = trimCell(v);
        const codeLike = firstCol === refCol && t.length <= 12 && !/\s/.test(t);
        const headingLike =
          firstCol !== measureCol ||
          firstSpan > 1 ||
          refsUsualNow() ||
          /:$/.test(t) ||
          SECTION_START.test(t) ||
          (t === t.toUpperCase() && /[A-Z]/.test(t)) ||
          (!/[\d%]/.test(t) && t.split(/\s+/).length <= 6);
        if (headingLike && !codeLike) {
          if (!NOTE_START.test(t) && !MARKER.test(t) && !INSTRUCTION.test(t)) sections.push({ row: r, text: t });
          continue;
        }
        // an instruction to whoever fills the template in
        if (INSTRUCTION.test(t)) continue;
        // a label with nothing else, over measure rows that have data: a sub-group heading
        if (ref === null && !codeLike) {
          rowsAfter.push(r);
          if (measureFollows(r)) {
            if (!NOTE_START.test(t) && !MARKER.test(t)) sections.push({ row: r, text: t });
            continue;
          }
        }
      }
    }
    // an empty template slot (no name, nothing but placeholders) or a stray note
    if (!hasName && !hasData) continue;
    // a row without a name: with a name or reference column, not a measure (a name that is a formula without its result is still a name)
    const nameUnknown = (measureCol !== null && g.isUncached(r, measureCol)) || (refCol !== null && g.isUncached(r, refCol));
    if (!nameUnknown && measureCol !== null && name === null) {
      if (ref === null) {
        if (rowHasNumber(r)) unnamedRows.push(r);
        continue;
      }
      if (!hasData) {
        refOnlyRows.push(r);
        continue;
      }
    } else if (!nameUnknown && measureCol === null && refCol !== null && ref === null) {
      if (rowHasNumber(r)) unnamedRows.push(r);
      continue;
    }
    measureRows.push(r);
  }
  b.rowPlan = {
    measureRows,
    sections,
    unnamedRows,
    refOnlyRows,
    rowsAfter: rowsAfter.length > 0 ? rowsAfter : undefined,
    firstDataRow: b.firstDataRow,
    lastDataRow: b.lastDataRow,
    left: b.left,
    right: b.right,
    excelTable: b.excelTable,
    refsUsual: refsUsualKnown,
  };
  return { measureRows: measureRows.slice(), sections: sections.slice(), unnamedRows: unnamedRows.slice(), refOnlyRows: refOnlyRows.slice() };
}

/** Whether a filled cell of the row (merged cells once) says "example" in its first 200 characters. */
function filledHasExample(ctx: SheetCtx, r: number, b: Block, ownedSet: Set<number>): boolean {
  const g = ctx.grid;
  for (let c = b.left; c <= b.right; c++) {
    if (ownedSet.has(c) || g.isBlank(r, c)) continue;
    const m = g.mergeAt(r, c);
    if (m && (m.left !== c || m.top !== r)) continue;
    if (EXAMPLE_WORD.test((cellString(ctx, r, c) ?? '').slice(0, 200))) return true;
  }
  return false;
}

// ---------------------------------------------------------------- periods

function periodColumns(drafts: ColumnDraft[]): ColumnDraft[] {
  return drafts.filter((d) => d.role === 'period' && d.period !== undefined).sort((a, b) => a.period!.order - b.period!.order || a.col - b.col);
}

function columnHasData(ctx: SheetCtx, col: number, rows: number[]): boolean {
  for (const r of rows) if (!ctx.grid.isMissingCell(r, col)) return true;
  return false;
}

function sameLastYear(list: PeriodInfo[], cur: PeriodInfo): PeriodInfo | null {
  if (cur.year === null || cur.indexInYear === null || cur.periodsPerYear === null) return null;
  return list.find((p) => p.year === cur.year! - 1 && p.indexInYear === cur.indexInYear && p.periodsPerYear === cur.periodsPerYear) ?? null;
}

function matchesPeriodText(p: PeriodInfo, header: string, text: string): boolean {
  const t = normHeader(text);
  return t.length > 0 && (normHeader(p.label) === t || normHeader(header) === t);
}

/** Current and previous period of a table (wide: from its period columns; long: from its period column's values). */
function choosePeriods(
  ctx: SheetCtx,
  b: Block,
  rows: number[],
  compareWith: 'previous' | 'same-period-last-year',
  issues: Issue[],
  id: string,
): { current: PeriodInfo | null; previous: PeriodInfo | null; layout: 'long' | 'wide' } {
  const g = ctx.grid;
  const longCol = b.drafts.find((d) => d.role === 'period' && d.period === undefined);
  const actualCol = b.drafts.find((d) => d.role === 'actual');
  if (longCol) {
    // one row per period: the periods are the values of the period column
    const list: PeriodInfo[] = [];
    const withData: PeriodInfo[] = [];
    for (const r of rows) {
      const p = parsePeriodCell(g.value(r, longCol.col), g.format(r, longCol.col), ctx.ysm, false);
      if (!p) continue;
      if (!list.some((x) => samePeriod(x, p.period))) list.push(p.period);
      if (actualCol && !g.isMissingCell(r, actualCol.col) && !withData.some((x) => samePeriod(x, p.period))) withData.push(p.period);
    }
    orderLongPeriods(list);
    for (const w of withData) {
      const twin = list.find((x) => samePeriod(x, w));
      if (twin) w.order = twin.order;
    }
    list.sort((a, b2) => a.order - b2.order);
    let current: PeriodInfo | null = null;
    if (b.currentPeriodText !== undefined) {
      current = list.find((p) => matchesPeriodText(p, p.label, b.currentPeriodText!)) ?? null;
      if (!current) issues.push(tableIssue(ctx, b, 'config-period-missing', fmt(T().config.periodMissing, { period: b.currentPeriodText, table: id })));
    }
    if (!current) current = withData.sort((a, b2) => a.order - b2.order)[withData.length - 1] ?? list[list.length - 1] ?? null;
    const previous = current ? (compareWith === 'same-period-last-year' ? sameLastYear(list, current) : (list.filter((p) => p.order < current!.order).pop() ?? null)) : null;
    return { current: current ? list.find((p) => samePeriod(p, current!)) ?? current : null, previous, layout: 'long' };
  }

  const periods = periodColumns(b.drafts);
  if (periods.length === 0) {
    if (b.currentPeriodText !== undefined) issues.push(tableIssue(ctx, b, 'config-period-missing', fmt(T().config.periodNoPeriods, { period: b.currentPeriodText, table: id })));
    const cur = actualCol?.period ?? null;
    return { current: cur, previous: null, layout: 'long' };
  }
  if (actualCol) {
    // an Actual column and history columns: the latest history column is the comparison
    const withData = periods.filter((p) => columnHasData(ctx, p.col, rows));
    const prev = withData.length ? withData[withData.length - 1].period! : null;
    return { current: actualCol.period ?? null, previous: prev, layout: 'wide' };
  }
  let current: ColumnDraft | null = null;
  if (b.currentPeriodText !== undefined) {
    current = periods.find((p) => matchesPeriodText(p.period!, p.header, b.currentPeriodText!)) ?? null;
    if (!current) issues.push(tableIssue(ctx, b, 'config-period-missing', fmt(T().config.periodMissing, { period: b.currentPeriodText, table: id })));
  }
  if (!current) {
    for (let i = periods.length - 1; i >= 0 && !current; i--) if (columnHasData(ctx, periods[i].col, rows)) current = periods[i];
    current ??= periods[0];
  }
  const cur = current.period!;
  let previous: PeriodInfo | null;
  if (compareWith === 'same-period-last-year') {
    previous = sameLastYear(periods.map((p) => p.period!), cur);
  } else {
    const before = periods.filter((p) => p.period!.order < cur.order);
    previous = before.length ? before[before.length - 1].period! : null;
  }
  return { current: cur, previous, layout: 'wide' };
}

/** Long layouts: periods with years sort by them; otherwise by first appearance. */
function orderLongPeriods(list: PeriodInfo[]): void {
  if (list.every((p) => Number.isFinite(p.order))) return;
  list.forEach((p, i) => (p.order = i));
}

// ---------------------------------------------------------------- issues

function tableIssue(ctx: SheetCtx, b: Block, code: string, message: string, severity: Issue['severity'] = 'warning', cell?: string): Issue {
  return { severity, sheet: ctx.sheet.name, cell: cell ?? a1(b.headerRow, b.left), message, code };
}

// ---------------------------------------------------------------- one sheet

function excelBlocks(ctx: SheetCtx, reasons: string[]): Block[] {
  const out: Block[] = [];
  for (const t of ctx.sheet.tables) {
    const headerRow = t.range.top + t.headerRowCount - 1;
    const firstDataRow = t.range.top + t.headerRowCount;
    const lastDataRow = t.range.bottom - t.totalsRowCount;
    const sample: number[] = [];
    for (let r = firstDataRow; r <= lastDataRow && sample.length < SAMPLE_ROWS * 5; r++) sample.push(r);
    const owned = ownedColumns(ctx.owned, ctx.sheet.name, headerRow);
    const a = analyseColumns(ctx.grid, { texts: t.columnNames, top: headerRow, bottom: headerRow }, t.range.left, t.range.right, sample, owned, ctx.ysm, 'excel-table');
    const block: Block = {
      excelTable: t.name,
      headerTop: t.headerRowCount > 0 ? t.range.top : headerRow,
      headerRow,
      left: t.range.left,
      right: t.range.right,
      firstDataRow,
      lastDataRow,
      drafts: a.columns,
      forced: false,
      caption: null,
      issues: [],
    };
    if (qualifies(a)) out.push(block);
    else reasons.push(fmt(T().skipped.excelTableNoRoles, { table: t.name }));
  }
  return out;
}

function plainBlocks(ctx: SheetCtx, reasons: string[]): Block[] {
  const g = ctx.grid;
  const out: Block[] = [];
  let minTop = g.top;
  let r = g.top;
  while (r <= g.bottom) {
    if (!looksLikeHeaderRow(ctx, r)) {
      r++;
      continue;
    }
    const cands = tryHeaderAt(ctx, r, minTop);
    if (cands.length === 0) {
      r++;
      continue;
    }
    let next = Number.POSITIVE_INFINITY;
    let end = r;
    for (const c of cands) {
      const scan = scanBlock(ctx, c.headerRow, c.left, c.right);
      out.push({
        excelTable: null,
        headerTop: c.headerTop,
        headerRow: c.headerRow,
        left: c.left,
        right: c.right,
        firstDataRow: c.headerRow + 1,
        lastDataRow: scan.last,
        drafts: c.analysis.columns,
        forced: false,
        caption: null,
        issues: [],
      });
      next = Math.min(next, Math.max(scan.next, c.headerRow + 1));
      end = Math.max(end, scan.last, c.headerRow);
      if (scan.last <= c.headerRow) reasons.push(fmt(T().skipped.headerNoRows, { row: c.headerRow + 1 }));
    }
    minTop = end + 1;
    r = next;
  }
  return out;
}

/** A short text just above a header (within three rows, passing over blank, hidden and marker rows): the caption of that table. */
function captionAbove(ctx: SheetCtx, b: Block, floor: number): { row: number; text: string } | null {
  const g = ctx.grid;
  const right = userRight(b);
  for (let u = b.headerTop - 1; u >= Math.max(floor, b.headerTop - 3); u--) {
    if (ctx.hidden.has(u) || rowBlank(ctx, u, b.left, right)) continue;
    const texts: string[] = [];
    for (let c = b.left; c <= right; c++) {
      const m = g.mergeAt(u, c);
      if (m && (m.left !== c || m.top !== u)) continue;
      const v = g.value(u, c);
      if (v === null) continue;
      // a completeness flag or lookup number in a column with no header is not part of the row's text
      if ((typeof v === 'number' || typeof v === 'boolean') && helperColumn(b, c)) continue;
      if (typeof v !== 'string') return null;
      const t = trimCell(v);
      if (t.length) texts.push(t);
    }
    if (texts.length === 1 && MARKER.test(texts[0])) continue;
    if (texts.length === 1 && texts[0].length <= 80 && !isMissing(texts[0])) return { row: u, text: texts[0] };
    return null;
  }
  return null;
}

/** The block's right-most column of the user's (an Excel table may have taken in the add-in's columns to its right). */
function userRight(b: Block): number {
  let right = -1;
  for (const d of b.drafts) if (d.role !== 'owned' && d.col > right) right = d.col;
  return right >= b.left ? right : b.right;
}

/** A column of the block with no header whose cells the table does not read (completeness flags, lookups). */
function helperColumn(b: Block, c: number): boolean {
  const d = b.drafts.find((x) => x.col === c);
  return d !== undefined && d.role === 'ignore' && d.header.length === 0;
}

function overlapsBlock(a: Block, top: number, bottom: number, left: number, right: number): boolean {
  return a.headerTop <= bottom && top <= a.lastDataRow && a.left <= right && left <= userRight(a);
}

function entryWhere(index: number): string {
  return `tables[${index}]`;
}

/** A table the settings force: by a range, or by a header row. */
function forcedBlock(ctx: SheetCtx, e: TableConfig, index: number, issues: Issue[]): Block | null {
  const g = ctx.grid;
  const sheet = ctx.sheet.name;
  if (e.range !== undefined) {
    const R = parseA1Range(e.range);
    if (!R) {
      issues.push({ severity: 'warning', sheet, cell: '', code: 'config-range-invalid', message: fmt(T().config.rangeInvalid, { range: e.range, sheet }) });
      return null;
    }
    let headerRow = e.headerRow !== undefined ? e.headerRow - 1 : R.top;
    const blockIssues: Issue[] = [];
    if (headerRow < R.top || headerRow > R.bottom) {
      blockIssues.push({ severity: 'warning', sheet, cell: a1(R.top, R.left), code: 'config-header-row-outside', message: fmt(T().config.headerRowOutside, { range: e.range, row: headerRow + 1 }) });
      headerRow = R.top;
    }
    let headerTop = R.top;
    if (e.headerRow === undefined) {
      const probe = analyseColumns(g, { top: R.top, bottom: R.top }, R.left, R.right, [], new Set(), ctx.ysm);
      const names = nameColumns(probe);
      for (let s = R.top + 1; s <= Math.min(R.bottom, R.top + STACK_DOWN); s++) {
        if (isSubHeaderRow(ctx, s, R.left, R.right, names)) headerRow = s;
        else break;
      }
    }
    headerTop = Math.min(headerTop, headerRow);
    const sample: number[] = [];
    for (let r = headerRow + 1; r <= R.bottom && sample.length < SAMPLE_ROWS; r++) sample.push(r);
    const a = analyseColumns(g, { top: headerTop, bottom: headerRow }, R.left, R.right, sample, ownedColumns(ctx.owned, sheet, headerRow), ctx.ysm);
    return {
      excelTable: null,
      headerTop,
      headerRow,
      left: R.left,
      right: R.right,
      firstDataRow: headerRow + 1,
      lastDataRow: R.bottom,
      drafts: a.columns,
      forced: true,
      caption: null,
      issues: blockIssues,
      fixedRange: R,
    };
  }
  if (e.headerRow === undefined) return null;
  const hr = e.headerRow - 1;
  if (hr < g.top || hr > g.bottom || rowBlank(ctx, hr, g.left, g.right)) {
    issues.push({ severity: 'warning', sheet, cell: '', code: 'config-header-row-empty', message: fmt(T().config.headerRowEmpty, { row: e.headerRow, sheet }) });
    return null;
  }
  // the run of columns with the best header on that row
  let best: { cand: HeaderCandidate } | null = null;
  for (const [left, right] of segmentsAt(ctx, hr)) {
    const { cand } = headerOver(ctx, hr, left, right, g.top, false);
    const better =
      !best ||
      Number(qualifies(cand.analysis)) > Number(qualifies(best.cand.analysis)) ||
      (qualifies(cand.analysis) === qualifies(best.cand.analysis) && cand.analysis.score > best.cand.analysis.score);
    if (better) best = { cand };
  }
  if (!best) return null;
  const c = best.cand;
  // the settings say where the header is: what follows is data, even if it looks like a header
  const scan = scanBlock(ctx, c.headerRow, c.left, c.right, false);
  return {
    excelTable: null,
    headerTop: c.headerTop,
    headerRow: c.headerRow,
    left: c.left,
    right: c.right,
    firstDataRow: c.headerRow + 1,
    lastDataRow: scan.last,
    drafts: c.analysis.columns,
    forced: true,
    caption: null,
    issues: [],
  };
}

/** Applies "columns" from the settings: header text or column letter -> role. */
function applyColumnSettings(ctx: SheetCtx, b: Block, columns: Record<string, string>, id: string): void {
  // the roles change: a row plan made before no longer holds
  delete b.rowPlan;
  for (const [keyText, role] of Object.entries(columns)) {
    const k = normHeader(keyText);
    let target = b.drafts.find((d) => normHeader(d.header) === k) ?? b.drafts.find((d) => d.period && normHeader(d.period.label) === k);
    if (!target) {
      const col = lettersToCol(keyText);
      if (col !== null && /^\$?[A-Za-z]{1,3}$/.test(keyText.trim())) {
        target = b.drafts.find((d) => d.col === col);
        if (!target) {
          // a column outside the detected block: the block grows to take it in
          const text = ctx.grid.headerText(b.headerRow, col).text;
          target = { col, header: text, role: 'ignore', roleSource: 'config', score: 0 };
          b.drafts.push(target);
          b.drafts.sort((x, y) => x.col - y.col);
          b.left = Math.min(b.left, col);
          b.right = Math.max(b.right, col);
        }
      }
    }
    if (!target) {
      b.issues.push(tableIssue(ctx, b, 'config-column-missing', fmt(T().config.columnMissing, { column: keyText, role, table: id })));
      continue;
    }
    target.role = role as ColumnDraft['role'];
    target.roleSource = 'config';
    target.score = 200;
    target.tentative = false;
    if (role === 'period') {
      target.periodValue = true;
      if (!target.period) {
        const p = parsePeriodText(target.header, ctx.ysm);
        target.period = p ? p.period : { label: target.header || a1(b.headerRow, target.col), order: NaN, year: null, indexInYear: null, periodsPerYear: null };
      }
    } else if (role !== 'target') {
      target.periodValue = false;
      target.periodTarget = false;
      if (role !== 'actual' && role !== 'previous' && role !== 'lastYear' && role !== 'annualTarget') delete target.period;
    }
  }
  assignPeriodOrders(b.drafts);
  // a role given by the settings displaces the header's guess
  resolveRoles(ctx.grid, b.drafts, [], ctx.ysm);
}

/**
 * The range a table is named by (its id, and what a `tables[]` entry's range matches): the
 * forcing entry's range, else the user's table, header to last row, without the status columns
 * an earlier refresh wrote beside it. So it is the same before and after a refresh, and the same
 * range the rules resolve a table's settings with (refresh.ts).
 */
function identityOf(sheet: string, b: Block): TableIdentity {
  let right = b.right;
  if (!b.fixedRange) {
    let user = -1;
    for (const d of b.drafts) if (d.role !== 'owned' && d.col > user) user = d.col;
    if (user >= b.left) right = user;
  }
  const range = b.fixedRange ?? { top: b.headerTop, left: b.left, bottom: Math.max(b.lastDataRow, b.headerRow), right };
  return { sheet, excelTable: b.excelTable, range: a1Range(range) };
}

/** Trims trailing rows that are not measures (a "Source:" note under the table). */
function trimBlock(ctx: SheetCtx, b: Block): void {
  if (b.forced && b.fixedRange) return;
  if (b.excelTable) return;
  const plan = planRows(ctx, b);
  if (plan.measureRows.length === 0) return;
  // rows reported as not measures stay inside the table, so the report can name them
  const lastOf = (rows: number[]): number => (rows.length > 0 ? rows[rows.length - 1]! : -1);
  b.lastDataRow = Math.max(lastOf(plan.measureRows), lastOf(plan.unnamedRows), lastOf(plan.refOnlyRows));
}

/** "65, 70 and 75" (Excel row numbers), at most ten of them named. */
function rowList(rows: number[]): string {
  const shown = rows.slice(0, rows.length > 10 ? 8 : 10).map((r) => String(r + 1));
  if (rows.length > shown.length) return fmt(T().table.listMore, { list: shown.join(', '), count: rows.length - shown.length });
  if (shown.length === 1) return shown[0]!;
  return fmt(T().table.listAnd, { list: shown.slice(0, -1).join(', '), last: shown[shown.length - 1]! });
}

/** The issues of rows that are not measures though they hold something: figures without a name, a reference without a name. */
function leftOutRowIssues(ctx: SheetCtx, b: Block, plan: RowPlan): Issue[] {
  const out: Issue[] = [];
  const nameCol = b.drafts.find((d) => d.role === 'measure')?.col ?? b.drafts.find((d) => d.role === 'ref')?.col ?? b.left;
  if (plan.unnamedRows.length > 0) {
    const rows = plan.unnamedRows;
    const msg = fmt(rows.length === 1 ? T().table.unnamedRow : T().table.unnamedRows, { rows: rowList(rows), column: a1(0, nameCol).replace(/\d+$/, '') });
    out.push(tableIssue(ctx, b, 'unnamed-rows', msg, 'warning', a1(rows[0]!, nameCol)));
  }
  if (plan.refOnlyRows.length > 0) {
    const rows = plan.refOnlyRows;
    const msg = fmt(rows.length === 1 ? T().table.refOnlyRow : T().table.refOnlyRows, { rows: rowList(rows) });
    out.push(tableIssue(ctx, b, 'ref-only-rows', msg, 'info', a1(rows[0]!, nameCol)));
  }
  return out;
}

/**
 * The add-in's columns straight right of a plain table (its block of an earlier refresh, on its
 * header row), listed with the table as 'owned'. They are not part of the table's extent: it was
 * found as if they were empty.
 */
function ownedBeside(ctx: SheetCtx, b: Block): DetectedColumn[] {
  const out: DetectedColumn[] = [];
  let next = b.right + 1;
  for (;;) {
    const o = ctx.owned.find((x) => x.headerRow === b.headerRow && x.firstCol === next);
    if (!o) return out;
    o.keys.forEach((_, i) => out.push({ col: o.firstCol + i, header: o.headers[i] ?? '', role: 'owned', roleSource: 'state' }));
    next = o.firstCol + o.keys.length;
  }
}

function finishTable(ctx: SheetCtx, b: Block, config: RagConfig, identity: TableIdentity): DetectedTable {
  const plan = planRows(ctx, b);
  const sections = plan.sections.filter((s) => s.row <= b.lastDataRow);
  if (b.caption) sections.unshift(b.caption);
  const id = `${ctx.sheet.name}!${identity.range}`;
  const issues = [...b.issues, ...leftOutRowIssues(ctx, b, plan)];
  const settings = tableSettings(config, identity);
  const { current, previous, layout } = choosePeriods(ctx, b, plan.measureRows, settings.directionOfTravel.compareWith, issues, id);
  const a = summarise(b.drafts);
  if (b.forced) {
    if (!a.hasName) issues.push(tableIssue(ctx, b, 'config-no-measure-column', fmt(T().config.noMeasureColumn, { row: b.headerRow + 1 })));
    if (!a.hasActual && a.widePeriods === 0 && !b.drafts.some((d) => d.role === 'userRag' || d.role === 'complete'))
      issues.push(tableIssue(ctx, b, 'config-no-value-column', fmt(T().config.noValueColumn, { row: b.headerRow + 1 })));
  } else if (!a.hasActual && a.widePeriods === 0) {
    issues.push(tableIssue(ctx, b, 'no-actual-column', T().table.noActualColumn, 'info'));
  }
  for (const d of b.drafts) {
    if (!d.duplicateOf) continue;
    const used = b.drafts.find((x) => x.col === d.duplicateOf!.col);
    issues.push(
      tableIssue(
        ctx,
        b,
        'duplicate-header',
        fmt(T().table.duplicateHeader, { header: d.header, used: a1(b.headerRow, d.duplicateOf.col), ignored: a1(b.headerRow, d.col), usedHeader: used?.header ?? d.header }),
        'warning',
        a1(b.headerRow, d.col),
      ),
    );
  }
  const columns = finalColumns(b.drafts);
  if (!b.excelTable) columns.push(...ownedBeside(ctx, b));
  const userCols = columns.filter((c) => c.role !== 'owned').map((c) => c.col);
  const right = userCols.length ? Math.max(...userCols) : b.right;
  return {
    id,
    sheet: ctx.sheet.name,
    excelTable: b.excelTable,
    headerTop: b.headerTop,
    headerRow: b.headerRow,
    firstDataRow: b.firstDataRow,
    lastDataRow: Math.max(b.lastDataRow, b.headerRow),
    left: b.left,
    right,
    layout,
    columns,
    currentPeriod: current,
    previousPeriod: previous,
    measureRows: plan.measureRows,
    sections,
    issues,
  };
}

/**
 * The blocks the add-in wrote on a sheet: those the saved state names, and (on rows where it
 * names none) those found by their headers and texts.
 */
function ownedOnSheet(sheet: SheetSnapshot, owned: OwnedBlock[]): OwnedBlock[] {
  const named = owned.filter((b) => b.sheet === sheet.name && b.keys.length > 0);
  const found = inferOwnedBlocks(gridOf(sheet), sheet.name, new Set(named.map((b) => b.headerRow)));
  return found.length === 0 ? named : [...named, ...found];
}

/** The cells of a block: header row to last data row, one column per key. */
function blockCells(b: OwnedBlock): RangeRef {
  return { top: b.headerRow, left: b.firstCol, bottom: b.lastDataRow, right: b.firstCol + b.keys.length - 1 };
}

/**
 * An Excel table's range without the add-in's columns it took in on an earlier refresh (the
 * columns of a block on its header row at its right end): the cells plain-range detection leaves
 * alone are the user's table, as they were before that refresh.
 */
function userTableRange(t: TableInfo, blocks: OwnedBlock[]): RangeRef {
  const headerRow = t.range.top + t.headerRowCount - 1;
  let right = t.range.right;
  for (;;) {
    const b = blocks.find((x) => x.headerRow === headerRow && x.firstCol > t.range.left && x.firstCol + x.keys.length - 1 === right);
    if (!b) break;
    right = b.firstCol - 1;
  }
  return right === t.range.right ? t.range : { ...t.range, right };
}

function detectSheet(
  sheet: SheetSnapshot,
  config: RagConfig,
  owned: OwnedBlock[],
  ysm: number,
  issues: Issue[],
): { tables: DetectedTable[]; reason: string | null } {
  // The add-in's own cells are not the user's: tables, their extent and their headers are read
  // as if those cells were empty, so a refresh reads what the one before it read.
  const mine = ownedOnSheet(sheet, owned);
  const grid = gridOf(withCellsEmptied(sheet, mine.map(blockCells)));
  const ctx: SheetCtx = { sheet, grid, ysm, owned: mine, masks: sheet.tables.map((t) => userTableRange(t, mine)), hidden: new Set(sheet.hiddenRows) };
  const entries = (config.tables ?? []).map((e, i) => ({ e, i })).filter(({ e }) => norm(e.sheet) === norm(sheet.name));
  if (grid.empty && entries.every(({ e }) => e.range === undefined)) return { tables: [], reason: T().skipped.empty };

  const reasons: string[] = [];
  let blocks: Block[] = grid.empty ? [] : [...excelBlocks(ctx, reasons), ...plainBlocks(ctx, reasons)];

  // Excel tables named in the settings must exist
  for (const { e } of entries) {
    if (e.excelTable !== undefined && !sheet.tables.some((t) => norm(t.name) === norm(e.excelTable!)))
      issues.push({ severity: 'warning', sheet: sheet.name, cell: '', code: 'config-table-missing', message: fmt(T().config.excelTableMissing, { table: e.excelTable, sheet: sheet.name }) });
  }

  // tables the settings force replace what detection found there
  for (const { e, i } of entries) {
    if (e.include === false || e.excelTable !== undefined) continue;
    if (e.range === undefined && e.headerRow === undefined) continue;
    const f = forcedBlock(ctx, e, i, issues);
    if (!f) continue;
    blocks = blocks.filter((b) => !overlapsBlock(b, f.headerTop, f.lastDataRow, f.left, f.right));
    blocks.push(f);
  }
  blocks = blocks.filter((b) => b.forced || b.lastDataRow > b.headerRow);
  blocks.sort((a, b) => a.headerTop - b.headerTop || a.left - b.left);

  // trim trailing notes, then name each table by its range
  for (const b of blocks) trimBlock(ctx, b);

  // captions: with several tables on a sheet, the heading just above each one groups its measures
  if (blocks.length >= 2) {
    for (let k = 0; k < blocks.length; k++) {
      const b = blocks[k];
      // the caption may be the last row the table above ran into (a heading has no data, and the next header ends that table):
      // the row just above the header, or the one above the blank rows between them
      let near = b.headerTop - 1;
      while (near > b.headerTop - 3 && near > grid.top && (ctx.hidden.has(near) || rowBlank(ctx, near, b.left, userRight(b)))) near--;
      const floor = Math.max(grid.top, ...blocks.filter((o) => o !== b && o.headerRow < b.headerTop).map((o) => Math.min(o.lastDataRow + 1, Math.max(o.firstDataRow, near))));
      b.caption = captionAbove(ctx, b, floor);
    }
  }

  // a caption belongs to the table below it, not to the one above that ran into it
  for (const b of blocks) {
    if (!b.caption) continue;
    for (const o of blocks) {
      if (o === b || o.fixedRange || o.excelTable) continue;
      if (b.caption.row >= o.firstDataRow && b.caption.row <= o.lastDataRow && o.left <= userRight(b) && b.left <= userRight(o)) {
        o.lastDataRow = b.caption.row - 1;
        trimBlock(ctx, o);
      }
    }
  }

  const out: DetectedTable[] = [];
  const matched = new Set<number>();
  for (const b of blocks) {
    let identity = identityOf(sheet.name, b);
    const mine = entries.filter(({ e }) => tableEntryMatches(e, identity));
    mine.forEach(({ i }) => matched.add(i));
    if (mine.some(({ e }) => e.include === false)) continue;
    const id = `${sheet.name}!${identity.range}`;
    for (const { e } of mine) {
      if (e.columns) applyColumnSettings(ctx, b, e.columns, id);
      if (e.currentPeriod !== undefined) b.currentPeriodText = e.currentPeriod;
    }
    identity = { ...identity };
    const table = finishTable(ctx, b, config, identity);
    if (table.measureRows.length === 0 && !b.forced) {
      reasons.push(fmt(T().skipped.headerNoRows, { row: b.headerRow + 1 }));
      // figures under it without names are still worth a word
      issues.push(...table.issues.filter((i) => i.code === 'unnamed-rows' || i.code === 'ref-only-rows'));
      continue;
    }
    out.push(table);
  }
  for (const { e, i } of entries) {
    if (e.include === false && !matched.has(i))
      issues.push({ severity: 'info', sheet: sheet.name, cell: '', code: 'config-table-not-found', message: fmt(T().config.noTableMatched, { sheet: sheet.name, where: entryWhere(i) }) });
  }
  if (out.length > 0) return { tables: out, reason: null };
  if (blocks.length > 0 && entries.some(({ e }) => e.include === false)) return { tables: [], reason: T().skipped.allExcluded };
  return { tables: [], reason: reasons[0] ?? T().skipped.noHeader };
}

/**
 * True when the sheet is the exception summary the add-in wrote: its name is the one passed in,
 * its A1 is a title beginning "RAG Refresh", or its A2 begins with the exception sheet's marker
 * ("Produced by RAG Refresh", from the catalogue).
 */
function isExceptionSheet(sheet: SheetSnapshot, exceptionSheetName: string | undefined): boolean {
  if (exceptionSheetName !== undefined && norm(sheet.name) === norm(exceptionSheetName)) return true;
  const g = gridOf(sheet);
  const a1v = g.value(0, 0);
  if (typeof a1v === 'string' && trimCell(a1v).startsWith('RAG Refresh')) return true;
  const marker = (messages as { plan?: { exceptions?: { marker?: string } } }).plan?.exceptions?.marker;
  const a2v = g.value(1, 0);
  return marker !== undefined && marker.length > 0 && typeof a2v === 'string' && trimCell(a2v).startsWith(marker);
}

/**
 * Finds the measure tables of a workbook.
 *
 * @param owned the status blocks an earlier refresh wrote (their columns are recognised as the add-in's).
 * @param exceptionSheetName the name of the add-in's exception sheet, skipped (a sheet whose A1 begins "RAG Refresh" is skipped too).
 */
export function detectTables(snapshot: WorkbookSnapshot, config: RagConfig, owned: OwnedBlock[] = [], exceptionSheetName?: string): DetectResult {
  const tables: DetectedTable[] = [];
  const skippedSheets: { sheet: string; reason: string }[] = [];
  const issues: Issue[] = [];
  const detection = config.detection ?? {};
  const ysm = workbookSettings(config).forecast.yearStartMonth;
  const names = new Set(snapshot.sheets.map((s) => norm(s.name)));

  (config.tables ?? []).forEach((e, i) => {
    if (!names.has(norm(e.sheet)))
      issues.push({ severity: 'warning', sheet: e.sheet, cell: '', code: 'config-sheet-missing', message: fmt(T().config.sheetMissing, { sheet: e.sheet, where: entryWhere(i) }) });
  });
  for (const [list, key] of [
    [detection.onlySheets, 'detection.onlySheets'],
    [detection.excludeSheets, 'detection.excludeSheets'],
  ] as const) {
    for (const s of list ?? [])
      if (!names.has(norm(s))) issues.push({ severity: 'warning', sheet: s, cell: '', code: 'config-sheet-missing', message: fmt(T().config.listedSheetMissing, { sheet: s, list: key }) });
  }
  const only = detection.onlySheets && detection.onlySheets.length > 0 ? new Set(detection.onlySheets.map(norm)) : null;
  const excluded = new Set((detection.excludeSheets ?? []).map(norm));
  const exceptionName = exceptionSheetName ?? config.output?.exceptionSheet;

  for (const sheet of snapshot.sheets) {
    const n = norm(sheet.name);
    const named = (config.tables ?? []).some((e) => norm(e.sheet) === n && e.include !== false && (e.range !== undefined || e.headerRow !== undefined || e.excelTable !== undefined));
    if (sheet.name === SETTINGS_SHEET_NAME) {
      skippedSheets.push({ sheet: sheet.name, reason: T().skipped.settingsSheet });
      continue;
    }
    if (isExceptionSheet(sheet, exceptionName)) {
      skippedSheets.push({ sheet: sheet.name, reason: T().skipped.exceptionSheet });
      continue;
    }
    if (only && !only.has(n)) {
      skippedSheets.push({ sheet: sheet.name, reason: T().skipped.notListed });
      continue;
    }
    if (excluded.has(n)) {
      skippedSheets.push({ sheet: sheet.name, reason: T().skipped.excluded });
      continue;
    }
    if (sheet.visibility !== 'visible' && !detection.includeHiddenSheets && !named) {
      skippedSheets.push({ sheet: sheet.name, reason: sheet.visibility === 'veryHidden' ? T().skipped.veryHidden : T().skipped.hidden });
      continue;
    }
    const found = detectSheet(sheet, config, owned, ysm, issues);
    if (found.tables.length === 0) skippedSheets.push({ sheet: sheet.name, reason: found.reason ?? T().skipped.noHeader });
    tables.push(...found.tables);
  }
  return { tables, skippedSheets, issues };
}
