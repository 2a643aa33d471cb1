/**
 * Patching a user's worksheet: clear the add-in's earlier status blocks, write
 * the new ones. The part is edited as text; every byte outside the spans the
 * add-in inserts or removes stays as it was.
 *
 * What the add-in owns on a user's sheet, and how it recognises it again:
 *  - cells: every cell holding a value inside an OwnedBlock's rectangle (header
 *    row to last data row, first to last status column). The core remembers
 *    these blocks in the saved settings document and passes them in
 *    `plan.clear`. A block is only written where the whole rectangle holds no
 *    value (skip rows included), so a clear never removes a value that was there
 *    before the add-in. Blank cells that only carry formatting (a template's
 *    borders and fills) are left where they are, and the add-in writes no blank
 *    cells of its own (a null status value is no cell at all).
 *  - conditional formats: a <conditionalFormatting> element whose every sqref
 *    range lies inside an owned rectangle. The add-in writes one per status
 *    column, over exactly that column's data rows. A user's format that only
 *    overlaps the block (a whole-sheet rule, say) is not the add-in's and stays.
 *  - rows: a <row> the clear leaves without cells is removed only when it has no
 *    attribute but r, spans and x14ac:dyDescent (a row the add-in created, or
 *    one that means nothing without cells).
 *  - table columns: an Excel table grown by a block is shrunk back to the
 *    block's `tableOriginalRight`.
 * Column widths are added only for columns that have no <col> yet, and never
 * removed: a <col> the add-in wrote cannot be told from one a user wrote with
 * the same attributes, so the width stays after Clear (the column is empty).
 *
 * One thing a clear cannot give back: when a status value was written into a
 * blank cell that carried formatting, the value's cell keeps that formatting
 * (with the status number format) while it is there; clearing removes the cell,
 * and the blank's own formatting with it, because nothing records what it was.
 *
 * Derived data that is updated rather than only inserted: the <dimension> ref
 * (widened to cover new cells, never narrowed) and a row's `spans` hint
 * (widened when cells are added to it). Both are optimisation hints Excel
 * recomputes on save.
 */
import type { CellValue, OwnedBlock, RangeRef, StatusBlock, TextRule } from '../../core/types';
import { EXCEL_CELL_TEXT_LIMIT } from '../../core/types';
import { MAX_COLS, MAX_ROWS, cellName, inRange, parseRange, rangeContains, rangeName } from './cellref';
import { XlsxError } from './errors';
import type { TablePart } from './read';
import { CellSpan, RowSpan, SheetIndex, indexSheet, insertionPoint } from './sheet-index';
import { StyleBook } from './styles';
import { TableEditor } from './table-edit';
import { Edit, Tok, XmlScanner, applyEdits, decodeXstring, encodeXstring, escapeAttr, escapeText, setAttrEdit } from './xml';
import { readStringItem } from './package';

export interface SheetTable {
  info: TablePart;
  xml: string;
}

export interface SheetPatchContext {
  sheetName: string;
  styles: StyleBook;
  sharedStrings: string[];
  /** The Excel tables on this sheet. */
  tables: SheetTable[];
}

export interface SheetPatchResult {
  /** The patched part (the original string when nothing changed). */
  xml: string;
  /** Table parts that changed: path → new text. */
  tables: Map<string, string>;
}

/** Excel's column width for `chars` characters of the default font (Calibri 11: 7 px digits, 5 px padding). */
export function columnWidth(chars: number): number {
  return Math.trunc(((Math.max(0, chars) * 7 + 5) / 7) * 256) / 256;
}

const BARE_ROW_ATTRS = new Set(['r', 'spans']);

function isBareRow(row: RowSpan): boolean {
  return row.attrNames.every((n) => BARE_ROW_ATTRS.has(n) || n.endsWith(':dyDescent'));
}

function truncateText(s: string): string {
  if (s.length <= EXCEL_CELL_TEXT_LIMIT) return s;
  let end = EXCEL_CELL_TEXT_LIMIT;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return s.slice(0, end);
}

export function numberText(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}

/** One cell's XML as the add-in writes it. Text is always an inline string: never a formula. */
export function cellXml(p: string, row: number, col: number, style: number, value: CellValue): string {
  const r = cellName(row, col);
  const s = style ? ` s="${style}"` : '';
  if (value === null || value === undefined) return `<${p}c r="${r}"${s}/>`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return `<${p}c r="${r}"${s} t="e"><${p}v>#NUM!</${p}v></${p}c>`;
    return `<${p}c r="${r}"${s}><${p}v>${numberText(value)}</${p}v></${p}c>`;
  }
  if (typeof value === 'boolean') return `<${p}c r="${r}"${s} t="b"><${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
  const text = escapeText(encodeXstring(truncateText(String(value))));
  return `<${p}c r="${r}"${s} t="inlineStr"><${p}is><${p}t xml:space="preserve">${text}</${p}t></${p}is></${p}c>`;
}

/** A formula string literal: "Red" with inner quotes doubled. */
function formulaString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** One <cfRule> for a text rule over a range whose top-left cell is `topLeft`. */
export function cfRuleXml(p: string, rule: TextRule, dxfId: number, priority: number, topLeft: string): string {
  const lit = formulaString(rule.text);
  switch (rule.match) {
    case 'equals':
      return `<${p}cfRule type="cellIs" dxfId="${dxfId}" priority="${priority}" operator="equal"><${p}formula>${escapeText(lit)}</${p}formula></${p}cfRule>`;
    case 'beginsWith':
      return `<${p}cfRule type="beginsWith" dxfId="${dxfId}" priority="${priority}" operator="beginsWith" text="${escapeAttr(rule.text)}"><${p}formula>${escapeText(`LEFT(${topLeft},LEN(${lit}))=${lit}`)}</${p}formula></${p}cfRule>`;
    case 'contains':
      return `<${p}cfRule type="containsText" dxfId="${dxfId}" priority="${priority}" operator="containsText" text="${escapeAttr(rule.text)}"><${p}formula>${escapeText(`NOT(ISERROR(SEARCH(${lit},${topLeft})))`)}</${p}formula></${p}cfRule>`;
    default:
      throw new XlsxError('invalid-plan', `Unknown text rule "${(rule as TextRule).match}".`);
  }
}

/** Conditional formats for text rules over one range; priorities from `nextPriority()`. */
export function conditionalFormatXml(
  p: string,
  range: RangeRef,
  rules: TextRule[],
  styles: StyleBook,
  nextPriority: () => number,
): string {
  if (rules.length === 0) return '';
  const topLeft = cellName(range.top, range.left);
  const body = rules.map((rule) => cfRuleXml(p, rule, styles.dxf(rule.style), nextPriority(), topLeft)).join('');
  return `<${p}conditionalFormatting sqref="${rangeName(range)}">${body}</${p}conditionalFormatting>`;
}

/** What a cell holds, as text (a formula without a result as "=formula"). */
function cellText(xml: string, cell: CellSpan, sharedStrings: string[]): string {
  const sc = new XmlScanner(xml.slice(cell.start, cell.end));
  sc.next();
  const type = sc.attr('t') ?? 'n';
  let v: string | null = null;
  let f: string | null = null;
  let inline: string | null = null;
  for (let t = sc.next(); t !== Tok.Eof; t = sc.next()) {
    if (t !== Tok.Start || sc.selfClosing) continue;
    const local = sc.local as string;
    if (local === 'v' || local === 'f') {
      let text = '';
      for (let u = sc.next(); u === Tok.Text || u === Tok.CData; u = sc.next()) text += sc.text();
      if (local === 'v') v = text;
      else f = text;
    } else if (local === 'is') {
      inline = readStringItem(sc);
    }
  }
  let shown: string;
  if (inline !== null) shown = inline;
  else if (type === 's' && v !== null) shown = sharedStrings[Number(v)] ?? '';
  else if (v !== null && v !== '') shown = type === 'str' ? decodeXstring(v) : v;
  else if (f !== null) shown = `=${f}`;
  else shown = '';
  return shown;
}

/** A short description of what a cell holds, for the cell-in-use message. */
function cellDisplay(xml: string, cell: CellSpan, sharedStrings: string[]): string {
  const shown = cellText(xml, cell, sharedStrings);
  return shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
}

interface Target {
  row: number;
  col: number;
  value: CellValue;
  header: boolean;
  numFmt: string;
}

export function ownedRange(b: OwnedBlock): RangeRef {
  return { top: b.headerRow, bottom: b.lastDataRow, left: b.firstCol, right: b.firstCol + Math.max(1, b.keys.length) - 1 };
}

function validateBlock(sheet: string, b: StatusBlock): void {
  const bad = (why: string): never => {
    throw new XlsxError('invalid-plan', `Status block on sheet "${sheet}": ${why}.`);
  };
  const ints = [b.headerRow, b.firstDataRow, b.lastDataRow, b.firstCol];
  if (!ints.every((n) => Number.isInteger(n) && n >= 0)) bad('rows and columns must be whole numbers from 0');
  if (b.columns.length === 0) bad('it has no columns');
  if (b.headerRow >= b.firstDataRow) bad('the header row must be above the first data row');
  if (b.lastDataRow < b.firstDataRow - 1) bad('the last data row is above the first');
  if (b.lastDataRow >= MAX_ROWS || b.firstCol + b.columns.length > MAX_COLS) bad('it runs off the sheet');
  const n = b.lastDataRow - b.firstDataRow + 1;
  for (const c of b.columns) {
    if (c.values.length !== n) bad(`column "${c.header}" has ${c.values.length} values for ${n} rows`);
    if (c.numberFormats && c.numberFormats.length !== n) bad(`column "${c.header}" has ${c.numberFormats.length} number formats for ${n} rows`);
  }
}

export function patchSheet(xml: string, clears: OwnedBlock[], blocks: StatusBlock[], ctx: SheetPatchContext): SheetPatchResult {
  // Only the rows the plan writes to, clears, or grows a table over need their cells indexed.
  const spans: [number, number][] = [
    ...clears.map((c): [number, number] => [c.headerRow, c.lastDataRow]),
    ...blocks.map((b): [number, number] => [Math.min(b.headerRow, b.firstDataRow), Math.max(b.lastDataRow, b.headerRow)]),
    ...ctx.tables.map((t): [number, number] => [t.info.range.top, t.info.range.bottom]),
  ];
  const idx: SheetIndex = indexSheet(xml, (row) => spans.some(([a, b]) => row >= a && row <= b));
  const p = idx.prefix;
  const sheet = ctx.sheetName;
  const key = (r: number, c: number): number => r * MAX_COLS + c;

  const cellAt = new Map<number, CellSpan>();
  const rowAt = new Map<number, RowSpan>();
  for (const row of idx.rows) {
    if (!rowAt.has(row.row)) rowAt.set(row.row, row);
    for (const c of row.cells) if (!cellAt.has(key(c.row, c.col))) cellAt.set(key(c.row, c.col), c);
  }

  const tableEditors = new Map<string, TableEditor>();
  const tableByName = (name: string): TableEditor | undefined => {
    const lower = name.toLowerCase();
    const t = ctx.tables.find((x) => x.info.displayName.toLowerCase() === lower || x.info.name.toLowerCase() === lower);
    if (!t) return undefined;
    let ed = tableEditors.get(t.info.path);
    if (!ed) {
      ed = new TableEditor(t.info, t.xml);
      tableEditors.set(t.info.path, ed);
    }
    return ed;
  };
  const currentTableRanges = (): { name: string; range: RangeRef }[] =>
    ctx.tables.map((t) => ({ name: t.info.displayName, range: tableEditors.get(t.info.path)?.range ?? t.info.range }));

  if (clears.length && idx.protected) {
    throw new XlsxError(
      'sheet-protected',
      `Sheet "${sheet}" is protected, so RAG Refresh cannot update the columns it added there. Unprotect the sheet (Review > Unprotect Sheet) and try again.`,
    );
  }

  // ------------------------------------------------------------ clear
  // A block is cleared only where its header cells still hold what the add-in wrote
  // (or nothing): if the user has since inserted a column and shifted the block, or
  // typed over a header, the rectangle remembered is no longer the add-in's, and
  // clearing it could remove the user's values. Such a block is left alone; if the
  // new block lands on the same cells, the cell-in-use check stops the write.
  const headerMatches = (c: OwnedBlock): boolean =>
    c.headers.every((h, j) => {
      const cell = cellAt.get(key(c.headerRow, c.firstCol + j));
      if (!cell || !cell.hasContent) return true;
      return cellText(xml, cell, ctx.sharedStrings).trim().toLowerCase() === h.trim().toLowerCase();
    });
  const honoured = clears.filter(headerMatches);
  const owned = honoured.map(ownedRange);
  const removedCells = new Set<CellSpan>();
  /** Style of a cell removed by the clear, by address: the base for a cell written there again. */
  const clearedStyle = new Map<number, number | null>();
  if (owned.length) {
    for (const row of idx.rows) {
      for (const c of row.cells) {
        if (c.hasContent && owned.some((o) => inRange(o, c.row, c.col))) {
          removedCells.add(c);
          clearedStyle.set(key(c.row, c.col), c.style);
        }
      }
    }
  }
  const removedCfs = new Set(
    idx.condFormats.filter((cf) => cf.sqref.length > 0 && cf.sqref.every((r) => owned.some((o) => rangeContains(o, r)))),
  );
  for (const b of honoured) {
    if (!b.tableName || b.tableOriginalRight === null) continue;
    const ed = tableByName(b.tableName);
    if (!ed) continue;
    const ownedRight = b.firstCol + b.keys.length - 1;
    // Shrink only a table that ends inside the add-in's columns (it grew by them).
    if (ed.range.right > b.tableOriginalRight && ed.range.right >= b.firstCol && ed.range.right <= Math.max(ownedRight, b.firstCol)) {
      ed.shrinkTo(b.tableOriginalRight);
    }
  }

  // ------------------------------------------------------------ status blocks
  if (blocks.length && idx.protected) {
    throw new XlsxError(
      'sheet-protected',
      `Sheet "${sheet}" is protected, so RAG Refresh cannot add its columns. Unprotect the sheet (Review > Unprotect Sheet) and try again.`,
    );
  }
  const targets = new Map<number, Target>();
  const newCols: { col: number; width: number }[] = [];
  const cfTexts: { range: RangeRef; rules: TextRule[] }[] = [];
  const inUse = (row: number, col: number, what: string): never => {
    throw new XlsxError('cell-in-use', `Sheet "${sheet}" cell ${cellName(row, col)} ${what}; RAG Refresh will not write over it.`);
  };
  const checkFree = (row: number, col: number, ignoreTable: string | null): void => {
    const c = cellAt.get(key(row, col));
    if (c && c.hasContent && !removedCells.has(c)) inUse(row, col, `holds "${cellDisplay(xml, c, ctx.sharedStrings)}"`);
    for (const m of idx.merges) if (inRange(m, row, col)) inUse(row, col, `is part of the merged cells ${rangeName(m)}`);
    for (const t of currentTableRanges()) {
      if (t.name !== ignoreTable && inRange(t.range, row, col)) inUse(row, col, `is inside the table "${t.name}"`);
    }
  };

  for (const b of blocks) {
    validateBlock(sheet, b);
    const n = b.columns.length;
    if (b.tableName) {
      const ed = tableByName(b.tableName);
      if (!ed) throw new XlsxError('invalid-plan', `Sheet "${sheet}" has no table named "${b.tableName}".`);
      if (ed.info.headerRowCount < 1) {
        throw new XlsxError('invalid-plan', `Table "${b.tableName}" has no header row, so columns cannot be added to it.`);
      }
      if (b.headerRow !== ed.range.top || b.firstCol !== ed.range.right + 1) {
        throw new XlsxError(
          'invalid-plan',
          `The status columns for table "${b.tableName}" must start at ${cellName(ed.range.top, ed.range.right + 1)}, right of the table.`,
        );
      }
      if (b.lastDataRow > ed.range.bottom) {
        throw new XlsxError('invalid-plan', `The status columns run below the table "${b.tableName}".`);
      }
      const names = ed.columnNames().map((x) => x.toLowerCase());
      for (const c of b.columns) {
        if (c.header.trim() === '') throw new XlsxError('invalid-plan', `A column added to table "${b.tableName}" needs a header.`);
        if (names.includes(c.header.toLowerCase())) {
          throw new XlsxError('invalid-plan', `Table "${b.tableName}" already has a column named "${c.header}".`);
        }
        names.push(c.header.toLowerCase());
      }
      // The whole strip the table grows into must be free, not only the cells written.
      for (let r = ed.range.top; r <= ed.range.bottom; r++) {
        for (let c = b.firstCol; c < b.firstCol + n; c++) checkFree(r, c, null);
      }
      ed.extend(b.columns.map((c) => c.header));
    }
    const skip = new Set(b.skipRows);
    b.columns.forEach((column, j) => {
      const col = b.firstCol + j;
      const add = (t: Target): void => {
        const k = key(t.row, t.col);
        if (targets.has(k)) throw new XlsxError('invalid-plan', `Two status blocks write to ${sheet}!${cellName(t.row, t.col)}.`);
        checkFree(t.row, t.col, b.tableName);
        targets.set(k, t);
      };
      // Headers are text ("@") unless the table owns them; text values are "@" whatever the
      // column's format (as the Office shell writes them).
      add({ row: b.headerRow, col, value: column.header, header: true, numFmt: b.tableName ? '' : '@' });
      for (let r = b.firstDataRow; r <= b.lastDataRow; r++) {
        const i = r - b.firstDataRow;
        const value = column.values[i] ?? null;
        // Skip rows and empty values get no cell, but must be free like the rest of
        // the block: a later clear removes every value in the block's rectangle.
        if (skip.has(r) || value === null) {
          checkFree(r, col, b.tableName);
          continue;
        }
        const fmt = typeof value === 'string' && value !== '' ? '@' : column.numberFormats?.[i] ?? column.numberFormat;
        add({ row: r, col, value, header: false, numFmt: fmt });
      }
      if (column.width > 0) newCols.push({ col, width: column.width });
      if (column.rules.length && b.lastDataRow >= b.firstDataRow) {
        cfTexts.push({ range: { top: b.firstDataRow, bottom: b.lastDataRow, left: col, right: col }, rules: column.rules });
      }
    });
  }

  // ------------------------------------------------------------ styles of new cells
  const colStyle = (col: number): number | null => {
    for (const d of idx.colDefs) if (d.style !== null && col >= d.min && col <= d.max) return d.style;
    return null;
  };
  const replacedCells = new Set<CellSpan>();
  const cellTexts = new Map<number, string>();
  for (const [k, t] of targets) {
    const existing = cellAt.get(k);
    let base: number | null;
    if (clearedStyle.has(k)) base = clearedStyle.get(k) ?? null;
    else if (existing) base = existing.style;
    else base = rowAt.get(t.row)?.customFormatStyle ?? colStyle(t.col);
    if (existing && !removedCells.has(existing)) replacedCells.add(existing);
    const style = t.header
      ? ctx.styles.xf(base ?? 0, t.numFmt ? { numFmt: t.numFmt, font: { bold: true }, wrap: true } : { font: { bold: true }, wrap: true })
      : ctx.styles.xf(base ?? 0, { numFmt: t.numFmt });
    cellTexts.set(k, cellXml(p, t.row, t.col, style, t.value));
  }

  // ------------------------------------------------------------ edits
  const edits: Edit[] = [];
  const gone = (c: CellSpan): boolean => removedCells.has(c) || replacedCells.has(c);

  const newByRow = new Map<number, Target[]>();
  for (const t of targets.values()) {
    const list = newByRow.get(t.row) ?? [];
    list.push(t);
    newByRow.set(t.row, list);
  }
  for (const list of newByRow.values()) list.sort((a, b) => a.col - b.col);

  const touchedRows = new Set<RowSpan>();
  for (const row of idx.rows) if (row.cells.some(gone)) touchedRows.add(row);
  for (const r of newByRow.keys()) {
    const row = rowAt.get(r);
    if (row) touchedRows.add(row);
  }
  let rowsAddedOrRemoved = false;
  for (const row of touchedRows) {
    const added = newByRow.get(row.row) ?? [];
    const kept = row.cells.filter((c) => !gone(c));
    if (added.length === 0 && kept.length === 0 && isBareRow(row)) {
      edits.push({ start: row.start, end: row.end, text: '' });
      rowsAddedOrRemoved = true;
      continue;
    }
    for (const c of row.cells) if (gone(c)) edits.push({ start: c.start, end: c.end, text: '' });
    if (added.length) {
      if (row.selfClosing) {
        const text = added.map((t) => cellTexts.get(key(t.row, t.col))!).join('');
        edits.push({ start: row.attrEnd, end: row.openEnd, text: `>${text}</${p}row>` });
      } else {
        const at = new Map<number, string[]>();
        for (const t of added) {
          const next = row.cells.find((c) => c.col > t.col);
          const pos = next ? next.start : row.closeStart;
          const list = at.get(pos) ?? [];
          list.push(cellTexts.get(key(t.row, t.col))!);
          at.set(pos, list);
        }
        for (const [pos, list] of at) edits.push({ start: pos, end: pos, text: list.join('') });
      }
      if (row.spans !== null) {
        const nums = row.spans.split(/[\s:]+/).map(Number).filter((x) => Number.isInteger(x) && x > 0);
        const lo = Math.min(...nums, ...added.map((t) => t.col + 1));
        const hi = Math.max(...nums, ...added.map((t) => t.col + 1));
        const spans = `${lo}:${hi}`;
        if (spans !== row.spans) edits.push(setAttrEdit(xml, row.start, row.attrStart, row.attrEnd, 'spans', spans));
      }
    }
    // Cells written without r take their column from the cell before: give them r before the neighbours change.
    for (const c of kept) if (!c.hasRef) edits.push({ start: c.attrStart, end: c.attrStart, text: ` r="${cellName(c.row, c.col)}"` });
  }
  // New rows.
  const missingRows = [...newByRow.keys()].filter((r) => !rowAt.has(r)).sort((a, b) => a - b);
  if (missingRows.length) {
    rowsAddedOrRemoved = true;
    const rowText = (r: number): string =>
      `<${p}row r="${r + 1}">${newByRow.get(r)!.map((t) => cellTexts.get(key(t.row, t.col))!).join('')}</${p}row>`;
    if (!idx.sheetData) {
      const at = insertionPoint(idx, 'sheetData');
      edits.push({ start: at, end: at, text: `<${p}sheetData>${missingRows.map(rowText).join('')}</${p}sheetData>` });
    } else if (idx.sheetData.selfClosing) {
      const sd = idx.sheetData;
      edits.push({ start: sd.attrEnd, end: sd.openEnd, text: `>${missingRows.map(rowText).join('')}</${p}sheetData>` });
    } else {
      const at = new Map<number, string[]>();
      for (const r of missingRows) {
        const next = idx.rows.find((x) => x.row > r);
        const pos = next ? next.start : idx.sheetData.closeStart;
        const list = at.get(pos) ?? [];
        list.push(rowText(r));
        at.set(pos, list);
      }
      for (const [pos, list] of at) edits.push({ start: pos, end: pos, text: list.join('') });
    }
  }
  if (rowsAddedOrRemoved) {
    for (const row of idx.rows) if (!row.hasRef) edits.push({ start: row.attrStart, end: row.attrStart, text: ` r="${row.row + 1}"` });
  }

  // Conditional formats.
  for (const cf of removedCfs) edits.push({ start: cf.start, end: cf.end, text: '' });
  if (cfTexts.length) {
    // Above every rule the sheet keeps (x14 rules in extLst share the numbering), so
    // the user's rules keep their precedence and a re-run numbers the same way.
    let priority = idx.maxOtherPriority;
    for (const cf of idx.condFormats) if (!removedCfs.has(cf)) priority = Math.max(priority, cf.maxPriority);
    const next = (): number => ++priority;
    const text = cfTexts.map((c) => conditionalFormatXml(p, c.range, c.rules, ctx.styles, next)).join('');
    const at = insertionPoint(idx, 'conditionalFormatting');
    edits.push({ start: at, end: at, text });
  }

  // Column widths: only for columns without a definition.
  const colsToAdd = newCols
    .filter((c) => !idx.colDefs.some((d) => c.col >= d.min && c.col <= d.max))
    .sort((a, b) => a.col - b.col)
    .filter((c, i, arr) => i === 0 || arr[i - 1].col !== c.col);
  const colXml = (c: { col: number; width: number }): string =>
    `<${p}col min="${c.col + 1}" max="${c.col + 1}" width="${columnWidth(c.width)}" customWidth="1"/>`;
  if (colsToAdd.length) {
    if (idx.cols && !idx.cols.selfClosing) {
      const at = new Map<number, string[]>();
      for (const c of colsToAdd) {
        const next = idx.colDefs.find((d) => d.min > c.col);
        const pos = next ? next.start : idx.cols.closeStart;
        const list = at.get(pos) ?? [];
        list.push(colXml(c));
        at.set(pos, list);
      }
      for (const [pos, list] of at) edits.push({ start: pos, end: pos, text: list.join('') });
    } else if (idx.cols) {
      edits.push({ start: idx.cols.attrEnd, end: idx.cols.openEnd, text: `>${colsToAdd.map(colXml).join('')}</${p}cols>` });
    } else {
      const at = insertionPoint(idx, 'cols');
      edits.push({ start: at, end: at, text: `<${p}cols>${colsToAdd.map(colXml).join('')}</${p}cols>` });
    }
  }

  // Dimension: widened to cover the new cells (derived data; Excel recomputes it on save).
  if (targets.size && idx.dimension && idx.dimension.ref) {
    let box: RangeRef | null = parseRange(idx.dimension.ref);
    for (const t of targets.values()) {
      box = box
        ? {
            top: Math.min(box.top, t.row),
            bottom: Math.max(box.bottom, t.row),
            left: Math.min(box.left, t.col),
            right: Math.max(box.right, t.col),
          }
        : { top: t.row, bottom: t.row, left: t.col, right: t.col };
    }
    if (box) {
      const name = rangeName(box);
      if (name !== idx.dimension.ref) {
        const d = idx.dimension;
        edits.push(setAttrEdit(xml, d.start, d.attrStart, d.attrEnd, 'ref', name));
      }
    }
  }

  const tables = new Map<string, string>();
  for (const [path, ed] of tableEditors) {
    const text = ed.result();
    if (text !== null) tables.set(path, text);
  }
  return { xml: edits.length ? applyEdits(xml, edits) : xml, tables };
}
