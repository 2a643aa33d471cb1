/**
 * styles.xml: reading number formats, and adding the few styles the add-in
 * needs by find-or-append.
 *
 * Every original entry keeps its index; new entries (number formats with ids
 * from 164, fonts, fills, cell formats, differential formats for conditional
 * formats) are appended at the end of their list and the list's `count` is
 * kept right. An entry identical to one already there (compared by meaning,
 * not bytes: attribute order and prefixes do not matter) is reused, so running
 * a refresh again does not grow styles.xml.
 */
import type { CellStyle } from '../../core/types';
import {
  XNode,
  canonicalKey,
  childElements,
  clone,
  getAttr,
  localName,
  readElement,
  removeAttr,
  serialize,
  setAttr,
} from './dom';
import { XlsxError } from './errors';
import { Edit, Tok, XmlScanner, applyEdits, setAttrEdit } from './xml';

/** Excel's built-in number formats (the locale-independent ones, and en-US for the rest). */
export const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  5: '$#,##0_);($#,##0)',
  6: '$#,##0_);[Red]($#,##0)',
  7: '$#,##0.00_);($#,##0.00)',
  8: '$#,##0.00_);[Red]($#,##0.00)',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'm/d/yyyy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yyyy h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/** Format codes written as a built-in id (only those that mean the same in every locale). */
const BUILTIN_IDS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  '# ?/?': 12,
  '# ??/??': 13,
  'mm:ss': 45,
  '[h]:mm:ss': 46,
  'mmss.0': 47,
  '##0.0E+0': 48,
  '@': 49,
};

// ---------------------------------------------------------------- reading

export interface StylesInfo {
  /** The number format string of a cell format (cellXfs index); "General" when unknown. */
  numberFormat(xf: number): string;
}

export function readStyles(xml: string | null): StylesInfo {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  if (xml) {
    const sc = new XmlScanner(xml);
    let container = '';
    let depth = 0;
    let containerDepth = -1;
    for (let t = sc.next(); t !== Tok.Eof; t = sc.next()) {
      if (t === Tok.Start) {
        depth++;
        if (depth === 2) {
          container = sc.local;
          containerDepth = depth;
        } else if (depth === containerDepth + 1) {
          if (container === 'numFmts' && sc.local === 'numFmt') {
            const id = Number(sc.attr('numFmtId'));
            const code = sc.attr('formatCode');
            if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
          } else if (container === 'cellXfs' && sc.local === 'xf') {
            const id = Number(sc.attr('numFmtId') ?? '0');
            xfFormats.push(Number.isInteger(id) ? id : 0);
          }
        }
        if (sc.selfClosing) {
          if (depth === 2) container = '';
          depth--;
        }
      } else if (t === Tok.End) {
        if (depth === 2) container = '';
        depth--;
      }
    }
  }
  return {
    numberFormat(xf: number): string {
      const id = xfFormats[xf] ?? 0;
      return custom.get(id) ?? BUILTIN_FORMATS[id] ?? 'General';
    },
  };
}

// ---------------------------------------------------------------- writing

const STYLESHEET_ORDER = [
  'numFmts',
  'fonts',
  'fills',
  'borders',
  'cellStyleXfs',
  'cellXfs',
  'cellStyles',
  'dxfs',
  'tableStyles',
  'colors',
  'extLst',
];

type ListName = 'numFmts' | 'fonts' | 'fills' | 'borders' | 'cellXfs' | 'dxfs';
const CHILD_OF: Record<ListName, string> = {
  numFmts: 'numFmt',
  fonts: 'font',
  fills: 'fill',
  borders: 'border',
  cellXfs: 'xf',
  dxfs: 'dxf',
};

interface TopChild {
  local: string;
  start: number;
  end: number;
}

interface List {
  name: ListName;
  /** The container element, when the part has one. */
  span: { start: number; openEnd: number; attrStart: number; attrEnd: number; closeStart: number; selfClosing: boolean } | null;
  nodes: XNode[];
  keys: Map<string, number>;
  appended: string[];
}

export interface FontChange {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  size?: number;
  /** RRGGBB */
  color?: string;
}

export interface XfChange {
  numFmt?: string;
  font?: FontChange;
  /** RRGGBB solid fill. */
  fill?: string;
  wrap?: boolean;
  vertical?: 'top' | 'center' | 'bottom';
}

function colourArgb(rgb: string): string {
  if (!/^#?[0-9A-Fa-f]{6}$/.test(rgb)) throw new XlsxError('invalid-plan', `"${rgb}" is not a colour (RRGGBB).`);
  return `FF${rgb.replace('#', '').toUpperCase()}`;
}

export class StyleBook {
  private readonly xml: string;
  private readonly prefix: string;
  private readonly rootEnd: number;
  private readonly top: TopChild[] = [];
  private readonly lists = new Map<ListName, List>();
  private maxNumFmtId = 163;

  constructor(xml: string) {
    this.xml = xml;
    const sc = new XmlScanner(xml);
    let t = sc.next();
    while (t !== Tok.Start && t !== Tok.Eof) t = sc.next();
    if (t !== Tok.Start || sc.local !== 'styleSheet') throw new XlsxError('corrupt', 'The workbook styles part is damaged.');
    this.prefix = sc.prefix();
    let rootEnd = -1;
    for (t = sc.next(); t !== Tok.Eof; t = sc.next()) {
      if (t === Tok.End) {
        rootEnd = sc.start;
        break;
      }
      if (t !== Tok.Start) continue;
      const local: string = sc.local as string;
      const start = sc.start;
      const listName = (Object.keys(CHILD_OF) as ListName[]).find((n) => n === local);
      if (listName) {
        const span = {
          start,
          openEnd: sc.end,
          attrStart: sc.attrStart,
          attrEnd: sc.attrEnd,
          closeStart: sc.end,
          selfClosing: sc.selfClosing,
        };
        const nodes: XNode[] = [];
        if (!sc.selfClosing) {
          for (let u = sc.next(); ; u = sc.next()) {
            if (u === Tok.Eof) throw new XlsxError('corrupt', 'The workbook styles part is damaged.');
            if (u === Tok.End) {
              span.closeStart = sc.start;
              break;
            }
            if (u === Tok.Start) {
              const isItem = (sc.local as string) === CHILD_OF[listName];
              const node = readElement(sc);
              if (isItem) nodes.push(node);
            }
          }
        }
        this.top.push({ local, start, end: sc.end });
        this.addList(listName, span, nodes);
      } else {
        sc.skipElement();
        this.top.push({ local, start, end: sc.end });
      }
    }
    if (rootEnd < 0) throw new XlsxError('corrupt', 'The workbook styles part is damaged.');
    this.rootEnd = rootEnd;
    for (const n of Object.keys(CHILD_OF) as ListName[]) if (!this.lists.has(n)) this.addList(n, null, []);
    for (const nf of this.lists.get('numFmts')!.nodes) {
      const id = Number(getAttr(nf, 'numFmtId'));
      if (Number.isInteger(id)) this.maxNumFmtId = Math.max(this.maxNumFmtId, id);
    }
  }

  private addList(name: ListName, span: List['span'], nodes: XNode[]): void {
    const keys = new Map<string, number>();
    nodes.forEach((n, i) => {
      const k = canonicalKey(n);
      if (!keys.has(k)) keys.set(k, i);
    });
    this.lists.set(name, { name, span, nodes, keys, appended: [] });
  }

  private el(local: string): string {
    return this.prefix + local;
  }

  private findOrAppend(listName: ListName, node: XNode): number {
    const list = this.lists.get(listName)!;
    const key = canonicalKey(node);
    const hit = list.keys.get(key);
    if (hit !== undefined) return hit;
    const index = list.nodes.length;
    list.nodes.push(node);
    list.keys.set(key, index);
    list.appended.push(serialize(node));
    return index;
  }

  /** The id of a number format, built-in or custom; a new custom one is added when needed. */
  numFmtId(code: string): number {
    if (code === '' || code === 'General') return 0;
    const builtin = BUILTIN_IDS[code];
    if (builtin !== undefined) return builtin;
    const list = this.lists.get('numFmts')!;
    for (const n of list.nodes) {
      if (getAttr(n, 'formatCode') === code) {
        const id = Number(getAttr(n, 'numFmtId'));
        if (Number.isInteger(id)) return id;
      }
    }
    const id = ++this.maxNumFmtId;
    this.findOrAppend('numFmts', {
      name: this.el('numFmt'),
      attrs: [
        ['numFmtId', String(id)],
        ['formatCode', code],
      ],
      children: [],
    });
    return id;
  }

  private baseNode(listName: ListName, index: number, fallback: () => XNode): XNode {
    const n = this.lists.get(listName)!.nodes[index];
    return n ? clone(n) : fallback();
  }

  font(base: number, change: FontChange): number {
    const node = this.baseNode('fonts', base, () => ({
      name: this.el('font'),
      attrs: [],
      children: [
        { name: this.el('sz'), attrs: [['val', '11']], children: [] },
        { name: this.el('name'), attrs: [['val', 'Calibri']], children: [] },
      ],
    }));
    const setFlag = (local: string, on: boolean | undefined): void => {
      if (on === undefined) return;
      node.children = node.children.filter((c) => typeof c === 'string' || localName(c.name) !== local);
      if (on) node.children.unshift({ name: this.el(local), attrs: [], children: [] });
    };
    setFlag('u', change.underline);
    setFlag('i', change.italic);
    setFlag('b', change.bold);
    if (change.size !== undefined) {
      const sz = childElements(node, 'sz')[0];
      if (sz) setAttr(sz, 'val', String(change.size));
      else node.children.push({ name: this.el('sz'), attrs: [['val', String(change.size)]], children: [] });
    }
    if (change.color !== undefined) {
      const argb = colourArgb(change.color);
      const colour: XNode = { name: this.el('color'), attrs: [['rgb', argb]], children: [] };
      const i = node.children.findIndex((c) => typeof c !== 'string' && localName(c.name) === 'color');
      if (i >= 0) node.children[i] = colour;
      else node.children.push(colour);
    }
    return this.findOrAppend('fonts', node);
  }

  private solidFill(rgb: string): number {
    const argb = colourArgb(rgb);
    return this.findOrAppend('fills', {
      name: this.el('fill'),
      attrs: [],
      children: [
        {
          name: this.el('patternFill'),
          attrs: [['patternType', 'solid']],
          children: [
            { name: this.el('fgColor'), attrs: [['rgb', argb]], children: [] },
            { name: this.el('bgColor'), attrs: [['indexed', '64']], children: [] },
          ],
        },
      ],
    });
  }

  /** A cell format (cellXfs index) like `base` with the changes made. */
  xf(base: number, change: XfChange): number {
    const node = this.baseNode('cellXfs', base, () => ({
      name: this.el('xf'),
      attrs: [
        ['numFmtId', '0'],
        ['fontId', '0'],
        ['fillId', '0'],
        ['borderId', '0'],
        ['xfId', '0'],
      ],
      children: [],
    }));
    if (change.numFmt !== undefined) {
      const id = this.numFmtId(change.numFmt);
      setAttr(node, 'numFmtId', String(id));
      if (id === 0) removeAttr(node, 'applyNumberFormat');
      else setAttr(node, 'applyNumberFormat', '1');
    }
    if (change.font) {
      const baseFont = Number(getAttr(node, 'fontId') ?? '0');
      setAttr(node, 'fontId', String(this.font(Number.isInteger(baseFont) ? baseFont : 0, change.font)));
      setAttr(node, 'applyFont', '1');
    }
    if (change.fill !== undefined) {
      setAttr(node, 'fillId', String(this.solidFill(change.fill)));
      setAttr(node, 'applyFill', '1');
    }
    if (change.wrap !== undefined || change.vertical !== undefined) {
      let al = childElements(node, 'alignment')[0];
      if (!al) {
        al = { name: this.el('alignment'), attrs: [], children: [] };
        node.children.unshift(al);
      }
      if (change.vertical !== undefined) setAttr(al, 'vertical', change.vertical);
      if (change.wrap !== undefined) {
        if (change.wrap) setAttr(al, 'wrapText', '1');
        else removeAttr(al, 'wrapText');
      }
      setAttr(node, 'applyAlignment', '1');
    }
    return this.findOrAppend('cellXfs', node);
  }

  /** A differential format (dxfs index) for a conditional format. */
  dxf(style: CellStyle): number {
    const children: XNode[] = [];
    if (style.bold || style.font) {
      const font: XNode = { name: this.el('font'), attrs: [], children: [] };
      if (style.bold) font.children.push({ name: this.el('b'), attrs: [], children: [] });
      if (style.font) font.children.push({ name: this.el('color'), attrs: [['rgb', colourArgb(style.font)]], children: [] });
      children.push(font);
    }
    if (style.fill) {
      children.push({
        name: this.el('fill'),
        attrs: [],
        children: [
          {
            name: this.el('patternFill'),
            attrs: [],
            children: [{ name: this.el('bgColor'), attrs: [['rgb', colourArgb(style.fill)]], children: [] }],
          },
        ],
      });
    }
    return this.findOrAppend('dxfs', { name: this.el('dxf'), attrs: [], children });
  }

  /** How many cell formats there are (original and added). */
  xfCount(): number {
    return this.lists.get('cellXfs')!.nodes.length;
  }

  /** The patched styles.xml, or null when nothing was added. */
  result(): string | null {
    const edits: Edit[] = [];
    const created: { order: number; text: string }[] = [];
    for (const list of this.lists.values()) {
      if (list.appended.length === 0) continue;
      const items = list.appended.join('');
      const count = String(list.nodes.length);
      const span = list.span;
      if (span === null) {
        created.push({
          order: STYLESHEET_ORDER.indexOf(list.name),
          text: `<${this.el(list.name)} count="${count}">${items}</${this.el(list.name)}>`,
        });
        continue;
      }
      const hasCount = /\bcount\s*=/.test(this.xml.slice(span.attrStart, span.attrEnd));
      if (span.selfClosing) {
        // <dxfs count="0"/> → <dxfs count="N">...</dxfs>
        const name = this.xml.slice(span.start + 1, span.attrStart);
        let attrs = this.xml.slice(span.attrStart, span.attrEnd).replace(/\s+$/, '');
        attrs = hasCount ? attrs.replace(/\bcount\s*=\s*("[^"]*"|'[^']*')/, `count="${count}"`) : attrs;
        edits.push({ start: span.start, end: span.openEnd, text: `<${name}${attrs}>${items}</${name}>` });
      } else {
        if (hasCount) edits.push(setAttrEdit(this.xml, span.start, span.attrStart, span.attrEnd, 'count', count));
        edits.push({ start: span.closeStart, end: span.closeStart, text: items });
      }
    }
    for (const c of created.sort((a, b) => a.order - b.order)) {
      const after = this.top.find((t) => {
        const o = STYLESHEET_ORDER.indexOf(t.local);
        return o > c.order;
      });
      const at = after ? after.start : this.rootEnd;
      edits.push({ start: at, end: at, text: c.text });
    }
    if (edits.length === 0) return null;
    return applyEdits(this.xml, edits);
  }
}
