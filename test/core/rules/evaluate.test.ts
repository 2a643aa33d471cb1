/** evaluateMeasure end to end: every field of MeasureResult, and a whole return summarised. */
import { evaluateMeasure, groupSummaries, summarise } from '../../../src/core/rules';
import type { MeasureResult } from '../../../src/core/types';
import { evaluate, measure, missing, num, pct, quarters, settings } from './helpers';

describe('evaluateMeasure fills every field but spc', () => {
  test('an amber percentage measure with a trend and a forecast', () => {
    const series = quarters([80, 82, 85], 2024, 'percent');
    const m = measure({
      name: '% of child protection visits within timescale',
      actual: pct(85),
      actualCell: series[2]!.cell,
      target: pct(90),
      previous: pct(82),
      previousLabel: 'Q2',
      series,
      commentary: null,
    });
    const r = evaluateMeasure(m, settings(), { polarityFromConfig: null, previousStatus: 'green' });
    expect(r).toEqual<MeasureResult>({
      measure: m,
      polarity: 'higher',
      polaritySource: 'default',
      actual: 85,
      target: 90,
      targetRange: null,
      scale: 'percent',
      status: 'amber',
      reason: 'Amber: 85% is 5 points below the target of 90%; amber is within 10% (9 points)',
      direction: 'improved',
      directionReason: 'Improved: 85% up from 82% in Q2 (higher is better)',
      movement: 'up',
      forecast: 'may',
      forecastReason: 'May: projected 87.33% at year end (straight line through Q1–Q3) against the target of 90%; it lands in the amber band',
      variance: -5,
      variancePercent: expect.closeTo(-5 / 90, 10) as unknown as number,
      spc: null,
      change: { from: 'green', to: 'amber', text: 'new: Green → Amber' },
      commentaryMissing: true,
      issues: [
        {
          severity: 'warning',
          sheet: 'Sheet1',
          cell: 'G14',
          message: '% of child protection visits within timescale: commentary missing: Amber measures need an explanation for the committee',
          code: 'commentary-missing',
        },
      ],
    });
  });

  test('the measure is passed through untouched and the extractor’s issues stay on it', () => {
    const m = measure({ issues: [{ severity: 'info', sheet: 'Sheet1', cell: 'A1', message: 'x', code: 'detect' }] });
    const copy = JSON.parse(JSON.stringify(m));
    const r = evaluateMeasure(m, settings(), { polarityFromConfig: null, previousStatus: undefined });
    expect(r.measure).toBe(m);
    expect(m).toEqual(copy);
    expect(r.issues).toEqual([]);
  });

  test('the settings passed are not changed', () => {
    const s = settings({ brag: { enabled: true } });
    const copy = JSON.parse(JSON.stringify(s));
    evaluate({ complete: true }, s);
    expect(s).toEqual(copy);
  });

  test('issues name the sheet and the cell they are about', () => {
    const r = evaluate({ sheet: 'Children', actual: num(0), target: num(0), toleranceText: 'two', polarityText: 'Lower' });
    expect(r.issues.map((i) => [i.code, i.sheet, i.cell])).toEqual([
      ['tolerance-unreadable', 'Children', 'C14'],
      ['zero-target-relative-tolerance', 'Children', 'D14'],
    ]);
  });
});

describe('a whole return: Powys Q4 2017-18 through the rules', () => {
  // 11 met, 8 amber, 12 red, 4 without data; plus 3 data-only measures that are not counted.
  const make = (n: number, actual: number | null, key: string, over = {}) =>
    Array.from({ length: n }, (_, i) =>
      measure({ key: `${key}${i}`, name: `${key} ${i}`, actual: actual === null ? missing('') : num(actual), target: num(100), commentary: 'c', ...over }),
    );
  const measures = [
    ...make(6, 105, 'met', { directorate: 'People' }),
    ...make(5, 100, 'met', { directorate: 'Place' }),
    ...make(8, 95, 'amber', { directorate: 'People' }),
    ...make(12, 80, 'red', { directorate: 'Resources' }),
    ...make(4, null, 'nodata', { directorate: 'Place' }),
    ...make(3, 50, 'context', { directorate: 'Place', polarityText: 'Data only' }),
  ];
  const results = measures.map((m) => evaluateMeasure(m, settings(), { polarityFromConfig: null, previousStatus: undefined }));

  test('35 measures with a target: 57% off target, 34% off by more than 10%, overall Amber', () => {
    const s = summarise(results, 'Corporate Improvement Plan', settings().overallRag);
    expect(s.measures).toBe(38);
    expect(s.withTarget).toBe(35);
    expect(s.metTarget.count).toBe(11);
    expect(Math.round(s.offTarget.percent!)).toBe(57);
    expect(s.offTarget.count).toBe(20);
    expect(Math.round(s.offByMoreThanTolerance.percent!)).toBe(34);
    expect(s.offByMoreThanTolerance.count).toBe(12);
    expect(s.noData.count).toBe(4);
    expect(s.overall).toBe('amber');
    expect(s.overallReason).toBe(
      'mean score 2.03 over 31 rated measures: Amber (1.5 to 2.5 inclusive); 4 without data not rated; 3 data only not rated',
    );
  });

  test('by directorate', () => {
    const g = groupSummaries(results, (r) => r.measure.directorate);
    expect(g.map((s) => [s.label, s.measures, s.overall])).toEqual([
      ['People', 14, 'amber'], // 6 green + 8 amber: mean 1.57
      ['Place', 12, 'green'],
      ['Resources', 12, 'red'],
    ]);
  });
});
