/**
 * A small XML scanner with positions, for reading parts and for patching them.
 *
 * It walks the text token by token (start tags, end tags, text, CDATA,
 * comments, processing instructions, DOCTYPE) and reports where each token
 * starts and ends, so that edits can be made as insertions and replacements of
 * spans of the original text: the bytes around them stay exactly as they were.
 * Attribute values may contain '>' and '/' (quotes are respected); names are
 * reported qualified ("x:c") and by local name ("c"), so prefixed SpreadsheetML
 * (as some generators write it) reads like the usual unprefixed kind.
 *
 * It checks only what it needs (tags close, quotes close); it is not a
 * validating parser. Malformed input throws XmlSyntaxError with the offset.
 */

export const enum Tok {
  Start = 1,
  End = 2,
  Text = 3,
  CData = 4,
  Comment = 5,
  PI = 6,
  Doctype = 7,
  Eof = 8,
}

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at character ${offset}`);
  }
}

export interface AttrSpan {
  name: string;
  /** The attribute from its name to its closing quote. */
  start: number;
  end: number;
  /** The raw value (still escaped) lies in [valueStart, valueEnd). */
  valueStart: number;
  valueEnd: number;
}

function isNameEnd(c: number): boolean {
  // whitespace, '/', '>'
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62;
}

export class XmlScanner {
  readonly src: string;
  pos: number;
  kind: Tok = Tok.Eof;
  /** The current token is src[start, end). */
  start = 0;
  end = 0;
  /** Qualified name of a start or end tag. */
  name = '';
  /** Local name (after the prefix). */
  local = '';
  selfClosing = false;
  /** For a start tag: where its attributes lie (after the name, before '>' or '/>'). */
  attrStart = 0;
  attrEnd = 0;

  constructor(src: string, pos = 0) {
    this.src = src;
    this.pos = pos;
  }

  next(): Tok {
    const s = this.src;
    const len = s.length;
    const p = this.pos;
    this.selfClosing = false;
    if (p >= len) {
      this.kind = Tok.Eof;
      this.start = this.end = len;
      return Tok.Eof;
    }
    this.start = p;
    if (s.charCodeAt(p) !== 60) {
      let q = s.indexOf('<', p);
      if (q < 0) q = len;
      this.kind = Tok.Text;
      this.end = this.pos = q;
      return Tok.Text;
    }
    const c1 = s.charCodeAt(p + 1);
    if (c1 === 47) {
      // </name>
      const q = s.indexOf('>', p + 2);
      if (q < 0) throw new XmlSyntaxError('Unclosed end tag', p);
      let nameEnd = p + 2;
      while (nameEnd < q && !isNameEnd(s.charCodeAt(nameEnd))) nameEnd++;
      this.setName(s.slice(p + 2, nameEnd));
      this.kind = Tok.End;
      this.end = this.pos = q + 1;
      return Tok.End;
    }
    if (c1 === 33) {
      if (s.startsWith('<!--', p)) {
        const q = s.indexOf('-->', p + 4);
        if (q < 0) throw new XmlSyntaxError('Unclosed comment', p);
        this.kind = Tok.Comment;
        this.end = this.pos = q + 3;
        return Tok.Comment;
      }
      if (s.startsWith('<![CDATA[', p)) {
        const q = s.indexOf(']]>', p + 9);
        if (q < 0) throw new XmlSyntaxError('Unclosed CDATA section', p);
        this.kind = Tok.CData;
        this.end = this.pos = q + 3;
        return Tok.CData;
      }
      // <!DOCTYPE ...> with an optional [internal subset].
      let i = p + 2;
      let depth = 0;
      while (i < len) {
        const c = s.charCodeAt(i);
        if (c === 34 || c === 39) {
          const q = s.indexOf(c === 34 ? '"' : "'", i + 1);
          if (q < 0) throw new XmlSyntaxError('Unclosed quote in DOCTYPE', i);
          i = q + 1;
          continue;
        }
        if (c === 91) depth++;
        else if (c === 93) depth--;
        else if (c === 62 && depth <= 0) break;
        i++;
      }
      if (i >= len) throw new XmlSyntaxError('Unclosed DOCTYPE', p);
      this.kind = Tok.Doctype;
      this.end = this.pos = i + 1;
      return Tok.Doctype;
    }
    if (c1 === 63) {
      const q = s.indexOf('?>', p + 2);
      if (q < 0) throw new XmlSyntaxError('Unclosed processing instruction', p);
      this.kind = Tok.PI;
      this.end = this.pos = q + 2;
      return Tok.PI;
    }
    // Start tag.
    let i = p + 1;
    while (i < len && !isNameEnd(s.charCodeAt(i))) i++;
    if (i === p + 1) throw new XmlSyntaxError('Tag without a name', p);
    this.setName(s.slice(p + 1, i));
    this.attrStart = i;
    while (i < len) {
      const c = s.charCodeAt(i);
      if (c === 62) break;
      if (c === 34 || c === 39) {
        const q = s.indexOf(c === 34 ? '"' : "'", i + 1);
        if (q < 0) throw new XmlSyntaxError('Unclosed attribute value', i);
        i = q + 1;
        continue;
      }
      i++;
    }
    if (i >= len) throw new XmlSyntaxError('Unclosed start tag', p);
    if (s.charCodeAt(i - 1) === 47) {
      this.selfClosing = true;
      this.attrEnd = i - 1;
    } else {
      this.attrEnd = i;
    }
    this.kind = Tok.Start;
    this.end = this.pos = i + 1;
    return Tok.Start;
  }

  private setName(name: string): void {
    this.name = name;
    const colon = name.indexOf(':');
    this.local = colon < 0 ? name : name.slice(colon + 1);
  }

  /** The prefix of the current tag's name with its colon ("x:"), or "". */
  prefix(): string {
    const colon = this.name.indexOf(':');
    return colon < 0 ? '' : this.name.slice(0, colon + 1);
  }

  /** Attributes of the current start tag with their positions. */
  attrSpans(): AttrSpan[] {
    return parseAttrSpans(this.src, this.attrStart, this.attrEnd);
  }

  /** Attributes of the current start tag, decoded, by qualified name. */
  attrs(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const a of this.attrSpans()) out[a.name] = decodeAttr(this.src.slice(a.valueStart, a.valueEnd));
    return out;
  }

  /** One attribute of the current start tag, decoded, or undefined. Fast path for hot loops. */
  attr(name: string): string | undefined {
    const s = this.src;
    let i = this.attrStart;
    const end = this.attrEnd;
    while (i < end) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) {
        i++;
        continue;
      }
      const eq = s.indexOf('=', i);
      if (eq < 0 || eq >= end) return undefined;
      let nameEnd = eq;
      while (nameEnd > i && isSpace(s.charCodeAt(nameEnd - 1))) nameEnd--;
      let q = eq + 1;
      while (q < end && isSpace(s.charCodeAt(q))) q++;
      const quote = s[q];
      const close = s.indexOf(quote, q + 1);
      if (close < 0) return undefined;
      if (nameEnd - i === name.length && s.startsWith(name, i)) return decodeAttr(s.slice(q + 1, close));
      i = close + 1;
    }
    return undefined;
  }

  /** Decoded text of a Text or CData token. */
  text(): string {
    if (this.kind === Tok.CData) return this.src.slice(this.start + 9, this.end - 3);
    return decodeText(this.src.slice(this.start, this.end));
  }

  /**
   * After a start tag that is not self-closing: move past its matching end tag.
   * Returns the end offset of the whole element.
   */
  skipElement(): number {
    if (this.kind !== Tok.Start) throw new Error('skipElement: not at a start tag');
    if (this.selfClosing) return this.end;
    let depth = 1;
    const at = this.start;
    for (;;) {
      const t = this.next();
      if (t === Tok.Eof) throw new XmlSyntaxError('Element not closed', at);
      if (t === Tok.Start) {
        if (!this.selfClosing) depth++;
      } else if (t === Tok.End) {
        depth--;
        if (depth === 0) return this.end;
      }
    }
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

export function parseAttrSpans(s: string, start: number, end: number): AttrSpan[] {
  const out: AttrSpan[] = [];
  let i = start;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const eq = s.indexOf('=', i);
    if (eq < 0 || eq >= end) break;
    let nameEnd = eq;
    while (nameEnd > i && isSpace(s.charCodeAt(nameEnd - 1))) nameEnd--;
    let q = eq + 1;
    while (q < end && isSpace(s.charCodeAt(q))) q++;
    const quote = s[q];
    if (quote !== '"' && quote !== "'") throw new XmlSyntaxError('Attribute value without quotes', q);
    const close = s.indexOf(quote, q + 1);
    if (close < 0 || close >= end + 1) throw new XmlSyntaxError('Unclosed attribute value', q);
    out.push({ name: s.slice(i, nameEnd), start: i, end: close + 1, valueStart: q + 1, valueEnd: close });
    i = close + 1;
  }
  return out;
}

// ---------------------------------------------------------------- escaping

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code < 0 || code > 0x10ffff) return m;
      return String.fromCodePoint(code);
    }
    return NAMED[body] ?? m;
  });
}

/** Text content: entities decoded, line ends normalised as an XML parser does. */
export function decodeText(raw: string): string {
  let s = raw;
  if (s.indexOf('\r') >= 0) s = s.replace(/\r\n?/g, '\n');
  return decodeEntities(s);
}

/** An attribute value: entities decoded, literal whitespace normalised to spaces as an XML parser does. */
export function decodeAttr(raw: string): string {
  let s = raw;
  if (/[\t\n\r]/.test(s)) s = s.replace(/\r\n|[\t\n\r]/g, ' ');
  return decodeEntities(s);
}

/** Characters XML 1.0 does not allow: C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates. */
// eslint-disable-next-line no-control-regex
const ILLEGAL_BMP = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const SURROGATE = /[\uD800-\uDFFF]/;

export function stripIllegalXmlChars(s: string): string {
  let out = s.replace(ILLEGAL_BMP, '');
  if (!SURROGATE.test(out)) return out;
  let r = '';
  for (let i = 0; i < out.length; i++) {
    const c = out.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = out.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        r += out[i] + out[i + 1];
        i++;
      }
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) continue;
    r += out[i];
  }
  out = r;
  return out;
}

export function escapeText(s: string): string {
  return stripIllegalXmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return stripIllegalXmlChars(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/**
 * SpreadsheetML's own escape for characters in cell text (ST_Xstring): "_x000D_"
 * stands for U+000D. Excel decodes these in shared and inline strings, table
 * column names and so on; a literal "_x0041_" in text is written "_x005F_x0041_".
 */
export function decodeXstring(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Cell text to write: a literal "_xHHHH_" is protected, CR is written as
 * "_x000D_" (XML would turn it into LF), and characters XML cannot hold are dropped.
 */
export function encodeXstring(s: string): string {
  let out = s.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  out = out.replace(/\r/g, '_x000D_');
  return stripIllegalXmlChars(out);
}

// ---------------------------------------------------------------- edits

/** A change to a span of a part's original text. An insertion has start === end. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Apply edits to the original text. Edits must not overlap; insertions at the
 * same offset keep the order they were given in, and come before a replacement
 * starting at that offset.
 */
export function applyEdits(src: string, edits: readonly Edit[]): string {
  if (edits.length === 0) return src;
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.start - b.e.start || (a.e.end - a.e.start) - (b.e.end - b.e.start) || a.i - b.i)
    .map((x) => x.e);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error(`Overlapping edits at ${e.start}`);
    parts.push(src.slice(at, e.start), e.text);
    at = e.end;
  }
  parts.push(src.slice(at));
  return parts.join('');
}

/** A start tag's text with one attribute set (replaced in place when present, else appended). */
export function setAttrEdit(
  src: string,
  tagStart: number,
  attrStart: number,
  attrEnd: number,
  name: string,
  value: string,
): Edit {
  for (const a of parseAttrSpans(src, attrStart, attrEnd)) {
    if (a.name === name) return { start: a.valueStart, end: a.valueEnd, text: escapeAttr(value) };
  }
  void tagStart;
  return { start: attrEnd, end: attrEnd, text: ` ${name}="${escapeAttr(value)}"` };
}
