/**
 * What an auditor found reading the real workbooks of test/fixtures/real-workbooks (SOURCES.md
 * there describes each layout): repeated headers, sub-group labels, block titles and unnamed rows
 * read as measures; a data row taken for a new header; the wrong measure column; several RAG
 * columns; zeros meaning "not yet available". Each is pinned here on the file itself; the general
 * rule behind each fix has its own small test in general-rules.test.ts.
 */
import { join } from 'node:path';
import { detectTables, extractWorkbookMeasures } from '../../../src/core/detect';
import type { RagConfig } from '../../../src/core/config/schema';
import type { DetectedTable, Measure, WorkbookSnapshot } from '../../../src/core/types';
import { readWorkbook } from '../../fixtures/snapshots/fromExcelJS';
import { workbook } from '../../fixtures/snapshots/build';
import { REAL_WORKBOOKS } from '../../helpers/workbooks';
import { csvSheet } from './csv-sheet';

const cache = new Map<string, Promise<WorkbookSnapshot>>();
const load = (file: string): Promise<WorkbookSnapshot> => {
  if (!cache.has(file)) cache.set(file, readWorkbook(join(REAL_WORKBOOKS, file)));
  return cache.get(file)!;
};
const roleOf = (t: DetectedTable, header: string) => t.columns.find((c) => c.header === header)?.role;

/** Measure names that are not measures: what the auditor found. */
const JUNK = /^(?:Row \d+|Mandatory|Project-Specific\b.*|Project \d+:.*|Process|Output|Outcome|Goal|Objective|Financial Year .*|Actual|Forecast)$/;

async function towns(): Promise<{ wb: WorkbookSnapshot; tables: DetectedTable[]; measures: Measure[]; issues: ReturnType<typeof detectTables>['issues'] }> {
  const wb = await load('dluhc_towns_fund_return_TF_Round_4_Success.xlsx');
  const r = detectTables(wb, {}, []);
  return { wb, tables: r.tables, measures: extractWorkbookMeasures(r.tables, wb, {}), issues: r.issues };
}

describe('DLUHC Towns Fund return: stacked blocks', () => {
  test('"6 - Outcomes": repeated period headers and unnamed rows are not measures; no date serial is an actual', async () => {
    const { tables, measures, issues } = await towns();
    const onSheet = measures.filter((m) => m.sheet === '6 - Outcomes');
    expect(tables.filter((t) => t.sheet === '6 - Outcomes')).toHaveLength(16);
    // Section B's indicator table (10 indicators) and one "Change in footfall" per footfall block (15)
    expect(onSheet).toHaveLength(25);
    expect(onSheet.filter((m) => m.name === 'Change in footfall')).toHaveLength(15);
    expect(onSheet.map((m) => m.name)).toEqual(expect.arrayContaining(['Change in air quality', 'Vehicle journey time', 'Travel times in the corridors of interest']));
    expect(onSheet.filter((m) => JUNK.test(m.name))).toEqual([]);
    // the restated month rows hold dates (44986 is Mar 2023): none is read as a figure
    for (const m of onSheet) if (m.actual.kind === 'number') expect(m.actual.value).toBeLessThan(40000);
    // the instruction under the indicator list is not a measure
    expect(onSheet.some((m) => /please use the spaces below/i.test(m.name))).toBe(false);
    // the footfall figures typed without a name (the block's later years) are reported, not rated
    const unnamed = issues.filter((i) => i.sheet === '6 - Outcomes' && i.code === 'unnamed-rows');
    expect(unnamed).toHaveLength(1);
    expect(unnamed[0].message).toMatch(/^Rows 65, 70, 75, 80 and 85 hold figures but no measure name/);
  });

  test('"5 - Project Outputs": sub-group labels are headings and block titles captions, never measures', async () => {
    const { tables, measures } = await towns();
    const sheetTables = tables.filter((t) => t.sheet === '5 - Project Outputs');
    expect(sheetTables).toHaveLength(20);
    const onSheet = measures.filter((m) => m.sheet === '5 - Project Outputs');
    expect(onSheet).toHaveLength(64);
    expect(onSheet.filter((m) => JUNK.test(m.name))).toEqual([]);
    const first = onSheet.filter((m) => m.tableId === sheetTables[0].id).map((m) => m.name);
    expect(first).toEqual([
      '# of temporary FT jobs supported',
      expect.stringMatching(/^# of full-time equivalent \(FTE\) permanent jobs created/),
      expect.stringMatching(/^# of full-time equivalent \(FTE\) permanent jobs safeguarded/),
      '# of transport nodes with new multimodal connection points',
      'Total length of improved cycle ways',
    ]);
    // the labels group the measures below them; each block's title is its caption
    const headings = sheetTables[0].sections.map((s) => s.text);
    expect(headings[0]).toBe('Project 1: Scala Theatre & Corn Exchange');
    expect(headings).toEqual(['Project 1: Scala Theatre & Corn Exchange', 'Mandatory', expect.stringMatching(/^Project-Specific - Standard \(i\.e\./)]);
    expect(sheetTables[1].sections[0].text).toBe('Project 2: 8 Angel Street');
    // a block ends before the next block's title
    expect(sheetTables[0].lastDataRow).toBeLessThan(54);
    expect(onSheet.find((m) => m.name === 'Total length of improved cycle ways')!.directorate).toMatch(/^Project-Specific - Standard/);
  });

  test('"3 - Programme Progress": Delivery, Spend and Risk (RAG) are all kept, 1-5 scores read as colours', async () => {
    const { measures } = await towns();
    const progress = measures.filter((m) => m.sheet === '3 - Programme Progress');
    expect(progress.length).toBeGreaterThan(0);
    for (const m of progress) {
      expect(m.userRags!.map((u) => u.header)).toEqual(['Delivery (RAG)', 'Spend (RAG)', 'Risk (RAG)']);
      // the first stays the user's RAG, as before
      expect(m.userRag).toBe(m.userRags![0].value);
      for (const u of m.userRags!) {
        if (u.value === null) expect(u.normalised).toBeNull();
        else {
          expect(u.value).toMatch(/^[1-5]$/);
          expect(u.normalised).toBe(['green', 'green', 'amber', 'red', 'red'][Number(u.value) - 1]);
        }
      }
    }
    expect(progress.some((m) => m.userRags!.some((u) => u.value !== null))).toBe(true);
  });
});

describe('DLUHC Pathfinders return: two RAG columns on the five-point scale', () => {
  test('Spend and Delivery RAG ratings are both kept as written, each with its nearest colour', async () => {
    const wb = await load('dluhc_pathfinders_return_PF_Round_2_Success.xlsx');
    const r = detectTables(wb, {}, []);
    const progress = extractWorkbookMeasures(r.tables, wb, {}).filter((m) => m.sheet === 'Progress');
    expect(progress).toHaveLength(9);
    const colour: Record<string, string> = { Green: 'green', 'Amber/Green': 'amber', Amber: 'amber', 'Amber/Red': 'amber', Red: 'red' };
    let seen = 0;
    for (const m of progress) {
      expect(m.userRags!.map((u) => u.header)).toEqual(['Spend RAG rating', 'Delivery RAG rating']);
      for (const u of m.userRags!) {
        if (u.value === null) continue;
        seen++;
        expect(Object.keys(colour)).toContain(u.value);
        expect(u.normalised).toBe(colour[u.value]);
      }
    }
    expect(seen).toBeGreaterThan(0);
  });
});

describe('MCC indicator tracking table: shifted rows', () => {
  const s = csvSheet('indicators', 'mcc_itt_indicators.csv');
  const r = detectTables(workbook(s), {}, []);
  const ms = extractWorkbookMeasures(r.tables, workbook(s), {});

  test('data rows with header-like words do not start new tables: one table of 885 measures', () => {
    expect(r.tables).toHaveLength(1);
    const t = r.tables[0];
    expect(roleOf(t, 'indicator')).toBe('measure');
    expect(roleOf(t, 'indicator_id')).toBe('ref');
    expect(roleOf(t, 'actual_to_date')).toBe('actual');
    expect(t.lastDataRow).toBe(889);
    // 889 records: 4 group labels ("Water Management Activity") have a reference but no name and no figures
    expect(ms).toHaveLength(885);
    const left = t.issues.find((i) => i.code === 'ref-only-rows')!;
    expect(left.message).toMatch(/^Rows 119, 136, 158 and 283 have a reference but no measure name/);
    expect(ms.filter((m) => JUNK.test(m.name))).toEqual([]);
  });

  test('rows shifted one column right (SOURCES.md: "some rows shifted so names sit here") are read shifted, and said so', () => {
    const lien = ms.find((m) => m.row === 683)!;
    expect(lien.name).toBe('Lien Registry equipment installed');
    expect(lien.ref).toBe('HONDURAS_RURAL DEVELOPMENT_0035');
    expect(lien.issues.map((i) => i.code)).toContain('row-shifted');
    const tav = ms.find((m) => m.row === 682)!;
    expect(tav.name).toBe('TA Visits to Program Farmers');
    // actual_to_date and the target are read from the cells one to the right
    expect(tav.actual).toMatchObject({ kind: 'number', value: 150278 });
    expect(tav.actualCell).toEqual({ row: 682, col: 12 });
    expect(tav.target).toMatchObject({ kind: 'number', value: 61600 });
    expect(ms.filter((m) => m.issues.some((i) => i.code === 'row-shifted'))).toHaveLength(43);
    // rows that are not shifted are read as they are
    const poverty = ms.find((m) => m.row === 1)!;
    expect(poverty).toMatchObject({ name: 'Poverty rate in rural areas', actual: { kind: 'number', value: 22.2 } });
    expect(poverty.issues.some((i) => i.code === 'row-shifted')).toBe(false);
  });
});

describe('Government of Canada service standards', () => {
  const s = csvSheet('standards', 'gc_service_standards_2023-24_subset.csv');
  const r = detectTables(workbook(s), {}, []);
  const ms = extractWorkbookMeasures(r.tables, workbook(s), {});

  test('the service standard is the measure; the department is its directorate; target_met is the user’s RAG', () => {
    expect(r.tables).toHaveLength(1);
    const t = r.tables[0];
    expect(roleOf(t, 'service_standard_en')).toBe('measure');
    expect(roleOf(t, 'service_standard_fr')).not.toBe('measure');
    expect(roleOf(t, 'service_standard_id')).toBe('ref');
    expect(roleOf(t, 'owner_org_title')).toBe('directorate');
    expect(roleOf(t, 'owner_org')).not.toBe('measure');
    expect(roleOf(t, 'target')).toBe('target');
    expect(roleOf(t, 'performance')).toBe('actual');
    expect(roleOf(t, 'target_met')).toBe('userRag');
    expect(roleOf(t, 'comments_en')).toBe('commentary');
    expect(roleOf(t, 'comments_fr')).not.toBe('commentary');
    const first = ms.find((m) => m.row === 1)!;
    expect(first).toMatchObject({ name: 'Answer calls received within 60 seconds', ref: '3261', userRag: 'Y' });
    expect(first.directorate).toMatch(/^Agriculture and Agri-Food Canada/);
    expect(first.actual).toMatchObject({ kind: 'number', value: 0.9872 });
    expect(first.target).toMatchObject({ kind: 'number', value: 0.9 });
    expect(first.userRags).toEqual([{ header: 'target_met', cell: { row: 1, col: 17 }, value: 'Y', normalised: 'green' }]);
  });

  test('every one of the 1,100 records is a measure; repeated standard ids are told apart and reported', () => {
    expect(ms).toHaveLength(1100);
    expect(new Set(ms.map((m) => m.row)).size).toBe(1100);
    expect(new Set(ms.map((m) => m.key)).size).toBe(1100);
    // SOURCES.md: four standard ids appear twice in the subset
    expect(ms.filter((m) => m.issues.some((i) => i.code === 'duplicate-ref'))).toHaveLength(8);
    const colours = new Set(ms.map((m) => `${m.userRag}:${m.userRags![0].normalised}`));
    // "NA" is no RAG at all
    expect([...colours].sort()).toEqual(['N:red', 'Y:green', 'null:null']);
  });
});

describe('Hart DC KPI tiles: zeros that mean "not yet available"', () => {
  const s = csvSheet('tiles', 'hartdc_kpi_tiles_2014.csv');
  const config: RagConfig = {
    tables: [{ sheet: 'tiles', headerRow: 1, columns: { k: 'ref', d: 'measure', tq: 'actual', lq: 'previous', t: 'target', n: 'commentary', u: 'service', p: 'unit' } }],
  };
  const r = detectTables(workbook(s), config, []);
  const ms = extractWorkbookMeasures(r.tables, workbook(s), config);
  const byRef = (ref: string) => ms.filter((m) => m.ref === ref);

  test('ETS01 (0 with "figures for Q1 have yet to be agreed"): no data, with the commentary quoted', () => {
    const ets = byRef('ETS01');
    expect(ets).toHaveLength(2);
    for (const m of ets) {
      expect(m.actual).toMatchObject({ kind: 'missing', token: '0' });
      const i = m.issues.find((x) => x.code === 'zero-not-available')!;
      expect(i.message).toMatch(/^No data: H\d+ is 0, but the commentary says the figure is not in yet \(".*yet to be (?:confirmed|agreed).*"\)/);
    }
  });

  test('IT06 (99.6 then 0, target 98): still rated, with a warning that 0 may mean not yet available', () => {
    const it06 = byRef('IT06').find((m) => m.actual.kind === 'number' && m.actual.value === 0)!;
    expect(it06.issues.find((i) => i.code === 'zero-may-be-missing')!.message).toMatch(/is 0 after a previous figure of 99.6.*0 may mean the figure is not yet available/);
  });

  test('PS05 (99.1 then 0, target 90, "lg" kept) is flagged too; zeros against a target of 0 (LS05, SNH03-06) are left alone', () => {
    const flagged = ms.filter((m) => m.issues.some((i) => i.code === 'zero-not-available' || i.code === 'zero-may-be-missing')).map((m) => `${m.ref}@${m.row + 1}`);
    expect(flagged.sort()).toEqual(['ETS01@51', 'ETS01@6', 'IT06@70', 'PS05@76']);
    // SNH01: a 0% reduction after 29% against a target of 3%: far from its target before, a real 0 may be
    expect(byRef('SNH01').every((m) => m.issues.every((i) => !i.code.startsWith('zero-')))).toBe(true);
  });
});
