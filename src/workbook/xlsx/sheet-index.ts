/**
 * Where things are in a worksheet part: the top-level elements, every row and
 * cell with its offsets, merges, conditional formats, column definitions and
 * the highest conditional-format priority. The patcher works from this index
 * and edits the original text in place.
 */
import type { RangeRef } from '../../core/types';
import { MAX_COLS, parseCell, parseRange, parseSqref } from './cellref';
import { Tok, XmlScanner, XmlSyntaxError } from './xml';

/**
 * CT_Worksheet's children in schema order. Excel refuses (repairs) a sheet
 * whose elements are out of this order, so every insertion goes through it.
 */
export const WORKSHEET_ORDER = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'sheetData',
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

export interface ElementSpan {
  local: string;
  start: number;
  /** End of the start tag. */
  openEnd: number;
  attrStart: number;
  attrEnd: number;
  selfClosing: boolean;
  /** Start of the end tag (openEnd when self-closing). */
  closeStart: number;
  /** End of the whole element. */
  end: number;
}

export interface CellSpan extends ElementSpan {
  row: number;
  col: number;
  hasRef: boolean;
  style: number | null;
  /** It holds a value, a formula or an inline string. */
  hasContent: boolean;
}

export interface RowSpan extends ElementSpan {
  row: number;
  hasRef: boolean;
  attrNames: string[];
  spans: string | null;
  customFormatStyle: number | null;
  cells: CellSpan[];
}

export interface CondFormatSpan extends ElementSpan {
  sqref: RangeRef[];
  /** The highest cfRule priority inside it (0 when none). */
  maxPriority: number;
}

export interface ColSpan extends ElementSpan {
  min: number;
  max: number;
  attrNames: string[];
  style: number | null;
}

export interface SheetIndex {
  xml: string;
  /** Prefix of the SpreadsheetML elements ("" or "x:"). */
  prefix: string;
  root: ElementSpan;
  /** The root's children, in order. */
  top: ElementSpan[];
  sheetData: ElementSpan | null;
  rows: RowSpan[];
  cols: ElementSpan | null;
  colDefs: ColSpan[];
  merges: RangeRef[];
  condFormats: CondFormatSpan[];
  /** The highest cfRule priority outside <conditionalFormatting> elements (x14 rules in extLst). */
  maxOtherPriority: number;
  dimension: (ElementSpan & { ref: string | null }) | null;
  protected: boolean;
  tableRelIds: string[];
  /** Any row or cell written without its r attribute. */
  implicitRefs: boolean;
}

function spanOf(sc: XmlScanner): ElementSpan {
  return {
    local: sc.local,
    start: sc.start,
    openEnd: sc.end,
    attrStart: sc.attrStart,
    attrEnd: sc.attrEnd,
    selfClosing: sc.selfClosing,
    closeStart: sc.end,
    end: sc.end,
  };
}

/** Walk to the end of the element just opened, calling `onStart` for each descendant start tag. */
function walk(sc: XmlScanner, span: ElementSpan, onStart?: () => void): void {
  if (span.selfClosing) return;
  let depth = 1;
  for (;;) {
    const t = sc.next();
    if (t === Tok.Eof) throw new XmlSyntaxError(`<${span.local}> not closed`, span.start);
    if (t === Tok.Start) {
      onStart?.();
      if (!sc.selfClosing) depth++;
    } else if (t === Tok.End) {
      depth--;
      if (depth === 0) {
        span.closeStart = sc.start;
        span.end = sc.end;
        return;
      }
    }
  }
}

function int(v: string | undefined): number | null {
  return v !== undefined && /^-?\d+$/.test(v.trim()) ? Number(v) : null;
}

/**
 * Index a worksheet part. `cellsInRow` limits which rows get their cells
 * indexed (every row still gets its own span): a patch needs the cells of the
 * rows it writes to or clears, and indexing every cell of a large sheet is most
 * of the cost.
 */
export function indexSheet(xml: string, cellsInRow: (row: number) => boolean = () => true): SheetIndex {
  const sc = new XmlScanner(xml);
  let t = sc.next();
  while (t !== Tok.Start && t !== Tok.Eof) t = sc.next();
  if (t === Tok.Eof) throw new XmlSyntaxError('No root element', 0);
  const root = spanOf(sc);
  const idx: SheetIndex = {
    xml,
    prefix: sc.prefix(),
    root,
    top: [],
    sheetData: null,
    rows: [],
    cols: null,
    colDefs: [],
    merges: [],
    condFormats: [],
    maxOtherPriority: 0,
    dimension: null,
    protected: false,
    tableRelIds: [],
    implicitRefs: false,
  };
  if (root.selfClosing) return idx;
  const priorityOf = (): number => {
    if (sc.local !== 'cfRule') return 0;
    return int(sc.attr('priority')) ?? 0;
  };
  const notePriority = (): void => {
    idx.maxOtherPriority = Math.max(idx.maxOtherPriority, priorityOf());
  };
  for (t = sc.next(); t !== Tok.Eof; t = sc.next()) {
    if (t === Tok.End) {
      root.closeStart = sc.start;
      root.end = sc.end;
      break;
    }
    if (t !== Tok.Start) continue;
    const span = spanOf(sc);
    switch (span.local) {
      case 'sheetData':
        idx.sheetData = span;
        readRows(sc, span, idx, cellsInRow);
        break;
      case 'cols':
        idx.cols = span;
        walk(sc, span, () => {
          if (sc.local !== 'col') return;
          const min = int(sc.attr('min'));
          const max = int(sc.attr('max'));
          const s = spanOf(sc);
          const el: ColSpan = {
            ...s,
            min: (min ?? 1) - 1,
            max: Math.min(max ?? min ?? 1, MAX_COLS) - 1,
            attrNames: sc.attrSpans().map((a) => a.name),
            style: int(sc.attr('style')),
          };
          if (!s.selfClosing) {
            // <col> has no children; tolerate an explicit end tag.
            const close = xml.indexOf('>', xml.indexOf('</', s.openEnd));
            el.closeStart = xml.indexOf('</', s.openEnd);
            el.end = close + 1;
          }
          idx.colDefs.push(el);
        });
        break;
      case 'mergeCells':
        walk(sc, span, () => {
          if (sc.local === 'mergeCell') {
            const r = parseRange(sc.attr('ref') ?? '');
            if (r) idx.merges.push(r);
          }
        });
        break;
      case 'conditionalFormatting': {
        const cf: CondFormatSpan = { ...span, sqref: parseSqref(sc.attr('sqref') ?? ''), maxPriority: 0 };
        walk(sc, cf, () => {
          cf.maxPriority = Math.max(cf.maxPriority, priorityOf());
        });
        idx.condFormats.push(cf);
        idx.top.push(cf);
        continue;
        break;
      }
      case 'dimension':
        idx.dimension = { ...span, ref: sc.attr('ref') ?? null };
        walk(sc, span);
        break;
      case 'sheetProtection': {
        const v = sc.attr('sheet');
        idx.protected = v === '1' || v === 'true';
        walk(sc, span);
        break;
      }
      case 'tableParts':
        walk(sc, span, () => {
          if (sc.local === 'tablePart') {
            const attrs = sc.attrs();
            const key = Object.keys(attrs).find((k) => k.endsWith(':id') || k === 'id');
            if (key) idx.tableRelIds.push(attrs[key]);
          }
        });
        break;
      default:
        walk(sc, span, notePriority);
    }
    idx.top.push(span);
  }
  return idx;
}

function readRows(sc: XmlScanner, sheetData: ElementSpan, idx: SheetIndex, cellsInRow: (row: number) => boolean): void {
  if (sheetData.selfClosing) return;
  let row = -1;
  for (;;) {
    const t = sc.next();
    if (t === Tok.Eof) throw new XmlSyntaxError('sheetData not closed', sheetData.start);
    if (t === Tok.End) {
      sheetData.closeStart = sc.start;
      sheetData.end = sc.end;
      return;
    }
    if (t !== Tok.Start) continue;
    if (sc.local !== 'row') {
      walk(sc, spanOf(sc));
      continue;
    }
    const r = sc.attr('r');
    const hasRef = r !== undefined && /^\d+$/.test(r);
    row = hasRef ? Number(r) - 1 : row + 1;
    if (!hasRef) idx.implicitRefs = true;
    const custom = sc.attr('customFormat');
    const rowSpan: RowSpan = {
      local: sc.local,
      start: sc.start,
      openEnd: sc.end,
      attrStart: sc.attrStart,
      attrEnd: sc.attrEnd,
      selfClosing: sc.selfClosing,
      closeStart: sc.end,
      end: sc.end,
      row,
      hasRef,
      attrNames: sc.attrSpans().map((a) => a.name),
      spans: sc.attr('spans') ?? null,
      customFormatStyle: custom === '1' || custom === 'true' ? (int(sc.attr('s')) ?? 0) : null,
      cells: [],
    };
    idx.rows.push(rowSpan);
    if (rowSpan.selfClosing) continue;
    if (!cellsInRow(row)) {
      rowSpan.end = sc.skipElement();
      rowSpan.closeStart = sc.start;
      continue;
    }
    let col = -1;
    for (;;) {
      const u = sc.next();
      if (u === Tok.Eof) throw new XmlSyntaxError('row not closed', rowSpan.start);
      if (u === Tok.End) {
        rowSpan.closeStart = sc.start;
        rowSpan.end = sc.end;
        break;
      }
      if (u !== Tok.Start) continue;
      if ((sc.local as string) !== 'c') {
        walk(sc, spanOf(sc));
        continue;
      }
      const ref = sc.attr('r');
      const at = ref !== undefined ? parseCell(ref) : null;
      col = at ? at.col : col + 1;
      if (!at) idx.implicitRefs = true;
      const cell: CellSpan = {
        local: 'c',
        start: sc.start,
        openEnd: sc.end,
        attrStart: sc.attrStart,
        attrEnd: sc.attrEnd,
        selfClosing: sc.selfClosing,
        closeStart: sc.end,
        end: sc.end,
        row: at ? at.row : row,
        col,
        hasRef: !!at,
        style: int(sc.attr('s')),
        hasContent: false,
      };
      walk(sc, cell, () => {
        const l = sc.local;
        if (l === 'v' || l === 'f' || l === 'is') cell.hasContent = true;
      });
      rowSpan.cells.push(cell);
    }
  }
}

/** Where to insert a new top-level element so that schema order is kept. */
export function insertionPoint(idx: SheetIndex, local: string): number {
  const order = WORKSHEET_ORDER.indexOf(local);
  for (const el of idx.top) {
    const o = WORKSHEET_ORDER.indexOf(el.local);
    if (o > order) return el.start;
  }
  return idx.root.closeStart;
}
