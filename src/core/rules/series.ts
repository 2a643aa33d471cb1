/** Finding the current period and its neighbours in a measure's series of period values. */
import type { Measure, SeriesPoint } from '../types';

const hasNumber = (p: SeriesPoint): boolean => p.value.kind === 'number' && Number.isFinite(p.value.value);

/** True when the series is already in period order (a stable sort would leave it as it is). */
function inOrder(series: readonly SeriesPoint[]): boolean {
  for (let i = 1; i < series.length; i++) if (!(series[i - 1]!.period.order <= series[i]!.period.order)) return false;
  return true;
}

function sortedCopy(series: readonly SeriesPoint[]): SeriesPoint[] {
  return series
    .map((p, i) => ({ p, i }))
    .sort((x, y) => x.p.period.order - y.p.period.order || x.i - y.i)
    .map((x) => x.p);
}

/** The series in period order (stable for equal orders). */
export function orderedSeries(series: readonly SeriesPoint[]): SeriesPoint[] {
  // Usually in order already (the extractor reads period columns in period order): the stable sort would keep it.
  return inOrder(series) ? series.slice() : sortedCopy(series);
}

/** The series in period order, for reading only: the series itself when it is in order already. */
function orderedView(series: readonly SeriesPoint[]): readonly SeriesPoint[] {
  return inOrder(series) ? series : sortedCopy(series);
}

/**
 * Position of the current period in the ordered series: the point in the actual's
 * cell when there is one, else the last point with a number. -1 when none.
 */
export function currentPosition(measure: Pick<Measure, 'actualCell'>, ordered: readonly SeriesPoint[]): number {
  const cell = measure.actualCell;
  if (cell) {
    for (let i = 0; i < ordered.length; i++) {
      const c = ordered[i]!.cell;
      if (c.row === cell.row && c.col === cell.col) return i;
    }
  }
  for (let i = ordered.length - 1; i >= 0; i--) if (hasNumber(ordered[i]!)) return i;
  return -1;
}

/** The point before the current one, or null. */
export function previousPoint(measure: Pick<Measure, 'actualCell' | 'series'>): SeriesPoint | null {
  const ordered = orderedView(measure.series);
  const at = currentPosition(measure, ordered);
  return at > 0 ? ordered[at - 1]! : null;
}

/** The point for the same period a year before the current one, or null. */
export function samePeriodLastYear(measure: Pick<Measure, 'actualCell' | 'series'>): SeriesPoint | null {
  const ordered = orderedView(measure.series);
  const at = currentPosition(measure, ordered);
  if (at < 0) return null;
  const cur = ordered[at]!.period;
  if (cur.year === null || cur.indexInYear === null || cur.periodsPerYear === null) return null;
  for (let i = at - 1; i >= 0; i--) {
    const p = ordered[i]!.period;
    if (p.year === cur.year - 1 && p.indexInYear === cur.indexInYear && p.periodsPerYear === cur.periodsPerYear) return ordered[i]!;
  }
  return null;
}

/** The year to date as a run of the ordered series: the points from..at that have numbers. */
export interface YearToDateSpan {
  ordered: readonly SeriesPoint[];
  from: number;
  at: number;
  periodsPerYear: number;
}

/**
 * The year-to-date points of the current financial year: the current point and the
 * points before it of the same year, with numbers, in period order.
 * 'no-periods' when the current period's place in the year is not known.
 */
export function yearToDate(measure: Pick<Measure, 'actualCell' | 'series'>): { points: SeriesPoint[]; periodsPerYear: number } | 'no-points' | 'no-periods' {
  const span = yearToDateSpan(measure);
  if (typeof span === 'string') return span;
  const points: SeriesPoint[] = [];
  for (let i = span.from; i <= span.at; i++) if (hasNumber(span.ordered[i]!)) points.push(span.ordered[i]!);
  return { points, periodsPerYear: span.periodsPerYear };
}

/**
 * yearToDate without building the list of points. One pass over a series in period order
 * finds the actual's point and the last point with a number (the series is usually in order:
 * the extractor reads period columns in period order); a series out of order is sorted first.
 */
export function yearToDateSpan(measure: Pick<Measure, 'actualCell' | 'series'>): YearToDateSpan | 'no-points' | 'no-periods' {
  const series = measure.series;
  const cell = measure.actualCell;
  let ordered: readonly SeriesPoint[] = series;
  let atCell = -1;
  let lastNumber = -1;
  for (let i = 0; i < series.length; i++) {
    const p = series[i]!;
    if (i > 0 && !(series[i - 1]!.period.order <= p.period.order)) {
      ordered = sortedCopy(series);
      break;
    }
    if (cell && atCell < 0 && p.cell.row === cell.row && p.cell.col === cell.col) atCell = i;
    if (hasNumber(p)) lastNumber = i;
  }
  // the current position (currentPosition): the actual's point, else the last point with a number
  let at = ordered === series ? (atCell >= 0 ? atCell : lastNumber) : currentPosition(measure, ordered);
  // The current period without a number: the year to date ends at the last number before it.
  while (at >= 0 && !hasNumber(ordered[at]!)) at--;
  if (at < 0) return 'no-points';
  const cur = ordered[at]!.period;
  if (cur.indexInYear === null || cur.periodsPerYear === null) return 'no-periods';
  // walk back to the start of the year
  let lastIndex = Infinity;
  let from = at + 1;
  for (let i = at; i >= 0; i--) {
    const p = ordered[i]!.period;
    if (p.year !== cur.year || p.periodsPerYear !== cur.periodsPerYear || p.indexInYear === null) break;
    if (p.indexInYear >= lastIndex) break;
    lastIndex = p.indexInYear;
    from = i;
  }
  return { ordered, from, at, periodsPerYear: cur.periodsPerYear };
}
