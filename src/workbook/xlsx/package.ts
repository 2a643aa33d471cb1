/**
 * An opened .xlsx package: the zip, the content types, the workbook part and
 * its sheets. This is the opaque handle `readWorkbook` returns for `applyPlan`;
 * it is never changed after it is opened (applying a plan builds new bytes).
 */
import type { SheetVisibility } from '../../core/types';
import { XlsxError } from './errors';
import {
  ContentTypes,
  Relationship,
  contentTypeOf,
  parseContentTypes,
  parseRels,
  relKind,
  relsPathFor,
} from './opc';
import { StylesInfo, readStyles } from './styles';
import { ZipArchive, ZipEntry } from './zip';
import { Tok, XmlScanner, XmlSyntaxError, decodeXstring } from './xml';

export type SheetKind = 'worksheet' | 'chartsheet' | 'dialogsheet' | 'macrosheet' | 'unknown';

export interface SheetInfo {
  name: string;
  sheetId: number;
  /** The relationship id in workbook.xml.rels. */
  rId: string;
  visibility: SheetVisibility;
  /** Index in workbook.xml <sheets> (what localSheetId and activeTab count). */
  index: number;
  kind: SheetKind;
  /** The sheet's part, or null when its relationship is missing. */
  path: string | null;
}

/** How a part's bytes were encoded, so a patched part is written back the same way. */
interface TextEncoding {
  bom: boolean;
  utf16: 'le' | 'be' | null;
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const utf8Encoder = new TextEncoder();

export class XlsxPackage {
  readonly zip: ZipArchive;
  readonly contentTypes: ContentTypes;
  readonly workbookPath: string;
  readonly workbookRels: Relationship[];
  readonly sheets: SheetInfo[];
  readonly date1904: boolean;
  private readonly definedNameList: string[];
  /** The workbook's structure is protected (<workbookProtection lockStructure="1">): no sheets added or removed. */
  readonly structureLocked: boolean;
  /** Strict Open XML (ISO/IEC 29500 Strict) namespaces: readable, not writable here. */
  readonly strict: boolean;
  /** Things worth telling the user that did not stop the read. */
  readonly warnings: string[] = [];

  private readonly textCache = new Map<string, string>();
  private readonly encodings = new Map<string, TextEncoding>();
  private sharedStringsCache: string[] | null = null;
  private stylesCache: StylesInfo | null = null;

  private constructor(zip: ZipArchive) {
    this.zip = zip;
    const ctXml = this.textOrNull('[Content_Types].xml');
    if (ctXml === null) {
      throw new XlsxError('not-xlsx', 'This file is a zip archive but not an Excel workbook (it has no [Content_Types].xml).');
    }
    this.contentTypes = this.parse('[Content_Types].xml', () => parseContentTypes(ctXml));
    const rootRelsXml = this.textOrNull('_rels/.rels');
    const rootRels = rootRelsXml ? this.parse('_rels/.rels', () => parseRels(rootRelsXml, '')) : [];
    const officeDoc = rootRels.find((r) => relKind(r.type) === 'officeDocument' && !r.external);
    let workbookPath = officeDoc && zip.has(officeDoc.path) ? officeDoc.path : 'xl/workbook.xml';
    if (!zip.has(workbookPath)) {
      if (zip.has('xl/workbook.bin')) {
        throw new XlsxError('not-xlsx', 'This is an Excel binary workbook (.xlsb): open it in Excel and save it as .xlsx, then try again.');
      }
      if (zip.has('content.xml') && zip.has('mimetype')) {
        throw new XlsxError('not-xlsx', 'This is an OpenDocument spreadsheet (.ods): save it as an Excel workbook (.xlsx), then try again.');
      }
      if (zip.has('word/document.xml') || zip.has('ppt/presentation.xml')) {
        throw new XlsxError('not-xlsx', 'This is a Word or PowerPoint file, not an Excel workbook.');
      }
      throw new XlsxError('not-xlsx', 'This file is a zip archive but not an Excel workbook (it has no xl/workbook.xml).');
    }
    workbookPath = zip.get(workbookPath)!.name;
    this.workbookPath = workbookPath;
    const relsPath = relsPathFor(workbookPath);
    const relsXml = this.textOrNull(relsPath);
    this.workbookRels = relsXml ? this.parse(relsPath, () => parseRels(relsXml, workbookPath)) : [];

    const wb = this.parse(workbookPath, () => parseWorkbook(this.text(workbookPath)));
    this.date1904 = wb.date1904;
    this.definedNameList = wb.definedNames;
    this.strict = wb.strict;
    this.structureLocked = wb.structureLocked;
    this.sheets = wb.sheets.map((s, index) => {
      const rel = this.workbookRels.find((r) => r.id === s.rId);
      const path = rel && !rel.external && zip.has(rel.path) ? zip.get(rel.path)!.name : null;
      let kind: SheetKind = 'unknown';
      if (rel) {
        const k = relKind(rel.type);
        if (k === 'worksheet' || k === 'chartsheet' || k === 'dialogsheet' || k === 'macrosheet') kind = k;
        else if (k === 'xlMacrosheet' || k === 'xlIntlMacrosheet') kind = 'macrosheet';
      }
      if (path && kind === 'unknown') {
        const ct = contentTypeOf(this.contentTypes, path) ?? '';
        if (ct.includes('worksheet')) kind = 'worksheet';
      }
      if (!path) this.warnings.push(`Sheet "${s.name}" has no part in the package; it is skipped.`);
      return { ...s, index, kind, path };
    });
    if (this.sheets.length === 0) {
      throw new XlsxError('no-sheets', 'This workbook has no sheets, so there is nothing to refresh. It may be damaged: open it in Excel, check it, and save it again.');
    }
  }

  static open(zip: ZipArchive): XlsxPackage {
    return new XlsxPackage(zip);
  }

  private parse<T>(part: string, f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof XlsxError) throw e;
      if (e instanceof XmlSyntaxError) throw new XlsxError('corrupt', `The workbook file is damaged: the part "${part}" is not well-formed XML (${e.message}).`);
      throw e;
    }
  }

  entry(path: string): ZipEntry | undefined {
    return this.zip.get(path);
  }

  has(path: string): boolean {
    return this.zip.has(path);
  }

  bytes(path: string): Uint8Array {
    const e = this.zip.get(path);
    if (!e) throw new XlsxError('corrupt', `The workbook file is damaged: the part "${path}" is missing.`);
    return this.zip.inflate(e);
  }

  /** A part's text (decoded once, then cached). */
  text(path: string): string {
    const key = path.toLowerCase();
    const cached = this.textCache.get(key);
    if (cached !== undefined) return cached;
    const bytes = this.bytes(path);
    let text: string;
    const enc: TextEncoding = { bom: false, utf16: null };
    if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
      enc.utf16 = 'le';
      text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
    } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
      enc.utf16 = 'be';
      text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
    } else {
      enc.bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      text = utf8.decode(enc.bom ? bytes.subarray(3) : bytes);
    }
    this.textCache.set(key, text);
    this.encodings.set(key, enc);
    return text;
  }

  textOrNull(path: string): string | null {
    return this.zip.has(path) ? this.text(path) : null;
  }

  /** Bytes for a patched version of an existing part, encoded as the original was (UTF-16 parts become UTF-8). */
  encode(path: string, text: string): Uint8Array {
    const enc = this.encodings.get(path.toLowerCase());
    let t = text;
    if (enc?.utf16) t = t.replace(/^(<\?xml[^>]*encoding\s*=\s*["'])UTF-16(["'])/i, '$1UTF-8$2');
    const body = utf8Encoder.encode(t);
    if (!enc?.bom) return body;
    const out = new Uint8Array(body.length + 3);
    out.set([0xef, 0xbb, 0xbf]);
    out.set(body, 3);
    return out;
  }

  relsOf(part: string): Relationship[] {
    const rp = relsPathFor(part);
    const xml = this.textOrNull(rp);
    return xml ? this.parse(rp, () => parseRels(xml, part)) : [];
  }

  /** The part a workbook-level relationship of this kind points at ("styles", "sharedStrings"). */
  workbookPart(kind: string): string | null {
    const rel = this.workbookRels.find((r) => relKind(r.type) === kind && !r.external);
    return rel && this.zip.has(rel.path) ? this.zip.get(rel.path)!.name : null;
  }

  /** The workbook's defined names, as workbook.xml lists them when the package was opened. */
  definedNames(): string[] {
    return this.definedNameList.slice();
  }

  sharedStrings(): string[] {
    if (this.sharedStringsCache) return this.sharedStringsCache;
    const path = this.workbookPart('sharedStrings');
    const xml = path ? this.text(path) : null;
    this.sharedStringsCache = xml ? this.parse(path!, () => parseSharedStrings(xml)) : [];
    return this.sharedStringsCache;
  }

  styles(): StylesInfo {
    if (this.stylesCache) return this.stylesCache;
    const path = this.workbookPart('styles');
    const xml = path ? this.text(path) : null;
    this.stylesCache = this.parse(path ?? 'styles', () => readStyles(xml));
    return this.stylesCache;
  }

  /** Run a parse of a part, turning XML syntax errors into a 'corrupt' XlsxError. */
  parsePart<T>(part: string, f: () => T): T {
    return this.parse(part, f);
  }
}

interface WorkbookXml {
  sheets: { name: string; sheetId: number; rId: string; visibility: SheetVisibility }[];
  /** The names of <definedNames> (workbook and sheet scoped alike). */
  definedNames: string[];
  date1904: boolean;
  strict: boolean;
  structureLocked: boolean;
}

function parseWorkbook(xml: string): WorkbookXml {
  const sc = new XmlScanner(xml);
  const sheets: WorkbookXml['sheets'] = [];
  const definedNames: string[] = [];
  let date1904 = false;
  let strict = false;
  let structureLocked = false;
  let depth = 0;
  let inSheets = false;
  for (let t = sc.next(); t !== Tok.Eof; t = sc.next()) {
    if (t === Tok.Start) {
      depth++;
      if (depth === 1) {
        const attrs = sc.attrs();
        strict = Object.values(attrs).includes('http://purl.oclc.org/ooxml/spreadsheetml/main');
      } else if (depth === 2 && sc.local === 'workbookPr') {
        const v = sc.attr('date1904');
        date1904 = v === '1' || v === 'true';
      } else if (depth === 2 && sc.local === 'workbookProtection') {
        const v = sc.attr('lockStructure');
        structureLocked = v === '1' || v === 'true';
      } else if (depth === 2 && sc.local === 'sheets') {
        inSheets = true;
      } else if (depth === 3 && sc.local === 'definedName') {
        const name = sc.attr('name');
        if (name) definedNames.push(name);
      } else if (depth === 3 && inSheets && sc.local === 'sheet') {
        const a = sc.attrs();
        const rIdKey = Object.keys(a).find((k) => k === 'id' || k.endsWith(':id')) ?? 'r:id';
        const state = a.state;
        sheets.push({
          name: a.name ?? '',
          sheetId: Number(a.sheetId ?? '0'),
          rId: a[rIdKey] ?? '',
          visibility: state === 'hidden' ? 'hidden' : state === 'veryHidden' ? 'veryHidden' : 'visible',
        });
      }
      if (sc.selfClosing) {
        if (depth === 2 && sc.local === 'sheets') inSheets = false;
        depth--;
      }
    } else if (t === Tok.End) {
      if (depth === 2 && sc.local === 'sheets') inSheets = false;
      depth--;
    }
  }
  return { sheets, definedNames, date1904, strict, structureLocked };
}

/** Shared strings: plain or rich text (runs joined), phonetic runs (<rPh>) left out, "_xHHHH_" decoded. */
export function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  const sc = new XmlScanner(xml);
  for (let t = sc.next(); t !== Tok.Eof; t = sc.next()) {
    if (t === Tok.Start && sc.local === 'si') out.push(sc.selfClosing ? '' : readStringItem(sc));
  }
  return out;
}

/**
 * At a start tag of a string item (<si>, <is>): the text of its <t> children
 * and of <r><t> runs, skipping <rPh> phonetic runs. Consumes up to the end tag.
 */
export function readStringItem(sc: XmlScanner): string {
  let text = '';
  let depth = 1;
  let inT = false;
  let skipDepth = 0;
  for (;;) {
    const t = sc.next();
    if (t === Tok.Eof) throw new XmlSyntaxError('String item not closed', sc.start);
    if (t === Tok.Start) {
      if (sc.selfClosing) continue;
      depth++;
      if (skipDepth) continue;
      if (sc.local === 'rPh' || sc.local === 'phoneticPr') skipDepth = depth;
      else if (sc.local === 't') inT = true;
    } else if (t === Tok.End) {
      if (skipDepth === depth) skipDepth = 0;
      if (sc.local === 't') inT = false;
      depth--;
      if (depth === 0) return decodeXstring(text);
    } else if ((t === Tok.Text || t === Tok.CData) && inT && !skipDepth) {
      text += sc.text();
    }
  }
}
