/**
 * The exception summary sheet: headline figures, the overall RAG, figures by group,
 * what changed since the last refresh, then the red and amber measures (an Excel table,
 * grouped by directorate, each linking back to its row), then data-quality issues.
 * Print-ready: landscape, fit to width, the table's header row repeated on every page.
 */
import { fmt, messages } from '../messages';
import type {
  CellValue,
  Issue,
  MeasureResult,
  SheetCell,
  SheetCellStyle,
  SheetSpec,
  Status,
  StatusColumnKey,
  Summary,
  SummaryFigures,
  TextRule,
} from '../types';
import { rulesFor, statusRules } from './palette';
import { figureDecimals, plainFormat, VARIANCE_PERCENT_FORMAT, varianceFormat } from './statusColumns';

export type GroupBy = 'directorate' | 'service' | 'priority' | 'table';

export interface ExceptionSheetInput {
  name: string;
  tableName: string;
  results: MeasureResult[];
  summary: Summary;
  /** Figures by the chosen group (directorate by default). */
  groups: SummaryFigures[];
  groupBy: GroupBy;
  tableCount: number;
  issues: Issue[];
  now: string;
  fileName?: string;
  /** Time of the previous refresh, when there was one (for "changes since"). */
  previousRefresh: string | null;
  /** Include the statistical trend columns. */
  spc: boolean;
  /** The column a measure's link points at (its name cell). */
  linkColumn: (r: MeasureResult) => number;
}

/** "2026-11-23T18:50:00+00:00" -> "23 November 2026 at 18:50", read from the text itself (no time-zone conversion). */
export function formatWhen(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const w = messages.plan.when;
  const date = fmt(w.date, { day: Number(m[3]), month: w.months[Number(m[2]) - 1] ?? m[2]!, year: m[1]! });
  return m[4] ? fmt(w.dateTime, { date, hour: m[4], minute: m[5]! }) : date;
}

export function groupOf(r: MeasureResult, groupBy: GroupBy): string | null {
  const m = r.measure;
  switch (groupBy) {
    case 'directorate':
      // A return often keeps one sheet per directorate: the sheet is the group when no column says.
      return m.directorate ?? m.service ?? m.priority ?? m.sheet;
    case 'service':
      return m.service ?? m.directorate;
    case 'priority':
      return m.priority ?? m.directorate;
    case 'table':
      return m.sheet;
  }
}

/**
 * a.localeCompare(b, locale, options) is defined as new Intl.Collator(locale, options).compare(a, b);
 * making the collator once per sort instead of once per comparison gives the same order.
 */
let textCollator: Intl.Collator | null = null;
let numberedCollator: Intl.Collator | null = null;
const byText = (): Intl.Collator => (textCollator ??= new Intl.Collator('en-GB'));
const byNumberedText = (): Intl.Collator => (numberedCollator ??= new Intl.Collator('en-GB', { numeric: true }));

const STATUS_ORDER: Record<Status, number> = { red: 0, amber: 1, checkData: 2, noData: 3, green: 4, blue: 5, noTarget: 6 };

/** A value in the exception table: percentages as fractions formatted %, so Excel shows 92.0%. */
function figure(r: MeasureResult, n: number | null): { value: CellValue; numberFormat?: string } {
  if (n === null) return { value: null };
  if (r.scale === 'percent') return { value: n / 100, numberFormat: '0.0%' };
  return { value: n, numberFormat: plainFormat(figureDecimals(r)) };
}

/** A summary percentage (0-100) as a cell: the fraction, formatted %. */
function pct(p: number | null): { value: CellValue; numberFormat?: string } {
  return p === null ? { value: '–' } : { value: p / 100, numberFormat: '0%' };
}

export function buildExceptionSheet(input: ExceptionSheetInput): SheetSpec {
  const t = messages.plan.exceptions;
  const c = messages.common;
  const cells: SheetCell[] = [];
  const rules: SheetSpec['rules'] = [];
  let row = 0;
  const put = (r: number, col: number, value: CellValue, style?: SheetCellStyle, numberFormat?: string): SheetCell => {
    // the same properties in the same order as setting style and numberFormat one by one, made in one go
    const cell: SheetCell = style
      ? numberFormat
        ? { row: r, col, value, style, numberFormat }
        : { row: r, col, value, style }
      : numberFormat
        ? { row: r, col, value, numberFormat }
        : { row: r, col, value };
    cells.push(cell);
    return cell;
  };
  /** put(figure(r, n)) without the intermediate object. */
  const putFigure = (at: number, col: number, r: MeasureResult, n: number | null): void => {
    if (n === null) put(at, col, null, 'top');
    else if (r.scale === 'percent') put(at, col, n / 100, 'top', '0.0%');
    else put(at, col, n, 'top', plainFormat(figureDecimals(r)));
  };
  const whole = input.summary.whole;

  put(row++, 0, t.title, 'title');
  put(
    row++,
    0,
    fmt(t.subtitle, {
      date: formatWhen(input.now),
      file: input.fileName ? fmt(t.fileSuffix, { file: input.fileName }) : '',
      measures: whole.measures,
      tables: input.tableCount,
      overall: c.overall[whole.overall],
    }),
    'subtitle',
  );
  row++;

  // Headline figures
  put(row++, 0, t.headline, 'heading');
  put(row, 0, t.figure, 'header');
  put(row, 1, t.count, 'header');
  put(row, 2, t.percent, 'header');
  row++;
  const headline: [string, { count: number; percent: number | null }][] = [
    [t.metTarget, whole.metTarget],
    [t.offTarget, whole.offTarget],
    [t.offByMore, whole.offByMoreThanTolerance],
    [t.noData, whole.noData],
  ];
  for (const [label, f] of headline) {
    put(row, 0, label, 'label');
    put(row, 1, f.count, 'normal', '0');
    const p = pct(f.percent);
    put(row, 2, p.value, 'normal', p.numberFormat);
    row++;
  }
  put(row, 0, t.noTarget, 'label');
  put(row, 1, whole.counts.noTarget, 'normal', '0');
  row++;
  if (input.spc) {
    put(row, 0, t.specialCauseConcern, 'label');
    put(row, 1, whole.specialCauseConcern ?? 0, 'normal', '0');
    row++;
    put(row, 0, t.consistentlyFailing, 'label');
    put(row, 1, whole.consistentlyFailing ?? 0, 'normal', '0');
    row++;
  }
  put(row, 0, t.overall, 'label');
  put(row, 1, c.overall[whole.overall], 'normal');
  rules.push({ range: { top: row, bottom: row, left: 1, right: 1 }, rules: statusRules() });
  put(row, 2, whole.overallReason, 'note');
  row++;
  put(row++, 0, fmt(t.headlineNote, { withTarget: whole.withTarget }), 'note');
  row++;

  // By group
  if (input.groups.length > 0) {
    put(row++, 0, fmt(t.byGroup, { group: t.groupNames[input.groupBy] }), 'heading');
    const g = t.groupColumns;
    [g.group, g.measures, g.met, g.off, g.red, g.noData, g.overall].forEach((h, i) => put(row, i, h, 'header'));
    row++;
    const first = row;
    for (const f of input.groups) {
      put(row, 0, f.label, 'normal');
      put(row, 1, f.measures, 'normal', '0');
      put(row, 2, f.metTarget.count, 'normal', '0');
      put(row, 3, f.offTarget.count, 'normal', '0');
      put(row, 4, f.offByMoreThanTolerance.count, 'normal', '0');
      put(row, 5, f.noData.count, 'normal', '0');
      put(row, 6, c.overall[f.overall], 'normal');
      row++;
    }
    rules.push({ range: { top: first, bottom: row - 1, left: 6, right: 6 }, rules: statusRules() });
    row++;
  }

  // Changes since the last refresh
  const changed = input.results.filter((r) => r.change !== null && r.change.from !== null);
  if (input.previousRefresh !== null) {
    if (changed.length === 0) {
      put(row++, 0, fmt(t.noChanges, { date: formatWhen(input.previousRefresh) }), 'note');
    } else {
      put(row++, 0, fmt(t.changes, { date: formatWhen(input.previousRefresh) }), 'heading');
      for (const r of changed) {
        const label = r.measure.ref ? `${r.measure.ref} ${r.measure.name}` : r.measure.name;
        put(row, 0, label, 'normal');
        put(row, 2, r.change!.text, 'normal');
        row++;
      }
    }
    row++;
  }

  // The exceptions
  // each exception's group and name looked up once, not at every comparison (the order is the same)
  const sortable: { r: MeasureResult; group: string; name: string }[] = [];
  for (const r of input.results) {
    if (r.status === 'red' || r.status === 'amber') sortable.push({ r, group: groupOf(r, input.groupBy) ?? '\uffff', name: r.measure.ref ?? r.measure.name });
  }
  const textOrder = byText();
  const numberedOrder = byNumberedText();
  sortable.sort((a, b) => {
    if (a.group !== b.group) return textOrder.compare(a.group, b.group);
    if (a.r.status !== b.r.status) return STATUS_ORDER[a.r.status] - STATUS_ORDER[b.r.status];
    return numberedOrder.compare(a.name, b.name);
  });
  const exceptions = sortable.map((x) => x.r);
  put(row++, 0, fmt(t.exceptionsHeading, { count: exceptions.length }), 'heading');
  const cols = t.columns;
  type Col = { key: string; header: string; width: number; textKey?: StatusColumnKey };
  const tableCols: Col[] = [
    { key: 'group', header: groupHeader(input.groupBy), width: 18 },
    { key: 'ref', header: cols.ref, width: 8 },
    { key: 'measure', header: cols.measure, width: 34 },
    { key: 'status', header: cols.status, width: 10, textKey: 'rag' },
    { key: 'actual', header: cols.actual, width: 10 },
    { key: 'target', header: cols.target, width: 10 },
    { key: 'variance', header: cols.variance, width: 10 },
    { key: 'variancePercent', header: cols.variancePercent, width: 10 },
    { key: 'direction', header: cols.direction, width: 15, textKey: 'direction' },
    { key: 'forecast', header: cols.forecast, width: 12, textKey: 'forecast' },
    ...(input.spc
      ? [
          { key: 'variation', header: cols.variation, width: 24, textKey: 'variation' as const },
          { key: 'assurance', header: cols.assurance, width: 20, textKey: 'assurance' as const },
        ]
      : []),
    { key: 'owner', header: cols.owner, width: 16 },
    { key: 'commentary', header: cols.commentary, width: 46 },
    { key: 'reason', header: cols.reason, width: 38 },
    { key: 'change', header: cols.change, width: 16 },
  ];
  let table: SheetSpec['table'] = null;
  let repeatRows: SheetSpec['print']['repeatRows'] = null;
  if (exceptions.length === 0) {
    put(row++, 0, t.noExceptions, 'note');
  } else {
    const headerRow = row;
    tableCols.forEach((col, i) => put(row, i, col.header, 'header'));
    row++;
    const ungrouped = fmt(t.ungrouped, { group: t.groupNames[input.groupBy] });
    for (const r of exceptions) {
      const m = r.measure;
      for (let i = 0; i < tableCols.length; i++) {
        const col = tableCols[i]!;
        switch (col.key) {
          case 'group':
            put(row, i, groupOf(r, input.groupBy) ?? ungrouped, 'wrap');
            break;
          case 'ref':
            put(row, i, m.ref ?? '', 'top', '@');
            break;
          case 'measure': {
            const cell = put(row, i, m.name, 'wrap', '@');
            cell.link = { sheet: m.sheet, cell: { row: m.row, col: input.linkColumn(r) } };
            break;
          }
          case 'status':
            put(row, i, c.status[r.status], 'top');
            break;
          case 'actual':
            putFigure(row, i, r, r.actual);
            break;
          case 'target': {
            if (r.targetRange) {
              const lo = figure(r, r.targetRange.low);
              const hi = figure(r, r.targetRange.high);
              const show = (x: { value: CellValue }) =>
                r.scale === 'percent' ? `${Math.round(Number(x.value) * 1000) / 10}%` : String(x.value);
              put(row, i, `${show(lo)}–${show(hi)}`, 'top', '@');
            } else {
              putFigure(row, i, r, r.target);
            }
            break;
          }
          case 'variance':
            put(row, i, r.variance, 'top', varianceFormat(r));
            break;
          case 'variancePercent':
            put(row, i, r.variancePercent, 'top', VARIANCE_PERCENT_FORMAT);
            break;
          case 'direction':
            put(row, i, c.direction[r.direction], 'top');
            break;
          case 'forecast':
            put(row, i, c.forecast[r.forecast], 'top');
            break;
          case 'variation':
            put(row, i, r.spc?.text.variation ?? '', 'wrap');
            break;
          case 'assurance':
            put(row, i, r.spc?.text.assurance ?? '', 'wrap');
            break;
          case 'owner':
            put(row, i, m.owner ?? '', 'wrap', '@');
            break;
          case 'commentary':
            put(row, i, r.commentaryMissing ? `⚠ ${t.commentaryMissing}` : (m.commentary ?? ''), 'wrap', '@');
            break;
          case 'reason':
            put(row, i, r.reason, 'wrap', '@');
            break;
          case 'change':
            put(row, i, r.change?.text ?? '', 'wrap');
            break;
        }
      }
      row++;
    }
    const last = row - 1;
    table = { name: input.tableName, range: { top: headerRow, left: 0, bottom: last, right: tableCols.length - 1 }, style: 'TableStyleLight1' };
    repeatRows = { first: headerRow, last: headerRow };
    tableCols.forEach((col, i) => {
      if (!col.textKey) return;
      const rs: TextRule[] = col.textKey === 'rag' ? statusRules() : rulesFor(col.textKey);
      rules.push({ range: { top: headerRow + 1, bottom: last, left: i, right: i }, rules: rs });
    });
    rules.push({
      range: { top: headerRow + 1, bottom: last, left: tableCols.findIndex((x) => x.key === 'commentary'), right: tableCols.findIndex((x) => x.key === 'commentary') },
      rules: [{ match: 'beginsWith', text: '⚠', style: { fill: 'FBD9C4', font: '7A2E00', bold: true } }],
    });
  }
  row++;

  // Data-quality issues
  const dq = input.issues.filter((i) => i.severity !== 'info');
  if (dq.length > 0) {
    put(row++, 0, fmt(t.dataQuality, { count: dq.length }), 'heading');
    const h = messages.plan.issues;
    put(row, 0, h.sheet, 'header');
    put(row, 1, h.cell, 'header');
    put(row, 2, h.issue, 'header');
    row++;
    for (const issue of dq) {
      put(row, 0, issue.sheet, 'top', '@');
      put(row, 1, issue.cell, 'top', '@');
      put(row, 2, issue.message, 'wrap', '@');
      row++;
    }
  }

  const widths = tableCols.map((c2) => c2.width);
  widths[0] = Math.max(widths[0] ?? 0, 40);
  return {
    name: input.name,
    cells,
    columnWidths: widths,
    rowHeights: wrappedRowHeights(cells, widths),
    table,
    rules,
    print: { orientation: 'landscape', fitToWidth: true, repeatRows },
    freezeRows: 0,
  };
}

function groupHeader(groupBy: GroupBy): string {
  const names = messages.plan.exceptions.groupNames;
  const n = names[groupBy];
  return n.charAt(0).toUpperCase() + n.slice(1);
}

/** Points per line of 11-point text, as Excel's default row height. */
export const LINE_HEIGHT = 15;

/**
 * The lines a text takes when wrapped at a column of `width` characters (Excel's unit:
 * the width of a digit in the default font): words are kept whole where they fit, as
 * Excel wraps them; a word longer than a line is broken. Bold text is a little wider.
 */
export function wrappedLines(text: string, width: number, bold = false): number {
  const perLine = Math.max(1, Math.floor(width * (bold ? 1.0 : 1.1)));
  if (text.length <= perLine && !text.includes('\n')) return 1;
  let lines = 0;
  for (const paragraph of text.split(/\r?\n/)) {
    let used = 0;
    lines++;
    for (const word of paragraph.split(' ')) {
      if (word === '') continue;
      let len = word.length;
      if (used > 0 && used + 1 + len <= perLine) {
        used += 1 + len;
        continue;
      }
      if (used > 0) lines++;
      while (len > perLine) {
        lines++;
        len -= perLine;
      }
      used = len;
    }
  }
  return lines;
}

/** The heights of the rows whose wrapped cells need more than one line. */
export function wrappedRowHeights(cells: readonly SheetCell[], widths: readonly number[]): { row: number; height: number }[] {
  const lines = new Map<number, number>();
  for (const cell of cells) {
    if ((cell.style !== 'wrap' && cell.style !== 'header') || typeof cell.value !== 'string' || cell.value === '') continue;
    const n = wrappedLines(cell.value, widths[cell.col] ?? 8.43, cell.style === 'header');
    if (n > (lines.get(cell.row) ?? 1)) lines.set(cell.row, n);
  }
  return [...lines].sort((a, b) => a[0] - b[0]).map(([row, n]) => ({ row, height: n * LINE_HEIGHT }));
}
