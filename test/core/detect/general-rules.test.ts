/**
 * The general rules behind the fixes of real-layouts.test.ts, each on a small hand-made sheet:
 * what a performance officer expects of rows that repeat a header, label a group, title a block,
 * lack a name, carry on the data above with header-like words or sit one column along; of
 * several RAG columns; of a 0 that means "not yet"; of a date or a NaN where a figure belongs.
 */
import { detectTables, extractMeasures, extractWorkbookMeasures } from '../../../src/core/detect';
import { normaliseUserRag } from '../../../src/core/detect/rag-scale';
import type { RagConfig } from '../../../src/core/config/schema';
import { refresh } from '../../../src/core/refresh';
import type { CellValue, DetectedTable, Measure, SheetSnapshot } from '../../../src/core/types';
import { isCalendarDateFormat } from '../../../src/core/values';
import { serial, sheet, workbook, type SheetOptions } from '../../fixtures/snapshots/build';

function read(grid: CellValue[][], opts: SheetOptions = {}, config: RagConfig = {}): { tables: DetectedTable[]; measures: Measure[]; s: SheetSnapshot; issues: ReturnType<typeof detectTables>['issues'] } {
  const s = sheet('KPIs', grid, opts);
  const r = detectTables(workbook(s), config, []);
  return { tables: r.tables, measures: extractWorkbookMeasures(r.tables, workbook(s), config), s, issues: r.issues };
}
const names = (ms: Measure[]): string[] => ms.map((m) => m.name);

describe('a row that restates the header is a repeated header, not a measure', () => {
  test('the header texts again inside the block', () => {
    const { tables, measures } = read([
      ['Ref', 'Measure', 'Actual', 'Target'],
      ['A1', 'Visits', 92, 90],
      ['Ref', 'Measure', 'Actual', 'Target'],
      ['A2', 'Calls', 80, 85],
    ]);
    expect(names(measures)).toEqual(['Visits', 'Calls']);
    expect(tables.flatMap((t) => t.issues).filter((i) => i.code === 'unnamed-rows')).toEqual([]);
  });

  test('a period header restated for the next year (a label, a row of dates, a row of "Actual"): none is a measure, no date is a figure', () => {
    const months = (y: number) => [serial(y, 4), serial(y, 5), serial(y, 6)];
    const { tables, measures, issues } = read(
      [
        ['Indicator', 'Unit', 'Financial Year 2022/23', null, null],
        [null, null, ...months(2022)],
        [null, null, 'Actual', 'Actual', 'Actual'],
        ['Footfall', 'Count', 10, 12, 11],
        [null, null, 'Financial Year 2023/24', null, null],
        [null, null, ...months(2023)],
        [null, null, 'Actual', 'Forecast', 'Forecast'],
        [null, null, 13, 14, 15],
      ],
      { formats: (row, col, v) => (typeof v === 'number' && v > 40000 ? 'mmm-yy' : undefined) },
    );
    expect(tables).toHaveLength(1);
    expect(names(measures)).toEqual(['Footfall']);
    expect(measures[0].actual).toMatchObject({ kind: 'number', value: 11 });
    // the figures of the later year have no name: reported, not read
    const left = [...issues, ...tables.flatMap((t) => t.issues)].filter((i) => i.code === 'unnamed-rows');
    expect(left).toHaveLength(1);
    expect(left[0].message).toMatch(/^Row 8 holds figures but no measure name/);
  });

  test('a measure named like a period or a header word elsewhere is still a measure', () => {
    const { measures } = read([
      ['Measure', 'Actual', 'Target'],
      ['Actual spend against budget', 95, 100],
      ['Q1 returns on time', 80, 90],
    ]);
    expect(names(measures)).toEqual(['Actual spend against budget', 'Q1 returns on time']);
  });
});

describe('label rows, instructions and block titles', () => {
  test('a lone label over measure rows is a section heading, however long', () => {
    const { tables, measures } = read([
      ['Indicator Name', 'Unit', 'Actual'],
      ['Mandatory', null, null],
      ['Jobs created', 'Number', 4],
      ['Project-specific standard indicators (those listed in the annex to the guidance)', null, null],
      ['Length of new cycle way', 'Km', 2],
      ['Footfall in the town centre', 'Count', 3000],
    ]);
    expect(names(measures)).toEqual(['Jobs created', 'Length of new cycle way', 'Footfall in the town centre']);
    expect(tables[0].sections.map((s) => s.text)).toEqual(['Mandatory', 'Project-specific standard indicators (those listed in the annex to the guidance)']);
    expect(measures[2].directorate).toBe('Project-specific standard indicators (those listed in the annex to the guidance)');
  });

  test('a label over the empty slots of a template ("< Select >") is a heading too', () => {
    const { measures, tables } = read([
      ['Indicator Name', 'Unit', 'Actual'],
      ['Jobs created', 'Number', 4],
      ['Optional indicators chosen from the list in the guidance notes', null, null],
      ['< Select >', 'N/A', null],
      ['< Select >', 'N/A', null],
      ['Indicators of your own choosing, added by the council', null, null],
      ['Visitors to the new museum', 'Number', 1200],
    ]);
    expect(names(measures)).toEqual(['Jobs created', 'Visitors to the new museum']);
    expect(tables[0].sections.map((s) => s.text)).toEqual(['Optional indicators chosen from the list in the guidance notes', 'Indicators of your own choosing, added by the council']);
  });

  test('a measure not yet filled in stays a measure (no data), before another or at the end', () => {
    const { measures } = read([
      ['Indicator Name', 'Unit', 'Actual'],
      ['Jobs created', 'Number', 4],
      ['Number of apprenticeships started in the borough this year', null, null],
      ['Number of new businesses supported in the borough this year', null, null],
    ]);
    expect(names(measures)).toEqual(['Jobs created', 'Number of apprenticeships started in the borough this year', 'Number of new businesses supported in the borough this year']);
  });

  test('an instruction to whoever fills the template in is not a measure', () => {
    const { measures } = read([
      ['Indicator Name', 'Unit', 'Actual'],
      ['Jobs created', 'Number', 4],
      ['Additional indicators - please use the spaces below to add your own', null, null],
    ]);
    expect(names(measures)).toEqual(['Jobs created']);
  });

  test('a block title beside a completeness flag (a number in a column with no header) is the caption of the block below', () => {
    const block = (title: string, first: string): CellValue[][] => [
      [0, title, null, null],
      [null, null, null, null],
      [null, 'Indicator Name', 'Unit', 'Actual'],
      [0, first, 'Number', 5],
      [1, 'Second indicator', 'Number', 6],
    ];
    const { tables, measures } = read([...block('Project 1: Town Hall', 'Jobs'), [null, null, null, null], ...block('Project 2: 8 Angel Street', 'Visits')]);
    expect(tables).toHaveLength(2);
    expect(names(measures)).toEqual(['Jobs', 'Second indicator', 'Visits', 'Second indicator']);
    expect(tables[0].sections[0].text).toBe('Project 1: Town Hall');
    expect(tables[1].sections[0].text).toBe('Project 2: 8 Angel Street');
    expect(tables[0].lastDataRow).toBe(4);
  });
});

describe('rows without a name', () => {
  test('a reference with no name and no figures (a group label in a long list) is reported, not a measure', () => {
    const { tables, measures } = read([
      ['Indicator id', 'Level', 'Indicator', 'Actual'],
      ['X_0001', 'Output', 'Farmers trained', 120],
      ['X_0002', 'Irrigation activity', null, null],
      ['X_0003', 'Output', 'Hectares irrigated', 40],
    ]);
    expect(names(measures)).toEqual(['Farmers trained', 'Hectares irrigated']);
    const i = tables[0].issues.find((x) => x.code === 'ref-only-rows')!;
    expect(i).toMatchObject({ severity: 'info', cell: 'C3' });
    expect(i.message).toMatch(/^Row 3 has a reference but no measure name and no figures/);
  });

  test('many unnamed rows are listed briefly', () => {
    const grid: CellValue[][] = [['Measure', 'Actual'], ['Visits', 1]];
    for (let k = 0; k < 12; k++) grid.push([null, k + 2]);
    const { tables } = read(grid);
    expect(tables[0].issues.find((x) => x.code === 'unnamed-rows')!.message).toMatch(/^Rows 3, 4, 5, 6, 7, 8, 9, 10 and 4 more hold figures/);
  });
});

describe('a data row with header-like words does not start a new table', () => {
  const header = ['country', 'project', 'indicator_id', 'indicator_level', 'indicator', 'actual', 'status'];
  const row = (k: number, level: string, name: string, actual: CellValue, status: string): CellValue[] => ['Honduras', 'Rural Development', `H_${k}`, level, name, actual, status];

  test('when it carries on the cells of the rows above', () => {
    const { tables, measures } = read([
      header,
      row(1, 'Outcome', 'Coffee hybrids available', 3, 'On track'),
      row(2, 'Outcome', 'New products developed', 30, 'On track'),
      // no plain number: it reads like a header ("Outcome" names a measure, "Complete" a complete column)
      row(3, 'Output', 'Lien registry installed', 'Yes', 'Complete'),
      row(4, 'Output', 'Funds lent', 120, 'On track'),
    ]);
    expect(tables).toHaveLength(1);
    expect(names(measures)).toEqual(['Coffee hybrids available', 'New products developed', 'Lien registry installed', 'Funds lent']);
  });

  test('a real second header straight after the data still starts a table', () => {
    const { tables } = read([
      ['Ref', 'Measure', 'Actual'],
      ['A1', 'Visits', 1],
      ['Code', 'Indicator', 'Outturn'],
      ['B1', 'Calls', 2],
    ]);
    expect(tables).toHaveLength(2);
  });
});

describe('a row shifted one column to the right is read shifted', () => {
  const levels = ['Goal', 'Outcome', 'Output', 'Process'];
  const classes = ['Level', 'Cumulative'];
  const units = ['Number', 'Percentage', 'USD'];
  const grid: CellValue[][] = [['indicator_id', 'indicator_level', 'indicator', 'classification', 'unit', 'actual', 'target']];
  for (let k = 0; k < 24; k++) grid.push([`ID${k}`, levels[k % 4]!, `Indicator ${k}`, classes[k % 2]!, units[k % 3]!, k * 10, 100]);
  // a field lost before the level: every cell from the level on sits one column right
  grid.push(['ID24', null, 'Output', 'Roads rehabilitated', 'Cumulative', 'Number', 75, 80]);

  test('its name, figures and cells come from one column to the right, with a warning', () => {
    const { measures } = read(grid);
    const m = measures.find((x) => x.ref === 'ID24')!;
    expect(m.name).toBe('Roads rehabilitated');
    expect(m.actual).toMatchObject({ kind: 'number', value: 75 });
    expect(m.actualCell).toEqual({ row: 25, col: 6 });
    expect(m.target).toMatchObject({ kind: 'number', value: 80 });
    const i = m.issues.find((x) => x.code === 'row-shifted')!;
    expect(i.cell).toBe('B26');
    expect(i.message).toMatch(/^Row 26 looks shifted one column to the right from column B \("Output" in C26 is what the column to its left holds, not "indicator"\)/);
    expect(measures.filter((x) => x.issues.some((y) => y.code === 'row-shifted'))).toHaveLength(1);
  });

  test('a small table is not judged', () => {
    const { measures } = read(grid.slice(0, 5).concat([grid[grid.length - 1]!]));
    expect(measures.find((x) => x.ref === 'ID24')!.name).toBe('Output');
  });
});

describe('the measure column, the department and the user’s verdict', () => {
  test('a standard named in English beats an organisation’s title; the organisation is the directorate', () => {
    const { tables, measures } = read([
      ['service_standard_id', 'service_standard_en', 'service_standard_fr', 'target', 'performance', 'comments_en', 'comments_fr', 'target_met', 'owner_org', 'owner_org_title'],
      [3261, 'Answer calls within 60 seconds', 'Répondre aux appels en 60 secondes', 0.8, 0.9872, 'Busy spring', 'Printemps chargé', 'Y', 'aafc', 'Agriculture Canada'],
    ]);
    const roles = Object.fromEntries(tables[0].columns.map((c) => [c.header, c.role]));
    expect(roles).toMatchObject({
      service_standard_id: 'ref',
      service_standard_en: 'measure',
      service_standard_fr: 'ignore',
      target: 'target',
      performance: 'actual',
      comments_en: 'commentary',
      comments_fr: 'ignore',
      target_met: 'userRag',
      owner_org_title: 'directorate',
    });
    expect(measures[0]).toMatchObject({ name: 'Answer calls within 60 seconds', directorate: 'Agriculture Canada', commentary: 'Busy spring', userRag: 'Y' });
  });
});

describe('several RAG columns of the user’s own', () => {
  test('are all kept, left to right, each with its colour; the first is still the user’s RAG', () => {
    const { measures } = read([
      ['Project name', 'Delivery (RAG)', 'Spend (RAG)', 'Risk (RAG)', 'Overall status'],
      ['Town hall', 1, 3, 5, 'Amber/Green'],
      ['Library', null, 'x', 2, 'Red'],
    ]);
    expect(measures[0].userRag).toBe('1');
    expect(measures[0].userRags).toEqual([
      { header: 'Delivery (RAG)', cell: { row: 1, col: 1 }, value: '1', normalised: 'green' },
      { header: 'Spend (RAG)', cell: { row: 1, col: 2 }, value: '3', normalised: 'amber' },
      { header: 'Risk (RAG)', cell: { row: 1, col: 3 }, value: '5', normalised: 'red' },
      { header: 'Overall status', cell: { row: 1, col: 4 }, value: 'Amber/Green', normalised: 'amber' },
    ]);
    expect(measures[1].userRags!.map((u) => [u.value, u.normalised])).toEqual([
      [null, null],
      ['x', null],
      ['2', 'green'],
      ['Red', 'red'],
    ]);
  });

  test.each([
    ['Red', 'RAG', 'red'], ['amber', 'RAG', 'amber'], ['G', 'RAG status', 'green'], ['Blue', 'BRAG', 'blue'], ['On track', 'Status', 'green'],
    ['Amber/Green', 'Delivery confidence', 'amber'], ['Amber / Red', 'Rating', 'amber'], ['Green/Amber', 'RAG', 'amber'],
    [4, 'Spend (RAG)', 'red'], [2, 'Delivery (RAG)', 'green'], [3, 'RAG', 'amber'], ['5', 'RAG', 'red'],
    // a score is only read where the header says RAG, and only 1-5
    [4, 'Rating', null], [6, 'RAG', null], [2.5, 'RAG', null],
    ['Y', 'target_met', 'green'], ['No', 'Target met?', 'red'], ['NA', 'target_met', null], ['Y', 'RAG', null],
    ['Black', 'RAG', null], [null, 'RAG', null],
  ] as [CellValue, string, string | null][])('%p under "%s" reads as %p', (value, header, colour) => {
    expect(normaliseUserRag(value, header)).toBe(colour);
  });
});

describe('a 0 that may mean "not yet available"', () => {
  const header = ['Ref', 'Measure', 'Previous', 'Actual', 'Target', 'Commentary'];

  test.each([
    'Figures for Q1 have yet to be agreed with the contractor.',
    'Q2 data to follow',
    'Not yet available: awaiting the DfE release',
    'Results awaited from the provider',
  ])('with commentary "%s": no data, the 0 not rated', (note) => {
    const { measures } = read([header, ['W1', 'Missed collections', 12, 0, 40, note]]);
    expect(measures[0].actual).toMatchObject({ kind: 'missing', token: '0' });
    expect(measures[0].issues.map((i) => i.code)).toEqual(['zero-not-available']);
  });

  test('after another 0, or after a figure about the target: rated, with a warning', () => {
    const { measures } = read([
      header,
      ['W1', 'Missed collections', 0, 0, 40, null],
      ['W2', 'Website uptime', 99.6, 0, 98, 'No notes'],
    ]);
    for (const m of measures) {
      expect(m.actual).toMatchObject({ kind: 'number', value: 0 });
      expect(m.issues.map((i) => i.code)).toEqual(['zero-may-be-missing']);
    }
    expect(measures[0].issues[0].message).toMatch(/^D2 is 0, as was the previous figure, though the target is not 0: 0 may mean the figure is not yet available/);
  });

  test('a real 0 is left alone: a target of 0, no previous figure, a baseline of 0, a figure far from the target before', () => {
    const { measures } = read([
      header,
      ['Z1', 'Days behind timetable', 0, 0, 0, null],
      ['Z2', 'Complaints upheld', null, 0, 5, null],
      ['Z3', 'ASB reduction (%)', 29, 0, 3, 'General increase in ASB across the area'],
      ['Z4', 'Agreed the figures with the provider', 10, 12, 10, 'figures to follow'],
    ]);
    for (const m of measures) expect(m.issues.filter((i) => i.code.startsWith('zero-'))).toEqual([]);
    const baseline = read([
      ['Ref', 'Measure', 'Baseline', 'Actual', 'Target'],
      ['B1', 'Farmers trained', 0, 0, 500],
    ]).measures;
    expect(baseline[0].issues).toEqual([]);
  });
});

describe('a date where a figure belongs', () => {
  const header = ['Ref', 'Measure', 'Actual', 'Target'];

  test('an actual typed as a date (31/03/2025) is not the number 45747: reported, no data', () => {
    const grid = [header, ['A1', 'Households in temporary accommodation', serial(2025, 3, 31), 120]];
    const opts: SheetOptions = { formats: { C2: 'dd/mm/yyyy' } };
    const { measures } = read(grid, opts);
    expect(measures[0].actual).toMatchObject({ kind: 'text', text: '31/03/2025' });
    const i = measures[0].issues.find((x) => x.code === 'date-in-value')!;
    expect(i).toMatchObject({ cell: 'C2', severity: 'warning' });
    expect(i.message).toMatch(/^C2 holds a date \(31\/03\/2025\), not a figure, so it is not rated/);
    const s = sheet('KPIs', grid, opts);
    const out = refresh(workbook(s), { now: '2026-01-01T00:00:00+00:00', appVersion: 'test' });
    expect(out.report.results[0].status).toBe('noData');
    expect(out.report.issues.some((x) => x.code === 'date-in-value' && x.cell === 'C2')).toBe(true);
  });

  test('a target typed as a date is reported and not used', () => {
    const { measures } = read([header, ['A1', 'Visits', 92, serial(2025, 3, 31)]], { formats: { D2: 'd-mmm-yy' } });
    expect(measures[0].actual).toMatchObject({ kind: 'number', value: 92 });
    expect(measures[0].target).toMatchObject({ kind: 'text', text: '31/03/2025' });
    expect(measures[0].issues.map((i) => i.code)).toEqual(['date-in-value']);
  });

  test('a measure of dates keeps them: its name says date, or its actual and target are both dates; a time or duration is a figure', () => {
    const { measures } = read(
      [
        header,
        ['M1', 'Date the new library opens', serial(2025, 6, 1), null],
        ['M2', 'Milestone: contract signed', serial(2025, 5, 1), serial(2025, 4, 1)],
        ['M3', 'Average wait on the phone', 0.0021, 0.0014],
      ],
      { formats: { C2: 'dd/mm/yyyy', C3: 'dd/mm/yyyy', D3: 'dd/mm/yyyy', C4: 'mm:ss', D4: 'mm:ss' } },
    );
    for (const m of measures) {
      expect(m.actual.kind).toBe('number');
      expect(m.issues).toEqual([]);
    }
  });

  test('a date serial without its format (45747) among small counts is suspect: a warning', () => {
    const { measures } = read([
      header,
      ['A1', 'Missed bins', 12, 20],
      ['A2', 'Fly-tipping reports', serial(2025, 3, 31), 150],
      ['A3', 'Graffiti removed', 40, 30],
      ['A4', 'Abandoned vehicles', 7, 10],
    ]);
    const flagged = measures.filter((m) => m.issues.some((i) => i.code === 'date-serial-suspect'));
    expect(flagged.map((m) => m.ref)).toEqual(['A2']);
    expect(flagged[0].issues[0].message).toBe('C3 is 45747, far above the other figures in its column: it may be a date (31/03/2025) that lost its date format. Check the figure');
    expect(flagged[0].actual).toMatchObject({ kind: 'number', value: 45747 });
    // a column of large figures is not suspect
    const big = read([header, ['B1', 'Council tax collected (£k)', 45747, 45000], ['B2', 'Business rates (£k)', 38000, 39000], ['B3', 'Fees (£k)', 41000, 40000], ['B4', 'Rents (£k)', 50000, 49000]]);
    expect(big.measures.flatMap((m) => m.issues)).toEqual([]);
  });

  test('which number formats are calendar dates', () => {
    for (const f of ['dd/mm/yyyy', 'mmm-yy', 'd mmmm yyyy', '[$-809]dd mmmm yyyy', 'm/d/yyyy', 'yyyy-mm-dd']) expect(isCalendarDateFormat(f)).toBe(true);
    for (const f of ['General', '0.0', '0%', 'h:mm', 'mm:ss', '[h]:mm:ss', '#,##0 "days"', '@']) expect(isCalendarDateFormat(f)).toBe(false);
  });
});

describe('a number that is not finite (NaN, INF) where a figure belongs', () => {
  test.each([
    [Number.NaN, 'NaN'],
    ['NaN', 'NaN'],
    ['INF', 'INF'],
    ['-inf', '-inf'],
    ['#NUM!', '#NUM!'],
  ] as [CellValue, string][])('%p is reported as a value that is not a number, not as a blank', (value, shown) => {
    const { measures } = read([
      ['Ref', 'Measure', 'Actual', 'Target'],
      ['A1', 'Visits', value, 90],
    ]);
    expect(measures[0].actual.kind).toBe('missing');
    const i = measures[0].issues.find((x) => x.code === 'not-finite')!;
    expect(i.message).toBe(`No data: C2 holds a value that is not a number (${shown}): correct the formula or the figure, and refresh again`);
    expect(measures[0].issues.some((x) => /is blank/.test(x.message))).toBe(false);
  });
});

describe('long layouts: rows of one measure that repeat a period', () => {
  test('rows that all hold the one period are records of their own: each a measure, told apart and reported, so no row is dropped unseen', () => {
    const s = sheet('Long', [
      ['Ref', 'Measure', 'Period', 'Actual', 'Target'],
      ['S1', 'Answer calls in 60 seconds', '2023-24', 0.9, 0.8],
      ['S1', 'Answer calls in 60 seconds', '2023-24', 0.7, 0.8],
      ['S2', 'Reply to emails in 5 days', '2023-24', 0.95, 0.9],
    ]);
    const r = detectTables(workbook(s), {}, []);
    expect(r.tables[0].layout).toBe('long');
    const ms = extractMeasures(r.tables[0], s, {});
    expect(ms.map((m) => [m.key, m.row])).toEqual([
      ['Long!S1#2', 1],
      ['Long!S1#3', 2],
      ['Long!S2', 3],
    ]);
    expect(ms[0].issues.map((i) => i.code)).toEqual(['duplicate-ref']);
  });

  test('a series with a period twice stays one measure; when it is the period reported, the measure says which row is rated', () => {
    const s = sheet('Long', [
      ['Measure', 'Period', 'Actual', 'Target'],
      ['Missed bins', '2022/23', 40, 45],
      ['Missed bins', '2023/24', 41, 45],
      ['Missed bins', '2023/24', 10, 45],
    ]);
    const r = detectTables(workbook(s), {}, []);
    const ms = extractMeasures(r.tables[0], s, {});
    expect(ms).toHaveLength(1);
    expect(ms[0].series).toHaveLength(3);
    expect(ms[0].actual).toMatchObject({ kind: 'number', value: 41 });
    const i = ms[0].issues.find((x) => x.code === 'duplicate-period')!;
    expect(i).toMatchObject({ cell: 'B3', severity: 'warning' });
    expect(i.message).toBe('Rows 3, 4 all hold 2023/24 for this measure: row 3 is the one rated. Remove or correct the duplicate row');
  });

  test('a measure with one row per period is still one measure with its series', () => {
    const s = sheet('Long', [
      ['Ref', 'Measure', 'Period', 'Actual'],
      ['S1', 'Visits', '2022/23', 5],
      ['S1', 'Visits', '2023/24', 6],
    ]);
    const r = detectTables(workbook(s), {}, []);
    const ms = extractMeasures(r.tables[0], s, {});
    expect(ms).toHaveLength(1);
    expect(ms[0].series).toHaveLength(2);
  });
});
