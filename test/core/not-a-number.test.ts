/** A cached formula result that is not a number (NaN, INF from a tool) is No data, and says why: never "blank". */
import { refresh } from '../../src/core/refresh';
import { readWorkbook } from '../../src/workbook/xlsx';
import { buildWorkbook, sharedStrings, worksheet } from '../fixtures/xlsx/workbook-builder';

test('an actual saved as NaN is "not a number", not blank', () => {
  const strings = ['Measure', 'Actual', 'Target', 'Visits on time'];
  const xml = worksheet(
    '<sheetData>' +
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' +
      '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2"><f>A9/0</f><v>NaN</v></c><c r="C2"><v>90</v></c></row>' +
      '</sheetData>',
  );
  const book = readWorkbook(buildWorkbook({ sheets: [{ name: 'KPIs', xml }], sharedStrings: sharedStrings(strings.map((t) => `<si><t>${t}</t></si>`)) }));
  const { report } = refresh(book.snapshot, { now: '2026-01-15T09:30:00+00:00', appVersion: 'test' });
  expect(report.skippedSheets).toEqual([]);
  const r = report.results[0]!;
  expect(r.status).toBe('noData');
  expect(r.reason).not.toMatch(/blank/);
  expect(report.issues).toContainEqual(expect.objectContaining({ code: 'not-finite', sheet: 'KPIs', message: expect.stringMatching(/B2 holds a value that is not a number \(NaN\)/) }));
});
