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
  SeriesPoint,
  SheetSnapshot,
  WorkbookSnapshot,
} from '../types';
import { cellText, isMissing, parseComplete, parseValue } from '../values';
import { a1, gridOf, type Grid } from './grid';
import { normHeader } from './headers';
import { parsePeriodCell, samePeriod } from './periods';

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
    periods: wide,
    longPeriod,
  };
}

function identityOf(table: DetectedTable): TableIdentity {
  const bang = table.id.indexOf('!');
  return { sheet: table.sheet, excelTable: table.excelTable, range: table.id.slice(bang + 1) };
}

function text(g: Grid, row: number, col: number | null): string | null {
  if (col === null) return null;
  const v = g.value(row, col);
  if (isMissing(v)) return null;
  return cellText(v);
}

function parsed(g: Grid, row: number, col: number | null): ParsedValue | null {
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
function actualIssues(g: Grid, sheet: string, value: ParsedValue, cell: CellRef | null, out: Issue[]): void {
  if (!cell) return;
  const addr = a1(cell.row, cell.col);
  if (g.isUncached(cell.row, cell.col)) {
    out.push(issue(sheet, cell, 'formula-no-result', fmt(T().measure.formulaNoResult, { cell: addr })));
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

function polarityTextOf(g: Grid, row: number, c: DetectedColumn | null): string | null {
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
function commentaryOf(g: Grid, row: number, columns: number[]): string | null {
  if (columns.length === 1) return text(g, row, columns[0]!);
  const parts: string[] = [];
  for (const c of columns) {
    const t = text(g, row, c);
    if (t !== null) parts.push(t);
  }
  return parts.length ? parts.join('\n') : null;
}

function uncachedIssue(g: Grid, sheet: string, row: number, col: number, issues: Issue[]): void {
  issues.push(issue(sheet, { row, col }, 'formula-no-result', fmt(T().measure.formulaNoResult, { cell: a1(row, col) })));
}

/** The fields every layout reads the same way from a measure's row. */
function commonFields(g: Grid, table: DetectedTable, cols: Cols, row: number, issues: Issue[]) {
  const sheet = table.sheet;
  const ref = text(g, row, cols.ref);
  const nameText = text(g, row, cols.measure);
  const name = nameText ?? (cols.measure === null && ref !== null ? ref : fmt(T().measure.rowName, { row: row + 1 }));
  const commentary = commentaryOf(g, row, cols.commentary);
  const directorateCell = text(g, row, cols.directorate);
  const service = text(g, row, cols.service);
  if (cols.measure !== null && g.isUncached(row, cols.measure)) uncachedIssue(g, sheet, row, cols.measure, issues);
  if (cols.ref !== null && g.isUncached(row, cols.ref)) uncachedIssue(g, sheet, row, cols.ref, issues);
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
    userRag: userRagText,
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

function targetIssues(g: Grid, sheet: string, value: ParsedValue | null, cell: CellRef | null, out: Issue[]): void {
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
  for (const row of table.measureRows) {
    const issues: Issue[] = [];
    const f = commonFields(g, table, cols, row, issues);
    const settings = shared ?? settingsFor(config, identity, { sheet, ref: f.ref, name: f.name });
    const lastYearMode = settings.directionOfTravel.compareWith === 'same-period-last-year';

    // the actual: the actual column, else the current period's column
    let actualCell: CellRef | null = null;
    if (cols.actual) actualCell = { row, col: cols.actual.col };
    else if (current) actualCell = { row, col: current.col };
    const actual = actualCell ? parseValue(g.value(row, actualCell.col), g.format(row, actualCell.col)) : MISSING;
    if (actualCell) actualIssues(g, sheet, actual, actualCell, issues);

    // the target: the current period's own target column, else the target column, else the settings
    let targetCol: number | null = null;
    if (periodTarget) targetCol = periodTarget.col;
    else if (cols.target) targetCol = cols.target.col;
    let target = parsed(g, row, targetCol);
    let targetCell: CellRef | null = targetCol !== null ? { row, col: targetCol } : null;
    const override = configTarget(config, sheet, f.ref, f.name);
    if (override) {
      target = override;
      targetCell = null;
    } else targetIssues(g, sheet, target, targetCell, issues);

    // the series: every period column in order
    const series: SeriesPoint[] = new Array<SeriesPoint>(periods.length);
    for (let i = 0; i < periods.length; i++) {
      const c = periods[i]!;
      series[i] = { period: c.period!, value: parseValue(g.value(row, c.col), g.format(row, c.col)), cell: { row, col: c.col } };
    }

    // the comparison: the previous period of a wide layout (or the same period last year), else a Previous column
    let previous: ParsedValue | null = null;
    let previousLabel: string | null = null;
    let lastYear = f.lastYear;
    if (yearAgo && !lastYear) lastYear = parseValue(g.value(row, yearAgo.col), g.format(row, yearAgo.col));
    const prevCol = lastYearMode ? yearAgo : previousColumn;
    if (prevCol) {
      previous = parseValue(g.value(row, prevCol.col), g.format(row, prevCol.col));
      previousLabel = prevCol.period!.label;
    } else if (lastYearMode && cols.lastYear !== null) {
      previous = f.lastYear;
      previousLabel = lastYearHeader;
    } else if (cols.previous) {
      previous = parsed(g, row, cols.previous.col);
      previousLabel = cols.previous.header;
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

  const out: Measure[] = [];
  for (const groupRows of groups.values()) {
    const points = groupRows
      .map((r) => ({ r, p: periodOf(r) }))
      .filter((x): x is { r: number; p: PeriodInfo } => x.p !== null)
      .map((x) => ({ ...x, p: { ...x.p, order: orderOf(x.p) } }))
      .sort((a, b) => a.p.order - b.p.order);
    const cur = table.currentPeriod;
    const curRow = cur ? points.find((x) => samePeriod(x.p, cur)) ?? null : points[points.length - 1] ?? null;
    const row = curRow ? curRow.r : groupRows[groupRows.length - 1];
    const issues: Issue[] = [];
    const f = commonFields(g, table, cols, row, issues);
    const settings = settingsFor(config, identity, { sheet, ref: f.ref, name: f.name });
    const actualCol = cols.actual?.col ?? null;
    let actual: ParsedValue = MISSING;
    let actualCell: CellRef | null = null;
    if (actualCol !== null) {
      if (curRow) {
        actualCell = { row: curRow.r, col: actualCol };
        actual = parseValue(g.value(curRow.r, actualCol), g.format(curRow.r, actualCol));
        actualIssues(g, sheet, actual, actualCell, issues);
      } else if (cur) {
        issues.push({ severity: 'warning', sheet, cell: a1(row, periodCol), code: 'no-data', message: fmt(T().measure.noDataNoRow, { period: cur.label }) });
      }
    }
    const series: SeriesPoint[] =
      actualCol === null ? [] : points.map((x) => ({ period: x.p, value: parseValue(g.value(x.r, actualCol), g.format(x.r, actualCol)), cell: { row: x.r, col: actualCol } }));
    const targetCol = cols.target?.col ?? null;
    let target = curRow ? parsed(g, curRow.r, targetCol) : null;
    let targetCell: CellRef | null = curRow && targetCol !== null ? { row: curRow.r, col: targetCol } : null;
    const override = configTarget(config, sheet, f.ref, f.name);
    if (override) {
      target = override;
      targetCell = null;
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
      previous = parseValue(g.value(prevPoint.r, actualCol), g.format(prevPoint.r, actualCol));
      previousLabel = prevPoint.p.label;
    }
    const lastYear = f.lastYear ?? (yearAgo && actualCol !== null ? parseValue(g.value(yearAgo.r, actualCol), g.format(yearAgo.r, actualCol)) : null);
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
 * Reads the measures of one detected table. Keys are unique within the table; use
 * `extractWorkbookMeasures` to make them unique across the tables of a sheet.
 */
export function extractMeasures(table: DetectedTable, sheet: SheetSnapshot, config: RagConfig): Measure[] {
  const g = gridOf(sheet);
  const cols = columnsOf(table);
  const measures = cols.longPeriod !== null ? extractLong(g, table, cols, config, cols.longPeriod) : extractRows(g, table, cols, config);
  assignKeys(measures);
  return measures;
}

/** Reads the measures of every detected table, keys unique on each sheet. */
export function extractWorkbookMeasures(tables: DetectedTable[], snapshot: WorkbookSnapshot, config: RagConfig): Measure[] {
  const out: Measure[] = [];
  for (const t of tables) {
    const sheet = snapshot.sheets.find((s) => s.name === t.sheet);
    if (!sheet) continue;
    const g = gridOf(sheet);
    const cols = columnsOf(t);
    for (const m of cols.longPeriod !== null ? extractLong(g, t, cols, config, cols.longPeriod) : extractRows(g, t, cols, config)) out.push(m);
  }
  assignKeys(out);
  return out;
}
