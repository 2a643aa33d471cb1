import { SETTINGS_CHUNK, SETTINGS_MARKER, SETTINGS_SHEET_NAME } from '../../src/core/types';
import { readWorkbook } from '../../src/workbook/office/read';
import { ALL_CAPABILITIES } from '../../src/workbook/office/features';
import { bigReturn, councilReturn, newDouble, readDouble } from './helpers';

describe('reading a snapshot through the Excel API', () => {
  test('sheets in order with their used range, values (null for empty), number formats, visibility and protection', async () => {
    const x = councilReturn(newDouble());
    x.addSheet('Notes', { rows: [[null, 'hidden text']], origin: 'B3', visibility: 'Hidden', protected: true });
    const { snapshot } = await readDouble(x);
    expect(snapshot.source.host).toBe('excel');
    expect(snapshot.sheets.map((s) => [s.name, s.position, s.visibility, s.protected])).toEqual([
      ['Measures', 0, 'visible', false],
      ['Scorecard', 1, 'visible', false],
      ['Notes', 2, 'hidden', true],
    ]);
    const m = snapshot.sheets[0];
    expect(m.origin).toEqual({ row: 0, col: 0 });
    expect(m.values[0]).toEqual(['Ref', 'Measure', 'Actual', 'Target']);
    expect(m.values[1]).toEqual(['PI1', '% of things done on time 1', 0.8, 0.85]);
    expect(m.numberFormats[1]).toEqual(['General', 'General', '0%', '0%']);
    const notes = snapshot.sheets[2];
    // values-only used range: the empty B3 is outside it
    expect(notes.origin).toEqual({ row: 2, col: 2 });
    expect(notes.values).toEqual([['hidden text']]);
  });

  test('an empty cell inside the used range is null, not ""', async () => {
    const x = newDouble();
    x.addSheet('S', { rows: [['a', null, 'c']] });
    const { snapshot } = await readDouble(x);
    expect(snapshot.sheets[0].values).toEqual([['a', null, 'c']]);
  });

  test('Excel tables with their range, header and totals rows and column names', async () => {
    const x = councilReturn(newDouble());
    x.addSheet('Totals', { rows: [['A', 'B'], [1, 2], [3, 4], ['Total', 6]], origin: 'C5' });
    x.addTable('Totals', 'WithTotals', 'C5:D8', { showTotals: true });
    const { snapshot } = await readDouble(x);
    expect(snapshot.sheets[1].tables).toEqual([
      { name: 'KPIs', range: { top: 0, left: 0, bottom: 3, right: 4 }, headerRowCount: 1, totalsRowCount: 0, columnNames: ['Ref', 'Indicator', 'Q1', 'Q2', 'Target'] },
    ]);
    expect(snapshot.sheets[2].tables[0]).toMatchObject({ name: 'WithTotals', range: { top: 4, left: 2, bottom: 7, right: 3 }, totalsRowCount: 1 });
  });

  test('hidden rows and columns inside the used range, and merged areas', async () => {
    const x = councilReturn(newDouble(), 6);
    const s = x.sheet('Measures');
    s.hiddenRows.add(3);
    s.hiddenRows.add(4);
    s.hiddenColumns.add(1);
    s.hiddenRows.add(500); // outside the used range: not reported
    s.merges.push({ top: 0, left: 0, bottom: 0, right: 1 });
    const { snapshot } = await readDouble(x);
    expect(snapshot.sheets[0].hiddenRows).toEqual([3, 4]);
    expect(snapshot.sheets[0].hiddenColumns).toEqual([1]);
    expect(snapshot.sheets[0].merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
    expect(snapshot.sheets[1].merges).toEqual([]);
  });

  test('the saved settings document from the very hidden sheet, in chunks, and the sheet is not in the snapshot', async () => {
    const x = councilReturn(newDouble());
    const doc = JSON.stringify({ version: 1, note: 'x'.repeat(SETTINGS_CHUNK + 10) });
    x.addSheet(SETTINGS_SHEET_NAME, {
      rows: [[SETTINGS_MARKER], [doc.slice(0, SETTINGS_CHUNK)], [doc.slice(SETTINGS_CHUNK)]],
      numberFormats: [['@'], ['@'], ['@']],
      visibility: 'VeryHidden',
    });
    const { snapshot, facts } = await readDouble(x);
    expect(snapshot.savedDocument).toBe(doc);
    expect(snapshot.sheets.map((s) => s.name)).not.toContain(SETTINGS_SHEET_NAME);
    expect(facts.settingsSheet).toEqual({ name: SETTINGS_SHEET_NAME, visibility: 'veryHidden', protected: false, rows: 3, markerFound: true });
  });

  test('a sheet of that name without the marker gives no document', async () => {
    const x = councilReturn(newDouble());
    x.addSheet(SETTINGS_SHEET_NAME, { rows: [['someone else'], ['{}']] });
    const { snapshot, facts } = await readDouble(x);
    expect(snapshot.savedDocument).toBeNull();
    expect(facts.settingsSheet?.markerFound).toBe(false);
  });

  test('two round trips whatever the number of sheets, tables and rows', async () => {
    const counts: number[] = [];
    for (const [sheets, rows] of [
      [1, 5],
      [12, 2000],
    ]) {
      const x = newDouble();
      for (let i = 0; i < sheets; i++) {
        x.addSheet(`S${i}`, { rows: Array.from({ length: rows }, (_, r) => [`r${r}`, r, r * 2]) });
        x.addTable(`S${i}`, `T${i}`, `A1:C${rows}`);
      }
      await readDouble(x);
      counts.push(x.stats.syncs);
    }
    expect(counts).toEqual([2, 2]);
  });

  test('workbook protection and every sheet and table name are in the facts', async () => {
    const x = councilReturn(newDouble());
    x.model.protected = true;
    const { facts } = await readDouble(x);
    expect(facts.workbookProtected).toBe(true);
    expect(facts.sheetNames).toEqual(['Measures', 'Scorecard']);
    expect(facts.tableNames).toEqual(['KPIs']);
  });

  test('without ExcelApi 1.9 / 1.13, merges and hidden lines are left empty and reported as degraded', async () => {
    const x = councilReturn(newDouble({ apiVersion: '1.8' }));
    x.sheet('Measures').hiddenRows.add(2);
    x.sheet('Measures').merges.push({ top: 0, left: 0, bottom: 0, right: 1 });
    const { snapshot, facts } = await readDouble(x);
    expect(snapshot.sheets[0].hiddenRows).toEqual([]);
    expect(snapshot.sheets[0].merges).toEqual([]);
    expect(facts.degraded.sort()).toEqual(['hiddenRowsColumns', 'merges']);
    // No member of a newer set was called: the double would have failed the sync with ApiNotFound.
    expect(x.stats.perSync.every((s) => s.error === null)).toBe(true);
  });

  test('a property read before load and sync throws, as in Excel', async () => {
    const x = councilReturn(newDouble());
    const sheets = x.requestContext.workbook.worksheets;
    sheets.load('items/name');
    expect(() => sheets.items).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    await x.requestContext.sync();
    expect(sheets.items.map((s) => s.name)).toEqual(['Measures', 'Scorecard']);
    expect(() => sheets.items[0].position).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
  });
});

describe('a data response over Excel on the web’s 5 MB', () => {

  test('is read again in row blocks split by size, with the same result as one read', async () => {
    const web = bigReturn('web', 60000);
    const desktop = bigReturn('desktop', 60000);
    const a = await readDouble(web);
    const b = await readDouble(desktop);
    expect(desktop.stats.syncs).toBe(2);
    expect(web.stats.syncs).toBeGreaterThan(3);
    expect(a.snapshot).toEqual(b.snapshot);
    // every response that came back fitted
    expect(web.stats.perSync.filter((s) => s.error === null).every((s) => s.responseBytes <= 5 * 1024 * 1024)).toBe(true);
    expect(a.facts.syncs).toBe(web.stats.syncs);
  });

  test('a first guess of bytes per cell that is too small is doubled until the blocks fit', async () => {
    const x = bigReturn('web', 45000);
    const read = await readWorkbook(x.requestContext, { capabilities: ALL_CAPABILITIES, bytesPerCell: 1 });
    const y = bigReturn('desktop', 45000);
    const ref = await readWorkbook(y.requestContext, { capabilities: ALL_CAPABILITIES });
    expect(read.snapshot).toEqual(ref.snapshot);
    // discovery, refused data read, shapes, then refused blocks (estimate doubling) until blocks fit
    const trail = x.stats.perSync.map((s) => (s.error ? 'x' : 'o')).join('');
    expect(trail).toMatch(/^oxox+o+$/);
  });
});
