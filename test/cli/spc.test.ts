/**
 * The statistical trend end to end through the command line, on a workbook with monthly
 * columns: Variation and Assurance columns with their conditional formats, the exception
 * sheet's statistical figures, the series cut at the period being reported, missing months
 * named, duplicate periods in a long table refused, and the columns as configured.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { run, type CliIO } from '../../src/cli/run';
import { spc } from '../../src/core/spc';
import { messages } from '../../src/core/messages';
import { strFromU8, unzipSync } from 'fflate';
import { cellsOf, workbookOf, type Grid } from '../helpers/workbooks';

const MONTHS = ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'];
/** Apr 2023 … Mar 2025, then Apr 2025 with no data yet anywhere. */
const PERIODS = [0, 1].flatMap((y) => MONTHS.map((m, i) => `${m} ${2023 + y + (i >= 9 ? 1 : 0)}`));
const FUTURE = ['Apr 2025', 'May 2025'];

const improving = PERIODS.map((_, i) => 50 + (i < 21 ? i % 3 : 8 + (i % 2))); // a jump upwards from Jan 2025
const failing = PERIODS.map((_, i) => 20 + (i % 4)); // far below a target of 60, steady
const gappy = PERIODS.map((_, i) => (i === 5 || i === 17 ? null : 70 + (i % 5)));

const series: { ref: string; name: string; values: (number | null)[]; target: number }[] = [
  { ref: 'M1', name: 'Households helped to stay in their homes', values: improving, target: 52 },
  { ref: 'M2', name: 'Food businesses rated 5', values: failing, target: 60 },
  { ref: 'M3', name: 'Library visits (thousands)', values: gappy, target: 65 },
];

function grid(): Grid {
  const header = ['Ref', 'Measure', 'Target', ...PERIODS, ...FUTURE, 'Commentary'];
  const rows = series.map((s) => [s.ref, s.name, s.target, ...s.values.map((v) => v), null, null, 'Reviewed monthly']);
  return [['Communities – monthly indicators'], [], header, ...rows];
}

function io() {
  const out: string[] = [];
  const cli: CliIO = { stdout: (t) => out.push(t), stderr: (t) => out.push(t), now: () => '2026-01-15T09:30:00+00:00', version: '9.9.9' };
  return { cli, text: () => out.join('\n') };
}

async function refreshWith(config: object, sheets: { name: string; grid: Grid }[] = [{ name: 'Monthly', grid: grid() }]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'rag-spc-'));
  const input = path.join(dir, 'monthly.xlsx');
  writeFileSync(input, await workbookOf(sheets));
  const configFile = path.join(dir, 'config.json');
  writeFileSync(configFile, JSON.stringify(config));
  const report = path.join(dir, 'report.json');
  const out = path.join(dir, 'out.xlsx');
  const o = io();
  const code = await run([input, '--config', configFile, '--out', out, '--report', report], o.cli);
  expect([code, o.text()]).toEqual([0, expect.any(String)]);
  const bytes = new Uint8Array(readFileSync(out));
  return { bytes, cells: await cellsOf(bytes), report: JSON.parse(readFileSync(report, 'utf8')), text: o.text() };
}

const ON = { settings: { statisticalTrend: { enabled: true } } };
const C = messages.common;

/** The verdicts the library gives for the same values, in period order up to Mar 2025. */
function expected(values: (number | null)[], target: number) {
  return spc({ values, direction: 'increase', target });
}

describe('the statistical trend through the command line', () => {
  let result: Awaited<ReturnType<typeof refreshWith>>;
  beforeAll(async () => {
    result = await refreshWith(ON);
  });

  test('writes Variation and Assurance beside the other status columns, with the library’s verdicts', () => {
    const { cells, report } = result;
    const headerRow = 3;
    const headers = [...cells].filter(([k]) => new RegExp(`^Monthly![A-Z]+${headerRow}$`).test(k)).map(([, v]) => v);
    expect(headers).toEqual(expect.arrayContaining([C.columns.rag, C.columns.variation, C.columns.assurance]));
    expect(headers.indexOf(C.columns.variation)).toBeGreaterThan(headers.indexOf(C.columns.rag));
    for (const s of series) {
      const m = report.files[0].measures.find((x: { ref: string }) => x.ref === s.ref);
      const want = expected(s.values, s.target);
      expect([s.ref, m.variation, m.assurance]).toEqual([s.ref, C.spc.variation[want.variation!], C.spc.assurance[want.assurance]]);
    }
  });

  test('the verdicts are of the series up to the period being reported: later blank months are not counted or named', () => {
    const { report } = result;
    const m3 = report.files[0].measures.find((x: { ref: string }) => x.ref === 'M3');
    const issues: { message: string; severity: string }[] = report.files[0].issues;
    const left = issues.filter((i) => i.message.includes('Library visits') && i.message.includes('left out'));
    expect(left).toHaveLength(1);
    expect(left[0]!.message).toContain('Sep 2023, Sep 2024');
    expect(left[0]!.message).not.toContain('Apr 2025');
    expect(m3.actual).toBe(gappy[gappy.length - 1]);
  });

  test('with an earlier period chosen as current, later months are left out of the verdicts', async () => {
    const at = PERIODS.indexOf('Dec 2024');
    const { report } = await refreshWith({ ...ON, tables: [{ sheet: 'Monthly', currentPeriod: 'Dec 2024' }] });
    for (const s of series) {
      const m = report.files[0].measures.find((x: { ref: string }) => x.ref === s.ref);
      const want = expected(s.values.slice(0, at + 1), s.target);
      expect([s.ref, m.variation, m.assurance]).toEqual([s.ref, C.spc.variation[want.variation!], C.spc.assurance[want.assurance]]);
    }
    // M1's shift upwards is only in its last months: cut at Dec 2024 it reads differently from the whole series
    expect(expected(improving.slice(0, at + 1), 52).variation).not.toBe(expected(improving, 52).variation);
  });

  test('missing months are a data-quality issue on the exception sheet, naming the periods', () => {
    const { cells } = result;
    const exception = [...cells].filter(([k]) => k.startsWith('RAG Exceptions!')).map(([, v]) => String(v));
    expect(exception.some((t) => t.includes('Library visits') && t.includes('Sep 2023, Sep 2024'))).toBe(true);
  });

  test('the exception sheet counts special-cause concern and consistently failing measures', () => {
    const { cells } = result;
    const want = series.map((s) => expected(s.values, s.target));
    const concern = want.filter((w) => w.variation === 'concern_low' || w.variation === 'concern_high').length;
    const failingCount = want.filter((w) => w.assurance === 'consistent_fail').length;
    expect(failingCount).toBeGreaterThan(0);
    const sheet = [...cells].filter(([k]) => k.startsWith('RAG Exceptions!'));
    const valueBeside = (label: string) => {
      const at = sheet.find(([, v]) => v === label);
      expect(at).toBeDefined();
      const row = /(\d+)$/.exec(at![0])![1];
      return cells.get(`RAG Exceptions!B${row}`);
    };
    expect(valueBeside(messages.plan.exceptions.specialCauseConcern)).toBe(concern);
    expect(valueBeside(messages.plan.exceptions.consistentlyFailing)).toBe(failingCount);
  });

  test('the statistical trend columns carry Making Data Count conditional formats', () => {
    const parts = unzipSync(result.bytes);
    const sheetXml = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    const styles = strFromU8(parts['xl/styles.xml']!);
    const headerCol = (label: string) => [...result.cells].find(([k, v]) => /^Monthly![A-Z]+3$/.test(k) && v === label)![0].replace(/^Monthly!([A-Z]+)3$/, '$1');
    const dxfs = [...styles.matchAll(/<dxf>([\s\S]*?)<\/dxf>/g)].map((m) => m[1]!);
    for (const [label, fill] of [
      [C.columns.variation, '9DC3E6'],
      [C.columns.assurance, 'F4B183'],
    ] as const) {
      const col = headerCol(label);
      const blocks = [...sheetXml.matchAll(/<conditionalFormatting sqref="([^"]+)">([\s\S]*?)<\/conditionalFormatting>/g)].filter((m) => m[1]!.startsWith(`${col}4:`));
      expect(blocks.length).toBe(1);
      const fills = [...blocks[0]![2]!.matchAll(/dxfId="(\d+)"/g)].map((m) => dxfs[Number(m[1])]!);
      expect(fills.some((d) => d.includes(fill))).toBe(true);
    }
  });

  test('with the columns listed in the configuration, only those are written', async () => {
    const { cells } = await refreshWith({ ...ON, output: { columns: ['rag', 'variation'] } });
    const headers = [...cells].filter(([k]) => /^Monthly![A-Z]+3$/.test(k)).map(([, v]) => v);
    expect(headers).toContain(C.columns.variation);
    expect(headers).not.toContain(C.columns.assurance);
    expect(headers).not.toContain(C.columns.direction);
  });

  test('a long table with two rows for one period gets no verdict, and says why', async () => {
    const rows: Grid = [['Measure', 'Period', 'Actual', 'Target']];
    PERIODS.forEach((p, i) => rows.push(['Missed bin collections', p, 40 + (i % 3), 45]));
    rows.push(['Missed bin collections', 'Mar 2025', 10, 45]);
    const { report } = await refreshWith({ ...ON, settings: { ...ON.settings, polarity: 'lower' } }, [{ name: 'Long', grid: rows }]);
    const m = report.files[0].measures[0];
    expect(m.variation).toBe('– Check data: two values for Mar 2025');
    const issue = report.files[0].issues.find((i: { message: string }) => i.message.includes('More than one value for Mar 2025'));
    expect(issue).toMatchObject({ severity: 'warning', sheet: 'Long' });
  });
});
