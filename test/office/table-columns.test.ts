/**
 * The status columns of an Excel table on a later refresh and on Clear RAG:
 * the user's cells right of the table never move.
 *
 * Deleting a table column (TableColumn.delete) shifts the cells right of it, in
 * the table's rows, to the left — beyond the table's right edge too — and
 * adding one at the end does not shift them back (the double does what Excel
 * does). So the shell rewrites the table columns it added in place, adds only
 * the missing ones at the end, and takes off the surplus ones by shrinking the
 * table back (Table.resize, ExcelApi 1.13, which moves no cell) and clearing
 * what they held; without 1.13 it deletes them only when nothing of the user's
 * lies right of the table in its rows, and otherwise stops before writing.
 */
import type { StatusBlock, WritePlan } from '../../src/core/types';
import { OfficeShellError } from '../../src/workbook/office/errors';
import type { ExcelDouble } from './double/excel-double';
import { cellKey } from './double/model';
import { column, councilReturn, emptyPlan, newDouble, owned, readAndApply, tableBlock } from './helpers';

/** The KPIs table (Scorecard!A1:E4) with the user's notes right of it: H2 (two columns past one status column) and Z3. */
function scorecard(apiVersion?: string): ExcelDouble {
  const x = councilReturn(newDouble(apiVersion ? { apiVersion } : {}));
  const sheet = x.sheet('Scorecard');
  sheet.cells.set(cellKey(1, 7), { value: 'my note', numberFormat: 'General' }); // H2
  sheet.cells.set(cellKey(2, 25), { value: 'far note', numberFormat: 'General' }); // Z3
  return x;
}

const rag = (values: string[]) => column('rag', 'RAG status', values);
const direction = (values: string[]) => column('direction', 'Direction of travel', values);
const forecast = (values: string[]) => column('forecast', 'Forecast', values);

/** The table operations of the last write batch: columns added or deleted, renames, resizes. */
function tableOps(x: ExcelDouble): string[] {
  return x.lastBatch
    .filter((o) => (o.path.includes('.columns') && ['add', 'delete', 'name'].includes(o.name)) || o.name === 'resize')
    .map((o) => (o.name === 'name' ? 'rename' : o.name));
}

function table(x: ExcelDouble) {
  return x.exportState().sheets[1].tables[0];
}

function notesStay(x: ExcelDouble): void {
  expect([x.value('Scorecard', 'H2'), x.value('Scorecard', 'Z3')]).toEqual(['my note', 'far note']);
}

/** A second plan over the first block's columns. */
function again(first: StatusBlock, block: StatusBlock | null): WritePlan {
  return emptyPlan({ clear: [owned(first, 4)], statusBlocks: block ? [block] : [] });
}

/** Writes a plan, or returns the refusal (with whether the workbook is unchanged and no write was sent). */
async function attempt(x: ExcelDouble, plan: WritePlan): Promise<{ error: OfficeShellError | null; unchanged: boolean; writes: number }> {
  const before = JSON.stringify(x.exportState());
  x.resetStats();
  let error: OfficeShellError | null = null;
  try {
    await readAndApply(x, () => plan);
  } catch (e) {
    error = e as OfficeShellError;
  }
  return { error, unchanged: JSON.stringify(x.exportState()) === before, writes: x.stats.perSync.filter((s) => s.writes > 0).length };
}

describe('a later refresh of an Excel table the add-in grew', () => {
  test('the same columns: new values written into the table columns in place, no column deleted or added, nothing else moves', async () => {
    const x = scorecard();
    const first = tableBlock([rag(['Green', 'Red', 'Amber'])]);
    await readAndApply(x, () => emptyPlan({ statusBlocks: [first] }));
    const once = x.exportState();
    // Row 3 is not a measure this time: its old status goes.
    const second = { ...tableBlock([rag(['Red', 'Red', 'Red'])]), skipRows: [2] };
    await readAndApply(x, () => again(first, second));
    expect(tableOps(x)).toEqual([]);
    expect(table(x)).toEqual(once.sheets[1].tables[0]);
    expect(['F1', 'F2', 'F3', 'F4'].map((a) => x.value('Scorecard', a))).toEqual(['RAG status', 'Red', '', 'Red']);
    expect(x.cell('Scorecard', 'F3')).toBeUndefined();
    // One set of rules over the column, not one per refresh.
    expect(x.exportState().sheets[1].conditionalFormats).toEqual(once.sheets[1].conditionalFormats);
    expect(x.cell('Scorecard', 'F1')?.format).toMatchObject({ bold: true, wrap: true });
    notesStay(x);
  });

  test('an unchanged refresh writes the same workbook again, in one batch whose operations do not grow with the rows', async () => {
    const ops: number[] = [];
    for (const rows of [3, 300]) {
      const x = councilReturn(newDouble());
      const block: StatusBlock = { ...tableBlock([rag([]), direction([])]), lastDataRow: rows };
      const kpis = x.model.tables[0];
      kpis.range = { ...kpis.range, bottom: rows };
      block.columns = [rag(Array.from({ length: rows }, () => 'Green')), direction(Array.from({ length: rows }, () => '↑ Improved'))];
      await readAndApply(x, () => emptyPlan({ statusBlocks: [block] }));
      const once = x.exportState();
      const { writeSyncs } = await readAndApply(x, () => again(block, block));
      expect(writeSyncs).toBe(1);
      expect(tableOps(x)).toEqual([]);
      expect(x.exportState()).toEqual(once);
      ops.push(x.stats.perSync[x.stats.perSync.length - 1].operations);
    }
    expect(ops[0]).toBe(ops[1]);
  });

  test('more columns: the kept ones rewritten in place, only the new one added at the end', async () => {
    const x = scorecard();
    x.sheet('Scorecard').cells.delete(cellKey(1, 7)); // H2 would be in the way of the third column
    const first = tableBlock([rag(['Green', 'Red', 'Amber']), direction(['↑', '↓', '→'])]);
    await readAndApply(x, () => emptyPlan({ statusBlocks: [first] }));
    await readAndApply(x, () => again(first, tableBlock([rag(['Red', 'Red', 'Red']), direction(['↓', '↓', '↓']), forecast(['☹', '☹', '☹'])])));
    expect(tableOps(x)).toEqual(['add']);
    expect(table(x)).toMatchObject({ range: 'A1:H4', columns: ['Ref', 'Indicator', 'Q1', 'Q2', 'Target', 'RAG status', 'Direction of travel', 'Forecast'] });
    expect(['F2', 'G2', 'H2'].map((a) => x.value('Scorecard', a))).toEqual(['Red', '↓', '☹']);
    expect(x.value('Scorecard', 'Z3')).toBe('far note');
  });

  test('a new column where the user’s cell is: refused before writing, as on the first refresh', async () => {
    const x = scorecard();
    const first = tableBlock([rag(['Green', 'Red', 'Amber']), direction(['↑', '↓', '→'])]);
    await readAndApply(x, () => emptyPlan({ statusBlocks: [first] }));
    const r = await attempt(x, again(first, tableBlock([rag(['Red', 'Red', 'Red']), direction(['↓', '↓', '↓']), forecast(['☹', '☹', '☹'])])));
    expect(r.error?.problems).toEqual([expect.objectContaining({ code: 'occupied', sheet: 'Scorecard', range: 'H2' })]);
    expect(r.unchanged).toBe(true);
    expect(r.writes).toBe(0);
  });

  test('fewer columns with ExcelApi 1.13: the table shrinks back by Table.resize, the cells it leaves are emptied, nothing moves', async () => {
    const x = scorecard();
    const first = tableBlock([rag(['Green', 'Red', 'Amber']), direction(['↑', '↓', '→'])]);
    await readAndApply(x, () => emptyPlan({ statusBlocks: [first] }));
    await readAndApply(x, () => again(first, tableBlock([rag(['Red', 'Amber', 'Green'])])));
    expect(tableOps(x)).toEqual(['resize']);
    expect(table(x)).toMatchObject({ range: 'A1:F4', columns: ['Ref', 'Indicator', 'Q1', 'Q2', 'Target', 'RAG status'] });
    expect(['G1', 'G2', 'G3', 'G4'].map((a) => x.cell('Scorecard', a))).toEqual([undefined, undefined, undefined, undefined]);
    expect(x.exportState().sheets[1].conditionalFormats.every((c) => c.range === 'F2:F4')).toBe(true);
    expect(['F2', 'F3', 'F4'].map((a) => x.value('Scorecard', a))).toEqual(['Red', 'Amber', 'Green']);
    notesStay(x);
  });

  test('fewer columns before ExcelApi 1.13 with nothing right of the table: the surplus table column is deleted', async () => {
    const x = councilReturn(newDouble({ apiVersion: '1.8' }));
    const first = tableBlock([rag(['Green', 'Red', 'Amber']), direction(['↑', '↓', '→'])]);
    await readAndApply(x, () => emptyPlan({ statusBlocks: [first] }));
    await readAndApply(x, () => again(first, tableBlock([rag(['Red', 'Amber', 'Green'])])));
    expect(tableOps(x)).toEqual(['delete']);
    expect(x.stats.perSync.every((s) => s.error === null)).toBe(true);
    expect(table(x)).toMatchObject({ range: 'A1:F4', columns: ['Ref', 'Indicator', 'Q1', 'Q2', 'Target', 'RAG status'] });
  });

  test('fewer columns before ExcelApi 1.13 with the user’s cells right of the table: refused before writing, naming the sheet and range', async () => {
    const x = scorecard('1.8');
    const first = tableBlock([rag(['Green', 'Red', 'Amber']), direction(['↑', '↓', '→'])]);
    await readAndApply(x, () => emptyPlan({ statusBlocks: [first] }));
    const r = await attempt(x, again(first, tableBlock([rag(['Red', 'Amber', 'Green'])])));
    expect(r.error).toBeInstanceOf(OfficeShellError);
    expect(r.error?.code).toBe('blocked');
    expect(r.error?.nothingWritten).toBe(true);
    expect(r.error?.problems).toEqual([expect.objectContaining({ code: 'table-neighbours', sheet: 'Scorecard', range: 'H2:Z3' })]);
    expect(r.error?.message).toBe(
      'Taking RAG Refresh’s columns out of the table “KPIs” would move your cells Scorecard!H2:Z3, right of the table, to the left: this version of Excel can only remove table columns by shifting the cells beside them (shrinking a table in place needs Excel JavaScript API 1.13). Move those cells out of the table’s rows, or use Excel for Microsoft 365 or Excel on the web, and try again. Nothing was changed.',
    );
    expect(r.unchanged).toBe(true);
    expect(r.writes).toBe(0);
    // The same columns again need no column taken out: not refused, and nothing moves.
    const same = await attempt(x, again(first, first));
    expect(same.error).toBeNull();
    expect(tableOps(x)).toEqual([]);
    notesStay(x);
  });

  test('a column whose header changed is renamed in place; columns that changed places swap names through a temporary one', async () => {
    const x = scorecard();
    const first = tableBlock([rag(['Green', 'Red', 'Amber']), direction(['↑', '↓', '→'])]);
    await readAndApply(x, () => emptyPlan({ statusBlocks: [first] }));
    await readAndApply(x, () => again(first, tableBlock([rag(['Red', 'Red', 'Red']), { ...direction(['↓', '↓', '↓']), header: 'Travel' }])));
    expect(tableOps(x)).toEqual(['rename']);
    expect(table(x).columns.slice(5)).toEqual(['RAG status', 'Travel']);
    expect(x.value('Scorecard', 'G1')).toBe('Travel');
    const second = tableBlock([rag(['Red', 'Red', 'Red']), { ...direction(['↓', '↓', '↓']), header: 'Travel' }]);
    await readAndApply(x, () => again(second, tableBlock([{ ...direction(['↓', '↓', '↓']), header: 'Travel' }, rag(['Amber', 'Amber', 'Amber'])])));
    expect(tableOps(x)).toEqual(['rename', 'rename', 'rename', 'rename']);
    expect(table(x)).toMatchObject({ range: 'A1:G4', columns: ['Ref', 'Indicator', 'Q1', 'Q2', 'Target', 'Travel', 'RAG status'] });
    expect(['F1', 'F2', 'G1', 'G2'].map((a) => x.value('Scorecard', a))).toEqual(['Travel', '↓', 'RAG status', 'Amber']);
    expect(x.exportState().sheets[1].conditionalFormats.map((c) => c.range)).toEqual(['G2:G4', 'G2:G4', 'G2:G4', 'G2:G4']);
    notesStay(x);
  });
});

describe('Clear RAG on an Excel table the add-in grew', () => {
  async function grown(apiVersion?: string): Promise<{ x: ExcelDouble; first: StatusBlock; original: ReturnType<ExcelDouble['exportState']> }> {
    const x = scorecard(apiVersion);
    const original = x.exportState();
    const first = tableBlock([rag(['Green', 'Red', 'Amber']), direction(['↑', '↓', '→'])]);
    await readAndApply(x, () => emptyPlan({ statusBlocks: [first] }));
    return { x, first, original };
  }

  test('with ExcelApi 1.13: the table is shrunk back to its own columns and their cells, formats and rules cleared; the user’s cells stay', async () => {
    const { x, first, original } = await grown();
    await readAndApply(x, () => again(first, null));
    expect(tableOps(x)).toEqual(['resize']);
    expect(table(x)).toEqual(original.sheets[1].tables[0]);
    expect(x.exportState().sheets[1].conditionalFormats).toEqual([]);
    expect(['F1', 'F2', 'G1', 'G4'].map((a) => x.cell('Scorecard', a))).toEqual([undefined, undefined, undefined, undefined]);
    notesStay(x);
    // As it was, but for the emptied columns' widths, which stay (as through the file shell).
    expect({ ...x.exportState().sheets[1], columnWidths: {} }).toEqual(original.sheets[1]);
  });

  test('before ExcelApi 1.13, with nothing of the user’s right of the table: the table columns are deleted, the table is as it was', async () => {
    const { x, first, original } = await grown('1.8');
    x.sheet('Scorecard').cells.delete(cellKey(1, 7)); // H2
    x.sheet('Scorecard').cells.delete(cellKey(2, 25)); // Z3
    await readAndApply(x, () => again(first, null));
    expect(tableOps(x)).toEqual(['delete', 'delete']);
    const sheet = x.exportState().sheets[1];
    expect(sheet.tables).toEqual(original.sheets[1].tables);
    expect(sheet.conditionalFormats).toEqual([]);
    expect(x.cell('Scorecard', 'F2')).toBeUndefined();
  });

  test('before ExcelApi 1.13, with the user’s cells right of the table: refused before writing, nothing half-written', async () => {
    const { x, first } = await grown('1.8');
    const r = await attempt(x, { ...again(first, null), savedDocument: null, removeSheets: [] });
    expect(r.error?.problems.map((p) => [p.code, p.sheet, p.range])).toEqual([['table-neighbours', 'Scorecard', 'H2:Z3']]);
    expect(r.error?.message).toContain('would move your cells Scorecard!H2:Z3, right of the table, to the left');
    expect(r.unchanged).toBe(true);
    expect(r.writes).toBe(0);
  });

  test('the add-in’s own plain block right of the table is not in the way: it is cleared before the table columns are deleted', async () => {
    const { x, first } = await grown('1.8');
    x.sheet('Scorecard').cells.delete(cellKey(1, 7)); // H2
    x.sheet('Scorecard').cells.delete(cellKey(2, 25)); // Z3
    const plain: StatusBlock = { ...tableBlock([rag(['Green', 'Red', 'Amber'])]), tableName: null, firstCol: 10 };
    await readAndApply(x, () => emptyPlan({ clear: [owned(first, 4)], statusBlocks: [first, plain] }));
    expect(x.value('Scorecard', 'K2')).toBe('Green');
    const r = await attempt(x, emptyPlan({ clear: [owned(first, 4), owned(plain)] }));
    expect(r.error).toBeNull();
    expect(x.cell('Scorecard', 'K2')).toBeUndefined();
    expect(table(x).range).toBe('A1:E4');
  });
});
