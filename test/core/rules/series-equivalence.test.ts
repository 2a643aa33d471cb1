/**
 * The series look-ups without copies (one pass, the series itself when it is in order) give
 * exactly what the originals give (kept verbatim in test/core/reference/series.ts), and the
 * forecast's span is the original year to date.
 */
import fc from 'fast-check';
import { currentPosition, orderedSeries, previousPoint, samePeriodLastYear, yearToDate, yearToDateSpan } from '../../../src/core/rules/series';
import type { CellRef, ParsedValue, PeriodInfo, SeriesPoint } from '../../../src/core/types';
import * as ref from '../reference/series';

const value: fc.Arbitrary<ParsedValue> = fc.oneof(
  fc.integer({ min: -50, max: 150 }).map((v): ParsedValue => ({ kind: 'number', value: v, scale: 'plain', raw: v })),
  fc.constant<ParsedValue>({ kind: 'number', value: NaN, scale: 'plain', raw: null }),
  fc.constant<ParsedValue>({ kind: 'missing', token: '', raw: null }),
  fc.constant<ParsedValue>({ kind: 'text', text: 'late', raw: 'late' }),
);
const period: fc.Arbitrary<PeriodInfo> = fc
  .record({
    year: fc.option(fc.integer({ min: 2023, max: 2025 }), { nil: null, freq: 8 }),
    index: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null, freq: 8 }),
    ppy: fc.option(fc.constantFrom(4, 12), { nil: null, freq: 10 }),
    odd: fc.constantFrom(0, 0, 0, 0, 1, 2),
  })
  .map(({ year, index, ppy, odd }) => ({
    label: `${year}-${index}`,
    order: odd === 1 ? NaN : odd === 2 ? 2024 : (year ?? 2024) + ((index ?? 1) - 1) / 4,
    year,
    indexInYear: index,
    periodsPerYear: ppy,
  }));
const series = fc
  .array(fc.record({ period, value }), { maxLength: 14 })
  .chain((pts) =>
    fc.boolean().map((sorted) => {
      const list = sorted ? [...pts].sort((a, b) => (a.period.order || 0) - (b.period.order || 0)) : pts;
      return list.map((p, i): SeriesPoint => ({ period: p.period, value: p.value, cell: { row: 3, col: i + 2 } }));
    }),
  );
const measure = series.chain((s) =>
  fc
    .oneof(
      fc.constant<CellRef | null>(null),
      fc.integer({ min: 0, max: Math.max(0, s.length + 1) }).map((i): CellRef => ({ row: 3, col: i + 2 })),
      fc.constant<CellRef | null>({ row: 9, col: 9 }),
    )
    .map((actualCell) => ({ series: s, actualCell })),
);

describe('series look-ups equal the originals', () => {
  test('orderedSeries, currentPosition, previousPoint, samePeriodLastYear, yearToDate', () => {
    fc.assert(
      fc.property(measure, (m) => {
        expect(orderedSeries(m.series)).toEqual(ref.orderedSeries(m.series));
        const o = ref.orderedSeries(m.series);
        expect(currentPosition(m, o)).toBe(ref.currentPosition(m, o));
        expect(previousPoint(m)).toBe(ref.previousPoint(m));
        expect(samePeriodLastYear(m)).toBe(ref.samePeriodLastYear(m));
        const want = ref.yearToDate(m);
        const got = yearToDate(m);
        if (typeof want === 'string') expect(got).toBe(want);
        else {
          expect(typeof got).toBe('object');
          const g = got as Exclude<typeof got, string>;
          expect(g.periodsPerYear).toBe(want.periodsPerYear);
          expect(g.points.length).toBe(want.points.length);
          g.points.forEach((p, i) => expect(p).toBe(want.points[i]));
        }
      }),
      { numRuns: 20000 },
    );
  });

  test('yearToDateSpan holds the year-to-date points', () => {
    fc.assert(
      fc.property(measure, (m) => {
        const want = ref.yearToDate(m);
        const span = yearToDateSpan(m);
        if (typeof want === 'string') return expect(span).toBe(want);
        const s = span as Exclude<typeof span, string>;
        const points: SeriesPoint[] = [];
        for (let i = s.from; i <= s.at; i++) {
          const p = s.ordered[i]!;
          if (p.value.kind === 'number' && Number.isFinite(p.value.value)) points.push(p);
        }
        expect(points.length).toBe(want.points.length);
        points.forEach((p, i) => expect(p).toBe(want.points[i]));
        expect(s.ordered[s.at]).toBe(want.points[want.points.length - 1]);
      }),
      { numRuns: 20000 },
    );
  });
});
