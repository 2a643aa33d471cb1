/**
 * Property tests on integer-valued series (SPC.md is exact there: sums of
 * integers are exact in double, so only the final divisions and the 2.66
 * products round).
 */
import fc from 'fast-check';
import { LIMIT, LIMIT_CLOSE, spc, type SpcOutput } from '../../../src/core/spc';
import type { SpcAssurance, SpcPointType, SpcRuleLabel, SpcVariation } from '../../../src/core/types';
import { caseArb } from './arbitraries';
import { reference } from './reference';

const RUNS = { numRuns: 1500 };

function scale(out: SpcOutput): number {
  let s = 1;
  for (const p of out.points) s = Math.max(s, Math.abs(p.value), Math.abs(p.mean ?? 0), Math.abs(p.upl ?? 0), Math.abs(p.lpl ?? 0));
  return s;
}

/** True if some value (or the target) lies within a rounding error of a limit or a near line, other than exactly on a collapsed limit. */
function nearTie(out: SpcOutput, target: number | null): boolean {
  const tol = 1e-9 * scale(out);
  for (const p of out.points) {
    if (p.upl === null || p.lpl === null || p.mean === null) continue;
    const amr = (p.upl - p.mean) / LIMIT;
    const lines = [p.upl, p.lpl, p.mean + LIMIT_CLOSE * amr, p.mean - LIMIT_CLOSE * amr];
    if (target !== null && lines.slice(0, 2).some((l) => Math.abs(target - l) <= tol)) return true;
    if (p.upl === p.mean) continue; // amr 0: the lines are the mean itself, compared exactly
    if (lines.some((l) => Math.abs(p.value - l) <= tol)) return true;
  }
  return false;
}

const flipType: Record<SpcPointType, SpcPointType> = {
  common_cause: 'common_cause',
  special_cause_improvement: 'special_cause_concern',
  special_cause_concern: 'special_cause_improvement',
  special_cause_neutral_high: 'special_cause_neutral_high',
  special_cause_neutral_low: 'special_cause_neutral_low',
};
const flipVariation: Record<SpcVariation, SpcVariation> = {
  common_cause: 'common_cause',
  improvement_high: 'concern_high',
  concern_high: 'improvement_high',
  improvement_low: 'concern_low',
  concern_low: 'improvement_low',
  neutral_high: 'neutral_high',
  neutral_low: 'neutral_low',
};
const flipAssurance: Record<SpcAssurance, SpcAssurance> = {
  consistent_pass: 'consistent_fail',
  consistent_fail: 'consistent_pass',
  inconsistent: 'inconsistent',
  none: 'none',
};
const mirrorRule: Record<SpcRuleLabel, SpcRuleLabel> = {
  'Above UCL': 'Below LCL',
  'Below LCL': 'Above UCL',
  '7 Point Trend (Increasing)': '7 Point Trend (Decreasing)',
  '7 Point Trend (Decreasing)': '7 Point Trend (Increasing)',
  '2 in 3 Above CL': '2 in 3 Below CL',
  '2 in 3 Below CL': '2 in 3 Above CL',
  '7 Points Above CL': '7 Points Below CL',
  '7 Points Below CL': '7 Points Above CL',
  'Common Cause': 'Common Cause',
};
const mirrorVariation: Record<SpcVariation, SpcVariation> = {
  common_cause: 'common_cause',
  improvement_high: 'improvement_low',
  improvement_low: 'improvement_high',
  concern_high: 'concern_low',
  concern_low: 'concern_high',
  neutral_high: 'neutral_low',
  neutral_low: 'neutral_high',
};
const opposite = { increase: 'decrease', decrease: 'increase', neutral: 'neutral' } as const;

describe('properties on integer-valued series', () => {
  it('the limits are symmetric about the mean', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const out = spc({ values: c.values, direction: c.direction, rebase: c.rebase, settings: c.settings });
        const tol = 1e-9 * scale(out);
        for (const p of out.points) {
          if (p.upl === null || p.lpl === null) {
            expect(p.lpl).toBe(p.upl);
            continue;
          }
          expect(Math.abs(p.upl - p.mean! - (p.mean! - p.lpl))).toBeLessThanOrEqual(tol);
          expect(p.upl).toBeGreaterThanOrEqual(p.lpl);
        }
      }),
      RUNS,
    );
  });

  it('adding a constant moves the mean and the limits by it and changes no verdict', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: -5000, max: 5000 }), (c, k) => {
        const a = spc({ values: c.values, direction: c.direction, target: c.target, rebase: c.rebase, settings: c.settings });
        const shifted = c.values.map((v) => (v === null ? null : v + k));
        const target = c.target === null ? null : c.target + k;
        const b = spc({ values: shifted, direction: c.direction, target, rebase: c.rebase, settings: c.settings });
        fc.pre(!nearTie(a, c.target) && !nearTie(b, target));
        const tol = 1e-9 * Math.max(scale(a), scale(b));
        expect(b.points.map((p) => p.rule)).toEqual(a.points.map((p) => p.rule));
        expect(b.points.map((p) => p.pointType)).toEqual(a.points.map((p) => p.pointType));
        expect([b.variation, b.assurance, b.enoughPoints]).toEqual([a.variation, a.assurance, a.enoughPoints]);
        a.points.forEach((p, i) => {
          const q = b.points[i];
          expect(Math.abs(q.mean! - (p.mean! + k))).toBeLessThanOrEqual(tol);
          if (p.upl === null) expect([q.upl, q.lpl]).toEqual([null, null]);
          else {
            expect(Math.abs(q.upl! - (p.upl + k))).toBeLessThanOrEqual(tol);
            expect(Math.abs(q.lpl! - (p.lpl! + k))).toBeLessThanOrEqual(tol);
          }
        });
      }),
      RUNS,
    );
  });

  it('flipping the improvement direction alone swaps improvement and concern', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        fc.pre(c.direction !== 'neutral');
        const a = spc({ values: c.values, direction: c.direction, target: c.target, rebase: c.rebase, settings: c.settings });
        const b = spc({ values: c.values, direction: opposite[c.direction], target: c.target, rebase: c.rebase, settings: c.settings });
        expect(b.points.map((p) => p.rule)).toEqual(a.points.map((p) => p.rule));
        expect(b.points.map((p) => p.pointType)).toEqual(a.points.map((p) => flipType[p.pointType]));
        expect(b.variation).toBe(a.variation === null ? null : flipVariation[a.variation]);
        expect(b.assurance).toBe(flipAssurance[a.assurance]);
      }),
      RUNS,
    );
  });

  it('negating the series and flipping the direction changes no point type (the trend-tie quirk aside)', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        // The one exception, by SPC.md's own rule: a tie between two trend points gives dir 0,
        // which labels "Decreasing" whichever way the series goes.
        const ref = reference(c.values, c.direction, c.target, c.rebase, c.settings);
        const quirk = ref.points.some((p, j) => {
          const q = ref.points[j + 1];
          return q !== undefined && p.inTrend && q.inTrend && p.group === q.group && p.value === q.value;
        });
        fc.pre(!quirk);
        const a = spc({ values: c.values, direction: c.direction, target: c.target, rebase: c.rebase, settings: c.settings });
        const neg = c.values.map((v) => (v === null ? null : -v));
        const target = c.target === null ? null : -c.target;
        const b = spc({ values: neg, direction: opposite[c.direction], target, rebase: c.rebase, settings: c.settings });
        if (c.direction === 'neutral') {
          // Neutral stays neutral: high and low swap instead.
          const swap = (t: SpcPointType): SpcPointType =>
            t === 'special_cause_neutral_high' ? 'special_cause_neutral_low' : t === 'special_cause_neutral_low' ? 'special_cause_neutral_high' : t;
          expect(b.points.map((p) => p.pointType)).toEqual(a.points.map((p) => swap(p.pointType)));
        } else {
          expect(b.points.map((p) => p.pointType)).toEqual(a.points.map((p) => p.pointType));
        }
        expect(b.points.map((p) => p.rule)).toEqual(a.points.map((p) => mirrorRule[p.rule]));
        expect(b.variation).toBe(a.variation === null ? null : mirrorVariation[a.variation]);
        expect(b.assurance).toBe(a.assurance);
        // Rounding to nearest is symmetric, so the mirror is exact.
        a.points.forEach((p, i) => {
          const q = b.points[i];
          // (+ 0 on both sides: a negated zero is −0, which is the same number)
          const plus0 = (x: number | null) => (x === null ? null : x + 0);
          expect(plus0(q.mean)).toBe(plus0(-p.mean!));
          expect(plus0(q.upl)).toBe(p.lpl === null ? null : plus0(-p.lpl));
          expect(plus0(q.lpl)).toBe(p.upl === null ? null : plus0(-p.upl));
        });
      }),
      RUNS,
    );
  });

  it('the trend-tie quirk really is the only exception (it occurs and breaks the mirror)', () => {
    // 7 rising, a tie, 7 rising, in wide limits.
    const values = [40, -40, 40, -40, 0, 1, 2, 3, 4, 5, 6, 6, 7, 8, 9, 10, 11, 12, -40, 40, -40];
    const a = spc({ values, direction: 'increase' });
    const b = spc({ values: values.map((v) => -v), direction: 'decrease' });
    expect(a.points[10].rule).toBe('7 Point Trend (Decreasing)');
    expect(b.points[10].rule).toBe('7 Point Trend (Decreasing)');
    expect(a.points[10].pointType).toBe('special_cause_concern');
    expect(b.points[10].pointType).toBe('special_cause_improvement');
  });

  it('missing values change nothing but the indices', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const dense = c.values.filter((v): v is number => v !== null);
        // Rebases are positions in the series with gaps; map them onto the dense series.
        const a = spc({ values: c.values, direction: c.direction, target: c.target, settings: c.settings });
        const b = spc({ values: dense, direction: c.direction, target: c.target, settings: c.settings });
        expect(a.points.map(({ index: _i, ...p }) => p)).toEqual(b.points.map(({ index: _i, ...p }) => p));
        expect([a.variation, a.assurance]).toEqual([b.variation, b.assurance]);
      }),
      RUNS,
    );
  });
});
