/**
 * DOMAIN rule 6: forecast (likely / may / unlikely to meet the annual target).
 *
 * The year-to-date values are the current period's value and the earlier values of
 * the same financial year in the series. The year end is projected by
 * settings.forecast.method:
 *   linear     least-squares line through the YTD points (x = indexInYear), read at
 *              x = periodsPerYear; one point is its own projection
 *   average    the mean of the YTD points
 *   latest     the latest value
 *   cumulative latest × periodsPerYear / indexInYear (running totals)
 *   off        no forecast
 * The projection is rated with the status rule against the annual target (the
 * annual target column when there is one, else the target): Green or Blue → likely,
 * Amber → may (the projection lands in the amber band), Red → unlikely.
 */
import type { Amount, ForecastMethod, Settings } from '../config/schema';
import { fmt, messages } from '../messages';
import type { Forecast, Measure, NumberScale, SeriesPoint } from '../types';
import { clean, formatRange, formatValue } from './numbers';
import { polarityNote, type PolarityResolution } from './polarity';
import { yearToDateSpan } from './series';
import { numericOf, rateStatusOnly, type TargetRange } from './status';
import type { Thresholds } from './tolerance';
import { intoUnits, reconcile } from './units';

export interface YtdPoint {
  /** 1-based position in the year. */
  index: number;
  value: number;
}

/** The year-end projection of the YTD points; null when there are none. */
export function projectYearEnd(points: readonly YtdPoint[], periodsPerYear: number, method: Exclude<ForecastMethod, 'off'>): number | null {
  const n = points.length;
  ensureScratch(n);
  const index = scratchIndex;
  const value = scratchValue;
  for (let i = 0; i < n; i++) {
    index[i] = points[i]!.index;
    value[i] = points[i]!.value;
  }
  return project(index, value, n, periodsPerYear, method);
}

/** Work arrays for the projection (grown on demand; the rules run one measure at a time). */
let scratchIndex = new Float64Array(16);
let scratchValue = new Float64Array(16);
function ensureScratch(n: number): void {
  if (scratchIndex.length < n) {
    scratchIndex = new Float64Array(n * 2);
    scratchValue = new Float64Array(n * 2);
  }
}

/** projectYearEnd on the first n (index, value) pairs. */
function project(index: Float64Array, value: Float64Array, n: number, periodsPerYear: number, method: Exclude<ForecastMethod, 'off'>): number | null {
  if (n === 0) return null;
  const lastIndex = index[n - 1]!;
  const lastValue = value[n - 1]!;
  switch (method) {
    case 'latest':
      return lastValue;
    case 'average':
      return clean(sum(value, n) / n);
    case 'cumulative':
      return lastIndex > 0 ? clean((lastValue * periodsPerYear) / lastIndex) : null;
    case 'linear': {
      if (n === 1) return lastValue;
      const mx = sum(index, n) / n;
      const my = sum(value, n) / n;
      let sxx = 0;
      let sxy = 0;
      for (let i = 0; i < n; i++) {
        const x = index[i]!;
        sxx += (x - mx) * (x - mx);
        sxy += (x - mx) * (value[i]! - my);
      }
      if (sxx === 0) return clean(my);
      return clean(my + (sxy / sxx) * (periodsPerYear - mx));
    }
  }
}

/** The sum of the first n numbers, left to right from 0 (as reduce adds them). */
function sum(xs: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i]!;
  return s;
}

export interface ForecastResult {
  forecast: Forecast;
  reason: string;
  projection: number | null;
}

export interface ForecastContext {
  polarity: Pick<PolarityResolution, 'polarity' | 'source' | 'keyword'>;
  /** The tolerance in force for the measure. */
  tolerance: Amount;
  /** The sheet's thresholds, and the units they are in; used only against the measure's own target. */
  thresholds?: Thresholds | null;
  thresholdScale?: NumberScale;
}

/** Rule 6 for a measure, with the reason in words. */
export function forecastForMeasure(
  measure: Pick<Measure, 'series' | 'actualCell' | 'annualTarget' | 'target' | 'unitHint'>,
  settings: Pick<Settings, 'forecast' | 'brag'>,
  ctx: ForecastContext,
): ForecastResult {
  const F = messages.rules.forecast;
  const method = settings.forecast.method;
  if (method === 'off') return none(F.off);
  if (ctx.polarity.polarity === 'none') return none(F.dataOnly);
  const annual = numericOf(measure.annualTarget);
  const target = annual ?? numericOf(measure.target);
  if (!target) return none(F.noTarget);
  const usingOwnTarget = annual === null;
  const ytd = yearToDateSpan(measure);
  if (ytd === 'no-points') return none(F.noSeries);
  if (ytd === 'no-periods') return none(F.noPeriods);
  const { ordered, from, at } = ytd;
  // the year-to-date points are ordered[from..at] with numbers; ordered[at] has one
  const lastPoint = ordered[at]!;
  const lastValue = lastPoint.value as { value: number; scale: NumberScale };
  const units = reconcile([lastValue.value], lastValue.scale, target.values, target.scale, measure.unitHint);
  if (!units.ok) return none(F.unitMismatch);
  const scale = units.scale;
  const isRange = units.b.length === 2 || ctx.polarity.polarity === 'range';
  const range: TargetRange | null = isRange ? { low: units.b[0]!, high: units.b[units.b.length - 1]! } : null;
  const targetValue = range ? null : units.b[0]!;
  ensureScratch(at - from + 1);
  const index = scratchIndex;
  const value = scratchValue;
  let count = 0;
  let firstPoint: SeriesPoint | null = null;
  for (let i = from; i <= at; i++) {
    const p = ordered[i]!;
    const v = p.value;
    if (v.kind !== 'number' || !Number.isFinite(v.value)) continue;
    firstPoint ??= p;
    index[count] = p.period.indexInYear!;
    value[count] = i === at ? units.a[0]! : intoUnits(v.value, v.scale, scale, units.a[0]!);
    count++;
  }
  const projection = project(index, value, count, ytd.periodsPerYear, method);
  if (projection === null || !Number.isFinite(projection)) return none(F.noSeries);

  const polarity = isRange ? 'range' : (ctx.polarity.polarity as 'higher' | 'lower');
  const strict = !isRange && ((target.op === '<' && polarity === 'lower') || (target.op === '>' && polarity === 'higher'));
  const thresholds = usingOwnTarget && ctx.thresholdScale === scale ? (ctx.thresholds ?? null) : null;
  const rated = rateStatusOnly({
    actual: projection,
    polarity,
    target: range ?? targetValue!,
    strict,
    tolerance: ctx.tolerance,
    thresholds,
    brag: settings.brag,
    complete: false,
    scale,
  });
  const forecast: Forecast = rated === 'amber' ? 'may' : rated === 'red' ? 'unlikely' : 'likely';

  const first = firstPoint!.period.label;
  const last = lastPoint.period.label;
  const methodText = methodWords(method, first, last);
  const targetText = range
    ? formatRange(range.low, range.high, scale)
    : strict
      ? fmt(polarity === 'lower' ? messages.rules.format.strictBelow : messages.rules.format.strictAbove, { n: formatValue(targetValue!, scale) })
      : formatValue(targetValue!, scale);
  const template = range
    ? forecast === 'likely'
      ? F.likelyRange
      : forecast === 'may'
        ? F.mayRange
        : F.unlikelyRange
    : forecast === 'likely'
      ? F.likely
      : forecast === 'may'
        ? F.may
        : F.unlikely;
  const reason = fmt(template, {
    projection: formatValue(projection, scale),
    method: methodText,
    target: targetText,
    note: polarityNote(ctx.polarity),
  });
  return { forecast, reason, projection };
}

/**
 * "straight line through Apr-25–Dec-25": the method and the span of periods in words. The
 * measures of a table share a few spans, so each is put into words once.
 */
function methodWords(method: Exclude<ForecastMethod, 'off'>, first: string, last: string): string {
  const F = messages.rules.forecast;
  const span = messages.rules.format.periodSpan;
  const m = methodTexts;
  if (m.span !== span || m.linear !== F.methodLinear || m.average !== F.methodAverage || m.latest !== F.methodLatest || m.cumulative !== F.methodCumulative) {
    m.span = span;
    m.linear = F.methodLinear;
    m.average = F.methodAverage;
    m.latest = F.methodLatest;
    m.cumulative = F.methodCumulative;
    m.texts.clear();
  }
  let byFirst = m.texts.get(method);
  if (byFirst === undefined) {
    byFirst = new Map();
    m.texts.set(method, byFirst);
  }
  let byLast = byFirst.get(first);
  if (byLast === undefined) {
    if (byFirst.size >= 256) byFirst.clear();
    byLast = new Map();
    byFirst.set(first, byLast);
  }
  let text = byLast.get(last);
  if (text === undefined) {
    const template = method === 'linear' ? F.methodLinear : method === 'average' ? F.methodAverage : method === 'latest' ? F.methodLatest : F.methodCumulative;
    const periods = method === 'latest' || first === last ? last : fmt(span, { first, last });
    text = fmt(template, { periods });
    if (byLast.size >= 256) byLast.clear();
    byLast.set(last, text);
  }
  return text;
}
const methodTexts = {
  span: '',
  linear: '',
  average: '',
  latest: '',
  cumulative: '',
  texts: new Map<string, Map<string, Map<string, string>>>(),
};

function none(reason: string): ForecastResult {
  return { forecast: 'none', reason, projection: null };
}
