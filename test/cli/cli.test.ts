/**
 * The command line on real files: outputs, --in-place, --dry-run, --report, several
 * workbooks, and every refusal (exit code 1 or 2, a clear message, nothing written).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { run, type CliIO } from '../../src/cli/run';
import { readWorkbook } from '../../src/workbook/xlsx';
import { cellsOf, FILE_FIXTURES, ROOT, SAMPLE, workbookOf } from '../helpers/workbooks';

const FIXTURES = FILE_FIXTURES;

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIO = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), now: () => '2026-01-15T09:30:00+00:00', version: '9.9.9' };
  return { cli, out, err, text: () => out.join('\n'), errors: () => err.join('\n') };
}

function tmp(): string {
  return mkdtempSync(path.join(tmpdir(), 'rag-cli-'));
}

function copy(src: string, dir: string, name = path.basename(src)): string {
  const to = path.join(dir, name);
  copyFileSync(src, to);
  return to;
}

describe('rag-refresh command line', () => {
  test('refreshes a workbook to "<name>-refreshed.xlsx", prints a summary a manager can read, exit 0', async () => {
    const dir = tmp();
    const input = copy(SAMPLE, dir);
    const before = readFileSync(input);
    const o = io();
    expect(await run([input], o.cli)).toBe(0);
    const output = path.join(dir, 'sample-return-refreshed.xlsx');
    expect(existsSync(output)).toBe(true);
    expect(readFileSync(input).equals(before)).toBe(true);
    const text = o.text();
    expect(text).toMatch(/48 measures in 6 table/);
    expect(text).toMatch(/Overall RAG: (Green|Amber|Red)/);
    expect(text).toMatch(/Red and amber \(\d+\)/);
    expect(text).toMatch(/Data-quality issues \(\d+\)/);
    expect(text).toMatch(/Skipped: Cover/);
    // the output opens and holds the exception sheet
    expect(readWorkbook(new Uint8Array(readFileSync(output))).snapshot.sheets.map((s) => s.name)).toContain('RAG Exceptions');
  });

  test('--dry-run writes nothing', async () => {
    const dir = tmp();
    const input = copy(SAMPLE, dir);
    const o = io();
    expect(await run([input, '--dry-run'], o.cli)).toBe(0);
    expect(readdirSync(dir)).toEqual(['sample-return.xlsx']);
    expect(o.text()).toMatch(/dry run, nothing written/);
  });

  test('--in-place replaces the input atomically and leaves no temporary file', async () => {
    const dir = tmp();
    const input = copy(SAMPLE, dir);
    const before = readFileSync(input);
    expect(await run([input, '--in-place'], io().cli)).toBe(0);
    expect(readFileSync(input).equals(before)).toBe(false);
    expect(readdirSync(dir)).toEqual(['sample-return.xlsx']);
    const cells = await cellsOf(new Uint8Array(readFileSync(input)));
    expect(cells.get('Adults & Health!K4')).toBe('RAG status');
  });

  test('--report writes JSON with every measure and the summary', async () => {
    const dir = tmp();
    const input = copy(SAMPLE, dir);
    const report = path.join(dir, 'report.json');
    expect(await run([input, '--report', report], io().cli)).toBe(0);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    const file = json.files[0];
    expect(file.measures).toHaveLength(48);
    const m = file.measures.find((x: { ref: string }) => x.ref === 'AH02');
    expect(m).toMatchObject({ sheet: 'Adults & Health', row: 6, ref: 'AH02', status: 'Red' });
    for (const k of ['name', 'actual', 'target', 'reason', 'directionOfTravel', 'forecast', 'variance', 'variancePercent', 'warnings']) expect(m).toHaveProperty(k);
    expect(file.summary.whole.measures).toBe(48);
  });

  test('several workbooks in one call, into a folder, with a combined summary and progress', async () => {
    const dir = tmp();
    const a = copy(SAMPLE, dir, 'north.xlsx');
    const b = copy(SAMPLE, dir, 'south.xlsx');
    const out = path.join(dir, 'out');
    mkdirSync(out);
    const o = io();
    expect(await run([a, b, '--out', out], o.cli)).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['north.xlsx', 'south.xlsx']);
    expect(o.text()).toMatch(/All 2 workbooks: 96 measures/);
    expect(o.errors()).toMatch(/Reading .*north\.xlsx \(1 of 2\)/);
  });

  test('one bad workbook among several: the others are refreshed, exit 1, the bad one named', async () => {
    const dir = tmp();
    const good = copy(SAMPLE, dir, 'good.xlsx');
    const bad = path.join(dir, 'bad.xlsx');
    writeFileSync(bad, 'this is not a workbook');
    const out = path.join(dir, 'out');
    mkdirSync(out);
    const o = io();
    expect(await run([good, bad, '--out', out], o.cli)).toBe(1);
    expect(readdirSync(out)).toEqual(['good.xlsx']);
    expect(o.errors()).toMatch(/bad\.xlsx/);
  });

  describe('refusals: a clear message, exit code 1, nothing written', () => {
    const cases: [string, string, RegExp][] = [
      ['password-protected (AES)', path.join(FIXTURES, 'excelize_password_protected_aes.xlsx'), /password-protected/i],
      ['password-protected (SHA-1)', path.join(FIXTURES, 'excelize_password_protected_sha1.xlsx'), /password-protected/i],
      ['a package with no sheets', path.join(FIXTURES, 'excelize_bad_workbook_no_sheets.xlsx'), /no sheets|lists no sheet/i],
    ];
    test.each(cases)('%s', async (_name, file, message) => {
      const dir = tmp();
      const input = copy(file, dir);
      const o = io();
      expect(await run([input], o.cli)).toBe(1);
      expect(o.errors()).toMatch(message);
      expect(readdirSync(dir)).toEqual([path.basename(input)]);
    });

    test('not a workbook at all', async () => {
      const dir = tmp();
      const input = path.join(dir, 'notes.xlsx');
      writeFileSync(input, 'Dear colleagues, please find attached…');
      const o = io();
      expect(await run([input], o.cli)).toBe(1);
      expect(o.errors()).toMatch(/notes\.xlsx/);
      expect(readdirSync(dir)).toEqual(['notes.xlsx']);
    });

    test('a truncated workbook', async () => {
      const dir = tmp();
      const input = path.join(dir, 'cut.xlsx');
      writeFileSync(input, readFileSync(SAMPLE).subarray(0, 5000));
      const o = io();
      expect(await run([input], o.cli)).toBe(1);
      expect(readdirSync(dir)).toEqual(['cut.xlsx']);
    });

    test('an .xls workbook', async () => {
      const dir = tmp();
      const input = path.join(dir, 'old.xls');
      writeFileSync(input, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]));
      const o = io();
      expect(await run([input], o.cli)).toBe(1);
      expect(o.errors()).toMatch(/97-2003/);
      expect(readdirSync(dir)).toEqual(['old.xls']);
    });

    test('a missing file', async () => {
      const o = io();
      expect(await run([path.join(tmp(), 'nope.xlsx')], o.cli)).toBe(1);
      expect(o.errors()).toMatch(/no such file/);
    });

    test('an invalid configuration file names the path, the value and what was expected', async () => {
      const dir = tmp();
      const input = copy(SAMPLE, dir);
      const config = path.join(dir, 'config.json');
      writeFileSync(config, JSON.stringify({ settings: { tolerance: 'lots', brag: { enabled: 'yes' } } }));
      const o = io();
      expect(await run([input, '--config', config], o.cli)).toBe(1);
      expect(o.errors()).toMatch(/settings\.tolerance: found "lots"/);
      expect(o.errors()).toMatch(/settings\.brag\.enabled: found "yes"; expected boolean/);
      expect(readdirSync(dir).sort()).toEqual(['config.json', 'sample-return.xlsx']);
    });

    test('a read-only destination: exit 1, the input untouched, no partial file', async () => {
      if (process.getuid?.() === 0) {
        // root ignores file permissions; a destination folder that does not exist fails the same way
        const dir = tmp();
        const input = copy(SAMPLE, dir);
        const o = io();
        expect(await run([input, '--out', path.join(dir, 'missing', 'x.xlsx')], o.cli)).toBe(1);
        expect(o.errors()).toMatch(/could not write/);
        expect(readdirSync(dir)).toEqual(['sample-return.xlsx']);
        return;
      }
      const dir = tmp();
      const input = copy(SAMPLE, dir);
      const ro = path.join(dir, 'ro');
      mkdirSync(ro);
      chmodSync(ro, 0o500);
      const o = io();
      expect(await run([input, '--out', ro], o.cli)).toBe(1);
      expect(readdirSync(ro)).toEqual([]);
    });
  });

  describe('usage errors: exit code 2', () => {
    test.each([[[]], [['a.xlsx', '--frobnicate']], [['a.xlsx', '--in-place', '--out', 'b.xlsx']], [['a.xlsx', '--report', 'r.txt']]])('%j', async (args) => {
      const o = io();
      expect(await run(args as string[], o.cli)).toBe(2);
      expect(o.errors()).toMatch(/rag-refresh:/);
    });

    test('--out must be a folder for several workbooks', async () => {
      const o = io();
      expect(await run([SAMPLE, SAMPLE, '--out', path.join(tmp(), 'one.xlsx')], o.cli)).toBe(2);
    });

    test('--help prints the usage', async () => {
      const o = io();
      expect(await run(['--help'], o.cli)).toBe(0);
      expect(o.text()).toMatch(/Usage: rag-refresh/);
    });
  });

  test('CSV input (Windows-1252, old Mac line endings) is read and the result written as .xlsx', async () => {
    const dir = tmp();
    const csv = path.join(dir, 'kpis.csv');
    const text = 'Ref,Measure,Actual,Target,Commentary\rK1,Visits \u2013 on time,"85%","90%",Short\rK2,Calls answered,"1,250",1200,\r';
    const bytes = Buffer.from([...text].map((ch) => (ch === '\u2013' ? 0x96 : ch.charCodeAt(0))));
    writeFileSync(csv, bytes);
    const o = io();
    expect(await run([csv], o.cli)).toBe(0);
    const out = path.join(dir, 'kpis-refreshed.xlsx');
    const cells = await cellsOf(new Uint8Array(readFileSync(out)));
    expect(cells.get('kpis!B2')).toBe('Visits \u2013 on time');
    expect(cells.get('kpis!F1')).toBe('RAG status');
    expect(cells.get('kpis!F2')).toBe('Amber');
    expect(cells.get('kpis!F3')).toBe('Green');
  });

  test('the built command runs from bin/ (exit code and output)', () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT });
    const dir = tmp();
    const input = copy(SAMPLE, dir);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/rag-refresh.js'), input, '--quiet'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/measures/);
    const usage = spawnSync(process.execPath, [path.join(ROOT, 'bin/rag-refresh.js')], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
  });
});

test('a workbook built in the test refreshes (helper sanity)', async () => {
  const bytes = await workbookOf([{ name: 'S', grid: [['Ref', 'Measure', 'Actual', 'Target'], ['A', 'x', 1, 2]] }]);
  expect(readWorkbook(bytes).snapshot.sheets[0]!.name).toBe('S');
});
