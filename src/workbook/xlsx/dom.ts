/**
 * A tiny element tree for the small subtrees the shell builds or compares
 * (one <xf>, <font>, <dxf>...). Whole user parts are never parsed into this
 * and re-serialised: they are patched as text.
 */
import { Tok, XmlScanner, decodeText, escapeAttr, escapeText } from './xml';

export interface XNode {
  /** Qualified name as written. */
  name: string;
  attrs: [string, string][];
  children: (XNode | string)[];
}

export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Parse the element at the scanner's current start tag (consumes it). */
export function readElement(sc: XmlScanner): XNode {
  const node: XNode = { name: sc.name, attrs: Object.entries(sc.attrs()), children: [] };
  if (sc.selfClosing) return node;
  const stack: XNode[] = [node];
  for (;;) {
    const t = sc.next();
    const top = stack[stack.length - 1];
    if (t === Tok.Eof) throw new Error(`<${node.name}> is not closed`);
    if (t === Tok.Start) {
      const child: XNode = { name: sc.name, attrs: Object.entries(sc.attrs()), children: [] };
      top.children.push(child);
      if (!sc.selfClosing) stack.push(child);
    } else if (t === Tok.End) {
      stack.pop();
      if (stack.length === 0) return node;
    } else if (t === Tok.Text || t === Tok.CData) {
      const text = t === Tok.CData ? sc.text() : decodeText(sc.src.slice(sc.start, sc.end));
      if (text.trim() !== '') top.children.push(text);
    }
  }
}

export function parseElementAt(xml: string, start: number): XNode {
  const sc = new XmlScanner(xml, start);
  if (sc.next() !== Tok.Start) throw new Error('parseElementAt: no element there');
  return readElement(sc);
}

export function serialize(node: XNode): string {
  const attrs = node.attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
  if (node.children.length === 0) return `<${node.name}${attrs}/>`;
  const inner = node.children.map((c) => (typeof c === 'string' ? escapeText(c) : serialize(c))).join('');
  return `<${node.name}${attrs}>${inner}</${node.name}>`;
}

/**
 * A key equal for elements that mean the same: local names, attributes in any
 * order (namespace declarations ignored), children in order, blank text ignored.
 */
export function canonicalKey(node: XNode): string {
  const attrs = node.attrs
    .filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:'))
    .map(([k, v]) => `${localName(k)}=${JSON.stringify(v)}`)
    .sort()
    .join(',');
  const kids = node.children.map((c) => (typeof c === 'string' ? JSON.stringify(c) : canonicalKey(c))).join('');
  return `${localName(node.name)}(${attrs})[${kids}]`;
}

export function getAttr(node: XNode, name: string): string | undefined {
  const hit = node.attrs.find(([k]) => k === name);
  return hit ? hit[1] : undefined;
}

export function setAttr(node: XNode, name: string, value: string): void {
  const hit = node.attrs.find(([k]) => k === name);
  if (hit) hit[1] = value;
  else node.attrs.push([name, value]);
}

export function removeAttr(node: XNode, name: string): void {
  node.attrs = node.attrs.filter(([k]) => k !== name);
}

export function childElements(node: XNode, local?: string): XNode[] {
  return node.children.filter(
    (c): c is XNode => typeof c !== 'string' && (local === undefined || localName(c.name) === local),
  );
}

export function clone(node: XNode): XNode {
  return {
    name: node.name,
    attrs: node.attrs.map(([k, v]) => [k, v] as [string, string]),
    children: node.children.map((c) => (typeof c === 'string' ? c : clone(c))),
  };
}
