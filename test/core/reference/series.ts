/**
 * Series look-ups of src/core/rules/series.ts as they were before the speed work (sorting a
 * copy on every call), kept verbatim as the reference (see test/core/rules/series-equivalence.test.ts).
 */
import type { Measure, SeriesPoint } from '../../../src/core/types';

const hasNumber = (p: SeriesPoint): boolean => p.value.kind === 'number' && Number.isFinite(p.value.value);

/** The series in period order (stable for equal orders). */
export function orderedSeries(series: readonly SeriesPoint[]): SeriesPoint[] {
  return series
    .map((p, i) => ({ p, i }))
    .sort((x, y) => x.p.period.order - y.p.period.order || x.i - y.i)
    .map((x) => x.p);
}

/**
 * Position of the current period in the ordered series: the point in the actual's
 * cell when there is one, else the last point with a number. -1 when none.
 */
export function currentPosition(measure: Pick<Measure, 'actualCell'>, ordered: readonly SeriesPoint[]): number {
  const cell = measure.actualCell;
  if (cell) {
    const at = ordered.findIndex((p) => p.cell.row === cell.row && p.cell.col === cell.col);
    if (at >= 0) return at;
  }
  for (let i = ordered.length - 1; i >= 0; i--) if (hasNumber(ordered[i]!)) return i;
  return -1;
}

/** The point before the current one, or null. */
export function previousPoint(measure: Pick<Measure, 'actualCell' | 'series'>): SeriesPoint | null {
  const ordered = orderedSeries(measure.series);
  const at = currentPosition(measure, ordered);
  return at > 0 ? ordered[at - 1]! : null;
}

/** The point for the same period a year before the current one, or null. */
export function samePeriodLastYear(measure: Pick<Measure, 'actualCell' | 'series'>): SeriesPoint | null {
  const ordered = orderedSeries(measure.series);
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

/**
 * The year-to-date points of the current financial year: the current point and the
 * points before it of the same year, with numbers, in period order.
 * 'no-periods' when the current period's place in the year is not known.
 */
export function yearToDate(measure: Pick<Measure, 'actualCell' | 'series'>): { points: SeriesPoint[]; periodsPerYear: number } | 'no-points' | 'no-periods' {
  const ordered = orderedSeries(measure.series);
  let at = currentPosition(measure, ordered);
  // The current period without a number: the year to date ends at the last number before it.
  while (at >= 0 && !hasNumber(ordered[at]!)) at--;
  if (at < 0) return 'no-points';
  const cur = ordered[at]!.period;
  if (cur.indexInYear === null || cur.periodsPerYear === null) return 'no-periods';
  const points: SeriesPoint[] = [];
  let lastIndex = Infinity;
  for (let i = at; i >= 0; i--) {
    const p = ordered[i]!;
    if (p.period.year !== cur.year || p.period.periodsPerYear !== cur.periodsPerYear || p.period.indexInYear === null) break;
    if (p.period.indexInYear >= lastIndex) break;
    lastIndex = p.period.indexInYear;
    if (hasNumber(p)) points.unshift(p);
  }
  return { points, periodsPerYear: cur.periodsPerYear };
}
