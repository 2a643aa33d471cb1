/**
 * DOMAIN rule 4: direction of travel.
 *
 * The actual is compared with the previous value (or the same period last year when
 * directionOfTravel.compareWith is 'same-period-last-year'; the series supplies it
 * when the sheet has no column for it).
 *   - Sustained: equal, or within the sustained band (default ±1% of the previous
 *     value, inclusive; an absolute band when configured). A relative band of a
 *     previous value of 0 is 0: only an equal value is sustained.
 *   - Otherwise Improved or Declined by polarity: higher is better → up is improved;
 *     lower is better → down is improved; a range → closer to the range is improved,
 *     both inside it is sustained, equally far is sustained.
 *   - Data only (polarity none): no good direction, so 'none', with the movement
 *     (up / down / same) and a reason such as "data only; up 4% on Q2".
 *   - No previous value (or no actual): 'none'.
 */
import type { Amount, Settings } from '../config/schema';
import { fmt, messages } from '../messages';
import type { Direction, Measure, NumberScale, ParsedValue, Polarity } from '../types';
import { amountOf, cmp, formatDifference, formatPercent, formatPoints, formatRange, formatValue, formatNumber } from './numbers';
import { polarityNote, type PolarityResolution } from './polarity';
import { previousPoint, samePeriodLastYear } from './series';
import type { TargetRange } from './status';
import { reconcile } from './units';

export type Movement = 'up' | 'down' | 'same';

export interface DirectionComparison {
  direction: Direction;
  movement: Movement;
  /** What decided: equal values, the sustained band, both inside the range, the range distance, the polarity, or data only. */
  decidedBy: 'equal' | 'band' | 'range-inside' | 'range-distance' | 'polarity' | 'data-only';
}

function distanceToRange(x: number, r: TargetRange): number {
  const low = Math.min(r.low, r.high);
  const high = Math.max(r.low, r.high);
  if (cmp(x, low) < 0) return low - x;
  if (cmp(x, high) > 0) return x - high;
  return 0;
}

/** The arithmetic of rule 4 on two numbers in the same units. */
export function compareDirection(
  actual: number,
  previous: number,
  polarity: Polarity,
  band: Amount,
  range: TargetRange | null = null,
): DirectionComparison {
  const c = cmp(actual, previous);
  const movement: Movement = c === 0 ? 'same' : c > 0 ? 'up' : 'down';
  if (polarity === 'none') return { direction: 'none', movement, decidedBy: 'data-only' };
  if (c === 0) return { direction: 'sustained', movement, decidedBy: 'equal' };
  const b = amountOf(band, previous);
  if (cmp(actual, previous - b) >= 0 && cmp(actual, previous + b) <= 0) return { direction: 'sustained', movement, decidedBy: 'band' };
  if (polarity === 'range') {
    if (!range) return { direction: 'none', movement, decidedBy: 'data-only' };
    const da = distanceToRange(actual, range);
    const dp = distanceToRange(previous, range);
    if (da === 0 && dp === 0) return { direction: 'sustained', movement, decidedBy: 'range-inside' };
    const d = cmp(da, dp);
    return { direction: d < 0 ? 'improved' : d > 0 ? 'declined' : 'sustained', movement, decidedBy: 'range-distance' };
  }
  const better = polarity === 'lower' ? movement === 'down' : movement === 'up';
  return { direction: better ? 'improved' : 'declined', movement, decidedBy: 'polarity' };
}

export interface DirectionResult {
  direction: Direction;
  reason: string;
  /** Up / down / same against the comparison value; null when there was nothing to compare. */
  movement: Movement | null;
  /** The comparison value in the actual's units, or null. */
  previous: number | null;
}

export interface DirectionFrame {
  /** The actual in the units the status used (percentage points for percentages). */
  actual: number | null;
  scale: NumberScale;
  targetRange: TargetRange | null;
}

function none(reason: string): DirectionResult {
  return { direction: 'none', reason, movement: null, previous: null };
}

/** " in Q2" for a period label: a table has a few labels, each put into words once. */
function whenText(template: string, label: string): string {
  if (whenTexts.template !== template) {
    whenTexts.template = template;
    whenTexts.texts.clear();
  }
  let text = whenTexts.texts.get(label);
  if (text === undefined) {
    text = fmt(template, { label });
    if (whenTexts.texts.size >= 1024) whenTexts.texts.clear();
    whenTexts.texts.set(label, text);
  }
  return text;
}
const whenTexts = { template: '', texts: new Map<string, string>() };

function bandText(band: Amount, scale: NumberScale): string {
  return band.type === 'relative' ? formatPercent(band.value) : formatDifference(band.value, scale);
}

/** Rule 4 for a measure, with the reason in words. */
export function directionForMeasure(
  measure: Pick<Measure, 'previous' | 'previousLabel' | 'lastYear' | 'series' | 'actualCell' | 'unitHint'>,
  settings: Pick<Settings, 'directionOfTravel'>,
  frame: DirectionFrame,
  polarity: Pick<PolarityResolution, 'polarity' | 'source' | 'keyword'>,
): DirectionResult {
  const D = messages.rules.direction;
  const lastYearMode = settings.directionOfTravel.compareWith === 'same-period-last-year';
  let value: ParsedValue | null;
  let label: string | null;
  if (lastYearMode) {
    value = measure.lastYear;
    label = value ? D.lastYearLabel : null;
    if (value === null) {
      const p = samePeriodLastYear(measure);
      if (p) {
        value = p.value;
        label = p.period.label;
      }
    }
  } else {
    value = measure.previous;
    label = measure.previousLabel;
    if (value === null) {
      const p = previousPoint(measure);
      if (p) {
        value = p.value;
        label = p.period.label;
      }
    }
  }
  if (frame.actual === null) return none(D.noActual);
  if (!value || value.kind !== 'number' || !Number.isFinite(value.value)) return none(lastYearMode ? D.noLastYear : D.noPrevious);

  const units = reconcile([frame.actual], frame.scale, [value.value], value.scale, measure.unitHint);
  if (!units.ok) {
    return none(fmt(D.unitMismatch, { previous: formatNumber(value.value), actual: formatValue(frame.actual, frame.scale) }));
  }
  const actual = units.a[0]!;
  const previous = units.b[0]!;
  const scale = units.scale;
  const cmpResult = compareDirection(actual, previous, polarity.polarity, settings.directionOfTravel.sustainedBand, frame.targetRange);
  const shownLabel = label ?? (lastYearMode ? D.lastYearLabel : D.previousLabel);
  const when = label ? whenText(D.when, label) : '';
  const params = {
    actual: formatValue(actual, scale),
    previous: formatValue(previous, scale),
    when,
    note: polarityNote(polarity, true),
    movement: cmpResult.movement === 'up' ? D.up : D.down,
    label: shownLabel,
  };
  let reason: string;
  switch (cmpResult.decidedBy) {
    case 'data-only': {
      if (cmpResult.movement === 'same') {
        reason = fmt(D.dataOnlySame, params);
      } else {
        const diff = Math.abs(actual - previous);
        const change = scale === 'percent' ? formatPoints(diff) : previous === 0 ? formatNumber(diff) : formatPercent((diff / Math.abs(previous)) * 100);
        reason = fmt(D.dataOnly, { ...params, change });
      }
      break;
    }
    case 'equal':
      reason = fmt(D.sustainedEqual, params);
      break;
    case 'band':
      reason = fmt(D.sustainedBand, { ...params, band: bandText(settings.directionOfTravel.sustainedBand, scale) });
      break;
    case 'range-inside':
      reason = fmt(D.sustainedRange, { ...params, range: formatRange(frame.targetRange!.low, frame.targetRange!.high, scale) });
      break;
    case 'range-distance': {
      const range = formatRange(frame.targetRange!.low, frame.targetRange!.high, scale);
      const t =
        cmpResult.direction === 'improved' ? D.improvedRange : cmpResult.direction === 'declined' ? D.declinedRange : D.sustainedRangeEqualDistance;
      reason = fmt(t, { ...params, range });
      break;
    }
    default:
      reason = fmt(cmpResult.direction === 'improved' ? D.improved : D.declined, params);
  }
  return { direction: cmpResult.direction, reason, movement: cmpResult.movement, previous };
}
