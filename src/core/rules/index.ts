/** The rules of DOMAIN.md: status, direction of travel, forecast, variance, changes, summary and overall RAG. */
export { evaluateMeasure, type EvaluateContext } from './evaluate';
export {
  rateStatus,
  rateMeasure,
  effectiveTolerance,
  noDataDetail,
  numericOf,
  type RatingInput,
  type Rating,
  type RagStatus,
  type DecidedBy,
  type MeasureStatus,
  type TargetRange,
} from './status';
export { resolvePolarity, parsePolarityText, inferPolarityFromName, polarityNote, LOWER_IS_BETTER_KEYWORDS, type PolarityResolution } from './polarity';
export { parseToleranceCell, type Thresholds, type ToleranceCell } from './tolerance';
export { reconcileUnits, intoUnits, plainAsPoints, type Reconciled, type Side } from './units';
export { compareDirection, directionForMeasure, type DirectionComparison, type DirectionResult, type DirectionFrame, type Movement } from './direction';
export { projectYearEnd, forecastForMeasure, type ForecastResult, type ForecastContext, type YtdPoint } from './forecast';
export { computeVariance, type Variance } from './variance';
export { statusChange } from './change';
export { summarise, overallRag, decideOverall, groupSummaries, countStatuses, emptyCounts, type OverallDecision } from './summary';
export { cmp, formatNumber, formatValue, formatPercent, formatPoints, formatRange, amountOf, roundDecimal, clean } from './numbers';
export type { RuleNote } from './notes';
