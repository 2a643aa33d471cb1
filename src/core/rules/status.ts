/**
 * DOMAIN rules 1 and 2: the status of a measure.
 *
 * `rateStatus` rates a number against a target (pure arithmetic, any units);
 * `rateMeasure` reads a Measure as the sheet gave it: no data, no target, units,
 * the tolerance cell and the threshold columns, then calls `rateStatus`.
 *
 * Higher is better:
 *   Green  actual ≥ target (a strict operator target "> 90" needs actual > target)
 *   Amber  actual ≥ target − tolerance (inclusive)
 *   Red    below that
 *   Blue   (BRAG on) actual ≥ target + blue margin and actual > target, or the row is complete
 * Lower is better mirrors it (actual ≤ target, ≤ target + tolerance, Blue ≤ target − margin).
 * A target range [low, high]: Green inside (inclusive), Amber within the tolerance
 * outside (a relative tolerance is a % of the nearer bound), Red beyond. Blue by
 * margin does not apply to a range; a complete row is still Blue.
 *
 * Relative amounts are a % of |target| (so a negative target mirrors a positive one).
 * A relative tolerance of a zero target is zero: meeting it is Green, any miss is Red,
 * with a warning suggesting an absolute tolerance; a relative blue margin of a zero
 * target gives no Blue (only a complete row is Blue). Every comparison is decimal-safe
 * (see numbers.ts): 81 against 90 with 10% is Amber.
 *
 * Threshold columns: see tolerance.ts.
 */
import type { Amount, Settings } from '../config/schema';
import { refAddress } from '../a1';
import { fmt, messages } from '../messages';
import type { Measure, NumberScale, ParsedValue, Status } from '../types';
import type { RuleNote } from './notes';
import { amountOf, cmp, formatDifference, formatNumber, formatPercent, formatPoints, formatRange, formatValue } from './numbers';
import { polarityNote, type PolarityResolution } from './polarity';
import { parseToleranceCell, type Thresholds } from './tolerance';
import { intoUnits, reconcile, reconcileUnits } from './units';

export type RagStatus = 'blue' | 'green' | 'amber' | 'red';

export interface TargetRange {
  low: number;
  high: number;
}

export interface RatingInput {
  actual: number;
  polarity: 'higher' | 'lower' | 'range';
  /** A single target, or a target range. A single target with polarity 'range' is the range [t, t]. */
  target: number | TargetRange;
  /** An operator target "< 3" or "> 90": Green needs to beat it, equal is Amber. */
  strict?: boolean;
  tolerance: Amount;
  /** Explicit thresholds from the sheet, in the same units as actual and target. */
  thresholds?: Thresholds | null;
  brag?: { enabled: boolean; margin: Amount };
  complete?: boolean | null;
  /** Units of actual and target, for the reason ('percent': percentage points). */
  scale?: NumberScale;
  /** Polarity words appended to the reason, e.g. " (lower is better)". */
  note?: string;
}

export type DecidedBy = 'target' | 'tolerance' | 'thresholds' | 'blue-margin' | 'complete' | 'zero-target';

export interface Rating {
  status: RagStatus;
  /** Plain English, from the rule that decided. */
  reason: string;
  decidedBy: DecidedBy;
  /** Warnings the rating raised (zero target with a relative tolerance, inconsistent thresholds). */
  notes: RuleNote[];
}

const S = () => messages.rules.status;

function toleranceText(tolerance: Amount, base: number, scale: NumberScale): string {
  if (tolerance.type === 'relative') {
    if (scale === 'percent') return fmt(S().toleranceRelativePoints, { pct: formatPercent(tolerance.value), points: formatPoints(amountOf(tolerance, base)) });
    // one tolerance for most measures: its words made once (again if any wording they use changes)
    const template = S().toleranceRelative;
    const F = messages.rules.format;
    const c = relativeTexts;
    if (c.template !== template || c.percent !== F.percent || c.decimal !== F.decimalSeparator || c.thousands !== F.thousandsSeparator || c.minus !== F.minus) {
      c.template = template;
      c.percent = F.percent;
      c.decimal = F.decimalSeparator;
      c.thousands = F.thousandsSeparator;
      c.minus = F.minus;
      c.texts.clear();
    }
    let text = relativeTexts.texts.get(tolerance.value);
    if (text === undefined) {
      text = fmt(template, { pct: formatPercent(tolerance.value) });
      if (relativeTexts.texts.size >= 256) relativeTexts.texts.clear();
      relativeTexts.texts.set(tolerance.value, text);
    }
    return text;
  }
  return fmt(S().toleranceAbsolute, { amount: formatDifference(tolerance.value, scale) });
}

/** Words of relative tolerances by their value (percent texts depend on nothing else). */
const relativeTexts = { template: '', percent: '', decimal: '', thousands: '', minus: '', texts: new Map<number, string>() };

/** How far off: points for percentages, the plain difference for a zero base or an absolute tolerance, else a % of the base. */
function offText(actual: number, base: number, scale: NumberScale, tolerance: Amount): string {
  const diff = Math.abs(actual - base);
  if (scale === 'percent') return formatPoints(diff);
  if (base === 0 || tolerance.type === 'absolute') return formatNumber(diff);
  return formatPercent((diff / Math.abs(base)) * 100);
}

function zeroTargetNote(tolerance: Amount, scale: NumberScale): RuleNote {
  return {
    code: 'zero-target-relative-tolerance',
    severity: 'warning',
    at: 'target',
    message: fmt(messages.rules.issues.zeroTargetRelative, { tolerance: toleranceText(tolerance, 0, scale) }),
  };
}

function normaliseRange(r: TargetRange): TargetRange {
  return r.low <= r.high ? r : { low: r.high, high: r.low };
}

function rateRange(input: RatingInput, range: TargetRange, notes: RuleNote[], words: boolean): Rating {
  const scale = input.scale ?? 'plain';
  const { low, high } = normaliseRange(range);
  const a = input.actual;
  const actual = words ? formatValue(a, scale) : '';
  const rangeText = words ? formatRange(low, high, scale) : '';
  if (cmp(a, low) >= 0 && cmp(a, high) <= 0) {
    return { status: 'green', reason: words ? fmt(S().greenRange, { actual, range: rangeText }) : '', decidedBy: 'target', notes };
  }
  const below = cmp(a, low) < 0;
  const bound = below ? low : high;
  const side = below ? messages.rules.format.below : messages.rules.format.above;
  const tol = amountOf(input.tolerance, bound);
  const zero = bound === 0 && input.tolerance.type === 'relative' && input.tolerance.value > 0;
  if (zero) {
    notes.push(zeroTargetNote(input.tolerance, scale));
    return { status: 'red', reason: words ? fmt(S().redZeroRange, { actual, side, range: rangeText }) : '', decidedBy: 'zero-target', notes };
  }
  const within = below ? cmp(a, bound - tol) >= 0 : cmp(a, bound + tol) <= 0;
  if (!words) return { status: within ? 'amber' : 'red', reason: '', decidedBy: 'tolerance', notes };
  const params = {
    actual,
    off: offText(a, bound, scale, input.tolerance),
    side,
    range: rangeText,
    tolerance: toleranceText(input.tolerance, bound, scale),
  };
  return within
    ? { status: 'amber', reason: fmt(S().amberRange, params), decidedBy: 'tolerance', notes }
    : { status: 'red', reason: fmt(S().redRange, params), decidedBy: 'tolerance', notes };
}

type ThresholdPlan =
  | { kind: 'tolerance' }
  | { kind: 'one'; value: number; which: 'amber' | 'red' }
  | { kind: 'both'; amber: number; red: number };

const TOLERANCE_PLAN: ThresholdPlan = Object.freeze({ kind: 'tolerance' });

/** Which threshold rule applies; inconsistent thresholds add a note and fall back to the tolerance. */
function planThresholds(input: RatingInput, target: number, sign: 1 | -1, notes: RuleNote[]): ThresholdPlan {
  const th = input.thresholds;
  if (!th || (th.amber === null && th.red === null)) return TOLERANCE_PLAN;
  const scale = input.scale ?? 'plain';
  const better = sign === 1 ? messages.rules.format.above : messages.rules.format.below;
  const polarityWords = messages.rules.polarity[sign === 1 ? 'higher' : 'lower'];
  const problems: string[] = [];
  const checkSide = (value: number, which: 'amber' | 'red') => {
    if (cmp(sign * value, sign * target) > 0) {
      problems.push(
        fmt(messages.rules.issues.thresholdWrongSide, {
          which: which === 'amber' ? S().thresholdAmber : S().thresholdRed,
          threshold: formatValue(value, scale),
          side: better,
          target: formatValue(target, scale),
          polarity: polarityWords,
        }),
      );
    }
  };
  let plan: ThresholdPlan;
  if (th.amber !== null && th.red !== null) {
    if (cmp(sign * th.red, sign * th.amber) > 0) {
      problems.push(
        fmt(messages.rules.issues.thresholdRedBetterThanAmber, {
          red: formatValue(th.red, scale),
          amber: formatValue(th.amber, scale),
          side: better,
        }),
      );
    }
    checkSide(th.amber, 'amber');
    checkSide(th.red, 'red');
    plan = { kind: 'both', amber: th.amber, red: th.red };
  } else {
    const which = th.amber !== null ? 'amber' : 'red';
    const value = (th.amber ?? th.red)!;
    checkSide(value, which);
    plan = { kind: 'one', value, which };
  }
  if (problems.length > 0) {
    notes.push({
      code: 'thresholds-inconsistent',
      severity: 'warning',
      at: 'row',
      message: fmt(messages.rules.issues.thresholdsInconsistent, { detail: problems.join(messages.rules.format.listJoin) }),
    });
    return TOLERANCE_PLAN;
  }
  return plan;
}

/** Rates an actual against a target: Blue (BRAG), Green, Amber or Red, with the reason. */
export function rateStatus(input: RatingInput): Rating {
  return rate(input, true);
}

/**
 * The status rateStatus gives, without putting the reason into words (the forecast rates
 * its projection only for the status). The same code decides both: only the text is skipped.
 */
export function rateStatusOnly(input: RatingInput): RagStatus {
  return rate(input, false).status;
}

/** rateStatus; with `words` false the reason is left empty (the decision, decidedBy and notes are the same). */
function rate(input: RatingInput, words: boolean): Rating {
  const notes: RuleNote[] = [];
  if (input.brag?.enabled && input.complete === true) {
    return { status: 'blue', reason: words ? S().blueComplete : '', decidedBy: 'complete', notes };
  }
  const hasThresholds = !!input.thresholds && (input.thresholds.amber !== null || input.thresholds.red !== null);
  if (typeof input.target !== 'number' || input.polarity === 'range') {
    if (hasThresholds) {
      notes.push({ code: 'thresholds-not-for-range', severity: 'warning', at: 'row', message: messages.rules.issues.thresholdsForRange });
    }
    const range = typeof input.target === 'number' ? { low: input.target, high: input.target } : input.target;
    return rateRange(input, range, notes, words);
  }

  const scale = input.scale ?? 'plain';
  const note = input.note ?? '';
  const target = input.target;
  const a = input.actual;
  const sign: 1 | -1 = input.polarity === 'lower' ? -1 : 1;
  const strict = input.strict === true;
  const A = sign * a;
  const T = sign * target;
  const F = messages.rules.format;
  const worse = sign === 1 ? F.below : F.above;
  const better = sign === 1 ? F.above : F.below;
  const actual = words ? formatValue(a, scale) : '';
  const targetText = !words
    ? ''
    : strict
      ? fmt(sign === 1 ? F.strictAbove : F.strictBelow, { n: formatValue(target, scale) })
      : formatValue(target, scale);

  // Blue: beats the target by at least the margin (a relative margin of a zero target gives no Blue).
  if (input.brag?.enabled) {
    const margin = input.brag.margin;
    const marginUsable = !(margin.type === 'relative' && target === 0);
    const m = amountOf(margin, target);
    if (marginUsable && cmp(A, T) > 0 && cmp(A, T + m) >= 0) {
      if (!words) return { status: 'blue', reason: '', decidedBy: 'blue-margin', notes };
      const diff = Math.abs(a - target);
      const by =
        scale === 'percent'
          ? formatPoints(diff)
          : margin.type === 'relative'
            ? formatPercent((diff / Math.abs(target)) * 100)
            : formatNumber(diff);
      return {
        status: 'blue',
        reason: fmt(S().blue, { actual, target: targetText, by, note, margin: toleranceText(margin, target, scale) }),
        decidedBy: 'blue-margin',
        notes,
      };
    }
  }

  const plan = planThresholds(input, target, sign, notes);
  const meetsTarget = strict ? cmp(A, T) > 0 : cmp(A, T) >= 0;
  const tolerance = input.tolerance;
  const zeroTarget = plan.kind === 'tolerance' && target === 0 && tolerance.type === 'relative' && tolerance.value > 0;
  // Warned whether the target is met or missed: the rule is degenerate either way.
  if (zeroTarget) notes.push(zeroTargetNote(tolerance, scale));

  if (plan.kind === 'both') {
    if (meetsTarget || cmp(A, sign * plan.amber) >= 0) {
      if (meetsTarget) return { status: 'green', reason: words ? greenReason(strict, A, T, sign, actual, better, targetText, note) : '', decidedBy: 'target', notes };
      return {
        status: 'green',
        reason: words
          ? fmt(sign === 1 ? S().greenAmberThresholdHigher : S().greenAmberThresholdLower, { actual, threshold: formatValue(plan.amber, scale), note })
          : '',
        decidedBy: 'thresholds',
        notes,
      };
    }
    if (cmp(A, sign * plan.red) >= 0) {
      return {
        status: 'amber',
        reason: words
          ? fmt(S().amberBothThresholds, { actual, amber: formatValue(plan.amber, scale), red: formatValue(plan.red, scale), side: worse, note })
          : '',
        decidedBy: 'thresholds',
        notes,
      };
    }
    return {
      status: 'red',
      reason: words ? fmt(S().redBothThresholds, { actual, red: formatValue(plan.red, scale), side: worse, note }) : '',
      decidedBy: 'thresholds',
      notes,
    };
  }

  if (meetsTarget) return { status: 'green', reason: words ? greenReason(strict, A, T, sign, actual, better, targetText, note) : '', decidedBy: 'target', notes };
  const equal = cmp(A, T) === 0; // only reachable with a strict target

  if (plan.kind === 'one') {
    const which = plan.which === 'amber' ? S().thresholdAmber : S().thresholdRed;
    const threshold = words ? formatValue(plan.value, scale) : '';
    if (cmp(A, sign * plan.value) >= 0) {
      return {
        status: 'amber',
        reason: words
          ? fmt(equal ? S().amberOneThresholdStrictEqual : S().amberOneThreshold, { actual, target: targetText, side: worse, which, threshold, note })
          : '',
        decidedBy: 'thresholds',
        notes,
      };
    }
    return {
      status: 'red',
      reason: words ? fmt(S().redOneThreshold, { actual, side: worse, which, threshold, note }) : '',
      decidedBy: 'thresholds',
      notes,
    };
  }

  // The tolerance rule.
  if (zeroTarget) {
    if (equal) {
      return {
        status: 'amber',
        reason: words ? fmt(S().amberStrictEqual, { actual, target: targetText, note, tolerance: toleranceText(tolerance, target, scale) }) : '',
        decidedBy: 'zero-target',
        notes,
      };
    }
    return { status: 'red', reason: words ? fmt(S().redZeroTarget, { actual, target: targetText, note }) : '', decidedBy: 'zero-target', notes };
  }
  const tol = amountOf(tolerance, target);
  const amber = cmp(A, T - tol) >= 0;
  if (!words) return { status: amber ? 'amber' : 'red', reason: '', decidedBy: 'tolerance', notes };
  const params = {
    actual,
    target: targetText,
    note,
    side: worse,
    off: offText(a, target, scale, tolerance),
    tolerance: toleranceText(tolerance, target, scale),
  };
  if (amber) {
    return { status: 'amber', reason: fmt(equal ? S().amberStrictEqual : S().amber, params), decidedBy: 'tolerance', notes };
  }
  return { status: 'red', reason: fmt(S().red, params), decidedBy: 'tolerance', notes };
}

function greenReason(strict: boolean, A: number, T: number, sign: 1 | -1, actual: string, better: string, target: string, note: string): string {
  if (strict) return fmt(S().greenStrict, { actual, side: better, target, note });
  if (cmp(A, T) === 0) return fmt(S().greenMeets, { actual, target, note });
  return fmt(sign === 1 ? S().greenHigher : S().greenLower, { actual, target, note });
}

// ---------------------------------------------------------------- measure level

export interface MeasureStatus {
  status: Status;
  reason: string;
  /** The actual in the compared units (percentage points for percentages), or null. */
  actual: number | null;
  /** A single target in the compared units, or null (a range is in targetRange). */
  target: number | null;
  targetRange: TargetRange | null;
  scale: NumberScale;
  /** The target is an operator target "< 3" / "> 90" in the polarity's direction. */
  strict: boolean;
  /** The tolerance in force (the sheet's Tolerance cell, or the configured one). */
  tolerance: Amount;
  /** The sheet's thresholds in the compared units (rateStatus decides whether they are consistent); null when none. */
  thresholds: Thresholds | null;
  rating: Rating | null;
  notes: RuleNote[];
}

/** A value the rules can compare: a number, a range, or an operator target's number. */
export function numericOf(v: ParsedValue | null | undefined): { values: number[]; scale: NumberScale; op: string | null } | null {
  if (!v) return null;
  if (v.kind === 'number') return Number.isFinite(v.value) ? { values: [v.value], scale: v.scale, op: null } : null;
  if (v.kind === 'bound') return Number.isFinite(v.value) ? { values: [v.value], scale: v.scale, op: v.op } : null;
  if (v.kind === 'range') {
    if (!Number.isFinite(v.low) || !Number.isFinite(v.high)) return null;
    return { values: v.low <= v.high ? [v.low, v.high] : [v.high, v.low], scale: v.scale, op: null };
  }
  return null;
}

function cellText(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  return String(raw).trim();
}

/** What was in the actual's cell, for "No data: C14 is blank". */
export function noDataDetail(measure: Pick<Measure, 'actual' | 'actualCell'>): string {
  const N = messages.rules.noData;
  const cell = measure.actualCell ? refAddress(measure.actualCell) : null;
  const v = measure.actual;
  if (!v) return cell ? fmt(N.blank, { cell }) : N.blankNoCell;
  switch (v.kind) {
    case 'missing':
      if (v.token.trim() === '') return cell ? fmt(N.blank, { cell }) : N.blankNoCell;
      return cell ? fmt(N.token, { cell, token: v.token.trim() }) : fmt(N.tokenNoCell, { token: v.token.trim() });
    case 'text':
      return cell ? fmt(N.text, { cell, text: v.text.trim() }) : fmt(N.textNoCell, { text: v.text.trim() });
    case 'number':
      return cell ? fmt(N.notFinite, { cell }) : N.notFiniteNoCell;
    default: {
      const text = cellText(v.raw);
      return cell ? fmt(N.text, { cell, text }) : fmt(N.textNoCell, { text });
    }
  }
}

/** The actual on its own (no target to reconcile with): its units from its format or the unit hint. */
export function soloActual(measure: Pick<Measure, 'actual' | 'unitHint'>): { value: number; scale: NumberScale } | null {
  const v = measure.actual;
  if (!v || v.kind !== 'number' || !Number.isFinite(v.value)) return null;
  if (v.scale === 'percent') return { value: v.value, scale: 'percent' };
  if (measure.unitHint === 'percent') {
    return { value: Math.abs(v.value) <= 1 ? Number((v.value * 100).toPrecision(12)) : v.value, scale: 'percent' };
  }
  return { value: v.value, scale: 'plain' };
}

function thresholdValue(
  v: ParsedValue | null,
  which: 'amber' | 'red',
  frame: NumberScale,
  reference: number,
  notes: RuleNote[],
): number | null {
  if (!v || v.kind === 'missing') return null;
  if ((v.kind === 'number' || v.kind === 'bound') && Number.isFinite(v.value)) {
    if (frame === 'plain' && v.scale === 'plain' && !reconcileUnits({ values: [v.value], scale: 'plain' }, { values: [reference], scale: 'plain' }, null).ok) {
      notes.push({
        code: 'threshold-unit-mismatch',
        severity: 'warning',
        at: 'row',
        message: fmt(messages.rules.issues.thresholdUnitMismatch, {
          which: which === 'amber' ? S().thresholdAmber : S().thresholdRed,
          threshold: formatNumber(v.value),
          target: formatNumber(reference),
        }),
      });
      return null;
    }
    return intoUnits(v.value, v.scale, frame, reference);
  }
  const text = v.kind === 'text' ? v.text : cellText(v.raw);
  notes.push({
    code: 'threshold-unreadable',
    severity: 'warning',
    at: 'row',
    message: fmt(messages.rules.issues.thresholdUnreadable, { which: which === 'amber' ? S().thresholdAmber : S().thresholdRed, text }),
  });
  return null;
}

/** The tolerance in force for a measure: its Tolerance cell, or the configured tolerance. */
export function effectiveTolerance(measure: Pick<Measure, 'toleranceText'>, settings: Pick<Settings, 'tolerance'>, notes: RuleNote[]): Amount {
  const cell = parseToleranceCell(measure.toleranceText);
  if (cell === null) return settings.tolerance;
  if (cell.ok) return cell.amount;
  notes.push({
    code: 'tolerance-unreadable',
    severity: 'warning',
    at: 'row',
    message: fmt(messages.rules.issues.toleranceUnreadable, { text: cell.text }),
  });
  return settings.tolerance;
}

/** Rules 1 and 2 for a measure as the sheet gave it. */
export function rateMeasure(measure: Measure, settings: Settings, polarity: PolarityResolution): MeasureStatus {
  const notes: RuleNote[] = [];
  const tolerance = effectiveTolerance(measure, settings, notes);
  const solo = soloActual(measure);
  const base: MeasureStatus = {
    status: 'noData',
    reason: '',
    actual: solo?.value ?? null,
    target: null,
    targetRange: null,
    scale: solo?.scale ?? (measure.unitHint === 'percent' ? 'percent' : 'plain'),
    strict: false,
    tolerance,
    thresholds: null,
    rating: null,
    notes,
  };
  const result = decide(measure, settings, polarity, base);
  if (settings.brag.enabled && measure.complete === true) {
    return {
      ...result,
      status: 'blue',
      reason: S().blueComplete,
      notes: result.notes.filter((n) => n.code !== 'no-data' && n.code !== 'zero-target-relative-tolerance'),
    };
  }
  return result;
}

function decide(measure: Measure, settings: Settings, polarity: PolarityResolution, base: MeasureStatus): MeasureStatus {
  const notes = base.notes;
  const a = measure.actual;
  if (!a || a.kind !== 'number' || !Number.isFinite(a.value)) {
    const detail = noDataDetail(measure);
    notes.push({ code: 'no-data', severity: 'warning', at: 'actual', message: fmt(messages.rules.noData.issue, { detail }) });
    return { ...base, actual: null, status: 'noData', reason: fmt(S().noData, { detail }) };
  }
  if (polarity.polarity === 'none') return { ...base, status: 'noTarget', reason: S().noTargetDataOnly };

  const t = measure.target;
  if (!t || (t.kind === 'missing' && t.token.trim() === '')) return { ...base, status: 'noTarget', reason: S().noTargetNone };
  if (t.kind === 'missing') {
    const targetCell = measure.targetCell ? refAddress(measure.targetCell) : null;
    const token = t.token.trim();
    return {
      ...base,
      status: 'noTarget',
      reason: targetCell ? fmt(S().noTargetMissing, { cell: targetCell, token }) : fmt(S().noTargetMissingNoCell, { token }),
    };
  }
  const tn = numericOf(t);
  if (!tn) {
    const text = t.kind === 'text' ? t.text.trim() : cellText(t.raw);
    notes.push({ code: 'target-not-number', severity: 'warning', at: 'target', message: fmt(messages.rules.issues.targetNotNumber, { text }) });
    return { ...base, status: 'noTarget', reason: fmt(S().noTargetText, { text }) };
  }

  const units = reconcile([a.value], a.scale, tn.values, tn.scale, measure.unitHint);
  if (!units.ok) {
    const W = messages.rules.noData;
    const targetShown = tn.values.length === 2 ? formatRange(tn.values[0]!, tn.values[1]!, 'plain') : formatNumber(tn.values[0]!);
    const actualShown = formatNumber(a.value);
    const params =
      units.fraction === 'a'
        ? { fraction: W.actualWord, fractionValue: actualShown, whole: W.targetWord, wholeValue: targetShown }
        : { fraction: W.targetWord, fractionValue: targetShown, whole: W.actualWord, wholeValue: actualShown };
    notes.push({ code: 'unit-mismatch', severity: 'warning', at: 'actual', message: fmt(messages.rules.issues.unitMismatch, params) });
    return { ...base, actual: a.value, scale: 'plain', status: 'checkData', reason: fmt(S().checkData, params) };
  }
  const actual = units.a[0]!;
  const isRange = units.b.length === 2 || polarity.polarity === 'range';
  const targetRange: TargetRange | null = isRange ? { low: units.b[0]!, high: units.b[units.b.length - 1]! } : null;
  const target = isRange ? null : units.b[0]!;
  const scale = units.scale;
  if (units.converted) {
    const W = messages.rules.noData;
    const targetShown = targetRange ? formatRange(targetRange.low, targetRange.high, scale) : formatValue(target!, scale);
    const what = units.converted === 'a' ? W.actualWord : W.targetWord;
    const original =
      units.converted === 'a'
        ? formatNumber(a.value)
        : tn.values.length === 2
          ? formatRange(tn.values[0]!, tn.values[1]!, 'plain')
          : formatNumber(tn.values[0]!);
    notes.push({
      code: 'units-reconciled',
      severity: units.severity ?? 'info',
      at: units.converted === 'a' ? 'actual' : 'target',
      message: fmt(units.severity === 'warning' ? messages.rules.issues.unitsReconciledHint : messages.rules.issues.unitsReconciled, {
        actual: formatValue(actual, scale),
        target: targetShown,
        what,
        original,
      }),
    });
  }

  const strict =
    !isRange && ((tn.op === '<' && polarity.polarity === 'lower') || (tn.op === '>' && polarity.polarity === 'higher'));
  const reference = target ?? (targetRange ? (targetRange.low + targetRange.high) / 2 : actual);
  const amber = thresholdValue(measure.amberThreshold, 'amber', scale, reference, notes);
  const red = thresholdValue(measure.redThreshold, 'red', scale, reference, notes);
  const thresholds = amber !== null || red !== null ? { amber, red } : null;

  const rating = rateStatus({
    actual,
    polarity: isRange ? 'range' : (polarity.polarity as 'higher' | 'lower'),
    target: targetRange ?? target!,
    strict,
    tolerance: base.tolerance,
    thresholds,
    brag: settings.brag,
    complete: false,
    scale,
    note: polarityNote(polarity),
  });
  notes.push(...rating.notes);
  return {
    ...base,
    status: rating.status,
    reason: rating.reason,
    actual,
    target,
    targetRange,
    scale,
    strict,
    thresholds: isRange ? null : thresholds,
    rating,
  };
}
