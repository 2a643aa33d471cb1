/**
 * The WorkbookHost inside Excel: a thin adapter over the Office shell
 * (src/workbook/office). The only file of the pane that touches Office.js, and only
 * inside its functions: importing it without Office.js loaded is harmless.
 */
import { readExcel, writeExcel, type OfficeRead } from '../workbook/office';
import type { WorkbookSnapshot, WritePlan } from '../core/types';
import { HostError, type WorkbookHost } from './host';

/** What the adapter needs from Office.js (the real globals, or a stand-in in tests). */
export interface OfficeApi {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, minVersion?: string): boolean;
}

/** Office.js as loaded in the page, or null when it is not there (outside Office, offline). */
export function officeApi(): OfficeApi | null {
  const g = globalThis as { Excel?: typeof Excel; Office?: typeof Office };
  if (!g.Excel || typeof g.Excel.run !== 'function' || !g.Office?.context) return null;
  const excel = g.Excel;
  const office = g.Office;
  return {
    run: (batch) => excel.run(batch),
    isSetSupported: (name, minVersion) => office.context.requirements?.isSetSupported(name, minVersion) ?? false,
  };
}

export function createOfficeHost(api: OfficeApi | null = officeApi()): WorkbookHost {
  if (!api) throw new HostError('Office.js is not available.');
  let lastRead: OfficeRead | null = null;

  return {
    kind: 'excel',
    canSelect: true,

    async read(): Promise<WorkbookSnapshot> {
      lastRead = await api.run((context) => readExcel(context, { isSetSupported: (n, v) => api.isSetSupported(n, v) }));
      return lastRead.snapshot;
    },

    async apply(plan: WritePlan): Promise<void> {
      let read = lastRead;
      if (!read) read = await api.run((context) => readExcel(context, { isSetSupported: (n, v) => api.isSetSupported(n, v) }));
      const facts = read;
      await api.run((context) => writeExcel(context, plan, facts));
      lastRead = null;
    },

    async select(sheet: string, cell: string): Promise<void> {
      await api.run(async (context) => {
        const worksheet = context.workbook.worksheets.getItem(sheet);
        worksheet.activate();
        worksheet.getRange(cell).select();
        await context.sync();
      });
    },
  };
}
