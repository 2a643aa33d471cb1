import { normHeader, periodSubRole, roleOfHeader } from '../../../src/core/detect/headers';
import type { ColumnRole } from '../../../src/core/types';

const role = (h: string): ColumnRole | null => roleOfHeader(h)?.role ?? null;

describe('normHeader', () => {
  test('is case-, space- and punctuation-insensitive', () => {
    expect(normHeader('  PI Ref ')).toBe('pi ref');
    expect(normHeader('Delivery (RAG)')).toBe('delivery rag');
    expect(normHeader('measure_name')).toBe('measure name');
    expect(normHeader('Good performance is...')).toBe('good performance is');
    expect(normHeader("Children's Services")).toBe('childrens services');
    expect(normHeader('Finance & Resources')).toBe('finance and resources');
    expect(normHeader('Variance %')).toBe('variance %');
  });
});

describe('column roles from header text', () => {
  test.each([
    ['Ref', 'ref'], ['PI Ref', 'ref'], ['  PI Ref ', 'ref'], ['Code', 'ref'], ['PI code', 'ref'], ['ID', 'ref'], ['KPI ID', 'ref'], ['Ref.', 'ref'], ['No.', 'ref'],
    ['Measure', 'measure'], ['Indicator', 'measure'], ['Performance indicator', 'measure'], ['PI', 'measure'], ['KPI', 'measure'],
    ['Description', 'measure'], ['Measure name', 'measure'], ['measure_name', 'measure'], ['Title', 'measure'], ['kpi_name', 'measure'], ['Project name', 'measure'], ['Indicator Name', 'measure'],
    ['Actual', 'actual'], ['Result', 'actual'], ['Outturn', 'actual'], ['Value', 'actual'], ['Performance', 'actual'], ['Current', 'actual'], ['This quarter', 'actual'], ['Actual to date', 'actual'],
    ['Target', 'target'], ['Target (profiled)', 'target'], ['Q3 profile target', 'target'],
    ['Annual target', 'annualTarget'], ['Year-end target', 'annualTarget'], ['Year end target', 'annualTarget'],
    ['Previous', 'previous'], ['Last period', 'previous'], ['Last quarter', 'previous'], ['Last year', 'previous'], ['Baseline', 'previous'], ['Prior', 'previous'], ['Baseline output', 'previous'],
    ['Same period last year', 'lastYear'], ['Same quarter last year', 'lastYear'],
    ['Polarity', 'polarity'], ['Good performance is', 'polarity'], ['Good is', 'polarity'], ['Higher is better', 'polarity'], ['Lower is better', 'polarity'],
    ['Direction', 'polarity'], ['Improvement direction', 'polarity'], ['improvement_direction', 'polarity'], ['One is high', 'polarity'],
    ['Amber threshold', 'amberThreshold'], ['Amber', 'amberThreshold'], ['Red threshold', 'redThreshold'], ['Red', 'redThreshold'], ['Tolerance', 'tolerance'],
    ['Directorate', 'directorate'], ['Department', 'directorate'], ['Portfolio', 'directorate'],
    ['Service', 'service'], ['Service area', 'service'],
    ['Priority', 'priority'], ['Theme', 'priority'], ['Objective', 'priority'], ['Intervention theme', 'priority'],
    ['Owner', 'owner'], ['Lead officer', 'owner'], ['Responsible officer', 'owner'], ['Accountable', 'owner'], ['Lead', 'owner'], ['data_owner', 'owner'],
    ['Commentary', 'commentary'], ['Comments', 'commentary'], ['Remedial action', 'commentary'], ['Notes', 'commentary'], ['Narrative', 'commentary'], ['Explanation', 'commentary'],
    ['Why have you given these ratings?', 'commentary'], ['Why have you given these ratings? Enter an explanation (100 words max)', 'commentary'],
    ['Commentary on Status and RAG Ratings', 'commentary'],
    ['Complete', 'complete'], ['Completed', 'complete'], ['Complete?', 'complete'],
    ['Unit', 'unit'], ['Unit of measure', 'unit'], ['Unit of Measurement', 'unit'], ['Measure type', 'unit'],
    ['RAG', 'userRag'], ['RAG status', 'userRag'], ['Status', 'userRag'], ['Rating', 'userRag'], ['Delivery (RAG)', 'userRag'], ['Spend RAG rating', 'userRag'], ['Spend (RAG)', 'userRag'],
  ] as [string, ColumnRole][])('"%s" -> %s', (header, expected) => {
    expect(role(header)).toBe(expected);
  });

  test.each(['Key indicator', 'RAG Guidance', 'Variance', 'Variance % (Between MR and Baseline)', 'Direction of travel', 'performance_results_uri_en', 'Start Date', 'Target met date', '% of targets met', 'Target set by', 'Leading Factor of Delay', ''])(
    '"%s" is not a data role',
    (header) => {
      const r = role(header);
      expect(r === null || r === 'ignore').toBe(true);
    },
  );

  test('an exact synonym scores more than a header that only contains the words', () => {
    expect(roleOfHeader('Measure')!.score).toBeGreaterThan(roleOfHeader('Measure (what we count)')!.score);
    expect(roleOfHeader('Title')!.score).toBeGreaterThan(roleOfHeader('Description')!.score);
    expect(roleOfHeader('Description')!.score).toBeGreaterThan(roleOfHeader('Corresponding Key Indicator')!.score);
    expect(roleOfHeader('Actual')!.score).toBeGreaterThan(roleOfHeader('Result')!.score - 10);
  });

  test('a guidance sentence is not a header', () => {
    expect(role('Please enter the actual value for each measure in the column below, using whole numbers where possible')).toBeNull();
  });
});

describe('words beside a period header', () => {
  test.each([
    ['', 'value'], ['actual', 'value'], ['outturn', 'value'], ['financial year', 'value'], ['quarterly figures', 'value'],
    ['target', 'target'], ['forecast', 'forecast'], ['profile', 'forecast'], ['total', 'total'], ['ytd', 'total'],
    ['start date mmm yy e g', 'other'],
  ])('"%s" -> %s', (rest, sub) => {
    expect(periodSubRole(rest).sub).toBe(sub);
  });
});
