import { detectTables } from '../../../src/core/detect';
import { extractMeasures, extractWorkbookMeasures } from '../../../src/core/detect/extract';
import type { RagConfig } from '../../../src/core/config/schema';
import type { CellValue, Measure, SheetSnapshot } from '../../../src/core/types';
import { sheet, workbook, type SheetOptions } from '../../fixtures/snapshots/build';

function read(grid: CellValue[][], opts: SheetOptions = {}, config: RagConfig = {}): { measures: Measure[]; s: SheetSnapshot } {
  const s = sheet('KPIs', grid, opts);
  const r = detectTables(workbook(s), config, []);
  expect(r.tables).toHaveLength(1);
  return { measures: extractMeasures(r.tables[0], s, config), s };
}

const FULL_HEADER = [
  'Ref', 'Measure', 'Directorate', 'Service', 'Priority', 'Owner', 'Polarity', 'Unit', 'Previous', 'Same period last year',
  'Actual', 'Target', 'Annual target', 'Amber threshold', 'Red threshold', 'Tolerance', 'RAG', 'Complete', 'Commentary', 'Remedial action',
];

describe('every field of a measure', () => {
  test('is read from its column', () => {
    const { measures } = read(
      [
        FULL_HEADER,
        ['AH01', 'Enquiries completed in 28 days', 'Adults', 'Safeguarding', 'Keeping people safe', 'Sam Okafor', 'Higher is better', '%', 0.88, 0.84, 0.91, 0.9, 0.92, 0.85, 0.8, '5%', 'Green', 'No', 'Improved triage.', 'Keep the rota.'],
      ],
      { formats: (row, col) => (row === 1 && col >= 8 && col <= 14 ? '0%' : undefined) },
    );
    const [m] = measures;
    expect(m).toMatchObject({
      key: 'KPIs!AH01',
      sheet: 'KPIs',
      tableId: 'KPIs!A1:T2',
      row: 1,
      ref: 'AH01',
      name: 'Enquiries completed in 28 days',
      directorate: 'Adults',
      service: 'Safeguarding',
      priority: 'Keeping people safe',
      owner: 'Sam Okafor',
      commentary: 'Improved triage.\nKeep the rota.',
      actualCell: { row: 1, col: 10 },
      targetCell: { row: 1, col: 11 },
      previousLabel: 'Previous',
      polarityText: 'Higher is better',
      toleranceText: '5%',
      complete: false,
      unitHint: 'percent',
      userRag: 'Green',
      series: [],
      issues: [],
    });
    expect(m.actual).toEqual({ kind: 'number', value: 91, scale: 'percent', raw: 0.91 });
    expect(m.target).toMatchObject({ kind: 'number', value: 90, scale: 'percent' });
    expect(m.annualTarget).toMatchObject({ kind: 'number', value: 92 });
    expect(m.previous).toMatchObject({ kind: 'number', value: 88 });
    expect(m.lastYear).toMatchObject({ kind: 'number', value: 84 });
    expect(m.amberThreshold).toMatchObject({ kind: 'number', value: 85 });
    expect(m.redThreshold).toMatchObject({ kind: 'number', value: 80 });
  });

  test('a target range and an operator target are read as such', () => {
    const { measures } = read([
      ['Ref', 'Measure', 'Actual', 'Target'],
      ['A', 'Budget spent to profile', '101%', '95-105'],
      ['B', 'Cost of collection', '2.8%', '≤3%'],
    ]);
    expect(measures[0].target).toMatchObject({ kind: 'range', low: 95, high: 105 });
    expect(measures[1].target).toMatchObject({ kind: 'bound', op: '<=', value: 3, scale: 'percent' });
  });
});

describe('directorate', () => {
  test('the directorate column first, then the service column, then the section heading above', () => {
    const { measures } = read([
      ['Ref', 'Measure', 'Directorate', 'Service', 'Actual'],
      ['Place services', null, null, null, null],
      ['A', 'one', 'Place', 'Waste', 1],
      ['B', 'two', null, 'Housing', 2],
      ['C', 'three', null, null, 3],
    ]);
    expect(measures.map((m) => m.directorate)).toEqual(['Place', 'Housing', 'Place services']);
    expect(measures.map((m) => m.service)).toEqual(['Waste', 'Housing', null]);
  });

  test('no directorate anywhere is null', () => {
    const { measures } = read([['Measure', 'Actual'], ['one', 1]]);
    expect(measures[0].directorate).toBeNull();
  });
});

describe('commentary', () => {
  test('commentary and remedial action are joined with a new line when both are there', () => {
    const { measures } = read([
      ['Measure', 'Actual', 'Commentary', 'Remedial action'],
      ['a', 1, 'Below target.', 'Recovery plan.'],
      ['b', 2, 'Fine.', null],
      ['c', 3, null, 'Plan.'],
      ['d', 4, null, null],
    ]);
    expect(measures.map((m) => m.commentary)).toEqual(['Below target.\nRecovery plan.', 'Fine.', 'Plan.', null]);
  });
});

describe('unit hint', () => {
  test('"%" or "percent" in the unit column or the name; conservative otherwise', () => {
    const { measures } = read([
      ['Measure', 'Unit', 'Actual'],
      ['Calls answered', '%', 90],
      ['Calls answered', 'Percentage', 90],
      ['% of calls answered', null, 90],
      ['Percentage of calls answered', null, 90],
      ['Rate of calls answered', null, 90],
      ['Calls answered', 'Number', 90],
    ]);
    expect(measures.map((m) => m.unitHint)).toEqual(['percent', 'percent', 'percent', 'percent', null, null]);
  });
});

describe('polarity text', () => {
  test('a yes/no polarity column ("One is high") reads as higher or lower is better', () => {
    const { measures } = read([
      ['Title', 'Actual', 'One is high'],
      ['% of pupils gaining 5+ awards', 60, 'Yes'],
      ['Cost per primary school pupil', 5000, 'No'],
      ['Component', 1, null],
    ]);
    expect(measures.map((m) => m.polarityText)).toEqual(['Higher is better', 'Lower is better', null]);
  });
  test('"Lower is better: Yes" reads as lower is better', () => {
    const { measures } = read([['Measure', 'Actual', 'Lower is better'], ['Sickness days', 9, 'Yes'], ['Visits', 9, 'No']]);
    expect(measures.map((m) => m.polarityText)).toEqual(['Lower is better', 'Higher is better']);
  });
  test('other polarity texts are passed on as written, "Data only" included', () => {
    const { measures } = read([['Measure', 'Actual', 'Polarity'], ['a', 1, 'Low'], ['b', 2, 'Data only'], ['c', 3, '↑']]);
    expect(measures.map((m) => m.polarityText)).toEqual(['Low', 'Data only', '↑']);
  });
});

describe('complete and the user’s RAG', () => {
  test('complete reads Yes / Complete / ✓ as true', () => {
    const { measures } = read([['Measure', 'Actual', 'Complete'], ['a', 1, 'Yes'], ['b', 1, 'Completed'], ['c', 1, '✓'], ['d', 1, 'No'], ['e', 1, null]]);
    expect(measures.map((m) => m.complete)).toEqual([true, true, true, false, null]);
  });
  test('the user’s RAG is read as text; a placeholder is no RAG', () => {
    const { measures } = read([['Project name', 'Delivery RAG rating'], ['a', 'Amber/Green'], ['b', 'Please select an option'], ['c', 4]]);
    expect(measures.map((m) => m.userRag)).toEqual(['Amber/Green', null, '4']);
    expect(measures.every((m) => m.actual.kind === 'missing' && m.actualCell === null)).toBe(true);
    expect(measures.every((m) => m.issues.length === 0)).toBe(true);
  });
});

describe('names and keys', () => {
  test('a row without a name is named by its reference; without either it is no measure', () => {
    const { measures } = read([['Ref', 'Measure', 'Actual'], ['A', null, 1], [null, null, 2], ['C', 'Calls', 3]]);
    expect(measures.map((m) => m.name)).toEqual(['A', 'Calls']);
    expect(measures.map((m) => m.key)).toEqual(['KPIs!A', 'KPIs!C']);
  });
  test('the key is the sheet and ref, or the name when there is no ref', () => {
    const { measures } = read([['Measure', 'Actual'], ['Visits', 1], ['Calls', 2]]);
    expect(measures.map((m) => m.key)).toEqual(['KPIs!Visits', 'KPIs!Calls']);
  });
  test('a ref table without a measure column names measures by their ref', () => {
    const { measures } = read([['Ref', 'Actual'], ['CS01', 1]]);
    expect(measures[0].name).toBe('CS01');
  });
  test('duplicate refs get "#row" keys and an issue each', () => {
    const { measures } = read([['Ref', 'Measure', 'Actual'], ['CS01', 'a', 1], ['CS01', 'b', 2], ['CS02', 'c', 3]]);
    expect(measures.map((m) => m.key)).toEqual(['KPIs!CS01#2', 'KPIs!CS01#3', 'KPIs!CS02']);
    expect(measures[0].issues).toEqual([expect.objectContaining({ code: 'duplicate-ref', severity: 'warning', sheet: 'KPIs' })]);
    expect(measures[0].issues[0].message).toMatch(/"CS01" is used by more than one measure on this sheet \(rows 2, 3\)/);
    expect(measures[2].issues).toEqual([]);
  });
  test('keys are unique across the tables of a sheet', () => {
    const s = sheet('S', [
      ['Measure', 'Actual'],
      ['Visits', 1],
      [null, null],
      [null, null],
      ['Measure', 'Actual'],
      ['Visits', 2],
    ]);
    const wb = workbook(s);
    const r = detectTables(wb, {}, []);
    expect(r.tables).toHaveLength(2);
    const all = extractWorkbookMeasures(r.tables, wb, {});
    expect(all.map((m) => m.key)).toEqual(['S!Visits#2', 'S!Visits#6']);
  });
});

describe('issues', () => {
  test('a blank actual: "No data: C2 is blank"', () => {
    const { measures } = read([['Ref', 'Measure', 'Actual'], ['A', 'x', null]]);
    expect(measures[0].issues).toEqual([{ severity: 'warning', sheet: 'KPIs', cell: 'C2', code: 'no-data', message: 'No data: C2 is blank' }]);
  });
  test('a no-data token: \'No data: C2 holds "TBC"\'', () => {
    const { measures } = read([['Ref', 'Measure', 'Actual'], ['A', 'x', 'TBC'], ['B', 'y', '#DIV/0!']]);
    expect(measures[0].issues[0].message).toBe('No data: C2 holds "TBC"');
    expect(measures[1].issues[0].message).toBe('No data: C3 holds "#DIV/0!"');
  });
  test('text that is not a number', () => {
    const { measures } = read([['Ref', 'Measure', 'Actual'], ['A', 'x', 'about 90']]);
    expect(measures[0].issues).toEqual([expect.objectContaining({ code: 'not-a-number', cell: 'C2', message: '"about 90" in C2 is not a number' })]);
  });
  test('a formula saved without its result', () => {
    const { measures } = read([['Ref', 'Measure', 'Actual'], ['A', 'x', null]], { uncachedFormulas: ['C2'] });
    expect(measures[0].issues).toEqual([expect.objectContaining({ code: 'formula-no-result', cell: 'C2' })]);
    expect(measures[0].issues[0].message).toMatch(/C2 holds a formula saved without its result/);
  });
  test('a formula without a result in the name cell is named by its reference (else its row), with an issue', () => {
    const { measures } = read([['Ref', 'Project Name', 'Actual'], ['B1', null, 4]], { uncachedFormulas: ['B2'] });
    expect(measures[0].name).toBe('B1');
    expect(measures[0].issues.map((i) => i.code)).toEqual(['formula-no-result']);
    const noRef = read([['Project Name', 'Actual'], [null, 4], ['Library', 5]], { uncachedFormulas: ['A2'] }).measures;
    expect(noRef.map((m) => m.name)).toEqual(['Row 2', 'Library']);
    expect(noRef[0].issues.map((i) => i.code)).toEqual(['formula-no-result']);
  });
  test('a target that is text is reported; a zero is not guessed to be "not available"', () => {
    const { measures } = read([['Ref', 'Measure', 'Actual', 'Target'], ['A', 'x', 0, '50% reduction']]);
    expect(measures[0].actual).toMatchObject({ kind: 'number', value: 0 });
    expect(measures[0].issues.map((i) => i.code)).toEqual(['target-not-a-number']);
  });
});

describe('the comparison value', () => {
  test('in a wide layout the previous period comes before a Baseline column; without one the column is used', () => {
    const { measures } = read([
      ['Measure', 'Baseline', 'Q1', 'Q2'],
      ['x', 4, 5, 6],
    ]);
    expect(measures[0]).toMatchObject({ previous: { value: 5 }, previousLabel: 'Q1' });
    const single = read([['Measure', 'Baseline', 'Actual'], ['x', 4, 6]]).measures[0];
    expect(single).toMatchObject({ previous: { value: 4 }, previousLabel: 'Baseline' });
  });
  test('"same period last year" mode uses a Same-period-last-year column when there are no periods', () => {
    const config: RagConfig = { settings: { directionOfTravel: { compareWith: 'same-period-last-year' } } };
    const { measures } = read([['Measure', 'Previous', 'Same period last year', 'Actual'], ['x', 5, 3, 6]], {}, config);
    expect(measures[0]).toMatchObject({ previous: { value: 3 }, previousLabel: 'Same period last year', lastYear: { value: 3 } });
  });
});

describe('settings for a measure', () => {
  test('a target from the measure settings replaces the sheet’s (a number or text)', () => {
    const config: RagConfig = { measures: [{ ref: 'A', target: 95 }, { name: 'y', target: '≥ 90%' }] };
    const { measures } = read([['Ref', 'Measure', 'Actual', 'Target'], ['A', 'x', 92, 90], ['B', 'y', 91, 'no target']], {}, config);
    expect(measures[0].target).toMatchObject({ kind: 'number', value: 95 });
    expect(measures[0].targetCell).toBeNull();
    expect(measures[1].target).toMatchObject({ kind: 'bound', op: '>=', value: 90, scale: 'percent' });
  });
  test('a measure-level compareWith uses the same period last year for that measure only', () => {
    const config: RagConfig = { measures: [{ ref: 'B', directionOfTravel: { compareWith: 'same-period-last-year' } }] };
    const { measures } = read(
      [
        ['Ref', 'Measure', 'Q1 2023/24', 'Q2 2023/24', 'Q3 2023/24', 'Q4 2023/24', 'Q1 2024/25'],
        ['A', 'x', 1, 2, 3, 4, 5],
        ['B', 'y', 10, 20, 30, 40, 50],
      ],
      {},
      config,
    );
    expect(measures[0].previousLabel).toBe('Q4 2023/24');
    expect(measures[1].previousLabel).toBe('Q1 2023/24');
    expect(measures[1].previous).toMatchObject({ value: 10 });
  });
});
