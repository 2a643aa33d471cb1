/**
 * Reporting periods recognised from column headers (wide layouts) and from the
 * cells of a period column (long layouts): "Q1", "Q3 2017/18", "2017/18 Q3",
 * "Quarter 1", "Apr", "April", "Apr-24", "Apr 2024", "2016/17", "2016-17",
 * "FY2021/22", "Financial year 2024 to 2025 (Apr to Jun)", "H1 (Apr-Sep)",
 * "Week 12", and real Excel dates.
 *
 * Years are financial years named by the year they start in; the year starts in
 * `yearStartMonth` (April by default). A period's `order` is its start in
 * calendar years (2024.25 is April 2024), so text periods and dates sort together;
 * periods whose year is not known are ordered by their columns (the caller does that).
 */
import type { CellValue, PeriodInfo } from '../types';
import { isDateFormat, nfkc, trimCell } from '../values';
import { normHeader } from './headers';

const MONTHS =
  'january|february|march|april|may|june|july|august|september|sept|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec';
const MONTH_INDEX: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7,
  july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12,
  december: 12,
};
const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// All patterns are anchored on simple character classes with bounded repeats: linear on any input.
const RE_ISO_DATE = /(?:^|[^0-9])((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?![0-9])/;
const RE_UK_DATE = /(?:^|[^0-9])(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2})(?![0-9])/;
const RE_FY = /(?:^|[^a-z0-9])(?:fy ?)?((?:19|20)\d{2}) ?(?:\/|-|–|—|to) ?((?:19|20)\d{2}|\d{2})(?![0-9])/;
const RE_FY_SHORT = /(?:^|[^a-z0-9])fy ?(\d{2}) ?[/-] ?(\d{2})(?![0-9])/;
const RE_YY_YY = /(?:^|[^0-9/])(\d{2})\/(\d{2})(?![0-9/])/;
const RE_MONTH_RANGE = new RegExp(`(?:^|[^a-z])(${MONTHS})\\.? ?(?:-|–|—|to) ?(${MONTHS})\\.?(?![a-z])`);
const RE_MONTH_YEAR = new RegExp(`(?:^|[^a-z])(${MONTHS})\\.?[ \\-/']{0,2}((?:19|20)\\d{2}|\\d{2})(?![0-9])`);
const RE_MONTH = new RegExp(`(?:^|[^a-z])(${MONTHS})\\.?(?![a-z])`);
const RE_QUARTER = /(?:^|[^a-z0-9])(?:q|qtr|quarter) ?([1-4])(?![0-9])/;
const RE_QUARTER_ORD = /(?:^|[^a-z0-9])([1-4])(?:st|nd|rd|th) ?(?:quarter|qtr)(?![a-z])/;
const RE_HALF = /(?:^|[^a-z0-9])(?:h|half) ?([12])(?![0-9])/;
const RE_HALF_WORD = /(?:^|[^a-z])(first|second) half(?![a-z])/;
const RE_WEEK = /(?:^|[^a-z0-9])(?:week|wk|w) ?(\d{1,2})(?![0-9])/;
const RE_YEAR = /(?:^|[^0-9/])((?:19[5-9]|20\d)\d)(?![0-9]|[/\-–]\d)/;

/** Words that may surround a period in a cell of a period column ("FY 2023/24", "Quarter ending Jun 2024"). */
const PERIOD_FILLER = new Set(['fy', 'financial', 'fiscal', 'year', 'yr', 'quarter', 'qtr', 'month', 'week', 'ending', 'period', 'to', 'and', 'of', 'q', 'h', 'w', 'wk', 'half', 'calendar']);

/** Longest header text searched for a period. */
const MAX_PERIOD_TEXT = 200;

/** Calendar date of an Excel serial (1900 date system, with Excel's phantom 29 February 1900). */
export function serialToDate(serial: number): { y: number; m: number; d: number } {
  const whole = Math.floor(serial);
  const base = whole > 60 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  const dt = new Date(base + whole * 86400000);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/** Excel serial of a calendar date. */
export function dateToSerial(y: number, m: number, d: number): number {
  const ms = Date.UTC(y, m - 1, d);
  const serial = Math.round((ms - Date.UTC(1899, 11, 30)) / 86400000);
  return serial <= 60 ? serial - 1 : serial;
}

/** True when a cell is a date: a number with a date format, within Excel's date range. */
export function isDateCell(raw: CellValue, numberFormat: string): raw is number {
  return typeof raw === 'number' && Number.isFinite(raw) && raw >= 1 && raw < 2958466 && isDateFormat(numberFormat);
}

function fyOfMonth(y: number, m: number, yearStartMonth: number): number {
  return m >= yearStartMonth ? y : y - 1;
}

/** Start of a financial-year period in calendar years: FY 2024 Q1 with an April start is 2024.25. */
export function periodOrder(year: number, indexInYear: number, periodsPerYear: number, yearStartMonth: number): number {
  return year + (yearStartMonth - 1) / 12 + (indexInYear - 1) / periodsPerYear;
}

/** A recognised period and what is left of the text around it (normalised words). */
export interface PeriodMatch {
  period: PeriodInfo;
  rest: string;
  /** Set when the period came from a date: its serial (granularity is settled by the caller from the spacing of the dates). */
  serial?: number;
}

function cut(s: string, m: RegExpExecArray): string {
  return s.slice(0, m.index) + ' '.repeat(m[0].length) + s.slice(m.index + m[0].length);
}

/**
 * Finds a period in header or cell text. Returns null when there is none.
 * `label` is the text as given (trimmed, spaces collapsed); `order` is NaN when the year is unknown.
 */
export function parsePeriodText(text: string, yearStartMonth = 4): PeriodMatch | null {
  const trimmed = trimCell(text);
  if (trimmed.length === 0 || trimmed.length > MAX_PERIOD_TEXT) return null;
  const label = trimmed.replace(/\s+/g, ' ');
  let s = nfkc(label).toLowerCase().replace(/_/g, ' ');
  const ysm = yearStartMonth;

  // dates typed as text
  let m = RE_ISO_DATE.exec(s);
  let dateParts: { y: number; m: number; d: number } | null = null;
  if (m) {
    dateParts = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
    s = cut(s, m);
  } else if ((m = RE_UK_DATE.exec(s))) {
    dateParts = { y: Number(m[3]), m: Number(m[2]), d: Number(m[1]) };
    s = cut(s, m);
  }
  if (dateParts) {
    if (dateParts.m < 1 || dateParts.m > 12 || dateParts.d < 1 || dateParts.d > 31) return null;
    const serial = dateToSerial(dateParts.y, dateParts.m, dateParts.d);
    return { period: periodOfDate(serial, 12, ysm, label), rest: normHeader(s), serial };
  }

  let fy: number | null = null;
  if ((m = RE_FY.exec(s))) {
    const a = Number(m[1]);
    const bText = m[2];
    const b = Number(bText);
    const ok = bText.length === 2 ? b === (a + 1) % 100 : b === a + 1;
    if (ok) {
      fy = a;
      s = cut(s, m);
    }
  }
  if (fy === null && (m = RE_FY_SHORT.exec(s))) {
    const a = Number(m[1]);
    if (Number(m[2]) === (a + 1) % 100) {
      fy = 2000 + a;
      s = cut(s, m);
    }
  }

  let months: { from: number; to: number } | null = null;
  if ((m = RE_MONTH_RANGE.exec(s))) {
    months = { from: MONTH_INDEX[m[1]], to: MONTH_INDEX[m[2]] };
    s = cut(s, m);
  }
  let quarter: number | null = null;
  if ((m = RE_QUARTER.exec(s)) || (m = RE_QUARTER_ORD.exec(s))) {
    quarter = Number(m[1]);
    s = cut(s, m);
  }
  let half: number | null = null;
  if ((m = RE_HALF.exec(s))) {
    half = Number(m[1]);
    s = cut(s, m);
  } else if ((m = RE_HALF_WORD.exec(s))) {
    half = m[1] === 'first' ? 1 : 2;
    s = cut(s, m);
  }
  let week: number | null = null;
  if (quarter === null && half === null && (m = RE_WEEK.exec(s))) {
    const w = Number(m[1]);
    if (w >= 1 && w <= 53) {
      week = w;
      s = cut(s, m);
    }
  }
  let month: number | null = null;
  let calYear: number | null = null;
  if (months === null && (m = RE_MONTH_YEAR.exec(s))) {
    month = MONTH_INDEX[m[1]];
    const y = m[2];
    calYear = y.length === 2 ? 2000 + Number(y) : Number(y);
    s = cut(s, m);
  } else if (months === null && (m = RE_MONTH.exec(s))) {
    month = MONTH_INDEX[m[1]];
    s = cut(s, m);
  }
  if (fy === null && calYear === null && (m = RE_YEAR.exec(s))) {
    calYear = Number(m[1]);
    s = cut(s, m);
  }
  // "Q1 24/25": a short financial year beside a quarter, half or month
  if (fy === null && calYear === null && (quarter !== null || half !== null || month !== null || months !== null) && (m = RE_YY_YY.exec(s))) {
    const a = Number(m[1]);
    if (Number(m[2]) === (a + 1) % 100) {
      fy = 2000 + a;
      s = cut(s, m);
    }
  }

  const rest = normHeader(s);
  const make = (year: number | null, indexInYear: number | null, periodsPerYear: number | null): PeriodMatch => ({
    period: {
      label,
      order: year !== null && indexInYear !== null && periodsPerYear !== null ? periodOrder(year, indexInYear, periodsPerYear, ysm) : NaN,
      year,
      indexInYear,
      periodsPerYear,
    },
    rest,
  });
  // a calendar year given with a quarter or half is taken as the financial year it starts ("Q1 2024" = Apr-Jun 2024)
  const yearOf = (): number | null => fy ?? calYear;

  if (quarter !== null) return make(yearOf(), quarter, 4);
  if (half !== null) return make(yearOf(), half, 2);
  if (months !== null) {
    const span = ((months.to - months.from + 12) % 12) + 1;
    const startIdx = (months.from - ysm + 12) % 12;
    const year = fy ?? (calYear !== null ? fyOfMonth(calYear, months.from, ysm) : null);
    if (span === 3 && startIdx % 3 === 0) return make(year, startIdx / 3 + 1, 4);
    if (span === 6 && startIdx % 6 === 0) return make(year, startIdx / 6 + 1, 2);
    if (span === 12 && startIdx === 0) return make(year, 1, 1);
    if (span === 1) return make(year, startIdx + 1, 12);
    return make(year, null, null);
  }
  if (week !== null) return make(yearOf(), week, 52);
  if (month !== null) {
    const idx = ((month - ysm + 12) % 12) + 1;
    if (calYear !== null) return make(fyOfMonth(calYear, month, ysm), idx, 12);
    return make(fy, idx, 12);
  }
  if (fy !== null) return make(fy, 1, 1);
  if (calYear !== null) {
    // a calendar year: ordered from January
    return {
      period: { label, order: calYear, year: calYear, indexInYear: 1, periodsPerYear: 1 },
      rest,
    };
  }
  return null;
}

/** Spacing of date headers -> periods per year (7 days -> 52, a month -> 12, a quarter -> 4...). */
export function periodsPerYearFromSpacing(serials: number[]): number | null {
  if (serials.length < 2) return 12;
  const sorted = [...serials].sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i++) if (sorted[i] > sorted[i - 1]) gaps.push(sorted[i] - sorted[i - 1]);
  if (gaps.length === 0) return 12;
  gaps.sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)];
  if (median < 2) return null; // daily
  if (median <= 8) return 52;
  if (median <= 35) return 12;
  if (median <= 100) return 4;
  if (median <= 200) return 2;
  return 1;
}

/** The period a date stands for, at the given granularity. */
export function periodOfDate(serial: number, periodsPerYear: number | null, yearStartMonth = 4, label?: string): PeriodInfo {
  const { y, m, d } = serialToDate(serial);
  const year = fyOfMonth(y, m, yearStartMonth);
  const monthIdx = ((m - yearStartMonth + 12) % 12) + 1;
  let indexInYear: number | null = null;
  if (periodsPerYear === 12) indexInYear = monthIdx;
  else if (periodsPerYear === 4) indexInYear = Math.floor((monthIdx - 1) / 3) + 1;
  else if (periodsPerYear === 2) indexInYear = Math.floor((monthIdx - 1) / 6) + 1;
  else if (periodsPerYear === 1) indexInYear = 1;
  else if (periodsPerYear === 52) {
    const start = dateToSerial(year, yearStartMonth, 1);
    indexInYear = Math.min(53, Math.floor((Math.floor(serial) - start) / 7) + 1);
  }
  const shown = label ?? (periodsPerYear === 52 || periodsPerYear === null ? `${d} ${MONTH_SHORT[m - 1]} ${y}` : `${MONTH_SHORT[m - 1]} ${y}`);
  return {
    label: shown,
    order: y + (m - 1) / 12 + (d - 1) / 372,
    year,
    indexInYear,
    periodsPerYear,
  };
}

/**
 * Reads a period from a cell: a date (a number with a date format) or text such as "2010/11", "Q3 2023/24", "Apr-24".
 * `strict` (for long layouts) requires the text to be nothing but the period.
 */
export function parsePeriodCell(raw: CellValue, numberFormat: string, yearStartMonth = 4, strict = true): PeriodMatch | null {
  if (raw === null || raw === undefined || typeof raw === 'boolean') return null;
  if (typeof raw === 'number') {
    if (isDateCell(raw, numberFormat)) return { period: periodOfDate(raw, 12, yearStartMonth), rest: '', serial: Math.floor(raw) };
    // a bare year typed as a number (2024)
    if (Number.isInteger(raw) && raw >= 1950 && raw <= 2099) return parsePeriodText(String(raw), yearStartMonth);
    return null;
  }
  const p = parsePeriodText(raw, yearStartMonth);
  if (!p) return null;
  if (strict && p.rest.length > 0 && !p.rest.split(' ').every((w) => PERIOD_FILLER.has(w))) return null;
  return p;
}

/** Two periods are the same period (same label, or same year, index and granularity). */
export function samePeriod(a: PeriodInfo, b: PeriodInfo): boolean {
  if (a.indexInYear !== null && b.indexInYear !== null && a.periodsPerYear !== null && b.periodsPerYear !== null)
    return a.year === b.year && a.indexInYear === b.indexInYear && a.periodsPerYear === b.periodsPerYear;
  if (a.year !== null && b.year !== null && (a.indexInYear === null) !== (b.indexInYear === null)) return false;
  return normHeader(a.label) === normHeader(b.label);
}
