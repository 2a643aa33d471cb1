/** Invariants of the rules, checked with fast-check over many generated cases. */
import fc from 'fast-check';
import type { Amount } from '../../../src/core/config/schema';
import {
  compareDirection,
  computeVariance,
  evaluateMeasure,
  overallRag,
  rateStatus,
  summarise,
  type RatingInput,
} from '../../../src/core/rules';
import type { CellValue, Measure, ParsedValue, SeriesPoint, Status, StatusCounts } from '../../../src/core/types';
import { measure, settings } from './helpers';

const RUNS = { numRuns: 1000 };
const RANK: Record<string, number> = { red: 0, amber: 1, green: 2, blue: 3 };

/** Decimals as people type them: up to 4 decimal places, magnitude up to a million. */
const decimal = fc.integer({ min: -100_000_000, max: 100_000_000 }).map((n) => n / 100);
const positiveDecimal = fc.integer({ min: 1, max: 100_000_000 }).map((n) => n / 100);
const percentAmount = fc.integer({ min: 0, max: 5000 }).map((n) => n / 100);

const amount: fc.Arbitrary<Amount> = fc.oneof(
  percentAmount.map((value): Amount => ({ type: 'relative', value })),
  fc.integer({ min: 0, max: 100_000 }).map((n): Amount => ({ type: 'absolute', value: n / 100 })),
);
const relativeAmount: fc.Arbitrary<Amount> = percentAmount.map((value): Amount => ({ type: 'relative', value }));
const brag = fc.record({ enabled: fc.boolean(), margin: amount });
const thresholds = fc.option(
  fc.record({ amber: fc.option(decimal, { nil: null }), red: fc.option(decimal, { nil: null }) }),
  { nil: null },
);

/** A rating problem for a single target, without the actual. */
const pointProblem = fc.record({
  polarity: fc.constantFrom('higher' as const, 'lower' as const),
  target: decimal,
  strict: fc.boolean(),
  tolerance: amount,
  thresholds,
  brag,
  complete: fc.option(fc.boolean(), { nil: null }),
});

describe('property: a better actual never gives a worse status', () => {
  test('single targets, both polarities, with and without BRAG, thresholds and operator targets', () => {
    fc.assert(
      fc.property(pointProblem, decimal, decimal, (p, x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const [worse, better] = p.polarity === 'higher' ? [lo, hi] : [hi, lo];
        const rw = rateStatus({ ...p, actual: worse } as RatingInput).status;
        const rb = rateStatus({ ...p, actual: better } as RatingInput).status;
        expect(RANK[rb]).toBeGreaterThanOrEqual(RANK[rw]!);
      }),
      RUNS,
    );
  });
  test('target ranges: closer to the range from either side is never worse', () => {
    fc.assert(
      fc.property(decimal, decimal, amount, brag, decimal, decimal, (l, h, tolerance, b, x, y) => {
        const low = Math.min(l, h);
        const high = Math.max(l, h);
        const rate = (actual: number) => rateStatus({ actual, polarity: 'range', target: { low, high }, tolerance, brag: b }).status;
        const [a, c] = x <= y ? [x, y] : [y, x];
        if (c <= low) expect(RANK[rate(c)]).toBeGreaterThanOrEqual(RANK[rate(a)]!);
        if (a >= high) expect(RANK[rate(a)]).toBeGreaterThanOrEqual(RANK[rate(c)]!);
        if (a >= low && c <= high) {
          expect(rate(a)).toBe('green');
          expect(rate(c)).toBe('green');
        }
      }),
      RUNS,
    );
  });
  test('at measure level, percentages and fractions mixed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10000 }).map((n) => n / 100),
        fc.integer({ min: 0, max: 12000 }).map((n) => n / 100),
        fc.integer({ min: 0, max: 12000 }).map((n) => n / 100),
        fc.constantFrom('Higher is better', 'Lower is better'),
        fc.boolean(),
        (t, x, y, polarityText, bragOn) => {
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          const [worse, better] = polarityText.startsWith('Higher') ? [lo, hi] : [hi, lo];
          const rate = (a: number) =>
            evaluateMeasure(
              measure({ actual: { kind: 'number', value: a, scale: 'percent', raw: a / 100 }, target: { kind: 'number', value: t, scale: 'percent', raw: t / 100 }, polarityText }),
              settings({ brag: { enabled: bragOn } }),
              { polarityFromConfig: null, previousStatus: undefined },
            ).status;
          expect(RANK[rate(better)]).toBeGreaterThanOrEqual(RANK[rate(worse)]!);
        },
      ),
      RUNS,
    );
  });
});

describe('property: lower is better mirrors higher is better', () => {
  test('rate(a, t, lower) = rate(−a, −t, higher), thresholds and all', () => {
    fc.assert(
      fc.property(pointProblem, decimal, (p, actual) => {
        const lower = rateStatus({ ...p, polarity: 'lower', actual } as RatingInput).status;
        const neg = (v: number | null) => (v === null ? null : -v);
        const higher = rateStatus({
          ...p,
          polarity: 'higher',
          actual: -actual,
          target: -p.target,
          thresholds: p.thresholds ? { amber: neg(p.thresholds.amber), red: neg(p.thresholds.red) } : null,
        } as RatingInput).status;
        expect(lower).toBe(higher);
      }),
      RUNS,
    );
  });
  test('a range mirrors: rate(a, [l, h]) = rate(−a, [−h, −l])', () => {
    fc.assert(
      fc.property(decimal, decimal, amount, decimal, (l, h, tolerance, actual) => {
        const a = rateStatus({ actual, polarity: 'range', target: { low: l, high: h }, tolerance }).status;
        const b = rateStatus({ actual: -actual, polarity: 'range', target: { low: -h, high: -l }, tolerance }).status;
        expect(a).toBe(b);
      }),
      RUNS,
    );
  });
  test('direction: lower(a, p) = higher(−a, −p)', () => {
    fc.assert(
      fc.property(decimal, decimal, amount, (a, p, band) => {
        expect(compareDirection(a, p, 'lower', band).direction).toBe(compareDirection(-a, -p, 'higher', band).direction);
      }),
      RUNS,
    );
  });
});

describe('property: scaling actual and target by the same positive factor never changes the status (relative amounts)', () => {
  test('single targets', () => {
    fc.assert(
      fc.property(
        pointProblem,
        relativeAmount,
        relativeAmount,
        decimal,
        fc.constantFrom(0.01, 0.1, 0.5, 2, 3, 7, 10, 100, 1000),
        (p, tolerance, margin, actual, k) => {
          const input = { ...p, tolerance, brag: { enabled: p.brag.enabled, margin }, actual } as RatingInput;
          const scale = (v: number | null) => (v === null ? null : v * k);
          const scaled = {
            ...input,
            actual: actual * k,
            target: p.target * k,
            thresholds: p.thresholds ? { amber: scale(p.thresholds.amber), red: scale(p.thresholds.red) } : null,
          } as RatingInput;
          expect(rateStatus(scaled).status).toBe(rateStatus(input).status);
        },
      ),
      RUNS,
    );
  });
  test('ranges', () => {
    fc.assert(
      fc.property(decimal, decimal, relativeAmount, decimal, fc.constantFrom(0.01, 0.3, 3, 1000), (l, h, tolerance, actual, k) => {
        const a = rateStatus({ actual, polarity: 'range', target: { low: l, high: h }, tolerance }).status;
        const b = rateStatus({ actual: actual * k, polarity: 'range', target: { low: l * k, high: h * k }, tolerance }).status;
        expect(b).toBe(a);
      }),
      RUNS,
    );
  });
});

describe('property: values exactly on the boundary, computed in decimal, are Amber', () => {
  test('relative tolerance, both polarities; one step further is Red', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 50 }), fc.boolean(), (k, p, negative) => {
        const s = negative ? -1 : 1;
        const target = (s * k) / 100;
        // target × (1 − p/100) in decimal: k(100 − p) / 10000, exactly representable as the nearest double
        const lowerEdge = (s * k * (100 - p)) / 10000;
        const upperEdge = (s * k * (100 + p)) / 10000;
        const higherEdge = negative ? upperEdge : lowerEdge;
        const lowerIsBetterEdge = negative ? lowerEdge : upperEdge;
        const tolerance: Amount = { type: 'relative', value: p };
        expect(rateStatus({ actual: higherEdge, target, polarity: 'higher', tolerance }).status).toBe('amber');
        expect(rateStatus({ actual: lowerIsBetterEdge, target, polarity: 'lower', tolerance }).status).toBe('amber');
        const step = 1 / 10000;
        expect(rateStatus({ actual: higherEdge - step, target, polarity: 'higher', tolerance }).status).toBe('red');
        expect(rateStatus({ actual: lowerIsBetterEdge + step, target, polarity: 'lower', tolerance }).status).toBe('red');
      }),
      RUNS,
    );
  });
  test('absolute tolerance', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 100_000 }), (k, j) => {
        const target = k / 100;
        const tolerance: Amount = { type: 'absolute', value: j / 100 };
        expect(rateStatus({ actual: (k - j) / 100, target, polarity: 'higher', tolerance }).status).toBe(j === 0 ? 'green' : 'amber');
        expect(rateStatus({ actual: (k + j) / 100, target, polarity: 'lower', tolerance }).status).toBe(j === 0 ? 'green' : 'amber');
      }),
      RUNS,
    );
  });
  test('the blue margin, relative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 50 }), (k, p) => {
        const target = k / 100;
        const b = { enabled: true, margin: { type: 'relative' as const, value: p } };
        const tolerance: Amount = { type: 'relative', value: 10 };
        expect(rateStatus({ actual: (k * (100 + p)) / 10000, target, polarity: 'higher', tolerance, brag: b }).status).toBe('blue');
        expect(rateStatus({ actual: (k * (100 - p)) / 10000, target, polarity: 'lower', tolerance, brag: b }).status).toBe('blue');
      }),
      RUNS,
    );
  });
});

describe('property: the sign of the variance agrees with met / not met', () => {
  test('single targets (no threshold columns, no operator targets)', () => {
    fc.assert(
      fc.property(fc.constantFrom('Higher', 'Lower'), decimal, decimal, amount, fc.boolean(), (polarityText, t, a, tolerance, bragOn) => {
        const r = evaluateMeasure(
          measure({ actual: { kind: 'number', value: a, scale: 'plain', raw: a }, target: { kind: 'number', value: t, scale: 'plain', raw: t }, polarityText }),
          settings({ tolerance, brag: { enabled: bragOn } }),
          { polarityFromConfig: null, previousStatus: undefined },
        );
        if (r.status === 'checkData') return;
        const met = r.status === 'green' || r.status === 'blue';
        const v = r.variance!;
        expect(v).not.toBeNull();
        if (polarityText === 'Higher') expect(met).toBe(v >= 0);
        else expect(met).toBe(v <= 0);
        if (r.variancePercent !== null) expect(Math.sign(r.variancePercent)).toBe(Math.sign(v));
      }),
      RUNS,
    );
  });
  test('ranges: met exactly when the variance is 0', () => {
    fc.assert(
      fc.property(decimal, decimal, decimal, (l, h, a) => {
        const low = Math.min(l, h);
        const high = Math.max(l, h);
        const status = rateStatus({ actual: a, polarity: 'range', target: { low, high }, tolerance: { type: 'relative', value: 10 } }).status;
        const v = computeVariance(a, null, { low, high }).variance!;
        expect(status === 'green').toBe(v === 0);
        if (v < 0) expect(a).toBeLessThan(low);
        if (v > 0) expect(a).toBeGreaterThan(high);
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------- anything the sheet may hold

const anyNumber = fc.oneof(
  fc.double(),
  decimal,
  fc.constantFrom(0, -0, 1, -1, 0.5, 1.5, 100, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MAX_VALUE, Number.MIN_VALUE),
);
const scale = fc.constantFrom('percent' as const, 'plain' as const);
const cellValue: fc.Arbitrary<CellValue> = fc.oneof(fc.string(), anyNumber, fc.boolean(), fc.constant(null));
const parsedValue: fc.Arbitrary<ParsedValue> = fc.oneof(
  fc.record({ kind: fc.constant('number' as const), value: anyNumber, scale, raw: cellValue }),
  fc.record({ kind: fc.constant('range' as const), low: anyNumber, high: anyNumber, scale, raw: cellValue }),
  fc.record({ kind: fc.constant('bound' as const), op: fc.constantFrom('<' as const, '<=' as const, '>' as const, '>=' as const), value: anyNumber, scale, raw: cellValue }),
  fc.record({ kind: fc.constant('missing' as const), token: fc.constantFrom('', 'N/A', 'TBC', '-', '#N/A', '#DIV/0!'), raw: cellValue }),
  fc.record({ kind: fc.constant('text' as const), text: fc.string(), raw: cellValue }),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const smallInt = (max: number) => fc.option(fc.integer({ min: -1, max }), { nil: null });
const seriesPoint: fc.Arbitrary<SeriesPoint> = fc.record({
  period: fc.record({
    label: fc.string(),
    order: fc.integer({ min: -5, max: 50 }),
    year: smallInt(2030),
    indexInYear: smallInt(13),
    periodsPerYear: fc.option(fc.constantFrom(0, 1, 2, 4, 12, 52), { nil: null }),
  }),
  value: parsedValue,
  cell: fc.record({ row: fc.integer({ min: 0, max: 20 }), col: fc.integer({ min: 0, max: 20 }) }),
});
const anyMeasure: fc.Arbitrary<Partial<Measure>> = fc.record({
  name: fc.string(),
  actual: parsedValue,
  target: maybe(parsedValue),
  annualTarget: maybe(parsedValue),
  previous: maybe(parsedValue),
  lastYear: maybe(parsedValue),
  previousLabel: maybe(fc.string()),
  polarityText: maybe(fc.oneof(fc.string(), fc.constantFrom('Higher', 'Lower', 'Range', 'Data only', 'N/A', '↑', '↓', 'Yes', 'No'))),
  amberThreshold: maybe(parsedValue),
  redThreshold: maybe(parsedValue),
  toleranceText: cellValue,
  complete: maybe(fc.boolean()),
  unitHint: fc.constantFrom('percent' as const, null),
  commentary: maybe(fc.string()),
  series: fc.array(seriesPoint, { maxLength: 10 }),
  actualCell: maybe(fc.record({ row: fc.integer({ min: 0, max: 20 }), col: fc.integer({ min: 0, max: 20 }) })),
});
const anySettings = fc.record({
  tolerance: amount,
  brag,
  directionOfTravel: fc.record({ compareWith: fc.constantFrom('previous' as const, 'same-period-last-year' as const), sustainedBand: amount }),
  forecast: fc.record({ method: fc.constantFrom('linear' as const, 'average' as const, 'latest' as const, 'cumulative' as const, 'off' as const) }),
  inferPolarityFromName: fc.boolean(),
  polarity: fc.constantFrom('higher' as const, 'lower' as const, 'range' as const, 'none' as const),
});
const STATUSES: Status[] = ['blue', 'green', 'amber', 'red', 'noData', 'noTarget', 'checkData'];

describe('property: any input the sheet may hold', () => {
  test('never throws; status, direction and forecast are allowed values; reasons are words', () => {
    fc.assert(
      fc.property(
        anyMeasure,
        anySettings,
        fc.constantFrom('higher' as const, 'lower' as const, 'range' as const, 'none' as const, null),
        fc.constantFrom<Status | null | undefined>(undefined, null, 'red', 'green', 'noData'),
        (m, s, polarityFromConfig, previousStatus) => {
          const r = evaluateMeasure(measure(m), settings(s), { polarityFromConfig, previousStatus });
          expect(STATUSES).toContain(r.status);
          expect(['improved', 'sustained', 'declined', 'none']).toContain(r.direction);
          expect(['likely', 'may', 'unlikely', 'none']).toContain(r.forecast);
          expect(['higher', 'lower', 'range', 'none']).toContain(r.polarity);
          for (const text of [r.reason, r.directionReason, r.forecastReason]) {
            expect(typeof text).toBe('string');
            expect(text.length).toBeGreaterThan(0);
            expect(text).not.toMatch(/undefined|\{(actual|target|note|off|side|tolerance|label|previous|projection|method|detail)\}/);
          }
          if (r.variance !== null) expect(Number.isFinite(r.variance)).toBe(true);
          if (r.variancePercent !== null) expect(Number.isFinite(r.variancePercent)).toBe(true);
          if (r.actual !== null) expect(Number.isFinite(r.actual)).toBe(true);
          if (r.status === 'noData') expect(r.issues.some((i) => i.code === 'no-data')).toBe(true);
          expect(r.commentaryMissing).toBe((r.status === 'red' || r.status === 'amber') && !(r.measure.commentary ?? '').trim());
          for (const i of r.issues) expect(['error', 'warning', 'info']).toContain(i.severity);
        },
      ),
      { numRuns: 3000 },
    );
  });
  test('no data never reads as green or red', () => {
    fc.assert(
      fc.property(anyMeasure, anySettings, (m, s) => {
        const actual = m.actual!;
        const r = evaluateMeasure(measure(m), settings({ ...s, brag: { enabled: false, margin: s.brag.margin } }), {
          polarityFromConfig: null,
          previousStatus: undefined,
        });
        if (actual.kind !== 'number' || !Number.isFinite(actual.value)) expect(r.status).toBe('noData');
      }),
      RUNS,
    );
  });
});

describe('property: overall RAG and summary figures', () => {
  const countsArb: fc.Arbitrary<StatusCounts> = fc.record({
    blue: fc.nat(30),
    green: fc.nat(30),
    amber: fc.nat(30),
    red: fc.nat(30),
    noData: fc.nat(5),
    noTarget: fc.nat(5),
    checkData: fc.nat(5),
  });
  const ruleArb = fc.record({
    rule: fc.constantFrom('mean-score' as const, 'worst' as const, 'majority' as const, 'red-share' as const),
    redShareForRed: fc.integer({ min: 0, max: 100 }),
    redShareForAmber: fc.integer({ min: 0, max: 100 }),
  });
  const ORANK = { green: 0, amber: 1, red: 2, none: -1 };
  test('one more red never makes the overall better; one more green never makes it worse', () => {
    fc.assert(
      fc.property(countsArb, ruleArb, (c, rule) => {
        const r = { ...rule, redShareForAmber: Math.min(rule.redShareForAmber, rule.redShareForRed) };
        const base = overallRag(c, r);
        if (base === 'none') return;
        expect(ORANK[overallRag({ ...c, red: c.red + 1 }, r)]).toBeGreaterThanOrEqual(ORANK[base]);
        expect(ORANK[overallRag({ ...c, green: c.green + 1 }, r)]).toBeLessThanOrEqual(ORANK[base]);
      }),
      RUNS,
    );
  });
  test('mean score agrees with the arithmetic away from the boundaries; none exactly when nothing is rated', () => {
    fc.assert(
      fc.property(countsArb, (c) => {
        const rated = c.blue + c.green + c.amber + c.red;
        const o = overallRag(c, { rule: 'mean-score', redShareForRed: 25, redShareForAmber: 10 });
        if (rated === 0) return expect(o).toBe('none');
        const mean = (c.blue + c.green + 2 * c.amber + 3 * c.red) / rated;
        expect(o).toBe(mean < 1.5 ? 'green' : mean > 2.5 ? 'red' : 'amber');
      }),
      RUNS,
    );
  });
  test('met + off + no data = every measure with a target', () => {
    fc.assert(
      fc.property(countsArb, (c) => {
        const results = (Object.entries(c) as [Status, number][]).flatMap(([status, n]) => Array.from({ length: n }, () => ({ status })));
        const s = summarise(results, 'x');
        expect(s.metTarget.count + s.offTarget.count + s.noData.count).toBe(s.withTarget);
        expect(s.withTarget + s.counts.noTarget).toBe(s.measures);
        if (s.withTarget > 0) expect(s.metTarget.percent! + s.offTarget.percent! + s.noData.percent!).toBeCloseTo(100, 8);
      }),
      RUNS,
    );
  });
});
