/**
 * The XmR calculation of SPC.md, on typed arrays in a reusable workspace.
 *
 * Not exported from the package: `spc()` and `measureSpc()` in index.ts wrap it.
 * The workspace is module state that is overwritten by each call; the functions
 * are synchronous and never call back, so that is invisible to callers.
 */
import type { SpcAssurance, SpcPointType, SpcRuleLabel, SpcVariation } from '../types';
import { accurateMean } from './numeric';
import type { SpcSettings } from './settings';

/** ptd_spc_standard.R:47–48. */
export const LIMIT = 2.66;
export const LIMIT_CLOSE = 2 * (LIMIT / 3);
/** Moving-range screening cut-off, in multiples of the average moving range. */
export const SCREEN_FACTOR = 3.267;

// Rule codes, in the order of RULE_LABELS.
export const R_COMMON = 0;
export const R_ABOVE_UCL = 1;
export const R_BELOW_LCL = 2;
export const R_TREND_UP = 3;
export const R_TREND_DOWN = 4;
export const R_TWO3_ABOVE = 5;
export const R_TWO3_BELOW = 6;
export const R_SHIFT_ABOVE = 7;
export const R_SHIFT_BELOW = 8;

export const RULE_LABELS: readonly SpcRuleLabel[] = Object.freeze([
  'Common Cause',
  'Above UCL',
  'Below LCL',
  '7 Point Trend (Increasing)',
  '7 Point Trend (Decreasing)',
  '2 in 3 Above CL',
  '2 in 3 Below CL',
  '7 Points Above CL',
  '7 Points Below CL',
]);
/** +1 for "Above"/"Increasing", −1 for "Below"/"Decreasing", 0 for common cause. */
const RULE_SIGN = Int8Array.of(0, 1, -1, 1, -1, 1, -1, 1, -1);

export const T_COMMON = 0;
export const T_IMPROVEMENT = 1;
export const T_CONCERN = 2;
export const T_NEUTRAL_HIGH = 3;
export const T_NEUTRAL_LOW = 4;
export const POINT_TYPES: readonly SpcPointType[] = Object.freeze([
  'common_cause',
  'special_cause_improvement',
  'special_cause_concern',
  'special_cause_neutral_high',
  'special_cause_neutral_low',
]);

// Point flags.
const F_OUTSIDE = 1;
const F_CLOSE = 2;
const F_SHIFT = 4;
const F_TREND = 8;
const F_TWO3 = 16;

/** Why a group's limits are degenerate. */
export const FLAT_NONE = 0;
/** Every baseline moving range is 0 and screening removed them all: limits NaN. */
export const FLAT_NAN = 1;
/** No screening and every baseline moving range is 0: limits equal the mean. */
export const FLAT_AT_MEAN = 2;
/** Screening removed the only non-zero ranges (a flat baseline with a blip): limits equal the mean. */
export const FLAT_SCREENED = 3;

class Workspace {
  cap = 0;
  gcap = 0;
  mcap = 0;
  // Per point (compacted: missing values left out).
  y = new Float64Array(0);
  src = new Int32Array(0);
  grp = new Int32Array(0);
  rtm = new Int8Array(0);
  flags = new Uint8Array(0);
  rule = new Uint8Array(0);
  ptype = new Uint8Array(0);
  mr = new Float64Array(0);
  // Per input value.
  mark = new Uint8Array(0);
  omitted = new Int32Array(0);
  // Per group.
  gStart = new Int32Array(0);
  gEnd = new Int32Array(0);
  gNumber = new Int32Array(0);
  gFlat = new Uint8Array(0);
  gMean = new Float64Array(0);
  gLpl = new Float64Array(0);
  gUpl = new Float64Array(0);
  gNlpl = new Float64Array(0);
  gNupl = new Float64Array(0);

  ensure(n: number): void {
    if (n > this.cap) {
      const c = Math.max(n, this.cap * 2, 64);
      this.cap = c;
      this.y = new Float64Array(c);
      this.src = new Int32Array(c);
      this.grp = new Int32Array(c);
      this.rtm = new Int8Array(c);
      this.flags = new Uint8Array(c);
      this.rule = new Uint8Array(c);
      this.ptype = new Uint8Array(c);
      this.mr = new Float64Array(c);
      this.omitted = new Int32Array(c);
      this.gStart = new Int32Array(c);
      this.gEnd = new Int32Array(c);
      this.gNumber = new Int32Array(c);
      this.gFlat = new Uint8Array(c);
      this.gMean = new Float64Array(c);
      this.gLpl = new Float64Array(c);
      this.gUpl = new Float64Array(c);
      this.gNlpl = new Float64Array(c);
      this.gNupl = new Float64Array(c);
    }
  }

  ensureMark(n: number): void {
    if (n > this.mcap) {
      this.mcap = Math.max(n, this.mcap * 2, 64);
      this.mark = new Uint8Array(this.mcap);
    }
  }
}

export const ws = new Workspace();

/** The series-level result; the per-point and per-group detail stays in `ws`. */
export interface CoreResult {
  /** Non-missing points (the compacted length). */
  count: number;
  omittedCount: number;
  groups: number;
  enoughPoints: boolean;
  /** false in the run-chart case (nhse-2024 below the minimum): limits are null. */
  limitsShown: boolean;
  variation: SpcVariation | null;
  assurance: SpcAssurance;
}

function isValue(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * Runs SPC.md over `values`. `rebase` holds positions in `values` (already
 * checked). `dir` is +1 increase, −1 decrease, 0 neutral.
 */
export function computeCore(
  values: ArrayLike<number | null | undefined>,
  rebase: ArrayLike<number> | null,
  dir: number,
  target: number | null | undefined,
  s: SpcSettings,
): CoreResult {
  const n = values.length;
  ws.ensure(n);
  const { y, src, grp, ptype, omitted, gStart, gEnd, gNumber, gMean, gLpl, gUpl } = ws;

  // --- Compact: leave out missing values; a rebase on a missing value moves to the next value.
  let mark: Uint8Array | null = null;
  if (rebase !== null && rebase.length > 0) {
    ws.ensureMark(n);
    mark = ws.mark;
    for (let i = 0; i < rebase.length; i++) mark[rebase[i]] = 1;
  }
  let c = 0;
  let nOmitted = 0;
  let g = -1;
  let number = 0;
  let pending = false;
  for (let i = 0; i < n; i++) {
    if (mark !== null && mark[i] === 1) {
      mark[i] = 0;
      pending = true;
    }
    const v = values[i];
    if (!isValue(v)) {
      omitted[nOmitted++] = i;
      continue;
    }
    if (c === 0 || pending) {
      if (pending) number++;
      if (g >= 0) gEnd[g] = c;
      g++;
      gStart[g] = c;
      gNumber[g] = number;
      pending = false;
    }
    y[c] = v;
    src[c] = i;
    grp[c] = g;
    c++;
  }
  if (g >= 0) gEnd[g] = c;
  const groups = g + 1;

  const enoughPoints = c >= s.minimumPoints;
  const limitsShown = enoughPoints || s.belowMinimum === 'trial-limits';
  const F = s.baselinePoints;
  const screen = s.screenOutliers;
  const includeBeyond = s.twoOfThreeIncludesBeyondLimits;
  const shiftN = s.shiftLength;
  const trendN = s.trendLength;

  for (let gi = 0; gi < groups; gi++) {
    const start = gStart[gi];
    const end = gEnd[gi];
    groupLimits(gi, start, end, F, screen, limitsShown);
    pointFlags(start, end, gMean[gi], gLpl[gi], gUpl[gi], ws.gNlpl[gi], ws.gNupl[gi], includeBeyond);
    markShift(start, end, shiftN);
    markTrend(start, end, trendN);
    markTwoOfThree(start, end);
    labelPoints(start, end, dir);
  }

  // --- Variation: the last point of the series, whatever its group.
  let variation: SpcVariation | null = null;
  if (c > 0) {
    const t = ptype[c - 1];
    if (t === T_COMMON) variation = 'common_cause';
    else if (t === T_IMPROVEMENT) variation = dir > 0 ? 'improvement_high' : 'improvement_low';
    else if (t === T_CONCERN) variation = dir > 0 ? 'concern_low' : 'concern_high';
    else if (t === T_NEUTRAL_HIGH) variation = 'neutral_high';
    else variation = 'neutral_low';
  }

  // --- Assurance: the target against the last group's limits.
  let assurance: SpcAssurance = 'none';
  if (c > 0 && dir !== 0 && limitsShown && typeof target === 'number' && !Number.isNaN(target)) {
    const lpl = gLpl[groups - 1];
    const upl = gUpl[groups - 1];
    const inclusive = s.targetOnLimit === 'pass-fail';
    const above = inclusive ? target >= upl : target > upl;
    const below = inclusive ? target <= lpl : target < lpl;
    // Both hold only when the limits have collapsed onto the target (pass-fail): every point
    // then sits exactly on the target, which meets it whichever way is better, so it passes.
    if (above && below) assurance = 'consistent_pass';
    else if (above) assurance = dir > 0 ? 'consistent_fail' : 'consistent_pass';
    else if (below) assurance = dir > 0 ? 'consistent_pass' : 'consistent_fail';
    else assurance = 'inconsistent';
  }

  return { count: c, omittedCount: nOmitted, groups, enoughPoints, limitsShown, variation, assurance };
}

// ------------------------------------------------------------ phases of one group
// Small functions so that V8 optimises (and, after a rare path, re-optimises) each cheaply.

/** Centre line and process limits over the baseline (SPC.md steps 1–6, 8). */
function groupLimits(gi: number, start: number, end: number, F: number | null, screen: boolean, limitsShown: boolean): void {
  const y = ws.y;
  const mr = ws.mr;
  const m = end - start;
  const bl = F === null || F > m ? m : F;
  const mean = accurateMean(y, start, start + bl);
  const nmr = bl - 1;
  for (let j = 1; j < bl; j++) mr[j - 1] = Math.abs(y[start + j] - y[start + j - 1]);
  let amr = nmr > 0 ? accurateMean(mr, 0, nmr) : NaN;
  let flat = FLAT_NONE;
  if (screen) {
    const cut = SCREEN_FACTOR * amr;
    let kept = 0;
    for (let t = 0; t < nmr; t++) {
      const r = mr[t];
      if (r < cut) mr[kept++] = r;
    }
    if (nmr > 0 && kept === 0) flat = FLAT_NAN;
    const screened = kept > 0 ? accurateMean(mr, 0, kept) : NaN;
    if (screened === 0 && amr > 0) flat = FLAT_SCREENED;
    amr = screened;
  } else if (nmr > 0 && amr === 0) {
    flat = FLAT_AT_MEAN;
  }
  ws.gMean[gi] = mean;
  if (limitsShown) {
    ws.gLpl[gi] = mean - LIMIT * amr;
    ws.gUpl[gi] = mean + LIMIT * amr;
    ws.gNlpl[gi] = mean - LIMIT_CLOSE * amr;
    ws.gNupl[gi] = mean + LIMIT_CLOSE * amr;
    ws.gFlat[gi] = flat;
  } else {
    ws.gLpl[gi] = NaN;
    ws.gUpl[gi] = NaN;
    ws.gNlpl[gi] = NaN;
    ws.gNupl[gi] = NaN;
    ws.gFlat[gi] = FLAT_NONE;
  }
}

/** Outside, side of the mean, near a limit (step 7). NaN limits compare false. */
function pointFlags(start: number, end: number, mean: number, lpl: number, upl: number, nlpl: number, nupl: number, includeBeyond: boolean): void {
  const y = ws.y;
  const rtm = ws.rtm;
  const flags = ws.flags;
  const outsideFlags = includeBeyond ? F_OUTSIDE | F_CLOSE : F_OUTSIDE;
  for (let j = start; j < end; j++) {
    const v = y[j];
    rtm[j] = v > mean ? 1 : v < mean ? -1 : 0;
    flags[j] = v > upl || v < lpl ? outsideFlags : v < nlpl || v > nupl ? F_CLOSE : 0;
  }
}

/** Shift: a point is in a shift iff it lies in a run of >= n equal, non-zero rtm. */
function markShift(start: number, end: number, n: number): void {
  const rtm = ws.rtm;
  const flags = ws.flags;
  let runStart = start;
  for (let j = start + 1; j <= end; j++) {
    if (j === end || rtm[j] !== rtm[runStart]) {
      if (j - runStart >= n && rtm[runStart] !== 0) {
        for (let k = runStart; k < j; k++) flags[k] |= F_SHIFT;
      }
      runStart = j;
    }
  }
}

/** Trend: a point is in a trend iff it lies in a run of >= n − 1 strictly same-signed steps (n points). */
function markTrend(start: number, end: number, n: number): void {
  const y = ws.y;
  const flags = ws.flags;
  let stepStart = start + 1; // step j joins points j − 1 and j
  let prev = 0;
  for (let j = start + 1; j <= end; j++) {
    const d = j === end ? 2 : y[j] > y[j - 1] ? 1 : y[j] < y[j - 1] ? -1 : 0;
    if (d !== prev) {
      if (prev !== 0 && j - stepStart + 1 >= n) {
        for (let k = stepStart - 1; k < j; k++) flags[k] |= F_TREND;
      }
      stepStart = j;
      prev = d;
    }
  }
}

/** Two of three: windows wholly inside the group, all three on one side (rtm ≠ 0), at least two close; flag the close ones. */
function markTwoOfThree(start: number, end: number): void {
  const rtm = ws.rtm;
  const flags = ws.flags;
  for (let k = start; k + 2 < end; k++) {
    const r = rtm[k];
    if (r === 0 || rtm[k + 1] !== r || rtm[k + 2] !== r) continue;
    const c0 = flags[k] & F_CLOSE;
    const c1 = flags[k + 1] & F_CLOSE;
    const c2 = flags[k + 2] & F_CLOSE;
    if ((c0 | c1) !== 0 && (c0 | c2) !== 0 && (c1 | c2) !== 0) {
      if (c0 !== 0) flags[k] |= F_TWO3;
      if (c1 !== 0) flags[k + 1] |= F_TWO3;
      if (c2 !== 0) flags[k + 2] |= F_TWO3;
    }
  }
}

/** The label (first match wins) and the point type. */
function labelPoints(start: number, end: number, dir: number): void {
  const rtm = ws.rtm;
  const flags = ws.flags;
  const rule = ws.rule;
  const ptype = ws.ptype;
  for (let j = start; j < end; j++) {
    const f = flags[j];
    let code = R_COMMON;
    if (f !== 0) {
      if ((f & F_OUTSIDE) !== 0) code = rtm[j] === 1 ? R_ABOVE_UCL : R_BELOW_LCL;
      else if ((f & F_TREND) !== 0) code = trendDirection(j, start, end) === 1 ? R_TREND_UP : R_TREND_DOWN;
      else if ((f & F_TWO3) !== 0) code = rtm[j] > 0 ? R_TWO3_ABOVE : R_TWO3_BELOW;
      else if ((f & F_SHIFT) !== 0) code = rtm[j] > 0 ? R_SHIFT_ABOVE : R_SHIFT_BELOW;
    }
    rule[j] = code;
    const v = RULE_SIGN[code] * (dir === 0 ? 1 : dir);
    ptype[j] = v === 0 ? T_COMMON : dir === 0 ? (v > 0 ? T_NEUTRAL_HIGH : T_NEUTRAL_LOW) : v > 0 ? T_IMPROVEMENT : T_CONCERN;
  }
}

/** SPC.md "trend direction for labelling": the step to the right inside the trend, else the step from the left, else 0. */
function trendDirection(j: number, start: number, end: number): number {
  const y = ws.y;
  if (j + 1 < end && (ws.flags[j + 1] & F_TREND) !== 0) return y[j + 1] > y[j] ? 1 : y[j + 1] < y[j] ? -1 : 0;
  if (j > start) return y[j] > y[j - 1] ? 1 : y[j] < y[j - 1] ? -1 : 0;
  return 0;
}
