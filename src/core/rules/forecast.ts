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
import type { Forecast, Measure, NumberScale } from '../types';
import { clean, formatRange, formatValue } from './numbers';
import { polarityNote, type PolarityResolution } from './polarity';
import { yearToDate } from './series';
import { numericOf, rateStatusOnly, type TargetRange } from './status';
import type { Thresholds } from './tolerance';
import { intoUnits, reconcileUnits } from './units';

export interface YtdPoint {
  /** 1-based position in the year. */
  index: number;
  value: number;
}

/** The year-end projection of the YTD points; null when there are none. */
export function projectYearEnd(points: readonly YtdPoint[], periodsPerYear: number, method: Exclude<ForecastMethod, 'off'>): number | null {
  if (points.length === 0) return null;
  const last = points[points.length - 1]!;
  switch (method) {
    case 'latest':
      return last.value;
    case 'average':
      return clean(sumValues(points) / points.length);
    case 'cumulative':
      return last.index > 0 ? clean((last.value * periodsPerYear) / last.index) : null;
    case 'linear': {
      if (points.length === 1) return last.value;
      const n = points.length;
      let sx = 0;
      for (let i = 0; i < n; i++) sx += points[i]!.index;
      const mx = sx / n;
      const my = sumValues(points) / n;
      let sxx = 0;
      let sxy = 0;
      for (let i = 0; i < n; i++) {
        const p = points[i]!;
        sxx += (p.index - mx) * (p.index - mx);
        sxy += (p.index - mx) * (p.value - my);
      }
      if (sxx === 0) return clean(my);
      return clean(my + (sxy / sxx) * (periodsPerYear - mx));
    }
  }
}

/** The sum of the values, left to right from 0 (as reduce adds them). */
function sumValues(points: readonly YtdPoint[]): number {
  let s = 0;
  for (let i = 0; i < points.length; i++) s += points[i]!.value;
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
  const ytd = yearToDate(measure);
  if (ytd === 'no-points') return none(F.noSeries);
  if (ytd === 'no-periods') return none(F.noPeriods);
  if (ytd.points.length === 0) return none(F.noSeries);

  const lastPoint = ytd.points[ytd.points.length - 1]!;
  const lastValue = lastPoint.value as { value: number; scale: NumberScale };
  const units = reconcileUnits({ values: [lastValue.value], scale: lastValue.scale }, { values: target.values, scale: target.scale }, measure.unitHint);
  if (!units.ok) return none(F.unitMismatch);
  const scale = units.scale;
  const isRange = units.b.length === 2 || ctx.polarity.polarity === 'range';
  const range: TargetRange | null = isRange ? { low: units.b[0]!, high: units.b[units.b.length - 1]! } : null;
  const targetValue = range ? null : units.b[0]!;
  const count = ytd.points.length;
  const points: YtdPoint[] = new Array<YtdPoint>(count);
  for (let i = 0; i < count; i++) {
    const p = ytd.points[i]!;
    const v = p.value as { value: number; scale: NumberScale };
    const value = i === count - 1 ? units.a[0]! : intoUnits(v.value, v.scale, scale, units.a[0]!);
    points[i] = { index: p.period.indexInYear!, value };
  }
  const projection = projectYearEnd(points, ytd.periodsPerYear, method);
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

  const first = ytd.points[0]!.period.label;
  const last = lastPoint.period.label;
  const periods = method === 'latest' || first === last ? last : fmt(messages.rules.format.periodSpan, { first, last });
  const methodText = fmt(
    method === 'linear' ? F.methodLinear : method === 'average' ? F.methodAverage : method === 'latest' ? F.methodLatest : F.methodCumulative,
    { periods },
  );
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

function none(reason: string): ForecastResult {
  return { forecast: 'none', reason, projection: null };
}
