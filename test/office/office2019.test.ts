/**
 * Office 2019 stops at ExcelApi 1.8: the whole refresh still runs there, with
 * print setup skipped (and said so), links one per cell, and no merges or hidden
 * lines read. The double fails any call from a newer set with ApiNotFound.
 */
import * as fs from 'fs';
import * as path from 'path';
import { refresh } from '../../src/core/refresh';
import { successNotice } from '../../src/commands/notice';
import { refreshExcel } from '../../src/workbook/office/shell';
import { readWorkbook as readXlsx } from '../../src/workbook/xlsx';
import { newDouble } from './helpers';
import { a1 } from './double/model';

function sampleReturn(apiVersion: string) {
  const snapshot = readXlsx(new Uint8Array(fs.readFileSync(path.join(__dirname, '..', '..', 'examples/sample-return.xlsx')))).snapshot;
  const x = newDouble({ apiVersion });
  for (const s of snapshot.sheets) {
    x.addSheet(s.name, { rows: s.values, origin: a1(s.origin.row, s.origin.col), numberFormats: s.numberFormats });
    for (const t of s.tables) x.addTable(s.name, t.name, `${a1(t.range.top, t.range.left)}:${a1(t.range.bottom, t.range.right)}`).columns = [...t.columnNames];
  }
  return x;
}

test('a full refresh on ExcelApi 1.8: no newer API called, print setup skipped with a note', async () => {
  const x = sampleReturn('1.8');
  const result = await refreshExcel(x.requestContext, { isSetSupported: x.isSetSupported, refresh, now: '2025-04-01T09:00:00Z', appVersion: '0.1.0' });
  expect(x.stats.perSync.map((s) => s.error)).toEqual([null, null, null]);
  expect(result.degraded.sort()).toEqual(['hiddenRowsColumns', 'merges', 'printSetup']);
  const exceptions = x.exportState().sheets.find((s) => s.name === result.plan.exceptionSheet?.name);
  expect(exceptions?.print.orientation).toBe('Portrait');
  expect(Object.values(exceptions?.cells ?? {}).some((c) => c.hyperlink)).toBe(true);
  expect(successNotice(result).lines).toContain(
    'Print setup was skipped because this version of Excel lacks page layout (ExcelApi 1.9): set landscape and fit to width by hand before printing.',
  );
});

test('the same refresh on a current Excel sets up printing and says nothing about it', async () => {
  const x = sampleReturn('1.17');
  const result = await refreshExcel(x.requestContext, { isSetSupported: x.isSetSupported, refresh, now: '2025-04-01T09:00:00Z', appVersion: '0.1.0' });
  expect(result.degraded).toEqual([]);
  const exceptions = x.exportState().sheets.find((s) => s.name === result.plan.exceptionSheet?.name);
  expect(exceptions?.print.orientation).toBe('Landscape');
});
