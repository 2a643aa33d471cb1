/**
 * Independent checks on a patched package: what changed, part by part, and
 * whether taking the add-in's insertions out of a part gives back the original.
 * These use regular expressions on the add-in's own (known) output format, not
 * the shell's scanner, so they do not share its mistakes.
 */
import { XMLValidator } from 'fast-xml-parser';
import type { StatusBlock } from '../../../src/core/types';
import { ZipArchive } from '../../../src/workbook/xlsx/zip';
import { sameBytes } from './helpers';

export function colLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function addr(row: number, col: number): string {
  return `${colLetters(col)}${row + 1}`;
}

/** The addresses a block writes (header and the rows with a value). */
export function plannedCells(b: StatusBlock): { row: number; col: number; value: unknown; header: boolean; format: string }[] {
  const out: { row: number; col: number; value: unknown; header: boolean; format: string }[] = [];
  b.columns.forEach((c, j) => {
    out.push({ row: b.headerRow, col: b.firstCol + j, value: c.header, header: true, format: '' });
    for (let r = b.firstDataRow; r <= b.lastDataRow; r++) {
      const i = r - b.firstDataRow;
      const v = c.values[i];
      if (b.skipRows.includes(r) || v === null) continue;
      const format = typeof v === 'string' && v !== '' ? '@' : c.numberFormats?.[i] ?? c.numberFormat;
      out.push({ row: r, col: b.firstCol + j, value: v, header: false, format });
    }
  });
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The element for a cell address in a sheet's XML, or null. */
export function cellElement(xml: string, address: string): string | null {
  const m = new RegExp(`<c r="${address}"(?:\\s[^>]*?)?(?:/>|>[\\s\\S]*?</c>)`).exec(xml);
  return m ? m[0] : null;
}

/**
 * The patched sheet with the add-in's insertions taken out: its cells (a
 * formatted blank it replaced is put back), the rows it created, its
 * conditional formats and column widths. `dimension` and row `spans`, derived
 * hints the shell widens, are normalised in both texts.
 */
export function withoutInsertions(patched: string, original: string, blocks: StatusBlock[]): { patched: string; original: string } {
  let s = patched;
  const originalRows = new Set([...original.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1])));
  for (const b of blocks) {
    for (const c of plannedCells(b)) {
      const a = addr(c.row, c.col);
      const ours = cellElement(s, a);
      if (!ours) throw new Error(`planned cell ${a} missing`);
      s = s.replace(ours, cellElement(original, a) ?? '');
    }
    b.columns.forEach((c, j) => {
      if (c.rules.length) {
        const sqref = `${addr(b.firstDataRow, b.firstCol + j)}:${addr(b.lastDataRow, b.firstCol + j)}`;
        const re = new RegExp(`<conditionalFormatting sqref="${escapeRe(sqref)}">[\\s\\S]*?</conditionalFormatting>`);
        if (!re.test(s)) throw new Error(`conditional format ${sqref} missing`);
        s = s.replace(re, '');
      }
      const n = b.firstCol + j + 1;
      s = s.replace(new RegExp(`<col min="${n}" max="${n}" width="[0-9.]+" customWidth="1"/>`), (m) => (original.includes(m) ? m : ''));
    });
  }
  s = s.replace(/<row r="(\d+)"><\/row>/g, (m, r) => (originalRows.has(Number(r)) ? m : ''));
  s = s.replace(/<cols><\/cols>/g, '');
  // A self-closing row that got cells is written out with an end tag.
  const norm = (x: string): string =>
    x
      .replace(/<dimension ref="[^"]*"/, '<dimension ref=""')
      .replace(/ spans="[^"]*"/g, '')
      .replace(/<row([^>]*?)\/>/g, '<row$1></row>');
  return { patched: norm(s), original: norm(original) };
}

const LISTS = ['numFmts', 'fonts', 'fills', 'borders', 'cellXfs', 'dxfs'];

/**
 * styles.xml with the appended entries taken out: every original list must be a
 * prefix of the patched one (same entries at the same indices). Counts normalised.
 */
export function stylesWithoutAppended(patched: string, original: string): { patched: string; original: string } {
  let s = patched;
  for (const list of LISTS) {
    const re = new RegExp(`<${list}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${list}>)`);
    const o = re.exec(original);
    const p = re.exec(s);
    if (!p) continue;
    if (!o) {
      s = s.replace(p[0], '');
      continue;
    }
    const oInner = o[2] ?? '';
    const pInner = p[2] ?? '';
    if (!pInner.startsWith(oInner)) throw new Error(`${list}: original entries were changed`);
    s = s.replace(p[0], o[0]);
  }
  const norm = (x: string): string => x.replace(/ count="\d+"/g, '');
  return { patched: norm(s), original: norm(original) };
}

/** Names of the entries whose raw zip records (header, compressed data) are identical. */
export function rawIdentical(before: Uint8Array, after: Uint8Array): { same: string[]; changed: string[]; added: string[]; removed: string[]; orderKept: boolean } {
  const a = ZipArchive.read(before);
  const b = ZipArchive.read(after);
  const same: string[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  for (const e of a.entries) {
    const f = b.get(e.name);
    if (!f) removed.push(e.name);
    else if (sameBytes(a.rawRecord(e), b.rawRecord(f))) same.push(e.name);
    else changed.push(e.name);
  }
  const added = b.entries.filter((e) => !a.get(e.name)).map((e) => e.name);
  const keptOrder = b.entries.map((e) => e.name).filter((n) => a.get(n));
  const origOrder = a.entries.map((e) => e.name).filter((n) => b.get(n));
  return { same, changed, added, removed, orderKept: keptOrder.join('\n') === origOrder.join('\n') };
}

export function wellFormed(xml: string): true | string {
  const r = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  return r === true ? true : JSON.stringify(r.err);
}

/** The local names of the root's children, in order. */
export function topLevelOrder(xml: string): string[] {
  const out: string[] = [];
  let depth = 0;
  const re = /<(\/?)([A-Za-z_][\w.:-]*)([^>]*?)(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (!m[2]) continue;
    const closing = m[1] === '/';
    const selfClosing = m[4] === '/';
    if (closing) {
      depth--;
      continue;
    }
    if (depth === 1) out.push(m[2].replace(/^.*:/, ''));
    if (!selfClosing) depth++;
  }
  return out;
}
