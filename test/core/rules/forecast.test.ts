/** DOMAIN rule 6: forecast (likely / may / unlikely to meet the annual target). */
import { projectYearEnd } from '../../../src/core/rules';
import type { SeriesPoint } from '../../../src/core/types';
import { bound, evaluate, missing, num, pct, period, quarters, range } from './helpers';

const pts = (...values: number[]) => values.map((value, i) => ({ index: i + 1, value }));

describe('rule 6: projecting the year end', () => {
  test('linear: least-squares line read at the last period of the year', () => {
    expect(projectYearEnd(pts(80, 85, 90), 4, 'linear')).toBe(95);
    expect(projectYearEnd(pts(81, 84, 90), 4, 'linear')).toBe(94);
    expect(projectYearEnd(pts(10, 20), 12, 'linear')).toBe(120);
    expect(projectYearEnd(pts(90, 80), 4, 'linear')).toBe(60);
  });
  test('linear with one point is that point', () => {
    expect(projectYearEnd(pts(87), 4, 'linear')).toBe(87);
  });
  test('linear through points with gaps uses their positions in the year', () => {
    expect(projectYearEnd([{ index: 1, value: 10 }, { index: 3, value: 30 }], 4, 'linear')).toBe(40);
  });
  test('linear at the year end is the fitted line, not the last value', () => {
    expect(projectYearEnd(pts(1, 3, 2, 4), 4, 'linear')).toBe(3.7);
  });
  test('average', () => {
    expect(projectYearEnd(pts(80, 85, 90), 4, 'average')).toBe(85);
    expect(projectYearEnd(pts(0.1, 0.2), 4, 'average')).toBe(0.15);
  });
  test('latest', () => {
    expect(projectYearEnd(pts(80, 85, 91), 4, 'latest')).toBe(91);
  });
  test('cumulative: latest × periods per year / position', () => {
    expect(projectYearEnd(pts(10, 22, 30), 4, 'cumulative')).toBe(40);
    expect(projectYearEnd(pts(100), 12, 'cumulative')).toBe(1200);
    expect(projectYearEnd([{ index: 6, value: 50 }], 12, 'cumulative')).toBe(100);
  });
  test('no points: null', () => {
    expect(projectYearEnd([], 4, 'linear')).toBeNull();
  });
});

function withSeries(values: (number | ReturnType<typeof num>)[], over: Parameters<typeof evaluate>[0] = {}, s: Parameters<typeof evaluate>[1] = {}) {
  const series = quarters(values);
  const last = series[series.length - 1]!;
  const actual = last.value;
  return evaluate({ actual, actualCell: last.cell, target: num(90), series, ...over }, s);
}

describe('rule 6 for a measure', () => {
  test('likely: the projection meets the target', () => {
    const r = withSeries([80, 85, 90]);
    expect(r.forecast).toBe('likely');
    expect(r.forecastReason).toBe('Likely: projected 95 at year end (straight line through Q1–Q3) against the target of 90');
  });
  test('may: the projection lands in the amber band', () => {
    const r = withSeries([80, 82, 84]);
    expect(r.forecast).toBe('may');
    expect(r.forecastReason).toBe(
      'May: projected 86 at year end (straight line through Q1–Q3) against the target of 90; it lands in the amber band',
    );
  });
  test('may exactly on the amber boundary (81 against 90 with 10%)', () => {
    expect(withSeries([87, 85, 83]).forecast).toBe('may'); // slope -2 → 81
  });
  test('unlikely: the projection is red', () => {
    const r = withSeries([80, 75, 70]);
    expect(r.forecast).toBe('unlikely');
    expect(r.forecastReason).toBe('Unlikely: projected 65 at year end (straight line through Q1–Q3) against the target of 90');
  });
  test('lower is better', () => {
    const r = withSeries([12, 10, 8], { polarityText: 'Lower is better', target: num(6) });
    expect(r.forecast).toBe('likely');
    expect(r.forecastReason).toBe('Likely: projected 6 at year end (straight line through Q1–Q3) against the target of 6 (lower is better)');
    expect(withSeries([6, 8, 10], { polarityText: 'Lower is better', target: num(6) }).forecast).toBe('unlikely');
  });
  test('the annual target is used when there is one', () => {
    const r = withSeries([80, 85, 90], { annualTarget: num(100) });
    expect(r.forecast).toBe('may');
    expect(r.forecastReason).toContain('against the target of 100');
  });
  test('a text annual target falls back to the target', () => {
    expect(withSeries([80, 85, 90], { annualTarget: missing('') }).forecastReason).toContain('against the target of 90');
  });
  test('methods: average, latest, cumulative', () => {
    const avg = withSeries([80, 85, 90], {}, { forecast: { method: 'average' } });
    expect(avg.forecast).toBe('may');
    expect(avg.forecastReason).toBe('May: projected 85 at year end (average of Q1–Q3) against the target of 90; it lands in the amber band');
    const latest = withSeries([70, 75, 90], {}, { forecast: { method: 'latest' } });
    expect(latest.forecast).toBe('likely');
    expect(latest.forecastReason).toBe('Likely: projected 90 at year end (latest value, Q3) against the target of 90');
    const cum = withSeries([30, 60, 90], { annualTarget: num(120) }, { forecast: { method: 'cumulative' } });
    expect(cum.forecast).toBe('likely');
    expect(cum.forecastReason).toBe('Likely: projected 120 at year end (running total to Q1–Q3 scaled to the full year) against the target of 120');
    expect(withSeries([30, 60, 84], { annualTarget: num(120) }, { forecast: { method: 'cumulative' } }).forecast).toBe('may');
  });
  test('off', () => {
    const r = withSeries([80, 85, 90], {}, { forecast: { method: 'off' } });
    expect(r.forecast).toBe('none');
    expect(r.forecastReason).toBe('No forecast: forecasting is switched off');
  });
  test('no series', () => {
    const r = evaluate({});
    expect(r.forecast).toBe('none');
    expect(r.forecastReason).toBe('No forecast: no period values this year');
  });
  test('a series with no numbers', () => {
    expect(withSeries([missing(''), missing('TBC')]).forecastReason).toBe('No forecast: no period values this year');
  });
  test('no target', () => {
    const r = withSeries([80, 85, 90], { target: null });
    expect(r.forecast).toBe('none');
    expect(r.forecastReason).toBe('No forecast: no target');
  });
  test('data only', () => {
    expect(withSeries([80, 85, 90], { polarityText: 'Data only' }).forecastReason).toBe('No forecast: data only');
  });
  test('periods per year unknown', () => {
    const series: SeriesPoint[] = [80, 85].map((v, i) => ({ period: period(`P${i}`, null, null, null, i), value: num(v), cell: { row: 13, col: 4 + i } }));
    const r = evaluate({ actual: num(85), actualCell: series[1]!.cell, series });
    expect(r.forecast).toBe('none');
    expect(r.forecastReason).toBe('No forecast: the periods per year are not known');
  });
  test('only the current financial year counts', () => {
    const series = [
      ...quarters([10, 10, 10, 10], 2023),
      ...quarters([88], 2024).map((p) => ({ ...p, cell: { row: 13, col: 20 } })),
    ];
    const r = evaluate({ actual: num(88), actualCell: { row: 13, col: 20 }, series });
    expect(r.forecast).toBe('may');
    expect(r.forecastReason).toBe('May: projected 88 at year end (straight line through Q1) against the target of 90; it lands in the amber band');
  });
  test('the current period is the actual cell: later periods are not the year to date', () => {
    const series = quarters([80, 85, 90, 20]);
    const r = evaluate({ actual: num(85), actualCell: series[1]!.cell, series });
    expect(r.forecastReason).toContain('Q1–Q2');
    expect(r.forecastReason).toContain('projected 95');
  });
  test('periods without a number are skipped', () => {
    const r = withSeries([80, missing('TBC'), 90]);
    expect(r.forecastReason).toBe('Likely: projected 95 at year end (straight line through Q1–Q3) against the target of 90');
  });
  test('monthly periods', () => {
    const series: SeriesPoint[] = [10, 20, 30].map((v, i) => ({
      period: period(['Apr', 'May', 'Jun'][i]!, 2024, i + 1, 12),
      value: num(v),
      cell: { row: 13, col: 4 + i },
    }));
    const r = evaluate({ actual: num(30), actualCell: series[2]!.cell, target: num(100), series }, { forecast: { method: 'cumulative' } });
    expect(r.forecast).toBe('likely');
    expect(r.forecastReason).toContain('projected 120');
    expect(r.forecastReason).toContain('Apr–Jun');
  });
  test('BRAG: a projected Blue is likely', () => {
    expect(withSeries([90, 95, 100], {}, { brag: { enabled: true } }).forecast).toBe('likely');
  });
  test('percentages: series formatted as percentages against a fractional target', () => {
    const series = quarters([80, 85, 90], 2024, 'percent');
    const r = evaluate({ actual: pct(90), actualCell: series[2]!.cell, target: num(0.9), series });
    expect(r.forecast).toBe('likely');
    expect(r.forecastReason).toBe('Likely: projected 95% at year end (straight line through Q1–Q3) against the target of 90%');
  });
  test('percentages: a series mixing fractions and formatted percentages', () => {
    const series = quarters([num(0.8), pct(85), pct(90)]);
    const r = evaluate({ actual: pct(90), actualCell: series[2]!.cell, target: pct(90), series });
    expect(r.forecastReason).toContain('projected 95%');
  });
  test('a unit mismatch between the series and the target', () => {
    const r = withSeries([0.8, 0.85, 0.9], { target: num(90) });
    expect(r.forecast).toBe('none');
    expect(r.forecastReason).toBe('No forecast: the period values and the target look like different units');
  });
  test('a range target', () => {
    const r = withSeries([100, 102, 104], { target: range(95, 105) });
    expect(r.forecast).toBe('may'); // 106
    expect(r.forecastReason).toBe(
      'May: projected 106 at year end (straight line through Q1–Q3) against the target range 95–105; it lands in the amber band',
    );
    expect(withSeries([100, 100, 100], { target: range(95, 105) }).forecastReason).toContain('Likely');
    expect(withSeries([100, 110, 120], { target: range(95, 105) }).forecast).toBe('unlikely');
  });
  test('an operator annual target', () => {
    const r = withSeries([4, 3.5, 3], { polarityText: null, target: bound('<', 3) });
    expect(r.forecast).toBe('likely'); // 2.5
    expect(r.forecastReason).toContain('against the target of < 3 (lower is better)');
  });
  test('threshold columns apply to the measure’s own target', () => {
    // projection 86: amber by the 10% tolerance, red by a red threshold of 88
    expect(withSeries([80, 82, 84], { redThreshold: num(88) }).forecast).toBe('unlikely');
    // ...but not to a separate annual target
    expect(withSeries([80, 82, 84], { redThreshold: num(88), annualTarget: num(90) }).forecast).toBe('may');
  });
  test('the tolerance cell applies to the forecast', () => {
    expect(withSeries([80, 82, 84], { toleranceText: '2' }).forecast).toBe('unlikely');
  });
});
