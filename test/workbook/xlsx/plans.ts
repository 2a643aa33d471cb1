/**
 * Representative write plans for a workbook, built from its snapshot the way
 * the core would place them: a status block in free cells beside a sheet's
 * used range, a block growing an Excel table when there is one on a sheet that
 * can be written, an exception sheet with a table, links, rules and print
 * titles, and a saved settings document long enough to need several chunks.
 */
import type {
  OwnedBlock,
  SheetSnapshot,
  SheetSpec,
  StatusBlock,
  StatusColumn,
  TextRule,
  WorkbookSnapshot,
  WritePlan,
} from '../../../src/core/types';

export const RAG_RULES: TextRule[] = [
  { match: 'equals', text: 'Red', style: { fill: 'FFC7CE', font: '9C0006', bold: true } },
  { match: 'equals', text: 'Amber', style: { fill: 'FFEB9C', font: '9C5700' } },
  { match: 'equals', text: 'Green', style: { fill: 'C6EFCE', font: '006100' } },
];
export const DIRECTION_RULES: TextRule[] = [
  { match: 'beginsWith', text: '↑', style: { font: '006100' } },
  { match: 'beginsWith', text: '↓', style: { font: '9C0006' } },
];
export const NOTE_RULES: TextRule[] = [{ match: 'contains', text: 'check "this"', style: { fill: 'FFEB9C' } }];

/** Texts that must land as text, exactly (formula-like, markup-like, control characters dropped). */
export const TRICKY_TEXT = ['=HYPERLINK("http://example.com","x")', '<b>&amp; "quoted" \'single\'</b>', 'line one\nline two', '+1-2', '  padded  ', '_x0041_ literal', 'tab\there'];

export function statusColumns(rows: number): StatusColumn[] {
  const rag = ['Red', 'Amber', 'Green', 'Blue', 'No data'];
  const dir = ['↑ Improved', '→ Sustained', '↓ Declined', '– No comparison'];
  return [
    {
      key: 'rag',
      header: 'RAG status',
      values: Array.from({ length: rows }, (_, i) => (i < TRICKY_TEXT.length && i % 3 === 2 ? TRICKY_TEXT[i] : rag[i % rag.length])),
      numberFormat: '@',
      width: 12,
      rules: RAG_RULES,
    },
    {
      key: 'direction',
      header: 'Direction of travel',
      values: Array.from({ length: rows }, (_, i) => dir[i % dir.length]),
      numberFormat: '@',
      width: 18,
      rules: DIRECTION_RULES,
    },
    {
      key: 'variancePercent',
      header: 'Variance %',
      values: Array.from({ length: rows }, (_, i) => (i % 4 === 3 ? null : Math.round((i - 3) * 1234.5) / 100000)),
      numberFormat: '0.0%',
      numberFormats: Array.from({ length: rows }, (_, i) => (i === 1 ? '0.00%' : null)),
      width: 11,
      rules: [],
    },
  ];
}

export function ownedOf(b: StatusBlock, tableOriginalRight: number | null = null): OwnedBlock {
  return {
    sheet: b.sheet,
    tableName: b.tableName,
    tableOriginalRight,
    headerRow: b.headerRow,
    firstDataRow: b.firstDataRow,
    lastDataRow: b.lastDataRow,
    firstCol: b.firstCol,
    keys: b.columns.map((c) => c.key),
    headers: b.columns.map((c) => c.header),
  };
}

/** A block beside the sheet's used range, right of every merge and table on its rows. */
export function besideBlock(s: SheetSnapshot, maxRows = 25, rightOf = -1): StatusBlock {
  const top = s.origin.row;
  const rows = Math.max(1, Math.min(maxRows, s.values.length - 1));
  const bottom = top + rows;
  let right = Math.max(rightOf, s.origin.col + (s.values[0]?.length ?? 1) - 1);
  for (const m of s.merges) if (m.top <= bottom && m.bottom >= top) right = Math.max(right, m.right);
  for (const t of s.tables) if (t.range.top <= bottom && t.range.bottom >= top) right = Math.max(right, t.range.right);
  return {
    sheet: s.name,
    tableName: null,
    headerRow: top,
    firstDataRow: top + 1,
    lastDataRow: bottom,
    firstCol: right + 2,
    columns: statusColumns(rows),
    skipRows: rows > 3 ? [top + 3] : [],
    note: null,
  };
}

/** A block growing a table by its three status columns. */
export function tableBlock(s: SheetSnapshot, tableName: string): StatusBlock {
  const t = s.tables.find((x) => x.name === tableName)!;
  const dataRows = t.range.bottom - t.range.top - t.totalsRowCount;
  return {
    sheet: s.name,
    tableName,
    headerRow: t.range.top,
    firstDataRow: t.range.top + 1,
    lastDataRow: t.range.top + dataRows,
    firstCol: t.range.right + 1,
    columns: statusColumns(dataRows),
    skipRows: [],
    note: null,
  };
}

export const EXCEPTION_NAME = 'RAG Summary';

export function exceptionSheet(target: SheetSnapshot, name = EXCEPTION_NAME): SheetSpec {
  const cells: SheetSpec['cells'] = [
    { row: 0, col: 0, value: 'Exception report', style: 'title' },
    { row: 1, col: 0, value: 'Red and amber measures', style: 'subtitle' },
    { row: 2, col: 0, value: 'Overall', style: 'label' },
    { row: 2, col: 1, value: 'Amber', style: 'normal' },
    { row: 4, col: 0, value: 'Measure', style: 'header' },
    { row: 4, col: 1, value: 'Status', style: 'header' },
    { row: 4, col: 2, value: 'Actual', style: 'header' },
    { row: 4, col: 3, value: 'Commentary', style: 'header' },
  ];
  const measures = [
    ['Calls answered', 'Red', 0.85, 'Staff shortage; recovery plan agreed'],
    ["O'Brien's measure & more", 'Amber', 12, '=SUM(1,2) is not a formula'],
    ['Missed bins', 'Red', 7, ''],
  ] as const;
  measures.forEach((m, i) => {
    cells.push({ row: 5 + i, col: 0, value: m[0], style: 'wrap', link: { sheet: target.name, cell: { row: target.origin.row + 1 + i, col: target.origin.col } } });
    cells.push({ row: 5 + i, col: 1, value: m[1] });
    cells.push({ row: 5 + i, col: 2, value: m[2], numberFormat: i === 0 ? '0%' : '#,##0' });
    cells.push({ row: 5 + i, col: 3, value: m[3] || null, style: 'wrap' });
  });
  cells.push({ row: 9, col: 0, value: 'Generated by RAG Refresh', style: 'note' });
  return {
    name,
    cells,
    columnWidths: [34, 10, 10, 50],
    table: { name: 'RAGExceptions', range: { top: 4, left: 0, bottom: 7, right: 3 }, style: 'TableStyleMedium2' },
    rules: [{ range: { top: 5, left: 1, bottom: 7, right: 1 }, rules: RAG_RULES }],
    print: { orientation: 'landscape', fitToWidth: true, repeatRows: { first: 4, last: 4 } },
    freezeRows: 5,
  };
}

/** A settings document over two chunks, with a character outside the BMP on the chunk boundary. */
export function savedDocument(): string {
  const filler = 'x'.repeat(29999);
  return JSON.stringify({ version: 1, note: `${filler}😀 & <tags> "quotes"`, more: 'é'.repeat(100) });
}

/** The first visible, unprotected sheet with a few rows: where the core would put a block. */
export function writableSheet(s: WorkbookSnapshot): SheetSnapshot | undefined {
  return s.sheets.find((x) => x.visibility === 'visible' && !x.protected && x.values.length >= 3);
}

/**
 * The plan for a workbook. One whose structure is protected (the Towns Fund
 * return) can take status columns but no new sheets: no summary, no settings.
 */
export function representativePlan(
  s: WorkbookSnapshot,
  options: { structureLocked?: boolean } = {},
): { plan: WritePlan; blocks: StatusBlock[]; tableOriginal: Map<string, number> } {
  const target = writableSheet(s);
  const blocks: StatusBlock[] = [];
  const tableOriginal = new Map<string, number>();
  tables: for (const sh of s.sheets) {
    if (sh.protected) continue;
    for (const t of sh.tables) {
      if (t.headerRowCount !== 1) continue;
      blocks.push(tableBlock(sh, t.name));
      tableOriginal.set(t.name, t.range.right);
      break tables;
    }
  }
  if (target) {
    // Beside the used range, and right of a table block on the same sheet.
    const onSheet = blocks.filter((b) => b.sheet === target.name);
    const rightOf = Math.max(-1, ...onSheet.map((b) => b.firstCol + b.columns.length));
    blocks.push(besideBlock(target, 25, rightOf));
  }
  return {
    plan: {
      clear: [],
      statusBlocks: blocks,
      exceptionSheet: options.structureLocked ? null : target ? exceptionSheet(target) : exceptionSheet(s.sheets[0]),
      removeSheets: [],
      savedDocument: options.structureLocked ? null : savedDocument(),
    },
    blocks,
    tableOriginal,
  };
}

/** The same plan on a workbook that already has it: the earlier blocks cleared, the old summary replaced. */
export function rerunPlan(first: WritePlan, tableOriginal: Map<string, number>): WritePlan {
  return {
    ...first,
    clear: first.statusBlocks.map((b) => ownedOf(b, b.tableName ? tableOriginal.get(b.tableName) ?? null : null)),
    removeSheets: first.exceptionSheet ? [first.exceptionSheet.name] : [],
  };
}

/** Clear RAG: everything the add-in wrote goes. */
export function clearPlan(first: WritePlan, tableOriginal: Map<string, number>): WritePlan {
  return {
    clear: first.statusBlocks.map((b) => ownedOf(b, b.tableName ? tableOriginal.get(b.tableName) ?? null : null)),
    statusBlocks: [],
    exceptionSheet: null,
    removeSheets: first.exceptionSheet ? [first.exceptionSheet.name] : [],
    savedDocument: null,
  };
}
