/**
 * What reading a file finds, told to the user: the xlsx reader's warnings in the summary
 * and the report, a sheet whose part is missing refused, and CSV input that is not quite
 * what it claims (stray bytes that are not UTF-8, text longer than a cell holds).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { run } from '../../src/cli/run';
import { decodeCsv, MAX_CELL_TEXT, readCsvWorkbook } from '../../src/workbook/csv';
import { cellsOf, SAMPLE, workbookOf } from '../helpers/workbooks';
import { editParts, io, tmp } from './helpers';

describe("the xlsx reader's warnings", () => {
  test('a cell far from the rest, left out of the read, is told in the summary and in the report', async () => {
    const dir = tmp();
    const input = path.join(dir, 'stray.xlsx');
    writeFileSync(input, await workbookOf([{ name: 'KPIs', grid: [['Ref', 'Measure', 'Actual', 'Target'], ['K1', 'Visits', 85, 90]] }]));
    writeFileSync(
      input,
      editParts(input, (_parts, text, put) =>
        put('xl/worksheets/sheet1.xml', text('xl/worksheets/sheet1.xml').replace('</sheetData>', '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')),
      ),
    );
    const report = path.join(dir, 'r.json');
    const o = io();
    expect(await run([input, '--report', report], o.cli)).toBe(0);
    expect(o.text()).toMatch(/Warnings from reading the file \(1\):\n {4}Sheet "KPIs": 1 cell far from the rest \(such as XFD1048576\) was left out/);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.files[0].warnings).toEqual([expect.stringMatching(/^Sheet "KPIs": 1 cell far from the rest \(such as XFD1048576\)/)]);
  });

  test('a workbook without warnings has an empty list in the report and no heading', async () => {
    const dir = tmp();
    const input = path.join(dir, 'plain.xlsx');
    writeFileSync(input, readFileSync(SAMPLE));
    const report = path.join(dir, 'r.json');
    const o = io();
    expect(await run([input, '--report', report], o.cli)).toBe(0);
    expect(o.text()).not.toMatch(/Warnings from reading/);
    expect(JSON.parse(readFileSync(report, 'utf8')).files[0].warnings).toEqual([]);
  });

  test('a sheet whose part is missing from the package: refused as damaged, naming part and sheet, nothing written', async () => {
    const dir = tmp();
    const input = path.join(dir, 'damaged.xlsx');
    writeFileSync(
      input,
      editParts(SAMPLE, (parts) => {
        delete parts['xl/worksheets/sheet3.xml'];
      }),
    );
    const o = io();
    expect(await run([input], o.cli)).toBe(1);
    expect(o.errors()).toMatch(/damaged\.xlsx: the package is damaged: xl\/worksheets\/sheet3\.xml \(sheet "Children & Families"\) is missing/);
    expect(o.errors()).toMatch(/Nothing was written/);
    expect(readdirSync(dir)).toEqual(['damaged.xlsx']);
  });

  test('a sheet whose relationship is missing: refused as damaged too', async () => {
    const dir = tmp();
    const input = path.join(dir, 'norel.xlsx');
    writeFileSync(
      input,
      editParts(SAMPLE, (_parts, text, put) => put('xl/_rels/workbook.xml.rels', text('xl/_rels/workbook.xml.rels').replace(/<Relationship Id="rId6"[^>]*\/>/, ''))),
    );
    const o = io();
    expect(await run([input], o.cli)).toBe(1);
    expect(o.errors()).toMatch(/the sheet "Children & Families" has no part \(its relationship "rId6" is missing from xl\/_rels\/workbook\.xml\.rels\)/);
    expect(readdirSync(dir)).toEqual(['norel.xlsx']);
  });
});

describe('CSV: UTF-8 with a stray byte', () => {
  const utf8 = (s: string) => Buffer.from(s, 'utf8');

  test('valid UTF-8 stays UTF-8; only the stray byte is read as Windows-1252; the line is named', async () => {
    const bytes = Buffer.concat([utf8('Ref,Measure,Actual,Target\nM1,Café – visits,1,100\nM2,Bad '), Buffer.from([0x96]), utf8(' byte,5,10\n')]);
    const d = decodeCsv(bytes);
    expect(d.encoding).toBe('mixed');
    expect(d.text).toBe('Ref,Measure,Actual,Target\nM1,Café – visits,1,100\nM2,Bad – byte,5,10\n');
    expect(d.badLines).toEqual([3]);

    const dir = tmp();
    const csv = path.join(dir, 'mixed.csv');
    writeFileSync(csv, bytes);
    const report = path.join(dir, 'r.json');
    const o = io();
    expect(await run([csv, '--report', report], o.cli)).toBe(0);
    const cells = await cellsOf(new Uint8Array(readFileSync(path.join(dir, 'mixed-refreshed.xlsx'))));
    expect(cells.get('mixed!B2')).toBe('Café – visits');
    expect(cells.get('mixed!B3')).toBe('Bad – byte');
    expect(o.text()).toMatch(/mixed\.csv, line 3: the file is UTF-8 but these bytes are not; they were read as Windows-1252 \("M2,Bad – byte,5,10"\)/);
    expect(JSON.parse(readFileSync(report, 'utf8')).files[0].warnings).toEqual([expect.stringMatching(/^mixed\.csv, line 3: /)]);
  });

  test('several lines are listed (CRLF and CR line endings counted once each)', () => {
    const bad = Buffer.from([0x93]);
    const bytes = Buffer.concat([utf8('a,é – “UTF-8”\r\n'), bad, utf8('b\r'), utf8('c\n'), bad, utf8('d\r\n'), bad, utf8('e\n')]);
    const d = decodeCsv(bytes);
    expect(d.badLines).toEqual([2, 4, 5]);
    const book = readCsvWorkbook(bytes, { fileName: 'x.csv' });
    expect(book.warnings[0]).toMatch(/^x\.csv, lines 2, 4 and 5: /);
  });

  test('a Windows-1252 file is still read as Windows-1252, without a warning', () => {
    const bytes = Buffer.from([...Buffer.from('Ref,Measure\nK1,Caf'), 0xe9, 0x20, 0x96, 0x20, 0x93, 0x71, 0x94, 0x0a]);
    const d = decodeCsv(bytes);
    expect(d).toMatchObject({ encoding: 'windows-1252', badLines: [] });
    expect(d.text).toBe('Ref,Measure\nK1,Café – “q”\n');
    expect(readCsvWorkbook(bytes).warnings).toEqual([]);
  });

  test('plain UTF-8 (with or without a BOM) is UTF-8, without a warning', () => {
    expect(decodeCsv(utf8('\ufeffa,Café –\n'))).toEqual({ text: 'a,Café –\n', encoding: 'utf-8', badLines: [], sample: '' });
    expect(decodeCsv(utf8('a,b\n')).encoding).toBe('utf-8');
  });

  test('a UTF-8 BOM with a stray byte: UTF-8 where valid, the byte as Windows-1252, warned', () => {
    const d = decodeCsv(Buffer.concat([utf8('\ufeffa,b\nc,'), Buffer.from([0xa3]), utf8('5\n')]));
    expect(d).toMatchObject({ encoding: 'mixed', text: 'a,b\nc,£5\n', badLines: [2] });
  });
});

describe('CSV: a field longer than a cell holds', () => {
  test('is cut to 32,767 characters, with a warning naming row, column and cell', async () => {
    const dir = tmp();
    const csv = path.join(dir, 'long.csv');
    writeFileSync(csv, `Ref,Measure,Actual,Target,Commentary\nK1,Visits,85,90,"${'y'.repeat(40000)}"\n`);
    const o = io();
    expect(await run([csv], o.cli)).toBe(0);
    expect(o.text()).toMatch(/long\.csv, row 2, column E \(cell E2\): the text is 40,000 characters long, more than the 32,767 an Excel cell holds, so it was cut to 32,767 characters\./);
    const cells = await cellsOf(new Uint8Array(readFileSync(path.join(dir, 'long-refreshed.xlsx'))));
    expect(String(cells.get('long!E2'))).toHaveLength(MAX_CELL_TEXT);
  });

  test('a field of exactly 32,767 characters is kept whole, without a warning', () => {
    const book = readCsvWorkbook(Buffer.from(`a,${'z'.repeat(MAX_CELL_TEXT)}\n`), { fileName: 'ok.csv' });
    expect(book.warnings).toEqual([]);
    expect(String(book.snapshot.sheets[0]!.values[0]![1])).toHaveLength(MAX_CELL_TEXT);
  });
});
