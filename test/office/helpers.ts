/** Workbooks, plans and shortcuts shared by the Office shell tests. */
import type { CellValue, OwnedBlock, RefreshOutcome, RefreshReport, SheetSpec, StatusBlock, StatusColumn, TextRule, WorkbookSnapshot, WritePlan } from '../../src/core/types';
import { SETTINGS_CHUNK, SETTINGS_MARKER, SETTINGS_SHEET_NAME } from '../../src/core/types';
import { chunkText } from '../../src/core/text-chunks';
import { a1 } from './double/model';
import { readExcel } from '../../src/workbook/office/shell';
import type { OfficeRead } from '../../src/workbook/office/read';
import { applyPlan } from '../../src/workbook/office/write';
import { ExcelDouble, type ExcelDoubleOptions } from './double/excel-double';
import { apiSetLookup } from './api-sets';

export function newDouble(options: ExcelDoubleOptions = {}): ExcelDouble {
  const x = new ExcelDouble(options);
  if (options.apiVersion) x.useApiSets(apiSetLookup);
  return x;
}

/**
 * An Excel double holding what a snapshot holds (a file read by the file shell): sheets with
 * their values, formats, visibility, protection, merges, hidden rows and columns, tables, and
 * the settings sheet — so the Office shell can be run on the same workbook as the file shell.
 */
export function doubleFromSnapshot(snapshot: WorkbookSnapshot, options: { apiVersion?: string; workbookProtected?: boolean } = {}): ExcelDouble {
  const x = newDouble(options.apiVersion ? { apiVersion: options.apiVersion } : {});
  for (const s of [...snapshot.sheets].sort((a, b) => a.position - b.position)) {
    const sheet = x.addSheet(s.name, {
      rows: s.values,
      origin: a1(s.origin.row, s.origin.col),
      numberFormats: s.numberFormats,
      visibility: s.visibility === 'veryHidden' ? 'VeryHidden' : s.visibility === 'hidden' ? 'Hidden' : 'Visible',
      protected: s.protected,
    });
    sheet.merges.push(...s.merges.map((m) => ({ ...m })));
    s.hiddenRows.forEach((r) => sheet.hiddenRows.add(r));
    s.hiddenColumns.forEach((c) => sheet.hiddenColumns.add(c));
    for (const t of s.tables) {
      const table = x.addTable(s.name, t.name, `${a1(t.range.top, t.range.left)}:${a1(t.range.bottom, t.range.right)}`, { showTotals: t.totalsRowCount > 0 });
      table.columns = [...t.columnNames];
      table.showHeaders = t.headerRowCount > 0;
    }
  }
  if (snapshot.savedDocument !== null) {
    const rows = [[SETTINGS_MARKER], ...chunkText(snapshot.savedDocument, SETTINGS_CHUNK).map((c) => [c])];
    x.addSheet(SETTINGS_SHEET_NAME, { rows, numberFormats: rows.map(() => ['@']), visibility: 'VeryHidden' });
  }
  if (options.workbookProtected) x.model.protected = true;
  return x;
}

/** A workbook whose measure sheet "Big" has `rows` rows (60,000 pass Excel on the web's 5 MB response), beside a small one. */
export function bigReturn(host: 'web' | 'desktop', rows: number): ExcelDouble {
  const x = newDouble({ host });
  const data: (string | number)[][] = [['Ref', 'Measure', 'Actual', 'Target', 'Commentary']];
  for (let i = 0; i < rows; i++) data.push([`PI${i}`, `Percentage of cases closed within the agreed timescale ${i}`, i % 97, 90, i % 3 ? '' : `Commentary for ${i}`]);
  x.addSheet('Big', { rows: data });
  x.addSheet('Small', { rows: [['a', 1]] });
  return x;
}

export const RAG_RULES: TextRule[] = [
  { match: 'equals', text: 'Red', style: { fill: 'F8CBAD', font: '9C0006', bold: true } },
  { match: 'equals', text: 'Amber', style: { fill: 'FFE699', font: '7F6000' } },
  { match: 'equals', text: 'Green', style: { fill: 'C6EFCE', font: '006100' } },
  { match: 'beginsWith', text: 'No data', style: { fill: 'D9D9D9', font: '404040' } },
];

/** A return with a plain measure table (Measures!A1:D{n+1}) and an Excel table (Scorecard, table "KPIs"). */
export function councilReturn(x: ExcelDouble, measures = 4): ExcelDouble {
  const rows: (string | number | null)[][] = [['Ref', 'Measure', 'Actual', 'Target']];
  for (let i = 0; i < measures; i++) rows.push([`PI${i + 1}`, `% of things done on time ${i + 1}`, 0.8 + (i % 5) / 100, 0.85]);
  x.addSheet('Measures', { rows, numberFormats: rows.map((_, i) => (i === 0 ? [] : [null, null, '0%', '0%'])) });
  const kpi: (string | number | null)[][] = [['Ref', 'Indicator', 'Q1', 'Q2', 'Target']];
  for (let i = 0; i < 3; i++) kpi.push([`K${i + 1}`, `Indicator ${i + 1}`, 10 + i, 12 + i, 12]);
  x.addSheet('Scorecard', { rows: kpi });
  x.addTable('Scorecard', 'KPIs', `A1:E${kpi.length}`);
  return x;
}

/** Reads through the shell as the add-in does, with the double's Office.context (document settings, platform). */
export async function readDouble(x: ExcelDouble): Promise<OfficeRead> {
  return readExcel(x.requestContext, { isSetSupported: x.isSetSupported, office: x.office });
}

/** Reads, then applies the plan made from the read. */
export async function readAndApply(x: ExcelDouble, makePlan: (read: OfficeRead) => WritePlan, budgetBytes?: number) {
  const read = await readDouble(x);
  const before = x.stats.syncs;
  const result = await applyPlan(x.requestContext, makePlan(read), read, { budgetBytes });
  return { read, result, writeSyncs: x.stats.syncs - before };
}

export function column(key: StatusColumn['key'], header: string, values: CellValue[], extra: Partial<StatusColumn> = {}): StatusColumn {
  return { key, header, values, numberFormat: '@', width: 12, rules: key === 'rag' ? RAG_RULES : [], ...extra };
}

export function ragValues(n: number): CellValue[] {
  const cycle = ['Green', 'Amber', 'Red', 'No data'];
  return Array.from({ length: n }, (_, i) => cycle[i % cycle.length]);
}

/** Status columns beside the plain table on Measures (E onwards). */
export function plainBlock(measures: number, columns?: StatusColumn[]): StatusBlock {
  return {
    sheet: 'Measures',
    tableName: null,
    headerRow: 0,
    firstDataRow: 1,
    lastDataRow: measures,
    firstCol: 4,
    columns: columns ?? [
      column('rag', 'RAG status', ragValues(measures)),
      column('direction', 'Direction of travel', Array.from({ length: measures }, () => '↑ Improved')),
    ],
    skipRows: [],
    note: null,
  };
}

/** Status columns added to the KPIs table (F onwards). */
export function tableBlock(columns?: StatusColumn[]): StatusBlock {
  return {
    sheet: 'Scorecard',
    tableName: 'KPIs',
    headerRow: 0,
    firstDataRow: 1,
    lastDataRow: 3,
    firstCol: 5,
    columns: columns ?? [column('rag', 'RAG status', ['Green', 'Red', 'Amber'])],
    skipRows: [],
    note: null,
  };
}

export function owned(block: StatusBlock, tableOriginalRight: number | null = null): OwnedBlock {
  return {
    sheet: block.sheet,
    tableName: block.tableName,
    tableOriginalRight,
    headerRow: block.headerRow,
    firstDataRow: block.firstDataRow,
    lastDataRow: block.lastDataRow,
    firstCol: block.firstCol,
    keys: block.columns.map((c) => c.key),
    headers: block.columns.map((c) => c.header),
  };
}

export function exceptionSheet(rows: { ref: string; name: string; status: string; commentary: string; sheet: string; row: number }[]): SheetSpec {
  const cells: SheetSpec['cells'] = [
    { row: 0, col: 0, value: 'Exception report', style: 'title' },
    { row: 1, col: 0, value: 'Refreshed 1 April 2025', style: 'subtitle' },
    { row: 3, col: 0, value: 'Ref', style: 'header' },
    { row: 3, col: 1, value: 'Measure', style: 'header' },
    { row: 3, col: 2, value: 'RAG', style: 'header' },
    { row: 3, col: 3, value: 'Commentary', style: 'header' },
  ];
  rows.forEach((r, i) => {
    cells.push({ row: 4 + i, col: 0, value: r.ref, numberFormat: '@' });
    cells.push({ row: 4 + i, col: 1, value: r.name, numberFormat: '@', link: { sheet: r.sheet, cell: { row: r.row, col: 1 } } });
    cells.push({ row: 4 + i, col: 2, value: r.status, numberFormat: '@' });
    cells.push({ row: 4 + i, col: 3, value: r.commentary, numberFormat: '@', style: 'wrap' });
  });
  return {
    name: 'RAG exceptions',
    cells,
    columnWidths: [10, 40, 10, 60],
    table: { name: 'RAGExceptions', range: { top: 3, left: 0, bottom: 3 + Math.max(1, rows.length), right: 3 }, style: 'TableStyleLight9' },
    rules: [{ range: { top: 4, left: 2, bottom: 3 + Math.max(1, rows.length), right: 2 }, rules: RAG_RULES }],
    print: { orientation: 'landscape', fitToWidth: true, repeatRows: { first: 3, last: 3 } },
    freezeRows: 4,
  };
}

export function emptyPlan(overrides: Partial<WritePlan> = {}): WritePlan {
  return { clear: [], statusBlocks: [], exceptionSheet: null, removeSheets: [], savedDocument: null, ...overrides };
}

export function report(overrides: Partial<RefreshReport> = {}): RefreshReport {
  const counts = { blue: 0, green: 1, amber: 1, red: 1, noData: 1, noTarget: 0, checkData: 0 };
  const figures = {
    label: 'All measures',
    measures: 4,
    counts,
    withTarget: 4,
    metTarget: { count: 1, percent: 25 },
    offTarget: { count: 2, percent: 50 },
    offByMoreThanTolerance: { count: 1, percent: 25 },
    noData: { count: 1, percent: 25 },
    overall: 'amber' as const,
    overallReason: 'mean score 2',
  };
  return {
    refreshedAt: '2025-04-01T09:00:00.000Z',
    tables: [],
    skippedSheets: [],
    results: [],
    summary: { whole: figures, byDirectorate: [], byTable: [] },
    issues: [],
    changes: [],
    configErrors: [],
    ...overrides,
  };
}

export function refreshWith(plan: WritePlan, overrides: Partial<RefreshReport> = {}) {
  const calls: { now: string; appVersion: string }[] = [];
  const refresh = (_s: unknown, o: { now: string; appVersion: string }): RefreshOutcome => {
    calls.push(o);
    return { plan, report: report(overrides) };
  };
  return { refresh, calls };
}

