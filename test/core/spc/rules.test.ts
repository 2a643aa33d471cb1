/**
 * The special-cause rules of SPC.md, one by one, with their boundaries and
 * quirks. Most cases use the fixed baseline of helpers.ts (mean 1, upl 6.32,
 * lpl −4.32, near lines ≈ ±3.5467 from the mean) so that the tail points do not
 * move the limits.
 */
import {
  ABOVE,
  BELOW,
  CC,
  DOWN,
  LCL,
  LPL,
  MEAN,
  NLPL,
  NUPL,
  TWO_ABOVE,
  TWO_BELOW,
  UCL,
  UP,
  UPL,
  nextDown,
  nextUp,
  tailRules,
  tailTypes,
  withBase,
} from './helpers';

describe('the fixed baseline used by these tests', () => {
  it('has mean 1 and amr 2', () => {
    const out = withBase([2, 0]);
    const p = out.points[13];
    expect(p.mean).toBe(MEAN);
    expect(p.upl).toBe(UPL);
    expect(p.lpl).toBe(LPL);
    expect(tailRules(out)).toEqual([CC, CC]);
  });
});

describe('outside the process limits (strict)', () => {
  it('a point above the upper limit is "Above UCL", below the lower "Below LCL"', () => {
    expect(tailRules(withBase([7, 2, -5, 2]))).toEqual([UCL, CC, LCL, CC]);
  });
  it('a point exactly on a limit is not outside', () => {
    expect(tailRules(withBase([UPL, 0]))).toEqual([CC, CC]);
    expect(tailRules(withBase([LPL, 2]))).toEqual([CC, CC]);
    expect(tailRules(withBase([nextUp(UPL), 0]))).toEqual([UCL, CC]);
    expect(tailRules(withBase([nextDown(LPL), 2]))).toEqual([LCL, CC]);
  });
});

describe('shift (points in a row on one side of the mean)', () => {
  it('7 points above is a shift, and every one of them is marked', () => {
    expect(tailRules(withBase([2, 2, 2, 2, 2, 2, 2, 0]))).toEqual([ABOVE, ABOVE, ABOVE, ABOVE, ABOVE, ABOVE, ABOVE, CC]);
  });
  it('6 points is not, with the default length 7', () => {
    expect(tailRules(withBase([2, 2, 2, 2, 2, 2, 0]))).toEqual([CC, CC, CC, CC, CC, CC, CC]);
  });
  it('6 points is a shift with shiftLength 6 (and with the nhse-2024 preset)', () => {
    const six = [2, 2, 2, 2, 2, 2, 0];
    const want = [ABOVE, ABOVE, ABOVE, ABOVE, ABOVE, ABOVE, CC];
    expect(tailRules(withBase(six, { settings: { shiftLength: 6 } }))).toEqual(want);
    expect(tailRules(withBase(six, { preset: 'nhse-2024' }))).toEqual(want);
    // 5 is still not.
    expect(tailRules(withBase([2, 2, 2, 2, 2, 0], { settings: { shiftLength: 6 } }))).toEqual([CC, CC, CC, CC, CC, CC]);
  });
  it('below the mean; a run includes the baseline point before it', () => {
    // The baseline ends on 0 (below the mean): 0 + seven −0.5 = 8 points below.
    const out = withBase([-0.5, -0.5, -0.5, -0.5, -0.5, -0.5, -0.5, 2]);
    expect(out.points[11].rule).toBe(BELOW);
    expect(tailRules(out)).toEqual([BELOW, BELOW, BELOW, BELOW, BELOW, BELOW, BELOW, CC]);
  });
  it('a point exactly on the mean breaks the run', () => {
    expect(tailRules(withBase([2, 2, 2, MEAN, 2, 2, 2, 0]))).toEqual([CC, CC, CC, CC, CC, CC, CC, CC]);
    // ...and is not part of the shift it ends.
    expect(tailRules(withBase([2, 2, 2, 2, 2, 2, 2, MEAN]))).toEqual([ABOVE, ABOVE, ABOVE, ABOVE, ABOVE, ABOVE, ABOVE, CC]);
  });
  it('a point above and below improves and concerns by direction', () => {
    const tail = [2, 2, 2, 2, 2, 2, 2];
    expect(tailTypes(withBase(tail))).toEqual(Array(7).fill('special_cause_improvement'));
    expect(tailTypes(withBase(tail, { direction: 'decrease' }))).toEqual(Array(7).fill('special_cause_concern'));
    expect(tailTypes(withBase(tail, { direction: 'neutral' }))).toEqual(Array(7).fill('special_cause_neutral_high'));
  });
});

describe('trend (points rising or falling in a row; N points = N − 1 steps)', () => {
  // The baseline's last point (0) follows a fall, so a rising tail's trend starts there.
  it('7 rising points (0 .. 3) are a trend, all marked, the first included', () => {
    const out = withBase([0.5, 1, 1.5, 2, 2.5, 3, -1]);
    expect(out.points[11].rule).toBe(UP);
    expect(tailRules(out)).toEqual([UP, UP, UP, UP, UP, UP, CC]);
  });
  it('6 rising points are not, with the default length 7', () => {
    const out = withBase([0.5, 1, 1.5, 2, 2.5, -1]);
    expect(out.points[11].rule).toBe(CC);
    expect(tailRules(out)).toEqual([CC, CC, CC, CC, CC, CC]);
  });
  it('6 rising points are a trend with trendLength 6 (and nhse-2024)', () => {
    const want = [UP, UP, UP, UP, UP, CC];
    expect(tailRules(withBase([0.5, 1, 1.5, 2, 2.5, -1], { settings: { trendLength: 6 } }))).toEqual(want);
    expect(tailRules(withBase([0.5, 1, 1.5, 2, 2.5, -1], { preset: 'nhse-2024' }))).toEqual(want);
  });
  it('a tie breaks a trend', () => {
    expect(tailRules(withBase([0.5, 1, 1, 1.5, 2, 2.5, 3, -1]))).toEqual([CC, CC, CC, CC, CC, CC, CC, CC]);
  });
  it('falling points are "Decreasing"; a trend may cross the mean', () => {
    const out = withBase([4, 3.5, 3, 2, 0.5, 0, -0.5, -1, 2]);
    // 0 → 4 is a rise; 4 .. −1 are 8 falling points crossing the mean.
    expect(tailRules(out)).toEqual([DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, CC]);
    expect(tailTypes(out).slice(0, 8)).toEqual(Array(8).fill('special_cause_concern'));
  });
  it('quirk: 7 rising, a tie, 7 rising — the point before the tie is labelled Decreasing', () => {
    //            0(base) .5   1   1.5  2  2.5  3 | 3  3.25 3.5 3.75 4  4.25 4.5 | 0
    const out = withBase([0.5, 1, 1.5, 2, 2.5, 3, 3, 3.25, 3.5, 3.75, 4, 4.25, 4.5, 0]);
    expect(tailRules(out)).toEqual([UP, UP, UP, UP, UP, DOWN, UP, UP, UP, UP, UP, UP, UP, CC]);
    // For "increase", that point is therefore a concern inside an improving trend.
    expect(tailTypes(out)[5]).toBe('special_cause_concern');
    expect(tailTypes(out)[4]).toBe('special_cause_improvement');
  });
  it('V shape: the shared extreme takes the direction of the step to its right', () => {
    const out = withBase([4, 3.5, 3, 2.5, 2, 1.5, 1.25, 1.5, 2, 2.5, 3, 3.5, 4, 0]);
    expect(tailRules(out)).toEqual([DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, UP, UP, UP, UP, UP, UP, UP, CC]);
  });
  it('an increasing trend wholly below the mean is an improvement for increase (the trend label wins)', () => {
    // 0 (base) then 7 rising points, all below the mean 1: a shift below and a trend up.
    // −2 (a fall) ends the trend but not the shift; 2 ends the shift.
    const out = withBase([-2.5, -2.25, -2, -1.75, -1.5, -1.25, -1, -2, 2]);
    expect(out.points[11].rule).toBe(BELOW); // the baseline's 0 is in the shift but not in the trend
    expect(tailRules(out)).toEqual([UP, UP, UP, UP, UP, UP, UP, BELOW, CC]);
    expect(tailTypes(out).slice(0, 7)).toEqual(Array(7).fill('special_cause_improvement'));
    expect(out.points[11].pointType).toBe('special_cause_concern');
  });
});

describe('two of three near a limit', () => {
  it('flags only the near-limit points, not the third', () => {
    expect(NUPL).toBeLessThan(5);
    expect(tailRules(withBase([5, 2, 5, 0]))).toEqual([TWO_ABOVE, CC, TWO_ABOVE, CC]);
    expect(tailRules(withBase([-3, 0, -3, 2]))).toEqual([TWO_BELOW, CC, TWO_BELOW, CC]);
    expect(NLPL).toBeGreaterThan(-3);
  });
  it('two adjacent near points qualify only with a third on the same side', () => {
    expect(tailRules(withBase([2, 5, 5, 0]))).toEqual([CC, TWO_ABOVE, TWO_ABOVE, CC]);
    // 0 on both sides (below the mean): no window of three is all above.
    expect(tailRules(withBase([5, 5, 0]))).toEqual([CC, CC, CC]);
  });
  it('does not qualify with the third point on the other side of the mean', () => {
    expect(tailRules(withBase([5, 0, 5, 0]))).toEqual([CC, CC, CC, CC]);
  });
  it('does not qualify with the third point exactly on the mean', () => {
    expect(tailRules(withBase([5, MEAN, 5, 0]))).toEqual([CC, CC, CC, CC]);
  });
  it('the near line itself is not "near" (strict)', () => {
    expect(tailRules(withBase([2, NUPL, NUPL, 0]))).toEqual([CC, CC, CC, CC]);
    expect(tailRules(withBase([2, nextUp(NUPL), nextUp(NUPL), 0]))).toEqual([CC, TWO_ABOVE, TWO_ABOVE, CC]);
    expect(tailRules(withBase([0, NLPL, NLPL, 2]))).toEqual([CC, CC, CC, CC]);
    expect(tailRules(withBase([0, nextDown(NLPL), nextDown(NLPL), 2]))).toEqual([CC, TWO_BELOW, TWO_BELOW, CC]);
  });
  it('a point beyond the limit is not "near" in plotthedots, but counts with twoOfThreeIncludesBeyondLimits', () => {
    expect(tailRules(withBase([7, 5, 2, 0]))).toEqual([UCL, CC, CC, CC]);
    expect(tailRules(withBase([7, 5, 2, 0], { settings: { twoOfThreeIncludesBeyondLimits: true } }))).toEqual([UCL, TWO_ABOVE, CC, CC]);
    expect(tailRules(withBase([7, 5, 2, 0], { preset: 'nhse-2024' }))).toEqual([UCL, TWO_ABOVE, CC, CC]);
  });
  it('windows never run over the ends of the series', () => {
    // The last two points near the limit, with the point before them below the mean.
    expect(tailRules(withBase([5, 5]))).toEqual([CC, CC]);
    expect(tailRules(withBase([2, 5, 5]))).toEqual([CC, TWO_ABOVE, TWO_ABOVE]);
  });
});

describe('precedence: outside, trend, two of three, shift, common cause', () => {
  it('outside beats trend', () => {
    expect(tailRules(withBase([0.5, 1, 1.5, 2, 2.5, 7, -1]))).toEqual([UP, UP, UP, UP, UP, UCL, CC]);
  });
  it('trend beats two of three', () => {
    // 0 .. 4.7 rising; 4.6 and 4.7 are near the limit in a qualifying window.
    expect(tailRules(withBase([0.5, 1, 1.5, 2, 4.6, 4.7, -1]))).toEqual([UP, UP, UP, UP, UP, UP, CC]);
  });
  it('two of three beats shift', () => {
    expect(tailRules(withBase([2, 2, 2, 5, 5, 2, 2, 0]))).toEqual([ABOVE, ABOVE, ABOVE, TWO_ABOVE, TWO_ABOVE, ABOVE, ABOVE, CC]);
  });
  it('outside beats shift', () => {
    expect(tailRules(withBase([2, 2, 2, 7, 2, 2, 2, 0]))).toEqual([ABOVE, ABOVE, ABOVE, UCL, ABOVE, ABOVE, ABOVE, CC]);
  });
});

describe('point type and the variation verdict', () => {
  const cases: [number[], 'increase' | 'decrease' | 'neutral', string, string][] = [
    [[7], 'increase', 'special_cause_improvement', 'improvement_high'],
    [[7], 'decrease', 'special_cause_concern', 'concern_high'],
    [[7], 'neutral', 'special_cause_neutral_high', 'neutral_high'],
    [[-5], 'increase', 'special_cause_concern', 'concern_low'],
    [[-5], 'decrease', 'special_cause_improvement', 'improvement_low'],
    [[-5], 'neutral', 'special_cause_neutral_low', 'neutral_low'],
    [[2], 'increase', 'common_cause', 'common_cause'],
    [[2], 'decrease', 'common_cause', 'common_cause'],
    [[2], 'neutral', 'common_cause', 'common_cause'],
  ];
  it.each(cases)('last point %j, %s → %s, %s', (tail, direction, type, variation) => {
    const out = withBase(tail, { direction });
    expect(out.points[out.points.length - 1].pointType).toBe(type);
    expect(out.variation).toBe(variation);
  });
  it('a decreasing trend is an improvement for decrease', () => {
    const out = withBase([4, 3.5, 3, 2, 0.5, 0, -0.5, -1], { direction: 'decrease' });
    expect(out.variation).toBe('improvement_low');
  });
});
