/**
 * An independent, deliberately naive re-implementation of SPC.md, used by the
 * tests as an oracle. It follows the page's definitions literally (S_k, T_k,
 * windows j..j+N−1, padded two-of-three windows) with plain arrays and no
 * shared code with src/core/spc. Means are plain sum / n, so compare it with
 * the module on integer-valued series only (where that sum is exact).
 */
import type { SpcAssurance, SpcPointType, SpcRuleLabel, SpcVariation } from '../../../src/core/types';

export interface RefSettings {
  shiftLength: number;
  trendLength: number;
  screenOutliers: boolean;
  twoOfThreeIncludesBeyondLimits: boolean;
  targetOnLimit: 'hit-and-miss' | 'pass-fail';
  minimumPoints: number;
  belowMinimum: 'trial-limits' | 'run-chart';
  baselinePoints: number | null;
  shortGroupThreshold: number;
}

export interface RefPoint {
  index: number;
  value: number;
  group: number;
  mean: number;
  lpl: number | null;
  upl: number | null;
  rule: SpcRuleLabel;
  pointType: SpcPointType;
  shortGroupWarning: boolean;
  // The flags, for tests that need them.
  outside: boolean;
  close: boolean;
  inShift: boolean;
  inTrend: boolean;
  in2of3: boolean;
  dir: number;
}

export interface RefOutput {
  points: RefPoint[];
  variation: SpcVariation | null;
  assurance: SpcAssurance;
  enoughPoints: boolean;
}

const sign = (x: number): number => (x > 0 ? 1 : x < 0 ? -1 : 0);
const avg = (xs: number[]): number => (xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length);

/** S_k for a group (1-based k as in SPC.md, returned 0-based). */
export function shiftS(rtm: number[], N: number): number[] {
  return rtm.map((_, k0) => {
    const k = k0 + 1;
    if (k < N) return 0;
    const first = rtm[k0 - N + 1];
    if (first === 0) return 0;
    for (let i = k0 - N + 1; i <= k0; i++) if (rtm[i] !== first) return 0;
    return 1;
  });
}

/** T_k for a group. */
export function trendT(y: number[], N: number): number[] {
  return y.map((_, k0) => {
    const k = k0 + 1;
    if (k < N) return 0;
    let up = true;
    let down = true;
    for (let i = k0 - N + 2; i <= k0; i++) {
      if (!(y[i] - y[i - 1] > 0)) up = false;
      if (!(y[i] - y[i - 1] < 0)) down = false;
    }
    return up ? 1 : down ? -1 : 0;
  });
}

/** in_j = some flag k in j..j+N−1 (inside the group) is non-zero. */
export function partOf(flags: number[], N: number): boolean[] {
  return flags.map((_, j) => {
    for (let k = j; k <= j + N - 1 && k < flags.length; k++) if (flags[k] !== 0) return true;
    return false;
  });
}

export function reference(
  values: (number | null)[],
  direction: 'increase' | 'decrease' | 'neutral',
  target: number | null,
  rebase: number[],
  s: RefSettings,
): RefOutput {
  // Leave out missing values; a rebase on a missing value moves on to the next value.
  const pts: { index: number; value: number; rebase: boolean }[] = [];
  let pending = false;
  values.forEach((v, i) => {
    if (rebase.includes(i)) pending = true;
    if (v === null || !Number.isFinite(v)) return;
    pts.push({ index: i, value: v, rebase: pending });
    pending = false;
  });
  const n = pts.length;
  const enoughPoints = n >= s.minimumPoints;
  const limitsShown = enoughPoints || s.belowMinimum === 'trial-limits';
  let cum = 0;
  const groupOf = pts.map((p) => (cum += p.rebase ? 1 : 0));
  const out: RefPoint[] = [];
  const groupNumbers = [...new Set(groupOf)];
  const d = direction === 'increase' ? 1 : direction === 'decrease' ? -1 : 0;
  let lastLpl = NaN;
  let lastUpl = NaN;
  for (const gnum of groupNumbers) {
    const members = pts.filter((_, i) => groupOf[i] === gnum);
    const y = members.map((p) => p.value);
    const m = y.length;
    const F = s.baselinePoints ?? Infinity;
    const b = y.filter((_, j) => j + 1 <= F);
    const mean = avg(b);
    let mr: number[] = [];
    for (let j = 1; j < b.length; j++) mr.push(Math.abs(b[j] - b[j - 1]));
    let amr = avg(mr);
    if (s.screenOutliers) {
      mr = mr.filter((r) => r < 3.267 * amr);
      amr = avg(mr);
    }
    let lpl = mean - 2.66 * amr;
    let upl = mean + 2.66 * amr;
    let nlpl = mean - 2 * (2.66 / 3) * amr;
    let nupl = mean + 2 * (2.66 / 3) * amr;
    if (!limitsShown) lpl = upl = nlpl = nupl = NaN;
    lastLpl = lpl;
    lastUpl = upl;
    const outsideRaw = y.map((v) => v > upl || v < lpl);
    const rtm = y.map((v) => sign(v - mean));
    const nearRaw = y.map((v) => v < nlpl || v > nupl);
    const close = y.map((_, j) => (s.twoOfThreeIncludesBeyondLimits ? nearRaw[j] : !outsideRaw[j] && nearRaw[j]));
    const inShift = partOf(shiftS(rtm, s.shiftLength), s.shiftLength);
    const inTrend = partOf(trendT(y, s.trendLength), s.trendLength);
    // Two of three: padded windows starting at k = −2..m−1; only whole windows can qualify.
    const in2of3 = y.map(() => false);
    for (let k = -2; k < m; k++) {
      const idx = [k, k + 1, k + 2];
      const c = idx.map((i) => (i >= 0 && i < m ? close[i] : false));
      const r = idx.map((i) => (i >= 0 && i < m ? rtm[i] : 0));
      const qualifies = c.filter(Boolean).length >= 2 && r[0] !== 0 && r[0] === r[1] && r[1] === r[2];
      if (qualifies) idx.forEach((i) => (in2of3[i] = in2of3[i] || close[i]));
    }
    for (let j = 0; j < m; j++) {
      const dir = inTrend[j] && j < m - 1 && inTrend[j + 1] ? sign(y[j + 1] - y[j]) : j === 0 ? 0 : sign(y[j] - y[j - 1]);
      let rule: SpcRuleLabel;
      if (outsideRaw[j]) rule = rtm[j] === 1 ? 'Above UCL' : 'Below LCL';
      else if (inTrend[j]) rule = dir === 1 ? '7 Point Trend (Increasing)' : '7 Point Trend (Decreasing)';
      else if (in2of3[j]) rule = rtm[j] > 0 ? '2 in 3 Above CL' : '2 in 3 Below CL';
      else if (inShift[j]) rule = rtm[j] > 0 ? '7 Points Above CL' : '7 Points Below CL';
      else rule = 'Common Cause';
      const v = /Above|Increasing/.test(rule) ? 1 : /Below|Decreasing/.test(rule) ? -1 : 0;
      let pointType: SpcPointType;
      if (d === 0) pointType = v > 0 ? 'special_cause_neutral_high' : v < 0 ? 'special_cause_neutral_low' : 'common_cause';
      else pointType = v * d > 0 ? 'special_cause_improvement' : v * d < 0 ? 'special_cause_concern' : 'common_cause';
      out.push({
        index: members[j].index,
        value: y[j],
        group: gnum,
        mean,
        lpl: Number.isNaN(lpl) ? null : lpl,
        upl: Number.isNaN(upl) ? null : upl,
        rule,
        pointType,
        shortGroupWarning: m < s.shortGroupThreshold,
        outside: outsideRaw[j],
        close: close[j],
        inShift: inShift[j],
        inTrend: inTrend[j],
        in2of3: in2of3[j],
        dir,
      });
    }
  }
  let variation: SpcVariation | null = null;
  if (out.length > 0) {
    const t = out[out.length - 1].pointType;
    const table: Record<SpcPointType, [SpcVariation, SpcVariation, SpcVariation]> = {
      // [increase, decrease, neutral]
      common_cause: ['common_cause', 'common_cause', 'common_cause'],
      special_cause_improvement: ['improvement_high', 'improvement_low', 'common_cause'],
      special_cause_concern: ['concern_low', 'concern_high', 'common_cause'],
      special_cause_neutral_high: ['common_cause', 'common_cause', 'neutral_high'],
      special_cause_neutral_low: ['common_cause', 'common_cause', 'neutral_low'],
    };
    variation = table[t][d === 1 ? 0 : d === -1 ? 1 : 2];
  }
  let assurance: SpcAssurance = 'none';
  if (target !== null && d !== 0 && out.length > 0 && limitsShown) {
    const above = s.targetOnLimit === 'pass-fail' ? target >= lastUpl : target > lastUpl;
    const below = s.targetOnLimit === 'pass-fail' ? target <= lastLpl : target < lastLpl;
    if (above && below) assurance = 'consistent_pass'; // limits collapsed onto the target: always on target
    else if (above) assurance = d === 1 ? 'consistent_fail' : 'consistent_pass';
    else if (below) assurance = d === 1 ? 'consistent_pass' : 'consistent_fail';
    else assurance = 'inconsistent';
  }
  return { points: out, variation, assurance, enoughPoints };
}
