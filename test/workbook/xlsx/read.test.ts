import ExcelJS from 'exceljs';
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../../../src/core/types';
import { SETTINGS_MARKER } from '../../../src/core/types';
import { MAX_SNAPSHOT_CELLS, readWorkbook, usedBox } from '../../../src/workbook/xlsx/read';
import { isoToSerial } from '../../../src/workbook/xlsx/sheet-read';
import { sampleWorkbook } from '../../fixtures/xlsx/fixtures';
import { buildWorkbook, worksheet } from '../../fixtures/xlsx/workbook-builder';
import { CHARTS_FIXTURE, fileFixture, realWorkbooks } from './helpers';

function sheet(s: WorkbookSnapshot, name: string): SheetSnapshot {
  const found = s.sheets.find((x) => x.name === name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

function at(s: SheetSnapshot, row: number, col: number): CellValue {
  return s.values[row - s.origin.row]?.[col - s.origin.col] ?? null;
}

function fmtAt(s: SheetSnapshot, row: number, col: number): string | undefined {
  return s.numberFormats[row - s.origin.row]?.[col - s.origin.col];
}

describe('reading a hand-built workbook', () => {
  const wb = readWorkbook(sampleWorkbook(), { fileName: 'sample.xlsx' });
  const values = sheet(wb.snapshot, 'Values');

  it('reads every kind of value', () => {
    expect(at(values, 0, 0)).toBe('Measure'); // shared string
    expect(at(values, 0, 1)).toBe('Actual '); // rich text runs joined, phonetic run left out
    expect(at(values, 0, 2)).toBe('Target'); // inline string
    expect(at(values, 0, 3)).toBe('Text result'); // formula string result
    expect(at(values, 0, 4)).toBe(true);
    expect(at(values, 1, 2)).toBe(false);
    expect(at(values, 0, 5)).toBe('#N/A'); // error as its text
    expect(at(values, 0, 6)).toBe(0.92);
    expect(at(values, 1, 0)).toBe(1.5);
    expect(at(values, 1, 5)).toBe(5);
    expect(at(values, 0, 9)).toBe('Line one\r\nline two'); // "_x000D_" decoded
    expect(at(values, 2, 0)).toBe('rich inline'); // rich inline string
    expect(at(values, 1, 3)).toBeNull(); // formula whose cached result is ""
  });

  it('turns an ISO date (t="d") into a serial in the workbook\'s date system (1904 here)', () => {
    expect(at(values, 0, 7)).toBe(45382 - 1462);
    expect(isoToSerial('2024-03-31T00:00:00', false)).toBe(45382);
    expect(isoToSerial('2024-03-31T12:00:00Z', false)).toBe(45382.5);
    expect(isoToSerial('1900-01-01', false)).toBe(1);
    expect(isoToSerial('1900-03-01', false)).toBe(61);
    expect(isoToSerial('1904-01-02', true)).toBe(1);
    expect(isoToSerial('not a date', false)).toBeNull();
  });

  it('lists formulas saved without a result', () => {
    expect(values.uncachedFormulas).toEqual([
      { row: 0, col: 8 },
      { row: 0, col: 10 },
    ]);
  });

  it('reads number formats from the cell, else the row, else the column', () => {
    expect(fmtAt(values, 0, 6)).toBe('0%'); // built-in 9
    expect(fmtAt(values, 1, 1)).toBe('0.0%'); // custom 164
    expect(fmtAt(values, 0, 7)).toBe('m/d/yyyy'); // built-in 14
    expect(fmtAt(values, 2, 4)).toBe('0%'); // no cell: from <col style>
    expect(fmtAt(values, 1, 5)).toBe('General'); // a cell without s in a formatted column has the default format
    expect(fmtAt(values, 1, 0)).toBe('General');
  });

  it('takes the used range from cells with values, not from <dimension> or styled blanks', () => {
    expect(values.origin).toEqual({ row: 0, col: 0 });
    expect(values.values.length).toBe(5);
    expect(values.values.every((r) => r.length === 11)).toBe(true);
    expect(values.numberFormats.length).toBe(5);
    expect(values.numberFormats.every((r) => r.length === 11)).toBe(true);
  });

  it('reads hidden rows and columns, merges and protection', () => {
    expect(values.hiddenRows).toEqual([2]);
    expect(values.hiddenColumns).toEqual([2]);
    expect(values.merges).toEqual([{ top: 4, left: 0, bottom: 4, right: 1 }]);
    expect(values.protected).toBe(false);
    expect(sheet(wb.snapshot, 'Locked').protected).toBe(true);
  });

  it('reads sheet visibility and positions, and leaves the settings sheet out', () => {
    expect(wb.snapshot.sheets.map((s) => [s.name, s.visibility, s.position])).toEqual([
      ['Values', 'visible', 0],
      ['Tables', 'visible', 1],
      ['Locked', 'visible', 2],
      ['Hidden', 'hidden', 3],
      ['Very hidden', 'veryHidden', 4],
      ['Prefixed', 'visible', 5],
    ]);
    expect(wb.snapshot.savedDocument).toBe('{"version":1,"x":"a & b"}');
    expect(wb.snapshot.source).toEqual({ host: 'xlsx', fileName: 'sample.xlsx' });
  });

  it('reads Excel tables', () => {
    expect(sheet(wb.snapshot, 'Tables').tables).toEqual([
      { name: 'Measures', range: { top: 0, left: 0, bottom: 3, right: 2 }, headerRowCount: 1, totalsRowCount: 0, columnNames: ['Ref', 'Name', 'Score'] },
    ]);
  });

  it('reads prefixed SpreadsheetML and cells written without r', () => {
    const p = sheet(wb.snapshot, 'Prefixed');
    expect(p.origin).toEqual({ row: 1, col: 1 });
    expect(p.values).toEqual([
      ['P1', 10, true],
      [20, null, null],
    ]);
  });
});

describe('the settings sheet', () => {
  it('joins A2, A3, ... and gives null when there is no settings sheet', () => {
    const settings = worksheet(
      '<sheetData>' +
        `<row r="1"><c r="A1" t="inlineStr"><is><t>${SETTINGS_MARKER}</t></is></c></row>` +
        '<row r="3"><c r="A3" t="inlineStr"><is><t>b</t></is></c></row>' +
        '<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="B2" t="inlineStr"><is><t>ignored</t></is></c></row>' +
        '</sheetData>',
    );
    const other = worksheet('<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>');
    const wb = readWorkbook(buildWorkbook({ sheets: [{ name: 'Data', xml: other }, { name: 'RAGRefresh_Settings', xml: settings, state: 'veryHidden' }] }));
    expect(wb.snapshot.savedDocument).toBe('ab');
    expect(wb.snapshot.sheets.map((s) => s.name)).toEqual(['Data']);
    const none = readWorkbook(buildWorkbook({ sheets: [{ name: 'Data', xml: other }] }));
    expect(none.snapshot.savedDocument).toBeNull();
  });
});

describe('pathological extents', () => {
  it('does not allocate a cell for every address up to XFD1048576', () => {
    const xml = worksheet(
      '<dimension ref="A1:XFD1048576"/><sheetData>' +
        '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>' +
        '<row r="2"><c r="A2"><v>3</v></c></row>' +
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far away</t></is></c></row>' +
        '</sheetData>',
    );
    const wb = readWorkbook(buildWorkbook({ sheets: [{ name: 'Big', xml }] }));
    const s = wb.snapshot.sheets[0];
    expect(s.values).toEqual([
      [1, 2],
      [3, null],
    ]);
    expect(wb.warnings.join(' ')).toMatch(/Big.*1 cell far from the rest \(such as XFD1048576\)/);
  });

  it('keeps a large dense range whole', () => {
    const rows: number[] = [];
    const cols: number[] = [];
    for (let r = 0; r < 50; r++) {
      for (let c = 0; c < 2762; c += 100) {
        rows.push(r);
        cols.push(c);
      }
    }
    expect(usedBox(rows, cols, MAX_SNAPSHOT_CELLS)).toEqual({ top: 0, left: 0, bottom: 49, right: 2700 });
    // Trimming removes the outliers first.
    rows.push(1000000);
    cols.push(16000);
    expect(usedBox(rows, cols, MAX_SNAPSHOT_CELLS)).toEqual({ top: 0, left: 0, bottom: 49, right: 2700 });
  });
});

describe('reading the real workbooks', () => {
  const files = realWorkbooks();

  it('reads the Towns Fund return: 20 sheets, hidden ones marked, formulas without results listed', () => {
    const wb = readWorkbook(files.find((f) => f.name.startsWith('dluhc_towns'))!.bytes);
    expect(wb.snapshot.sheets).toHaveLength(20);
    expect(wb.snapshot.sheets.filter((s) => s.visibility === 'visible').map((s) => s.name)).toEqual([
      '1 - Start Here',
      '2 - Project Admin',
      '3 - Programme Progress',
      '4a - Funding Profiles',
      '4b - PSI',
      '5 - Project Outputs',
      '6 - Outcomes',
      '7 - Risk Register',
      '8 - Review & Sign-Off',
    ]);
    const progress = sheet(wb.snapshot, '3 - Programme Progress');
    // C25: =IF(ISBLANK('2 - Project Admin'!E32),"n/a",...) saved as <v/>.
    expect(progress.uncachedFormulas).toContainEqual({ row: 24, col: 2 });
    const total = wb.snapshot.sheets.reduce((n, s) => n + (s.uncachedFormulas?.length ?? 0), 0);
    expect(total).toBeGreaterThan(300);
    const backend = sheet(wb.snapshot, 'Backend Data');
    expect(backend.values.length).toBe(49);
    expect(backend.values[0].length).toBe(2762);
    expect(sheet(wb.snapshot, '4a - Funding Profiles').merges.length).toBe(1034);
    expect(sheet(wb.snapshot, '4a - Funding Profiles').hiddenRows.length).toBeGreaterThan(0);
    // Dates are serials formatted mmm-yy.
    const fmts = new Set(progress.numberFormats.flat());
    expect([...fmts].some((f) => /mmm/.test(f))).toBe(true);
  });

  it('reads the Pathfinders return: its three tables on hidden sheets, protection, percent formats', () => {
    const wb = readWorkbook(files.find((f) => f.name.startsWith('dluhc_pathfinders'))!.bytes);
    const tables = wb.snapshot.sheets.flatMap((s) => s.tables.map((t) => [s.name, s.visibility, t.name, t.columnNames.length]));
    expect(tables).toEqual([
      ['Project Details', 'hidden', 'Ref_table', 5],
      ['Bespoke Outputs', 'hidden', 'tbl_Bespoke_Outputs', 4],
      ['Bespoke Outcomes', 'hidden', 'tbl_Bespoke_Outcomes', 4],
    ]);
    expect(sheet(wb.snapshot, 'Progress').protected).toBe(true);
    expect(sheet(wb.snapshot, 'Outputs').numberFormats.flat()).toContain('0.00%');
    expect(sheet(wb.snapshot, 'Metadata').values).toEqual([
      ['Reporting Round', 'Fund Name'],
      ['2v2', 'Pathfinders'],
    ]);
  });

  it('reads the charts fixture: its table and formulas without results', () => {
    const wb = readWorkbook(fileFixture(CHARTS_FIXTURE));
    expect(sheet(wb.snapshot, 'Sheet1').tables).toEqual([
      { name: 'Table1', range: { top: 20, left: 2, bottom: 25, right: 3 }, headerRowCount: 1, totalsRowCount: 0, columnNames: ['Column1', 'Column2'] },
    ]);
    expect(sheet(wb.snapshot, 'Sheet2').uncachedFormulas?.length).toBe(5);
    expect(sheet(wb.snapshot, 'Sheet2').merges).toEqual([{ top: 5, left: 0, bottom: 5, right: 0 }]);
  });
});

// ---------------------------------------------------------------- against ExcelJS

const EPOCH = Date.UTC(1899, 11, 30);

/** ExcelJS's idea of a cell's value, in the snapshot's terms. */
function excelJsValue(v: ExcelJS.CellValue, date1904: boolean): CellValue {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return (v.getTime() - EPOCH) / 86400000 - (date1904 ? 1462 : 0);
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'object') {
    const o = v as unknown as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('') || null;
    if ('error' in o) return String(o.error);
    if ('formula' in o || 'sharedFormula' in o) return excelJsValue((o.result ?? null) as ExcelJS.CellValue, date1904);
    if ('text' in o) return excelJsValue(o.text as ExcelJS.CellValue, date1904);
  }
  return null;
}

describe('reading agrees with ExcelJS, cell by cell, on the visible sheets', () => {
  const files = [...realWorkbooks(), { name: CHARTS_FIXTURE, bytes: fileFixture(CHARTS_FIXTURE) }];
  it.each(files.map((f) => [f.name, f.bytes] as const))('%s', async (_name, bytes) => {
    const ours = readWorkbook(bytes).snapshot;
    const theirs = new ExcelJS.Workbook();
    await theirs.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const date1904 = !!(theirs.properties as { date1904?: boolean }).date1904;
    let compared = 0;
    const mismatches: string[] = [];
    for (const s of ours.sheets.filter((x) => x.visibility === 'visible')) {
      const ws = theirs.getWorksheet(s.name);
      expect(ws).toBeDefined();
      const seen = new Set<string>();
      ws!.eachRow({ includeEmpty: false }, (row, r) => {
        row.eachCell({ includeEmpty: false }, (cell, c) => {
          const expected = excelJsValue(cell.value, date1904);
          seen.add(`${r - 1},${c - 1}`);
          // ExcelJS shows the master's value in every cell of a merge; the file may hold others there.
          if (cell.isMerged && cell.master !== cell) return;
          const got = at(s, r - 1, c - 1);
          compared++;
          const o = cell.value as unknown as Record<string, unknown> | null;
          const formulaWithoutResult = !!o && typeof o === 'object' && ('formula' in o || 'sharedFormula' in o) && o.result === undefined;
          // ExcelJS 4.4 drops a falsy cached result (0) of a formula; a missing result is ours as null.
          if (formulaWithoutResult && (got === 0 || got === false || got === null)) return;
          const same = typeof expected === 'number' && typeof got === 'number' ? Math.abs(expected - got) < 1e-9 : expected === got;
          if (!same) mismatches.push(`${s.name}!${cell.address}: ExcelJS ${JSON.stringify(expected)}, ours ${JSON.stringify(got)}`);
        });
      });
      // Nothing we read is missing from ExcelJS's reading.
      s.values.forEach((line, i) =>
        line.forEach((v, j) => {
          if (v !== null && !seen.has(`${s.origin.row + i},${s.origin.col + j}`)) {
            mismatches.push(`${s.name} (${s.origin.row + i},${s.origin.col + j}): ours ${JSON.stringify(v)}, ExcelJS nothing`);
          }
        }),
      );
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(0);
  });
});

describe('number cells that hold no number', () => {
  test('"NaN" and "INF" written by a tool keep their text (so the rules can say so); an empty <v> is blank', () => {
    const xml = worksheet(
      '<sheetData><row r="1"><c r="A1"><v>NaN</v></c><c r="B1"><v>INF</v></c><c r="C1"><v>-Infinity</v></c><c r="D1"><v> </v></c><c r="E1"><v>12.5</v></c></row></sheetData>',
    );
    const s = sheet(readWorkbook(buildWorkbook({ sheets: [{ name: 'Data', xml }] })).snapshot, 'Data');
    expect([at(s, 0, 0), at(s, 0, 1), at(s, 0, 2), at(s, 0, 3), at(s, 0, 4)]).toEqual(['NaN', 'INF', '-Infinity', null, 12.5]);
  });
});
