/** fast-check generators shared by the SPC property tests. */
import fc from 'fast-check';
import type { SpcSettings } from '../../../src/core/spc';

export const settingsArb: fc.Arbitrary<SpcSettings> = fc.record({
  shiftLength: fc.integer({ min: 2, max: 9 }),
  trendLength: fc.integer({ min: 2, max: 9 }),
  screenOutliers: fc.boolean(),
  twoOfThreeIncludesBeyondLimits: fc.boolean(),
  targetOnLimit: fc.constantFrom('hit-and-miss' as const, 'pass-fail' as const),
  minimumPoints: fc.integer({ min: 1, max: 20 }),
  belowMinimum: fc.constantFrom('trial-limits' as const, 'run-chart' as const),
  baselinePoints: fc.option(fc.integer({ min: 12, max: 30 }), { nil: null }),
  shortGroupThreshold: fc.integer({ min: 0, max: 20 }),
});

export const caseArb = fc
  .record({
    // Narrow ranges make ties, runs and flat baselines common; wide ones make outliers.
    values: fc.oneof(
      fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { nil: null, freq: 12 }), { maxLength: 70 }),
      fc.array(fc.option(fc.integer({ min: -50, max: 50 }), { nil: null, freq: 12 }), { maxLength: 70 }),
      fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 70 }),
    ),
    direction: fc.constantFrom('increase' as const, 'decrease' as const, 'neutral' as const),
    target: fc.option(fc.integer({ min: -60, max: 60 }), { nil: null }),
    rebaseSeeds: fc.array(fc.nat(), { maxLength: 4 }),
    settings: settingsArb,
  })
  .map((c) => ({
    ...c,
    values: c.values as (number | null)[],
    rebase: c.values.length === 0 ? [] : [...new Set(c.rebaseSeeds.map((r) => r % c.values.length))],
  }));

