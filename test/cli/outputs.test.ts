/**
 * Where the command line writes, and what it will not write over: CSV with --in-place,
 * outputs that clash, read-only inputs, kept permissions, links, macro-enabled workbooks
 * under the wrong name; and the report, written section by section, on a full disk.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, promises, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileErrorReason, run } from '../../src/cli/run';
import { readWorkbook } from '../../src/workbook/xlsx';
import { SAMPLE } from '../helpers/workbooks';
import { copy, editParts, io, tmp } from './helpers';

const CSV = 'Ref,Measure,Actual,Target\nK1,Visits on time,85,90\n';

describe('--in-place and CSV', () => {
  test('a CSV with --in-place is refused before any work; a workbook of the same name beside it is untouched', async () => {
    const dir = tmp();
    const csv = path.join(dir, 'data.csv');
    writeFileSync(csv, CSV);
    const unrelated = path.join(dir, 'data.xlsx');
    writeFileSync(unrelated, 'somebody else’s workbook');
    const o = io();
    expect(await run([csv, '--in-place'], o.cli)).toBe(2);
    expect(o.errors()).toMatch(/--in-place cannot be used for ".*data\.csv": a CSV file is refreshed into a new \.xlsx workbook/);
    expect(o.errors()).toMatch(/data-refreshed\.xlsx/);
    expect(readFileSync(unrelated, 'utf8')).toBe('somebody else’s workbook');
    expect(readdirSync(dir).sort()).toEqual(['data.csv', 'data.xlsx']);
  });

  test('a CSV among workbooks with --in-place: nothing at all is written', async () => {
    const dir = tmp();
    const xlsx = copy(SAMPLE, dir);
    const before = readFileSync(xlsx);
    const csv = path.join(dir, 'data.csv');
    writeFileSync(csv, CSV);
    expect(await run([xlsx, csv, '--in-place'], io().cli)).toBe(2);
    expect(readFileSync(xlsx).equals(before)).toBe(true);
  });
});

describe('outputs that would clash are refused before any work (exit 2)', () => {
  test('two inputs of the same name into one --out folder', async () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'a'));
    mkdirSync(path.join(dir, 'b'));
    const a = copy(SAMPLE, path.join(dir, 'a'), 'x.xlsx');
    const b = copy(SAMPLE, path.join(dir, 'b'), 'x.xlsx');
    const out = path.join(dir, 'out');
    mkdirSync(out);
    const o = io();
    expect(await run([a, b, '--out', out], o.cli)).toBe(2);
    expect(o.errors()).toContain(`"${a}" and "${b}" would both be written to "${path.join(out, 'x.xlsx')}"`);
    expect(readdirSync(out)).toEqual([]);
  });

  test('a CSV and a workbook of the same name, both to "<name>-refreshed.xlsx"', async () => {
    const dir = tmp();
    const xlsx = copy(SAMPLE, dir, 'x.xlsx');
    const csv = path.join(dir, 'x.csv');
    writeFileSync(csv, CSV);
    const o = io();
    expect(await run([xlsx, csv], o.cli)).toBe(2);
    expect(o.errors()).toMatch(/x\.xlsx" and ".*x\.csv" would both be written to ".*x-refreshed\.xlsx"/);
    expect(readdirSync(dir).sort()).toEqual(['x.csv', 'x.xlsx']);
  });

  test('the same input twice (also with --in-place)', async () => {
    const dir = tmp();
    const input = copy(SAMPLE, dir);
    for (const extra of [[], ['--in-place']]) {
      const o = io();
      expect(await run([input, input, ...extra], o.cli)).toBe(2);
      expect(o.errors()).toMatch(/sample-return\.xlsx" is given twice/);
    }
    expect(readdirSync(dir)).toEqual(['sample-return.xlsx']);
  });

  test('an input and a link to it, with --in-place', async () => {
    const dir = tmp();
    const input = copy(SAMPLE, dir);
    const link = path.join(dir, 'link.xlsx');
    symlinkSync(input, link);
    expect(await run([input, link, '--in-place'], io().cli)).toBe(2);
  });

  test('an output that is another input', async () => {
    const dir = tmp();
    const a = copy(SAMPLE, dir, 'a.xlsx');
    const b = copy(SAMPLE, dir, 'a-refreshed.xlsx');
    const before = readFileSync(b);
    const o = io();
    expect(await run([a, b], o.cli)).toBe(2);
    expect(o.errors()).toMatch(/the output of ".*a\.xlsx" would be ".*a-refreshed\.xlsx", which is another input/);
    expect(readFileSync(b).equals(before)).toBe(true);
  });
});

describe('--in-place keeps what the input is', () => {
  test('a read-only input is refused (even for root), untouched, exit 1', async () => {
    const dir = tmp();
    const input = copy(SAMPLE, dir);
    chmodSync(input, 0o444);
    const before = readFileSync(input);
    const o = io();
    expect(await run([input, '--in-place'], o.cli)).toBe(1);
    expect(o.errors()).toMatch(/sample-return\.xlsx" is read-only, so it cannot be refreshed in place; nothing was written/);
    expect(readFileSync(input).equals(before)).toBe(true);
    expect(statSync(input).mode & 0o777).toBe(0o444);
    expect(readdirSync(dir)).toEqual(['sample-return.xlsx']);
  });

  test('a dry run says so too', async () => {
    const dir = tmp();
    const input = copy(SAMPLE, dir);
    chmodSync(input, 0o400);
    expect(await run([input, '--in-place', '--dry-run'], io().cli)).toBe(1);
  });

  test.each([
    ['600', 0o600],
    ['640', 0o640],
    ['664', 0o664],
  ])('the replacement keeps the mode %s', async (_octal, mode) => {
    const dir = tmp();
    const input = copy(SAMPLE, dir);
    chmodSync(input, mode);
    const before = readFileSync(input);
    expect(await run([input, '--in-place'], io().cli)).toBe(0);
    expect(readFileSync(input).equals(before)).toBe(false);
    expect(statSync(input).mode & 0o7777).toBe(mode);
  });

  test('a link: its target is replaced, the link stays a link', async () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'real'));
    const target = copy(SAMPLE, path.join(dir, 'real'), 'target.xlsx');
    chmodSync(target, 0o600);
    const before = readFileSync(target);
    const link = path.join(dir, 'link.xlsx');
    symlinkSync(path.join('real', 'target.xlsx'), link);
    const o = io();
    expect(await run([link, '--in-place'], o.cli)).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(path.join('real', 'target.xlsx'));
    expect(readFileSync(target).equals(before)).toBe(false);
    expect(readWorkbook(new Uint8Array(readFileSync(target))).snapshot.sheets.map((s) => s.name)).toContain('RAG Exceptions');
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['link.xlsx', 'real']);
    expect(readdirSync(path.join(dir, 'real'))).toEqual(['target.xlsx']);
  });
});

describe('the output takes the extension Excel insists on', () => {
  /** The sample as a macro-enabled package (the workbook part's content type is what Excel goes by). */
  function macroFile(dir: string, name: string): string {
    const bytes = editParts(SAMPLE, (_parts, text, put) => {
      put(
        '[Content_Types].xml',
        text('[Content_Types].xml').replace(
          'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"',
          'ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"',
        ),
      );
    });
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return file;
  }

  test('a macro-enabled workbook is not written under an .xlsx name: exit 1, nothing written', async () => {
    const dir = tmp();
    const input = macroFile(dir, 'macro.xlsm');
    const o = io();
    expect(await run([input, '--out', path.join(dir, 'out.xlsx')], o.cli)).toBe(1);
    expect(o.errors()).toMatch(/"macro\.xlsm" is a macro-enabled workbook: Excel opens it only under a name ending in \.xlsm, not ".*out\.xlsx"\. Give --out a name ending in \.xlsm \(for example ".*out\.xlsm"\)/);
    expect(readdirSync(dir)).toEqual(['macro.xlsm']);
    expect(await run([input, '--out', path.join(dir, 'out.xlsm')], io().cli)).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['macro.xlsm', 'out.xlsm']);
  });

  test('by default and into a folder the macro-enabled extension is kept, even when the input is misnamed .xlsx', async () => {
    const dir = tmp();
    const misnamed = macroFile(dir, 'misnamed.xlsx');
    expect(await run([misnamed], io().cli)).toBe(0);
    expect(existsSync(path.join(dir, 'misnamed-refreshed.xlsm'))).toBe(true);
    const out = path.join(dir, 'out');
    mkdirSync(out);
    const macro = macroFile(dir, 'macro.xlsm');
    expect(await run([macro, misnamed, '--out', out], io().cli)).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['macro.xlsm', 'misnamed.xlsm']);
  });

  test('two inputs that turn out to need the same output name: the second is refused, the first kept', async () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'a'));
    mkdirSync(path.join(dir, 'b'));
    const misnamed = macroFile(path.join(dir, 'a'), 'x.xlsx');
    const macro = macroFile(path.join(dir, 'b'), 'x.xlsm');
    const out = path.join(dir, 'out');
    mkdirSync(out);
    const o = io();
    expect(await run([misnamed, macro, '--out', out], o.cli)).toBe(1);
    expect(o.errors()).toMatch(/b\/x\.xlsm" would be written to ".*out\/x\.xlsm", which this call has already written for ".*a\/x\.xlsx"/);
    expect(readdirSync(out)).toEqual(['x.xlsm']);
  });

  test('a plain workbook is not written under an .xlsm name either', async () => {
    const dir = tmp();
    const input = copy(SAMPLE, dir);
    const o = io();
    expect(await run([input, '--out', path.join(dir, 'out.xlsm')], o.cli)).toBe(1);
    expect(o.errors()).toMatch(/is an Excel workbook: Excel opens it only under a name ending in \.xlsx/);
    expect(readdirSync(dir)).toEqual(['sample-return.xlsx']);
  });
});

describe('--report', () => {
  test('written section by section, it is exactly the JSON of the whole (files and failures), and no temporary file is left', async () => {
    const dir = tmp();
    const a = copy(SAMPLE, dir, 'north.xlsx');
    const bad = path.join(dir, 'bad.xlsx');
    writeFileSync(bad, 'not a workbook');
    const b = copy(SAMPLE, dir, 'south.xlsx');
    const out = path.join(dir, 'out');
    mkdirSync(out);
    const report = path.join(out, 'report.json');
    expect(await run([a, bad, b, '--out', out, '--report', report], io().cli)).toBe(1);
    const text = readFileSync(report, 'utf8');
    const json = JSON.parse(text);
    expect(text).toBe(JSON.stringify(json, null, 2));
    expect(json.files.map((f: { input: string }) => path.basename(f.input))).toEqual(['north.xlsx', 'south.xlsx']);
    expect(json.files[1].measures).toHaveLength(48);
    expect(json.failed).toHaveLength(1);
    expect(json.failed[0].file).toBe(bad);
    expect(readdirSync(out).sort()).toEqual(['north.xlsx', 'report.json', 'south.xlsx']);
  });

  test('when every workbook fails, the report still lists the failures', async () => {
    const dir = tmp();
    const bad = path.join(dir, 'bad.xlsx');
    writeFileSync(bad, 'not a workbook');
    const report = path.join(dir, 'r.json');
    expect(await run([bad, '--report', report], io().cli)).toBe(1);
    const text = readFileSync(report, 'utf8');
    expect(text).toBe(JSON.stringify({ files: [], failed: JSON.parse(text).failed }, null, 2));
  });

  test('a report that cannot be started (no such folder) stops before any workbook is written', async () => {
    const dir = tmp();
    const input = copy(SAMPLE, dir);
    const o = io();
    expect(await run([input, '--report', path.join(dir, 'missing', 'r.json')], o.cli)).toBe(1);
    expect(o.errors()).toMatch(/could not write the report ".*r\.json": the folder does not exist\. Nothing was refreshed/);
    expect(readdirSync(dir)).toEqual(['sample-return.xlsx']);
  });
});

describe('a full disk reads the same for the workbook and the report', () => {
  const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });

  /** Makes writes to temporary files whose name contains `part` fail as on a full disk. */
  function fillDiskFor(part: string) {
    const open = promises.open.bind(promises);
    return jest.spyOn(promises, 'open').mockImplementation(async (...args: Parameters<typeof promises.open>) => {
      const handle = await open(...args);
      if (String(args[0]).includes(part) && String(args[0]).endsWith('.tmp')) {
        handle.writeFile = () => Promise.reject(enospc());
      }
      return handle;
    });
  }

  afterEach(() => jest.restoreAllMocks());

  test('the words', () => {
    expect(fileErrorReason(enospc())).toBe('the disk is full');
    expect(fileErrorReason(Object.assign(new Error('x'), { code: 'EROFS' }))).toBe('permission denied (read-only)');
  });

  test('the report', async () => {
    const dir = tmp();
    const input = copy(SAMPLE, dir);
    const report = path.join(dir, 'report.json');
    fillDiskFor('report.json');
    const o = io();
    expect(await run([input, '--report', report], o.cli)).toBe(1);
    expect(o.errors()).toMatch(/could not write the report ".*report\.json": the disk is full\. No partial file was left behind\./);
    expect(o.errors()).not.toMatch(/ENOSPC/);
    expect(readdirSync(dir).sort()).toEqual(['sample-return-refreshed.xlsx', 'sample-return.xlsx']);
  });

  test('the workbook', async () => {
    const dir = tmp();
    const input = copy(SAMPLE, dir);
    fillDiskFor('sample-return-refreshed.xlsx');
    const o = io();
    expect(await run([input], o.cli)).toBe(1);
    expect(o.errors()).toMatch(/could not write ".*sample-return-refreshed\.xlsx": the disk is full\./);
    expect(o.errors()).not.toMatch(/ENOSPC/);
    expect(readdirSync(dir)).toEqual(['sample-return.xlsx']);
  });
});
