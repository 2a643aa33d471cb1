/**
 * Independent comparisons of .xlsx packages for the property tests: parts read
 * with fflate (not the shell's zip reader), sheets found through workbook.xml
 * and its relationships, cells and rows taken out of a sheet's XML with
 * regular expressions (the generator's and the add-in's own output formats,
 * both known), so the checks do not share the shell's scanner.
 */
import { colLetters } from './workbook-gen';
import type { RangeRef, StatusBlock } from '../../src/core/types';
import { unzipParts } from '../workbook/xlsx/helpers';
import { addr, plannedCells } from '../workbook/xlsx/checks';

const decoder = new TextDecoder();

/** Every part of the package as text, by name. */
export function partsOf(bytes: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, data] of unzipParts(bytes)) out.set(name, decoder.decode(data));
  return out;
}

const unescape = (s: string): string =>
  s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Sheet name → part path, from xl/workbook.xml and its relationships. */
export function sheetPaths(parts: Map<string, string>): Map<string, string> {
  const wb = parts.get('xl/workbook.xml') ?? '';
  const rels = parts.get('xl/_rels/workbook.xml.rels') ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[1])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[1])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b([^>]*)\/>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[1])?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[1])?.[1];
    if (name !== undefined && id) out.set(unescape(name), targets.get(id) ?? '');
  }
  return out;
}

/** The sheets' names in workbook order, with their state. */
export function sheetList(parts: Map<string, string>): { name: string; state: string }[] {
  const wb = parts.get('xl/workbook.xml') ?? '';
  return [...wb.matchAll(/<sheet\b([^>]*)\/>/g)].map((m) => ({
    name: unescape(/\bname="([^"]*)"/.exec(m[1])?.[1] ?? ''),
    state: /\bstate="([^"]*)"/.exec(m[1])?.[1] ?? 'visible',
  }));
}

const CELL = /<c\b(?=[\s/>])([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const ROW = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;

export interface ParsedCell {
  /** The whole element, without its `r` (the shell gives one to a cell written without, before it inserts beside it). */
  xml: string;
  /** The whole element, as written. */
  raw: string;
  row: number;
  col: number;
  /** The style attribute ("0" when absent). */
  s: string;
  t: string;
  hasFormula: boolean;
  /** A value, an inline string or a formula: not a formatted blank. */
  hasContent: boolean;
}

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const withoutRef = (tag: string): string => tag.replace(/^(<(?:c|row)\b[^>]*?)\s+r="[^"]*"/, '$1');


/**
 * Cells by A1 address, and rows by number (attributes without `r` and the spans hint). A row
 * or cell written without `r` is the one after the one before, as Excel reads it.
 */
export function sheetCells(xml: string): { cells: Map<string, ParsedCell>; rows: Map<number, string> } {
  const cells = new Map<string, ParsedCell>();
  const rows = new Map<number, string>();
  const data = /<sheetData\b[^>]*?(?:\/>|>([\s\S]*?)<\/sheetData>)/.exec(xml)?.[1] ?? '';
  let row = -1;
  for (const rm of data.matchAll(ROW)) {
    const rr = /\br="(\d+)"/.exec(rm[1])?.[1];
    row = rr !== undefined ? Number(rr) - 1 : row + 1;
    rows.set(row, rm[1].replace(/\s+spans="[^"]*"/, '').replace(/\s+r="[^"]*"/, '').trim());
    let col = -1;
    for (const cm of (rm[2] ?? '').matchAll(CELL)) {
      const a = /\br="([A-Z]+)(\d+)"/.exec(cm[1]);
      col = a ? colIndex(a[1]) : col + 1;
      const cellRow = a ? Number(a[2]) - 1 : row;
      const inner = cm[2] ?? '';
      cells.set(`${colLetters(col)}${cellRow + 1}`, {
        xml: withoutRef(cm[0]),
        raw: cm[0],
        row: cellRow,
        col,
        s: /\bs="(\d+)"/.exec(cm[1])?.[1] ?? '0',
        t: /\bt="([^"]*)"/.exec(cm[1])?.[1] ?? 'n',
        hasFormula: /<f[\s>/]/.test(inner),
        hasContent: /<(v|is|f)[\s>/]/.test(inner),
      });
    }
  }
  return { cells, rows };
}

export function inRect(r: RangeRef, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

export function blockRect(b: { headerRow: number; lastDataRow: number; firstCol: number }, width: number): RangeRef {
  return { top: b.headerRow, bottom: b.lastDataRow, left: b.firstCol, right: b.firstCol + width - 1 };
}

/**
 * Cell-by-cell differences between an original sheet and the same sheet
 * afterwards, outside `owned` rectangles: a cell changed (any byte of its
 * element: value, type, style index), gone, or new. Rows' attributes too.
 */
export function cellDifferences(original: string, after: string, owned: RangeRef[]): string[] {
  const a = sheetCells(original);
  const b = sheetCells(after);
  const out: string[] = [];
  const isOwned = (c: ParsedCell): boolean => owned.some((o) => inRect(o, c.row, c.col));
  for (const [ref, c] of a.cells) {
    if (isOwned(c)) continue;
    const d = b.cells.get(ref);
    if (!d) out.push(`${ref} gone (was ${c.xml})`);
    else if (d.xml !== c.xml) out.push(`${ref} changed: ${c.xml} → ${d.xml}`);
  }
  for (const [ref, d] of b.cells) if (!a.cells.has(ref) && !isOwned(d)) out.push(`${ref} new: ${d.xml}`);
  for (const [r, attrs] of a.rows) {
    const after = b.rows.get(r);
    if (after === undefined) out.push(`row ${r + 1} gone`);
    else if (after !== attrs) out.push(`row ${r + 1} attributes: ${attrs} → ${after}`);
  }
  return out;
}

/** The rectangles the add-in writes on a sheet: its status blocks. */
export function ownedRects(blocks: StatusBlock[], sheet: string): RangeRef[] {
  return blocks.filter((b) => b.sheet === sheet).map((b) => blockRect(b, b.columns.length));
}

/** Addresses of the cells a plan writes with a value (headers included). */
export function writtenCells(blocks: StatusBlock[], sheet: string): Set<string> {
  const out = new Set<string>();
  for (const b of blocks) if (b.sheet === sheet) for (const c of plannedCells(b)) out.add(addr(c.row, c.col));
  return out;
}

/**
 * A sheet's text with the derived hints the shell may widen and not narrow back
 * (`<dimension ref>`, rows' `spans`) normalised, the `r` of rows and cells left out
 * (the shell gives one to those written without, next to what it inserts), the `<col>` elements the
 * original did not have taken out (widths the add-in added stay after Clear RAG,
 * by design: see src/workbook/xlsx/README.md).
 */
export function normaliseSheet(xml: string, original: string): string {
  const originalCols = new Set([...original.matchAll(/<col\b[^>]*\/>/g)].map((m) => m[0]));
  return xml
    .replace(/<dimension ref="[^"]*"/, '<dimension ref=""')
    .replace(/\s+spans="[^"]*"/g, '')
    .replace(/<(c|row)\b([^>]*?)\s+r="[^"]*"/g, '<$1$2')
    .replace(/<row([^>]*?)\/>/g, '<row$1></row>')
    .replace(/<col\b[^>]*\/>/g, (m) => (originalCols.has(m) ? m : ''))
    .replace(/<cols><\/cols>/g, '');
}

export function conditionalFormats(xml: string): string[] {
  return [...xml.matchAll(/<conditionalFormatting\b[\s\S]*?<\/conditionalFormatting>/g)].map((m) => m[0]);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The patched sheet with the add-in's insertions taken out (its cells, the rows
 * it created, its conditional formats and column widths), as
 * test/workbook/xlsx/checks.ts `withoutInsertions` does, for blocks of any
 * height (a one-row column's conditional format has a one-cell sqref, "D2").
 * `dimension` and row `spans`, hints the shell widens, are normalised in both.
 */
export function withoutInsertions(patched: string, original: string, blocks: StatusBlock[]): { patched: string; original: string; missing: string[] } {
  let s = patched;
  const missing: string[] = [];
  const originalRows = new Set([...sheetCells(original).rows.keys()].map((r) => r + 1));
  const originalCells = sheetCells(original).cells;
  for (const b of blocks) {
    for (const c of plannedCells(b)) {
      const a = addr(c.row, c.col);
      const ours = sheetCells(s).cells.get(a);
      if (!ours) {
        missing.push(`planned cell ${a}`);
        continue;
      }
      s = s.replace(ours.raw, originalCells.get(a)?.raw ?? '');
    }
    b.columns.forEach((c, j) => {
      if (c.rules.length) {
        const top = addr(b.firstDataRow, b.firstCol + j);
        const sqref = b.firstDataRow === b.lastDataRow ? top : `${top}:${addr(b.lastDataRow, b.firstCol + j)}`;
        const re = new RegExp(`<conditionalFormatting sqref="${escapeRe(sqref)}">[\\s\\S]*?</conditionalFormatting>`);
        if (!re.test(s)) missing.push(`conditional format ${sqref}`);
        s = s.replace(re, '');
      }
      const n = b.firstCol + j + 1;
      s = s.replace(new RegExp(`<col min="${n}" max="${n}" width="[0-9.]+" customWidth="1"/>`), (m) => (original.includes(m) ? m : ''));
    });
  }
  s = s.replace(/<row r="(\d+)"><\/row>/g, (m, r) => (originalRows.has(Number(r)) ? m : ''));
  s = s.replace(/<cols><\/cols>/g, '');
  const norm = (x: string): string =>
    x
      .replace(/<dimension ref="[^"]*"/, '<dimension ref=""')
      .replace(/ spans="[^"]*"/g, '')
      .replace(/<(c|row)\b([^>]*?)\s+r="[^"]*"/g, '<$1$2')
      .replace(/<row([^>]*?)\/>/g, '<row$1></row>');
  return { patched: norm(s), original: norm(original), missing };
}
