/** Words every part of RAG Refresh shows: statuses, arrows, forecast faces, column headers. */
export const common = {
  status: {
    blue: 'Blue',
    green: 'Green',
    amber: 'Amber',
    red: 'Red',
    noData: 'No data',
    noTarget: 'No target',
    checkData: 'Check data',
  },
  direction: {
    improved: '↑ Improved',
    sustained: '→ Sustained',
    declined: '↓ Declined',
    none: '– No comparison',
  },
  forecast: {
    likely: '☺ Likely',
    may: '~ May',
    unlikely: '☹ Unlikely',
    none: '– No forecast',
  },
  overall: {
    green: 'Green',
    amber: 'Amber',
    red: 'Red',
    none: 'Not rated',
  },
  polarity: {
    higher: 'Higher is better',
    lower: 'Lower is better',
    range: 'Within a range',
    none: 'Data only',
  },
  columns: {
    rag: 'RAG status',
    direction: 'Direction of travel',
    forecast: 'Forecast',
    variance: 'Variance',
    variancePercent: 'Variance %',
    variation: 'Variation',
    assurance: 'Assurance',
  },
  spc: {
    variation: {
      common_cause: '● Common cause',
      improvement_high: '▲ Special cause – improving (high)',
      improvement_low: '▼ Special cause – improving (low)',
      concern_high: '▲ Special cause – concerning (high)',
      concern_low: '▼ Special cause – concerning (low)',
      neutral_high: '▲ Special cause – high',
      neutral_low: '▼ Special cause – low',
    },
    assurance: {
      consistent_pass: '✓ Consistently passing',
      consistent_fail: '✗ Consistently failing',
      inconsistent: '~ Hit and miss',
      none: '– No target',
    },
    tooFewPoints: '– Fewer than {min} points',
    /** A long table with two rows for one period: the series cannot be charted until one goes. */
    duplicatePeriods: '– Check data: two values for {periods}',
  },
} as const;
