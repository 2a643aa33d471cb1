/**
 * The whole refresh on real .xlsx files: detection, rules, the write plan, the file shell,
 * and what a second refresh, a changed configuration and Clear RAG do.
 */
import { parseSavedDocument } from '../../src/core/config/saved';
import { messages } from '../../src/core/messages';
import { clearPlan, refresh, RefreshError } from '../../src/core/refresh';
import { SETTINGS_SHEET_NAME, type WorkbookSnapshot } from '../../src/core/types';
import { applyPlan, readWorkbook } from '../../src/workbook/xlsx';
import { cellsOf, loadExcelJS, sampleBytes, workbookOf, type Grid } from '../helpers/workbooks';

const NOW = '2026-01-15T09:30:00+00:00';
const LATER = '2026-04-15T09:30:00+01:00';
const opts = { now: NOW, appVersion: 'test' };

function refreshBytes(bytes: Uint8Array, o: Partial<Parameters<typeof refresh>[1]> = {}) {
  const book = readWorkbook(bytes, { fileName: 'return.xlsx' });
  const outcome = refresh(book.snapshot, { ...opts, ...o });
  return { ...outcome, snapshot: book.snapshot, bytes: applyPlan(book.pkg, outcome.plan) };
}

const LONG: Grid = [
  ['Ref', 'Measure', 'Polarity', 'Previous', 'Actual', 'Target', 'Owner', 'Commentary'],
  ['M1', 'Visits on time (%)', 'Higher', 80, 85, 90, 'Ann', 'Recovering'],
  ['M2', 'Complaints', 'Lower', 40, 55, 50, 'Bob', '=SUM(A1:A2) is what the officer typed'],
  ['M3', 'Homes built', 'Higher', 90, 95, 90, 'Cat', 'On track'],
  ['M4', 'Waiting days', 'Lower', 30, 'TBC', 20, 'Dan', ''],
  ['M5', 'Exclusions', 'Lower', 2, 81, 90, 'Eve', ''],
];

describe('refresh of the bundled sample return', () => {
  const first = refreshBytes(sampleBytes());

  test('finds every table and measure, skips the cover sheet and says why', () => {
    expect(first.report.results.length).toBe(48);
    expect(first.report.tables.length).toBe(6);
    expect(first.report.skippedSheets.map((s) => s.sheet)).toEqual(['Cover']);
    expect(first.report.skippedSheets[0]!.reason.length).toBeGreaterThan(10);
  });

  test('counts add up and the overall RAG follows the mean-score rule', () => {
    const w = first.report.summary.whole;
    const c = w.counts;
    expect(c.blue + c.green + c.amber + c.red + c.noData + c.noTarget + c.checkData).toBe(48);
    expect(w.withTarget).toBe(48 - c.noTarget);
    expect(w.metTarget.count).toBe(c.green + c.blue);
    const rated = c.green + c.blue + c.amber + c.red;
    const score = (c.green + c.blue + 2 * c.amber + 3 * c.red) / rated;
    expect(w.overall).toBe(score < 1.5 ? 'green' : score > 2.5 ? 'red' : 'amber');
  });

  test('every status carries a plain-English reason', () => {
    for (const r of first.report.results) expect(r.reason.length).toBeGreaterThan(5);
    const amber = first.report.results.find((r) => r.status === 'amber')!;
    expect(amber.reason).toMatch(/^Amber: /);
  });

  test('a red or amber measure with no commentary is flagged', () => {
    const flagged = first.report.results.filter((r) => r.commentaryMissing);
    expect(flagged.length).toBeGreaterThan(0);
    for (const r of flagged) {
      expect(['red', 'amber']).toContain(r.status);
      expect((r.measure.commentary ?? '').trim()).toBe('');
    }
    expect(first.report.issues.some((i) => i.code === 'commentary-missing')).toBe(true);
  });

  test('each data-quality issue is reported once, naming sheet and cell', () => {
    const noData = first.report.issues.filter((i) => i.code === 'no-data');
    expect(noData.length).toBe(first.report.summary.whole.counts.noData);
    for (const i of noData) expect(i.cell).toMatch(/^[A-Z]+\d+$/);
    const keys = noData.map((i) => `${i.sheet}!${i.cell}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('the written workbook holds the statuses beside each table and the exception sheet', async () => {
    const wb = await loadExcelJS(first.bytes);
    const ah = wb.getWorksheet('Adults & Health')!;
    // Adults & Health: A..J used, so the status columns start at K, on the header row (4).
    expect(ah.getCell('K4').value).toBe(messages.common.columns.rag);
    expect(ah.getCell('L4').value).toBe(messages.common.columns.direction);
    const ah02 = first.report.results.find((r) => r.measure.ref === 'AH02')!;
    expect(ah.getCell(`K${ah02.measure.row + 1}`).value).toBe(messages.common.status[ah02.status]);
    const ex = wb.getWorksheet(first.plan.exceptionSheet!.name)!;
    expect(ex).toBeDefined();
    expect(ex.getCell('A1').value).toBe(messages.plan.exceptions.title);
    // the exception sheet lists exactly the red and amber measures
    const exceptions = first.report.results.filter((r) => r.status === 'red' || r.status === 'amber');
    expect(first.plan.exceptionSheet!.table!.range.bottom - first.plan.exceptionSheet!.table!.range.top).toBe(exceptions.length);
    // rows of wrapped commentary are as tall as their text, so nothing overlaps in print
    const commentaryCol = first.plan.exceptionSheet!.cells.find((c) => c.value === messages.plan.exceptions.columns.commentary)!.col;
    const longest = exceptions.reduce((a, b) => ((b.measure.commentary ?? '').length > (a.measure.commentary ?? '').length ? b : a));
    const at = ex.getColumn(commentaryCol + 1).values.findIndex((v) => v === longest.measure.commentary);
    expect(at).toBeGreaterThan(0);
    expect(ex.getRow(at).height).toBeGreaterThanOrEqual(30);
  });

  test('the settings sheet is very hidden and holds the configuration and what was written', async () => {
    const wb = await loadExcelJS(first.bytes);
    expect(wb.getWorksheet(SETTINGS_SHEET_NAME)!.state).toBe('veryHidden');
    const doc = parseSavedDocument(first.plan.savedDocument);
    expect(doc.kind).toBe('ok');
    if (doc.kind !== 'ok') return;
    expect(doc.doc.state!.blocks.length).toBe(6);
    expect(Object.keys(doc.doc.state!.statuses).length).toBe(48);
    expect(doc.doc.state!.refreshedAt).toBe(NOW);
  });

  test('refreshing the refreshed file updates in place: no duplicate column, no change reported, same cells', async () => {
    const second = refreshBytes(first.bytes, { now: LATER });
    expect(second.report.results.length).toBe(48);
    expect(second.plan.statusBlocks.map((b) => `${b.sheet}!${b.firstCol}`)).toEqual(first.plan.statusBlocks.map((b) => `${b.sheet}!${b.firstCol}`));
    expect(second.plan.clear.length).toBe(6);
    expect(second.report.changes.filter((c) => c.change.from !== null)).toEqual([]);
    const a = await cellsOf(first.bytes);
    const b = await cellsOf(second.bytes);
    // The user's sheets and the status columns are identical; the exception sheet says "no change since…".
    const strip = (m: Map<string, unknown>) =>
      new Map([...m].filter(([k]) => !k.startsWith(`${SETTINGS_SHEET_NAME}!`) && !k.startsWith(`${second.plan.exceptionSheet!.name}!`)));
    expect(strip(b)).toEqual(strip(a));
    const listed = (p: typeof first.plan) => p.exceptionSheet!.cells.filter((c) => c.link).map((c) => c.value);
    expect(listed(second.plan)).toEqual(listed(first.plan));
    expect(second.plan.exceptionSheet!.cells.some((c) => typeof c.value === 'string' && c.value.startsWith('No status has changed'))).toBe(true);
  });

  test('a changed tolerance moves statuses, is recorded in the change log and reported as a change', () => {
    const second = refreshBytes(first.bytes, { now: LATER, config: { settings: { tolerance: { type: 'relative', value: 1 } } }, changedBy: 'test' });
    const moved = second.report.changes.filter((c) => c.change.from === 'amber' && c.change.to === 'red');
    expect(moved.length).toBeGreaterThan(0);
    for (const c of moved) expect(c.change.text).toBe('Amber → Red');
    const doc = parseSavedDocument(second.plan.savedDocument);
    if (doc.kind !== 'ok') throw new Error('saved document unreadable');
    const entry = doc.doc.changeLog.find((e) => e.what === 'settings.tolerance')!;
    expect(entry).toMatchObject({ at: LATER, by: 'test', from: null, to: { type: 'relative', value: 1 } });
  });
});

describe('losing nothing of the user’s', () => {
  test('cells beside the table are never overwritten: the status columns move and the report says why', async () => {
    const grid = LONG.map((r) => [...r]);
    grid[3]![9] = 'my note'; // J4: one column gap after H, then the user's note
    const bytes = await workbookOf([{ name: 'Return', grid }]);
    const out = refreshBytes(bytes);
    const block = out.plan.statusBlocks[0]!;
    expect(block.firstCol).toBe(10); // K: past the note in J
    expect(block.note).toMatch(/J4/);
    expect(out.report.issues.some((i) => i.code === 'status-columns-moved')).toBe(true);
    const before = await cellsOf(bytes);
    const after = await cellsOf(out.bytes);
    for (const [k, v] of before) expect(after.get(k)).toEqual(v);
  });

  test('every original cell is unchanged after a refresh (and only new cells are added)', async () => {
    const bytes = await workbookOf([{ name: 'Return', grid: LONG }]);
    const out = refreshBytes(bytes);
    const before = await cellsOf(bytes);
    const after = await cellsOf(out.bytes);
    for (const [k, v] of before) expect(after.get(k)).toEqual(v);
    expect(after.size).toBeGreaterThan(before.size);
  });

  test('text from the workbook lands as text: a commentary starting with "=" is not a formula', async () => {
    const bytes = await workbookOf([{ name: 'Return', grid: LONG }]);
    const out = refreshBytes(bytes);
    const wb = await loadExcelJS(out.bytes);
    const ex = wb.getWorksheet(out.plan.exceptionSheet!.name)!;
    let found = false;
    ex.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string' && cell.value.startsWith('=SUM')) found = true;
        expect(cell.formula ?? null).toBeNull();
      }),
    );
    expect(found).toBe(true);
  });

  test('an Excel table grows to take the status columns as table columns', async () => {
    const bytes = await workbookOf([{ name: 'Return', grid: LONG, table: 'Measures' }]);
    const out = refreshBytes(bytes);
    expect(out.plan.statusBlocks[0]!.tableName).toBe('Measures');
    const again = refreshBytes(out.bytes);
    expect(again.plan.statusBlocks[0]!.firstCol).toBe(out.plan.statusBlocks[0]!.firstCol);
    const wb = await loadExcelJS(again.bytes);
    const ws = wb.getWorksheet('Return')!;
    const headers = (ws.getRow(1).values as unknown[]).filter((v) => v === messages.common.columns.rag);
    expect(headers).toHaveLength(1);
  });

  test('Clear RAG after a refresh gives back the original cells and sheets', async () => {
    const bytes = await workbookOf([{ name: 'Return', grid: LONG, table: 'Measures' }]);
    const out = refreshBytes(bytes);
    const book = readWorkbook(out.bytes);
    const cleared = applyPlan(book.pkg, clearPlan(book.snapshot));
    expect(await cellsOf(cleared)).toEqual(await cellsOf(bytes));
    const wb = await loadExcelJS(cleared);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Return']);
  });
});

describe('the saved configuration', () => {
  function withSaved(snapshot: WorkbookSnapshot, text: string): WorkbookSnapshot {
    return { ...snapshot, savedDocument: text };
  }

  test('an invalid saved configuration stops the refresh with the reasons, naming the path', async () => {
    const bytes = await workbookOf([{ name: 'Return', grid: LONG }]);
    const snap = readWorkbook(bytes).snapshot;
    const bad = JSON.stringify({ format: 'rag-refresh', version: 1, config: { settings: { tolerance: 'lots' } }, state: null, changeLog: [] });
    expect(() => refresh(withSaved(snap, bad), opts)).toThrow(RefreshError);
    try {
      refresh(withSaved(snap, bad), opts);
    } catch (e) {
      expect((e as RefreshError).code).toBe('saved-config-invalid');
      expect((e as RefreshError).details.join('\n')).toMatch(/config\.settings\.tolerance/);
    }
  });

  test('after confirming, it refreshes with the defaults and keeps the old settings aside', async () => {
    const bytes = await workbookOf([{ name: 'Return', grid: LONG }]);
    const snap = readWorkbook(bytes).snapshot;
    const bad = '{"format":"rag-refresh","version":1,"config":{"settings":{"tolerance":"lots"}}}';
    const out = refresh(withSaved(snap, bad), { ...opts, ignoreSavedConfig: true });
    expect(out.report.results.length).toBe(5);
    const doc = parseSavedDocument(out.plan.savedDocument);
    if (doc.kind !== 'ok') throw new Error('unreadable');
    expect(doc.doc.setAside![0]!.text).toBe(bad);
  });

  test('a configuration saved by a newer version is refused with a clear message', async () => {
    const bytes = await workbookOf([{ name: 'Return', grid: LONG }]);
    const snap = readWorkbook(bytes).snapshot;
    const newer = JSON.stringify({ format: 'rag-refresh', version: 9, config: {}, state: null, changeLog: [] });
    expect(() => refresh(withSaved(snap, newer), opts)).toThrow(RefreshError);
    try {
      refresh(withSaved(snap, newer), opts);
    } catch (e) {
      expect((e as RefreshError).details.join('\n')).toMatch(/newer version of RAG Refresh/);
    }
  });
});

describe('a protected sheet', () => {
  test('gets no status columns, but its measures reach the exception sheet and the report says why', async () => {
    const bytes = await workbookOf([{ name: 'Return', grid: LONG }]);
    const book = readWorkbook(bytes);
    const snapshot = { ...book.snapshot, sheets: book.snapshot.sheets.map((s) => ({ ...s, protected: true })) };
    const out = refresh(snapshot, opts);
    expect(out.plan.statusBlocks).toEqual([]);
    expect(out.report.issues.find((i) => i.code === 'sheet-protected')!.message).toMatch(/Return.*protected/);
    expect(out.plan.exceptionSheet!.cells.filter((c) => c.link).length).toBe(2);
  });
});
