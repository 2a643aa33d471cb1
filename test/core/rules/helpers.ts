/** Builders for measures and settings in the rules' tests. */
import { DEFAULT_SETTINGS } from '../../../src/core/config/resolve';
import type { Amount, Settings } from '../../../src/core/config/schema';
import { evaluateMeasure, type EvaluateContext } from '../../../src/core/rules';
import type { CellValue, Measure, MeasureResult, NumberScale, ParsedValue, PeriodInfo, Polarity, SeriesPoint } from '../../../src/core/types';

export const num = (value: number, scale: NumberScale = 'plain'): ParsedValue => ({ kind: 'number', value, scale, raw: scale === 'percent' ? value / 100 : value });
export const pct = (value: number): ParsedValue => num(value, 'percent');
export const missing = (token = ''): ParsedValue => ({ kind: 'missing', token, raw: token === '' ? null : token });
export const text = (t: string): ParsedValue => ({ kind: 'text', text: t, raw: t });
export const range = (low: number, high: number, scale: NumberScale = 'plain'): ParsedValue => ({ kind: 'range', low, high, scale, raw: `${low}-${high}` });
export const bound = (op: '<' | '<=' | '>' | '>=', value: number, scale: NumberScale = 'plain'): ParsedValue => ({
  kind: 'bound',
  op,
  value,
  scale,
  raw: `${op}${value}`,
});

export const rel = (value: number): Amount => ({ type: 'relative', value });
export const abs = (value: number): Amount => ({ type: 'absolute', value });

/** Row 13 / column C: the actual is in C14, the target in D14. */
export function measure(over: Partial<Measure> = {}): Measure {
  return {
    key: 'Sheet1|PI1',
    sheet: 'Sheet1',
    tableId: 'Sheet1!A1:H20',
    row: 13,
    ref: 'PI1',
    name: 'Visits completed',
    directorate: null,
    service: null,
    priority: null,
    owner: null,
    commentary: 'On track.',
    actual: num(90),
    actualCell: { row: 13, col: 2 },
    target: num(90),
    targetCell: { row: 13, col: 3 },
    annualTarget: null,
    previous: null,
    previousLabel: null,
    lastYear: null,
    series: [],
    polarityText: null,
    amberThreshold: null,
    redThreshold: null,
    toleranceText: null,
    complete: null,
    unitHint: null,
    userRag: null,
    issues: [],
    ...over,
  };
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

export function settings(over: DeepPartial<Settings> = {}): Settings {
  const d = DEFAULT_SETTINGS;
  return {
    ...d,
    ...(over as Partial<Settings>),
    brag: { ...d.brag, ...(over.brag as Partial<Settings['brag']>) },
    directionOfTravel: { ...d.directionOfTravel, ...(over.directionOfTravel as Partial<Settings['directionOfTravel']>) },
    forecast: { ...d.forecast, ...(over.forecast as Partial<Settings['forecast']>) },
    overallRag: { ...d.overallRag, ...(over.overallRag as Partial<Settings['overallRag']>) },
    statisticalTrend: d.statisticalTrend,
  };
}

export function evaluate(
  over: Partial<Measure> = {},
  s: DeepPartial<Settings> = {},
  ctx: Partial<EvaluateContext> = {},
): MeasureResult {
  return evaluateMeasure(measure(over), settings(s), { polarityFromConfig: null, previousStatus: undefined, ...ctx });
}

export function period(label: string, year: number | null, indexInYear: number | null, periodsPerYear: number | null, order?: number): PeriodInfo {
  return { label, order: order ?? (year ?? 0) * 100 + (indexInYear ?? 0), year, indexInYear, periodsPerYear };
}

/** Quarterly series Q1.. of one year starting at column E (col 4). */
export function quarters(values: (number | ParsedValue)[], year = 2024, scale: NumberScale = 'plain'): SeriesPoint[] {
  return values.map((v, i) => ({
    period: period(`Q${i + 1}`, year, i + 1, 4),
    value: typeof v === 'number' ? num(v, scale) : v,
    cell: { row: 13, col: 4 + i },
  }));
}

export const statusOf = (over: Partial<Measure>, s: DeepPartial<Settings> = {}, ctx: Partial<EvaluateContext> = {}) =>
  evaluate(over, s, ctx).status;

export type { CellValue, Polarity };
