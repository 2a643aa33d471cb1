/**
 * Growing and shrinking an Excel table (a table part) by columns on the right:
 * `ref`, the autoFilter's `ref`, and <tableColumns>. The rest of the part is
 * kept as it was.
 */
import type { RangeRef } from '../../core/types';
import { parseRange, rangeName } from './cellref';
import type { TablePart } from './read';
import { Edit, Tok, XmlScanner, applyEdits, escapeAttr, setAttrEdit, stripIllegalXmlChars } from './xml';

interface Span {
  start: number;
  end: number;
  attrStart: number;
  attrEnd: number;
}

interface ColumnSpan extends Span {
  id: number;
  name: string;
}

/** A table column name as Excel writes it: line breaks and other controls as "_xHHHH_". */
export function encodeColumnName(name: string): string {
  const protectedName = name.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  // eslint-disable-next-line no-control-regex
  const controls = protectedName.replace(/[\u0000-\u001F]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0')}_`);
  return escapeAttr(stripIllegalXmlChars(controls));
}

export class TableEditor {
  readonly info: TablePart;
  readonly xml: string;
  /** The table's range as edited so far. */
  range: RangeRef;
  private readonly prefix: string;
  private readonly root: Span;
  private autoFilter: (Span & { range: RangeRef | null; filterColumns: (Span & { colId: number })[]; selfClosing: boolean }) | null = null;
  private sortState: (Span & { conditions: RangeRef[] }) | null = null;
  private tableColumns: (Span & { closeStart: number }) | null = null;
  private readonly columns: ColumnSpan[] = [];
  /** How many of the original columns are kept. */
  private kept: number;
  private readonly added: { id: number; name: string }[] = [];

  constructor(info: TablePart, xml: string) {
    this.info = info;
    this.xml = xml;
    this.range = { ...info.range };
    const sc = new XmlScanner(xml);
    let t = sc.next();
    while (t !== Tok.Start && t !== Tok.Eof) t = sc.next();
    this.prefix = sc.prefix();
    this.root = { start: sc.start, end: sc.end, attrStart: sc.attrStart, attrEnd: sc.attrEnd };
    let depth = sc.selfClosing ? 0 : 1;
    let inAutoFilter = false;
    let inSort = false;
    for (t = sc.next(); t !== Tok.Eof && depth > 0; t = sc.next()) {
      if (t === Tok.Start) {
        const span = { start: sc.start, end: sc.end, attrStart: sc.attrStart, attrEnd: sc.attrEnd };
        const local = sc.local;
        if (depth === 1 && local === 'autoFilter') {
          this.autoFilter = { ...span, range: parseRange(sc.attr('ref') ?? ''), filterColumns: [], selfClosing: sc.selfClosing };
          inAutoFilter = !sc.selfClosing;
        } else if (depth === 1 && local === 'sortState') {
          this.sortState = { ...span, conditions: [] };
          inSort = !sc.selfClosing;
        } else if (depth === 1 && local === 'tableColumns') {
          this.tableColumns = { ...span, closeStart: sc.end };
        } else if (depth === 2 && local === 'tableColumn') {
          const col: ColumnSpan = { ...span, id: Number(sc.attr('id') ?? '0'), name: sc.attr('name') ?? '' };
          if (!sc.selfClosing) col.end = sc.skipElement();
          this.columns.push(col);
          continue;
        } else if (depth === 2 && inAutoFilter && local === 'filterColumn') {
          const fc = { ...span, colId: Number(sc.attr('colId') ?? '0') };
          if (!sc.selfClosing) fc.end = sc.skipElement();
          this.autoFilter!.filterColumns.push(fc);
          continue;
        } else if (inSort && local === 'sortCondition') {
          const r = parseRange(sc.attr('ref') ?? '');
          if (r) this.sortState!.conditions.push(r);
        }
        if (!sc.selfClosing) depth++;
      } else if (t === Tok.End) {
        depth--;
        if (depth === 1) {
          if (sc.local === 'tableColumns' && this.tableColumns) this.tableColumns.closeStart = sc.start;
          if (sc.local === 'autoFilter' && this.autoFilter) this.autoFilter.end = sc.end;
          if (sc.local === 'sortState' && this.sortState) this.sortState.end = sc.end;
          inAutoFilter = false;
          inSort = false;
        }
      }
    }
    this.kept = this.columns.length;
  }

  /** Names of the columns as they stand after the edits so far (original kept + added). */
  columnNames(): string[] {
    return [...this.info.columnNames.slice(0, this.kept), ...this.added.map((a) => a.name)];
  }

  /** Drop the columns right of `right` (the add-in's columns, on a clear). */
  shrinkTo(right: number): void {
    if (right >= this.range.right || right < this.range.left) return;
    const keep = right - this.range.left + 1;
    // Clears come before any extension, so nothing has been added yet.
    this.kept = Math.min(this.kept, keep);
    this.added.length = 0;
    this.range = { ...this.range, right };
  }

  /** Add columns on the right with these names. */
  extend(names: string[]): void {
    let maxId = 0;
    for (let i = 0; i < this.kept; i++) maxId = Math.max(maxId, this.columns[i].id);
    for (const a of this.added) maxId = Math.max(maxId, a.id);
    for (const name of names) this.added.push({ id: ++maxId, name });
    this.range = { ...this.range, right: this.range.right + names.length };
  }

  /** The patched part, or null when unchanged. */
  result(): string | null {
    const changed = this.kept < this.columns.length || this.added.length > 0 || this.range.right !== this.info.range.right;
    if (!changed || !this.tableColumns) return null;
    const edits: Edit[] = [];
    const xml = this.xml;
    edits.push(setAttrEdit(xml, this.root.start, this.root.attrStart, this.root.attrEnd, 'ref', rangeName(this.range)));
    const af = this.autoFilter;
    if (af && af.range) {
      const r = { ...af.range, right: af.range.right + (this.range.right - this.info.range.right) };
      edits.push(setAttrEdit(xml, af.start, af.attrStart, af.attrEnd, 'ref', rangeName(r)));
      const colCount = this.range.right - this.range.left + 1;
      for (const fc of af.filterColumns) if (fc.colId >= colCount) edits.push({ start: fc.start, end: fc.end, text: '' });
    }
    const ss = this.sortState;
    if (ss && ss.conditions.some((c) => c.right > this.range.right)) edits.push({ start: ss.start, end: ss.end, text: '' });
    const tc = this.tableColumns;
    const count = this.kept + this.added.length;
    if (/\bcount\s*=/.test(xml.slice(tc.attrStart, tc.attrEnd))) {
      edits.push(setAttrEdit(xml, tc.start, tc.attrStart, tc.attrEnd, 'count', String(count)));
    }
    for (let i = this.kept; i < this.columns.length; i++) {
      edits.push({ start: this.columns[i].start, end: this.columns[i].end, text: '' });
    }
    const p = this.prefix;
    const text = this.added.map((a) => `<${p}tableColumn id="${a.id}" name="${encodeColumnName(a.name)}"/>`).join('');
    if (text) edits.push({ start: tc.closeStart, end: tc.closeStart, text });
    return applyEdits(xml, edits);
  }
}
