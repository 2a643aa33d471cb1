import { SETTINGS_CHUNK, SETTINGS_MARKER, SETTINGS_SHEET_NAME } from '../../src/core/types';
import { applyPlan } from '../../src/workbook/office/write';
import { widthToPoints } from '../../src/workbook/office/styles';
import {
  column,
  councilReturn,
  emptyPlan,
  exceptionSheet,
  newDouble,
  owned,
  plainBlock,
  RAG_RULES,
  ragValues,
  readAndApply,
  readDouble,
  tableBlock,
} from './helpers';

describe('status columns beside a plain table', () => {
  test('header, values and number formats in the columns right of the table', async () => {
    const x = councilReturn(newDouble());
    const { writeSyncs } = await readAndApply(x, () => emptyPlan({ statusBlocks: [plainBlock(4)] }));
    expect(writeSyncs).toBe(1);
    expect(['E1', 'E2', 'E3', 'E4', 'E5'].map((a) => x.value('Measures', a))).toEqual(['RAG status', 'Green', 'Amber', 'Red', 'No data']);
    expect(x.value('Measures', 'F1')).toBe('Direction of travel');
    expect(x.value('Measures', 'F5')).toBe('↑ Improved');
    expect(x.cell('Measures', 'E3')?.numberFormat).toBe('@');
    expect(x.sheet('Measures').columnWidths.get(4)).toBe(widthToPoints(12));
  });

  test('text is written as text: "=..." stays text, "007" keeps its zeros, even in a numeric column', async () => {
    const x = councilReturn(newDouble());
    const cols = [
      column('rag', 'RAG status', ['=HYPERLINK("http://evil")', '007', 'Green', 'Red']),
      column('variance', 'Variance', [0.05, '–', -0.1, null], { numberFormat: '0.0%' }),
    ];
    await readAndApply(x, () => emptyPlan({ statusBlocks: [plainBlock(4, cols)] }));
    expect(x.cell('Measures', 'E2')).toMatchObject({ value: '=HYPERLINK("http://evil")', numberFormat: '@' });
    expect(x.cell('Measures', 'E2')?.formula).toBeUndefined();
    expect(x.cell('Measures', 'E3')?.value).toBe('007');
    expect(x.cell('Measures', 'F2')).toMatchObject({ value: 0.05, numberFormat: '0.0%' });
    expect(x.cell('Measures', 'F3')).toMatchObject({ value: '–', numberFormat: '@' });
    expect(x.cell('Measures', 'F5')?.value ?? '').toBe('');
    const formulas = Object.values(x.exportState().sheets[0].cells).filter((c) => c.formula);
    expect(formulas).toEqual([]);
  });

  test('per-cell number formats override the column format; skipped rows get nothing', async () => {
    const x = councilReturn(newDouble());
    const cols = [column('variance', 'Variance', [1, 2, 3, 4], { numberFormat: '0.0', numberFormats: [null, '0%', null, null] })];
    await readAndApply(x, () => emptyPlan({ statusBlocks: [{ ...plainBlock(4, cols), skipRows: [3] }] }));
    expect(x.cell('Measures', 'E2')?.numberFormat).toBe('0.0');
    expect(x.cell('Measures', 'E3')?.numberFormat).toBe('0%');
    expect(x.cell('Measures', 'E4')?.value ?? '').toBe('');
    expect(x.value('Measures', 'E5')).toBe(4);
  });

  test('conditional formats per column, one per rule, over the data rows: never per-cell formatting', async () => {
    const x = councilReturn(newDouble(), 50);
    await readAndApply(x, () => emptyPlan({ statusBlocks: [plainBlock(50)] }));
    const cfs = x.exportState().sheets[0].conditionalFormats;
    expect(cfs).toEqual([
      { range: 'E2:E51', type: 'CellValue', rule: { operator: 'EqualTo', formula1: '="Red"' }, format: { fill: '#F8CBAD', fontColor: '#9C0006', bold: true } },
      { range: 'E2:E51', type: 'CellValue', rule: { operator: 'EqualTo', formula1: '="Amber"' }, format: { fill: '#FFE699', fontColor: '#7F6000' } },
      { range: 'E2:E51', type: 'CellValue', rule: { operator: 'EqualTo', formula1: '="Green"' }, format: { fill: '#C6EFCE', fontColor: '#006100' } },
      { range: 'E2:E51', type: 'ContainsText', rule: { operator: 'BeginsWith', text: 'No data' }, format: { fill: '#D9D9D9', fontColor: '#404040' } },
    ]);
    const formatted = Object.entries(x.exportState().sheets[0].cells).filter(([, c]) => c.format);
    // only the two headers (bold, wrapped, as the file shell writes them)
    expect(formatted.map(([a]) => a)).toEqual(['E1', 'F1']);
  });

  test('operations grow with columns, not with rows; calculation is suspended for the batch and resumes after it', async () => {
    const ops: number[] = [];
    for (const n of [10, 1000]) {
      const x = councilReturn(newDouble(), n);
      x.resetStats();
      await readAndApply(x, () => emptyPlan({ statusBlocks: [plainBlock(n)] }));
      const write = x.stats.perSync[x.stats.perSync.length - 1];
      ops.push(write.operations);
      expect(write.calculationSuspended).toBe(true);
      // The recalculation is the one Excel makes when the suspended batch's sync is over, not a
      // calculate() queued inside the batch (which would run while calculation is still suspended).
      expect(x.recalculations).toBe(1);
      expect(x.lastBatch.some((o) => o.name === 'calculate')).toBe(false);
      expect(x.lastBatch[0].name).toBe('suspendApiCalculationUntilNextSync');
    }
    expect(ops[0]).toBe(ops[1]);
  });
});

describe('status columns added to an Excel table', () => {
  test('become table columns named by their headers, the table grows right', async () => {
    const x = councilReturn(newDouble());
    await readAndApply(x, () => emptyPlan({ statusBlocks: [tableBlock([column('rag', 'RAG status', ['Green', 'Red', 'Amber']), column('forecast', 'Forecast', ['☺ Likely', '~ May', '☹ Unlikely'])])] }));
    const t = x.exportState().sheets[1].tables[0];
    expect(t).toMatchObject({ name: 'KPIs', range: 'A1:G4', columns: ['Ref', 'Indicator', 'Q1', 'Q2', 'Target', 'RAG status', 'Forecast'] });
    expect(['F1', 'F2', 'F3', 'F4', 'G2'].map((a) => x.value('Scorecard', a))).toEqual(['RAG status', 'Green', 'Red', 'Amber', '☺ Likely']);
    expect(x.exportState().sheets[1].conditionalFormats.map((c) => c.range)).toEqual(['F2:F4', 'F2:F4', 'F2:F4', 'F2:F4']);
  });

  test('a second refresh rewrites the owned table columns in place (none deleted or added): same result, nothing else moves (more in table-columns.test.ts)', async () => {
    const x = councilReturn(newDouble());
    x.addSheet('Other', { rows: [['keep']] });
    const block = tableBlock();
    await readAndApply(x, () => emptyPlan({ statusBlocks: [block] }));
    const first = x.exportState();
    await readAndApply(x, () => emptyPlan({ clear: [owned(block, 4)], statusBlocks: [tableBlock([column('rag', 'RAG status', ['Red', 'Red', 'Red'])])] }));
    const second = x.exportState();
    expect(x.lastBatch.filter((o) => o.path.includes('.columns') && (o.name === 'add' || o.name === 'delete'))).toEqual([]);
    expect(second.sheets[1].tables).toEqual(first.sheets[1].tables);
    expect(['F2', 'F3', 'F4'].map((a) => x.value('Scorecard', a))).toEqual(['Red', 'Red', 'Red']);
    expect(second.sheets[1].conditionalFormats).toEqual(first.sheets[1].conditionalFormats);
  });
});

describe('refreshing again', () => {
  test('clears the earlier blocks (cells and conditional formats) and writes the new ones in place', async () => {
    const x = councilReturn(newDouble(), 4);
    const block = plainBlock(4);
    await readAndApply(x, () => emptyPlan({ statusBlocks: [block] }));
    const once = x.exportState();
    await readAndApply(x, () => emptyPlan({ clear: [owned(block)], statusBlocks: [block] }));
    expect(x.exportState()).toEqual(once);
  });

  test('a narrower block leaves no trace of the wider one', async () => {
    const x = councilReturn(newDouble(), 4);
    const wide = plainBlock(4);
    await readAndApply(x, () => emptyPlan({ statusBlocks: [wide] }));
    const narrow = plainBlock(4, [column('rag', 'RAG status', ['Red', 'Red', 'Red', 'Red'])]);
    await readAndApply(x, () => emptyPlan({ clear: [owned(wide)], statusBlocks: [narrow] }));
    expect(x.cell('Measures', 'F1')).toBeUndefined();
    expect(x.cell('Measures', 'F3')).toBeUndefined();
    expect(x.exportState().sheets[0].conditionalFormats.every((c) => c.range === 'E2:E5')).toBe(true);
  });
});

describe('the exception sheet', () => {
  const rows = [
    { ref: 'PI2', name: '=Measure starting with equals', status: 'Red', commentary: 'Remedial action agreed', sheet: 'Measures', row: 2 },
    { ref: 'PI3', name: "Children's services visits", status: 'Amber', commentary: 'Improving', sheet: 'Measures', row: 3 },
  ];

  test('is written whole: cells as text, styles by rectangle, widths, table, rules, links, print setup, frozen rows', async () => {
    const x = councilReturn(newDouble());
    await readAndApply(x, () => emptyPlan({ exceptionSheet: exceptionSheet(rows) }));
    const sheet = x.exportState().sheets.find((s) => s.name === 'RAG exceptions');
    expect(sheet).toBeDefined();
    const s = sheet!;
    expect(s.position).toBe(2);
    expect(s.cells.A1).toMatchObject({ value: 'Exception report', numberFormat: '@', format: { bold: true, size: 16 } });
    expect(s.cells.B5).toMatchObject({ value: '=Measure starting with equals', numberFormat: '@', hyperlink: { documentReference: 'Measures!B3' } });
    expect(s.cells.B5.formula).toBeUndefined();
    expect(s.cells.B6.hyperlink).toEqual({ documentReference: 'Measures!B4', textToDisplay: "Children's services visits" });
    expect(s.cells.D5.format).toMatchObject({ wrap: true });
    expect(s.tables).toEqual([{ name: 'RAGExceptions', range: 'A4:D6', columns: ['Ref', 'Measure', 'RAG', 'Commentary'], style: 'TableStyleLight9', showTotals: false }]);
    expect(s.conditionalFormats.map((c) => c.range)).toEqual(['C5:C6', 'C5:C6', 'C5:C6', 'C5:C6']);
    expect(s.columnWidths).toEqual({ A: widthToPoints(10), B: widthToPoints(40), C: widthToPoints(10), D: widthToPoints(60) });
    expect(s.print).toEqual({ orientation: 'Landscape', fitToWidth: true, printTitleRows: '$4:$4' });
    expect(s.freezeRows).toBe(4);
  });

  test('rows of wrapped text are fitted to it by Excel, in one call over those rows', async () => {
    const x = councilReturn(newDouble());
    await readAndApply(x, () => emptyPlan({ exceptionSheet: { ...exceptionSheet(rows), rowHeights: [{ row: 4, height: 45 }, { row: 6, height: 30 }] } }));
    const fits = x.lastBatch.filter((o) => o.name === 'autofitRows');
    expect(fits.map((o) => o.path)).toEqual([expect.stringContaining('getRange("5:7")')]);
    const sheet = x.model.sheets.find((s) => s.name === 'RAG exceptions')!;
    expect([...sheet.autofitRows]).toEqual([4, 5, 6]);
  });

  test('style calls are per rectangle of cells, not per cell', async () => {
    const x = councilReturn(newDouble());
    const many = Array.from({ length: 300 }, (_, i) => ({ ...rows[i % 2], ref: `PI${i}` }));
    await readAndApply(x, () => emptyPlan({ exceptionSheet: exceptionSheet(many) }));
    const styleCalls = x.lastBatch.filter((o) => o.path.endsWith('.format') && o.name !== 'columnWidth' && !o.path.includes('conditionalFormats'));
    // title (bold, size), subtitle (size, colour), header row A4:D4 (bold, wrap, top), commentary column D5:D304 (wrap, top)
    expect(styleCalls.map((o) => o.path.replace(/.*getRange\("([^"]+)"\).*/, '$1'))).toEqual(['A1', 'A1', 'A2', 'A2', 'A4:D4', 'A4:D4', 'A4:D4', 'D5:D304', 'D5:D304']);
  });

  test('replaces the old sheet of that name in its place; sheets listed in removeSheets go', async () => {
    const x = councilReturn(newDouble());
    x.addSheet('RAG exceptions', { rows: [['old', 'stuff'], ['x', 'y']] });
    x.addSheet('Old summary', { rows: [['gone']] });
    x.addSheet('Tail', { rows: [['t']] });
    await readAndApply(x, () => emptyPlan({ exceptionSheet: exceptionSheet(rows), removeSheets: ['RAG exceptions', 'Old summary'] }));
    const state = x.exportState();
    expect(state.sheets.map((s) => s.name)).toEqual(['Measures', 'Scorecard', 'RAG exceptions', 'Tail']);
    expect(state.sheets[2].cells.A2.value).toBe('Refreshed 1 April 2025');
    expect(state.sheets[2].cells.B1).toBeUndefined();
  });

  test('with ExcelApi 1.9 links go in one setCellProperties call per run; before it one call per link', async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ ...rows[0], ref: `PI${i}` }));
    const modern = councilReturn(newDouble());
    await readAndApply(modern, () => emptyPlan({ exceptionSheet: exceptionSheet(many) }));
    expect(modern.lastBatch.filter((o) => o.name === 'setCellProperties')).toHaveLength(1);
    const office2019 = councilReturn(newDouble({ apiVersion: '1.8' }));
    await readAndApply(office2019, () => emptyPlan({ exceptionSheet: exceptionSheet(many) }));
    expect(office2019.lastBatch.filter((o) => o.name === 'hyperlink')).toHaveLength(40);
    // Links look like links on both (blue, underlined, as the file shell writes them), set with them.
    for (const x of [modern, office2019]) expect(x.exportState().sheets[2].cells.B5.format).toMatchObject({ fontColor: '#0563C1', underline: true });
    expect(office2019.exportState().sheets[2].cells.B5.hyperlink).toEqual(modern.exportState().sheets[2].cells.B5.hyperlink);
  });
});

describe('the saved settings', () => {
  test('go in a very hidden sheet: marker in A1, the document in chunks from A2, as text; the next read gets it back', async () => {
    const x = councilReturn(newDouble());
    const doc = JSON.stringify({ version: 1, settings: { tolerance: '10%' }, blob: '='.repeat(SETTINGS_CHUNK) });
    await readAndApply(x, () => emptyPlan({ savedDocument: doc }));
    const s = x.sheet(SETTINGS_SHEET_NAME);
    expect(s.visibility).toBe('VeryHidden');
    expect(x.value(SETTINGS_SHEET_NAME, 'A1')).toBe(SETTINGS_MARKER);
    expect(x.cell(SETTINGS_SHEET_NAME, 'A2')?.numberFormat).toBe('@');
    expect(x.cell(SETTINGS_SHEET_NAME, 'A3')?.formula).toBeUndefined();
    expect((await readDouble(x)).snapshot.savedDocument).toBe(doc);
  });

  test('a shorter document replaces a longer one completely', async () => {
    const x = councilReturn(newDouble());
    await readAndApply(x, () => emptyPlan({ savedDocument: 'y'.repeat(SETTINGS_CHUNK * 2 + 5) }));
    await readAndApply(x, () => emptyPlan({ savedDocument: '{"version":1}' }));
    expect((await readDouble(x)).snapshot.savedDocument).toBe('{"version":1}');
    expect(x.cell(SETTINGS_SHEET_NAME, 'A4')).toBeUndefined();
  });

  test('a character outside the BMP at a chunk boundary is never cut in two (surrogate pairs stay in one cell)', async () => {
    const x = councilReturn(newDouble());
    // "😀" is two UTF-16 units; placed so that a plain cut every SETTINGS_CHUNK units would split it.
    const doc = 'a'.repeat(SETTINGS_CHUNK - 1) + '😀' + 'b'.repeat(10) + '𝄞'.repeat(SETTINGS_CHUNK);
    await readAndApply(x, () => emptyPlan({ savedDocument: doc }));
    const chunks: string[] = [];
    for (let row = 2; x.cell(SETTINGS_SHEET_NAME, `A${row}`); row++) chunks.push(String(x.value(SETTINGS_SHEET_NAME, `A${row}`)));
    expect(chunks.join('')).toBe(doc);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(SETTINGS_CHUNK);
      const last = c.charCodeAt(c.length - 1);
      expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
      const first = c.charCodeAt(0);
      expect(first >= 0xdc00 && first <= 0xdfff).toBe(false);
    }
    expect((await readDouble(x)).snapshot.savedDocument).toBe(doc);
  });

  test('a settings sheet whose name differs only in case is the add-in’s sheet: rewritten in place, not added again', async () => {
    const x = councilReturn(newDouble());
    x.addSheet('ragrefresh_settings', { rows: [[SETTINGS_MARKER], ['{"version":1}']], numberFormats: [['@'], ['@']], visibility: 'VeryHidden' });
    const { read, result } = await readAndApply(x, () => emptyPlan({ savedDocument: '{"version":1,"n":2}' }));
    expect(read.snapshot.savedDocument).toBe('{"version":1}');
    expect(read.snapshot.sheets.map((s) => s.name)).toEqual(['Measures', 'Scorecard']);
    expect(result.syncs).toBe(1);
    expect(x.model.sheets.map((s) => s.name)).toEqual(['Measures', 'Scorecard', 'ragrefresh_settings']);
    expect((await readDouble(x)).snapshot.savedDocument).toBe('{"version":1,"n":2}');
    // and Clear RAG removes it
    await readAndApply(x, () => emptyPlan({ savedDocument: null }));
    expect(x.model.sheets.map((s) => s.name)).toEqual(['Measures', 'Scorecard']);
  });

  test('null removes the sheet (Clear RAG), very hidden as it is', async () => {
    const x = councilReturn(newDouble());
    await readAndApply(x, () => emptyPlan({ savedDocument: '{}' }));
    await readAndApply(x, () => emptyPlan({ savedDocument: null }));
    expect(x.model.sheets.map((s) => s.name)).toEqual(['Measures', 'Scorecard']);
  });
});

describe('splitting by size', () => {
  test('a write over the budget is split into several round trips by size; the result is the same', async () => {
    const n = 3000;
    const build = () => councilReturn(newDouble({ host: 'web' }), n);
    const plan = () => emptyPlan({ statusBlocks: [plainBlock(n)], savedDocument: '{}' });
    const whole = build();
    await readAndApply(whole, plan);
    const split = build();
    const { writeSyncs } = await readAndApply(split, plan, 40_000);
    expect(writeSyncs).toBeGreaterThan(2);
    expect(split.exportState()).toEqual(whole.exportState());
    const writes = split.stats.perSync.slice(2);
    expect(writes.every((s) => s.calculationSuspended)).toBe(true);
  });

  test('100k measures on the web: every request stays under 5 MB', async () => {
    const n = 100_000;
    const x = councilReturn(newDouble({ host: 'web' }), n);
    const before = x.stats.syncs;
    const read = await readDouble(x);
    const cols = [
      column('rag', 'RAG status', ragValues(n)),
      column('direction', 'Direction of travel', Array.from({ length: n }, () => '↑ Improved')),
      column('forecast', 'Forecast', Array.from({ length: n }, () => '~ May')),
      column('variance', 'Variance', Array.from({ length: n }, (_, i) => i / 7), { numberFormat: '0.00' }),
    ];
    const result = await applyPlan(x.requestContext, emptyPlan({ statusBlocks: [plainBlock(n, cols)] }), read);
    expect(x.stats.perSync.slice(before).filter((s) => s.error === null).every((s) => s.requestBytes < 5 * 1024 * 1024)).toBe(true);
    expect(result.syncs).toBeGreaterThan(1);
    expect(x.value('Measures', `E${n + 1}`)).toBe(['Green', 'Amber', 'Red', 'No data'][(n - 1) % 4]);
  });
});

test('RAG rules reach Excel with # colours', () => {
  expect(RAG_RULES[0].style.fill).toBe('F8CBAD');
});
