/**
 * Reading a worksheet part: cell values, formulas saved without a result,
 * cell/row/column formats, hidden rows and columns, merges, protection and the
 * table parts. One pass of the scanner; nothing is kept but what is asked for.
 */
import type { CellRef, CellValue, RangeRef } from '../../core/types';
import { MAX_COLS, parseCell, parseRange } from './cellref';
import { readStringItem } from './package';
import { Tok, XmlScanner, XmlSyntaxError, decodeXstring } from './xml';

export interface ColDef {
  min: number;
  max: number;
  style: number | null;
  hidden: boolean;
}

export interface SheetRead {
  /** Cells that have a value (or a formula without one), in document order. */
  rows: number[];
  cols: number[];
  values: CellValue[];
  uncached: CellRef[];
  /** Style of every <c> that has one: key row * MAX_COLS + col. */
  cellStyles: Map<number, number>;
  /** Row formats (rows with customFormat). */
  rowStyles: Map<number, number>;
  colDefs: ColDef[];
  hiddenRows: number[];
  merges: RangeRef[];
  protected: boolean;
  /** r:id of each <tablePart>. */
  tableRelIds: string[];
}

export interface SheetReadContext {
  sharedStrings: string[];
  date1904: boolean;
}

const MS_PER_DAY = 86400000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** An ISO 8601 date-time (t="d" cells) as an Excel serial number; null when unreadable. */
export function isoToSerial(iso: string, date1904: boolean): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso.trim());
  if (!m) {
    const tm = /^(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/.exec(iso.trim());
    if (!tm) return null;
    return (Number(tm[1]) * 3600 + Number(tm[2]) * 60 + Number(tm[3] ?? 0) + Number(tm[4] ?? 0)) / 86400;
  }
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const secs = Number(m[4] ?? 0) * 3600 + Number(m[5] ?? 0) * 60 + Number(m[6] ?? 0) + Number(m[7] ?? 0);
  let serial = (day - (date1904 ? EPOCH_1904 : EPOCH_1900)) / MS_PER_DAY;
  // Excel's 1900 system counts a 29 February 1900 that never was: earlier dates are one lower.
  if (!date1904 && serial < 61) serial -= 1;
  return serial + secs / 86400;
}

function truthy(v: string | undefined): boolean {
  return v === '1' || v === 'true';
}

export function readSheet(xml: string, ctx: SheetReadContext): SheetRead {
  const out: SheetRead = {
    rows: [],
    cols: [],
    values: [],
    uncached: [],
    cellStyles: new Map(),
    rowStyles: new Map(),
    colDefs: [],
    hiddenRows: [],
    merges: [],
    protected: false,
    tableRelIds: [],
  };
  const sc = new XmlScanner(xml);
  // Find the root element.
  let t = sc.next();
  while (t !== Tok.Start && t !== Tok.Eof) t = sc.next();
  if (t === Tok.Eof) throw new XmlSyntaxError('No root element', 0);
  if (sc.selfClosing) return out;
  for (t = sc.next(); t !== Tok.Eof; t = sc.next()) {
    if (t === Tok.End) break; // </worksheet>
    if (t !== Tok.Start) continue;
    switch (sc.local) {
      case 'sheetData':
        if (!sc.selfClosing) readSheetData(sc, ctx, out);
        break;
      case 'cols':
        if (!sc.selfClosing) readCols(sc, out);
        break;
      case 'mergeCells':
        if (!sc.selfClosing) {
          forEachChild(sc, () => {
            if (sc.local === 'mergeCell') {
              const r = parseRange(sc.attr('ref') ?? '');
              if (r) out.merges.push(r);
            }
          });
        }
        break;
      case 'sheetProtection':
        out.protected = truthy(sc.attr('sheet'));
        if (!sc.selfClosing) sc.skipElement();
        break;
      case 'tableParts':
        if (!sc.selfClosing) {
          forEachChild(sc, () => {
            if (sc.local === 'tablePart') {
              const attrs = sc.attrs();
              const key = Object.keys(attrs).find((k) => k.endsWith(':id') || k === 'id');
              if (key) out.tableRelIds.push(attrs[key]);
            }
          });
        }
        break;
      default:
        if (!sc.selfClosing) sc.skipElement();
    }
  }
  return out;
}

/** Visit each child start tag of the element just opened (skipping grandchildren); consumes the end tag. */
function forEachChild(sc: XmlScanner, visit: () => void): void {
  for (let t = sc.next(); ; t = sc.next()) {
    if (t === Tok.Eof) throw new XmlSyntaxError('Element not closed', sc.start);
    if (t === Tok.End) return;
    if (t === Tok.Start) {
      visit();
      if (!sc.selfClosing) sc.skipElement();
    }
  }
}

function readCols(sc: XmlScanner, out: SheetRead): void {
  forEachChild(sc, () => {
    if (sc.local !== 'col') return;
    const min = Number(sc.attr('min'));
    const max = Number(sc.attr('max'));
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min) return;
    const style = sc.attr('style');
    out.colDefs.push({
      min: min - 1,
      max: Math.min(max, MAX_COLS) - 1,
      style: style !== undefined && Number.isInteger(Number(style)) ? Number(style) : null,
      hidden: truthy(sc.attr('hidden')),
    });
  });
}

function readSheetData(sc: XmlScanner, ctx: SheetReadContext, out: SheetRead): void {
  // A cell's own format wins over its row's and column's, even when it is the default (no s, or s="0"):
  // so in a formatted row or column, every cell's style is recorded; elsewhere only non-default ones.
  const styledCol = new Uint8Array(MAX_COLS);
  for (const d of out.colDefs) if (d.style !== null) styledCol.fill(1, d.min, d.max + 1);
  let row = -1;
  for (let t = sc.next(); ; t = sc.next()) {
    if (t === Tok.Eof) throw new XmlSyntaxError('sheetData not closed', sc.start);
    if (t === Tok.End) return;
    if (t !== Tok.Start) continue;
    if (sc.local !== 'row') {
      if (!sc.selfClosing) sc.skipElement();
      continue;
    }
    const r = sc.attr('r');
    row = r !== undefined && /^\d+$/.test(r) ? Number(r) - 1 : row + 1;
    if (truthy(sc.attr('hidden'))) out.hiddenRows.push(row);
    let styledRow = false;
    if (truthy(sc.attr('customFormat'))) {
      const s = Number(sc.attr('s') ?? '0');
      if (Number.isInteger(s)) {
        out.rowStyles.set(row, s);
        styledRow = true;
      }
    }
    if (sc.selfClosing) continue;
    let col = -1;
    for (let u = sc.next(); ; u = sc.next()) {
      if (u === Tok.Eof) throw new XmlSyntaxError('row not closed', sc.start);
      if (u === Tok.End) break;
      if (u !== Tok.Start) continue;
      if ((sc.local as string) !== 'c') {
        if (!sc.selfClosing) sc.skipElement();
        continue;
      }
      const ref = sc.attr('r');
      const at = ref !== undefined ? parseCell(ref) : null;
      col = at ? at.col : col + 1;
      const cellRow = at ? at.row : row;
      const sAttr = sc.attr('s');
      if ((sAttr !== undefined && sAttr !== '0') || styledRow || styledCol[col]) {
        const s = Number(sAttr ?? '0');
        out.cellStyles.set(cellRow * MAX_COLS + col, Number.isInteger(s) ? s : 0);
      }
      if (sc.selfClosing) continue;
      const type = sc.attr('t') ?? 'n';
      let v: string | null = null;
      let vSelfClosing = false;
      let hasFormula = false;
      let inline: string | null = null;
      for (let w = sc.next(); ; w = sc.next()) {
        if (w === Tok.Eof) throw new XmlSyntaxError('c not closed', sc.start);
        if (w === Tok.End) break;
        if (w !== Tok.Start) continue;
        const local = sc.local as string;
        if (local === 'v') {
          vSelfClosing = sc.selfClosing;
          v = sc.selfClosing ? '' : readText(sc);
        } else if (local === 'f') {
          hasFormula = true;
          if (!sc.selfClosing) sc.skipElement();
        } else if (local === 'is') {
          inline = sc.selfClosing ? '' : readStringItem(sc);
        } else if (!sc.selfClosing) {
          sc.skipElement();
        }
      }
      let value: CellValue = null;
      if (type === 'inlineStr') {
        value = inline ?? (v !== null ? decodeXstring(v) : null);
      } else if (v !== null) {
        switch (type) {
          case 's': {
            const idx = Number(v);
            value = ctx.sharedStrings[idx] ?? null;
            break;
          }
          case 'str':
            value = decodeXstring(v);
            break;
          case 'b':
            value = v.trim() === '1' || v.trim() === 'true';
            break;
          case 'e':
            value = v;
            break;
          case 'd':
            value = isoToSerial(v, ctx.date1904);
            break;
          default: {
            const trimmed = v.trim();
            const n = trimmed === '' ? NaN : Number(trimmed);
            // a number cell holding "NaN" or "INF" (written by tools, never by Excel, which shows
            // #NUM!) keeps its text, so the rules can say it is not a number rather than blank
            value = Number.isFinite(n) ? n : trimmed === '' ? null : trimmed;
          }
        }
      }
      if (value === '') value = null;
      if (value !== null) {
        out.rows.push(cellRow);
        out.cols.push(col);
        out.values.push(value);
      } else if (hasFormula && (v === null || vSelfClosing || (v === '' && type !== 'str'))) {
        // A formula saved without its result. Excel always writes one, and an empty
        // text result as <v></v>; other writers leave <v> out or write <v/>, and an
        // empty number, boolean or error is no result at all.
        out.rows.push(cellRow);
        out.cols.push(col);
        out.values.push(null);
        out.uncached.push({ row: cellRow, col });
      }
    }
  }
}

/** Text content of the element just opened; consumes its end tag. */
function readText(sc: XmlScanner): string {
  let text = '';
  let depth = 1;
  for (;;) {
    const t = sc.next();
    if (t === Tok.Eof) throw new XmlSyntaxError('Element not closed', sc.start);
    if (t === Tok.Start) {
      if (!sc.selfClosing) depth++;
    } else if (t === Tok.End) {
      depth--;
      if (depth === 0) return text;
    } else if (t === Tok.Text || t === Tok.CData) {
      text += sc.text();
    }
  }
}
