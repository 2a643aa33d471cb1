/**
 * Settings of the statistical trend (SPC) and their presets.
 *
 * The rule settings come from the configuration presets (`SPC_PRESETS` in
 * config/resolve.ts) so there is one source of truth; this module adds the
 * three settings the library needs beyond the configuration:
 *
 *   - `belowMinimum`: what happens with fewer than `minimumPoints` points.
 *     `trial-limits` (plotthedots): compute everything as usual and warn.
 *     `run-chart` (nhse-2024): no process limits (null), so no "outside" and no
 *     "two of three"; only the shift and trend rules, against the mean.
 *   - `baselinePoints` (the package's `fix_after_n_points`): null, or a whole
 *     number of at least 12.
 *   - `shortGroupThreshold` (the package's `ptd_spc.warning_threshold`): a group
 *     with fewer points than this gets `shortGroupWarning`. Default 13.
 */
import { SPC_PRESETS } from '../config/resolve';
import type { SpcPreset } from '../config/schema';
import { fmt, messages } from '../messages';

export type SpcDirection = 'increase' | 'decrease' | 'neutral';
export type SpcPresetName = SpcPreset;

export interface SpcSettings {
  /** Points in a row on one side of the mean that make a shift (plotthedots 7). */
  shiftLength: number;
  /** Points (both ends included, so length − 1 steps) rising or falling in a row that make a trend (plotthedots 7). */
  trendLength: number;
  /** Drop moving ranges of at least 3.267 × the average before recomputing it (the mean is not recomputed). */
  screenOutliers: boolean;
  /** Two of three: whether points beyond the process limits count as "near a limit". */
  twoOfThreeIncludesBeyondLimits: boolean;
  /** A target exactly on a process limit: hit and miss (strict comparisons) or pass / fail (inclusive). */
  targetOnLimit: 'hit-and-miss' | 'pass-fail';
  /** Non-missing points needed before the verdicts are shown. */
  minimumPoints: number;
  /** Below the minimum: trial limits (plotthedots) or a run chart with no limits (nhse-2024). */
  belowMinimum: 'trial-limits' | 'run-chart';
  /** The package's fix_after_n_points: the first F points of each group make the baseline. null = all points. */
  baselinePoints: number | null;
  /** A group with fewer points than this gets the short-group warning. */
  shortGroupThreshold: number;
}

const EXTRA: Record<SpcPreset, Pick<SpcSettings, 'belowMinimum' | 'baselinePoints' | 'shortGroupThreshold'>> = {
  plotthedots: { belowMinimum: 'trial-limits', baselinePoints: null, shortGroupThreshold: 13 },
  'nhse-2024': { belowMinimum: 'run-chart', baselinePoints: null, shortGroupThreshold: 13 },
};

/** The presets with every library setting filled in. */
export const SPC_SETTINGS_PRESETS: Readonly<Record<SpcPreset, Readonly<SpcSettings>>> = Object.freeze({
  plotthedots: Object.freeze({ ...SPC_PRESETS.plotthedots, ...EXTRA.plotthedots }),
  'nhse-2024': Object.freeze({ ...SPC_PRESETS['nhse-2024'], ...EXTRA['nhse-2024'] }),
});

/** What happens below the minimum, for a configuration preset. */
export function belowMinimumOf(preset: SpcPreset): SpcSettings['belowMinimum'] {
  return EXTRA[preset].belowMinimum;
}

/** A bad argument to the SPC library (settings, direction, labels, rebase positions). */
export class SpcInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpcInputError';
  }
}

const errors = () => messages.spc.errors;

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  return typeof v;
}

function wholeAtLeast(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new SpcInputError(fmt(errors().notInteger, { name, min, value: describe(value) }));
  }
  return value;
}

/** The preset's settings with the given ones on top, checked. Throws SpcInputError. */
export function resolveSpcSettings(preset: SpcPreset = 'plotthedots', overrides?: Partial<SpcSettings>): SpcSettings {
  const base = SPC_SETTINGS_PRESETS[preset];
  if (base === undefined) throw new SpcInputError(fmt(errors().badPreset, { value: describe(preset) }));
  const s: SpcSettings = { ...base };
  if (overrides) {
    for (const k of Object.keys(overrides) as (keyof SpcSettings)[]) {
      const v = overrides[k];
      if (v !== undefined) (s as unknown as Record<string, unknown>)[k] = v;
    }
  }
  return checkSpcSettings(s);
}

/** Checks a complete settings object; returns it unchanged or throws SpcInputError. */
export function checkSpcSettings(s: SpcSettings): SpcSettings {
  wholeAtLeast('shiftLength', s.shiftLength, 2);
  wholeAtLeast('trendLength', s.trendLength, 2);
  wholeAtLeast('minimumPoints', s.minimumPoints, 1);
  wholeAtLeast('shortGroupThreshold', s.shortGroupThreshold, 0);
  if (typeof s.screenOutliers !== 'boolean') throw new SpcInputError(fmt(errors().notBoolean, { name: 'screenOutliers', value: describe(s.screenOutliers) }));
  if (typeof s.twoOfThreeIncludesBeyondLimits !== 'boolean') {
    throw new SpcInputError(fmt(errors().notBoolean, { name: 'twoOfThreeIncludesBeyondLimits', value: describe(s.twoOfThreeIncludesBeyondLimits) }));
  }
  if (s.targetOnLimit !== 'hit-and-miss' && s.targetOnLimit !== 'pass-fail') {
    throw new SpcInputError(fmt(errors().badTargetOnLimit, { value: describe(s.targetOnLimit) }));
  }
  if (s.belowMinimum !== 'trial-limits' && s.belowMinimum !== 'run-chart') {
    throw new SpcInputError(fmt(errors().badBelowMinimum, { value: describe(s.belowMinimum) }));
  }
  if (s.baselinePoints !== null) {
    if (typeof s.baselinePoints !== 'number' || !Number.isInteger(s.baselinePoints) || s.baselinePoints < 12) {
      throw new SpcInputError(fmt(errors().baselineTooShort, { value: describe(s.baselinePoints) }));
    }
  }
  return s;
}

export function directionSign(direction: SpcDirection): 1 | -1 | 0 {
  if (direction === 'increase') return 1;
  if (direction === 'decrease') return -1;
  if (direction === 'neutral') return 0;
  throw new SpcInputError(fmt(errors().badDirection, { value: describe(direction) }));
}
