/**
 * Editing the package-level parts as text: workbook.xml (sheets, defined
 * names, book views), relationship parts and [Content_Types].xml. As with the
 * sheets, only the elements and attributes that change are touched.
 */
import { XlsxError } from './errors';
import { NS, normalisePath, parseRels, relsPathFor } from './opc';
import { XlsxPackage } from './package';
import { ZipOutputItem, writeZip } from './zip';
import { AttrSpan, Edit, Tok, XmlScanner, applyEdits, decodeAttr, escapeAttr } from './xml';

const encoder = new TextEncoder();

/** The parts of the package as a plan changes them; the source package is never changed. */
export class PartWriter {
  readonly pkg: XlsxPackage;
  private readonly changed = new Map<string, { path: string; text: string }>();
  private readonly removed = new Set<string>();
  private readonly added = new Map<string, { path: string; text: string }>();

  constructor(pkg: XlsxPackage) {
    this.pkg = pkg;
  }

  exists(path: string): boolean {
    const k = path.toLowerCase();
    if (this.added.has(k)) return true;
    return this.pkg.has(path) && !this.removed.has(k);
  }

  /** Current text of a part. */
  text(path: string): string {
    const k = path.toLowerCase();
    const a = this.added.get(k) ?? this.changed.get(k);
    if (a) return a.text;
    if (this.removed.has(k)) throw new Error(`Part ${path} was removed`);
    return this.pkg.text(path);
  }

  /** Write a part: an existing one keeps its place in the zip, a new one goes at the end. */
  put(path: string, text: string): void {
    const k = path.toLowerCase();
    if (this.pkg.has(path)) {
      this.removed.delete(k);
      const original = this.pkg.entry(path)!.name;
      this.changed.set(k, { path: original, text });
    } else {
      this.added.set(k, { path, text });
    }
  }

  remove(path: string): void {
    const k = path.toLowerCase();
    this.added.delete(k);
    this.changed.delete(k);
    if (this.pkg.has(path)) this.removed.add(k);
  }

  isRemoved(path: string): boolean {
    return this.removed.has(path.toLowerCase());
  }

  isAdded(path: string): boolean {
    return this.added.has(path.toLowerCase());
  }

  /** Every part path as the package will hold it. */
  paths(): string[] {
    const out: string[] = [];
    for (const e of this.pkg.zip.entries) if (!this.removed.has(e.name.toLowerCase())) out.push(e.name);
    for (const a of this.added.values()) out.push(a.path);
    return out;
  }

  build(): Uint8Array {
    const items: ZipOutputItem[] = [];
    const zip = this.pkg.zip;
    for (const entry of zip.entries) {
      const k = entry.name.toLowerCase();
      if (this.removed.has(k)) continue;
      const c = this.changed.get(k);
      if (c && c.text !== this.pkg.text(entry.name)) {
        items.push({ kind: 'data', name: entry.name, data: this.pkg.encode(entry.name, c.text), like: entry });
      } else {
        items.push({ kind: 'raw', archive: zip, entry });
      }
    }
    for (const a of this.added.values()) items.push({ kind: 'data', name: a.path, data: encoder.encode(a.text) });
    return writeZip(items, zip.comment);
  }
}

// ---------------------------------------------------------------- generic element index

export interface El {
  local: string;
  start: number;
  openEnd: number;
  end: number;
  closeStart: number;
  attrStart: number;
  attrEnd: number;
  selfClosing: boolean;
  attrs: Record<string, string>;
  spans: AttrSpan[];
  depth: number;
}

/** Every element of a (small) part with its spans and attributes, in document order. */
export function indexElements(xml: string): El[] {
  const out: El[] = [];
  const stack: El[] = [];
  const sc = new XmlScanner(xml);
  for (let t = sc.next(); t !== Tok.Eof; t = sc.next()) {
    if (t === Tok.Start) {
      const spans = sc.attrSpans();
      const attrs: Record<string, string> = {};
      for (const a of spans) attrs[a.name] = decodeAttr(xml.slice(a.valueStart, a.valueEnd));
      const el: El = {
        local: sc.local,
        start: sc.start,
        openEnd: sc.end,
        end: sc.end,
        closeStart: sc.end,
        attrStart: sc.attrStart,
        attrEnd: sc.attrEnd,
        selfClosing: sc.selfClosing,
        attrs,
        spans,
        depth: stack.length,
      };
      out.push(el);
      if (!sc.selfClosing) stack.push(el);
    } else if (t === Tok.End) {
      const el = stack.pop();
      if (el) {
        el.closeStart = sc.start;
        el.end = sc.end;
      }
    }
  }
  return out;
}

export function prefixOf(xml: string, el: El): string {
  const name = xml.slice(el.start + 1, el.attrStart);
  const i = name.indexOf(':');
  return i < 0 ? '' : name.slice(0, i + 1);
}

/** An edit setting an attribute (replacing its value, or adding it). */
export function attrEdit(el: El, name: string, value: string): Edit {
  const a = el.spans.find((s) => s.name === name);
  if (a) return { start: a.valueStart, end: a.valueEnd, text: escapeAttr(value) };
  return { start: el.attrEnd, end: el.attrEnd, text: ` ${name}="${escapeAttr(value)}"` };
}

/** The attribute removed, with the whitespace before it. */
export function removeAttrEdit(xml: string, el: El, name: string): Edit | null {
  const a = el.spans.find((s) => s.name === name);
  if (!a) return null;
  let start = a.start;
  while (start > el.attrStart && /\s/.test(xml[start - 1])) start--;
  return { start, end: a.end, text: '' };
}

/** Content inserted as the last children of an element (turning <x/> into <x>...</x> if needed). */
export function appendChildEdit(xml: string, el: El, text: string): Edit {
  if (!el.selfClosing) return { start: el.closeStart, end: el.closeStart, text };
  const name = xml.slice(el.start + 1, el.attrStart);
  return { start: el.attrEnd, end: el.openEnd, text: `>${text}</${name}>` };
}

/** The prefix bound to a namespace on an element ("r"), or null. */
export function namespacePrefix(el: El, uri: string): string | null {
  for (const [k, v] of Object.entries(el.attrs)) if (k.startsWith('xmlns:') && v === uri) return k.slice(6);
  return null;
}

// ---------------------------------------------------------------- relationships

export interface NewRel {
  id: string;
  type: string;
  target: string;
}

/** Fresh relationship ids ("rId7") not used in the part. */
export function freshRelIds(relsXml: string | null, count: number): string[] {
  const used = new Set<string>();
  let max = 0;
  if (relsXml) {
    for (const r of parseRels(relsXml, '')) {
      used.add(r.id);
      const m = /^rId(\d+)$/.exec(r.id);
      if (m) max = Math.max(max, Number(m[1]));
    }
  }
  const out: string[] = [];
  for (let n = max + 1; out.length < count; n++) if (!used.has(`rId${n}`)) out.push(`rId${n}`);
  return out;
}

/** A relationships part with some relationships removed (by id) and some added. */
export function editRels(xml: string | null, removeIds: Set<string>, add: NewRel[]): string | null {
  if (xml === null) {
    if (add.length === 0) return null;
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
      `<Relationships xmlns="${NS.rels}">${add.map(relXml('')).join('')}</Relationships>`
    );
  }
  const els = indexElements(xml);
  const root = els[0];
  if (!root) throw new XlsxError('corrupt', 'A relationships part is empty.');
  const p = prefixOf(xml, root);
  const edits: Edit[] = [];
  for (const el of els) if (el.local === 'Relationship' && removeIds.has(el.attrs.Id ?? '')) edits.push({ start: el.start, end: el.end, text: '' });
  if (add.length) edits.push(appendChildEdit(xml, root, add.map(relXml(p)).join('')));
  return applyEdits(xml, edits);
}

function relXml(p: string): (r: NewRel) => string {
  return (r) => `<${p}Relationship Id="${escapeAttr(r.id)}" Type="${escapeAttr(r.type)}" Target="${escapeAttr(r.target)}"/>`;
}

// ---------------------------------------------------------------- content types

export function editContentTypes(xml: string, removeParts: string[], addOverrides: { path: string; type: string }[]): string {
  const els = indexElements(xml);
  const root = els[0];
  const p = prefixOf(xml, root);
  const remove = new Set(removeParts.map((x) => normalisePath(x).toLowerCase()));
  const edits: Edit[] = [];
  let hasRelsDefault = false;
  for (const el of els) {
    if (el.local === 'Override' && remove.has(normalisePath(el.attrs.PartName ?? '').toLowerCase())) {
      edits.push({ start: el.start, end: el.end, text: '' });
    }
    if (el.local === 'Default' && (el.attrs.Extension ?? '').toLowerCase() === 'rels') hasRelsDefault = true;
  }
  let text = '';
  if (!hasRelsDefault && addOverrides.length) {
    text += `<${p}Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`;
  }
  text += addOverrides.map((o) => `<${p}Override PartName="/${escapeAttr(o.path)}" ContentType="${escapeAttr(o.type)}"/>`).join('');
  if (text) edits.push(appendChildEdit(xml, root, text));
  return applyEdits(xml, edits);
}

/** Every part reachable only through the given parts' relationships (and those parts' own rels). */
export function exclusiveDescendants(writer: PartWriter, roots: string[]): string[] {
  // Who points at whom, over the package as it stands.
  const refs = new Map<string, Set<string>>();
  const relsOfPart = new Map<string, string[]>();
  for (const path of writer.paths()) {
    if (!path.toLowerCase().endsWith('.rels')) continue;
    const m = /^(.*?)_rels\/([^/]*)\.rels$/i.exec(path);
    if (!m) continue;
    const source = `${m[1]}${m[2]}`;
    let rels;
    try {
      rels = parseRels(writer.text(path), source);
    } catch {
      continue;
    }
    const targets: string[] = [];
    for (const r of rels) {
      if (r.external || !r.path) continue;
      const k = r.path.toLowerCase();
      if (!refs.has(k)) refs.set(k, new Set());
      refs.get(k)!.add(source.toLowerCase());
      targets.push(r.path);
    }
    relsOfPart.set(source.toLowerCase(), targets);
  }
  const gone = new Set<string>(roots.map((r) => r.toLowerCase()));
  const out: string[] = [];
  const queue = [...roots];
  while (queue.length) {
    const part = queue.shift()!;
    const rp = relsPathFor(part);
    if (writer.exists(rp) && !gone.has(rp.toLowerCase())) {
      gone.add(rp.toLowerCase());
      out.push(rp);
    }
    for (const target of relsOfPart.get(part.toLowerCase()) ?? []) {
      const k = target.toLowerCase();
      if (gone.has(k) || !writer.exists(target)) continue;
      const sources = refs.get(k) ?? new Set();
      if ([...sources].every((s) => gone.has(s))) {
        gone.add(k);
        out.push(target);
        queue.push(target);
      }
    }
  }
  return out;
}
