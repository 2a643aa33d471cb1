/**
 * Centre line, process limits, screening, degenerate baselines, baselines
 * (fix after n points), rebasing, missing values, short groups, the minimum
 * number of points, assurance and the settings checks.
 */
import { accurateMean, LIMIT_CLOSE, resolveSpcSettings, SPC_SETTINGS_PRESETS, spc, SpcInputError } from '../../../src/core/spc';
import { BASE, CC, LCL, LPL, MEAN, UCL, UP, UPL, nextUp, relClose, withBase } from './helpers';

const VIGNETTE = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1];

describe('the vignette example ("deviations")', () => {
  // By hand: sum = 35 over 18 points, so mean = 35/18.
  // Moving ranges: 1,1,1,8,9 and twelve 1s: 17 ranges summing to 32, amr = 32/17.
  // Screening keeps mr < 3.267·32/17 ≈ 6.15: drops 8 and 9, leaving fifteen 1s, amr = 1.
  const mean = 35 / 18;
  it('with screening (default): UPL ≈ 4.6, mean ≈ 1.94, LPL ≈ −0.72', () => {
    const out = spc({ values: VIGNETTE, direction: 'increase' });
    const p = out.points[0];
    expect(relClose(p.mean, mean)).toBe(true);
    expect(relClose(p.upl, mean + 2.66 * 1)).toBe(true);
    expect(relClose(p.lpl, mean - 2.66 * 1)).toBe(true);
    expect(p.upl!.toFixed(1)).toBe('4.6');
    expect(p.mean!.toFixed(2)).toBe('1.94');
    expect(p.lpl!.toFixed(2)).toBe('-0.72');
    expect(out.points.map((q) => q.rule)).toEqual(VIGNETTE.map((v) => (v === 10 ? UCL : CC)));
    expect(out.variation).toBe('common_cause');
    expect(out.warnings).toEqual([]);
    expect(out.enoughPoints).toBe(true);
  });
  it('without screening: UPL ≈ 6.95, LPL ≈ −3.06', () => {
    const out = spc({ values: VIGNETTE, direction: 'increase', settings: { screenOutliers: false } });
    const p = out.points[0];
    expect(relClose(p.mean, mean)).toBe(true);
    expect(relClose(p.upl, mean + (2.66 * 32) / 17)).toBe(true);
    expect(relClose(p.lpl, mean - (2.66 * 32) / 17)).toBe(true);
    expect(p.upl!.toFixed(2)).toBe('6.95');
    expect(p.lpl!.toFixed(2)).toBe('-3.06');
    expect(out.points.map((q) => q.rule)).toEqual(VIGNETTE.map((v) => (v === 10 ? UCL : CC)));
  });
  it('nhse-2024 does not screen', () => {
    const out = spc({ values: VIGNETTE, direction: 'increase', preset: 'nhse-2024' });
    expect(relClose(out.points[0].upl, mean + (2.66 * 32) / 17)).toBe(true);
  });
});

describe('constants and numerics', () => {
  it('LIMIT_CLOSE is the double expression 2 * (2.66 / 3)', () => {
    expect(LIMIT_CLOSE).toBe(1.7733333333333334);
  });
  it('the mean is correctly rounded, as R gives it', () => {
    expect(accurateMean(Float64Array.from([0.1, 0.2, 0.3]), 0, 3)).toBe(0.2);
    expect((0.1 + 0.2 + 0.3) / 3).not.toBe(0.2); // the naive mean is one ulp off
  });
  it('a point exactly on the (correctly rounded) mean is on it, not below it', () => {
    // Naive summation gives 0.20000000000000004; R's mean (and ours) gives 0.2.
    const values = [0.1, 0.3, ...Array<number>(13).fill(0.2)];
    const out = spc({ values, direction: 'increase' });
    expect(out.points[0].mean).toBe(0.2);
    // Screening leaves amr 0 (limits on the mean); the 0.2s sit on the mean, so they are
    // neither outside nor a shift below.
    expect(out.points.map((p) => p.rule)).toEqual([LCL, UCL, ...Array<string>(13).fill(CC)]);
  });
  it('a moving range exactly at 3.267 × amr is screened out (strict <)', () => {
    // Find b with b === 3.267 × mean(b, twelve 1s) in double (a fixed point).
    let b = 4;
    const k = 12;
    for (let i = 0; i < 200; i++) {
      const next = 3.267 * accurateMean(Float64Array.from([b, ...Array<number>(k).fill(1)]), 0, k + 1);
      if (next === b) break;
      b = next;
    }
    expect(3.267 * accurateMean(Float64Array.from([b, ...Array<number>(k).fill(1)]), 0, k + 1)).toBe(b);
    // y = b, 0, 1, 0, 1, …: one range of b, then twelve ranges of 1.
    const tail = Array.from({ length: k }, (_, i) => (i % 2 === 0 ? 1 : 0));
    const values = [b, 0, ...tail];
    const out = spc({ values, direction: 'increase' });
    const mean = out.points[0].mean!;
    expect(out.points[0].upl).toBe(mean + 2.66 * 1); // b dropped: amr = 1
    // A clearly smaller jump is kept.
    const kept = spc({ values: [3.5, 0, ...tail], direction: 'increase' });
    const amr = (3.5 + k) / (k + 1);
    expect(relClose(kept.points[0].upl, kept.points[0].mean! + 2.66 * amr)).toBe(true);
  });
});

describe('degenerate baselines', () => {
  const flat = Array<number>(15).fill(5);
  it('flat series, screening: limits absent, all common cause, warned, assurance hit and miss', () => {
    const out = spc({ values: flat, direction: 'increase', target: 5 });
    expect(out.points.every((p) => p.mean === 5 && p.upl === null && p.lpl === null && p.rule === CC)).toBe(true);
    expect(out.variation).toBe('common_cause');
    expect(out.assurance).toBe('inconsistent'); // NaN limits
    expect(out.warnings).toEqual([expect.stringMatching(/^No variation in the baseline: .*cannot be calculated/)]);
  });
  it('flat series, no screening: limits equal the mean; nothing is outside', () => {
    const out = spc({ values: flat, direction: 'increase', target: 5, preset: 'nhse-2024' });
    expect(out.points.every((p) => p.upl === 5 && p.lpl === 5 && p.rule === CC)).toBe(true);
    expect(out.warnings).toEqual([expect.stringMatching(/^No variation in the baseline: the process limits equal the mean/)]);
    // A target on the collapsed limits under pass / fail (nhse-2024): every point is on the target,
    // which meets it whichever way is better, so it passes in both directions ...
    expect(out.assurance).toBe('consistent_pass');
    expect(spc({ values: flat, direction: 'decrease', target: 5, preset: 'nhse-2024' }).assurance).toBe('consistent_pass');
    // ... hit and miss (plotthedots' rule) keeps it inconsistent.
    expect(spc({ values: flat, direction: 'increase', target: 5, settings: { screenOutliers: false } }).assurance).toBe('inconsistent');
  });
  it('flat with one blip, screening: amr 0, every point off the mean is outside, warned', () => {
    const values = [5, 5, 5, 5, 5, 5, 5, 9, 5, 5, 5, 5, 5, 5, 5];
    const out = spc({ values, direction: 'increase' });
    const mean = (14 * 5 + 9) / 15;
    expect(relClose(out.points[0].mean, mean)).toBe(true);
    expect(out.points[0].upl).toBe(out.points[0].mean);
    expect(out.points[0].lpl).toBe(out.points[0].mean);
    expect(out.points.map((p) => p.rule)).toEqual(values.map((v) => (v === 9 ? UCL : LCL)));
    expect(out.variation).toBe('concern_low');
    expect(out.warnings).toEqual([expect.stringMatching(/^No variation in the baseline once the outlier is screened out/)]);
  });
  it('flat with one blip, no screening: ordinary limits, the 5s make a shift below', () => {
    const values = [5, 5, 5, 5, 5, 5, 5, 9, 5, 5, 5, 5, 5, 5, 5];
    const out = spc({ values, direction: 'increase', settings: { screenOutliers: false } });
    const mean = 79 / 15;
    const amr = 8 / 14;
    expect(relClose(out.points[0].upl, mean + 2.66 * amr)).toBe(true);
    expect(out.points.map((p) => p.rule)).toEqual(values.map((v) => (v === 9 ? UCL : '7 Points Below CL')));
    expect(out.warnings).toEqual([]);
  });
  it('a single-point group has no moving range: limits absent', () => {
    const out = spc({ values: [...BASE, 1, 2, 50], direction: 'increase', rebase: [14] });
    const last = out.points[14];
    expect([last.mean, last.upl, last.lpl, last.rule, last.group]).toEqual([50, null, null, CC, 1]);
  });
});

describe('baseline (fix after n points)', () => {
  it('only the first F points set the limits; later points do not move them', () => {
    const out = withBase([100, -100, 100, 2]);
    expect(out.points[15]).toMatchObject({ mean: MEAN, upl: UPL, lpl: LPL });
    expect(out.points.slice(12).map((p) => p.rule)).toEqual([UCL, LCL, UCL, CC]);
    // Without a baseline the same points widen the limits.
    const all = spc({ values: [...BASE, 100, -100, 100, 2], direction: 'increase' });
    expect(all.points[0].upl).not.toBe(UPL);
  });
  it('there is no moving range into point F + 1', () => {
    // The jump from the 12th to the 13th point would change amr if it were counted.
    const out = withBase([40, 40]);
    expect(out.points[12].upl).toBe(UPL);
  });
  it('a baseline longer than the group uses every point', () => {
    const a = spc({ values: VIGNETTE, direction: 'increase', settings: { baselinePoints: 40 } });
    const b = spc({ values: VIGNETTE, direction: 'increase' });
    expect(a.points.map((p) => [p.mean, p.upl, p.lpl])).toEqual(b.points.map((p) => [p.mean, p.upl, p.lpl]));
  });
  it('applies per group', () => {
    const second = [10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 100];
    const out = spc({ values: [...BASE, ...second], direction: 'increase', rebase: [12], settings: { baselinePoints: 12 } });
    expect(out.points[12]).toMatchObject({ mean: 11, upl: 11 + 2.66 * 2, group: 1 });
    expect(out.points[24].rule).toBe(UCL);
  });
  it('must be at least 12 points', () => {
    expect(() => spc({ values: VIGNETTE, direction: 'increase', settings: { baselinePoints: 11 } })).toThrow(SpcInputError);
    expect(() => spc({ values: VIGNETTE, direction: 'increase', settings: { baselinePoints: 11 } })).toThrow(/at least 12 points; 11 was given/);
    expect(() => spc({ values: VIGNETTE, direction: 'increase', settings: { baselinePoints: 12.5 } })).toThrow(SpcInputError);
    expect(() => spc({ values: VIGNETTE, direction: 'increase', settings: { baselinePoints: 12 } })).not.toThrow();
  });
});

describe('rebasing', () => {
  // Group A ends with four 2s above its mean, group B starts with three 2s above its own.
  const a = [2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 2, 2, 2, 2];
  const b = [2, 2, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 2];
  it('no rule crosses a rebase', () => {
    const joined = spc({ values: [...a, ...b], direction: 'increase' });
    expect(joined.points[15].rule).toBe('7 Points Above CL');
    const split = spc({ values: [...a, ...b], direction: 'increase', rebase: [a.length] });
    expect(split.points.every((p) => p.rule === CC)).toBe(true);
  });
  it('nor does a trend', () => {
    const up = [0, 1, 2, 3];
    const more = [4, 5, 6];
    const filler = [10, -10, 10, -10, 10, -10, 10, -10, 10, -10];
    const values = [...filler, ...up, ...more, ...filler];
    expect(spc({ values, direction: 'increase' }).points[12].rule).toBe(UP);
    expect(spc({ values, direction: 'increase', rebase: [14] }).points[12].rule).toBe(CC);
  });
  it('each group has its own limits; groups are numbered from 0, or from 1 when the first point is a rebase', () => {
    const out = spc({ values: [...a, ...b], direction: 'increase', rebase: [a.length] });
    expect(out.points[0].group).toBe(0);
    expect(out.points[a.length].group).toBe(1);
    expect(out.points[0].mean).toBe(20 / 16);
    expect(out.points[a.length].mean).toBe(18 / 15);
    const fromOne = spc({ values: [...a, ...b], direction: 'increase', rebase: [0, a.length] });
    expect(fromOne.points[0].group).toBe(1);
    expect(fromOne.points[a.length].group).toBe(2);
  });
  it('a rebase on a missing value starts the group at the next value, with a warning', () => {
    const values = [...a, null, ...b];
    const labels = values.map((_, i) => `P${i + 1}`);
    const out = spc({ values, labels, direction: 'increase', rebase: [a.length] });
    expect(out.points[a.length]).toMatchObject({ index: a.length + 1, group: 1, label: `P${a.length + 2}` });
    expect(out.warnings).toContain(`Rebase period P${a.length + 1} has no value; the new process starts at the next period with a value`);
  });
  it('variation comes from the last point, whatever its group', () => {
    // The last point alone in its group: no limits, common cause, although it would be outside group 0's.
    const out = spc({ values: [...BASE, 1, 50], direction: 'increase', rebase: [13], target: 0 });
    expect(out.points[12].rule).toBe(CC);
    expect(out.variation).toBe('common_cause');
    // Assurance uses the last group's (NaN) limits: hit and miss.
    expect(out.assurance).toBe('inconsistent');
    const one = spc({ values: [...BASE, 1, 50], direction: 'increase', target: 0 });
    expect(one.variation).toBe('improvement_high');
  });
  it('rejects positions outside the series', () => {
    expect(() => spc({ values: [1, 2, 3], direction: 'increase', rebase: [3] })).toThrow(SpcInputError);
    expect(() => spc({ values: [1, 2, 3], direction: 'increase', rebase: [-1] })).toThrow(SpcInputError);
    expect(() => spc({ values: [1, 2, 3], direction: 'increase', rebase: [1.5] })).toThrow(SpcInputError);
  });
});

describe('short groups', () => {
  it('flags the points of a group shorter than 13 and warns, still computing trial limits', () => {
    const values = [...VIGNETTE, 3, 4, 3, 4, 3];
    const labels = values.map((_, i) => `M${i + 1}`);
    const out = spc({ values, labels, direction: 'increase', rebase: [18] });
    expect(out.points.slice(0, 18).every((p) => !p.shortGroupWarning)).toBe(true);
    expect(out.points.slice(18).every((p) => p.shortGroupWarning && p.upl !== null)).toBe(true);
    expect(out.warnings).toEqual(['Only 5 points from M19 on: fewer than 13, so those limits are provisional']);
  });
  it('the threshold is a setting', () => {
    const out = spc({ values: [...VIGNETTE, 3, 4, 3, 4, 3], direction: 'increase', rebase: [18], settings: { shortGroupThreshold: 5 } });
    expect(out.points.some((p) => p.shortGroupWarning)).toBe(false);
    const all = spc({ values: VIGNETTE, direction: 'increase', settings: { shortGroupThreshold: 19 } });
    expect(all.points.every((p) => p.shortGroupWarning)).toBe(true);
    expect(all.warnings).toEqual(['Only 18 points from point 1 on: fewer than 19, so those limits are provisional']);
  });
});

describe('fewer than the minimum number of points', () => {
  const twelve = [0, 1, 2, 3, 4, 5, 40, 1, 0, 1, 0, 1];
  it('plotthedots: says so, but still computes trial limits and verdicts', () => {
    const out = spc({ values: twelve, direction: 'increase', target: 100 });
    expect(out.enoughPoints).toBe(false);
    expect(out.points.every((p) => p.upl !== null && p.shortGroupWarning)).toBe(true);
    expect(out.points[6].rule).toBe(UCL);
    expect(out.assurance).toBe('consistent_fail');
    expect(out.warnings).toEqual(['Only 12 points: the statistical trend needs at least 13; the limits shown are provisional']);
  });
  it('nhse-2024: a run chart — no limits, nothing outside, only shift and trend', () => {
    const out = spc({ values: twelve, direction: 'increase', target: 100, preset: 'nhse-2024' });
    expect(out.enoughPoints).toBe(false);
    expect(out.points.every((p) => p.upl === null && p.lpl === null && p.mean !== null)).toBe(true);
    // 0,1,2,3,4,5,40: a trend of 7 (≥ 6).
    expect(out.points.slice(0, 7).every((p) => p.rule === UP)).toBe(true);
    expect(out.assurance).toBe('none');
    expect(out.warnings).toEqual(['Only 12 points: process limits need at least 13; shown as a run chart only']);
  });
  it('minimumPoints and belowMinimum are settings', () => {
    expect(spc({ values: twelve, direction: 'increase', settings: { minimumPoints: 12 } }).enoughPoints).toBe(true);
    const run = spc({ values: twelve, direction: 'increase', settings: { belowMinimum: 'run-chart' } });
    expect(run.points[6].upl).toBeNull();
  });
  it('no points at all', () => {
    const out = spc({ values: [null, null], direction: 'increase', target: 3 });
    expect(out).toMatchObject({ points: [], variation: null, assurance: 'none', enoughPoints: false, omitted: ['point 1', 'point 2'] });
  });
});

describe('missing values', () => {
  it('are left out of the calculation and named in a warning', () => {
    const values = [...VIGNETTE.slice(0, 3), null, ...VIGNETTE.slice(3, 6), null, ...VIGNETTE.slice(6)];
    const labels = values.map((_, i) => ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][i % 12] + ` ${2024 + Math.floor(i / 12)}`);
    const out = spc({ values, labels, direction: 'increase' });
    const clean = spc({ values: VIGNETTE, direction: 'increase' });
    expect(out.points.map((p) => [p.value, p.mean, p.upl, p.lpl, p.rule])).toEqual(clean.points.map((p) => [p.value, p.mean, p.upl, p.lpl, p.rule]));
    expect(out.points.map((p) => p.index)).not.toContain(3);
    expect(out.points[3]).toMatchObject({ index: 4, label: 'May 2024' });
    expect(out.omitted).toEqual(['Apr 2024', 'Aug 2024']);
    expect(out.warnings).toEqual(['Periods left out of the statistical trend (no value): Apr 2024, Aug 2024']);
  });
  it('without labels, by position; NaN and Infinity count as missing', () => {
    const out = spc({ values: [1, Number.NaN, 2, Number.POSITIVE_INFINITY, 3], direction: 'increase' });
    expect(out.points.map((p) => p.index)).toEqual([0, 2, 4]);
    expect(out.omitted).toEqual(['point 2', 'point 4']);
    expect(out.warnings[0]).toBe('Points left out of the statistical trend (no value): point 2, point 4');
  });
});

describe('assurance', () => {
  const tail = [2, 0];
  const A = (target: number | null, direction: 'increase' | 'decrease' | 'neutral' = 'increase', targetOnLimit?: 'hit-and-miss' | 'pass-fail') =>
    withBase(tail, { target, direction, settings: targetOnLimit ? { targetOnLimit } : {} }).assurance;
  it('a target above the upper limit: failing for increase, passing for decrease', () => {
    expect(A(7)).toBe('consistent_fail');
    expect(A(7, 'decrease')).toBe('consistent_pass');
  });
  it('a target below the lower limit: passing for increase, failing for decrease', () => {
    expect(A(-5)).toBe('consistent_pass');
    expect(A(-5, 'decrease')).toBe('consistent_fail');
  });
  it('a target between the limits: hit and miss', () => {
    expect(A(3)).toBe('inconsistent');
    expect(A(3, 'decrease')).toBe('inconsistent');
  });
  it('a target exactly on a limit: hit and miss (plotthedots, strict), pass / fail (nhse-2024)', () => {
    expect(A(UPL)).toBe('inconsistent');
    expect(A(LPL)).toBe('inconsistent');
    expect(A(nextUp(UPL))).toBe('consistent_fail');
    expect(A(UPL, 'increase', 'pass-fail')).toBe('consistent_fail');
    expect(A(UPL, 'decrease', 'pass-fail')).toBe('consistent_pass');
    expect(A(LPL, 'increase', 'pass-fail')).toBe('consistent_pass');
    expect(A(LPL, 'decrease', 'pass-fail')).toBe('consistent_fail');
    expect(withBase(tail, { target: UPL, preset: 'nhse-2024' }).assurance).toBe('consistent_fail');
  });
  it('none without a target or for neutral direction', () => {
    expect(A(null)).toBe('none');
    expect(A(7, 'neutral')).toBe('none');
    expect(withBase(tail).assurance).toBe('none');
  });
});

describe('settings', () => {
  it('the presets', () => {
    expect(SPC_SETTINGS_PRESETS.plotthedots).toEqual({
      shiftLength: 7,
      trendLength: 7,
      screenOutliers: true,
      twoOfThreeIncludesBeyondLimits: false,
      targetOnLimit: 'hit-and-miss',
      minimumPoints: 13,
      belowMinimum: 'trial-limits',
      baselinePoints: null,
      shortGroupThreshold: 13,
    });
    expect(SPC_SETTINGS_PRESETS['nhse-2024']).toEqual({
      shiftLength: 6,
      trendLength: 6,
      screenOutliers: false,
      twoOfThreeIncludesBeyondLimits: true,
      targetOnLimit: 'pass-fail',
      minimumPoints: 13,
      belowMinimum: 'run-chart',
      baselinePoints: null,
      shortGroupThreshold: 13,
    });
    expect(spc({ values: [1], direction: 'increase', preset: 'nhse-2024', settings: { shiftLength: 8 } }).settings.shiftLength).toBe(8);
  });
  it('rejects bad settings, directions and labels with clear errors', () => {
    expect(() => resolveSpcSettings('plotthedots', { shiftLength: 1 })).toThrow(/shiftLength must be a whole number of at least 2; 1 was given/);
    expect(() => resolveSpcSettings('plotthedots', { trendLength: 2.5 })).toThrow(SpcInputError);
    expect(() => resolveSpcSettings('plotthedots', { minimumPoints: 0 })).toThrow(SpcInputError);
    expect(() => resolveSpcSettings('nope' as never)).toThrow(/preset must be plotthedots or nhse-2024/);
    expect(() => resolveSpcSettings('plotthedots', { targetOnLimit: 'maybe' as never })).toThrow(SpcInputError);
    expect(() => resolveSpcSettings('plotthedots', { screenOutliers: 'yes' as never })).toThrow(SpcInputError);
    expect(() => spc({ values: [1], direction: 'up' as never })).toThrow(/increase, decrease or neutral/);
    expect(() => spc({ values: [1, 2], labels: ['a'], direction: 'increase' })).toThrow(/1 period labels for 2 values/);
  });
});
