import { detectTables } from '../../../src/core/detect';
import { extractMeasures } from '../../../src/core/detect/extract';
import { validateConfig } from '../../../src/core/config/resolve';
import type { RagConfig, RagConfigInput } from '../../../src/core/config/schema';
import type { CellValue, DetectedTable } from '../../../src/core/types';
import { sheet, workbook } from '../../fixtures/snapshots/build';

/** Configuration as a user writes it, validated the way the add-in does. */
function cfg(input: RagConfigInput): RagConfig {
  const r = validateConfig(input);
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.config;
}

const roles = (t: DetectedTable): string[] => t.columns.map((c) => c.role);

// A sheet detection cannot read on its own: no recognisable headers.
const ODD: CellValue[][] = [
  ['Quarterly return', null, null, null],
  [null, null, null, null],
  ['Code', 'What', 'Figure', 'Aim'],
  ['X1', 'Visits', 92, 90],
  ['X2', 'Calls', 80, 85],
];

describe('forcing a table', () => {
  test('"range" forces a table where detection finds none; the first row is its header', () => {
    const wb = workbook(sheet('Odd', ODD));
    expect(detectTables(wb, {}, []).tables).toHaveLength(0);
    const r = detectTables(wb, cfg({ tables: [{ sheet: 'Odd', range: 'A3:D5', columns: { C: 'actual', D: 'target', B: 'measure' } }] }), []);
    expect(r.tables).toHaveLength(1);
    const t = r.tables[0];
    expect(t).toMatchObject({ id: 'Odd!A3:D5', headerRow: 2, firstDataRow: 3, lastDataRow: 4, left: 0, right: 3 });
    expect(roles(t)).toEqual(['ref', 'measure', 'actual', 'target']);
    expect(t.columns.slice(1).every((c) => c.roleSource === 'config')).toBe(true);
    const ms = extractMeasures(t, wb.sheets[0], {});
    expect(ms.map((m) => [m.name, m.actual.kind === 'number' ? m.actual.value : null])).toEqual([
      ['Visits', 92],
      ['Calls', 80],
    ]);
  });

  test('a forced range without a value column says so', () => {
    const r = detectTables(workbook(sheet('Odd', ODD)), cfg({ tables: [{ sheet: 'Odd', range: 'A3:D5' }] }), []);
    expect(r.tables[0].issues.map((i) => i.code)).toEqual(['config-no-value-column']);
  });

  test('a forced range without a measure or reference column says so, and names measures by row', () => {
    const s = sheet('Odd', [['What', 'Figure'], ['Visits', 92]]);
    const r = detectTables(workbook(s), cfg({ tables: [{ sheet: 'Odd', range: 'A1:B2', columns: { B: 'actual' } }] }), []);
    expect(r.tables[0].issues.map((i) => i.code)).toEqual(['config-no-measure-column']);
    expect(extractMeasures(r.tables[0], s, {})[0].name).toBe('Row 2');
  });

  test('"headerRow" (1-based) forces the header row and the block below it', () => {
    const r = detectTables(workbook(sheet('Odd', ODD)), cfg({ tables: [{ sheet: 'Odd', headerRow: 3, columns: { What: 'measure', Figure: 'actual' } }] }), []);
    expect(r.tables).toHaveLength(1);
    expect(r.tables[0]).toMatchObject({ headerRow: 2, firstDataRow: 3, lastDataRow: 4 });
    expect(roles(r.tables[0])).toEqual(['ref', 'measure', 'actual', 'target']);
  });

  test('"headerRow" overrides the row detection chose', () => {
    const s = sheet('S', [
      ['Ref', 'Measure', 'Actual'],
      ['Ref', 'Indicator', 'Result'],
      ['A', 'x', 1],
    ]);
    const auto = detectTables(workbook(s), {}, []);
    expect(auto.tables[0].headerRow).toBe(1);
    const forced = detectTables(workbook(s), cfg({ tables: [{ sheet: 'S', headerRow: 1 }] }), []);
    expect(forced.tables).toHaveLength(1);
    expect(forced.tables[0].headerRow).toBe(0);
  });

  test('a header row that is empty is an issue, not a crash', () => {
    const r = detectTables(workbook(sheet('Odd', ODD)), cfg({ tables: [{ sheet: 'Odd', headerRow: 2 }] }), []);
    expect(r.tables).toHaveLength(0);
    expect(r.issues).toEqual([expect.objectContaining({ code: 'config-header-row-empty', sheet: 'Odd' })]);
  });

  test('a header row outside the given range is an issue; the first row of the range is used', () => {
    const r = detectTables(workbook(sheet('Odd', ODD)), cfg({ tables: [{ sheet: 'Odd', range: 'A3:D5', headerRow: 9 }] }), []);
    expect(r.tables[0].headerRow).toBe(2);
    expect(r.tables[0].issues.map((i) => i.code)).toContain('config-header-row-outside');
  });

  test('a table forced on a hidden sheet is read although hidden sheets are skipped', () => {
    const r = detectTables(workbook(sheet('Odd', ODD, { visibility: 'hidden' })), cfg({ tables: [{ sheet: 'Odd', range: 'A3:D5' }] }), []);
    expect(r.tables).toHaveLength(1);
    expect(r.skippedSheets).toEqual([]);
  });
});

describe('shaping a detected table', () => {
  const KPIS: CellValue[][] = [
    ['Ref', 'Measure', 'Actual', 'Target', 'Notes', 'Stretch'],
    ['M1', 'Visits', 92, 90, 'fine', 95],
  ];

  test('"columns" maps a column letter to a role', () => {
    const r = detectTables(workbook(sheet('S', KPIS)), cfg({ tables: [{ sheet: 'S', columns: { F: 'target' } }] }), []);
    const t = r.tables[0];
    expect(t.columns.find((c) => c.col === 5)).toMatchObject({ role: 'target', roleSource: 'config' });
    // the header's guess gives way
    expect(t.columns.find((c) => c.col === 3)!.role).toBe('ignore');
    const [m] = extractMeasures(t, workbook(sheet('S', KPIS)).sheets[0], {});
    expect(m.target).toMatchObject({ value: 95 });
  });

  test('"columns" maps header text (any case and spacing) to a role', () => {
    const r = detectTables(workbook(sheet('S', KPIS)), cfg({ tables: [{ sheet: 'S', columns: { '  notes ': 'ignore', STRETCH: 'annualTarget' } }] }), []);
    const t = r.tables[0];
    expect(t.columns.find((c) => c.header === 'Notes')!.role).toBe('ignore');
    expect(t.columns.find((c) => c.header === 'Stretch')!.role).toBe('annualTarget');
  });

  test('a column letter outside the table takes that column in', () => {
    const s = sheet('S', [
      ['Ref', 'Measure', 'Actual', null, null],
      ['M1', 'Visits', 92, null, 'Sam'],
    ]);
    const r = detectTables(workbook(s), cfg({ tables: [{ sheet: 'S', columns: { E: 'owner' } }] }), []);
    const t = r.tables[0];
    expect(t.right).toBe(4);
    expect(extractMeasures(t, s, {})[0].owner).toBe('Sam');
  });

  test('a column the table does not have is an issue naming it', () => {
    const r = detectTables(workbook(sheet('S', KPIS)), cfg({ tables: [{ sheet: 'S', columns: { 'Lead officer': 'owner' } }] }), []);
    expect(r.tables[0].issues).toEqual([expect.objectContaining({ code: 'config-column-missing', message: expect.stringContaining('"Lead officer"') })]);
  });

  test('"include": false leaves a detected table out', () => {
    const wb = workbook(sheet('S', KPIS), sheet('T', KPIS));
    const r = detectTables(wb, cfg({ tables: [{ sheet: 'S', include: false }] }), []);
    expect(r.tables.map((t) => t.sheet)).toEqual(['T']);
    expect(r.skippedSheets).toEqual([{ sheet: 'S', reason: expect.stringMatching(/left out by the settings/) }]);
  });

  test('"include": false with a range leaves only that table out', () => {
    const s = sheet('S', [...KPIS, [null], [null], ...KPIS]);
    const r = detectTables(workbook(s), cfg({ tables: [{ sheet: 'S', range: 'A5:F6', include: false }] }), []);
    expect(r.tables.map((t) => t.id)).toEqual(['S!A1:F2']);
  });

  test('an Excel table named in the settings', () => {
    const s = sheet('S', KPIS, { tables: [{ name: 'Kpis', range: 'A1:F2' }] });
    const r = detectTables(workbook(s), cfg({ tables: [{ sheet: 'S', excelTable: 'kpis', columns: { Stretch: 'target' } }] }), []);
    expect(r.tables[0].columns.find((c) => c.header === 'Stretch')!.role).toBe('target');
    const missing = detectTables(workbook(s), cfg({ tables: [{ sheet: 'S', excelTable: 'Nope' }] }), []);
    expect(missing.issues).toEqual([expect.objectContaining({ code: 'config-table-missing' })]);
  });

  test('settings for a sheet that does not exist are an issue, not a crash', () => {
    const r = detectTables(workbook(sheet('S', KPIS)), cfg({ tables: [{ sheet: 'Adults', headerRow: 4 }] }), []);
    expect(r.tables).toHaveLength(1);
    expect(r.issues).toEqual([expect.objectContaining({ code: 'config-sheet-missing', sheet: 'Adults', message: expect.stringContaining('"Adults"') })]);
  });
});

describe('period columns named by the settings', () => {
  test('headers that are not periods become periods in column order', () => {
    const s = sheet('S', [['Ref', 'Measure', 'Spring', 'Summer', 'Autumn', 'Actual'], ['A', 'x', 1, 2, null, 9]]);
    const r = detectTables(workbook(s), cfg({ tables: [{ sheet: 'S', columns: { Spring: 'period', Summer: 'period', Autumn: 'period', Actual: 'ignore' } }] }), []);
    const t = r.tables[0];
    expect(t.columns.filter((c) => c.role === 'period').map((c) => [c.header, c.period!.order])).toEqual([
      ['Spring', 0],
      ['Summer', 1],
      ['Autumn', 2],
    ]);
    expect(t.currentPeriod?.label).toBe('Summer');
    const [m] = extractMeasures(t, s, {});
    expect(m.actual).toMatchObject({ value: 2 });
    expect(m.previous).toMatchObject({ value: 1 });
  });
});

describe('choosing the period', () => {
  const WIDE: CellValue[][] = [
    ['Ref', 'Measure', 'Q1', 'Q2', 'Q3', 'Target'],
    ['M1', 'Visits', 10, 11, 12, 11],
  ];

  test('"currentPeriod" picks the period by its header text', () => {
    const s = sheet('S', WIDE);
    const r = detectTables(workbook(s), cfg({ tables: [{ sheet: 'S', currentPeriod: 'q2' }] }), []);
    const t = r.tables[0];
    expect(t.currentPeriod?.label).toBe('Q2');
    expect(t.previousPeriod?.label).toBe('Q1');
    const [m] = extractMeasures(t, s, {});
    expect(m.actual).toMatchObject({ value: 11 });
    expect(m.previous).toMatchObject({ value: 10 });
  });

  test('a period that is not there is an issue; the latest period with data is used', () => {
    const r = detectTables(workbook(sheet('S', WIDE)), cfg({ tables: [{ sheet: 'S', currentPeriod: 'Q4 2030/31' }] }), []);
    const t = r.tables[0];
    expect(t.currentPeriod?.label).toBe('Q3');
    expect(t.issues).toEqual([expect.objectContaining({ code: 'config-period-missing', message: expect.stringContaining('"Q4 2030/31"') })]);
  });

  test('"yearStartMonth" sets where the financial year starts', () => {
    const s = sheet('S', [['Measure', 'Jan 2025', 'Feb 2025'], ['x', 1, 2]]);
    const april = detectTables(workbook(s), {}, []).tables[0];
    expect(april.currentPeriod).toMatchObject({ year: 2024, indexInYear: 11 });
    const january = detectTables(workbook(s), cfg({ settings: { forecast: { yearStartMonth: 1 } } }), []).tables[0];
    expect(january.currentPeriod).toMatchObject({ year: 2025, indexInYear: 2 });
  });
});
