/**
 * Every failure leaves the workbook as it was: what can be checked is checked
 * after the read and before the first write; a request Excel refuses as a
 * whole changes nothing.
 */
import type { RefreshReport, WritePlan } from '../../src/core/types';
import { SETTINGS_SHEET_NAME } from '../../src/core/types';
import { OfficeShellError } from '../../src/workbook/office/errors';
import { refreshExcel } from '../../src/workbook/office/shell';
import type { ExcelDouble } from './double/excel-double';
import { column, councilReturn, emptyPlan, exceptionSheet, newDouble, owned, plainBlock, refreshWith, tableBlock } from './helpers';

async function attempt(x: ExcelDouble, plan: WritePlan, overrides: Partial<RefreshReport> = {}) {
  const before = x.exportState();
  const { refresh } = refreshWith(plan, overrides);
  let error: unknown = null;
  try {
    await refreshExcel(x.requestContext, { isSetSupported: x.isSetSupported, refresh, now: '2025-04-01T09:00:00Z', appVersion: '0.1.0' });
  } catch (e) {
    error = e;
  }
  return { before, after: x.exportState(), error: error as OfficeShellError };
}

const fullPlan = (): WritePlan =>
  emptyPlan({
    statusBlocks: [plainBlock(4), tableBlock()],
    exceptionSheet: exceptionSheet([{ ref: 'PI3', name: 'x', status: 'Red', commentary: 'c', sheet: 'Measures', row: 3 }]),
    savedDocument: '{"version":1}',
  });

describe('checked before the first write: nothing is half-written', () => {
  test('a protected sheet: the message names the sheet and range; no write is sent', async () => {
    const x = councilReturn(newDouble());
    x.sheet('Measures').protected = true;
    const { before, after, error } = await attempt(x, fullPlan());
    expect(error).toBeInstanceOf(OfficeShellError);
    expect(error.code).toBe('blocked');
    expect(error.nothingWritten).toBe(true);
    expect(error.problems[0]).toMatchObject({ code: 'protected-sheet', sheet: 'Measures', range: 'E1:F5' });
    expect(error.message).toContain('The sheet “Measures” is protected, so RAG Refresh cannot write E1:F5');
    expect(error.message).toContain('Nothing was changed.');
    expect(after).toEqual(before);
    expect(x.stats.syncs).toBe(2); // the two reads, no write
  });

  test('a cell in the way (a non-owned value where a status cell goes)', async () => {
    const x = councilReturn(newDouble());
    x.sheet('Measures').cells.set(3 * 16384 + 5, { value: 'my note', numberFormat: 'General' }); // F4
    const { before, after, error } = await attempt(x, fullPlan());
    expect(error.code).toBe('blocked');
    expect(error.problems).toEqual([expect.objectContaining({ code: 'occupied', sheet: 'Measures', range: 'F4' })]);
    expect(error.message).toContain('Cells Measures!F4 already hold your data');
    expect(after).toEqual(before);
  });

  test('a cell written by an earlier refresh is not in the way: it is cleared first', async () => {
    const x = councilReturn(newDouble());
    const block = plainBlock(4);
    const first = await attempt(x, emptyPlan({ statusBlocks: [block] }));
    expect(first.error).toBeNull();
    const second = await attempt(x, emptyPlan({ clear: [owned(block)], statusBlocks: [block] }));
    expect(second.error).toBeNull();
  });

  test('a cell in the way of a table column: right of the table, where the table grows', async () => {
    const x = councilReturn(newDouble());
    x.sheet('Scorecard').cells.set(2 * 16384 + 5, { value: 'user', numberFormat: 'General' }); // F3
    const { before, after, error } = await attempt(x, emptyPlan({ statusBlocks: [tableBlock()] }));
    expect(error.problems).toEqual([expect.objectContaining({ code: 'occupied', range: 'F3' })]);
    expect(after).toEqual(before);
  });

  test('merged cells, a table in the way, a table that changed shape, a header name the table already has', async () => {
    const x = councilReturn(newDouble());
    x.sheet('Measures').merges.push({ top: 6, left: 4, bottom: 7, right: 5 });
    const moved = { ...tableBlock(), firstCol: 7 };
    const clash = tableBlock([column('rag', 'Target', ['Green', 'Red', 'Amber'])]);
    const { before, after, error } = await attempt(x, emptyPlan({ statusBlocks: [{ ...plainBlock(4), lastDataRow: 7 }, moved] }));
    expect(error.problems.map((p) => p.code).sort()).toEqual(['merged', 'table-moved']);
    expect(after).toEqual(before);
    const other = await attempt(x, emptyPlan({ statusBlocks: [clash] }));
    expect(other.error.problems.map((p) => p.code)).toEqual(['column-name-taken']);
    const plainOverTable = await attempt(x, emptyPlan({ statusBlocks: [{ ...plainBlock(3), sheet: 'Scorecard', firstCol: 3 }] }));
    expect(plainOverTable.error.problems.map((p) => p.code)).toContain('inside-table');
  });

  test('a protected workbook structure when sheets must be added', async () => {
    const x = councilReturn(newDouble());
    x.model.protected = true;
    const { before, after, error } = await attempt(x, fullPlan());
    expect(error.problems.map((p) => p.code)).toEqual(['protected-workbook']);
    expect(error.message).toContain('The workbook structure is protected');
    expect(after).toEqual(before);
  });

  test('a protected settings sheet', async () => {
    const x = councilReturn(newDouble());
    x.addSheet(SETTINGS_SHEET_NAME, { rows: [['marker']], visibility: 'VeryHidden', protected: true });
    const { after, before, error } = await attempt(x, fullPlan());
    expect(error.problems[0]).toMatchObject({ code: 'protected-sheet', sheet: SETTINGS_SHEET_NAME });
    expect(after).toEqual(before);
  });

  test('an exception sheet name or table name Excel would refuse', async () => {
    const x = councilReturn(newDouble());
    const bad = { ...exceptionSheet([]), name: 'RAG: exceptions?' };
    const taken = { ...exceptionSheet([]), table: { name: 'KPIs', range: { top: 3, left: 0, bottom: 4, right: 3 }, style: 'TableStyleLight9' } };
    expect((await attempt(x, emptyPlan({ exceptionSheet: bad }))).error.problems.map((p) => p.code)).toEqual(['bad-sheet-name']);
    expect((await attempt(x, emptyPlan({ exceptionSheet: taken }))).error.problems.map((p) => p.code)).toEqual(['table-name-taken']);
  });

  test('a sheet with the exception sheet’s name that the add-in did not make is not replaced', async () => {
    const x = councilReturn(newDouble());
    x.addSheet('RAG exceptions', { rows: [['my own notes']] });
    const { before, after, error } = await attempt(x, emptyPlan({ exceptionSheet: exceptionSheet([]) }));
    expect(error.problems.map((p) => p.code)).toEqual(['sheet-name-taken']);
    expect(error.message).toContain('There is already a sheet called “RAG exceptions” that RAG Refresh did not create');
    expect(after).toEqual(before);
  });

  test('a block whose header the user typed over is no longer the add-in’s: it is not cleared, and the refresh stops rather than write over it', async () => {
    const x = councilReturn(newDouble());
    const block = plainBlock(4);
    expect((await attempt(x, emptyPlan({ statusBlocks: [block] }))).error).toBeNull();
    x.sheet('Measures').cells.set(4, { value: 'My own RAG', numberFormat: '@' }); // E1
    const { before, after, error } = await attempt(x, emptyPlan({ clear: [owned(block)], statusBlocks: [block] }));
    expect(error.problems.map((p) => p.code)).toEqual(['occupied']);
    expect(after).toEqual(before);
    // headers compared without case or surrounding spaces
    x.sheet('Measures').cells.set(4, { value: '  rag STATUS ', numberFormat: '@' });
    expect((await attempt(x, emptyPlan({ clear: [owned(block)], statusBlocks: [block] }))).error).toBeNull();
  });

  test('a renamed status column of a table is left alone, and the table block is refused as the table changed', async () => {
    const x = councilReturn(newDouble());
    const block = tableBlock();
    expect((await attempt(x, emptyPlan({ statusBlocks: [block] }))).error).toBeNull();
    x.model.tables[0].columns[5] = 'My RAG';
    x.sheet('Scorecard').cells.set(5, { value: 'My RAG', numberFormat: '@' });
    const { before, after, error } = await attempt(x, emptyPlan({ clear: [owned(block, 4)], statusBlocks: [block] }));
    expect(error.problems.map((p) => p.code)).toEqual(['table-moved']);
    expect(after).toEqual(before);
  });

  test('an exception table name that is a defined name, or that Excel would refuse: stopped before any write', async () => {
    const x = councilReturn(newDouble());
    x.model.names.push('ragexceptions');
    const plan = fullPlan();
    const clash = await attempt(x, plan);
    expect(clash.error.code).toBe('blocked');
    expect(clash.error.problems).toEqual([expect.objectContaining({ code: 'table-name-taken', sheet: 'RAG exceptions' })]);
    expect(clash.error.message).toContain('defined name “RAGExceptions”');
    expect(clash.after).toEqual(clash.before);
    expect(x.stats.perSync.every((s) => s.writes === 0)).toBe(true);
    x.model.names = [];
    for (const bad of ['RAG Exceptions', 'A1', 'R1C1', 'r', '1Table', '']) {
      const withBad = { ...plan, exceptionSheet: { ...plan.exceptionSheet!, table: { ...plan.exceptionSheet!.table!, name: bad } } };
      const { before, after, error } = await attempt(x, withBad);
      expect({ bad, codes: error.problems.map((p) => p.code) }).toEqual({ bad, codes: ['bad-table-name'] });
      expect(after).toEqual(before);
    }
    for (const good of ['RAGExceptions', '_x', '\\Back', 'Exceptions.2025', 'Résumé', 'RC_Table']) {
      const withGood = { ...plan, exceptionSheet: { ...plan.exceptionSheet!, table: { ...plan.exceptionSheet!.table!, name: good } } };
      const fresh = councilReturn(newDouble());
      expect({ good, error: (await attempt(fresh, withGood)).error }).toEqual({ good, error: null });
    }
  });

  test('a host without the declared API level is refused before reading', async () => {
    const x = councilReturn(newDouble({ apiVersion: '1.6' }));
    const { error } = await attempt(x, fullPlan());
    expect(error.code).toBe('api-missing');
    expect(error.message).toContain('Excel JavaScript API 1.7');
    expect(x.stats.syncs).toBe(0);
  });

  test('invalid saved settings: nothing is written and the user is sent to the pane', async () => {
    const x = councilReturn(newDouble());
    const { before, after, error } = await attempt(x, fullPlan(), { configErrors: ['settings.tolerance: expected an amount such as "10%"'] });
    expect(error.code).toBe('config');
    expect(error.message).toContain('settings.tolerance');
    expect(after).toEqual(before);
  });
});

describe('Excel refusing the write', () => {
  test('a request refused as a whole (connection, payload) mid-refresh: the workbook is untouched', async () => {
    const x = councilReturn(newDouble());
    const before = x.exportState();
    const { refresh } = refreshWith(fullPlan());
    x.failSyncNumber(3, 'RequestAborted', 'The request was aborted.'); // the write: discovery and data reads come first
    const run = refreshExcel(x.requestContext, { isSetSupported: x.isSetSupported, refresh, now: 'n', appVersion: 'v' });
    const error = (await run.catch((e: unknown) => e)) as OfficeShellError;
    expect(error.code).toBe('rejected');
    expect(error.nothingWritten).toBe(true);
    expect(error.message).toContain('Nothing was changed');
    expect(x.exportState()).toEqual(before);
  });

  test('cell-edit mode: a clear message, nothing changed', async () => {
    const x = councilReturn(newDouble());
    x.setCellEditMode(true);
    const { before, after, error } = await attempt(x, fullPlan());
    expect(error.code).toBe('cell-edit');
    expect(error.message).toBe('Excel is editing a cell. Press Enter or Esc to finish editing, then select Refresh RAG again. Nothing was changed.');
    expect(after).toEqual(before);
  });

  test('an operation failing inside the write batch: Excel keeps what ran before it, the message says so, and a second refresh finishes the job', async () => {
    const x = councilReturn(newDouble());
    const block = plainBlock(4);
    const plan = emptyPlan({ statusBlocks: [block], savedDocument: '{"owned":true}' });
    x.failOperation((op) => op.name === 'add' && op.path.includes('conditionalFormats'), 'GeneralException');
    const { error } = await attempt(x, plan);
    expect(error.code).toBe('partial');
    expect(error.nothingWritten).toBe(false);
    expect(error.message).toContain('select Refresh RAG again');
    // the settings went first, so the rerun knows what it owns
    const rerun = await attempt(x, emptyPlan({ clear: [owned(block)], statusBlocks: [block], savedDocument: '{"owned":true}' }));
    expect(rerun.error).toBeNull();
    const clean = councilReturn(newDouble());
    await attempt(clean, plan);
    expect(x.exportState()).toEqual(clean.exportState());
  });
});
