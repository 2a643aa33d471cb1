/** Words of the statistical trend (SPC): warnings about a series and errors in its settings. */
export const spc = {
  /** Missing values named by their period headers. */
  omittedPeriods: 'Periods left out of the statistical trend (no value): {periods}',
  /** Missing values named by their position, when there are no period labels. */
  omittedPoints: 'Points left out of the statistical trend (no value): {points}',
  /** plotthedots below the minimum: limits are still computed, but only as trial limits. */
  tooFewTrial: 'Only {count} points: the statistical trend needs at least {min}; the limits shown are provisional',
  /** nhse-2024 below the minimum: no limits, only the run rules (shift and trend). */
  tooFewRunChart: 'Only {count} points: process limits need at least {min}; shown as a run chart only',
  /** Every baseline moving range is 0: the limits cannot be calculated. */
  noVariation: 'No variation in the baseline{where}: every value is the same, so the process limits cannot be calculated',
  /** Without screening, a flat baseline gives limits equal to the mean. */
  noVariationLimitsAtMean:
    'No variation in the baseline{where}: the process limits equal the mean, so every point off the mean counts as outside them',
  /** With screening, a flat baseline with one blip: the blip's ranges are screened out and the limits collapse onto the mean. */
  noVariationAfterScreening:
    'No variation in the baseline{where} once the outlier is screened out: the process limits equal the mean, so every point off the mean counts as outside them',
  /** Appended to the warnings above when the series is rebased. */
  where: ' (from {period})',
  /** Names a point by its position when there are no period labels. */
  pointN: 'point {n}',
  shortGroup: 'Only {size} points from {period} on: fewer than {threshold}, so those limits are provisional',
  /** A long table holds more than one row for a period of one measure. */
  duplicatePeriods: 'More than one value for {periods}: the statistical trend needs one value per period, so it is not shown until the duplicate rows are removed',
  rebaseNotFound: 'Rebase period "{period}" is not in the series; it was ignored',
  rebaseOnMissing: 'Rebase period {period} has no value; the new process starts at the next period with a value',
  /** Assurance cell text for a measure with no preferred direction. */
  assuranceNeutral: '– No assurance (no preferred direction)',
  errors: {
    baselineTooShort: 'The baseline (fix after n points) must be at least 12 points; {value} was given',
    notInteger: 'The statistical trend setting {name} must be a whole number of at least {min}; {value} was given',
    notBoolean: 'The statistical trend setting {name} must be true or false; {value} was given',
    badDirection: 'The improvement direction must be increase, decrease or neutral; {value} was given',
    badPreset: 'The statistical trend preset must be plotthedots or nhse-2024; {value} was given',
    labelsLength: 'There are {labels} period labels for {values} values; they must match',
    badRebase: 'A rebase position must be a whole number from 0 to {max}; {value} was given',
    badTargetOnLimit: 'targetOnLimit must be hit-and-miss or pass-fail; {value} was given',
    badBelowMinimum: 'belowMinimum must be trial-limits or run-chart; {value} was given',
  },
} as const;
