/**
 * Everything the rules say about one measure: status and reason, direction of
 * travel, forecast, variance, the change since the last refresh, and the issues
 * found on the way. SPC is left null (the statistical trend is added elsewhere).
 */
import type { Settings } from '../config/schema';
import { refAddress } from '../a1';
import { fmt, messages } from '../messages';
import type { Issue, Measure, MeasureResult, Polarity, Status } from '../types';
import { statusChange } from './change';
import { directionForMeasure } from './direction';
import { forecastForMeasure } from './forecast';
import type { RuleNote } from './notes';
import { resolvePolarity } from './polarity';
import { rateMeasure } from './status';
import { computeVariance } from './variance';

export interface EvaluateContext {
  /**
   * The polarity when some configuration layer (workbook, table or measure) set it,
   * else null. The merged Settings cannot tell a configured polarity from the default,
   * and the order differs: the sheet's column and an operator target beat
   * configuration, configuration beats inference from the name, which beats the default.
   */
  polarityFromConfig: Polarity | null;
  /** The status at the last refresh: undefined when there was no earlier refresh, null when the measure is new since. */
  previousStatus: Status | null | undefined;
}

function toIssue(measure: Measure, note: RuleNote): Issue {
  // Findings about the target sit on the target's cell; the rest on the actual's (the row's status is about it).
  const cell = note.at === 'target' ? (measure.targetCell ?? measure.actualCell) : measure.actualCell;
  return {
    severity: note.severity,
    sheet: measure.sheet,
    cell: cell ? refAddress(cell) : '',
    message: fmt(messages.rules.issues.named, { name: measure.name, message: note.message }),
    code: note.code,
  };
}

function issuesOf(measure: Measure, notes: RuleNote[]): Issue[] {
  const issues = new Array<Issue>(notes.length);
  for (let i = 0; i < notes.length; i++) issues[i] = toIssue(measure, notes[i]!);
  return issues;
}

/**
 * Applies every rule to one measure. `issues` holds the findings of the rules only
 * (the extractor's own findings stay on measure.issues).
 */
export function evaluateMeasure(measure: Measure, settings: Settings, ctx: EvaluateContext): MeasureResult {
  const polarity = resolvePolarity(measure, settings, ctx.polarityFromConfig ?? null);
  const status = rateMeasure(measure, settings, polarity);
  const direction = directionForMeasure(
    measure,
    settings,
    { actual: status.actual, scale: status.scale, targetRange: status.targetRange },
    polarity,
  );
  const projected = forecastForMeasure(measure, settings, {
    polarity,
    tolerance: status.tolerance,
    thresholds: status.thresholds,
    thresholdScale: status.scale,
  });
  // Without a usable value for the period being reported there is nothing to project from;
  // when the forecast has a more specific reason of its own (no series, different units), it says that.
  const forecast =
    (status.status === 'noData' || status.status === 'checkData') && projected.forecast !== 'none'
      ? { forecast: 'none' as const, reason: messages.rules.forecast.noCurrent }
      : projected;
  const rated = status.status !== 'noData' && status.status !== 'noTarget' && status.status !== 'checkData';
  const variance = rated ? computeVariance(status.actual, status.target, status.targetRange) : { variance: null, variancePercent: null };
  const change = statusChange(ctx.previousStatus, status.status);

  const notes: RuleNote[] = polarity.notes.concat(status.notes);
  const exception = status.status === 'red' || status.status === 'amber';
  const commentaryMissing = exception && (measure.commentary === null || measure.commentary.trim() === '');
  if (commentaryMissing) {
    notes.push({
      code: 'commentary-missing',
      severity: 'warning',
      at: 'row',
      message: fmt(messages.rules.issues.commentaryMissing, { status: messages.common.status[status.status] }),
    });
  }

  const result: MeasureResult = {
    measure,
    polarity: polarity.polarity,
    polaritySource: polarity.source,
    actual: status.actual,
    target: status.target,
    targetRange: status.targetRange,
    scale: status.scale,
    status: status.status,
    reason: status.reason,
    direction: direction.direction,
    directionReason: direction.reason,
    forecast: forecast.forecast,
    forecastReason: forecast.reason,
    variance: variance.variance,
    variancePercent: variance.variancePercent,
    spc: null,
    change,
    commentaryMissing,
    issues: issuesOf(measure, notes),
  };
  if (direction.movement !== null) result.movement = direction.movement;
  return result;
}
