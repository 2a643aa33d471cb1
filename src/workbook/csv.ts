/**
 * CSV input: a performance return exported as CSV (UTF-8 with or without a BOM,
 * Windows-1252 from older Excel, CRLF, LF or old Mac CR line endings) becomes a
 * one-sheet .xlsx package, which then goes through the same file shell as any
 * workbook. The result is always written as .xlsx. Bytes in, bytes out: runs in
 * Node and in the browser.
 */
import { zipSync, strToU8 } from 'fflate';
import { fmt, messages } from '../core/messages';
import type { CellValue } from '../core/types';
import { readWorkbook, type XlsxWorkbook } from './xlsx';

/** Windows-1252 code points for bytes 0x80-0x9F (the rest of the range is Latin-1). */
const CP1252 = [
  0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd,
  0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
];

export interface DecodedCsv {
  text: string;
  /** 'mixed': UTF-8 with some bytes that are not, read as Windows-1252 (see `badLines`). */
  encoding: 'utf-8' | 'windows-1252' | 'mixed';
  /** Lines (from 1) holding bytes that are not valid UTF-8, when the rest of the file is UTF-8. */
  badLines: number[];
  /** A little of the text around the first such byte, as read. */
  sample: string;
}

/** The length of the valid UTF-8 sequence at `i` (1 to 4), or 0 when the byte there does not start one. */
function utf8Length(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

function cp1252(b: number): string {
  return String.fromCharCode(b >= 0x80 && b <= 0x9f ? CP1252[b - 0x80]! : b);
}

/**
 * Decodes CSV bytes. Valid UTF-8 (a BOM is dropped) is UTF-8. A file without a BOM whose
 * bytes beyond ASCII are mostly not UTF-8 is Windows-1252 (older Excel). A file that is
 * UTF-8 but for a few stray bytes (or has a UTF-8 BOM) stays UTF-8 where it is valid; only
 * the bytes that are not are read as Windows-1252, and the lines holding them are listed
 * in `badLines`.
 */
export function decodeCsv(bytes: Uint8Array): DecodedCsv {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const body = bytes.subarray(start);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8', badLines: [], sample: '' };
  } catch {
    // some bytes are not UTF-8: is any of the file UTF-8 beyond ASCII?
  }
  // Which reading explains the file better: count the UTF-8 sequences beyond ASCII and the bytes that fit none.
  let utf8Sequences = 0;
  let strays = 0;
  for (let i = 0; i < body.length; ) {
    const len = utf8Length(body, i);
    if (len > 1) utf8Sequences++;
    else if (len === 0) strays++;
    i += Math.max(1, len);
  }
  if (start === 0 && utf8Sequences < strays) {
    let out = '';
    for (let i = 0; i < body.length; i++) out += cp1252(body[i]!);
    return { text: out, encoding: 'windows-1252', badLines: [], sample: '' };
  }
  const utf8 = new TextDecoder('utf-8');
  const pieces: string[] = [];
  const badLines: number[] = [];
  let firstBad = -1;
  let line = 1;
  let runStart = 0;
  for (let i = 0; i < body.length; ) {
    const c = body[i]!;
    if (c === 0x0d || (c === 0x0a && (i === 0 || body[i - 1] !== 0x0d))) line++;
    const len = utf8Length(body, i);
    if (len > 0) {
      i += len;
      continue;
    }
    if (runStart < i) pieces.push(utf8.decode(body.subarray(runStart, i)));
    if (firstBad < 0) firstBad = pieces.join('').length;
    pieces.push(cp1252(c));
    if (badLines[badLines.length - 1] !== line) badLines.push(line);
    i++;
    runStart = i;
  }
  if (runStart < body.length) pieces.push(utf8.decode(body.subarray(runStart)));
  const text = pieces.join('');
  const lineStart = Math.max(0, text.lastIndexOf('\n', firstBad) + 1, text.lastIndexOf('\r', firstBad) + 1, firstBad - 20);
  const lineEnd = text.slice(firstBad, firstBad + 20).search(/[\r\n]/);
  const sample = text.slice(lineStart, lineEnd < 0 ? firstBad + 20 : firstBad + lineEnd);
  return { text, encoding: 'mixed', badLines, sample };
}

/** Splits CSV text into rows of fields (RFC 4180 quoting; any of CRLF, LF, CR ends a record; a delimiter is guessed from the first line). */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/[\r\n]|$/));
  const delimiter = [',', ';', '\t'].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const PLAIN_NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A CSV field as it goes into the workbook: a plain number becomes a number only when it
 * reads back exactly as typed ("40.8"); "1.10", "007" and everything else stay text, so
 * nothing the user wrote is changed.
 */
export function csvValue(field: string): CellValue {
  if (field === '') return null;
  if (PLAIN_NUMBER.test(field)) {
    const n = Number(field);
    if (Number.isFinite(n) && String(n) === field) return n;
  }
  return field;
}

/** The most characters an Excel cell holds. */
export const MAX_CELL_TEXT = 32767;

/** Characters XML 1.0 cannot hold. */
function dropXmlInvalid(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

function escapeXml(s: string): string {
  return dropXmlInvalid(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Excel's sheet name rules: at most 31 characters, none of \ / ? * [ ] :. */
export function sheetNameFor(fileName: string): string {
  const base = fileName.replace(/\.[^.]*$/, '').replace(/[\\/?*[\]:]/g, '_').trim() || 'Sheet1';
  return base.slice(0, 31).replace(/^'|'$/g, '_');
}

/** "line 3", "lines 3, 7 and 12", "lines 3, 7, 12 … and 40 more". */
function linesText(lines: number[]): string {
  const t = messages.cli;
  if (lines.length === 1) return fmt(t.csvLine, { line: lines[0]! });
  const shown = lines.slice(0, 10);
  const list = lines.length > shown.length ? fmt(t.csvMoreLines, { list: shown.join(', '), count: lines.length - shown.length }) : fmt(t.csvLastLine, { list: shown.slice(0, -1).join(', '), last: shown[shown.length - 1]! });
  return fmt(t.csvLines, { list });
}

/** Text cut to Excel's limit, without splitting a character made of two UTF-16 units. */
function cutToCell(text: string): string {
  let end = MAX_CELL_TEXT;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return text.slice(0, end);
}

/**
 * Builds a minimal, valid .xlsx package holding the CSV's cells on one sheet (text stays
 * text: inline strings), with what the reading changed: bytes that were not UTF-8, and
 * text longer than a cell holds (cut).
 */
export function csvPackage(bytes: Uint8Array, fileName = 'data.csv'): { bytes: Uint8Array; warnings: string[] } {
  const decoded = decodeCsv(bytes);
  const warnings: string[] = [];
  if (decoded.badLines.length > 0) warnings.push(fmt(messages.cli.csvNotUtf8, { file: fileName, lines: linesText(decoded.badLines), sample: decoded.sample.trim() }));
  const rows = parseCsv(decoded.text);
  const sheetName = sheetNameFor(fileName);
  let width = 0;
  const body: string[] = [];
  rows.forEach((fields, r) => {
    const cells: string[] = [];
    fields.forEach((field, c) => {
      const v = csvValue(field);
      if (v === null) return;
      width = Math.max(width, c + 1);
      const ref = `${colName(c)}${r + 1}`;
      if (typeof v === 'number') {
        cells.push(`<c r="${ref}"><v>${v}</v></c>`);
        return;
      }
      let text = dropXmlInvalid(String(v));
      if (text.length > MAX_CELL_TEXT) {
        warnings.push(fmt(messages.cli.csvCut, { file: fileName, row: r + 1, column: colName(c), cell: ref, length: text.length.toLocaleString('en-GB'), max: MAX_CELL_TEXT.toLocaleString('en-GB') }));
        text = cutToCell(text);
      }
      cells.push(`<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`);
    });
    if (cells.length) body.push(`<row r="${r + 1}">${cells.join('')}</row>`);
  });
  const dim = width > 0 && rows.length > 0 ? `A1:${colName(width - 1)}${rows.length}` : 'A1';
  const decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      decl +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      decl +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '</Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      decl +
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        `<bookViews><workbookView activeTab="0"/></bookViews><sheets><sheet name="${escapeXml(sheetName).replace(/"/g, '&quot;')}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      decl +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
        '</Relationships>',
    ),
    'xl/styles.xml': strToU8(
      decl +
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
        '<dxfs count="0"/></styleSheet>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      decl +
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        `<dimension ref="${dim}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
        `<sheetData>${body.join('')}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`,
    ),
  };
  return { bytes: zipSync(files, { level: 6, mtime: new Date(Date.UTC(2020, 0, 1)) }), warnings };
}

/** The .xlsx package of a CSV file (see csvPackage). */
export function csvToXlsx(bytes: Uint8Array, fileName = 'data.csv'): Uint8Array {
  return csvPackage(bytes, fileName).bytes;
}

/** Reads a CSV file as a workbook (one sheet), ready for the engine and for applyPlan. */
export function readCsvWorkbook(bytes: Uint8Array, options: { fileName?: string } = {}): XlsxWorkbook {
  const fileName = options.fileName ?? 'data.csv';
  const csv = csvPackage(bytes, fileName);
  const book = readWorkbook(csv.bytes, { fileName });
  book.warnings.unshift(...csv.warnings);
  return book;
}
