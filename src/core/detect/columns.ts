/**
 * Assigning roles to the columns under one header: header words, period headers,
 * stacked header parts, and (where the header alone cannot tell) the values below.
 */
import type { CellValue, ColumnRole, DetectedColumn, OwnedBlock, PeriodInfo } from '../types';
import { common } from '../messages/en-GB/common';
import { isMissing, parseComplete } from '../values';
import type { Grid } from './grid';
import { languageOf, normHeader, periodSubRole, roleOfNormalised, SINGLE_ROLES, type RoleMatch } from './headers';
import { parsePeriodCell, parsePeriodText, periodOfDate, periodsPerYearFromSpacing, samePeriod } from './periods';

/** Longest header part read (a guidance paragraph in a header cell is cut). */
const MAX_HEADER_PART = 300;

export interface HeaderSource {
  /** Header texts per column, left to right (Excel tables give their column names). */
  texts?: string[];
  /** Otherwise the header rows to read and combine. */
  top: number;
  bottom: number;
}

/** A column while roles are being decided. */
export interface ColumnDraft extends DetectedColumn {
  score: number;
  /** The header is a period with "Target" beside it ("Q3 Target"). */
  periodTarget?: boolean;
  /** The header is a period with a value word or nothing beside it ("Q3", "Q3 Actual", a date). */
  periodValue?: boolean;
  /** Date serial of a date header. */
  serial?: number;
  /** The role came from words that need the values to confirm ("Status", "Date"). */
  tentative?: boolean;
  /** Left out because another column has the same role and was preferred: that column, and the role. */
  duplicateOf?: { col: number; role: ColumnRole };
}

export interface ColumnAnalysis {
  columns: ColumnDraft[];
  score: number;
  hasName: boolean;
  hasValue: boolean;
  hasActual: boolean;
  widePeriods: number;
  longPeriodCol: number | null;
}

/** Combined header text of one column: the non-empty parts of the header rows joined with " " (merges spread). */
export function combinedHeader(grid: Grid, col: number, top: number, bottom: number): { text: string; serial: number | null; parts: string[] } {
  const parts: string[] = [];
  let serial: number | null = null;
  for (let r = top; r <= bottom; r++) {
    const h = grid.headerText(r, col);
    let t = h.text;
    if (t.length > MAX_HEADER_PART) t = t.slice(0, MAX_HEADER_PART);
    if (t.length === 0) continue;
    if (parts.length > 0 && parts[parts.length - 1] === t) continue;
    parts.push(t);
    if (h.serial !== null) serial = h.serial;
  }
  return { text: parts.join(' '), serial, parts };
}

const RAG_WORDS = new Set([
  'r', 'a', 'g', 'b', 'red', 'amber', 'green', 'blue', 'amber/green', 'amber/red', 'green/amber', 'red/amber', 'a/g', 'a/r',
  'g/a', 'r/a', 'ag', 'ar', 'ra', 'ga', 'on track', 'off track', 'at risk', 'black', 'grey', 'gray', 'amber green',
  'amber red', 'red amber', 'green amber', 'purple',
]);

/** A value a RAG column holds: a colour word, a five-point scale word, or a 1-5 score. */
export function isRagWord(v: CellValue): boolean {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1 && v <= 5;
  if (typeof v !== 'string') return false;
  const t = v.trim().toLowerCase().replace(/\s+/g, ' ');
  return RAG_WORDS.has(t) || RAG_WORDS.has(t.replace(/\s*\/\s*/g, '/'));
}

/** Texts the add-in writes in its own columns. */
const OWNED_TEXTS: Record<string, Set<string>> = {
  rag: new Set(Object.values(common.status)),
  direction: new Set(Object.values(common.direction)),
  forecast: new Set(Object.values(common.forecast)),
  variation: new Set([...Object.values(common.spc.variation), common.spc.tooFewPoints.replace(/\{min\}.*$/, '')]),
  assurance: new Set(Object.values(common.spc.assurance)),
};
const OWNED_HEADERS = new Map<string, string>(Object.entries(common.columns).map(([k, v]) => [normHeader(v), k]));

function ownedTextMatches(key: string, v: CellValue): boolean {
  if (v === null) return true;
  if (key === 'variance' || key === 'variancePercent') return typeof v === 'number' || (typeof v === 'string' && v.trim().length === 0);
  if (typeof v !== 'string') return false;
  const t = v.trim();
  if (t.length === 0) return true;
  const set = OWNED_TEXTS[key];
  if (!set) return false;
  if (set.has(t)) return true;
  return key === 'variation' && t.startsWith(common.spc.tooFewPoints.replace(/\{min\}.*$/, ''));
}

/**
 * Columns the add-in wrote on an earlier refresh, recognised without the saved state: a run
 * of at least two adjacent columns headed exactly as the add-in heads them, holding only the
 * add-in's texts, one of them a text only the add-in writes (an arrow or face). A lone "RAG
 * status" column of colour words is the user's own and is left alone.
 */
export function ownedByText(grid: Grid, headers: Map<number, string>, left: number, right: number, rows: number[]): Set<number> {
  const out = new Set<number>();
  let c = left;
  while (c <= right) {
    const k = OWNED_HEADERS.get(normHeader(headers.get(c) ?? ''));
    if (!k) {
      c++;
      continue;
    }
    const run: { col: number; key: string }[] = [];
    let d = c;
    while (d <= right) {
      const kk = OWNED_HEADERS.get(normHeader(headers.get(d) ?? ''));
      if (!kk) break;
      run.push({ col: d, key: kk });
      d++;
    }
    if (run.length >= 2 && run.some((x) => x.key === 'direction' || x.key === 'forecast' || x.key === 'variation' || x.key === 'assurance')) {
      const allOurs = run.every((x) => rows.every((r) => ownedTextMatches(x.key, grid.value(r, x.col))));
      if (allOurs) for (const x of run) out.add(x.col);
    }
    c = d;
  }
  return out;
}

/** The first letters of the add-in's headers (normalised). */
const OWNED_FIRST = new Set([...OWNED_HEADERS.keys()].map((k) => k.charCodeAt(0)));
/** Longest header the add-in writes, with room for its clash suffix ("Direction of travel (RAG Refresh)"). */
const MAX_OWNED_HEADER = 48;

/**
 * The blocks an earlier refresh wrote, found by their cells when the saved state does not name
 * them (the settings were lost or set aside, the sheet was copied from another workbook): on a
 * row where the state has no block, a run of at least two adjacent cells headed as the add-in
 * heads its columns (one of them a column only the add-in writes, each heading once), and below
 * it the rows that hold only the add-in's texts in those columns, down to the last that holds
 * any (two blank rows, or a cell the add-in would not write, end it). A run with no such row
 * under its header is not the add-in's.
 */
export function inferOwnedBlocks(grid: Grid, sheet: string, stateRows: ReadonlySet<number>): OwnedBlock[] {
  const out: OwnedBlock[] = [];
  if (grid.empty) return out;
  const keyAt = (r: number, c: number): string | null => {
    const v = grid.value(r, c);
    if (typeof v !== 'string' || v.length < 3 || v.length > MAX_OWNED_HEADER * 2) return null;
    // most texts cannot be one: their first letter starts none of the headers
    const first = v.charCodeAt(0) | 0x20;
    if (first >= 0x61 && first <= 0x7a && !OWNED_FIRST.has(first)) return null;
    const t = v.trim();
    if (t.length < 3 || t.length > MAX_OWNED_HEADER) return null;
    return OWNED_HEADERS.get(normHeader(t)) ?? null;
  };
  for (let r = grid.top; r < grid.bottom; r++) {
    if (stateRows.has(r)) continue;
    let c = grid.left;
    while (c <= grid.right) {
      if (keyAt(r, c) === null) {
        c++;
        continue;
      }
      const run: { col: number; key: string; header: string }[] = [];
      let d = c;
      while (d <= grid.right) {
        const k = keyAt(r, d);
        if (k === null || run.some((x) => x.key === k)) break;
        run.push({ col: d, key: k, header: String(grid.value(r, d)).trim() });
        d++;
      }
      c = d;
      if (run.length < 2 || !run.some((x) => x.key === 'direction' || x.key === 'forecast' || x.key === 'variation' || x.key === 'assurance')) continue;
      let last = r;
      let blanks = 0;
      for (let x = r + 1; x <= grid.bottom; x++) {
        let any = false;
        let ours = true;
        for (const cell of run) {
          const v = grid.value(x, cell.col);
          if (!ownedTextMatches(cell.key, v)) {
            ours = false;
            break;
          }
          if (v !== null && !(typeof v === 'string' && v.trim().length === 0)) any = true;
        }
        if (!ours) break;
        if (any) {
          last = x;
          blanks = 0;
        } else if (++blanks >= 2) break;
      }
      if (last === r) continue;
      out.push({
        sheet,
        tableName: null,
        tableOriginalRight: null,
        headerRow: r,
        firstDataRow: r + 1,
        lastDataRow: last,
        firstCol: run[0]!.col,
        keys: run.map((x) => x.key as OwnedBlock['keys'][number]),
        headers: run.map((x) => x.header),
      });
    }
  }
  return out;
}

/** Columns of owned blocks on this header row. */
export function ownedColumns(owned: OwnedBlock[], sheet: string, headerRow: number): Set<number> {
  const out = new Set<number>();
  for (const b of owned) {
    if (b.sheet !== sheet || b.headerRow !== headerRow) continue;
    for (let i = 0; i < b.keys.length; i++) out.add(b.firstCol + i);
  }
  return out;
}

function draftFor(col: number, header: string, serial: number | null, yearStartMonth: number): ColumnDraft {
  const base = { col, header, roleSource: 'header' as const };
  if (header.length === 0) return { ...base, role: 'ignore', score: 0 };
  if (serial !== null) {
    // a date header, perhaps with words above or below it ("Actual")
    const words = normHeader(header.replace(periodOfDate(serial, 12, yearStartMonth).label, ' '));
    const sub = periodSubRole(words);
    const period = periodOfDate(serial, 12, yearStartMonth);
    if (sub.sub === 'value') return { ...base, role: 'period', score: 90, period, periodValue: true, serial };
    if (sub.sub === 'target') return { ...base, role: 'target', score: 80, period, periodTarget: true, serial };
    return { ...base, role: 'ignore', score: 0, period, serial };
  }
  const h = normHeader(header);
  const pm = parsePeriodText(header, yearStartMonth);
  if (pm) {
    const sub = periodSubRole(pm.rest);
    if (sub.sub === 'value') return { ...base, role: 'period', score: 90, period: pm.period, periodValue: true };
    if (sub.sub === 'target') return { ...base, role: 'target', score: sub.match?.score ?? 80, period: pm.period, periodTarget: true };
    if (sub.sub === 'forecast' || sub.sub === 'total') return { ...base, role: 'ignore', score: 0, period: pm.period };
    // "Comments Q3", "Baseline 2019/20", "Indicator 2024/25": the words decide
    const whole = roleOfNormalised(h);
    if (whole && whole.role !== 'period') return withMatch(base, whole, pm.period);
    return { ...base, role: 'ignore', score: 0 };
  }
  const m = roleOfNormalised(h);
  if (!m) return { ...base, role: 'ignore', score: 0 };
  return withMatch(base, m, undefined);
}

function withMatch(base: { col: number; header: string; roleSource: 'header' }, m: RoleMatch, period: PeriodInfo | undefined): ColumnDraft {
  const d: ColumnDraft = { ...base, role: m.role, score: m.score };
  if (period && (m.role === 'previous' || m.role === 'lastYear' || m.role === 'annualTarget' || m.role === 'actual' || m.role === 'target')) d.period = period;
  if (m.role === 'period') d.tentative = true; // "Date", "Year", "Period": a long layout only if the values are periods
  if (m.role === 'userRag' && m.score <= 50) d.tentative = true; // "Status", "Rating": the values decide
  return d;
}

function samples(grid: Grid, rows: number[], col: number): CellValue[] {
  const out: CellValue[] = [];
  for (const r of rows) {
    const v = grid.value(r, col);
    if (!isMissing(v)) out.push(v);
  }
  return out;
}

function pickBest(cols: ColumnDraft[]): ColumnDraft {
  let best = cols[0];
  for (const c of cols) if (c.score > best.score || (c.score === best.score && c.col < best.col)) best = c;
  return best;
}

function demote(c: ColumnDraft): void {
  c.role = 'ignore';
  c.periodTarget = false;
}

/**
 * Decides the role of every column from left to right under a header.
 * `sampleRows` are data rows below the header used where values decide ("Status", "Date").
 */
export function analyseColumns(
  grid: Grid,
  header: HeaderSource,
  left: number,
  right: number,
  sampleRows: number[],
  owned: Set<number>,
  yearStartMonth: number,
  roleSource: 'header' | 'excel-table' = 'header',
): ColumnAnalysis {
  const drafts: ColumnDraft[] = [];
  const headers = new Map<number, string>();
  for (let c = left; c <= right; c++) {
    let text: string;
    let serial: number | null = null;
    if (header.texts) {
      text = (header.texts[c - left] ?? '').trim().replace(/\s+/g, ' ');
      const pc = parsePeriodCell(text, 'General', yearStartMonth, true);
      if (pc?.serial !== undefined) serial = pc.serial;
    } else {
      const h = combinedHeader(grid, c, header.top, header.bottom);
      text = h.text;
      serial = h.serial;
    }
    headers.set(c, text);
    if (owned.has(c)) {
      drafts.push({ col: c, header: text, role: 'owned', roleSource: 'state', score: 0 });
      continue;
    }
    const d = draftFor(c, text, serial, yearStartMonth);
    if (roleSource === 'excel-table') d.roleSource = 'excel-table';
    drafts.push(d);
  }
  // owned columns recognised by their headers and texts when the saved state does not name them
  if (owned.size === 0) {
    const byText = ownedByText(grid, headers, left, right, sampleRows);
    for (const d of drafts) if (byText.has(d.col)) Object.assign(d, { role: 'owned', roleSource: 'state', score: 0, period: undefined, periodValue: false, periodTarget: false });
  }
  resolveRoles(grid, drafts, sampleRows, yearStartMonth);
  return summarise(drafts);
}

/** Settles periods, single roles and value-decided roles. Mutates the drafts. */
export function resolveRoles(grid: Grid, drafts: ColumnDraft[], sampleRows: number[], yearStartMonth: number): void {
  // settled afresh each time (the settings may have chosen a column since)
  for (const d of drafts) delete d.duplicateOf;
  // dates: their spacing says weeks, months, quarters or years
  const dated = drafts.filter((d) => d.serial !== undefined && d.role !== 'owned');
  if (dated.length > 0) {
    const ppy = periodsPerYearFromSpacing(dated.map((d) => d.serial as number));
    for (const d of dated) {
      const monthly = periodOfDate(d.serial as number, 12, yearStartMonth).label;
      d.period = periodOfDate(d.serial as number, ppy, yearStartMonth);
      // a header that is only a date reads as its period ("6 Jan 2020" for weeks, "Jan 2020" for months)
      if (d.header === monthly) d.header = d.period.label;
    }
  }

  // period value columns: one of each period (the left-most)
  const periodValues: ColumnDraft[] = [];
  for (const d of drafts) {
    if (!d.periodValue || d.role !== 'period' || d.roleSource === 'config') continue;
    if (periodValues.some((p) => p.period && d.period && samePeriod(p.period, d.period))) demote(d);
    else periodValues.push(d);
  }
  assignPeriodOrders(drafts);

  // value-decided roles
  for (const d of drafts) {
    if (!d.tentative || d.roleSource === 'config') continue;
    const vals = samples(grid, sampleRows, d.col);
    if (d.role === 'userRag') {
      const rag = vals.filter(isRagWord).length;
      const done = vals.filter((v) => parseComplete(v) !== null).length;
      if (vals.length === 0 || rag >= vals.length / 2) d.role = 'userRag';
      else if (done >= vals.length / 2) {
        d.role = 'complete';
        d.score = 60;
      } else demote(d);
    }
  }

  const explicitActual = drafts.some((d) => d.role === 'actual');
  const livePeriods = drafts.filter((d) => d.role === 'period' && d.periodValue);
  if (livePeriods.length === 1 && !explicitActual && livePeriods[0].roleSource !== 'config') {
    // one period column ("Outturn 2023/24", or "Q1" early in the year) is the actual
    livePeriods[0].role = 'actual';
    livePeriods[0].score = 85;
  }

  // long layouts: a "Period" / "Date" / "Year" column whose values are periods
  let longPeriodFound = false;
  for (const d of drafts) {
    if (d.role !== 'period' || !d.tentative || d.roleSource === 'config') continue;
    let filled = 0;
    let periods = 0;
    for (const r of sampleRows) {
      const v = grid.value(r, d.col);
      if (isMissing(v)) continue;
      filled++;
      if (parsePeriodCell(v, grid.format(r, d.col), yearStartMonth, true) !== null) periods++;
    }
    const wide = drafts.some((x) => x.role === 'period' && x.periodValue);
    if (!longPeriodFound && !wide && filled > 0 && periods >= filled * 0.8) {
      longPeriodFound = true;
      d.score = 90;
    } else demote(d);
  }

  // targets: one plain target; targets of periods stay beside their periods
  const targets = drafts.filter((d) => d.role === 'target');
  const plain = targets.filter((d) => !d.periodTarget);
  const periodic = targets.filter((d) => d.periodTarget);
  const hasPeriodColumns = drafts.some((d) => d.role === 'period' && d.periodValue);
  const fixedPlain = plain.filter((d) => d.roleSource === 'config');
  if (plain.length > 0) {
    const keep = fixedPlain.length > 0 ? fixedPlain[0] : pickBest(plain);
    for (const d of plain) if (d !== keep && d.roleSource !== 'config') demoteAsDuplicate(d, keep);
  }
  if (!hasPeriodColumns && periodic.length > 0) {
    // "Target 2024/25": the target when there is no plain Target, else the annual target
    const annualFree = !drafts.some((d) => d.role === 'annualTarget');
    const ordered = [...periodic].sort((a, b) => a.col - b.col);
    let first = true;
    for (const d of ordered) {
      if (plain.length === 0 && first) {
        d.periodTarget = false;
        first = false;
        continue;
      }
      if (annualFree && d.period?.periodsPerYear === 1 && !drafts.some((x) => x.role === 'annualTarget')) {
        d.role = 'annualTarget';
        d.periodTarget = false;
      } else demote(d);
    }
  } else if (hasPeriodColumns) {
    // one target per period; a target of a longer period ("Target 2024/25" beside quarters) is the
    // target when there is no other, else the annual target
    const values = drafts.filter((d) => d.role === 'period' && d.periodValue && d.period);
    const seen: ColumnDraft[] = [];
    let plainTaken = plain.length > 0;
    for (const d of periodic) {
      const matchesAPeriod = values.some((v) => samePeriod(v.period!, d.period!));
      if (!matchesAPeriod) {
        if (!plainTaken) {
          d.periodTarget = false;
          plainTaken = true;
        } else if (!drafts.some((x) => x.role === 'annualTarget')) {
          d.role = 'annualTarget';
          d.periodTarget = false;
        } else demote(d);
        continue;
      }
      if (seen.some((x) => x.period && d.period && samePeriod(x.period, d.period))) demote(d);
      else seen.push(d);
    }
  }

  // a bilingual dataset's commentary in another language beside the English one ("comments_en", "comments_fr"): the English is read
  const commentary = drafts.filter((d) => d.role === 'commentary');
  if (commentary.length > 1) {
    const english = new Set(commentary.map((d) => languageOf(normHeader(d.header))).filter((l) => l !== null && l.english).map((l) => l!.base));
    for (const d of commentary) {
      const l = languageOf(normHeader(d.header));
      if (l && !l.english && english.has(l.base) && d.roleSource !== 'config') demote(d);
    }
  }

  // every other single role: the best, then the left-most
  for (const role of SINGLE_ROLES) {
    if (role === 'target') continue;
    const cands = drafts.filter((d) => d.role === role);
    if (cands.length <= 1) continue;
    const fixed = cands.filter((d) => d.roleSource === 'config');
    const keep = fixed.length > 0 ? fixed[0] : pickBest(cands);
    for (const d of cands) if (d !== keep && d.roleSource !== 'config') demoteAsDuplicate(d, keep);
  }
}

/** Leaves out a column whose role another column has; remembered so the user can be told. */
function demoteAsDuplicate(d: ColumnDraft, keep: ColumnDraft): void {
  // Columns that only look like the role (a "Comments" beside "Commentary") are not worth a word: same header words only.
  if (normHeader(d.header) === normHeader(keep.header)) d.duplicateOf = { col: keep.col, role: keep.role };
  demote(d);
}

/** Orders the periods of a table: by their years when every period has one, else by their columns. */
export function assignPeriodOrders(drafts: ColumnDraft[]): void {
  const withPeriod = drafts.filter((d) => d.period !== undefined);
  if (withPeriod.length === 0) return;
  const allKnown = withPeriod.every((d) => Number.isFinite(d.period!.order));
  if (allKnown) return;
  // periods without years: the order of the period value columns, left to right; targets and
  // forecasts of the same period share its order
  const values = withPeriod.filter((d) => d.periodValue);
  let i = 0;
  for (const d of values) d.period = { ...d.period!, order: i++ };
  for (const d of withPeriod) {
    if (d.periodValue) continue;
    const twin = values.find((v) => samePeriod(v.period!, d.period!));
    d.period = { ...d.period!, order: twin ? twin.period!.order : i++ };
  }
}

export function summarise(drafts: ColumnDraft[]): ColumnAnalysis {
  const has = (role: ColumnRole): boolean => drafts.some((d) => d.role === role);
  const widePeriods = drafts.filter((d) => d.role === 'period' && d.period !== undefined).length;
  const longPeriod = drafts.find((d) => d.role === 'period' && d.period === undefined);
  const hasActual = has('actual');
  const hasName = has('measure') || has('ref');
  const hasValue = hasActual || widePeriods > 0 || has('userRag') || has('complete');
  let score = 0;
  for (const d of drafts) if (d.role !== 'ignore' && d.role !== 'owned') score += Math.max(d.score, 30) / 100;
  return { columns: drafts, score, hasName, hasValue, hasActual, widePeriods, longPeriodCol: longPeriod ? longPeriod.col : null };
}

/** Strips the drafting fields, leaving DetectedColumns. */
export function finalColumns(drafts: ColumnDraft[]): DetectedColumn[] {
  return drafts.map((d) => {
    const c: DetectedColumn = { col: d.col, header: d.header, role: d.role, roleSource: d.roleSource };
    if (d.period) c.period = d.period;
    return c;
  });
}
