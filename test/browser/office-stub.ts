/**
 * A stand-in for Office.js inside Excel, for the browser tests: Office.onReady
 * reports the Excel host, and Excel.run runs batches against the Excel API test
 * double (test/office/double), holding the workbook given in window.__workbook
 * (a WorkbookSnapshot read from an .xlsx in Node). Bundled with esbuild and served
 * in place of Microsoft's office.js.
 */
import { ExcelDouble } from '../office/double/excel-double';
import { rangeAddress, cellAddress } from '../../src/core/a1';
import type { WorkbookSnapshot } from '../../src/core/types';

interface StubOptions {
  workbook: WorkbookSnapshot;
  /** Office's theme colours (officeTheme), or none. */
  bodyBackgroundColor?: string;
}

const w = window as unknown as { __officeStub: StubOptions; Office: unknown; Excel: unknown; __excelDouble: ExcelDouble; __selected: string[] };
const options = w.__officeStub;
const x = new ExcelDouble();
for (const sheet of options.workbook.sheets) {
  x.addSheet(sheet.name, {
    rows: sheet.values,
    numberFormats: sheet.numberFormats,
    origin: cellAddress(sheet.origin.row, sheet.origin.col),
    visibility: sheet.visibility === 'visible' ? 'Visible' : sheet.visibility === 'hidden' ? 'Hidden' : 'VeryHidden',
  });
  for (const t of sheet.tables) x.addTable(sheet.name, t.name, rangeAddress(t.range));
}
w.__excelDouble = x;
w.__selected = [];

w.Excel = {
  run: <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const context = x.requestContext as unknown as { workbook: { worksheets: { getItem(name: string): unknown } } };
    // the double has no selection: record what the pane selects instead
    const worksheets = context.workbook.worksheets;
    const withSelection = new Proxy(context, {
      get(target, prop, receiver) {
        if (prop !== 'workbook') return Reflect.get(target, prop, receiver);
        return new Proxy(target.workbook, {
          get(wb, p, r) {
            if (p !== 'worksheets') return Reflect.get(wb, p, r);
            return new Proxy(worksheets, {
              get(ws, q, r2) {
                if (q !== 'getItem') return Reflect.get(ws, q, r2);
                return (name: string) => {
                  const sheet = ws.getItem(name) as Record<string, unknown>;
                  return new Proxy(sheet, {
                    get(s, k, r3) {
                      if (k === 'activate') return () => w.__selected.push(`activate ${name}`);
                      if (k === 'getRange')
                        return (address: string) => {
                          const range = (s.getRange as (a: string) => Record<string, unknown>)(address);
                          return new Proxy(range, { get: (rg, kk, r4) => (kk === 'select' ? () => w.__selected.push(`${name}!${address}`) : Reflect.get(rg, kk, r4)) });
                        };
                      return Reflect.get(s, k, r3);
                    },
                  });
                };
              },
            });
          },
        });
      },
    });
    return batch(withSelection as unknown as Excel.RequestContext);
  },
};

w.Office = {
  HostType: { Excel: 'Excel' },
  onReady: () => Promise.resolve({ host: 'Excel', platform: 'OfficeOnline' }),
  context: {
    displayLanguage: 'en-GB',
    requirements: { isSetSupported: (name: string, version?: string) => x.isSetSupported(name, version) },
    ...(options.bodyBackgroundColor ? { officeTheme: { bodyBackgroundColor: options.bodyBackgroundColor } } : {}),
  },
};
