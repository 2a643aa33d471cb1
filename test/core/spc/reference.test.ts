/**
 * The module against an independent brute-force recomputation of SPC.md
 * (reference.ts), on random integer-valued series with random settings,
 * rebases, missing values, baselines and targets. The reference is itself
 * checked against the helper fixtures of NHSRplotthedots' own unit tests.
 */
import fc from 'fast-check';
import { spc } from '../../../src/core/spc';
import { caseArb } from './arbitraries';
import { partOf, reference, shiftS, trendT } from './reference';

describe('reference implementation agrees with the package helper fixtures', () => {
  // tests/testthat/test-ptd_calculate_point_type.R (ptd_seven_point_one_side_mean, ptd_seven_point_trend)
  it('seven points on one side of the mean', () => {
    expect(shiftS([], 7)).toEqual([]);
    expect(shiftS([1, 1, 1, 1, 1, 1], 7)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(shiftS([1, 1, 1, 1, 1, 1, -1], 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(shiftS([1, 1, 1, 1, 1, 1, 1, 1, -1], 7)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 0]);
    expect(shiftS([-1, -1, -1, -1, -1, -1, -1, -1, 1], 7)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 0]);
    expect(shiftS([-1, 1, 1, 1, 1, 1, 1, 1, 1, -1], 7)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 0]);
  });
  it('seven point trend', () => {
    expect(trendT([1, 2, 3, 4, 5, 6], 7)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(trendT([1, 2, 3, 3, 4, 5, 6], 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(trendT([1, 2, 3, 4, 5, 6, 7], 7)).toEqual([0, 0, 0, 0, 0, 0, 1]);
    expect(trendT([2, 1, 2, 3, 4, 5, 6, 7, 3], 7)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(trendT([7, 6, 5, 4, 3, 2, 1], 7)).toEqual([0, 0, 0, 0, 0, 0, -1]);
    expect(trendT([2, 7, 6, 5, 4, 3, 2, 1, 3], 7)).toEqual([0, 0, 0, 0, 0, 0, 0, -1, 0]);
  });
  it('part of a run marks the whole window, including its first point', () => {
    expect(partOf([0, 0, 0, 0, 0, 0, 1, 1, 0], 7)).toEqual([true, true, true, true, true, true, true, true, false]);
    expect(partOf([0, 0, 0, 0, 0, 0, -1], 7)).toEqual([true, true, true, true, true, true, true]);
  });
});

describe('spc() against the brute-force reference', () => {
  it('gives the same points, verdicts and limits on random integer series', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const got = spc({ values: c.values, direction: c.direction, target: c.target, rebase: c.rebase, settings: c.settings });
        const want = reference(c.values, c.direction, c.target, c.rebase, c.settings);
        expect(got.enoughPoints).toBe(want.enoughPoints);
        expect(got.variation).toBe(want.variation);
        expect(got.assurance).toBe(want.assurance);
        expect(got.points.length).toBe(want.points.length);
        got.points.forEach((p, i) => {
          const r = want.points[i];
          expect({ index: p.index, value: p.value, group: p.group, rule: p.rule, pointType: p.pointType, short: p.shortGroupWarning }).toEqual({
            index: r.index,
            value: r.value,
            group: r.group,
            rule: r.rule,
            pointType: r.pointType,
            short: r.shortGroupWarning,
          });
          // Integer data: the sums are exact, so the limits agree to the last bit.
          expect(p.mean).toBe(r.mean);
          expect(p.lpl).toBe(r.lpl);
          expect(p.upl).toBe(r.upl);
        });
      }),
      { numRuns: 2000, seed: 20240601 },
    );
  });

  it('also agrees on fresh random cases (unseeded)', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const got = spc({ values: c.values, direction: c.direction, target: c.target, rebase: c.rebase, settings: c.settings });
        const want = reference(c.values, c.direction, c.target, c.rebase, c.settings);
        expect(got.points.map((p) => p.rule)).toEqual(want.points.map((p) => p.rule));
        expect(got.points.map((p) => p.pointType)).toEqual(want.points.map((p) => p.pointType));
        expect([got.variation, got.assurance]).toEqual([want.variation, want.assurance]);
      }),
      { numRuns: 500 },
    );
  });
});
