/**
 * The add-in's own cells (the status blocks an earlier refresh wrote, named by the saved state
 * or recognised by their headers and texts) are not the user's: they never join a table to
 * cells beyond them, never extend a table, never make a heading part of a header. A table is
 * read as if they were empty, so a refresh of an unchanged workbook reads what the one before
 * it read and puts the status columns where it put them, with the same note when they moved.
 */
import { detectTables } from '../../../src/core/detect';
import { messages } from '../../../src/core/messages';
import { refresh } from '../../../src/core/refresh';
import type { CellValue, DetectedTable, OwnedBlock, RefreshReport, StatusColumnKey, WritePlan } from '../../../src/core/types';
import { applyPlan, readWorkbook } from '../../../src/workbook/xlsx';
import { gridBook, toXlsx, type BookModel } from '../../property/workbook-gen';
import { sheet, workbook } from '../../fixtures/snapshots/build';

const KEYS: StatusColumnKey[] = ['rag', 'direction', 'forecast', 'variance', 'variancePercent'];
const HEADERS = KEYS.map((k) => messages.common.columns[k]);
/** What a refresh writes on a data row of a measure without target or history. */
const WRITTEN: CellValue[] = [messages.common.status.noTarget, messages.common.direction.none, messages.common.forecast.none, null, null];

const block = (headerRow: number, firstDataRow: number, lastDataRow: number, firstCol: number): OwnedBlock => ({
  sheet: 'S',
  tableName: null,
  tableOriginalRight: null,
  headerRow,
  firstDataRow,
  lastDataRow,
  firstCol,
  keys: [...KEYS],
  headers: [...HEADERS],
});

/** The user's columns of a table: [column, role]. */
const userColumns = (t: DetectedTable): [number, string][] => t.columns.filter((c) => c.role !== 'owned').map((c) => [c.col, c.role]);
const ownedColumns = (t: DetectedTable): number[] => t.columns.filter((c) => c.role === 'owned').map((c) => c.col);

describe('detection reads a table as if the add-in’s cells were empty', () => {
  // A1:B2, the status columns C:G written beside it, the user's note in H2 right of them.
  const rows: CellValue[][] = [
    ['Measure', 'Actual', ...HEADERS, null],
    ['X', 5, ...WRITTEN, 'note'],
  ];

  test('a block the saved state names does not join the table to a note beyond it; its columns are listed as the add-in’s', () => {
    const r = detectTables(workbook(sheet('S', rows)), {}, [block(0, 1, 1, 2)]);
    expect(r.tables).toHaveLength(1);
    const t = r.tables[0]!;
    expect(t.id).toBe('S!A1:B2');
    expect(userColumns(t)).toEqual([
      [0, 'measure'],
      [1, 'actual'],
    ]);
    expect(ownedColumns(t)).toEqual([2, 3, 4, 5, 6]);
    expect(t.columns.filter((c) => c.role === 'owned').map((c) => [c.header, c.roleSource])).toEqual(HEADERS.map((h) => [h, 'state']));
    expect(t.right).toBe(1);
  });

  test('without the saved state, the add-in’s block is recognised by its headers and texts, and does the same', () => {
    const t = detectTables(workbook(sheet('S', rows)), {}, []).tables;
    expect(t.map((x) => x.id)).toEqual(['S!A1:B2']);
    expect(userColumns(t[0]!)).toEqual([
      [0, 'measure'],
      [1, 'actual'],
    ]);
    expect(ownedColumns(t[0]!)).toEqual([2, 3, 4, 5, 6]);
  });

  test('the block of the table below does not join the table above to what is right of it', () => {
    // A1:B2 with its block C:G; A4:B5 with its block E:I (moved round the user's note in D5).
    const grid: CellValue[][] = [
      ['Measure', 'Actual', ...HEADERS, null, null],
      ['X', 5, ...WRITTEN, null, null],
      [],
      ['Measure', 'Actual', null, null, ...HEADERS],
      ['Y', 6, null, 'note', ...WRITTEN],
    ];
    for (const owned of [[block(0, 1, 1, 2), block(3, 4, 4, 4)], []]) {
      const r = detectTables(workbook(sheet('S', grid)), {}, owned);
      expect(r.tables.map((t) => [t.id, userColumns(t)])).toEqual([
        ['S!A1:B2', [[0, 'measure'], [1, 'actual']]],
        ['S!A4:B5', [[0, 'measure'], [1, 'actual']]],
      ]);
    }
  });

  test('a run headed like the add-in’s columns is recognised as its block only down to the rows holding its texts', () => {
    // the block C:G over A1:B2, and the user's note under it in D4
    const grid: CellValue[][] = [
      ['Measure', 'Actual', ...HEADERS],
      ['X', 5, ...WRITTEN],
      [],
      [null, null, null, 'my note'],
    ];
    const t = detectTables(workbook(sheet('S', grid)), {}, []).tables;
    expect(t.map((x) => [x.id, userColumns(x), ownedColumns(x)])).toEqual([['S!A1:B2', [[0, 'measure'], [1, 'actual']], [2, 3, 4, 5, 6]]]);
  });
});

// ------------------------------------------------------------------ refreshes through the file shell

const NOW = '2025-04-01T09:00:00+01:00';

interface Pass {
  report: RefreshReport;
  plan: WritePlan;
}

/** Refreshes the workbook `times` times, each on what the one before wrote, with the settings it saved. */
function refreshes(model: BookModel, times: number): Pass[] {
  let bytes = toXlsx(model);
  const out: Pass[] = [];
  for (let i = 0; i < times; i++) {
    const book = readWorkbook(bytes);
    const { report, plan } = refresh(book.snapshot, { now: NOW, appVersion: '0.1.0' });
    out.push({ report, plan });
    bytes = applyPlan(book.pkg, plan);
  }
  return out;
}

const tablesRead = (p: Pass): unknown[] => p.report.tables.map((t) => [t.id, t.headerTop, t.headerRow, t.lastDataRow, t.measureRows, userColumns(t)]);
const placed = (p: Pass): unknown[] => p.plan.statusBlocks.map((b) => [b.headerRow, b.firstCol, b.note]);
const movedIssues = (p: Pass): string[] => p.report.issues.filter((i) => i.code === 'status-columns-moved').map((i) => i.message);

describe('refreshing again reads the same tables and writes the status columns where the first refresh did', () => {
  test('a block that had to move round the user’s cell keeps its place and its note on later refreshes', () => {
    // The note in D2, a column right of A1:B3: its columns go to E:I, and say why. The table
    // below gets C:G; read as the user's, those columns joined the note to the table above
    // (A1:I3), whose columns then went next to it, and the note was gone.
    const passes = refreshes(gridBook({ A1: 'Measure', B1: 'Actual', A2: 'X', B2: 5, A3: 'Y', B3: 6, D2: 'See notes', A5: 'Measure', B5: 'Actual', A6: 'Z', B6: 7 }), 3);
    const [first] = passes;
    expect(first!.plan.statusBlocks.map((b) => b.firstCol)).toEqual([4, 2]);
    expect(first!.plan.statusBlocks[0]!.note).toMatch(/^D2 holds your data \("See notes"\), so the status columns are in E:I/);
    for (const p of passes.slice(1)) {
      expect(tablesRead(p)).toEqual(tablesRead(first!));
      expect(placed(p)).toEqual(placed(first!));
      expect(movedIssues(p)).toEqual(movedIssues(first!));
    }
    expect(movedIssues(first!)).toHaveLength(1);
  });

  test('a column of the user’s after a blank one stays the table’s: no note appears on later refreshes', () => {
    // "Notes" in D, after the blank C, is read with the table (A1:D3) and the columns go next to it,
    // in E:I. Read as the user's, they made D:I a run of its own, so D left the table and the
    // columns were said to have moved round it.
    const passes = refreshes(gridBook({ A1: 'Measure', B1: 'Actual', A2: 'X', B2: 5, A3: 'Y', B3: 6, D1: 'Notes', D2: 'n' }), 3);
    expect(passes[0]!.report.tables.map((t) => t.id)).toEqual(['Measures!A1:D3']);
    for (const p of passes) {
      expect(tablesRead(p)).toEqual(tablesRead(passes[0]!));
      expect(placed(p)).toEqual([[0, 4, null]]);
      expect(movedIssues(p)).toEqual([]);
    }
  });

  test('a note right of the status columns: the table, its columns and its block stay as the first refresh had them', () => {
    const passes = refreshes(gridBook({ A1: 'Measure', B1: 'Actual', A2: 'X', B2: 5, H2: 'note' }), 3);
    expect(passes[0]!.report.tables.map((t) => t.id)).toEqual(['Measures!A1:B2']);
    for (const p of passes) {
      expect(tablesRead(p)).toEqual(tablesRead(passes[0]!));
      expect(placed(p)).toEqual([[0, 2, null]]);
    }
  });

  test('an Excel table that took in its status columns reads nothing more above it than before', () => {
    // The row above the Excel table A4:C5 is its caption's (the table C1:D2 above has no row of its
    // own left); the table grows to A4:H5, and its new columns must not change that.
    const model = gridBook({ C1: 'Measure', D1: 'Actual', C2: 'Sickness absence days', D2: 0, A4: 'Ref', B4: 'Measure', C4: 'Actual', A5: 'PI1', B5: 'Sickness absence days', C5: 0 });
    model.sheets[0]!.tables.push({ name: 'KPIs', range: { top: 3, left: 0, bottom: 4, right: 2 }, columns: ['Ref', 'Measure', 'Actual'], totalsRow: false });
    const passes = refreshes(model, 3);
    expect(passes[0]!.plan.statusBlocks.map((b) => [b.tableName, b.firstCol])).toEqual([['KPIs', 3]]);
    for (const p of passes.slice(1)) {
      expect(tablesRead(p)).toEqual(tablesRead(passes[0]!));
      expect(placed(p)).toEqual(placed(passes[0]!));
      expect(p.report.summary.byDirectorate).toEqual(passes[0]!.report.summary.byDirectorate);
    }
  });
});
