import ExcelJS from 'exceljs';
import type { CellValue, SheetSnapshot, StatusBlock, WorkbookSnapshot, WritePlan } from '../../../src/core/types';
import { SETTINGS_MARKER, SETTINGS_SHEET_NAME } from '../../../src/core/types';
import { applyPlan } from '../../../src/workbook/xlsx/apply';
import { XlsxError } from '../../../src/workbook/xlsx/errors';
import { readWorkbook } from '../../../src/workbook/xlsx/read';
import { WORKSHEET_ORDER } from '../../../src/workbook/xlsx/sheet-index';
import { ZipArchive } from '../../../src/workbook/xlsx/zip';
import { pivotWorkbook, sampleWorkbook, scorecardWorkbook } from '../../fixtures/xlsx/fixtures';
import {
  addr,
  cellElement,
  plannedCells,
  rawIdentical,
  stylesWithoutAppended,
  topLevelOrder,
  wellFormed,
  withoutInsertions,
} from './checks';
import { CHARTS_FIXTURE, fileFixture, realWorkbooks, text, unzipParts } from './helpers';
import { EXCEPTION_NAME, TRICKY_TEXT, clearPlan, representativePlan, rerunPlan, savedDocument } from './plans';

const cases: { name: string; bytes: Uint8Array; excelJs?: false }[] = [
  ...realWorkbooks(),
  { name: CHARTS_FIXTURE, bytes: fileFixture(CHARTS_FIXTURE) },
  { name: 'pivot table and threaded comments (built)', bytes: pivotWorkbook() },
  { name: 'scorecard with a table (built)', bytes: scorecardWorkbook() },
  // ExcelJS 4.4 cannot load this one even before a refresh (its prefixed x:worksheet).
  { name: 'sample with a prefixed sheet and a settings sheet (built)', bytes: sampleWorkbook(), excelJs: false },
];

function snapshotSheet(s: WorkbookSnapshot, name: string): SheetSnapshot {
  const found = s.sheets.find((x) => x.name === name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

function valueAt(s: SheetSnapshot, row: number, col: number): CellValue {
  return s.values[row - s.origin.row]?.[col - s.origin.col] ?? null;
}

function formatAt(s: SheetSnapshot, row: number, col: number): string {
  return s.numberFormats[row - s.origin.row]?.[col - s.origin.col] ?? 'General';
}

/** The text the shell writes for a value: characters XML cannot hold are dropped. */
function written(v: unknown): unknown {
  // eslint-disable-next-line no-control-regex
  return typeof v === 'string' ? v.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '') : v;
}

interface Applied {
  name: string;
  excelJs?: false;
  bytes: Uint8Array;
  before: ReturnType<typeof readWorkbook>;
  plan: WritePlan;
  blocks: StatusBlock[];
  tableOriginal: Map<string, number>;
  out: Uint8Array;
}

const applied: Applied[] = cases.map(({ name, bytes, excelJs }) => {
  const before = readWorkbook(bytes);
  const { plan, blocks, tableOriginal } = representativePlan(before.snapshot, { structureLocked: before.pkg.structureLocked });
  return { name, bytes, excelJs, before, plan, blocks, tableOriginal, out: applyPlan(before.pkg, plan) };
});

function sheetPath(bytes: Uint8Array, sheetName: string): string {
  const wb = readWorkbook(bytes);
  const info = wb.pkg.sheets.find((s) => s.name === sheetName);
  return info!.path!;
}

describe.each(applied.map((a) => [a.name, a] as const))('applying a representative plan to %s', (_name, a) => {
  const origParts = unzipParts(a.bytes);
  const newParts = unzipParts(a.out);
  const blockSheets = [...new Set(a.blocks.map((b) => b.sheet))];
  const patchedSheetPaths = blockSheets.map((s) => sheetPath(a.bytes, s));
  const tableParts = [...origParts.keys()].filter((p) => /tables\/table\d+\.xml$/.test(p));
  const grownTables = tableParts.filter((p) => a.blocks.some((b) => b.tableName && text(origParts.get(p)).includes(`displayName="${b.tableName}"`)));
  const settingsInfo = a.before.pkg.sheets.find((s) => s.name === SETTINGS_SHEET_NAME);
  const settingsPath = settingsInfo?.path ?? null;

  it('copies every part it does not touch byte for byte (the zip records themselves)', () => {
    const r = rawIdentical(a.bytes, a.out);
    const newSheets = a.plan.exceptionSheet !== null;
    const expectedChanged = [
      ...patchedSheetPaths,
      ...grownTables,
      ...(settingsPath && newSheets ? [settingsPath] : []),
      'xl/styles.xml',
      ...(newSheets ? ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml'] : []),
    ];
    expect(r.removed).toEqual([]);
    expect(r.changed.sort()).toEqual(expectedChanged.filter((p) => origParts.has(p)).sort());
    expect(r.orderKept).toBe(true);
    // New parts: the summary sheet, its relationships and table, and the settings sheet unless there was one.
    const sheetsAdded = !newSheets ? 0 : settingsPath ? 1 : 2;
    expect(r.added).toHaveLength((newSheets ? 2 : 0) + sheetsAdded);
    expect(r.added.filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))).toHaveLength(sheetsAdded);
    expect(r.added.filter((p) => /^xl\/worksheets\/_rels\/sheet\d+\.xml\.rels$/.test(p))).toHaveLength(newSheets ? 1 : 0);
    expect(r.added.filter((p) => /^xl\/tables\/table\d+\.xml$/.test(p))).toHaveLength(newSheets ? 1 : 0);
    // New parts come after the original ones.
    const names = ZipArchive.read(a.out).entries.map((e) => e.name);
    expect(names.slice(names.length - r.added.length).sort()).toEqual([...r.added].sort());
  });

  it('in a patched sheet, takes nothing away: without the planned cells, formats and widths it is the original', () => {
    for (const sheet of blockSheets) {
      const path = sheetPath(a.bytes, sheet);
      const blocks = a.blocks.filter((b) => b.sheet === sheet);
      const { patched, original } = withoutInsertions(text(newParts.get(path)), text(origParts.get(path)), blocks);
      expect(patched).toBe(original);
    }
  });

  it('keeps every original style at its index, only appending', () => {
    const { patched, original } = stylesWithoutAppended(text(newParts.get('xl/styles.xml')), text(origParts.get('xl/styles.xml')));
    expect(patched).toBe(original);
  });

  it('grows a table by changing only its ref, autoFilter ref, column count and adding the columns', () => {
    for (const p of grownTables) {
      const before = text(origParts.get(p));
      const after = text(newParts.get(p));
      const block = a.blocks.find((b) => b.tableName && before.includes(`displayName="${b.tableName}"`))!;
      for (const c of block.columns) expect(after).toContain(`name="${c.header}"`);
      const strip = (x: string): string =>
        x
          .replace(/ ref="[^"]*"/g, '')
          .replace(/ count="\d+"/g, '')
          .replace(/<tableColumn id="\d+" name="(RAG status|Direction of travel|Variance %)"\/>/g, '');
      expect(strip(after)).toBe(strip(before));
    }
  });

  it('writes only well-formed XML, with worksheet elements in schema order', () => {
    const r = rawIdentical(a.bytes, a.out);
    for (const p of [...r.changed, ...r.added]) {
      expect([p, wellFormed(text(newParts.get(p)))]).toEqual([p, true]);
      if (/worksheets\/sheet\d+\.xml$/.test(p)) {
        const order = topLevelOrder(text(newParts.get(p))).map((n) => WORKSHEET_ORDER.indexOf(n)).filter((i) => i >= 0);
        expect(order).toEqual([...order].sort((x, y) => x - y));
      }
    }
  });

  it('reads back with every original value and format unchanged and the planned ones added', () => {
    const after = readWorkbook(a.out).snapshot;
    const planned = new Map<string, { value: unknown; format: string; header: boolean }>();
    for (const b of a.blocks) for (const c of plannedCells(b)) planned.set(`${b.sheet}!${c.row},${c.col}`, c);
    const differences: string[] = [];
    for (const s of a.before.snapshot.sheets) {
      const t = snapshotSheet(after, s.name);
      s.values.forEach((line, i) =>
        line.forEach((v, j) => {
          const row = s.origin.row + i;
          const col = s.origin.col + j;
          if (planned.has(`${s.name}!${row},${col}`)) return;
          if (valueAt(t, row, col) !== v) differences.push(`${s.name} ${addr(row, col)} value`);
          if (formatAt(t, row, col) !== s.numberFormats[i][j]) differences.push(`${s.name} ${addr(row, col)} format`);
        }),
      );
      expect(t.merges).toEqual(s.merges);
      expect(t.hiddenRows).toEqual(s.hiddenRows.filter((r) => r >= t.origin.row));
      expect(t.protected).toBe(s.protected);
      expect(t.uncachedFormulas).toEqual(s.uncachedFormulas);
    }
    expect(differences).toEqual([]);
    for (const [key, c] of planned) {
      const [sheet, rc] = key.split('!');
      const [row, col] = rc.split(',').map(Number);
      const t = snapshotSheet(after, sheet);
      expect([key, valueAt(t, row, col)]).toEqual([key, written(c.value)]);
      if (!c.header) expect([key, formatAt(t, row, col)]).toEqual([key, c.format]);
    }
    expect(after.savedDocument).toBe(a.plan.savedDocument ?? a.before.snapshot.savedDocument);
    expect(after.sheets.map((s) => s.name)).toEqual([...a.before.snapshot.sheets.map((s) => s.name), ...(a.plan.exceptionSheet ? [EXCEPTION_NAME] : [])]);
  });

  it('writes text as text: never a formula, whatever it starts with', () => {
    for (const b of a.blocks) {
      const xml = text(newParts.get(sheetPath(a.bytes, b.sheet)));
      for (const c of plannedCells(b)) {
        const el = cellElement(xml, addr(c.row, c.col))!;
        expect(el).not.toMatch(/<f[ >]/);
        if (typeof c.value === 'string') expect(el).toMatch(/t="inlineStr"><is><t xml:space="preserve">/);
      }
    }
  });

  (a.excelJs === false ? it.skip : it)('is read by ExcelJS: statuses, conditional formats, table columns, the summary sheet and the settings sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(a.out) as unknown as ExcelJS.Buffer);
    for (const b of a.blocks) {
      const ws = wb.getWorksheet(b.sheet)!;
      expect(ws.getCell(b.headerRow + 1, b.firstCol + 1).value).toBe('RAG status');
      const first = ws.getCell(b.firstDataRow + 1, b.firstCol + 1).value;
      expect(first).toBe('Red');
      const refs = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string }[] }[] }).conditionalFormattings;
      const rag = refs.find((cf) => cf.ref === `${addr(b.firstDataRow, b.firstCol)}:${addr(b.lastDataRow, b.firstCol)}`);
      expect(rag?.rules.map((r) => r.type)).toEqual(['cellIs', 'cellIs', 'cellIs']);
      const dir = refs.find((cf) => cf.ref === `${addr(b.firstDataRow, b.firstCol + 1)}:${addr(b.lastDataRow, b.firstCol + 1)}`);
      expect(dir?.rules.map((r) => r.type)).toEqual(['beginsWith', 'beginsWith']);
      if (b.tableName) {
        const table = (ws as unknown as { getTable(n: string): { table: { columns: { name: string }[] } } }).getTable(b.tableName);
        expect(table.table.columns.map((c) => c.name).slice(-3)).toEqual(['RAG status', 'Direction of travel', 'Variance %']);
      }
    }
    if (!a.plan.exceptionSheet) return;
    const summary = wb.getWorksheet(EXCEPTION_NAME)!;
    expect(summary.getCell('A1').value).toBe('Exception report');
    expect(summary.getCell('B6').value).toBe('Red');
    expect(summary.pageSetup.orientation).toBe('landscape');
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect((summary as unknown as { getTable(n: string): unknown }).getTable('RAGExceptions')).toBeDefined();
    const settings = wb.getWorksheet(SETTINGS_SHEET_NAME)!;
    expect(settings.state).toBe('veryHidden');
    expect(settings.getCell('A1').value).toBe(SETTINGS_MARKER);
  });

  it('gives the same bytes when the same plan is applied again over its own output', () => {
    const again = applyPlan(readWorkbook(a.out).pkg, rerunPlan(a.plan, a.tableOriginal));
    expect(Buffer.compare(Buffer.from(again), Buffer.from(a.out))).toBe(0);
  });

  it('gives back the original, cell for cell, when everything is cleared', () => {
    const cleared = applyPlan(readWorkbook(a.out).pkg, clearPlan(a.plan, a.tableOriginal));
    const back = readWorkbook(cleared);
    // Clear RAG takes the saved settings too.
    expect(back.snapshot).toEqual({ ...a.before.snapshot, savedDocument: null });
    // Part for part: all but the patched sheets and styles.xml (which keeps its appended entries) are the original bytes.
    const r = rawIdentical(a.bytes, cleared);
    expect(r.added).toEqual([]);
    expect(r.removed).toEqual(settingsPath && a.plan.savedDocument !== null ? [settingsPath] : []);
    const changedParts = r.changed.filter((p) => {
      const x = unzipParts(cleared).get(p)!;
      return text(x) !== text(origParts.get(p));
    });
    const settingsListed = settingsPath && a.plan.savedDocument !== null ? ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml'] : [];
    expect(changedParts.sort()).toEqual(['xl/styles.xml', ...patchedSheetPaths, ...settingsListed].sort());
  });
});

// ---------------------------------------------------------------- targeted behaviour

function plan(p: Partial<WritePlan>): WritePlan {
  return { clear: [], statusBlocks: [], exceptionSheet: null, removeSheets: [], savedDocument: null, ...p };
}

function block(sheet: string, headerRow: number, firstCol: number, values: CellValue[], extra: Partial<StatusBlock> = {}): StatusBlock {
  return {
    sheet,
    tableName: null,
    headerRow,
    firstDataRow: headerRow + 1,
    lastDataRow: headerRow + values.length,
    firstCol,
    columns: [{ key: 'rag', header: 'RAG status', values, numberFormat: '@', width: 12, rules: [] }],
    skipRows: [],
    note: null,
    ...extra,
  };
}

function errorOf(f: () => unknown): XlsxError {
  try {
    f();
  } catch (e) {
    if (e instanceof XlsxError) return e;
    throw e;
  }
  throw new Error('expected an XlsxError');
}

describe('refusing to write over the user', () => {
  const wb = readWorkbook(scorecardWorkbook());

  it('will not write over a value: cell-in-use, and no output', () => {
    const err = errorOf(() => applyPlan(wb.pkg, plan({ statusBlocks: [block('Scorecard', 2, 1, ['Red', 'Amber'])] })));
    expect(err.code).toBe('cell-in-use');
    expect(err.message).toBe('Sheet "Scorecard" cell B3 holds "Measure"; RAG Refresh will not write over it.');
  });

  it('names a formula cell by its formula when it has no result', () => {
    const err = errorOf(() => applyPlan(wb.pkg, plan({ statusBlocks: [block('Scorecard', 8, 5, ['Red'])] })));
    expect(err.message).toBe('Sheet "Scorecard" cell F10 holds "23.61"; RAG Refresh will not write over it.');
  });

  it('will not write into merged cells or inside another table', () => {
    expect(errorOf(() => applyPlan(wb.pkg, plan({ statusBlocks: [block('Scorecard', 0, 2, ['Red'])] }))).message).toMatch(
      /cell C1 is part of the merged cells A1:D1/,
    );
    // E3 is free, but a block over D4:D5 is inside the table.
    expect(errorOf(() => applyPlan(wb.pkg, plan({ statusBlocks: [block('Scorecard', 1, 3, ['Red'])] }))).message).toMatch(/cell D2|cell D3/);
  });

  it('checks the rows it skips too: a later clear empties the whole block', () => {
    const b = block('Scorecard', 1, 5, ['Red', 'Amber', 'Green', 'Red', 'Red', 'Red', 'Red', 'Red', 'Red'], { skipRows: [9] });
    expect(errorOf(() => applyPlan(wb.pkg, plan({ statusBlocks: [b] }))).message).toMatch(/cell F10 holds/);
    // A null value gets no cell but is checked as well.
    const c = block('Scorecard', 1, 5, ['Red', 'Amber', 'Green', 'Red', 'Red', 'Red', 'Red', 'Red', null]);
    expect(errorOf(() => applyPlan(wb.pkg, plan({ statusBlocks: [c] }))).code).toBe('cell-in-use');
  });

  it('does not clear a block whose headers no longer say what the add-in wrote (the user moved or overwrote it)', () => {
    const first = applyPlan(wb.pkg, plan({ statusBlocks: [block('Scorecard', 11, 1, ['Red', 'Amber'])] }));
    const owned = { sheet: 'Scorecard', tableName: null, tableOriginalRight: null, headerRow: 11, firstDataRow: 12, lastDataRow: 13, firstCol: 1, keys: ['rag' as const], headers: ['RAG status'] };
    // As if a column had been inserted: the remembered rectangle is one column left of the block.
    const shifted = { ...owned, firstCol: 0 };
    const userValues = applyPlan(readWorkbook(first).pkg, plan({ statusBlocks: [block('Scorecard', 11, 0, ['mine', 'also mine'])] }));
    const kept = applyPlan(readWorkbook(userValues).pkg, plan({ clear: [{ ...shifted, headers: ['Something else'] }] }));
    const s = snapshotSheet(readWorkbook(kept).snapshot, 'Scorecard');
    expect(valueAt(s, 12, 0)).toBe('mine');
    // With the right headers (case and spaces aside) the block goes.
    const gone = applyPlan(readWorkbook(first).pkg, plan({ clear: [{ ...owned, headers: [' rag STATUS '] }] }));
    expect(valueAt(snapshotSheet(readWorkbook(gone).snapshot, 'Scorecard'), 12, 1)).toBeNull();
  });

  it('writes over a formatted blank, keeping its look', () => {
    // E3 is a styled blank (the template's header look) right of the table.
    const out = applyPlan(wb.pkg, plan({ statusBlocks: [block('Scorecard', 2, 5, ['Red', 'Green'])] }));
    const xml = text(unzipParts(out).get('xl/worksheets/sheet1.xml'));
    const el = cellElement(xml, 'F3')!;
    expect(el).toMatch(/^<c r="F3" s="(\d+)" t="inlineStr">/);
    const s = Number(/s="(\d+)"/.exec(el)![1]);
    const styles = text(unzipParts(out).get('xl/styles.xml'));
    const xfs = [...styles.slice(styles.indexOf('<cellXfs')).matchAll(/<xf [^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
    // Bold, wrapped, and the blank's fill and border kept.
    expect(xfs[s]).toMatch(/fillId="2"/);
    expect(xfs[s]).toMatch(/borderId="1"/);
    expect(xfs[s]).toMatch(/wrapText="1"/);
  });

  it('refuses a protected sheet, as Excel would: writing or clearing there', () => {
    const sample = readWorkbook(sampleWorkbook());
    const err = errorOf(() => applyPlan(sample.pkg, plan({ statusBlocks: [block('Locked', 0, 5, ['Red'])] })));
    expect(err.code).toBe('sheet-protected');
    const owned = { sheet: 'Locked', tableName: null, tableOriginalRight: null, headerRow: 0, firstDataRow: 1, lastDataRow: 1, firstCol: 5, keys: ['rag' as const], headers: ['RAG status'] };
    expect(errorOf(() => applyPlan(sample.pkg, plan({ clear: [owned] }))).code).toBe('sheet-protected');
  });

  it('refuses to add sheets to the Towns Fund return, whose structure is protected', () => {
    const towns = realWorkbooks().find((w) => w.name.startsWith('dluhc_towns'))!;
    const wbT = readWorkbook(towns.bytes);
    expect(wbT.pkg.structureLocked).toBe(true);
    const full = representativePlan(wbT.snapshot).plan;
    const err = errorOf(() => applyPlan(wbT.pkg, full));
    expect(err.code).toBe('workbook-protected');
    expect(err.message).toMatch(/structure is protected.*"RAG Summary".*Review > Protect Workbook/);
  });

  it('refuses to add or remove sheets in a workbook whose structure is protected', () => {
    const { buildWorkbook, worksheet } = require('../../fixtures/xlsx/workbook-builder');
    const locked: Uint8Array = buildWorkbook({
      sheets: [{ name: 'S', xml: worksheet('<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>') }],
      workbookPr: '<workbookPr/><workbookProtection lockStructure="1"/>',
    });
    const l = readWorkbook(locked);
    expect(errorOf(() => applyPlan(l.pkg, plan({ savedDocument: '{}' }))).code).toBe('workbook-protected');
    // Status columns alone change no sheets: allowed.
    const out = applyPlan(l.pkg, plan({ statusBlocks: [block('S', 0, 2, ['Red'])] }));
    expect(valueAt(snapshotSheet(readWorkbook(out).snapshot, 'S'), 1, 2)).toBe('Red');
  });

  it('refuses plans that do not fit the workbook', () => {
    expect(errorOf(() => applyPlan(wb.pkg, plan({ statusBlocks: [block('Nope', 0, 5, ['Red'])] }))).code).toBe('invalid-plan');
    const tableAtWrongPlace = block('Scorecard', 2, 5, ['Red', 'Red', 'Red', 'Red', 'Red'], { tableName: 'Scorecard' });
    expect(errorOf(() => applyPlan(wb.pkg, plan({ statusBlocks: [tableAtWrongPlace] }))).message).toMatch(/must start at E3/);
    const noSuchTable = block('Scorecard', 2, 4, ['Red'], { tableName: 'Other' });
    expect(errorOf(() => applyPlan(wb.pkg, plan({ statusBlocks: [noSuchTable] }))).code).toBe('invalid-plan');
    const clash = block('Scorecard', 2, 4, ['Red', 'Red', 'Red', 'Red', 'Red'], { tableName: 'Scorecard' });
    clash.columns[0].header = 'actual';
    expect(errorOf(() => applyPlan(wb.pkg, plan({ statusBlocks: [clash] }))).message).toMatch(/already has a column named "actual"/);
    const short = block('Scorecard', 2, 8, ['Red']);
    short.lastDataRow = 5;
    expect(errorOf(() => applyPlan(wb.pkg, plan({ statusBlocks: [short] }))).message).toMatch(/1 values for 3 rows/);
    const spec = { name: 'Notes', cells: [], columnWidths: [], table: null, rules: [], print: { orientation: 'landscape' as const, fitToWidth: true, repeatRows: null }, freezeRows: 0 };
    expect(errorOf(() => applyPlan(wb.pkg, plan({ exceptionSheet: spec }))).message).toMatch(/already a sheet called "Notes"/);
    expect(errorOf(() => applyPlan(wb.pkg, plan({ exceptionSheet: { ...spec, name: 'Bad/name' } }))).code).toBe('invalid-plan');
  });
});

describe('text and numbers as written', () => {
  const wb = readWorkbook(scorecardWorkbook());
  const values: CellValue[] = [...TRICKY_TEXT, 'ctrl\u0001char', 12.5, -0, true, 'x'.repeat(40000), NaN];
  const out = applyPlan(wb.pkg, plan({ statusBlocks: [block('Scorecard', 11, 0, values)] }));
  const back = snapshotSheet(readWorkbook(out).snapshot, 'Scorecard');

  it('lands formula-like and markup-like text exactly, as text', () => {
    TRICKY_TEXT.forEach((t, i) => expect(valueAt(back, 12 + i, 0)).toBe(t));
    expect(valueAt(back, 12 + TRICKY_TEXT.length, 0)).toBe('ctrlchar');
  });

  it('writes numbers and booleans as such, cuts text at Excel\'s limit, and a non-number as #NUM!', () => {
    const base = 12 + TRICKY_TEXT.length + 1;
    expect(valueAt(back, base, 0)).toBe(12.5);
    expect(valueAt(back, base + 1, 0)).toBe(0);
    expect(valueAt(back, base + 2, 0)).toBe(true);
    expect((valueAt(back, base + 3, 0) as string).length).toBe(32767);
    expect(valueAt(back, base + 4, 0)).toBe('#NUM!');
  });

  it('ExcelJS reads "=HYPERLINK(...)" as a string, not a formula', async () => {
    const e = new ExcelJS.Workbook();
    await e.xlsx.load(Buffer.from(out) as unknown as ExcelJS.Buffer);
    expect(e.getWorksheet('Scorecard')!.getCell('A13').value).toBe(TRICKY_TEXT[0]);
  });
});

describe('sheets the add-in creates and removes', () => {
  const base = readWorkbook(scorecardWorkbook());
  const spec = (name: string) => ({
    name,
    cells: [
      { row: 0, col: 0, value: 'Measure', style: 'header' as const },
      { row: 0, col: 1, value: 'Measure', style: 'header' as const },
      { row: 1, col: 0, value: 'Calls', link: { sheet: 'Scorecard', cell: { row: 3, col: 0 } } },
    ],
    columnWidths: [20],
    table: { name: 'Scorecard', range: { top: 0, left: 0, bottom: 1, right: 1 }, style: 'TableStyleLight9' },
    rules: [],
    print: { orientation: 'landscape' as const, fitToWidth: true, repeatRows: { first: 0, last: 0 } },
    freezeRows: 1,
  });

  it('gives rows of wrapped text the height the plan asks for, and no other row a height', () => {
    const out = applyPlan(base.pkg, plan({ exceptionSheet: { ...spec('Summary'), rowHeights: [{ row: 1, height: 45 }] } }));
    const sheet = text(unzipParts(out).get('xl/worksheets/sheet3.xml'));
    expect(sheet).toContain('<row r="2" ht="45" customHeight="1">');
    expect(sheet).toContain('<row r="1">');
  });

  it('gives the summary table a workbook-unique name and id, and unique column names', () => {
    const out = applyPlan(base.pkg, plan({ exceptionSheet: spec('Summary') }));
    const parts = unzipParts(out);
    const table = text(parts.get('xl/tables/table2.xml'));
    expect(table).toMatch(/ id="2" name="Scorecard_2" displayName="Scorecard_2"/);
    expect(table).toMatch(/<tableColumn id="1" name="Measure"\/><tableColumn id="2" name="Measure2"\/>/);
    const sheet = text(parts.get('xl/worksheets/sheet3.xml'));
    expect(sheet).toContain('<hyperlink ref="A2" location="\'Scorecard\'!A4" display="Calls"/>');
    expect(sheet).toContain('<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    expect(sheet).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    const wbXml = text(parts.get('xl/workbook.xml'));
    expect(wbXml).toContain('<sheet name="Summary" sheetId="3" r:id="rId11"/>');
    expect(wbXml).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="2">\'Summary\'!$1:$1</definedName>');
    expect(text(parts.get('[Content_Types].xml'))).toContain('<Override PartName="/xl/worksheets/sheet3.xml"');
  });

  it('replaces a summary of the same name in place: same part, sheetId, relationship and position', () => {
    const first = applyPlan(base.pkg, plan({ exceptionSheet: spec('Summary'), savedDocument: '{}' }));
    const changed = { ...spec('summary'), cells: [{ row: 0, col: 0, value: 'Other' }], table: null };
    const second = applyPlan(readWorkbook(first).pkg, plan({ exceptionSheet: changed, removeSheets: ['Summary'], savedDocument: '{}' }));
    const wbXml = text(unzipParts(second).get('xl/workbook.xml'));
    expect(wbXml).toContain('<sheet name="summary" sheetId="3" r:id="rId11"/>');
    // The old summary's print titles go; the new one's come (one name, not two).
    expect(wbXml.match(/_xlnm\.Print_Titles" localSheetId="2"/g)).toHaveLength(1);
    expect(wbXml).toContain(`localSheetId="2">'summary'!$1:$1<`);
    const parts = unzipParts(second);
    expect(parts.has('xl/tables/table2.xml')).toBe(false);
    expect(parts.has('xl/worksheets/_rels/sheet3.xml.rels')).toBe(false);
    expect(text(parts.get('[Content_Types].xml'))).not.toContain('table2.xml');
    expect(text(parts.get('xl/worksheets/sheet3.xml'))).toContain('Other');
  });

  it('removes a renamed summary cleanly and shifts the sheet-local names after it', () => {
    const first = applyPlan(base.pkg, plan({ exceptionSheet: spec('Summary'), savedDocument: savedDocument() }));
    // A name local to the settings sheet (after the summary) must follow it when the summary goes.
    const withName = (() => {
      const zip = ZipArchive.read(first);
      const parts = unzipParts(first);
      const wbXml = text(parts.get('xl/workbook.xml')).replace('</definedNames>', '<definedName name="Local" localSheetId="3">\'RAGRefresh_Settings\'!$A$1</definedName></definedNames>').replace('windowHeight="9000" activeTab="0"', 'windowHeight="9000" activeTab="2"');
      const { writeZip } = require('../../../src/workbook/xlsx/zip');
      return writeZip(zip.entries.map((entry) => (entry.name === 'xl/workbook.xml' ? { kind: 'data', name: entry.name, data: new TextEncoder().encode(wbXml), like: entry } : { kind: 'raw', archive: zip, entry }))) as Uint8Array;
    })();
    const second = applyPlan(readWorkbook(withName).pkg, plan({ exceptionSheet: spec('Exceptions Q2'), removeSheets: ['Summary'], savedDocument: savedDocument() }));
    const parts = unzipParts(second);
    const wbXml = text(parts.get('xl/workbook.xml'));
    expect(wbXml).not.toContain('name="Summary"');
    expect(wbXml).toContain('<definedName name="Local" localSheetId="2">');
    expect(wbXml).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="3">\'Exceptions Q2\'!$1:$1</definedName>');
    expect(wbXml).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="1">Notes!$1:$1</definedName>');
    // The active tab was the removed summary: it moves to the first visible sheet.
    expect(wbXml).toMatch(/activeTab="0"/);
    const after = readWorkbook(second);
    expect(after.snapshot.sheets.map((s) => s.name)).toEqual(['Scorecard', 'Notes', 'Exceptions Q2']);
    expect(after.snapshot.savedDocument).toBe(savedDocument());
    // The old summary's parts are gone, and nothing points at them.
    const ct = text(parts.get('[Content_Types].xml'));
    for (const p of parts.keys()) if (p.endsWith('.xml') && p !== '[Content_Types].xml' && !p.includes('_rels')) expect(ct).toContain(`/${p}"`);
    expect(text(parts.get('xl/_rels/workbook.xml.rels'))).not.toMatch(/sheet3\.xml/);
  });

  it('keeps calcChain unless a removed sheet has formulas in it', () => {
    const out = applyPlan(base.pkg, plan({ exceptionSheet: spec('Summary'), savedDocument: '{}' }));
    expect(unzipParts(out).has('xl/calcChain.xml')).toBe(true);
    const cleared = applyPlan(readWorkbook(out).pkg, plan({ removeSheets: ['Summary'] }));
    expect(unzipParts(cleared).has('xl/calcChain.xml')).toBe(true);
    // Removing the sheet calcChain lists (sheetId 1) drops the chain and its relationship.
    const dropped = applyPlan(base.pkg, plan({ removeSheets: ['Notes', 'Scorecard'], exceptionSheet: spec('Summary') }));
    const parts = unzipParts(dropped);
    expect(parts.has('xl/calcChain.xml')).toBe(false);
    expect(text(parts.get('xl/_rels/workbook.xml.rels'))).not.toContain('calcChain');
    expect(text(parts.get('[Content_Types].xml'))).not.toContain('calcChain');
  });

  it('will not leave the workbook without a visible sheet, and ignores sheets that are not there', () => {
    expect(errorOf(() => applyPlan(base.pkg, plan({ removeSheets: ['Scorecard', 'Notes'] }))).code).toBe('invalid-plan');
    const same = applyPlan(base.pkg, plan({ removeSheets: ['No such sheet'] }));
    expect(rawIdentical(scorecardWorkbook(), same).changed).toEqual([]);
  });

  it('stores the settings document in chunks, very hidden, and removes it on null', () => {
    const doc = savedDocument();
    const out = applyPlan(base.pkg, plan({ savedDocument: doc }));
    const back = readWorkbook(out);
    expect(back.snapshot.savedDocument).toBe(doc);
    const xml = text(unzipParts(out).get('xl/worksheets/sheet3.xml'));
    expect(xml).toContain('<row r="3">');
    expect(text(unzipParts(out).get('xl/workbook.xml'))).toContain(`<sheet name="${SETTINGS_SHEET_NAME}" sheetId="3" state="veryHidden" r:id="rId11"/>`);
    const removed = applyPlan(back.pkg, plan({ savedDocument: null }));
    expect(readWorkbook(removed).snapshot.savedDocument).toBeNull();
    expect(rawIdentical(scorecardWorkbook(), removed).changed.filter((p) => text(unzipParts(removed).get(p)) !== text(unzipParts(scorecardWorkbook()).get(p)))).toEqual([]);
  });

  it('creates styles.xml when the package has none', () => {
    const { buildWorkbook, worksheet } = require('../../fixtures/xlsx/workbook-builder');
    const bytes: Uint8Array = buildWorkbook({ sheets: [{ name: 'S', xml: worksheet('<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>') }] });
    const zip = ZipArchive.read(bytes);
    const { writeZip } = require('../../../src/workbook/xlsx/zip');
    const noStyles: Uint8Array = writeZip(
      zip.entries
        .filter((e) => e.name !== 'xl/styles.xml')
        .map((entry) =>
          entry.name === 'xl/_rels/workbook.xml.rels'
            ? { kind: 'data', name: entry.name, data: new TextEncoder().encode(text(zip.inflate(entry)).replace(/<Relationship [^>]*styles[^>]*\/>/, '')), like: entry }
            : { kind: 'raw', archive: zip, entry },
        ),
    );
    const out = applyPlan(readWorkbook(noStyles).pkg, plan({ statusBlocks: [block('S', 0, 2, ['Red'])] }));
    const parts = unzipParts(out);
    expect(parts.has('xl/styles.xml')).toBe(true);
    expect(text(parts.get('xl/_rels/workbook.xml.rels'))).toContain('styles.xml');
    expect(valueAt(snapshotSheet(readWorkbook(out).snapshot, 'S'), 1, 2)).toBe('Red');
  });
});

describe('sheets written by other generators', () => {
  it('patches an empty sheet (<sheetData/>, no cols, no dimension)', () => {
    const { buildWorkbook, worksheet } = require('../../fixtures/xlsx/workbook-builder');
    const bytes: Uint8Array = buildWorkbook({
      sheets: [{ name: 'Empty', xml: worksheet('<sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>') }],
    });
    const b = block('Empty', 2, 1, ['Red', 'Green']);
    b.columns[0].rules = [{ match: 'contains', text: 'e', style: { bold: true } }];
    const out = applyPlan(readWorkbook(bytes).pkg, plan({ statusBlocks: [b] }));
    const xml = text(unzipParts(out).get('xl/worksheets/sheet1.xml'));
    expect(wellFormed(xml)).toBe(true);
    expect(topLevelOrder(xml)).toEqual(['cols', 'sheetData', 'conditionalFormatting', 'pageMargins']);
    expect(xml).toContain('<sheetData><row r="3"><c r="B3"');
    expect(xml).toContain('<cfRule type="containsText" dxfId="0" priority="1" operator="containsText" text="e"><formula>NOT(ISERROR(SEARCH("e",B4)))</formula></cfRule>');
    const s = snapshotSheet(readWorkbook(out).snapshot, 'Empty');
    expect(s.values).toEqual([['RAG status'], ['Red'], ['Green']]);
  });

  it('patches a package whose entries use data descriptors, keeping them for the parts it copies', () => {
    const { buildWorkbook } = require('../../fixtures/xlsx/workbook-builder');
    const { sampleFixture } = require('../../fixtures/xlsx/fixtures');
    const bytes: Uint8Array = buildWorkbook({ ...sampleFixture(), entryOptions: { dataDescriptor: true, descriptorSignature: true } });
    const out = applyPlan(readWorkbook(bytes).pkg, plan({ statusBlocks: [block('Values', 6, 2, ['Red'])], savedDocument: 'x' }));
    const r = rawIdentical(bytes, out);
    expect(r.same).toContain('xl/sharedStrings.xml');
    const zip = ZipArchive.read(out);
    expect(zip.get('xl/sharedStrings.xml')!.flags & 8).toBe(8);
    expect(zip.get('xl/styles.xml')!.flags & 8).toBe(0);
    const back = readWorkbook(out);
    expect(valueAt(snapshotSheet(back.snapshot, 'Values'), 7, 2)).toBe('Red');
    expect(back.snapshot.savedDocument).toBe('x');
    // And an independent reader agrees.
    expect(text(unzipParts(out).get('xl/sharedStrings.xml'))).toContain('Measure');
  });

  it('patches prefixed SpreadsheetML with cells and rows written without r', () => {
    const wb = readWorkbook(sampleWorkbook());
    const b = block('Prefixed', 0, 5, ['Red', 'Amber', null]);
    b.columns[0].rules = [{ match: 'equals', text: 'Red', style: { fill: 'FF0000' } }];
    const out = applyPlan(wb.pkg, plan({ statusBlocks: [b] }));
    const xml = text(unzipParts(out).get('xl/worksheets/sheet6.xml'));
    expect(xml).toContain('<x:c r="F1" s=');
    expect(xml).toContain('<x:conditionalFormatting sqref="F2:F4">');
    // Cells and rows that had no r get one, so nothing shifts.
    expect(xml).toContain('<x:c r="C2"><x:v>10</x:v></x:c>');
    expect(xml).toContain('<x:row r="3">');
    const s = snapshotSheet(readWorkbook(out).snapshot, 'Prefixed');
    expect(s.origin).toEqual({ row: 0, col: 1 });
    expect(valueAt(s, 1, 1)).toBe('P1');
    expect(valueAt(s, 1, 2)).toBe(10);
    expect(valueAt(s, 1, 3)).toBe(true);
    expect(valueAt(s, 2, 1)).toBe(20);
    expect(valueAt(s, 0, 5)).toBe('RAG status');
    expect(valueAt(s, 2, 5)).toBe('Amber');
    expect(wellFormed(xml)).toBe(true);
  });
});
