/**
 * The two sheets the add-in creates whole: the exception summary (from a
 * SheetSpec) and the very hidden settings sheet. These parts are the add-in's,
 * so they are written entirely (and replaced entirely on the next refresh).
 */
import {
  CellValue,
  RangeRef,
  SETTINGS_CHUNK,
  SETTINGS_MARKER,
  SheetCellStyle,
  SheetSpec,
} from '../../core/types';
import { MAX_COLS, MAX_ROWS, cellName, rangeName } from './cellref';
import { XlsxError } from './errors';
import { NS } from './opc';
import { cellXml, columnWidth, conditionalFormatXml } from './sheet-patch';
import { FontChange, StyleBook, XfChange } from './styles';
import { encodeColumnName } from './table-edit';
import { escapeAttr } from './xml';
import { chunkText } from '../../core/text-chunks';

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

/** The look of the named cell styles (the Office shell's SHEET_STYLES, in cell formats). */
const STYLE_CHANGES: Record<SheetCellStyle, XfChange> = {
  title: { font: { bold: true, size: 16 } },
  subtitle: { font: { size: 12, color: '404040' } },
  heading: { font: { bold: true, size: 12 } },
  label: { font: { bold: true } },
  note: { font: { italic: true, color: '595959' } },
  header: { font: { bold: true }, wrap: true, vertical: 'top' },
  normal: {},
  wrap: { wrap: true, vertical: 'top' },
  top: { vertical: 'top' },
};

const LINK_FONT: FontChange = { underline: true, color: '0563C1' };

/** A sheet name inside a formula or a link: always quoted, quotes doubled. */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Excel's rules for sheet names. */
export function checkSheetName(name: string): void {
  const bad = (why: string): never => {
    throw new XlsxError('invalid-plan', `"${name}" cannot be a sheet name: ${why}.`);
  };
  if (name.length === 0 || name.length > 31) bad('it must be 1 to 31 characters');
  if (/[:\\/?*[\]]/.test(name)) bad('it must not contain : \\ / ? * [ or ]');
  if (name.startsWith("'") || name.endsWith("'")) bad('it must not begin or end with an apostrophe');
  if (name.toLowerCase() === 'history') bad('Excel keeps "History" for itself');
}

/** Table names as the core makes them (the summary's table may still meet a name the plan did not know). */
export { tableNameFor } from '../../core/names';

export interface ExceptionSheetContext {
  styles: StyleBook;
  /** The main namespace prefix is not used: new parts are written unprefixed. */
  table: { id: number; name: string; relId: string } | null;
  tabSelected: boolean;
}

export interface BuiltSheet {
  xml: string;
  tableXml: string | null;
  /** The print titles reference ("'Sheet'!$5:$5"), or null. */
  printTitles: string | null;
}

function checkCell(row: number, col: number): void {
  if (!Number.isInteger(row) || !Number.isInteger(col) || row < 0 || col < 0 || row >= MAX_ROWS || col >= MAX_COLS) {
    throw new XlsxError('invalid-plan', `The exception sheet has a cell outside the sheet (row ${row}, column ${col}).`);
  }
}

export function buildExceptionSheet(spec: SheetSpec, ctx: ExceptionSheetContext): BuiltSheet {
  const styles = ctx.styles;
  interface Out {
    row: number;
    col: number;
    value: CellValue;
    style: number;
  }
  const cells = new Map<number, Out>();
  const links: { ref: string; location: string; display: string | null }[] = [];
  const styleCache = new Map<string, number>();
  const styleFor = (style: SheetCellStyle | undefined, numFmt: string | undefined, link: boolean): number => {
    const k = `${style ?? 'normal'}|${numFmt ?? ''}|${link ? 1 : 0}`;
    let xf = styleCache.get(k);
    if (xf === undefined) {
      const base = STYLE_CHANGES[style ?? 'normal'] ?? {};
      const change: XfChange = { ...base };
      if (link) change.font = { ...(base.font ?? {}), ...LINK_FONT };
      if (numFmt !== undefined) change.numFmt = numFmt;
      xf = Object.keys(change).length ? styles.xf(0, change) : 0;
      styleCache.set(k, xf);
    }
    return xf;
  };
  for (const c of spec.cells) {
    checkCell(c.row, c.col);
    // Text is formatted as text ("@"), as the Office shell does, so it never reads as a number or formula.
    const numFmt = typeof c.value === 'string' && c.value !== '' ? '@' : c.numberFormat;
    const style = styleFor(c.style, numFmt, !!c.link);
    cells.set(c.row * MAX_COLS + c.col, { row: c.row, col: c.col, value: c.value, style });
    if (c.link) {
      checkCell(c.link.cell.row, c.link.cell.col);
      links.push({
        ref: cellName(c.row, c.col),
        location: `${quoteSheetName(c.link.sheet)}!${cellName(c.link.cell.row, c.link.cell.col)}`,
        display: typeof c.value === 'string' ? c.value : c.value === null ? null : String(c.value),
      });
    }
  }

  // The table: header names must be unique, non-empty text, and the header cells must hold them.
  let tableXml: string | null = null;
  let tableRange: RangeRef | null = null;
  if (spec.table && ctx.table) {
    const r = spec.table.range;
    checkCell(r.top, r.left);
    checkCell(r.bottom, r.right);
    if (r.bottom < r.top || r.right < r.left) throw new XlsxError('invalid-plan', 'The exception table range is upside down.');
    tableRange = { ...r, bottom: Math.max(r.bottom, r.top + 1) };
    const seen = new Set<string>();
    const names: string[] = [];
    for (let c = r.left; c <= r.right; c++) {
      const cell = cells.get(r.top * MAX_COLS + c);
      let name = typeof cell?.value === 'string' && cell.value.trim() !== '' ? cell.value : `Column${c - r.left + 1}`;
      const base = name;
      for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base}${n}`;
      seen.add(name.toLowerCase());
      names.push(name);
      cells.set(r.top * MAX_COLS + c, {
        row: r.top,
        col: c,
        value: name,
        style: cell ? cell.style : styleFor('header', undefined, false),
      });
    }
    const ref = rangeName(tableRange);
    const t = ctx.table;
    tableXml =
      XML_DECLARATION +
      `<table xmlns="${NS.main}" id="${t.id}" name="${escapeAttr(t.name)}" displayName="${escapeAttr(t.name)}" ref="${ref}" totalsRowShown="0">` +
      `<autoFilter ref="${ref}"/>` +
      `<tableColumns count="${names.length}">${names.map((n, i) => `<tableColumn id="${i + 1}" name="${encodeColumnName(n)}"/>`).join('')}</tableColumns>` +
      `<tableStyleInfo name="${escapeAttr(spec.table.style || 'TableStyleMedium2')}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>` +
      `</table>`;
  }

  // Rows.
  const heights = new Map<number, number>();
  for (const h of spec.rowHeights ?? []) if (Number.isFinite(h.height) && h.height > 0) heights.set(h.row, Math.min(409, h.height));
  const sorted = [...cells.values()].sort((a, b) => a.row - b.row || a.col - b.col);
  const rows: string[] = [];
  let box: RangeRef | null = null;
  for (let i = 0; i < sorted.length; ) {
    const row = sorted[i].row;
    let text = '';
    for (; i < sorted.length && sorted[i].row === row; i++) {
      const c = sorted[i];
      if (c.value === null && c.style === 0) continue;
      text += cellXml('', c.row, c.col, c.style, c.value);
      box = box
        ? { top: Math.min(box.top, c.row), bottom: Math.max(box.bottom, c.row), left: Math.min(box.left, c.col), right: Math.max(box.right, c.col) }
        : { top: c.row, bottom: c.row, left: c.col, right: c.col };
    }
    const height = heights.get(row);
    if (text) rows.push(`<row r="${row + 1}"${height !== undefined ? ` ht="${height}" customHeight="1"` : ''}>${text}</row>`);
  }

  const fit = spec.print.fitToWidth;
  const parts: string[] = [];
  parts.push(XML_DECLARATION);
  parts.push(`<worksheet xmlns="${NS.main}" xmlns:r="${NS.r}">`);
  if (fit) parts.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  parts.push(`<dimension ref="${box ? rangeName(box) : 'A1'}"/>`);
  const selected = ctx.tabSelected ? ' tabSelected="1"' : '';
  const freeze = Math.max(0, Math.floor(spec.freezeRows || 0));
  if (freeze > 0) {
    const tl = `A${freeze + 1}`;
    parts.push(
      `<sheetViews><sheetView${selected} workbookViewId="0"><pane ySplit="${freeze}" topLeftCell="${tl}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${tl}" sqref="${tl}"/></sheetView></sheetViews>`,
    );
  } else {
    parts.push(`<sheetViews><sheetView${selected} workbookViewId="0"/></sheetViews>`);
  }
  parts.push('<sheetFormatPr defaultRowHeight="15"/>');
  const widths = spec.columnWidths
    .map((w, i) => ({ w, i }))
    .filter((x) => typeof x.w === 'number' && x.w > 0 && x.i < MAX_COLS)
    .map((x) => `<col min="${x.i + 1}" max="${x.i + 1}" width="${columnWidth(x.w)}" customWidth="1"/>`);
  if (widths.length) parts.push(`<cols>${widths.join('')}</cols>`);
  parts.push(rows.length ? `<sheetData>${rows.join('')}</sheetData>` : '<sheetData/>');
  let priority = 0;
  for (const rule of spec.rules) {
    if (rule.rules.length === 0) continue;
    checkCell(rule.range.top, rule.range.left);
    checkCell(rule.range.bottom, rule.range.right);
    parts.push(conditionalFormatXml('', rule.range, rule.rules, styles, () => ++priority));
  }
  if (links.length) {
    const seenRefs = new Set<string>();
    const items = links
      .filter((l) => (seenRefs.has(l.ref) ? false : (seenRefs.add(l.ref), true)))
      .map(
        (l) =>
          `<hyperlink ref="${l.ref}" location="${escapeAttr(l.location)}"${l.display !== null ? ` display="${escapeAttr(l.display)}"` : ''}/>`,
      );
    parts.push(`<hyperlinks>${items.join('')}</hyperlinks>`);
  }
  parts.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  const orientation = spec.print.orientation === 'portrait' ? 'portrait' : 'landscape';
  parts.push(`<pageSetup orientation="${orientation}"${fit ? ' fitToWidth="1" fitToHeight="0"' : ''}/>`);
  if (tableXml && ctx.table) parts.push(`<tableParts count="1"><tablePart r:id="${ctx.table.relId}"/></tableParts>`);
  parts.push('</worksheet>');

  let printTitles: string | null = null;
  const rr = spec.print.repeatRows;
  if (rr && Number.isInteger(rr.first) && Number.isInteger(rr.last) && rr.first >= 0 && rr.last >= rr.first && rr.last < MAX_ROWS) {
    printTitles = `${quoteSheetName(spec.name)}!$${rr.first + 1}:$${rr.last + 1}`;
  }
  return { xml: parts.join(''), tableXml, printTitles };
}

/** The settings document is cut as the Office shell cuts it (never inside a surrogate pair). */
export { chunkText } from '../../core/text-chunks';

/** The very hidden settings sheet: the marker in A1, the document in A2, A3, ... */
export function buildSettingsSheet(document: string): string {
  const chunks = [SETTINGS_MARKER, ...chunkText(document, SETTINGS_CHUNK)];
  const rows = chunks.map((text, i) => `<row r="${i + 1}">${cellXml('', i, 0, 0, text)}</row>`).join('');
  return (
    XML_DECLARATION +
    `<worksheet xmlns="${NS.main}" xmlns:r="${NS.r}">` +
    `<dimension ref="A1${chunks.length > 1 ? `:A${chunks.length}` : ''}"/>` +
    '<sheetViews><sheetView workbookViewId="0"/></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<sheetData>${rows}</sheetData>` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '</worksheet>'
  );
}
