import { detectTables } from '../../../src/core/detect';
import { extractMeasures } from '../../../src/core/detect/extract';
import type { RagConfig } from '../../../src/core/config/schema';
import type { CellValue, ColumnRole, DetectedTable, OwnedBlock, SheetSnapshot, WorkbookSnapshot } from '../../../src/core/types';
import { serial, sheet, workbook } from '../../fixtures/snapshots/build';

const run = (wb: WorkbookSnapshot, config: RagConfig = {}, owned: OwnedBlock[] = [], exceptionSheetName?: string) =>
  detectTables(wb, config, owned, exceptionSheetName);

const only = (wb: WorkbookSnapshot, config: RagConfig = {}): DetectedTable => {
  const r = run(wb, config);
  expect(r.tables).toHaveLength(1);
  return r.tables[0];
};

/** The role of the column whose header is `header` (exact) or the column at letter. */
const roleOf = (t: DetectedTable, header: string): ColumnRole | undefined => t.columns.find((c) => c.header === header)?.role;
const rolesOf = (t: DetectedTable): Record<string, ColumnRole> => Object.fromEntries(t.columns.map((c) => [c.header, c.role]));
const measuresOf = (t: DetectedTable, s: SheetSnapshot, config: RagConfig = {}) => extractMeasures(t, s, config);

const SIMPLE: CellValue[][] = [
  ['Ref', 'Measure', 'Actual', 'Target'],
  ['M1', 'Visits', 92, 90],
  ['M2', 'Calls answered', 80, 85],
];

describe('a plain table', () => {
  test('a header row in A1 with measure and actual columns is found', () => {
    const t = only(workbook(sheet('KPIs', SIMPLE)));
    expect(t).toMatchObject({ sheet: 'KPIs', headerTop: 0, headerRow: 0, firstDataRow: 1, lastDataRow: 2, left: 0, right: 3, excelTable: null });
    expect(t.id).toBe('KPIs!A1:D3');
    expect(rolesOf(t)).toEqual({ Ref: 'ref', Measure: 'measure', Actual: 'actual', Target: 'target' });
    expect(t.columns.every((c) => c.roleSource === 'header')).toBe(true);
    expect(t.measureRows).toEqual([1, 2]);
  });

  test('a table away from A1 (origin not at A1) keeps sheet coordinates', () => {
    const t = only(workbook(sheet('KPIs', SIMPLE, { origin: 'C5' })));
    expect(t).toMatchObject({ headerRow: 4, left: 2, right: 5, firstDataRow: 5, lastDataRow: 6 });
    expect(t.id).toBe('KPIs!C5:F7');
  });

  test('title rows, a merged banner and a guidance note above the header are not part of it', () => {
    const s = sheet(
      'Adults',
      [
        ['Adults and Health – Quarter 3 2025/26', null, null, null, null],
        ['Figures to the end of December. Leave a cell blank or write TBC if not yet available.', null, null, null, null],
        [null, null, null, null, null],
        ['Ref', 'Performance indicator', 'Actual', 'Target', 'Commentary'],
        ['AH01', '% of enquiries completed in 28 days', 0.91, 0.9, 'Better'],
      ],
      { merges: ['A1:E1', 'A2:E2'], formats: { C5: '0%', D5: '0%' } },
    );
    const t = only(workbook(s));
    expect(t.headerTop).toBe(3);
    expect(t.headerRow).toBe(3);
    expect(roleOf(t, 'Performance indicator')).toBe('measure');
    expect(roleOf(t, 'Commentary')).toBe('commentary');
  });

  test('a merged banner over some columns stacks onto their headers', () => {
    const s = sheet(
      'Resources',
      [
        ['Resources – corporate health', null, null, null, null, null, null],
        [null, null, 'Financial year 2024/25', null, null, null, null],
        ['Ref', 'Measure', 'Q1', 'Q2', 'Q3', 'Q4', 'Target'],
        ['RS01', 'Sickness days', 2.1, 2.3, 2.2, null, 2],
      ],
      { merges: ['A1:G1', 'C2:F2'] },
    );
    const t = only(workbook(s));
    expect(t.headerTop).toBe(1);
    expect(t.headerRow).toBe(2);
    const q1 = t.columns.find((c) => c.col === 2)!;
    expect(q1.header).toBe('Financial year 2024/25 Q1');
    expect(q1.role).toBe('period');
    expect(q1.period).toMatchObject({ year: 2024, indexInYear: 1, periodsPerYear: 4 });
    expect(t.currentPeriod).toMatchObject({ year: 2024, indexInYear: 3 });
    expect(roleOf(t, 'Measure')).toBe('measure');
  });

  test('a sentence above the header (a note) does not stack onto it', () => {
    const s = sheet('S', [
      [null, null, 'See the table to the right for RAG guidance and definitions', null],
      ['Ref', 'Project name', 'Delivery (RAG)', 'Spend (RAG)'],
      ['P1', 'Market hall', 'Green', 'Amber'],
    ], { merges: ['C1:D1'] });
    const t = only(workbook(s));
    expect(t.headerTop).toBe(1);
    expect(roleOf(t, 'Delivery (RAG)')).toBe('userRag');
    expect(roleOf(t, 'Spend (RAG)')).toBe('userRag');
  });

  test('the header is found however its words are written', () => {
    const s = sheet('S', [
      ['  PI REF ', 'performance_indicator', 'OUTTURN', 'target '],
      ['A', 'x', 1, 2],
    ]);
    const t = only(workbook(s));
    expect(t.columns.map((c) => c.role)).toEqual(['ref', 'measure', 'actual', 'target']);
  });

  test('when several headers could be the actual, the first "Actual" wins', () => {
    const s = sheet('S', [
      ['Measure', 'Actual', 'Actual', 'Result', 'Target'],
      ['x', 1, 2, 3, 4],
    ]);
    const t = only(workbook(s));
    expect(t.columns.filter((c) => c.role === 'actual').map((c) => c.col)).toEqual([1]);
    expect(t.columns.find((c) => c.col === 2)!.role).toBe('ignore');
  });

  test('"Target 2024/25" beside a plain "Target" is the annual target; alone it is the target', () => {
    const both = only(workbook(sheet('S', [['Measure', 'Actual', 'Target', 'Target 2024/25'], ['x', 1, 2, 8]])));
    expect(roleOf(both, 'Target')).toBe('target');
    expect(roleOf(both, 'Target 2024/25')).toBe('annualTarget');
    const alone = only(workbook(sheet('S', [['Measure', 'Actual', 'Target 2024/25'], ['x', 1, 8]])));
    expect(roleOf(alone, 'Target 2024/25')).toBe('target');
  });

  test('"Target" and "Annual target" are told apart', () => {
    const t = only(workbook(sheet('S', [['Measure', 'Actual', 'Annual target', 'Target'], ['x', 1, 8, 2]])));
    expect(roleOf(t, 'Target')).toBe('target');
    expect(roleOf(t, 'Annual target')).toBe('annualTarget');
  });

  test('every synonym group is recognised in one header', () => {
    const header = [
      'PI code', 'KPI', 'Directorate', 'Service area', 'Theme', 'Responsible officer', 'Good performance is', 'Unit of measure',
      'Previous', 'Same period last year', 'Result', 'Target', 'Year-end target', 'Amber threshold', 'Red threshold', 'Tolerance',
      'RAG status', 'Completed', 'Comments', 'Remedial action',
    ];
    const t = only(workbook(sheet('S', [header, header.map((_, i) => (i === 1 ? 'Visits' : i))])));
    expect(t.columns.map((c) => c.role)).toEqual([
      'ref', 'measure', 'directorate', 'service', 'priority', 'owner', 'polarity', 'unit', 'previous', 'lastYear', 'actual', 'target',
      'annualTarget', 'amberThreshold', 'redThreshold', 'tolerance', 'userRag', 'complete', 'commentary', 'commentary',
    ]);
  });
});

describe('rows of a block', () => {
  test('a section heading inside a block is recorded, and is not a measure', () => {
    const s = sheet('S', [
      ['Ref', 'Measure', 'Actual', 'Target'],
      ["Children's Services", null, null, null],
      ['C1', 'Visits in time', 91, 90],
      ['C2', 'Plans reviewed', 80, 85],
      [null, null, null, null],
      ['Adult Services', null, null, null],
      ['A1', 'Reablement', 70, 75],
    ]);
    const t = only(workbook(s));
    expect(t.sections).toEqual([
      { row: 1, text: "Children's Services" },
      { row: 5, text: 'Adult Services' },
    ]);
    expect(t.measureRows).toEqual([2, 3, 6]);
    const ms = measuresOf(t, s);
    expect(ms.map((m) => m.directorate)).toEqual(["Children's Services", "Children's Services", 'Adult Services']);
  });

  test('"SECTION A: ..." in a merged banner is a section heading', () => {
    const s = sheet(
      'S',
      [
        ['Ref', 'Measure', 'Actual', 'Target'],
        ['SECTION A: Programme-wide', null, null, null],
        ['A1', 'Spend to profile', 91, 90],
      ],
      { merges: ['A2:D2'] },
    );
    const t = only(workbook(s));
    expect(t.sections).toEqual([{ row: 1, text: 'SECTION A: Programme-wide' }]);
    expect(t.measureRows).toEqual([2]);
  });

  test('a measure with a name but every value blank is still a measure when refs are usual and it has one', () => {
    const s = sheet('S', [
      ['Ref', 'Measure', 'Actual', 'Target'],
      ['M1', 'Visits', 92, 90],
      ['M2', '% of calls answered in 20 seconds', null, null],
    ]);
    const t = only(workbook(s));
    expect(t.measureRows).toEqual([1, 2]);
  });

  test('blank rows, an END marker, an example row and a totals row are not measures', () => {
    const s = sheet('S', [
      ['Ref', 'Measure', 'Actual', 'Target'],
      [0, 'Example of how to complete >', 5, 10],
      ['M1', 'Visits', 92, 90],
      [null, null, null, null],
      ['M2', 'Calls', 80, 85],
      ['Total', null, 172, 175],
      ['END', 'END', 'END', 'END'],
      ['M9', 'After the end', 1, 1],
    ]);
    const r = run(workbook(s));
    const t = r.tables[0];
    expect(t.measureRows).toEqual([2, 4]);
    expect(t.lastDataRow).toBe(4);
    // nothing after END belongs to this table
    expect(r.tables.every((x) => !x.measureRows.includes(7))).toBe(true);
  });

  test('two blank rows end a block; one does not', () => {
    const s = sheet('S', [
      ['Ref', 'Measure', 'Actual', 'Target'],
      ['M1', 'Visits', 92, 90],
      [null, null, null, null],
      ['M2', 'Calls', 80, 85],
      [null, null, null, null],
      [null, null, null, null],
      ['M3', 'Stray row', 1, 1],
    ]);
    const t = only(workbook(s));
    expect(t.measureRows).toEqual([1, 3]);
    expect(t.lastDataRow).toBe(3);
  });

  test('a note under the table ("Source: ...") is not a measure and does not extend the table', () => {
    const s = sheet('S', [
      ['Ref', 'Measure', 'Actual', 'Target'],
      ['M1', 'Visits', 92, 90],
      [null, null, null, null],
      ['Source: case management system.', null, null, null],
    ]);
    const t = only(workbook(s));
    expect(t.measureRows).toEqual([1]);
    expect(t.lastDataRow).toBe(1);
    expect(t.sections).toEqual([]);
  });

  test('empty template slots ("Please select an option", no name) are not measures', () => {
    const s = sheet('Progress', [
      ['Project name', 'Project status', 'Spend RAG rating', 'Delivery RAG rating'],
      ['Market hall', 'In progress', 'Green', 'Red'],
      [null, 'Please select an option', 'Please select an option', 'Please select an option'],
      [null, 'Please select an option', 'Please select an option', 'Please select an option'],
    ]);
    const t = only(workbook(s));
    expect(t.measureRows).toEqual([1]);
  });

  test('a row with figures but no name and no reference is not a measure: it is reported', () => {
    const s = sheet('S', [
      ['Ref', 'Measure', 'Actual', 'Target'],
      ['M1', 'Visits', 92, 90],
      [null, null, 50, 60],
      ['M2', 'Calls', 80, 85],
    ]);
    const t = only(workbook(s));
    expect(t.measureRows).toEqual([1, 3]);
    expect(measuresOf(t, s).map((m) => m.name)).toEqual(['Visits', 'Calls']);
    const left = t.issues.filter((i) => i.code === 'unnamed-rows');
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ severity: 'warning', cell: 'B3' });
    expect(left[0].message).toMatch(/^Row 3 holds figures but no measure name or reference/);
    expect(left[0].message).toMatch(/column B/);
  });

  test('a row with a reference but no name is named by its reference', () => {
    const s = sheet('S', [
      ['Ref', 'Measure', 'Actual', 'Target'],
      ['M1', 'Visits', 92, 90],
      ['M2', null, 50, 60],
    ]);
    const t = only(workbook(s));
    expect(t.measureRows).toEqual([1, 2]);
    expect(measuresOf(t, s)[1]).toMatchObject({ name: 'M2', ref: 'M2', key: 'S!M2' });
  });

  test('a table the settings force without a name column still names its rows "Row N"', () => {
    const s = sheet('S', [
      ['Actual', 'Target'],
      [92, 90],
      [50, 60],
    ]);
    const config = { tables: [{ sheet: 'S', range: 'A1:B3' }] };
    const r = detectTables(workbook(s), config, []);
    expect(r.tables[0].measureRows).toEqual([1, 2]);
    expect(extractMeasures(r.tables[0], s, config).map((m) => m.name)).toEqual(['Row 2', 'Row 3']);
  });

  test('hidden and filtered rows are still measures', () => {
    const s = sheet('S', SIMPLE, { hiddenRows: [2], hiddenColumns: ['D'] });
    const t = only(workbook(s));
    expect(t.measureRows).toEqual([1, 2]);
    expect(roleOf(t, 'Target')).toBe('target');
  });
});

describe('several tables on a sheet', () => {
  test('two tables separated by blank rows and a section heading, each with its header', () => {
    const header = ['Code', 'KPI', 'Previous', 'Actual', 'Target'];
    const s = sheet('Place', [
      ['Place – Quarter 3', null, null, null, null],
      [null, null, null, null, null],
      ['Environment', null, null, null, null],
      header,
      ['PL01', 'Recycling rate', 45, 44, 50],
      ['PL02', 'Missed bins', 41, 37, 40],
      [null, null, null, null, null],
      [null, null, null, null, null],
      ['Housing and Planning', null, null, null, null],
      header,
      ['PL07', 'Major applications in time', 81, 67, 60],
    ]);
    const r = run(workbook(s));
    expect(r.tables.map((t) => t.id)).toEqual(['Place!A4:E6', 'Place!A10:E11']);
    expect(r.tables[0].sections).toEqual([{ row: 2, text: 'Environment' }]);
    expect(r.tables[1].sections).toEqual([{ row: 8, text: 'Housing and Planning' }]);
    const ms = r.tables.flatMap((t) => measuresOf(t, s));
    expect(ms.map((m) => [m.ref, m.directorate])).toEqual([
      ['PL01', 'Environment'],
      ['PL02', 'Environment'],
      ['PL07', 'Housing and Planning'],
    ]);
  });

  test('repeated header blocks (one per project) are separate tables', () => {
    const header = ['Indicator', 'Unit', 'Actual', 'Target'];
    const s = sheet('Outputs', [
      ['Project 1: Market hall', null, null, null],
      header,
      ['Jobs created', 'Number', 5, 6],
      ['Floorspace', 'sqm', 120, 100],
      ['Project 2: Library', null, null, null],
      header,
      ['Jobs created', 'Number', 2, 2],
    ]);
    const r = run(workbook(s));
    expect(r.tables).toHaveLength(2);
    expect(r.tables[0]).toMatchObject({ headerRow: 1, lastDataRow: 3, measureRows: [2, 3] });
    expect(r.tables[1]).toMatchObject({ headerRow: 5, lastDataRow: 6, measureRows: [6] });
    expect(r.tables[1].sections[0]).toEqual({ row: 4, text: 'Project 2: Library' });
  });

  test('two tables side by side, separated by an empty column', () => {
    const s = sheet('S', [
      ['Ref', 'Measure', 'Actual', null, 'Code', 'KPI', 'Result'],
      ['A', 'one', 1, null, 'B', 'two', 2],
    ]);
    const r = run(workbook(s));
    expect(r.tables.map((t) => [t.left, t.right])).toEqual([
      [0, 2],
      [4, 6],
    ]);
  });

  test('a spacer column inside a table does not cut it short', () => {
    const s = sheet('S', [
      ['Ref', 'Measure', 'Actual', 'Target', null, 'Lead officer', 'Commentary'],
      ['A', 'one', 1, 2, null, 'Sam', 'Fine.'],
    ]);
    const t = only(workbook(s));
    expect(t.right).toBe(6);
    expect(roleOf(t, 'Commentary')).toBe('commentary');
    expect(measuresOf(t, s)[0]).toMatchObject({ owner: 'Sam', commentary: 'Fine.' });
  });

  test('a legend beside the table, past an empty column, is not part of it', () => {
    const s = sheet('S', [
      ['Project Name', 'Delivery (RAG)', 'Commentary', null, 'RAG Guidance', null],
      ['Market', 4, 'text', null, 'Delivery', 'Score'],
      ['Library', 1, 'text', null, 'Major issues', 5],
    ]);
    const t = only(workbook(s));
    expect(t.right).toBe(2);
  });
});

describe('Excel tables', () => {
  test('an Excel table with messy headers is used as it is', () => {
    const s = sheet(
      'Children',
      [
        ['Children and Families', null, null, null, null],
        [null, null, null, null, null],
        ['  PI Ref ', 'Measure', 'Good performance is', 'Outturn 2023/24', 'Target'],
        ['CF01', '% visits in time', 'Higher', '91%', '95%'],
        ['CF02', 'Re-referrals', 'Lower', '21%', '20%'],
      ],
      { tables: [{ name: 'ChildrenQ3', range: 'A3:E5' }] },
    );
    const t = only(workbook(s));
    expect(t.excelTable).toBe('ChildrenQ3');
    expect(t.headerRow).toBe(2);
    expect(t.columns.map((c) => c.role)).toEqual(['ref', 'measure', 'polarity', 'actual', 'target']);
    expect(t.columns.every((c) => c.roleSource === 'excel-table')).toBe(true);
    expect(t.columns[3].period).toMatchObject({ year: 2023, periodsPerYear: 1 });
    expect(t.measureRows).toEqual([3, 4]);
    const ms = measuresOf(t, s);
    expect(ms[0].actual).toMatchObject({ kind: 'number', value: 91, scale: 'percent' });
    expect(ms[0].polarityText).toBe('Higher');
  });

  test('the totals row of an Excel table is left out', () => {
    const s = sheet('S', [['Ref', 'Measure', 'Actual'], ['A', 'one', 1], ['B', 'two', 2], ['Total', null, 3]], {
      tables: [{ name: 'T1', range: 'A1:C4', totalsRowCount: 1 }],
    });
    const t = only(workbook(s));
    expect(t.lastDataRow).toBe(2);
    expect(t.measureRows).toEqual([1, 2]);
  });

  test('an Excel table of lookups (no measure or value column) is skipped with a reason', () => {
    const s = sheet('Lists', [['Colour', 'Code'], ['Red', 'R']], { tables: [{ name: 'Ref_table', range: 'A1:B2' }] });
    const r = run(workbook(s));
    expect(r.tables).toHaveLength(0);
    expect(r.skippedSheets).toEqual([{ sheet: 'Lists', reason: expect.stringContaining('Ref_table') }]);
  });
});

describe('wide layouts', () => {
  const QUARTERS: CellValue[][] = [
    ['Ref', 'Measure', 'Q1', 'Q2', 'Q3', 'Q4', 'Target'],
    ['M1', 'Visits', 10, 11, 12, null, 11],
    ['M2', 'Calls', 20, 21, null, null, 20],
    ['M3', 'Complaints', 5, 4, 'TBC', null, 3],
  ];

  test('Q4 empty everywhere: the current period is Q3, the previous Q2', () => {
    const t = only(workbook(sheet('S', QUARTERS)));
    expect(t.layout).toBe('wide');
    expect(t.currentPeriod?.label).toBe('Q3');
    expect(t.previousPeriod?.label).toBe('Q2');
    expect(t.columns.filter((c) => c.role === 'period').map((c) => c.period!.indexInYear)).toEqual([1, 2, 3, 4]);
  });

  test('a row blank in the current period has no actual: no fallback to Q2', () => {
    const s = sheet('S', QUARTERS);
    const t = only(workbook(s));
    const [m1, m2, m3] = measuresOf(t, s);
    expect(m1.actual).toMatchObject({ kind: 'number', value: 12 });
    expect(m1.actualCell).toEqual({ row: 1, col: 4 });
    expect(m2.actual).toEqual({ kind: 'missing', token: '', raw: null });
    expect(m2.actualCell).toEqual({ row: 2, col: 4 });
    expect(m2.issues.map((i) => i.message)).toContain('No data: E3 is blank');
    expect(m3.actual).toMatchObject({ kind: 'missing', token: 'TBC' });
    expect(m3.issues.map((i) => i.message)).toContain('No data: E4 holds "TBC"');
    expect(m1.previous).toMatchObject({ kind: 'number', value: 11 });
    expect(m1.previousLabel).toBe('Q2');
    expect(m1.series.map((p) => p.period.label)).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
    expect(m1.series[3].value.kind).toBe('missing');
  });

  test('a table where every period is still empty reports the first period', () => {
    const t = only(workbook(sheet('S', [['Measure', 'Q1', 'Q2', 'Target'], ['x', null, null, 5]])));
    expect(t.currentPeriod?.label).toBe('Q1');
    expect(t.previousPeriod).toBeNull();
  });

  test('periods with years sort by time, not by column', () => {
    const t = only(
      workbook(sheet('S', [['Measure', 'Q1 2025/26', 'Q3 2024/25', 'Q4 2024/25', 'Target'], ['x', 3, 1, 2, 5]])),
    );
    expect(t.currentPeriod?.label).toBe('Q1 2025/26');
    expect(t.previousPeriod?.label).toBe('Q4 2024/25');
  });

  test('the same period last year is the comparison when the settings say so', () => {
    const s = sheet('S', [
      ['Ref', 'Measure', 'Q3 2023/24', 'Q4 2023/24', 'Q1 2024/25', 'Q2 2024/25', 'Q3 2024/25', 'Target'],
      ['M1', 'Visits', 7, 8, 9, 10, 11, 10],
    ]);
    const config: RagConfig = { settings: { directionOfTravel: { compareWith: 'same-period-last-year' } } };
    const t = only(workbook(s), config);
    expect(t.currentPeriod?.label).toBe('Q3 2024/25');
    expect(t.previousPeriod?.label).toBe('Q3 2023/24');
    const [m] = measuresOf(t, s, config);
    expect(m.previous).toMatchObject({ kind: 'number', value: 7 });
    expect(m.previousLabel).toBe('Q3 2023/24');
    expect(m.lastYear).toMatchObject({ kind: 'number', value: 7 });
  });

  test('monthly date headers (real Excel dates) are periods', () => {
    const months = [serial(2024, 1), serial(2024, 2), serial(2024, 3), serial(2024, 4)];
    const s = sheet('month', [['ref', 'measure_name', 'comment', ...months], [1, 'Attendances', 'a comment', 264, 260, 307, null]], {
      formats: (row, col) => (row === 0 && col >= 3 ? 'mm-dd-yy' : undefined),
    });
    const t = only(workbook(s));
    const periods = t.columns.filter((c) => c.role === 'period');
    expect(periods.map((c) => c.header)).toEqual(['Jan 2024', 'Feb 2024', 'Mar 2024', 'Apr 2024']);
    expect(periods.map((c) => c.period!.periodsPerYear)).toEqual([12, 12, 12, 12]);
    expect(periods[3].period).toMatchObject({ year: 2024, indexInYear: 1 });
    expect(t.currentPeriod?.label).toBe('Mar 2024');
    expect(rolesOf(t)).toMatchObject({ ref: 'ref', measure_name: 'measure', comment: 'commentary' });
  });

  test('weekly date headers are weeks', () => {
    const weeks = [serial(2020, 1, 6), serial(2020, 1, 13), serial(2020, 1, 20)];
    const s = sheet('week', [['ref', 'measure_name', ...weeks], [1, 'Attendances', 3, 4, 5]], {
      formats: (row, col) => (row === 0 && col >= 2 ? 'dd/mm/yyyy' : undefined),
    });
    const t = only(workbook(s));
    expect(t.columns.filter((c) => c.role === 'period').map((c) => c.period!.periodsPerYear)).toEqual([52, 52, 52]);
    expect(t.currentPeriod?.label).toBe('20 Jan 2020');
  });

  test('stacked headers: a merged financial-year banner over Q1..Q4', () => {
    const s = sheet(
      'S',
      [
        ['Ref', 'Measure', 'Financial year 2024 to 2025', null, null, null, 'Target'],
        [null, null, 'Q1', 'Q2', 'Q3', 'Q4', null],
        ['M1', 'Visits', 1, 2, null, null, 3],
      ],
      { merges: ['A1:A2', 'B1:B2', 'C1:F1', 'G1:G2'] },
    );
    const t = only(workbook(s));
    expect(t.headerTop).toBe(0);
    expect(t.headerRow).toBe(1);
    expect(t.firstDataRow).toBe(2);
    expect(t.columns.filter((c) => c.role === 'period').map((c) => c.header)).toEqual([
      'Financial year 2024 to 2025 Q1',
      'Financial year 2024 to 2025 Q2',
      'Financial year 2024 to 2025 Q3',
      'Financial year 2024 to 2025 Q4',
    ]);
    expect(t.currentPeriod).toMatchObject({ year: 2024, indexInYear: 2 });
    expect(roleOf(t, 'Target')).toBe('target');
  });

  test('stacked headers: "Q1" over "Actual | Target" pair up, and the current period takes its own target', () => {
    const s = sheet(
      'S',
      [
        ['Measure', 'Q1', null, 'Q2', null, 'Q3', null],
        [null, 'Actual', 'Target', 'Actual', 'Target', 'Actual', 'Target'],
        ['Visits', 10, 9, 12, 11, null, 13],
      ],
      { merges: ['A1:A2', 'B1:C1', 'D1:E1', 'F1:G1'] },
    );
    const t = only(workbook(s));
    expect(t.columns.map((c) => [c.header, c.role])).toEqual([
      ['Measure', 'measure'],
      ['Q1 Actual', 'period'],
      ['Q1 Target', 'target'],
      ['Q2 Actual', 'period'],
      ['Q2 Target', 'target'],
      ['Q3 Actual', 'period'],
      ['Q3 Target', 'target'],
    ]);
    expect(t.currentPeriod?.label).toBe('Q2 Actual');
    const [m] = measuresOf(t, s);
    expect(m.actual).toMatchObject({ value: 12 });
    expect(m.target).toMatchObject({ value: 11 });
    expect(m.targetCell).toEqual({ row: 2, col: 4 });
    expect(m.previous).toMatchObject({ value: 10 });
  });

  test('"Target 2024/25" beside quarterly columns is the target (the annual one when a plain Target exists)', () => {
    const s = sheet('S', [['Measure', 'Q1 2024/25', 'Q2 2024/25', 'Target 2024/25'], ['x', 5, 6, 8]]);
    const t = only(workbook(s));
    expect(roleOf(t, 'Target 2024/25')).toBe('target');
    expect(measuresOf(t, s)[0].target).toMatchObject({ value: 8 });
    const both = sheet('S', [['Measure', 'Q1 2024/25', 'Q2 2024/25', 'Target', 'Target 2024/25'], ['x', 5, 6, 7, 8]]);
    const t2 = only(workbook(both));
    expect(roleOf(t2, 'Target 2024/25')).toBe('annualTarget');
    expect(measuresOf(t2, both)[0]).toMatchObject({ target: { value: 7 }, annualTarget: { value: 8 } });
  });

  test('forecast and total columns of a period are not data', () => {
    const s = sheet('S', [
      ['Output', 'Q1 Actual', 'Q2 Actual', 'Q3 Forecast', 'Q4 Forecast', 'Total'],
      ['Jobs', 1, 2, 3, 4, 10],
    ]);
    const t = only(workbook(s));
    expect(t.columns.map((c) => c.role)).toEqual(['measure', 'period', 'period', 'ignore', 'ignore', 'ignore']);
    expect(t.currentPeriod?.label).toBe('Q2 Actual');
  });

  test('a single period column ("Outturn 2023/24") is the actual', () => {
    const t = only(workbook(sheet('S', [['Measure', 'Outturn 2023/24', 'Target'], ['x', 5, 6]])));
    expect(roleOf(t, 'Outturn 2023/24')).toBe('actual');
    expect(t.currentPeriod).toMatchObject({ year: 2023 });
  });

  test('an Actual column beside history columns: the actual is the Actual, the latest history the comparison', () => {
    const s = sheet('S', [['Measure', '2021/22', '2022/23', 'Actual', 'Target'], ['x', 4, 5, 6, 7]]);
    const t = only(workbook(s));
    expect(roleOf(t, 'Actual')).toBe('actual');
    expect(t.previousPeriod?.label).toBe('2022/23');
    const [m] = measuresOf(t, s);
    expect(m.actual).toMatchObject({ value: 6 });
    expect(m.previous).toMatchObject({ value: 5 });
    expect(m.series.map((p) => p.period.label)).toEqual(['2021/22', '2022/23']);
  });
});

describe('long layouts', () => {
  const LONG: CellValue[][] = [
    ['area_code', 'area_name', 'period', 'indicator', 'value'],
    ['E08000009', 'Trafford', '2010/11', 'Household waste recycled', 40.8],
    ['E08000002', 'Bury', '2010/11', 'Household waste recycled', 24.3],
    ['E08000009', 'Trafford', '2011/12', 'Household waste recycled', 44.1],
    ['E08000002', 'Bury', '2011/12', 'Household waste recycled', 30.2],
    ['E08000009', 'Trafford', '2012/13', 'Household waste recycled', 46.0],
  ];

  test('a period column whose values are periods makes a long layout', () => {
    const t = only(workbook(sheet('waste', LONG)));
    expect(t.layout).toBe('long');
    expect(roleOf(t, 'period')).toBe('period');
    expect(t.columns.find((c) => c.header === 'period')!.period).toBeUndefined();
    expect(roleOf(t, 'indicator')).toBe('measure');
    expect(roleOf(t, 'value')).toBe('actual');
    expect(t.currentPeriod?.label).toBe('2012/13');
    expect(t.previousPeriod?.label).toBe('2011/12');
  });

  test('rows group into one measure per area, with a series in period order and the latest period as the actual', () => {
    const s = sheet('waste', LONG);
    const t = only(workbook(s));
    const ms = measuresOf(t, s);
    expect(ms).toHaveLength(2);
    const trafford = ms.find((m) => m.name.includes('Trafford'))!;
    const bury = ms.find((m) => m.name.includes('Bury'))!;
    expect(trafford.name).toBe('Household waste recycled (Trafford)');
    expect(trafford.series.map((p) => p.period.label)).toEqual(['2010/11', '2011/12', '2012/13']);
    expect(trafford.actual).toMatchObject({ value: 46 });
    expect(trafford.row).toBe(5);
    expect(trafford.previous).toMatchObject({ value: 44.1 });
    expect(trafford.previousLabel).toBe('2011/12');
    // Bury has no row for 2012/13: No data, never its 2011/12 value
    expect(bury.actual.kind).toBe('missing');
    expect(bury.issues.map((i) => i.code)).toContain('no-data');
    expect(bury.series).toHaveLength(2);
  });

  test('a "Year" column whose values are not periods is not a long layout', () => {
    const t = only(workbook(sheet('S', [['Measure', 'Year', 'Actual'], ['x', 'Yes', 1], ['y', 'No', 2]])));
    expect(roleOf(t, 'Year')).toBe('ignore');
    expect(t.layout).toBe('long');
    expect(t.currentPeriod).toBeNull();
  });
});

describe('value-decided roles', () => {
  test('a "Status" column of RAG words is the user’s RAG; of completion words it is "complete"', () => {
    const rag = only(workbook(sheet('S', [['Measure', 'Status'], ['a', 'Green'], ['b', 'Amber'], ['c', 'Red']])));
    expect(roleOf(rag, 'Status')).toBe('userRag');
    const done = only(
      workbook(sheet('S', [['Measure', 'Actual', 'Project status'], ['a', 1, 'In progress'], ['b', 2, 'Project complete'], ['c', 3, 'Not started']])),
    );
    expect(roleOf(done, 'Project status')).toBe('complete');
  });
});

describe('columns the add-in wrote', () => {
  const header = ['Ref', 'Measure', 'Actual', 'Target', 'RAG status', 'Direction of travel', 'Forecast'];
  const rows: CellValue[][] = [
    header,
    ['M1', 'Visits', 92, 90, 'Green', '↑ Improved', '☺ Likely'],
    ['M2', 'Calls', 80, 85, 'Amber', '↓ Declined', '~ May'],
  ];

  test('columns named by the saved state are "owned" and not read as data', () => {
    const owned: OwnedBlock[] = [
      { sheet: 'S', tableName: null, tableOriginalRight: null, headerRow: 0, firstDataRow: 1, lastDataRow: 2, firstCol: 4, keys: ['rag', 'direction', 'forecast'], headers: header.slice(4) },
    ];
    const r = run(workbook(sheet('S', rows)), {}, owned);
    const t = r.tables[0];
    expect(t.columns.slice(4).map((c) => [c.role, c.roleSource])).toEqual([
      ['owned', 'state'],
      ['owned', 'state'],
      ['owned', 'state'],
    ]);
    expect(t.right).toBe(3);
  });

  test('without saved state, the add-in’s own headers and texts are recognised', () => {
    const t = only(workbook(sheet('S', rows)));
    expect(t.columns.slice(4).map((c) => c.role)).toEqual(['owned', 'owned', 'owned']);
  });

  test('a lone "RAG status" column of colour words is the user’s own, never ours', () => {
    const t = only(workbook(sheet('S', [['Ref', 'Measure', 'Actual', 'RAG status'], ['M1', 'Visits', 92, 'Green']])));
    expect(roleOf(t, 'RAG status')).toBe('userRag');
  });

  test('a column headed like ours but holding the user’s words is not ours', () => {
    const t = only(workbook(sheet('S', [['Ref', 'Measure', 'Actual', 'RAG status', 'Direction of travel'], ['M1', 'Visits', 92, 'Green', 'Better than last year']])));
    expect(roleOf(t, 'RAG status')).toBe('userRag');
    expect(roleOf(t, 'Direction of travel')).toBe('ignore');
  });
});

describe('sheets that are skipped', () => {
  test('a sheet of prose is skipped with a reason in plain English', () => {
    const r = run(workbook(sheet('Cover', [['Quarterly Performance Return'], [null], ['How to complete this return: lead officers enter figures by 14 January.']])));
    expect(r.tables).toHaveLength(0);
    expect(r.skippedSheets).toEqual([{ sheet: 'Cover', reason: expect.stringMatching(/no header row with a measure and an actual column/) }]);
  });

  test('an empty sheet is skipped as empty', () => {
    const r = run(workbook(sheet('Blank', [])));
    expect(r.skippedSheets).toEqual([{ sheet: 'Blank', reason: 'the sheet is empty' }]);
  });

  test('hidden and very hidden sheets are skipped and named, unless the settings include them', () => {
    const wb = workbook(sheet('Lookup', SIMPLE, { visibility: 'hidden' }), sheet('Backend', SIMPLE, { visibility: 'veryHidden' }), sheet('Visible', SIMPLE));
    const r = run(wb);
    expect(r.tables.map((t) => t.sheet)).toEqual(['Visible']);
    expect(r.skippedSheets).toEqual([
      { sheet: 'Lookup', reason: expect.stringMatching(/^hidden sheet/) },
      { sheet: 'Backend', reason: expect.stringMatching(/^very hidden sheet/) },
    ]);
    const all = run(wb, { detection: { includeHiddenSheets: true } });
    expect(all.tables.map((t) => t.sheet)).toEqual(['Lookup', 'Backend', 'Visible']);
  });

  test('excludeSheets and onlySheets choose the sheets read', () => {
    const wb = workbook(sheet('A', SIMPLE), sheet('B', SIMPLE), sheet('C', SIMPLE));
    expect(run(wb, { detection: { excludeSheets: ['b'] } }).tables.map((t) => t.sheet)).toEqual(['A', 'C']);
    const r = run(wb, { detection: { onlySheets: ['C'] } });
    expect(r.tables.map((t) => t.sheet)).toEqual(['C']);
    expect(r.skippedSheets.map((s) => s.sheet)).toEqual(['A', 'B']);
  });

  test('a sheet named in onlySheets that does not exist is an issue, not a crash', () => {
    const r = run(workbook(sheet('A', SIMPLE)), { detection: { onlySheets: ['Nope'] } });
    expect(r.issues).toEqual([expect.objectContaining({ code: 'config-sheet-missing', sheet: 'Nope' })]);
  });

  test('the add-in’s own exception sheet is skipped: by its A1 title, or by the name passed in', () => {
    const exception = sheet('RAG Exceptions', [['RAG Refresh – exception report'], ...SIMPLE]);
    const renamed = sheet('Summary', SIMPLE);
    const r = run(workbook(exception, renamed, sheet('KPIs', SIMPLE)), {}, [], 'Summary');
    expect(r.tables.map((t) => t.sheet)).toEqual(['KPIs']);
    expect(r.skippedSheets.map((s) => s.sheet)).toEqual(['RAG Exceptions', 'Summary']);
  });

  test('the exception sheet the write plan lays out (marker in A2) is skipped under any name', () => {
    const written = sheet('RAG Exceptions (2)', [['Exception summary'], ['Produced by RAG Refresh on 14 January 2026. 48 measures in 6 tables.'], [null], ...SIMPLE]);
    const r = run(workbook(written, sheet('KPIs', SIMPLE)));
    expect(r.tables.map((t) => t.sheet)).toEqual(['KPIs']);
    expect(r.skippedSheets).toEqual([{ sheet: 'RAG Exceptions (2)', reason: 'the exception summary RAG Refresh wrote' }]);
  });
});

describe('scale', () => {
  test('a 20,000-row table is detected and read (no quadratic scans)', () => {
    const rows: CellValue[][] = [['Ref', 'Measure', 'Actual', 'Target', 'Comments']];
    for (let i = 0; i < 20000; i++) rows.push([`M${i}`, `Measure number ${i}`, i % 7 === 0 ? 'TBC' : i, 100, i % 3 === 0 ? 'note' : null]);
    const s = sheet('Big', rows);
    const t = only(workbook(s));
    expect(t.measureRows).toHaveLength(20000);
    const ms = measuresOf(t, s);
    expect(ms).toHaveLength(20000);
    expect(new Set(ms.map((m) => m.key)).size).toBe(20000);
  });
});
