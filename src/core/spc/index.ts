/**
 * Statistical trend: NHS England "Making Data Count" statistical process
 * control (XmR charts), as specified in SPC.md (NHSRplotthedots 0.2.2).
 *
 * Pure: no clock, no randomness, no I/O. See README.md beside this file for
 * the API, how the settings generalise the package's constants, and the
 * choices made where SPC.md leaves room.
 *
 *   spc(input)         every point: mean, limits, the rule that fired, its type;
 *                      the series: variation, assurance, warnings.
 *   measureSpc(...)    what the engine writes for one measure (MeasureSpc).
 */
import { norm } from '../config/resolve';
import type { Settings } from '../config/schema';
import { fmt, messages } from '../messages';
import type { MeasureSpc, Polarity, SpcAssurance, SpcPointResult, SpcVariation } from '../types';
import {
  type CoreResult,
  computeCore,
  FLAT_AT_MEAN,
  FLAT_NAN,
  FLAT_NONE,
  POINT_TYPES,
  RULE_LABELS,
  ws,
} from './compute';
import {
  belowMinimumOf,
  checkSpcSettings,
  directionSign,
  resolveSpcSettings,
  SpcInputError,
  type SpcDirection,
  type SpcPresetName,
  type SpcSettings,
} from './settings';

export { LIMIT, LIMIT_CLOSE, RULE_LABELS, POINT_TYPES, SCREEN_FACTOR } from './compute';
export { accurateMean } from './numeric';
export {
  SPC_SETTINGS_PRESETS,
  SpcInputError,
  checkSpcSettings,
  resolveSpcSettings,
  type SpcDirection,
  type SpcPresetName,
  type SpcSettings,
} from './settings';

export interface SpcInput {
  /** Values in period order; null (or any non-finite number) is a missing value and is left out. */
  values: readonly (number | null)[];
  /** Period labels, one per value, used to name periods in warnings and carried onto the points. */
  labels?: readonly string[];
  /** The improvement direction; 'increase' when not given, as in NHSRplotthedots. */
  direction?: SpcDirection;
  target?: number | null;
  /** Positions in `values` where a new group (process) starts. A position on a missing value moves to the next value. */
  rebase?: readonly number[];
  /** Settings on top of the preset. */
  settings?: Partial<SpcSettings>;
  /** Default plotthedots. */
  preset?: SpcPresetName;
}

export interface SpcOutputPoint extends SpcPointResult {
  /** Position in `values`. */
  index: number;
  value: number;
  label?: string;
  /** The package's rebase_group: cumulative count of rebases, from 0 (1 if the first point is a rebase). */
  group: number;
}

export interface SpcOutput {
  /** One per non-missing value, in order. */
  points: SpcOutputPoint[];
  /** From the last point's type; null only when there are no points. Computed even below the minimum. */
  variation: SpcVariation | null;
  /** From the last group's limits; 'none' without a target, for neutral direction, or without limits. */
  assurance: SpcAssurance;
  warnings: string[];
  /** At least `minimumPoints` non-missing values. */
  enoughPoints: boolean;
  /** Labels (or "point N") of the values left out. */
  omitted: string[];
  /** The settings used. */
  settings: SpcSettings;
}

/** The catalogue's words of the trend (a getter: the catalogue in use can change). */
const W = () => messages.spc;

function checkRebase(rebase: readonly number[] | undefined, n: number): readonly number[] | null {
  if (rebase === undefined || rebase.length === 0) return null;
  for (const r of rebase) {
    if (typeof r !== 'number' || !Number.isInteger(r) || r < 0 || r >= n) {
      throw new SpcInputError(fmt(W().errors.badRebase, { max: Math.max(0, n - 1), value: String(r) }));
    }
  }
  return rebase;
}

function nameOf(i: number, labels: readonly string[] | undefined): string {
  return labels !== undefined ? labels[i] : fmt(W().pointN, { n: i + 1 });
}

/** The warnings of a computed series (the state is in the workspace). */
function warningsOf(
  core: CoreResult,
  values: readonly (number | null | undefined)[],
  labels: readonly string[] | undefined,
  rebase: readonly number[] | null,
  s: SpcSettings,
  out: string[],
  /** Also receives the warnings about the data itself (values left out, a rebase on a missing value). */
  data?: string[],
): void {
  const both = (w: string): void => {
    out.push(w);
    data?.push(w);
  };
  if (core.omittedCount > 0) {
    const names: string[] = [];
    for (let k = 0; k < core.omittedCount; k++) names.push(nameOf(ws.omitted[k], labels));
    both(labels !== undefined ? fmt(W().omittedPeriods, { periods: names.join(', ') }) : fmt(W().omittedPoints, { points: names.join(', ') }));
  }
  if (rebase !== null) {
    const seen = new Set<number>();
    for (const r of rebase) {
      const v = values[r];
      if (!seen.has(r) && !(typeof v === 'number' && Number.isFinite(v))) both(fmt(W().rebaseOnMissing, { period: nameOf(r, labels) }));
      seen.add(r);
    }
  }
  if (!core.enoughPoints) {
    out.push(fmt(core.limitsShown ? W().tooFewTrial : W().tooFewRunChart, { count: core.count, min: s.minimumPoints }));
  }
  if (!core.limitsShown) return;
  const many = core.groups > 1;
  for (let g = 0; g < core.groups; g++) {
    const flat = ws.gFlat[g];
    const startName = nameOf(ws.src[ws.gStart[g]], labels);
    if (flat !== FLAT_NONE) {
      const where = many ? fmt(W().where, { period: startName }) : '';
      const t = flat === FLAT_NAN ? W().noVariation : flat === FLAT_AT_MEAN ? W().noVariationLimitsAtMean : W().noVariationAfterScreening;
      out.push(fmt(t, { where }));
    }
    const size = ws.gEnd[g] - ws.gStart[g];
    // A single short group below the minimum is already covered by the "only N points" warning.
    if (size < s.shortGroupThreshold && (core.enoughPoints || many)) {
      out.push(fmt(W().shortGroup, { size, period: startName, threshold: s.shortGroupThreshold }));
    }
  }
}

/**
 * The statistical trend of one series. Throws SpcInputError for bad settings,
 * direction, labels or rebase positions; never for the data itself.
 */
export function spc(input: SpcInput): SpcOutput {
  const s = resolveSpcSettings(input.preset ?? 'plotthedots', input.settings);
  const dir = directionSign(input.direction ?? 'increase');
  const values = input.values;
  const labels = input.labels;
  if (labels !== undefined && labels.length !== values.length) {
    throw new SpcInputError(fmt(W().errors.labelsLength, { labels: labels.length, values: values.length }));
  }
  const rebase = checkRebase(input.rebase, values.length);
  const core = computeCore(values, rebase, dir, input.target, s);

  const points: SpcOutputPoint[] = new Array<SpcOutputPoint>(core.count);
  const { y, src, grp, rule, ptype, gNumber, gMean, gLpl, gUpl, gStart, gEnd } = ws;
  const threshold = s.shortGroupThreshold;
  for (let j = 0; j < core.count; j++) {
    const g = grp[j];
    const lpl = gLpl[g];
    const upl = gUpl[g];
    const i = src[j];
    points[j] = {
      index: i,
      value: y[j],
      label: labels !== undefined ? labels[i] : undefined,
      group: gNumber[g],
      mean: gMean[g],
      lpl: Number.isNaN(lpl) ? null : lpl,
      upl: Number.isNaN(upl) ? null : upl,
      rule: RULE_LABELS[rule[j]],
      pointType: POINT_TYPES[ptype[j]],
      shortGroupWarning: gEnd[g] - gStart[g] < threshold,
    };
  }
  const omitted: string[] = [];
  for (let k = 0; k < core.omittedCount; k++) omitted.push(nameOf(ws.omitted[k], labels));
  const warnings: string[] = [];
  warningsOf(core, values, labels, rebase, s, warnings);
  return { points, variation: core.variation, assurance: core.assurance, warnings, enoughPoints: core.enoughPoints, omitted, settings: s };
}

/** The SPC direction for a measure's polarity: higher → increase, lower → decrease, otherwise neutral. */
export function directionFromPolarity(polarity: Polarity): SpcDirection {
  return polarity === 'higher' ? 'increase' : polarity === 'lower' ? 'decrease' : 'neutral';
}

/** Library settings from the resolved configuration (`Settings['statisticalTrend']`). */
export function spcSettingsFromConfig(t: Settings['statisticalTrend']): SpcSettings {
  return checkSpcSettings({
    shiftLength: t.shiftLength,
    trendLength: t.trendLength,
    screenOutliers: t.screenOutliers,
    twoOfThreeIncludesBeyondLimits: t.twoOfThreeIncludesBeyondLimits,
    targetOnLimit: t.targetOnLimit,
    minimumPoints: t.minimumPoints,
    belowMinimum: belowMinimumOf(t.preset),
    baselinePoints: t.baselinePoints,
    shortGroupThreshold: 13,
  });
}

/**
 * The statistical trend of one measure, as the engine writes it. `labels` are
 * the period headers (one per value); `settings.rebaseAt` names periods by
 * those headers (matched ignoring case and spacing). Fewer than the minimum
 * points: variation and assurance null, both texts "– Fewer than N points".
 */
export function measureSpc(
  values: readonly (number | null)[],
  labels: readonly string[],
  direction: SpcDirection,
  target: number | null,
  settings: Settings['statisticalTrend'],
): MeasureSpc {
  const s = spcSettingsFromConfig(settings);
  const dir = directionSign(direction);
  if (labels.length !== values.length) {
    throw new SpcInputError(fmt(W().errors.labelsLength, { labels: labels.length, values: values.length }));
  }
  const warnings: string[] = [];
  const dataWarnings: string[] = [];
  let rebase: number[] | null = null;
  if (settings.rebaseAt.length > 0) {
    const byName = new Map<string, number>();
    for (let i = 0; i < labels.length; i++) {
      const k = norm(labels[i]);
      if (!byName.has(k)) byName.set(k, i);
    }
    rebase = [];
    for (const name of settings.rebaseAt) {
      const i = byName.get(norm(name));
      if (i === undefined) {
        const w = fmt(W().rebaseNotFound, { period: name });
        warnings.push(w);
        dataWarnings.push(w);
      }
      else rebase.push(i);
    }
  }
  const core = computeCore(values, rebase, dir, target, s);
  warningsOf(core, values, labels, rebase, s, warnings, dataWarnings);
  const C = messages.common.spc;
  if (!core.enoughPoints || core.variation === null) {
    const text = fmt(C.tooFewPoints, { min: s.minimumPoints });
    return { variation: null, assurance: null, points: core.count, text: { variation: text, assurance: text }, warnings, dataWarnings };
  }
  const assuranceText = core.assurance === 'none' && dir === 0 ? W().assuranceNeutral : C.assurance[core.assurance];
  return {
    variation: core.variation,
    assurance: core.assurance,
    points: core.count,
    text: { variation: C.variation[core.variation], assurance: assuranceText },
    warnings,
    dataWarnings,
  };
}
