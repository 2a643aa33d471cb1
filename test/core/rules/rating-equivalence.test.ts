/**
 * The forecast rates its projection with rateStatusOnly (no reason text): it must give the
 * very status rateStatus gives, for every kind of rating problem.
 */
import fc from 'fast-check';
import type { Amount } from '../../../src/core/config/schema';
import { rateStatus, rateStatusOnly, type RatingInput } from '../../../src/core/rules/status';

const decimal = fc.oneof(
  fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 100),
  fc.constantFrom(0, 81, 90, 100, 0.9, 1e-13, -0),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
);
const amount: fc.Arbitrary<Amount> = fc.oneof(
  fc.integer({ min: 0, max: 5000 }).map((n): Amount => ({ type: 'relative', value: n / 100 })),
  fc.integer({ min: 0, max: 10_000 }).map((n): Amount => ({ type: 'absolute', value: n / 100 })),
);
const input: fc.Arbitrary<RatingInput> = fc.record({
  actual: decimal,
  polarity: fc.constantFrom('higher' as const, 'lower' as const, 'range' as const),
  target: fc.oneof(decimal, fc.record({ low: decimal, high: decimal })),
  strict: fc.boolean(),
  tolerance: amount,
  thresholds: fc.option(fc.record({ amber: fc.option(decimal, { nil: null }), red: fc.option(decimal, { nil: null }) }), { nil: null }),
  brag: fc.record({ enabled: fc.boolean(), margin: amount }),
  complete: fc.constantFrom(true, false, null),
  scale: fc.constantFrom('percent' as const, 'plain' as const),
  note: fc.constantFrom('', ' (lower is better)'),
});

test('rateStatusOnly(x) === rateStatus(x).status', () => {
  fc.assert(
    fc.property(input, (i) => {
      expect(rateStatusOnly(i)).toBe(rateStatus(i).status);
    }),
    { numRuns: 20000 },
  );
});
