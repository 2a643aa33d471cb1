/**
 * The real workbooks in test/fixtures/real-workbooks (see SOURCES.md there), read with exceljs
 * in the test only. Tolerant of what SOURCES.md says is there; strict about what detection claims.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { detectTables, extractMeasures, extractWorkbookMeasures } from '../../../src/core/detect';
import type { RagConfig } from '../../../src/core/config/schema';
import type { DetectedTable, WorkbookSnapshot } from '../../../src/core/types';
import { readWorkbook } from '../../fixtures/snapshots/fromExcelJS';
import { workbook } from '../../fixtures/snapshots/build';
import { csvSheet } from './csv-sheet';
import { REAL_WORKBOOKS } from '../../helpers/workbooks';

const DIR = REAL_WORKBOOKS;
// The fixtures are part of the repository: a missing one is a failure, not a skip.
const describeIf = describe;

const cache = new Map<string, Promise<WorkbookSnapshot>>();
const load = (file: string): Promise<WorkbookSnapshot> => {
  if (!cache.has(file)) cache.set(file, readWorkbook(join(DIR, file)));
  return cache.get(file)!;
};
const roleOf = (t: DetectedTable, header: string) => t.columns.find((c) => c.header === header)?.role;

describeIf('SPCreporter example data (NHS Making Data Count inputs)', () => {
  const FILE = 'spcreporter_example_data.xlsx';

  test('the "month" sheet is one wide table whose periods are its date columns', async () => {
    const wb = await load(FILE);
    const r = detectTables(wb, {}, []);
    const month = r.tables.filter((t) => t.sheet === 'month');
    expect(month).toHaveLength(1);
    const t = month[0];
    expect(t.layout).toBe('wide');
    expect(t.headerRow).toBe(0);
    expect(roleOf(t, 'ref')).toBe('ref');
    expect(roleOf(t, 'measure_name')).toBe('measure');
    expect(roleOf(t, 'comment')).toBe('commentary');
    const periods = t.columns.filter((c) => c.role === 'period');
    // SOURCES.md: 33 monthly columns whose headers are real Excel dates
    expect(periods).toHaveLength(33);
    expect(periods.every((c) => c.period!.periodsPerYear === 12)).toBe(true);
    expect(periods[0].header).toBe('Jan 2020');
    const orders = periods.map((c) => c.period!.order);
    expect([...orders].sort((a, b) => a - b)).toEqual(orders);
    expect(t.currentPeriod?.label).toBe(periods[periods.length - 1].period!.label);
    expect(t.previousPeriod?.label).toBe(periods[periods.length - 2].period!.label);
  });

  test('each measure row becomes a measure with its full monthly series', async () => {
    const wb = await load(FILE);
    const t = detectTables(wb, {}, []).tables.find((x) => x.sheet === 'month')!;
    const ms = extractMeasures(t, wb.sheets.find((s) => s.name === 'month')!, {});
    expect(ms.length).toBeGreaterThanOrEqual(5);
    const attendances = ms.find((m) => m.name === 'Attendances')!;
    expect(attendances.ref).toBe('1');
    expect(attendances.series).toHaveLength(33);
    expect(attendances.actual.kind).toBe('number');
    expect(attendances.commentary).toBe('you can put a comment here');
    // "%" measures are fractions in this file; the name says percent
    const pct = ms.find((m) => m.name.startsWith('%'));
    if (pct) expect(pct.unitHint).toBe('percent');
  });

  test('the "week" sheet has weekly periods', async () => {
    const wb = await load(FILE);
    const t = detectTables(wb, {}, []).tables.find((x) => x.sheet === 'week');
    expect(t).toBeDefined();
    const periods = t!.columns.filter((c) => c.role === 'period');
    expect(periods.length).toBeGreaterThanOrEqual(20);
    expect(periods.every((c) => c.period!.periodsPerYear === 52)).toBe(true);
  });
});

describeIf('Improvement Service LGBF metadata', () => {
  const FILE = 'improvement_service_lgbf_metadata.xlsx';

  test('"One is high" is a polarity column', async () => {
    const wb = await load(FILE);
    // metadata has no actual column, so detection alone skips it with a reason...
    const auto = detectTables(wb, {}, []);
    expect(auto.tables).toHaveLength(0);
    expect(auto.skippedSheets).toEqual([{ sheet: 'metadata', reason: expect.any(String) }]);
    // ...and with its header row named in the settings the columns read as they should
    const config: RagConfig = { tables: [{ sheet: 'metadata', headerRow: 1 }] };
    const r = detectTables(wb, config, []);
    expect(r.tables).toHaveLength(1);
    const t = r.tables[0];
    expect(roleOf(t, 'One is high')).toBe('polarity');
    expect(roleOf(t, 'Title')).toBe('measure');
    expect(roleOf(t, 'Key indicator')).not.toBe('measure');
    const ms = extractMeasures(t, wb.sheets[0], config);
    const cost = ms.find((m) => /^Cost Per Primary School Pupil/i.test(m.name));
    expect(cost?.polarityText).toBe('Lower is better');
    const higher = ms.filter((m) => m.polarityText === 'Higher is better');
    expect(higher.length).toBeGreaterThan(0);
  });
});

describeIf('DLUHC Pathfinders return (template, mock data)', () => {
  const FILE = 'dluhc_pathfinders_return_PF_Round_2_Success.xlsx';

  test('the Progress sheet’s project table is found at B21:F21 with its RAG columns', async () => {
    const wb = await load(FILE);
    const r = detectTables(wb, {}, []);
    const progress = r.tables.filter((t) => t.sheet === 'Progress');
    expect(progress).toHaveLength(1);
    const t = progress[0];
    expect(t.headerRow).toBe(20);
    expect(t.left).toBe(1);
    expect(t.right).toBe(5);
    expect(roleOf(t, 'Project name')).toBe('measure');
    expect(roleOf(t, 'Spend RAG rating')).toBe('userRag');
    expect(roleOf(t, 'Delivery RAG rating')).toBe('userRag');
    expect(t.columns.find((c) => c.col === 5)!.role).toBe('commentary');
    const ms = extractMeasures(t, wb.sheets.find((s) => s.name === 'Progress')!, {});
    expect(ms.length).toBeGreaterThan(0);
    expect(ms.every((m) => m.name.startsWith('PF-'))).toBe(true);
    // the five-point text scale is kept as written
    expect(ms.map((m) => m.userRag).filter(Boolean).every((v) => ['Green', 'Amber/Green', 'Amber', 'Amber/Red', 'Red'].includes(v!))).toBe(true);
    // "Please select an option" slots are not measures
    expect(ms.some((m) => m.name.startsWith('Row '))).toBe(false);
  });

  test('hidden lookup sheets (with the only Excel tables) are skipped as hidden', async () => {
    const wb = await load(FILE);
    const r = detectTables(wb, {}, []);
    for (const name of ['Project Details', 'Bespoke Outputs', 'Bespoke Outcomes']) {
      expect(r.skippedSheets).toContainEqual({ sheet: name, reason: expect.stringMatching(/^hidden sheet/) });
    }
  });

  test('the Outputs sheet’s three-row header reads quarters of financial years, actuals apart from forecasts', async () => {
    const wb = await load(FILE);
    const t = detectTables(wb, {}, []).tables.find((x) => x.sheet === 'Outputs');
    expect(t).toBeDefined();
    const periods = t!.columns.filter((c) => c.role === 'period');
    expect(periods.length).toBeGreaterThan(0);
    expect(periods.every((c) => /Actual$/.test(c.header) && c.period!.periodsPerYear === 4)).toBe(true);
    expect(t!.columns.some((c) => c.role === 'period' && /Forecast/.test(c.header))).toBe(false);
  });
});

describeIf('DLUHC Towns Fund return (template, mock data)', () => {
  const FILE = 'dluhc_towns_fund_return_TF_Round_4_Success.xlsx';

  test('the whole workbook is read without error; the RAG table on "3 - Programme Progress" is found', async () => {
    const wb = await load(FILE);
    const r = detectTables(wb, {}, []);
    const ms = extractWorkbookMeasures(r.tables, wb, {});
    expect(new Set(ms.map((m) => m.key)).size).toBe(ms.length);
    const t = r.tables.find((x) => x.sheet === '3 - Programme Progress');
    expect(t).toBeDefined();
    expect(t!.headerRow).toBe(18);
    expect(roleOf(t!, 'Project Name')).toBe('measure');
    expect(['Delivery (RAG)', 'Spend (RAG)', 'Risk (RAG)'].map((h) => roleOf(t!, h))).toEqual(['userRag', 'userRag', 'userRag']);
    // the legend beside it (Q19:V25) is not part of it
    expect(t!.right).toBeLessThan(16);
    // hidden sheets are skipped and named
    expect(r.skippedSheets).toContainEqual({ sheet: 'Backend Data', reason: expect.stringMatching(/hidden/) });
  });

  test('formulas saved without results are reported, not read as blanks', async () => {
    const wb = await load(FILE);
    const r = detectTables(wb, {}, []);
    const t = r.tables.find((x) => x.sheet === '3 - Programme Progress')!;
    const ms = extractMeasures(t, wb.sheets.find((s) => s.name === t.sheet)!, {});
    const uncached = wb.sheets.find((s) => s.name === t.sheet)!.uncachedFormulas ?? [];
    // SOURCES.md: project names are formulas, many saved without results
    expect(uncached.some((c) => c.col === 2 && c.row > 18 && c.row < 40)).toBe(true);
    const nameCol = t.columns.find((c) => c.role === 'measure')!.col;
    for (const m of ms) {
      const nameUncached = uncached.some((c) => c.row === m.row && c.col === nameCol);
      expect(m.issues.some((i) => i.code === 'formula-no-result')).toBe(nameUncached);
    }
    // slots whose name formula has no result and hold only "< Select >" are not measures
    expect(ms.some((m) => m.name.startsWith('Row '))).toBe(false);
  });
});

describe('the sample council return (examples/sample-return.xlsx)', () => {
  const path = join(__dirname, '../../../examples/sample-return.xlsx');
  const run = existsSync(path) ? test : test.skip;

  run('every measure sheet is found; the cover is skipped', async () => {
    const wb = await readWorkbook(path);
    const r = detectTables(wb, {}, []);
    expect(r.skippedSheets.map((s) => s.sheet)).toEqual(['Cover']);
    const bySheet = new Map<string, DetectedTable[]>();
    for (const t of r.tables) bySheet.set(t.sheet, [...(bySheet.get(t.sheet) ?? []), t]);
    expect(bySheet.get('Place')).toHaveLength(2);
    expect(bySheet.get('Children & Families')![0].excelTable).toBe('ChildrenQ3');
    expect(bySheet.get('Adults & Health')![0].currentPeriod?.label).toBe('Q3');
    expect(bySheet.get('Resources')![0].currentPeriod?.label).toBe('Q3 2025/26');
    const ms = extractWorkbookMeasures(r.tables, wb, {});
    expect(ms.length).toBeGreaterThanOrEqual(40);
    const place = ms.filter((m) => m.sheet === 'Place');
    expect(new Set(place.map((m) => m.directorate))).toEqual(new Set(['Environment', 'Housing and Planning']));
    const cf02 = ms.find((m) => m.ref === 'CF02')!;
    expect(cf02.actual).toMatchObject({ kind: 'number', value: 24.5, scale: 'percent' });
    const rs09 = ms.find((m) => m.ref === 'RS09')!;
    expect(rs09.actual).toMatchObject({ kind: 'missing', token: '-' });
  });
});

// ------------------------------------------------------------------ CSV files (read by a small reader, test only: ./csv-sheet.ts)

describeIf('Trafford household waste recycling (long layout)', () => {
  test('one row per area per year groups into one measure per area with a yearly series', () => {
    const s = csvSheet('recycling', 'trafford_household_waste_recycling.csv');
    const r = detectTables(workbook(s), {}, []);
    expect(r.tables).toHaveLength(1);
    const t = r.tables[0];
    expect(t.layout).toBe('long');
    expect(roleOf(t, 'period')).toBe('period');
    expect(roleOf(t, 'value')).toBe('actual');
    expect(t.currentPeriod?.periodsPerYear).toBe(1);
    const ms = extractMeasures(t, s, {});
    // SOURCES.md: one indicator as a percentage and (from 2014/15) in tonnes, for Trafford and its neighbours
    const trafford = ms.find((m) => /\(Trafford, Percentage\)$/.test(m.name));
    expect(ms.find((m) => /\(Trafford, Frequency\)$/.test(m.name))).toBeDefined();
    expect(trafford?.unitHint).toBe('percent');
    expect(trafford).toBeDefined();
    expect(trafford!.series.length).toBeGreaterThanOrEqual(5);
    const labels = trafford!.series.map((p) => p.period.label);
    expect([...labels].sort()).toEqual(labels);
    expect(trafford!.actual.kind).toBe('number');
    expect(trafford!.actualCell!.row).toBe(trafford!.series[trafford!.series.length - 1].cell.row);
    // every area is its own measure: no two measures share a name
    expect(new Set(ms.map((m) => m.name)).size).toBe(ms.length);
  });
});

describeIf('Hart DC KPI tiles (short keys)', () => {
  test('a sheet whose headers are one-letter keys is not guessed at: skipped unless the settings map it', () => {
    const s = csvSheet('tiles', 'hartdc_kpi_tiles_2014.csv');
    const auto = detectTables(workbook(s), {}, []);
    expect(auto.tables).toHaveLength(0);
    const config: RagConfig = { tables: [{ sheet: 'tiles', headerRow: 1, columns: { k: 'ref', d: 'measure', tq: 'actual', lq: 'previous', t: 'target', n: 'commentary', u: 'service', p: 'unit' } }] };
    const r = detectTables(workbook(s), config, []);
    expect(r.tables).toHaveLength(1);
    const ms = extractMeasures(r.tables[0], s, config);
    const cs01 = ms.find((m) => m.ref === 'CS01')!;
    expect(cs01.actual).toMatchObject({ kind: 'number', value: 95.9 });
    expect(cs01.unitHint).toBe('percent');
    // 45 KPIs x 2 snapshots: refs repeat, so keys carry their rows
    expect(new Set(ms.map((m) => m.key)).size).toBe(ms.length);
  });
});
