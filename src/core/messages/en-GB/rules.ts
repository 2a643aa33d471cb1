/**
 * Words of the rules: the reasons behind each status, arrow and forecast, the
 * warnings the rules raise, status changes and the overall RAG. Placeholders in
 * braces are filled with `fmt`; numbers arrive already formatted for people.
 */
export const rules = {
  format: {
    /** A percentage value (percentage points): "92%". */
    percentValue: '{n}%',
    /** A relative amount: "5.6%". */
    percent: '{n}%',
    points: '{n} points',
    point: '{n} point',
    range: '{low}–{high}',
    below: 'below',
    above: 'above',
    /** A strict operator target: "< 3%", "> 90". */
    strictBelow: '< {n}',
    strictAbove: '> {n}',
    thousandsSeparator: ',',
    decimalSeparator: '.',
    minus: '-',
    listJoin: ', ',
    periodSpan: '{first}–{last}',
  },

  polarity: {
    /** Appended to a reason: " (lower is better)". */
    note: ' ({polarity})',
    noteFromName: " ({polarity}, assumed from the name ('{keyword}'))",
    higher: 'higher is better',
    lower: 'lower is better',
    range: 'within a range',
    none: 'data only',
    unreadable: 'The polarity "{text}" is not one RAG Refresh recognises (use "Higher is better", "Lower is better", "Range" or "Data only"); it was ignored.',
  },

  status: {
    greenMeets: 'Green: {actual} meets the target of {target}{note}',
    greenHigher: 'Green: {actual} is at or above the target of {target}{note}',
    greenLower: 'Green: {actual} is at or below the target of {target}{note}',
    greenStrict: 'Green: {actual} is {side} the target of {target}{note}',
    greenRange: 'Green: {actual} is within the target range {range}',
    greenAmberThresholdHigher: 'Green: {actual} is at or above the amber threshold of {threshold}{note}',
    greenAmberThresholdLower: 'Green: {actual} is at or below the amber threshold of {threshold}{note}',

    amber: 'Amber: {actual} is {off} {side} the target of {target}{note}; amber is within {tolerance}',
    amberStrictEqual: 'Amber: {actual} equals the target of {target} but does not beat it{note}; amber is within {tolerance}',
    amberRange: 'Amber: {actual} is {off} {side} the target range {range}; amber is within {tolerance}',
    red: 'Red: {actual} is {off} {side} the target of {target}{note}; amber is within {tolerance}',
    redRange: 'Red: {actual} is {off} {side} the target range {range}; amber is within {tolerance}',
    redZeroTarget: 'Red: {actual} misses the target of {target}{note}; a relative tolerance of a zero target allows no miss',
    redZeroRange: 'Red: {actual} is {side} the target range {range}; a relative tolerance of a zero bound allows no miss',

    /** One threshold column: the boundary between Amber and Red. */
    amberOneThreshold: 'Amber: {actual} is {side} the target of {target} but not {side} the {which} threshold of {threshold}{note}',
    amberOneThresholdStrictEqual: 'Amber: {actual} equals the target of {target} but does not beat it, and is not {side} the {which} threshold of {threshold}{note}',
    redOneThreshold: 'Red: {actual} is {side} the {which} threshold of {threshold}{note}',
    /** Both threshold columns: amber threshold = Green/Amber, red threshold = Amber/Red. */
    amberBothThresholds: 'Amber: {actual} is {side} the amber threshold of {amber} but not {side} the red threshold of {red}{note}',
    redBothThresholds: 'Red: {actual} is {side} the red threshold of {red}{note}',
    thresholdAmber: 'amber',
    thresholdRed: 'red',

    blue: 'Blue: {actual} beats the target of {target} by {by}{note}; blue is {margin} or more',
    blueComplete: 'Blue: marked complete',

    noData: 'No data: {detail}',
    noTargetDataOnly: 'No target: data only',
    noTargetNone: 'No target: no target set',
    noTargetMissing: 'No target: {cell} holds "{token}"',
    noTargetMissingNoCell: 'No target: the target is "{token}"',
    noTargetText: 'No target: the target "{text}" is not a number',
    checkData: 'Check data: the {fraction} {fractionValue} looks like a fraction and the {whole} {wholeValue} like a whole-number percentage',

    /** Tolerance descriptions. */
    toleranceRelative: '{pct}',
    toleranceRelativePoints: '{pct} ({points})',
    toleranceAbsolute: '{amount}',
  },

  noData: {
    blank: '{cell} is blank',
    token: '{cell} holds "{token}"',
    text: '"{text}" in {cell} is not a number',
    blankNoCell: 'the actual is blank',
    tokenNoCell: 'the actual is "{token}"',
    textNoCell: 'the actual "{text}" is not a number',
    notFinite: 'the actual in {cell} is not a finite number',
    notFiniteNoCell: 'the actual is not a finite number',
    issue: 'no data: {detail}',
    actualWord: 'actual',
    targetWord: 'target',
  },

  issues: {
    /** Every issue the rules raise names its measure. */
    named: '{name}: {message}',
    zeroTargetRelative:
      'the target is 0, so a relative tolerance ({tolerance}) allows no miss at all; set an absolute tolerance (for example "2") for this measure if a small miss should be amber.',
    targetNotNumber: 'the target "{text}" is not a number, so the measure is treated as data only.',
    unitsReconciled: 'compared as {actual} against {target} (the {what} {original} was read as a fraction of 1).',
    unitsReconciledHint:
      'compared as {actual} against {target}: the {what} {original} was read as a fraction because the measure is a percentage; check the cell format.',
    unitMismatch: 'the {fraction} {fractionValue} looks like a fraction and the {whole} {wholeValue} like a whole-number percentage; format the cells as percentages or correct the values.',
    thresholdsInconsistent: 'the thresholds in the sheet are inconsistent ({detail}); the tolerance rule was used instead.',
    thresholdRedBetterThanAmber: 'the red threshold {red} is {side} the amber threshold {amber}',
    thresholdWrongSide: 'the {which} threshold {threshold} is {side} the target {target}, on the wrong side for {polarity}',
    thresholdsForRange: 'threshold columns do not apply to a target range; the tolerance rule was used instead.',
    thresholdUnitMismatch:
      'the {which} threshold {threshold} and the target {target} look like different units (one a fraction, the other a whole-number percentage); the threshold was ignored.',
    thresholdUnreadable: 'the {which} threshold "{text}" is not a number and was ignored.',
    toleranceUnreadable: 'the tolerance "{text}" is not an amount such as "10%" (relative) or "2" / "2pp" (absolute); the configured tolerance was used.',
    commentaryMissing: 'commentary missing: {status} measures need an explanation for the committee',
  },

  direction: {
    improved: 'Improved: {actual} {movement} from {previous}{when}{note}',
    declined: 'Declined: {actual} {movement} from {previous}{when}{note}',
    up: 'up',
    down: 'down',
    sustainedEqual: 'Sustained: {actual}, the same as in {label}',
    sustainedBand: 'Sustained: {actual} is within {band} of {previous}{when}',
    sustainedRange: 'Sustained: {actual} and {previous}{when} are both within the range {range}',
    sustainedRangeEqualDistance: 'Sustained: {actual} is as far from the range {range} as {previous}{when}',
    improvedRange: 'Improved: {actual} is closer to the range {range} than {previous}{when}',
    declinedRange: 'Declined: {actual} is further from the range {range} than {previous}{when}',
    dataOnly: 'No direction: data only; {movement} {change} on {label} ({actual} from {previous})',
    dataOnlySame: 'No direction: data only; the same as {label} ({actual})',
    noPrevious: 'No comparison: no previous value to compare',
    noLastYear: 'No comparison: no value for the same period last year',
    noActual: 'No comparison: no actual this period',
    unitMismatch: 'No comparison: the previous value {previous} and the actual {actual} look like different units',
    when: ' in {label}',
    previousLabel: 'the previous period',
    lastYearLabel: 'the same period last year',
  },

  forecast: {
    likely: 'Likely: projected {projection} at year end ({method}) against the target of {target}{note}',
    may: 'May: projected {projection} at year end ({method}) against the target of {target}{note}; it lands in the amber band',
    unlikely: 'Unlikely: projected {projection} at year end ({method}) against the target of {target}{note}',
    likelyRange: 'Likely: projected {projection} at year end ({method}) against the target range {target}',
    mayRange: 'May: projected {projection} at year end ({method}) against the target range {target}; it lands in the amber band',
    unlikelyRange: 'Unlikely: projected {projection} at year end ({method}) against the target range {target}',
    methodLinear: 'straight line through {periods}',
    methodAverage: 'average of {periods}',
    methodLatest: 'latest value, {periods}',
    methodCumulative: 'running total to {periods} scaled to the full year',
    off: 'No forecast: forecasting is switched off',
    noCurrent: 'No forecast: there is no usable value for the period being reported',
    dataOnly: 'No forecast: data only',
    noTarget: 'No forecast: no target',
    noSeries: 'No forecast: no period values this year',
    noPeriods: 'No forecast: the periods per year are not known',
    unitMismatch: 'No forecast: the period values and the target look like different units',
  },

  change: {
    newMeasure: 'new measure',
    moved: '{from} → {to}',
    newException: 'new: {from} → {to}',
    backTo: 'back to {to}',
  },

  summary: {
    meanScore: 'mean score {score} over {rated} rated measures: {rag} ({band})',
    meanBandGreen: 'below 1.5',
    meanBandAmber: '1.5 to 2.5 inclusive',
    meanBandRed: 'above 2.5',
    worst: 'worst of {rated} rated measures: {rag} ({detail})',
    worstRed: '{red} red',
    worstAmber: 'no red, {amber} amber',
    worstGreen: 'no red or amber',
    majority: 'majority of {rated} rated measures: {rag} ({green} green or blue, {amber} amber, {red} red){tie}',
    majorityTie: '; a tie goes to the worse',
    redShare: '{red} of {rated} rated measures red ({share}): {rag} ({band})',
    redShareBandRed: '{forRed} or more',
    redShareBandAmber: '{forAmber} or more, below {forRed}',
    redShareBandGreen: 'below {forAmber}',
    none: 'not rated: no rated measures',
    unratedNoData: '; {count} without data not rated',
    unratedCheckData: '; {count} to check not rated',
    unratedNoTarget: '; {count} data only not rated',
    ungrouped: '(not stated)',
  },
} as const;
