/**
 * One Measure per measure row of a detected table (or, in a long layout, one per
 * measure across its period rows), with every field read as people type it.
 */
import { measureEntriesFor, settingsFor, type TableIdentity } from '../config/resolve';
import type { RagConfig } from '../config/schema';
import { fmt, messages } from '../messages';
import type {
  CellRef,
  CellValue,
  DetectedColumn,
  DetectedTable,
  Issue,
  Measure,
  ParsedValue,
  PeriodInfo,
  RangeRef,
  SeriesPoint,
  SheetSnapshot,
  UserRagCell,
  WorkbookSnapshot,
} from '../types';
import { cellText, isCalendarDateFormat, isMissing, numberOf, parseComplete, parseValue } from '../values';
import { a1, gridOf, withCellsEmptied, type Grid } from './grid';
import { normHeader } from './headers';
import { isDateCell, parsePeriodCell, samePeriod, serialToDate } from './periods';
import { normaliseUserRag } from './rag-scale';

/** What reading a row needs of a grid: a row read as shifted (see shiftsOf) is a view of it. */
type Cells = Pick<Grid, 'value' | 'format' | 'isUncached'>;

const T = (): typeof messages.detect => messages.detect;

const MISSING: ParsedValue = { kind: 'missing', token: '', raw: null };

/** Polarity headers that ask a yes/no question, and which way "Yes" points. */
const YES_HIGHER = new Set(['one is high', 'higher is better', 'high is good', 'is higher better', 'is high good', 'bigger is better', 'high is better', 'good is high', 'higher better']);
const YES_LOWER = new Set(['lower is better', 'low is good', 'is lower better', 'smaller is better', 'low is better', 'good is low', 'lower better']);
const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

interface Cols {
  ref: number | null;
  measure: number | null;
  actual: DetectedColumn | null;
  target: DetectedColumn | null;
  periodTargets: DetectedColumn[];
  annualTarget: number | null;
  previous: DetectedColumn | null;
  lastYear: number | null;
  polarity: DetectedColumn | null;
  amber: number | null;
  red: number | null;
  tolerance: number | null;
  directorate: number | null;
  service: number | null;
  priority: number | null;
  owner: number | null;
  commentary: number[];
  complete: number | null;
  unit: number | null;
  userRag: number | null;
  userRags: DetectedColumn[];
  periods: DetectedColumn[];
  longPeriod: number | null;
}

function columnsOf(table: DetectedTable): Cols {
  const all = table.columns;
  const first = (role: DetectedColumn['role']): DetectedColumn | null => all.find((c) => c.role === role) ?? null;
  const col = (role: DetectedColumn['role']): number | null => first(role)?.col ?? null;
  const wide = all.filter((c) => c.role === 'period' && c.period).sort((a, b) => a.period!.order - b.period!.order || a.col - b.col);
  // a target column is a period's own target when its period is one of the period columns'
  const targets = all.filter((c) => c.role === 'target');
  const ofAPeriod = (c: DetectedColumn): boolean => c.period !== undefined && wide.some((w) => samePeriod(w.period!, c.period!));
  const plainTarget = targets.find((c) => !ofAPeriod(c)) ?? null;
  const periodTargets = targets.filter(ofAPeriod);
  const longPeriod = all.find((c) => c.role === 'period' && !c.period)?.col ?? null;
  return {
    ref: col('ref'),
    measure: col('measure'),
    actual: first('actual'),
    target: plainTarget,
    periodTargets,
    annualTarget: col('annualTarget'),
    previous: first('previous'),
    lastYear: col('lastYear'),
    polarity: first('polarity'),
    amber: col('amberThreshold'),
    red: col('redThreshold'),
    tolerance: col('tolerance'),
    directorate: col('directorate'),
    service: col('service'),
    priority: col('priority'),
    owner: col('owner'),
    commentary: all.filter((c) => c.role === 'commentary').map((c) => c.col),
    complete: col('complete'),
    unit: col('unit'),
    userRag: col('userRag'),
    userRags: all.filter((c) => c.role === 'userRag'),
    periods: wide,
    longPeriod,
  };
}

function identityOf(table: DetectedTable): TableIdentity {
  const bang = table.id.indexOf('!');
  return { sheet: table.sheet, excelTable: table.excelTable, range: table.id.slice(bang + 1) };
}

function text(g: Cells, row: number, col: number | null): string | null {
  if (col === null) return null;
  const v = g.value(row, col);
  if (isMissing(v)) return null;
  return cellText(v);
}

function parsed(g: Cells, row: number, col: number | null): ParsedValue | null {
  if (col === null) return null;
  return parseValue(g.value(row, col), g.format(row, col));
}

function issue(sheet: string, cell: CellRef, code: string, message: string, severity: Issue['severity'] = 'warning'): Issue {
  return { severity, sheet, cell: a1(cell.row, cell.col), code, message };
}

function shown(raw: CellValue): string {
  const t = typeof raw === 'string' ? raw.trim() : String(raw);
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}

/** The issue an actual raises when it is not a number (blank, a no-data token, text, a formula without a result). */
function actualIssues(g: Cells, sheet: string, value: ParsedValue, cell: CellRef | null, out: Issue[]): void {
  if (!cell) return;
  const addr = a1(cell.row, cell.col);
  if (g.isUncached(cell.row, cell.col)) {
    out.push(issue(sheet, cell, 'formula-no-result', fmt(T().measure.formulaNoResult, { cell: addr })));
    return;
  }
  const nf = notFiniteText(value.raw);
  if (nf !== null && value.kind !== 'number') {
    out.push(issue(sheet, cell, 'not-finite', fmt(T().measure.notFinite, { cell: addr, value: nf })));
    return;
  }
  if (value.kind === 'missing') {
    const msg = value.token === '' ? fmt(T().measure.noDataBlank, { cell: addr }) : fmt(T().measure.noDataToken, { cell: addr, token: value.token });
    out.push(issue(sheet, cell, 'no-data', msg));
  } else if (value.kind === 'text') {
    out.push(issue(sheet, cell, 'not-a-number', fmt(T().measure.notANumber, { text: shown(value.text), cell: addr })));
  } else if (value.kind === 'bound' || value.kind === 'range') {
    out.push(issue(sheet, cell, 'not-a-number', fmt(T().measure.notASingleNumber, { text: shown(value.raw), cell: addr })));
  }
}

// ---------------------------------------------------------------- values that are not what they look like

/** Texts a program writes for a number that is not finite (a division by zero saved as "NaN", "INF"), and Excel's #NUM!. */
const NOT_FINITE = new Set(['nan', 'inf', '+inf', '-inf', 'infinity', '+infinity', '-infinity', '#num!']);

/** What the cell shows when it holds a number that is not finite, or null. */
function notFiniteText(raw: CellValue): string | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? null : Number.isNaN(raw) ? 'NaN' : raw > 0 ? 'INF' : '-INF';
  if (typeof raw !== 'string' || raw.length > 12) return null;
  const t = raw.trim();
  return NOT_FINITE.has(t.toLowerCase()) ? t : null;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** The date a cell shows when it holds a calendar date (a number formatted as a date, not a time or a duration), or null. */
function dateIn(g: Cells, row: number, col: number): string | null {
  const raw = g.value(row, col);
  const f = g.format(row, col);
  if (!isDateCell(raw, f) || !isCalendarDateFormat(f)) return null;
  const { y, m, d } = serialToDate(raw);
  return fmt(T().measure.dateShown, { d: pad2(d), m: pad2(m), y: String(y) });
}

const DATE_WORD = /\b(?:dates?|deadline|deadlines|by when|when)\b/i;

/**
 * A measure whose figures are dates (a milestone "Date completed" against a "Target date"):
 * its name, unit or value column says so, or its actual and its target are both dates.
 */
function isDateMeasure(name: string, unitText: string | null, headers: (string | undefined)[], bothDates: boolean): boolean {
  if (bothDates) return true;
  if (DATE_WORD.test(name) || (unitText !== null && DATE_WORD.test(unitText))) return true;
  return headers.some((h) => h !== undefined && DATE_WORD.test(h));
}

/** A cell as a value: a date where a figure belongs reads as its text (it is not a figure); "NaN" and "INF" as no data. */
function readValue(g: Cells, row: number, col: number, datesAreFigures: boolean): ParsedValue {
  const raw = g.value(row, col);
  const v = parseValue(raw, g.format(row, col));
  if (v.kind === 'number' && !datesAreFigures) {
    const d = dateIn(g, row, col);
    if (d !== null) return { kind: 'text', text: d, raw };
  }
  if (v.kind === 'text' && notFiniteText(raw) !== null) return { kind: 'missing', token: v.text, raw };
  return v;
}

/** Commentary that says the period's figure is not in yet ("figures for Q1 have yet to be agreed", "data to follow"). */
const NOT_YET =
  /\b(?:not yet (?:available|agreed|confirmed|known|final|finali[sz]ed|validated|verified|published|reported|received|in|calculated)|(?:yet|still) to be (?:agreed|confirmed|received|published|reported|finali[sz]ed|validated|verified|provided|calculated|collated|released|signed off|available)|(?:figures?|data|results?|information|outturns?|numbers?)(?: \w+){0,4} (?:is |are )?(?:to follow|awaited|not (?:yet )?available|unavailable)|awaiting (?:the )?(?:figures?|data|results?|information|validation|confirmation|sign[- ]off)|not available (?:yet|until))\b/i;

/** The sentence of a commentary that matched, shortened for a message. */
function quoteOf(text: string, m: RegExpExecArray): string {
  let a = m.index;
  let b = m.index + m[0].length;
  while (a > 0 && !/[.!?\n]/.test(text[a - 1]!)) a--;
  while (b < text.length && !/[.!?\n]/.test(text[b]!)) b++;
  const q = text.slice(a, b).trim();
  return q.length > 100 ? `${q.slice(0, 97)}...` : q;
}

/**
 * A 0 that may stand for a figure not yet in (Hart DC's tiles: 0 "until the figures are agreed"):
 * - the commentary says the figure is not yet available, agreed or to follow: the 0 is no data;
 * - the target is not 0 and the previous period's figure is also 0, or was running about the
 *   target (between half and twice it: 99.6% uptime against 98%, then 0): still rated, with a
 *   data-quality warning.
 * A 0 against a target of 0, with no target, or with no previous figure (a baseline is none: new
 * outputs count up from a baseline of 0), is left alone.
 */
function zeroCheck(
  sheet: string,
  actual: ParsedValue,
  cell: CellRef | null,
  commentary: string | null,
  target: ParsedValue | null,
  previous: ParsedValue | null,
  previousLabel: string | null,
  issues: Issue[],
): ParsedValue {
  if (!cell || actual.kind !== 'number' || actual.value !== 0) return actual;
  const addr = a1(cell.row, cell.col);
  const said = commentary !== null ? NOT_YET.exec(commentary) : null;
  if (said) {
    issues.push(issue(sheet, cell, 'zero-not-available', fmt(T().measure.zeroNotAvailable, { cell: addr, quote: quoteOf(commentary!, said) })));
    return { kind: 'missing', token: '0', raw: actual.raw };
  }
  const t = numberOf(target);
  const p = numberOf(previous);
  if (t === null || t === 0 || p === null || (previousLabel !== null && /\bbaseline\b/i.test(previousLabel))) return actual;
  const ratio = p / t;
  if (p === 0 || (ratio >= 0.5 && ratio <= 2)) {
    const msg = p === 0 ? T().measure.zeroAgain : T().measure.zeroAfterFigure;
    issues.push(issue(sheet, cell, 'zero-may-be-missing', fmt(msg, { cell: addr, previous: String(previous!.raw ?? p) })));
  }
  return actual;
}

/** Excel serials of 1 Jan 2000 and 31 Dec 2049: a whole number between them may be a date that lost its format. */
const SERIAL_FROM = 36526;
const SERIAL_TO = 54789;

/** The sizes of a column's plain numbers (the largest two, and how many), to tell a date serial that lost its format among small counts. */
function columnSizes(g: Grid, rows: number[], col: number): { top: number; second: number; count: number } {
  let top = 0;
  let second = 0;
  let count = 0;
  for (const r of rows) {
    const v = g.value(r, col);
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    count++;
    const a = Math.abs(v);
    if (a > top) {
      second = top;
      top = a;
    } else if (a > second) second = a;
  }
  return { top, second, count };
}

/**
 * A whole number in the range of dates (45747 is 31/03/2025) in a column whose other figures
 * (at least three) are all twenty times smaller: it may be a date that lost its format. Still
 * rated, with a data-quality warning.
 */
function serialCheck(sheet: string, actual: ParsedValue, cell: CellRef | null, sizes: { top: number; second: number; count: number } | null, issues: Issue[]): void {
  if (!cell || !sizes || actual.kind !== 'number' || typeof actual.raw !== 'number') return;
  const v = actual.raw;
  if (!Number.isInteger(v) || v < SERIAL_FROM || v > SERIAL_TO || sizes.count < 4) return;
  const others = v >= sizes.top ? sizes.second : sizes.top;
  if (others * 20 > v) return;
  const { y, m, d } = serialToDate(v);
  const date = fmt(T().measure.dateShown, { d: pad2(d), m: pad2(m), y: String(y) });
  issues.push(issue(sheet, cell, 'date-serial-suspect', fmt(T().measure.serialSuspect, { cell: a1(cell.row, cell.col), value: String(v), date })));
}

// ---------------------------------------------------------------- rows shifted along

/** Rows read to learn what each column holds before a row is judged shifted. */
const SHIFT_MIN_ROWS = 20;

/**
 * Rows whose cells sit one column to the right of their headers from some column on (a CSV
 * export that lost a field, or gained one): row -> the first table column read one to the right.
 * A row is shifted from column c when its cell in c is blank and the cells after it hold what
 * the column to their left usually holds and their own column seldom does ("Output" under
 * "indicator" when "Output" is what "indicator_level" holds): two such cells, the first of them
 * straight after the blank one. Tables of fewer than 20 rows are not judged.
 */
function shiftsOf(g: Grid, table: DetectedTable): Map<number, number> {
  const out = new Map<number, number>();
  const rows = table.measureRows;
  if (rows.length < SHIFT_MIN_ROWS) return out;
  const left = table.left;
  const right = table.right;
  const vocab: Map<string, number>[] = [];
  for (let c = left; c <= right + 1; c++) vocab.push(new Map());
  const key = (v: CellValue): string | null => {
    if (typeof v !== 'string') return null;
    const t = v.trim();
    return t.length > 0 && t.length <= 60 ? t.toLowerCase() : null;
  };
  for (const r of rows) {
    for (let c = left; c <= right + 1; c++) {
      const k = key(g.value(r, c));
      if (k !== null) vocab[c - left]!.set(k, (vocab[c - left]!.get(k) ?? 0) + 1);
    }
  }
  const usualLeft = (k: string, c: number, strict: boolean): boolean => {
    const there = vocab[c - 1 - left]!.get(k) ?? 0;
    const here = vocab[c - left]!.get(k) ?? 0;
    return strict ? there >= 5 && there >= here * 4 : there >= 3 && there >= here * 2;
  };
  for (const r of rows) {
    for (let c = left + 1; c <= right; c++) {
      if (!g.isBlank(r, c - 1)) continue;
      const k = key(g.value(r, c));
      if (k === null || !usualLeft(k, c, true)) continue;
      let more = 0;
      for (let d = c + 1; d <= right + 1 && more === 0; d++) {
        const kd = key(g.value(r, d));
        if (kd !== null && usualLeft(kd, d, false)) more++;
      }
      if (more > 0) out.set(r, c - 1);
      break;
    }
  }
  return out;
}

/** The row read with its cells from column `from` on taken one column to the right. */
function shiftedView(g: Grid, row: number, from: number): Cells {
  const at = (r: number, c: number): number => (r === row && c >= from ? c + 1 : c);
  return {
    value: (r, c) => g.value(r, at(r, c)),
    format: (r, c) => g.format(r, at(r, c)),
    isUncached: (r, c) => g.isUncached(r, at(r, c)),
  };
}

function polarityTextOf(g: Cells, row: number, c: DetectedColumn | null): string | null {
  if (!c) return null;
  // as written: "Data only" and "N/A" say something here (no polarity), so they are not dropped as no-data tokens
  const t = cellText(g.value(row, c.col));
  if (t === null) return null;
  const h = normHeader(c.header);
  const answer = t.trim().toLowerCase();
  const P = messages.common.polarity;
  if (YES_HIGHER.has(h)) {
    if (YES.has(answer)) return P.higher;
    if (NO.has(answer)) return P.lower;
  }
  if (YES_LOWER.has(h)) {
    if (YES.has(answer)) return P.lower;
    if (NO.has(answer)) return P.higher;
  }
  return t;
}

const PERCENT_WORD = /\b(?:percent|percentage|per cent)\b/i;

function unitHintOf(unitText: string | null, name: string): 'percent' | null {
  if (unitText !== null && (unitText.includes('%') || PERCENT_WORD.test(unitText))) return 'percent';
  if (name.includes('%') || PERCENT_WORD.test(name)) return 'percent';
  return null;
}

function sectionAbove(table: DetectedTable, row: number): string | null {
  let found: string | null = null;
  for (const s of table.sections) if (s.row < row) found = s.text;
  return found;
}

/** The row's commentary cells that hold something, one per line; null when none do. */
function commentaryOf(g: Cells, row: number, columns: number[]): string | null {
  if (columns.length === 1) return text(g, row, columns[0]!);
  const parts: string[] = [];
  for (const c of columns) {
    const t = text(g, row, c);
    if (t !== null) parts.push(t);
  }
  return parts.length ? parts.join('\n') : null;
}

function uncachedIssue(sheet: string, row: number, col: number, issues: Issue[]): void {
  issues.push(issue(sheet, { row, col }, 'formula-no-result', fmt(T().measure.formulaNoResult, { cell: a1(row, col) })));
}

const same = (c: number): number => c;

/** The fields every layout reads the same way from a measure's row. `at` gives the sheet column a table column is read from (the same, but for a shifted row). */
function commonFields(g: Cells, table: DetectedTable, cols: Cols, row: number, issues: Issue[], at: (c: number) => number = same) {
  const sheet = table.sheet;
  const ref = text(g, row, cols.ref);
  const nameText = text(g, row, cols.measure);
  // a measure without a name is named by its reference; "Row N" only where the table has neither (a table the settings force)
  const name = nameText ?? ref ?? fmt(T().measure.rowName, { row: row + 1 });
  const commentary = commentaryOf(g, row, cols.commentary);
  const directorateCell = text(g, row, cols.directorate);
  const service = text(g, row, cols.service);
  if (cols.measure !== null && g.isUncached(row, cols.measure)) uncachedIssue(sheet, row, at(cols.measure), issues);
  if (cols.ref !== null && g.isUncached(row, cols.ref)) uncachedIssue(sheet, row, at(cols.ref), issues);
  const annualTarget = parsed(g, row, cols.annualTarget);
  const userRagText = text(g, row, cols.userRag);
  const unitText = text(g, row, cols.unit);
  let complete: boolean | null = null;
  if (cols.complete !== null) complete = parseComplete(g.value(row, cols.complete));
  return {
    ref,
    name,
    directorate: directorateCell ?? service ?? sectionAbove(table, row),
    service,
    priority: text(g, row, cols.priority),
    owner: text(g, row, cols.owner),
    commentary,
    annualTarget,
    lastYear: parsed(g, row, cols.lastYear),
    polarityText: polarityTextOf(g, row, cols.polarity),
    amberThreshold: parsed(g, row, cols.amber),
    redThreshold: parsed(g, row, cols.red),
    toleranceText: cols.tolerance !== null ? g.value(row, cols.tolerance) : null,
    complete,
    unitHint: unitHintOf(unitText, nameText ?? name),
    unitText,
    userRag: userRagText,
    userRags: cols.userRags.map((c): UserRagCell => {
      const raw = g.value(row, c.col);
      return { header: c.header, cell: { row, col: at(c.col) }, value: isMissing(raw) ? null : cellText(raw), normalised: normaliseUserRag(raw, c.header) };
    }),
  };
}

/** A target from the measure's settings ("measures": [{ "ref": "AH01", "target": 90 }]), the last match winning. */
function configTarget(config: RagConfig, sheet: string, ref: string | null, name: string): ParsedValue | null {
  if (!config.measures || config.measures.length === 0) return null;
  const entries = measureEntriesFor(config, { sheet, ref, name }).filter((m) => m.target !== undefined);
  if (entries.length === 0) return null;
  const t = entries[entries.length - 1].target!;
  return parseValue(t, 'General');
}

function targetIssues(g: Cells, sheet: string, value: ParsedValue | null, cell: CellRef | null, out: Issue[]): void {
  if (!value || !cell) return;
  if (g.isUncached(cell.row, cell.col)) {
    out.push(issue(sheet, cell, 'formula-no-result', fmt(T().measure.formulaNoResult, { cell: a1(cell.row, cell.col) })));
    return;
  }
  if (value.kind === 'text') out.push(issue(sheet, cell, 'target-not-a-number', fmt(T().measure.targetNotANumber, { text: shown(value.text), cell: a1(cell.row, cell.col) })));
}

function findPeriod(list: DetectedColumn[], p: PeriodInfo | null): DetectedColumn | null {
  if (!p) return null;
  return list.find((c) => c.period && c.period.label === p.label && c.period.order === p.order) ?? list.find((c) => c.period && samePeriod(c.period, p)) ?? null;
}

function lastYearPeriod(list: DetectedColumn[], cur: PeriodInfo): DetectedColumn | null {
  if (cur.year === null || cur.indexInYear === null) return null;
  return list.find((c) => c.period && c.period.year === cur.year! - 1 && c.period.indexInYear === cur.indexInYear && c.period.periodsPerYear === cur.periodsPerYear) ?? null;
}

/** True when no configuration entry is about single measures: settingsFor is then the same for every measure of a table. */
function measureSettingsShared(config: RagConfig): boolean {
  return !config.measures || config.measures.length === 0;
}

function extractRows(g: Grid, table: DetectedTable, cols: Cols, config: RagConfig): Measure[] {
  const sheet = table.sheet;
  const identity = identityOf(table);
  const out: Measure[] = [];
  const current = findPeriod(cols.periods, table.currentPeriod);
  // what depends only on the table's columns, looked up once
  const periodTarget = current ? findPeriod(cols.periodTargets, current.period!) : cols.actual?.period ? findPeriod(cols.periodTargets, cols.actual.period) : null;
  const curPeriod = current?.period ?? cols.actual?.period ?? null;
  const yearAgo = curPeriod ? lastYearPeriod(cols.periods, curPeriod) : null;
  const previousColumn = findPeriod(cols.periods, table.previousPeriod);
  const lastYearHeader = cols.lastYear !== null ? (table.columns.find((c) => c.col === cols.lastYear)?.header ?? null) : null;
  const periods = cols.periods;
  // without measure entries every measure of the table has the table's settings
  const shared = measureSettingsShared(config) ? settingsFor(config, identity, { sheet, ref: null, name: '' }) : null;
  const actualColumn = cols.actual ?? current;
  const targetCol0 = periodTarget ? periodTarget.col : cols.target ? cols.target.col : null;
  const valueHeaders = [actualColumn?.header, periodTarget?.header ?? cols.target?.header];
  const shifts = shiftsOf(g, table);
  const sizes = actualColumn ? columnSizes(g, table.measureRows, actualColumn.col) : null;
  for (const row of table.measureRows) {
    const issues: Issue[] = [];
    // a row whose cells sit one column right of their headers is read shifted, and said so
    const from = shifts.get(row);
    const v: Cells = from === undefined ? g : shiftedView(g, row, from);
    const at = (c: number): number => (from !== undefined && c >= from ? c + 1 : c);
    if (from !== undefined) {
      const header = table.columns.find((c) => c.col === from + 1)?.header ?? '';
      const shown = cellText(g.value(row, from + 1)) ?? '';
      issues.push(
        issue(sheet, { row, col: from }, 'row-shifted', fmt(T().measure.rowShifted, { row: row + 1, column: a1(0, from).replace(/\d+$/, ''), text: shown, cell: a1(row, from + 1), header })),
      );
    }
    const f = commonFields(v, table, cols, row, issues, at);
    const settings = shared ?? settingsFor(config, identity, { sheet, ref: f.ref, name: f.name });
    const lastYearMode = settings.directionOfTravel.compareWith === 'same-period-last-year';

    // dates where figures belong: a figure only for a measure of dates
    const actualCell: CellRef | null = actualColumn ? { row, col: at(actualColumn.col) } : null;
    const targetCell0: CellRef | null = targetCol0 !== null ? { row, col: at(targetCol0) } : null;
    const actualDate = actualCell ? dateIn(g, row, actualCell.col) : null;
    const targetDate = targetCell0 ? dateIn(g, row, targetCell0.col) : null;
    const datesAreFigures = isDateMeasure(f.name, f.unitText, valueHeaders, actualDate !== null && targetDate !== null);

    // the actual: the actual column, else the current period's column
    let actual = actualCell ? readValue(g, row, actualCell.col, datesAreFigures) : MISSING;
    if (actualCell) {
      if (actualDate !== null && !datesAreFigures && !g.isUncached(row, actualCell.col))
        issues.push(issue(sheet, actualCell, 'date-in-value', fmt(T().measure.actualIsDate, { cell: a1(actualCell.row, actualCell.col), date: actualDate })));
      else actualIssues(g, sheet, actual, actualCell, issues);
    }

    // the target: the current period's own target column, else the target column, else the settings
    let target = targetCell0 ? readValue(g, row, targetCell0.col, datesAreFigures) : null;
    let targetCell: CellRef | null = targetCell0;
    const override = configTarget(config, sheet, f.ref, f.name);
    if (override) {
      target = override;
      targetCell = null;
    } else if (targetDate !== null && !datesAreFigures && targetCell) {
      issues.push(issue(sheet, targetCell, 'date-in-value', fmt(T().measure.targetIsDate, { cell: a1(targetCell.row, targetCell.col), date: targetDate })));
    } else targetIssues(g, sheet, target, targetCell, issues);

    // the series: every period column in order
    const series: SeriesPoint[] = new Array<SeriesPoint>(periods.length);
    for (let i = 0; i < periods.length; i++) {
      const c = periods[i]!;
      const col = at(c.col);
      series[i] = { period: c.period!, value: readValue(g, row, col, datesAreFigures), cell: { row, col } };
    }

    // the comparison: the previous period of a wide layout (or the same period last year), else a Previous column
    let previous: ParsedValue | null = null;
    let previousLabel: string | null = null;
    let lastYear = f.lastYear;
    if (yearAgo && !lastYear) lastYear = readValue(g, row, at(yearAgo.col), datesAreFigures);
    const prevCol = lastYearMode ? yearAgo : previousColumn;
    if (prevCol) {
      previous = readValue(g, row, at(prevCol.col), datesAreFigures);
      previousLabel = prevCol.period!.label;
    } else if (lastYearMode && cols.lastYear !== null) {
      previous = f.lastYear;
      previousLabel = lastYearHeader;
    } else if (cols.previous) {
      previous = readValue(g, row, at(cols.previous.col), datesAreFigures);
      previousLabel = cols.previous.header;
    }

    // a 0 that may mean "not in yet"; a date that lost its format
    actual = zeroCheck(sheet, actual, actualCell, f.commentary, target, previous, previousLabel, issues);
    if (!datesAreFigures && from === undefined) serialCheck(sheet, actual, actualCell, sizes, issues);
    if (current && actual.kind === 'missing') {
      const point = series.find((p) => p.cell.col === actualCell?.col);
      if (point) point.value = actual;
    }

    out.push({
      key: '',
      sheet,
      tableId: table.id,
      row,
      ref: f.ref,
      name: f.name,
      directorate: f.directorate,
      service: f.service,
      priority: f.priority,
      owner: f.owner,
      commentary: f.commentary,
      actual,
      actualCell,
      target,
      targetCell,
      annualTarget: f.annualTarget,
      previous,
      previousLabel,
      lastYear,
      series,
      polarityText: f.polarityText,
      amberThreshold: f.amberThreshold,
      redThreshold: f.redThreshold,
      toleranceText: f.toleranceText,
      complete: f.complete,
      unitHint: f.unitHint,
      userRag: f.userRag,
      userRags: f.userRags,
      issues,
    });
  }
  return out;
}

/** Long layouts: the rows of one measure (one per period) become one Measure with a series. */
function extractLong(g: Grid, table: DetectedTable, cols: Cols, config: RagConfig, periodCol: number): Measure[] {
  const sheet = table.sheet;
  const identity = identityOf(table);
  const ysm = settingsFor(config, identity, { sheet, ref: null, name: '' }).forecast.yearStartMonth;
  // identity columns: the measure's ref and name, its groups, and other repeated text columns (area, ward...)
  const identityRoles = new Set(['ref', 'measure', 'directorate', 'service', 'priority', 'owner', 'unit', 'polarity']);
  const rows = table.measureRows;
  const idCols = table.columns.filter((c) => {
    if (identityRoles.has(c.role)) return true;
    if (c.role !== 'ignore') return false;
    const seen = new Set<string>();
    let texts = 0;
    for (const r of rows) {
      const v = g.value(r, c.col);
      if (typeof v !== 'string' || v.trim() === '') continue;
      texts++;
      seen.add(v.trim());
    }
    return texts > 0 && seen.size * 2 <= texts; // a repeated text column groups rows
  });
  const groups = new Map<string, number[]>();
  for (const r of rows) {
    const k = idCols.map((c) => cellText(g.value(r, c.col)) ?? '').join('\u0001');
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  const periodOf = (r: number): PeriodInfo | null => parsePeriodCell(g.value(r, periodCol), g.format(r, periodCol), ysm, false)?.period ?? null;
  // orders of the table's periods (the same as detection used)
  const ordered: PeriodInfo[] = [];
  for (const r of rows) {
    const p = periodOf(r);
    if (p && !ordered.some((x) => samePeriod(x, p))) ordered.push(p);
  }
  if (!ordered.every((p) => Number.isFinite(p.order))) ordered.forEach((p, i) => (p.order = i));
  const orderOf = (p: PeriodInfo): number => ordered.find((x) => samePeriod(x, p))?.order ?? Number.POSITIVE_INFINITY;

  // Rows that look like one measure but all hold the same single period are not a series: they are
  // records of their own (a list of service standards for one year), each a measure, told apart by
  // its row with a duplicate warning, so no row is dropped unseen. A series with a period twice stays
  // one measure: the trend says so, and so does the measure when it is the period reported.
  const measureGroups: number[][] = [];
  for (const groupRows of groups.values()) {
    if (groupRows.length < 2) {
      measureGroups.push(groupRows);
      continue;
    }
    const distinct: PeriodInfo[] = [];
    for (const r of groupRows) {
      const p = periodOf(r);
      if (p && !distinct.some((q) => samePeriod(q, p))) distinct.push(p);
    }
    if (distinct.length <= 1) for (const r of groupRows) measureGroups.push([r]);
    else measureGroups.push(groupRows);
  }

  const out: Measure[] = [];
  for (const groupRows of measureGroups) {
    const points = groupRows
      .map((r) => ({ r, p: periodOf(r) }))
      .filter((x): x is { r: number; p: PeriodInfo } => x.p !== null)
      .map((x) => ({ ...x, p: { ...x.p, order: orderOf(x.p) } }))
      .sort((a, b) => a.p.order - b.p.order);
    const cur = table.currentPeriod;
    const curRow = cur ? points.find((x) => samePeriod(x.p, cur)) ?? null : points[points.length - 1] ?? null;
    const row = curRow ? curRow.r : groupRows[groupRows.length - 1];
    const issues: Issue[] = [];
    if (curRow) {
      const twins = points.filter((x) => samePeriod(x.p, curRow.p)).map((x) => x.r);
      if (twins.length > 1)
        issues.push(
          issue(sheet, { row: curRow.r, col: periodCol }, 'duplicate-period', fmt(T().measure.duplicatePeriod, { rows: twins.map((r) => r + 1).join(', '), period: curRow.p.label, used: curRow.r + 1 })),
        );
    }
    const f = commonFields(g, table, cols, row, issues);
    const settings = settingsFor(config, identity, { sheet, ref: f.ref, name: f.name });
    const actualCol = cols.actual?.col ?? null;
    const targetCol = cols.target?.col ?? null;
    const actualDate = curRow && actualCol !== null ? dateIn(g, curRow.r, actualCol) : null;
    const targetDate = curRow && targetCol !== null ? dateIn(g, curRow.r, targetCol) : null;
    const datesAreFigures = isDateMeasure(f.name, f.unitText, [cols.actual?.header, cols.target?.header], actualDate !== null && targetDate !== null);
    let actual: ParsedValue = MISSING;
    let actualCell: CellRef | null = null;
    if (actualCol !== null) {
      if (curRow) {
        actualCell = { row: curRow.r, col: actualCol };
        actual = readValue(g, curRow.r, actualCol, datesAreFigures);
        if (actualDate !== null && !datesAreFigures && !g.isUncached(curRow.r, actualCol))
          issues.push(issue(sheet, actualCell, 'date-in-value', fmt(T().measure.actualIsDate, { cell: a1(curRow.r, actualCol), date: actualDate })));
        else actualIssues(g, sheet, actual, actualCell, issues);
      } else if (cur) {
        issues.push({ severity: 'warning', sheet, cell: a1(row, periodCol), code: 'no-data', message: fmt(T().measure.noDataNoRow, { period: cur.label }) });
      }
    }
    const series: SeriesPoint[] =
      actualCol === null ? [] : points.map((x) => ({ period: x.p, value: readValue(g, x.r, actualCol, datesAreFigures), cell: { row: x.r, col: actualCol } }));
    let target = curRow && targetCol !== null ? readValue(g, curRow.r, targetCol, datesAreFigures) : null;
    let targetCell: CellRef | null = curRow && targetCol !== null ? { row: curRow.r, col: targetCol } : null;
    const override = configTarget(config, sheet, f.ref, f.name);
    if (override) {
      target = override;
      targetCell = null;
    } else if (targetDate !== null && !datesAreFigures && targetCell) {
      issues.push(issue(sheet, targetCell, 'date-in-value', fmt(T().measure.targetIsDate, { cell: a1(targetCell.row, targetCell.col), date: targetDate })));
    } else targetIssues(g, sheet, target, targetCell, issues);
    let previous: ParsedValue | null = null;
    let previousLabel: string | null = null;
    const lastYearMode = settings.directionOfTravel.compareWith === 'same-period-last-year';
    const curP = curRow?.p ?? null;
    const yearAgo = curP && curP.year !== null ? points.find((x) => x.p.year === curP.year! - 1 && x.p.indexInYear === curP.indexInYear && x.p.periodsPerYear === curP.periodsPerYear) ?? null : null;
    const before = curP ? points.filter((x) => x.p.order < curP.order).pop() ?? null : null;
    const prevPoint = lastYearMode ? yearAgo : before;
    if (cols.previous && curRow) {
      previous = parsed(g, curRow.r, cols.previous.col);
      previousLabel = cols.previous.header;
    } else if (prevPoint && actualCol !== null) {
      previous = readValue(g, prevPoint.r, actualCol, datesAreFigures);
      previousLabel = prevPoint.p.label;
    }
    const lastYear = f.lastYear ?? (yearAgo && actualCol !== null ? readValue(g, yearAgo.r, actualCol, datesAreFigures) : null);
    actual = zeroCheck(sheet, actual, actualCell, f.commentary, target, previous, previousLabel, issues);
    if (curRow && actual.kind === 'missing') {
      const point = series.find((p) => p.cell.row === curRow.r);
      if (point) point.value = actual;
    }
    out.push({
      key: '',
      sheet,
      tableId: table.id,
      row,
      ref: f.ref,
      name: f.name,
      directorate: f.directorate,
      service: f.service,
      priority: f.priority,
      owner: f.owner,
      commentary: f.commentary,
      actual,
      actualCell,
      target,
      targetCell,
      annualTarget: f.annualTarget,
      previous,
      previousLabel,
      lastYear,
      series,
      polarityText: f.polarityText,
      amberThreshold: f.amberThreshold,
      redThreshold: f.redThreshold,
      toleranceText: f.toleranceText,
      complete: f.complete,
      unitHint: f.unitHint,
      userRag: f.userRag,
      userRags: f.userRags,
      issues,
    });
  }
  // measures that share a name are told apart by the text columns that group them ("(Trafford, Percentage)")
  const byName = new Map<string, Measure[]>();
  for (const m of out) {
    const list = byName.get(m.name);
    if (list) list.push(m);
    else byName.set(m.name, [m]);
  }
  const wordy = (v: string): boolean => /[a-z]/.test(v);
  const suffixCols = idCols.filter((c) => c.role !== 'measure' && c.role !== 'ref');
  for (const list of byName.values()) {
    if (list.length < 2) continue;
    const valueOf = (m: Measure, col: number): string => cellText(g.value(m.row, col)) ?? '';
    const differing = suffixCols.filter((c) => new Set(list.map((m) => valueOf(m, c.col))).size > 1);
    // words before codes; as few columns as tell the measures apart
    const ordered = [...differing.filter((c) => list.every((m) => wordy(valueOf(m, c.col)))), ...differing.filter((c) => !list.every((m) => wordy(valueOf(m, c.col))))];
    const chosen: number[] = [];
    for (const c of ordered) {
      chosen.push(c.col);
      const keys = new Set(list.map((m) => chosen.map((k) => valueOf(m, k)).join('\u0001')));
      if (keys.size === list.length) break;
    }
    if (chosen.length === 0) continue;
    for (const m of list) {
      const extra = chosen.map((k) => valueOf(m, k)).filter((v) => v.length > 0);
      if (extra.length === 0) continue;
      m.name = `${m.name} (${extra.join(', ')})`;
      m.unitHint ??= unitHintOf(null, m.name);
    }
  }
  return out;
}

/** Gives each measure its key: sheet and ref (or name), with "#row" only where that is not unique on the sheet. Adds duplicate-ref issues. */
export function assignKeys(measures: Measure[]): void {
  const bySheet = new Map<string, Measure[]>();
  for (const m of measures) {
    const list = bySheet.get(m.sheet);
    if (list) list.push(m);
    else bySheet.set(m.sheet, [m]);
  }
  for (const [sheet, list] of bySheet) {
    // one measure per key, or (the rare case) the list of measures sharing it
    const byBase = new Map<string, Measure | Measure[]>();
    for (const m of list) {
      const base = `${sheet}!${m.ref ?? m.name}`;
      const lower = base.toLowerCase();
      const same = byBase.get(lower);
      if (same === undefined) byBase.set(lower, m);
      else if (Array.isArray(same)) same.push(m);
      else byBase.set(lower, [same, m]);
      m.key = base;
    }
    for (const same of byBase.values()) {
      if (!Array.isArray(same)) continue;
      const rows = same.map((m) => m.row + 1).join(', ');
      for (const m of same) {
        m.key = `${m.key}#${m.row + 1}`;
        const cell = a1(m.row, 0);
        const message = m.ref !== null ? fmt(T().measure.duplicateRef, { ref: m.ref, rows }) : fmt(T().measure.duplicateName, { name: m.name, rows });
        m.issues.push({ severity: 'warning', sheet: m.sheet, cell: m.actualCell ? a1(m.row, m.actualCell.col) : cell, code: m.ref !== null ? 'duplicate-ref' : 'duplicate-name', message });
      }
    }
  }
}

/**
 * The sheet's grid with the add-in's own columns beside its tables (their 'owned' columns, over
 * their rows) read as empty, as detection read them: what the user typed is read the same
 * before and after a refresh writes them.
 */
function userGrid(sheet: SheetSnapshot, tables: DetectedTable[]): Grid {
  const ranges: RangeRef[] = [];
  for (const t of tables) {
    for (const c of t.columns) if (c.role === 'owned') ranges.push({ top: t.headerRow, left: c.col, bottom: t.lastDataRow, right: c.col });
  }
  return gridOf(withCellsEmptied(sheet, ranges));
}

/**
 * Reads the measures of one detected table. Keys are unique within the table; use
 * `extractWorkbookMeasures` to make them unique across the tables of a sheet.
 */
export function extractMeasures(table: DetectedTable, sheet: SheetSnapshot, config: RagConfig): Measure[] {
  const g = userGrid(sheet, [table]);
  const cols = columnsOf(table);
  const measures = cols.longPeriod !== null ? extractLong(g, table, cols, config, cols.longPeriod) : extractRows(g, table, cols, config);
  assignKeys(measures);
  return measures;
}

/** Reads the measures of every detected table, keys unique on each sheet. */
export function extractWorkbookMeasures(tables: DetectedTable[], snapshot: WorkbookSnapshot, config: RagConfig): Measure[] {
  const out: Measure[] = [];
  const grids = new Map<string, Grid>();
  for (const t of tables) {
    const sheet = snapshot.sheets.find((s) => s.name === t.sheet);
    if (!sheet) continue;
    let g = grids.get(sheet.name);
    if (!g) grids.set(sheet.name, (g = userGrid(sheet, tables.filter((x) => x.sheet === sheet.name))));
    const cols = columnsOf(t);
    for (const m of cols.longPeriod !== null ? extractLong(g, t, cols, config, cols.longPeriod) : extractRows(g, t, cols, config)) out.push(m);
  }
  assignKeys(out);
  return out;
}
