/**
 * The Office shell on the Excel double, for scripts/bench-office.mjs: round
 * trips, queued operations and request/response bytes of one refresh (read,
 * then write) of a return with `measures` measures — with a hand-written plan
 * (benchOnce), and with the real refresh (benchRefresh: src/core/refresh.ts
 * through refreshExcel, the first refresh of the workbook and the next one).
 */
import { refresh } from '../../../src/core/refresh';
import type { SheetSpec, StatusBlock, StatusColumn, TextRule, WritePlan } from '../../../src/core/types';
import { readExcel, refreshExcel } from '../../../src/workbook/office/shell';
import { applyPlan } from '../../../src/workbook/office/write';
import { ExcelDouble } from '../double/excel-double';

const RULES: TextRule[] = [
  { match: 'equals', text: 'Red', style: { fill: 'F8CBAD', font: '9C0006', bold: true } },
  { match: 'equals', text: 'Amber', style: { fill: 'FFE699', font: '7F6000' } },
  { match: 'equals', text: 'Green', style: { fill: 'C6EFCE', font: '006100' } },
  { match: 'beginsWith', text: 'No data', style: { fill: 'D9D9D9' } },
];
const RAG = ['Green', 'Amber', 'Red', 'Green', 'No data'];

export interface BenchResult {
  measures: number;
  tables: number;
  host: 'desktop' | 'web';
  read: { syncs: number; operations: number; requestBytes: number; responseBytes: number; ms: number };
  write: { syncs: number; operations: number; requestBytes: number; maxRequestBytes: number; ms: number };
}

/** A return: `tables` measure tables (one Excel table among them) sharing `measures` rows, 8 columns each. */
export function buildReturn(x: ExcelDouble, measures: number, tables: number): { name: string; rows: number; excel: boolean }[] {
  const out: { name: string; rows: number; excel: boolean }[] = [];
  for (let t = 0; t < tables; t++) {
    const rows = Math.floor(measures / tables) + (t < measures % tables ? 1 : 0);
    const name = `Directorate ${t + 1}`;
    const data: (string | number | null)[][] = [['Ref', 'Measure', 'Service', 'Actual', 'Target', 'Previous', 'Owner', 'Commentary']];
    for (let i = 0; i < rows; i++) {
      data.push([`D${t + 1}.${i + 1}`, `Percentage of cases completed within timescale (${i + 1})`, `Service ${i % 7}`, 60 + (i % 40), 85, 58 + (i % 41), `Officer ${i % 13}`, i % 4 === 0 ? `Commentary on measure ${i + 1}: action plan in place` : null]);
    }
    x.addSheet(name, { rows: data, numberFormats: data.map((_, i) => (i ? [null, null, null, '0.0', '0.0', '0.0', null, null] : [])) });
    const excel = t === 0 && rows > 0;
    if (excel) x.addTable(name, `Measures${t + 1}`, `A1:H${rows + 1}`);
    out.push({ name, rows, excel });
  }
  return out;
}

function columns(rows: number): StatusColumn[] {
  return [
    { key: 'rag', header: 'RAG status', values: Array.from({ length: rows }, (_, i) => RAG[i % RAG.length]), numberFormat: '@', width: 12, rules: RULES },
    { key: 'direction', header: 'Direction of travel', values: Array.from({ length: rows }, (_, i) => (i % 3 ? '↑ Improved' : '↓ Declined')), numberFormat: '@', width: 18, rules: [] },
    { key: 'forecast', header: 'Forecast', values: Array.from({ length: rows }, (_, i) => (i % 2 ? '☺ Likely' : '~ May')), numberFormat: '@', width: 12, rules: [] },
    { key: 'variancePercent', header: 'Variance %', values: Array.from({ length: rows }, (_, i) => ((i % 40) - 25) / 85), numberFormat: '0.0%', width: 11, rules: [] },
  ];
}

export function planFor(tables: { name: string; rows: number; excel: boolean }[]): WritePlan {
  const blocks: StatusBlock[] = tables
    .filter((t) => t.rows > 0)
    .map((t) => ({ sheet: t.name, tableName: t.excel ? 'Measures1' : null, headerRow: 0, firstDataRow: 1, lastDataRow: t.rows, firstCol: 8, columns: columns(t.rows), skipRows: [], note: null }));
  // The exception sheet: the red and amber measures (two in five), each linked back.
  const cells: SheetSpec['cells'] = [
    { row: 0, col: 0, value: 'RAG exceptions', style: 'title' },
    ...['Ref', 'Measure', 'RAG', 'Actual', 'Target', 'Commentary'].map((h, col) => ({ row: 2, col, value: h, style: 'header' as const })),
  ];
  let row = 3;
  for (const t of tables) {
    for (let i = 0; i < t.rows; i++) {
      const status = RAG[i % RAG.length];
      if (status !== 'Red' && status !== 'Amber') continue;
      cells.push({ row, col: 0, value: `${t.name}.${i + 1}`, numberFormat: '@' });
      cells.push({ row, col: 1, value: `Percentage of cases completed within timescale (${i + 1})`, numberFormat: '@', link: { sheet: t.name, cell: { row: i + 1, col: 1 } } });
      cells.push({ row, col: 2, value: status, numberFormat: '@' });
      cells.push({ row, col: 3, value: 60 + (i % 40), numberFormat: '0.0' });
      cells.push({ row, col: 4, value: 85, numberFormat: '0.0' });
      cells.push({ row, col: 5, value: i % 4 === 0 ? `Commentary on measure ${i + 1}` : null, style: 'wrap' });
      row++;
    }
  }
  const last = Math.max(3, row - 1);
  return {
    clear: [],
    statusBlocks: blocks,
    exceptionSheet: {
      name: 'RAG exceptions',
      cells,
      columnWidths: [10, 50, 10, 10, 10, 60],
      table: { name: 'RAGExceptions', range: { top: 2, left: 0, bottom: last, right: 5 }, style: 'TableStyleLight9' },
      rules: [{ range: { top: 3, left: 2, bottom: last, right: 2 }, rules: RULES }],
      print: { orientation: 'landscape', fitToWidth: true, repeatRows: { first: 2, last: 2 } },
      freezeRows: 3,
    },
    removeSheets: [],
    savedDocument: JSON.stringify({ version: 1, state: { measures: Object.fromEntries(Array.from({ length: Math.min(2000, tables.reduce((n, t) => n + t.rows, 0)) }, (_, i) => [`m${i}`, 'amber'])) } }),
  };
}

export async function benchOnce(measures: number, tables: number, host: 'desktop' | 'web'): Promise<BenchResult> {
  const x = new ExcelDouble({ host });
  const layout = buildReturn(x, measures, tables);
  const plan = planFor(layout);
  const t0 = performance.now();
  // The platform's payload budget, no read hint: a first read.
  const read = await readExcel(x.requestContext, { isSetSupported: x.isSetSupported, office: { platform: x.office.platform } });
  const t1 = performance.now();
  const readStats = x.stats.perSync.slice();
  x.resetStats();
  const t2 = performance.now();
  await applyPlan(x.requestContext, plan, read);
  const t3 = performance.now();
  const writeStats = x.stats.perSync;
  const sum = (list: typeof readStats, k: 'operations' | 'requestBytes' | 'responseBytes') => list.reduce((n, s) => n + s[k], 0);
  return {
    measures,
    tables,
    host,
    read: { syncs: readStats.length, operations: sum(readStats, 'operations'), requestBytes: sum(readStats, 'requestBytes'), responseBytes: sum(readStats, 'responseBytes'), ms: Math.round(t1 - t0) },
    write: {
      syncs: writeStats.length,
      operations: sum(writeStats, 'operations'),
      requestBytes: sum(writeStats, 'requestBytes'),
      maxRequestBytes: Math.max(...writeStats.map((s) => s.requestBytes)),
      ms: Math.round(t3 - t2),
    },
  };
}

export interface RefreshRun {
  syncs: number;
  reads: number;
  writes: number;
  refused: number;
  operations: number;
  requestBytes: number;
  responseBytes: number;
  maxRequestBytes: number;
  readPath: string;
  ms: number;
}

export interface RefreshBench {
  measures: number;
  tables: number;
  host: 'desktop' | 'web';
  /** Status columns and exception rows the real refresh planned. */
  statusBlocks: number;
  exceptionRows: number;
  first: RefreshRun;
  steady: RefreshRun;
}

const NOW = '2025-04-01T09:00:00+01:00';

/** The real Refresh RAG (core refresh through the Office shell) on the double: the first refresh of the return, then the next. */
export async function benchRefresh(measures: number, tables: number, host: 'desktop' | 'web'): Promise<RefreshBench> {
  const x = new ExcelDouble({ host });
  buildReturn(x, measures, tables);
  const run = async (): Promise<{ run: RefreshRun; result: Awaited<ReturnType<typeof refreshExcel>> }> => {
    x.resetStats();
    const t0 = performance.now();
    const result = await refreshExcel(x.requestContext, { isSetSupported: x.isSetSupported, refresh, now: NOW, appVersion: 'bench', office: x.office });
    const ms = Math.round(performance.now() - t0);
    const per = x.stats.perSync;
    const sum = (k: 'operations' | 'requestBytes' | 'responseBytes') => per.reduce((n, s) => n + s[k], 0);
    return {
      result,
      run: {
        syncs: per.length,
        reads: per.filter((s) => s.writes === 0 && !s.error).length,
        writes: per.filter((s) => s.writes > 0 && !s.error).length,
        refused: per.filter((s) => s.error).length,
        operations: sum('operations'),
        requestBytes: sum('requestBytes'),
        responseBytes: sum('responseBytes'),
        maxRequestBytes: Math.max(0, ...per.map((s) => s.requestBytes)),
        readPath: result.read.facts.readPath,
        ms,
      },
    };
  };
  const first = await run();
  // Let the document settings' saveAsync finish, as it would between two clicks.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const steady = await run();
  const plan = steady.result.plan;
  return {
    measures,
    tables,
    host,
    statusBlocks: plan.statusBlocks.length,
    exceptionRows: plan.exceptionSheet ? new Set(plan.exceptionSheet.cells.map((c) => c.row)).size : 0,
    first: first.run,
    steady: steady.run,
  };
}
