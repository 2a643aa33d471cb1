/**
 * Bad input the trust issue lists that had no test of its own: macros surviving in an .xlsm,
 * sheet names with quotes, spaces and non-ASCII characters (in links and formulas), a table of
 * one row, and configuration files that are not JSON, have unknown keys or come from a newer
 * version. Each: a clear message where it is refused, the user's file untouched.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { run } from '../../src/cli/run';
import { SAMPLE } from '../helpers/workbooks';
import { io, tmp } from './helpers';

/** The sample as a macro-enabled workbook with a VBA project part (bytes that must come through unchanged). */
function macroWorkbook(file: string): Uint8Array {
  const parts = unzipSync(new Uint8Array(readFileSync(SAMPLE)));
  const vba = new Uint8Array(4096).map((_, i) => (i * 131 + 7) % 256);
  parts['xl/vbaProject.bin'] = vba;
  const types = strFromU8(parts['[Content_Types].xml']!)
    .replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml')
    .replace('</Types>', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>');
  parts['[Content_Types].xml'] = strToU8(types);
  const rels = strFromU8(parts['xl/_rels/workbook.xml.rels']!).replace(
    '</Relationships>',
    '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
  );
  parts['xl/_rels/workbook.xml.rels'] = strToU8(rels);
  const bytes = zipSync(parts);
  writeFileSync(file, bytes);
  return vba;
}

describe('bad input through the command line', () => {
  test('an .xlsm keeps its macros byte for byte and its macro-enabled kind', async () => {
    const dir = tmp();
    const input = path.join(dir, 'return.xlsm');
    const vba = macroWorkbook(input);
    const before = readFileSync(input);
    expect(await run([input], io().cli)).toBe(0);
    expect(readFileSync(input).equals(before)).toBe(true);
    const out = unzipSync(new Uint8Array(readFileSync(path.join(dir, 'return-refreshed.xlsm'))));
    expect(Buffer.from(out['xl/vbaProject.bin']!).equals(Buffer.from(vba))).toBe(true);
    expect(strFromU8(out['[Content_Types].xml']!)).toContain('application/vnd.ms-excel.sheet.macroEnabled.main+xml');
    expect(strFromU8(out['xl/_rels/workbook.xml.rels']!)).toContain('vbaProject.bin');
  });

  test('sheet names with quotes, spaces and non-ASCII characters: links to them work and formulas over them are kept', async () => {
    const dir = tmp();
    const name = `Bob's "Q3" Données été`;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(name);
    ws.addRows([
      ['Ref', 'Measure', 'Actual', 'Target', 'Commentary'],
      ['D1', 'Réparations à temps', 61, 90, 'Contractor changed'],
      ['D2', 'Visits', 95, 90, ''],
    ]);
    const other = wb.addWorksheet('Summary');
    other.getCell('A1').value = { formula: `'Bob''s "Q3" Données été'!C2*2`, result: 122 };
    const input = path.join(dir, 'return.xlsx');
    writeFileSync(input, new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(await run([input], io().cli)).toBe(0);
    const parts = unzipSync(new Uint8Array(readFileSync(path.join(dir, 'return-refreshed.xlsx'))));
    const sheets = Object.keys(parts).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p)).map((p) => strFromU8(parts[p]!));
    // the exception sheet links to the red measure's row on that sheet, the name quoted as Excel writes it
    const links = sheets.flatMap((x) => [...x.matchAll(/<hyperlink [^>]*location="([^"]+)"/g)].map((m) => m[1]!));
    expect(links).toContain(`'Bob''s &quot;Q3&quot; Données été'!B2`);
    // the sheet with the formula over it is the same bytes, formula and cached result included
    const original = unzipSync(new Uint8Array(readFileSync(input)));
    const withFormula = Object.keys(original).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p) && strFromU8(original[p]!).includes('<f>'));
    expect(withFormula).toHaveLength(1);
    expect(strFromU8(original[withFormula[0]!]!)).toMatch(/<f>.*Donn.*C2\*2<\/f><v>122<\/v>/);
    expect(Buffer.from(parts[withFormula[0]!]!).equals(Buffer.from(original[withFormula[0]!]!))).toBe(true);
  });

  test('a table of one row is refreshed: its status columns written, the exception sheet lists it', async () => {
    const dir = tmp();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('KPIs').addRows([
      ['Measure', 'Actual', 'Target'],
      ['Calls answered', 70, 90],
    ]);
    const input = path.join(dir, 'one.xlsx');
    writeFileSync(input, new Uint8Array(await wb.xlsx.writeBuffer()));
    const o = io();
    expect(await run([input, '--report', path.join(dir, 'r.json')], o.cli)).toBe(0);
    const report = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8'));
    expect(report.files[0].measures.map((m: { name: string; status: string }) => [m.name, m.status])).toEqual([['Calls answered', 'Red']]);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(readFileSync(path.join(dir, 'one-refreshed.xlsx')) as unknown as ExcelJS.Buffer);
    expect(back.getWorksheet('KPIs')!.getCell('D1').value).toBe('RAG status');
    expect(back.getWorksheet('KPIs')!.getCell('D2').value).toBe('Red');
  });

  describe('configuration files', () => {
    const cases: [string, string, RegExp][] = [
      ['not JSON', '{ "settings": { "tolerance": "10%", }', /is not valid JSON|Unexpected token|Expected/],
      ['an unknown key', JSON.stringify({ settings: { tolerence: '5%' } }), /settings.*tolerence|Unrecognized key|unknown/i],
      ['a newer version', JSON.stringify({ version: 99, settings: { tolerance: '5%' } }), /version|newer/i],
    ];
    test.each(cases)('%s: exit 1, a message naming the problem, the workbook untouched and nothing written', async (_what, text, message) => {
      const dir = tmp();
      const input = path.join(dir, 'return.xlsx');
      writeFileSync(input, readFileSync(SAMPLE));
      const before = readFileSync(input);
      const config = path.join(dir, 'config.json');
      writeFileSync(config, text);
      const o = io();
      expect(await run([input, '--config', config], o.cli)).toBe(1);
      expect(o.errors()).toMatch(/config\.json/);
      expect(o.errors()).toMatch(message);
      expect(readFileSync(input).equals(before)).toBe(true);
      expect(readdirSync(dir).sort()).toEqual(['config.json', 'return.xlsx']);
    });
  });
});
