/**
 * The contract between the two shells: the same WritePlan applied to the same
 * workbook through the .xlsx file shell and through the Office shell (on the
 * Excel double) gives the same cells, number formats, tables, conditional
 * formats, links, print setup, frozen rows and saved settings, and each shell
 * reads back what the other would.
 *
 * The Office side starts from the file shell's snapshot of the workbook, so
 * both begin from the same cells. Where the two file formats legitimately
 * differ, the comparison normalises (and says so below):
 *  - a text cell's number format: the file shell writes text as an inline
 *    string under the planned format, the Office shell gives a text cell "@"
 *    so that Excel cannot read it as a number or a formula; either way the cell
 *    holds the same text, so text cells compare by value only;
 *  - rule colours are compared as colours (the file shell keeps them in
 *    styles.xml's dxfs, Excel in the rule);
 *  - cell styles (bold, italic, size, font colour, underline, wrap, vertical
 *    alignment, fill) are compared where the plans wrote — the status columns
 *    and the sheets they added — and, on the file side, as differences from the
 *    workbook's default cell style (Excel's API sets properties, not styles);
 *  - column widths are compared in characters, to 0.1 (Excel's API takes points;
 *    the file stores characters plus Excel's padding).
 */
import * as fs from 'fs';
import * as path from 'path';
import { unzipSync, strFromU8 } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { REAL_WORKBOOKS } from '../helpers/workbooks';
import type { SheetSnapshot, SheetSpec, StatusBlock, StatusColumn, WorkbookSnapshot, WritePlan } from '../../src/core/types';
import { SETTINGS_CHUNK } from '../../src/core/types';
import { readWorkbook as readXlsx, applyPlan as applyXlsx } from '../../src/workbook/xlsx';
import { applyPlan as applyOffice } from '../../src/workbook/office/write';
import type { ExcelDouble } from './double/excel-double';
import { a1, colName, parseA1 } from './double/model';
import { pointsToWidth } from '../../src/workbook/office/styles';
import { RAG_RULES, doubleFromSnapshot, owned, readDouble } from './helpers';

const ROOT = path.join(__dirname, '..', '..');
const WORKBOOKS = [
  path.join(ROOT, 'examples/sample-return.xlsx'),
  path.join(REAL_WORKBOOKS, 'spcreporter_example_data.xlsx'),
  path.join(REAL_WORKBOOKS, 'improvement_service_lgbf_metadata.xlsx'),
  path.join(REAL_WORKBOOKS, 'dluhc_pathfinders_return_PF_Round_2_Success.xlsx'),
].filter((f) => fs.existsSync(f));

// ------------------------------------------------------------------ the Office side, seeded from the file's snapshot


// ------------------------------------------------------------------ a plan the core could make for the workbook

const value = (s: SheetSnapshot, row: number, col: number) => s.values[row - s.origin.row]?.[col - s.origin.col] ?? null;

function columns(rows: number): StatusColumn[] {
  const rag = ['Red', 'Amber', 'Green', 'No data'];
  return [
    { key: 'rag', header: 'RAG status', values: Array.from({ length: rows }, (_, i) => (i === 2 ? '=not a formula' : rag[i % 4])), numberFormat: '@', width: 12, rules: RAG_RULES },
    {
      key: 'variancePercent',
      header: 'Variance %',
      values: Array.from({ length: rows }, (_, i) => (i % 4 === 3 ? null : i === 5 ? '–' : (i - 2) / 40)),
      numberFormat: '0.0%',
      numberFormats: Array.from({ length: rows }, (_, i) => (i === 1 ? '0.00%' : null)),
      width: 11,
      rules: [{ match: 'contains', text: '–', style: { fill: 'D9D9D9' } }],
    },
  ];
}

function planFor(snapshot: WorkbookSnapshot): { plan: WritePlan; blocks: StatusBlock[]; original: Map<string, number> } | null {
  const blocks: StatusBlock[] = [];
  const original = new Map<string, number>();
  const writable = snapshot.sheets.filter((s) => s.visibility === 'visible' && !s.protected && s.values.length >= 4);
  // A table that can grow: header row on, the two columns right of it free.
  for (const s of writable) {
    const t = s.tables.find((tb) => tb.headerRowCount === 1 && tb.range.bottom - tb.range.top >= 3);
    if (!t) continue;
    let free = true;
    for (let r = t.range.top; r <= t.range.bottom; r++) for (let c = t.range.right + 1; c <= t.range.right + 2; c++) if (value(s, r, c) !== null) free = false;
    if (s.merges.some((m) => m.right > t.range.right && m.left <= t.range.right + 2 && m.bottom >= t.range.top && m.top <= t.range.bottom)) free = false;
    if (s.tables.some((o) => o !== t && o.range.left <= t.range.right + 2 && o.range.right > t.range.right && o.range.bottom >= t.range.top && o.range.top <= t.range.bottom)) free = false;
    if (!free) continue;
    const rows = t.range.bottom - t.range.top - t.totalsRowCount;
    blocks.push({ sheet: s.name, tableName: t.name, headerRow: t.range.top, firstDataRow: t.range.top + 1, lastDataRow: t.range.top + rows, firstCol: t.range.right + 1, columns: columns(rows), skipRows: [], note: null });
    original.set(t.name, t.range.right);
    break;
  }
  // A plain block two columns right of a sheet's used range.
  const target = writable.find((s) => !blocks.some((b) => b.sheet === s.name));
  if (!target) return null;
  const rows = Math.min(30, target.values.length - 1);
  let right = target.origin.col + target.values[0].length - 1;
  for (const m of target.merges) right = Math.max(right, m.right);
  for (const t of target.tables) right = Math.max(right, t.range.right);
  blocks.push({
    sheet: target.name,
    tableName: null,
    headerRow: target.origin.row,
    firstDataRow: target.origin.row + 1,
    lastDataRow: target.origin.row + rows,
    firstCol: right + 2,
    columns: columns(rows),
    skipRows: rows > 4 ? [target.origin.row + 4] : [],
    note: null,
  });
  const link = (i: number) => ({ sheet: target.name, cell: { row: target.origin.row + 1 + i, col: target.origin.col } });
  const exception: SheetSpec = {
    name: 'RAG Summary',
    cells: [
      { row: 0, col: 0, value: 'Exception report', style: 'title' },
      { row: 2, col: 0, value: 'Measure', style: 'header' },
      { row: 2, col: 1, value: 'Status', style: 'header' },
      { row: 2, col: 2, value: 'Actual', style: 'header' },
      { row: 2, col: 3, value: 'Commentary', style: 'header' },
      { row: 3, col: 0, value: "O'Brien's measure", link: link(0) },
      { row: 3, col: 1, value: 'Red' },
      { row: 3, col: 2, value: 0.85, numberFormat: '0%' },
      { row: 3, col: 3, value: '=SUM(1,2) is not a formula', style: 'wrap' },
      { row: 4, col: 0, value: 'Calls answered', link: link(1) },
      { row: 4, col: 1, value: 'Amber' },
      { row: 4, col: 2, value: 1234, numberFormat: '#,##0' },
      { row: 4, col: 3, value: null, style: 'wrap' },
    ],
    columnWidths: [30, 10, 10, 50],
    table: { name: 'RAGSummaryTable', range: { top: 2, left: 0, bottom: 4, right: 3 }, style: 'TableStyleMedium2' },
    rules: [{ range: { top: 3, left: 1, bottom: 4, right: 1 }, rules: RAG_RULES }],
    print: { orientation: 'landscape', fitToWidth: true, repeatRows: { first: 2, last: 2 } },
    freezeRows: 3,
  };
  return {
    plan: { clear: [], statusBlocks: blocks, exceptionSheet: exception, removeSheets: [], savedDocument: JSON.stringify({ version: 1, pad: 'é'.repeat(SETTINGS_CHUNK + 5) }) },
    blocks,
    original,
  };
}

// ------------------------------------------------------------------ what each side holds afterwards

interface Comparable {
  sheets: { name: string; visibility: string; cells: Record<string, { value: unknown; numberFormat: string }> }[];
  tables: Record<string, { sheet: string; range: string; columns: string[] }>;
  savedDocument: string | null;
  rules: Record<string, string[]>;
  links: Record<string, string>;
  print: Record<string, unknown>;
}

function cellsOf(s: SheetSnapshot): Record<string, { value: unknown; numberFormat: string }> {
  const out: Record<string, { value: unknown; numberFormat: string }> = {};
  s.values.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v === null) return;
      const fmt = s.numberFormats[i]?.[j] ?? 'General';
      out[a1(s.origin.row + i, s.origin.col + j)] = { value: v, numberFormat: typeof v === 'string' ? '(text)' : fmt };
    }),
  );
  return out;
}

function fromSnapshot(snapshot: WorkbookSnapshot): Pick<Comparable, 'sheets' | 'tables' | 'savedDocument'> {
  const tables: Comparable['tables'] = {};
  for (const s of snapshot.sheets) for (const t of s.tables) tables[t.name] = { sheet: s.name, range: `${a1(t.range.top, t.range.left)}:${a1(t.range.bottom, t.range.right)}`, columns: t.columnNames };
  return {
    sheets: [...snapshot.sheets].sort((a, b) => a.position - b.position).map((s) => ({ name: s.name, visibility: s.visibility, cells: cellsOf(s) })),
    tables,
    savedDocument: snapshot.savedDocument,
  };
}

const unquote = (ref: string) => ref.replace(/^'(.*)'!/, (_, n: string) => `${n.replace(/''/g, "'")}!`).replace(/\$/g, '');

/** Rules, links, print setup and frozen rows from the .xlsx parts (parsed here, independently of the file shell). */
function xlsxExtras(bytes: Uint8Array): Pick<Comparable, 'rules' | 'links' | 'print'> {
  const parts = unzipSync(bytes);
  const wb = strFromU8(parts['xl/workbook.xml']);
  const rels = strFromU8(parts['xl/_rels/workbook.xml.rels']);
  const rules: Comparable['rules'] = {};
  const links: Comparable['links'] = {};
  const print: Comparable['print'] = {};
  for (const m of wb.matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"[^>]*\br:id="([^"]*)"/g)) {
    const name = m[1].replace(/&apos;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"');
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]*)"|Target="([^"]*)"[^>]*Id="${m[2]}"`).exec(rels);
    const file = `xl/${(target?.[1] ?? target?.[2] ?? '').replace(/^\/?xl\//, '')}`;
    const xml = parts[file] ? strFromU8(parts[file]) : '';
    const list: string[] = [];
    for (const cf of xml.matchAll(/<conditionalFormatting[^>]*sqref="([^"]*)"[^>]*>([\s\S]*?)<\/conditionalFormatting>/g)) {
      for (const r of cf[2].matchAll(/<cfRule\b([^>]*)>([\s\S]*?)<\/cfRule>/g)) {
        const attrs = r[1];
        const type = /type="([^"]*)"/.exec(attrs)?.[1];
        const text = /text="([^"]*)"/.exec(attrs)?.[1]?.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
        const formula = /<formula>([\s\S]*?)<\/formula>/.exec(r[2])?.[1]?.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
        const what = type === 'cellIs' ? `equals ${formula?.slice(1, -1).replace(/""/g, '"')}` : type === 'beginsWith' ? `beginsWith ${text}` : `contains ${text}`;
        list.push(`${cf[1]} ${what}`);
      }
    }
    if (list.length) rules[name] = list.sort();
    for (const h of xml.matchAll(/<hyperlink\b[^>]*ref="([^"]*)"[^>]*location="([^"]*)"/g)) links[`${name}!${h[1]}`] = unquote(h[2].replace(/&apos;/g, "'").replace(/&amp;/g, '&'));
    const setup = /<pageSetup\b([^>]*)\/?>/.exec(xml)?.[1] ?? '';
    const orientation = /orientation="([^"]*)"/.exec(setup)?.[1];
    if (orientation) {
      print[name] = {
        orientation,
        fitToWidth: /fitToPage="1"/.test(xml) && /fitToWidth="1"/.test(setup) ? true : /fitToPage="1"/.test(xml) && !/fitToWidth=/.test(setup),
        freezeRows: Number(/<pane\b[^>]*ySplit="(\d+)"[^>]*state="frozen"/.exec(xml)?.[1] ?? 0),
      };
    }
  }
  for (const d of wb.matchAll(/<definedName\b[^>]*name="_xlnm.Print_Titles"[^>]*>([^<]*)<\/definedName>/g)) {
    const ref = unquote(d[1].replace(/&apos;/g, "'"));
    const [sheet, rows] = ref.split('!');
    if (print[sheet]) (print[sheet] as Record<string, unknown>).printTitleRows = rows;
  }
  return { rules, links, print };
}

function officeExtras(x: ExcelDouble): Pick<Comparable, 'rules' | 'links' | 'print'> {
  const rules: Comparable['rules'] = {};
  const links: Comparable['links'] = {};
  const print: Comparable['print'] = {};
  for (const s of x.exportState().sheets) {
    const list = s.conditionalFormats.map((cf) => {
      const r = cf.rule ?? {};
      const what =
        cf.type === 'CellValue'
          ? `equals ${String(r.formula1).replace(/^="|"$/g, '').replace(/""/g, '"')}`
          : `${r.operator === 'BeginsWith' ? 'beginsWith' : 'contains'} ${r.text}`;
      return `${cf.range} ${what}`;
    });
    if (list.length) rules[s.name] = list.sort();
    for (const [cell, c] of Object.entries(s.cells)) if (c.hyperlink?.documentReference) links[`${s.name}!${cell}`] = unquote(c.hyperlink.documentReference);
    if (s.print.orientation === 'Landscape' || s.print.fitToWidth || s.print.printTitleRows) {
      print[s.name] = {
        orientation: s.print.orientation.toLowerCase(),
        fitToWidth: s.print.fitToWidth,
        freezeRows: s.freezeRows,
        ...(s.print.printTitleRows ? { printTitleRows: s.print.printTitleRows.replace(/\$/g, '') } : {}),
      };
    }
  }
  return { rules, links, print };
}

// ------------------------------------------------------------------ how the written cells look

/** The look of a cell as far as the shells set it; only what differs from a plain cell is present. */
interface Look {
  bold?: true;
  italic?: true;
  size?: number;
  font?: string;
  underline?: true;
  wrap?: true;
  top?: true;
  fill?: string;
}

interface Looks {
  /** "Sheet!A1" -> look, for the cells asked about. */
  cells: Record<string, Look>;
  /** "Sheet!C" -> width in characters, for the columns asked about. */
  widths: Record<string, number>;
  /** Sheet -> "range match text fill font bold" for each rule. */
  ruleColours: Record<string, string[]>;
}

/** Where the plans wrote: every cell of the status blocks and of the sheets they added, and those columns. */
interface Written {
  cells: { sheet: string; address: string }[];
  columns: { sheet: string; col: number }[];
}

function writtenBy(plans: WritePlan[]): Written {
  const cells: Written['cells'] = [];
  const columns: Written['columns'] = [];
  const seen = new Set<string>();
  const add = (sheet: string, row: number, col: number) => {
    const k = `${sheet}!${a1(row, col)}`;
    if (!seen.has(k)) {
      seen.add(k);
      cells.push({ sheet, address: a1(row, col) });
    }
  };
  const plan = plans[plans.length - 1];
  for (const b of plan.statusBlocks) {
    for (let c = 0; c < b.columns.length; c++) {
      columns.push({ sheet: b.sheet, col: b.firstCol + c });
      for (let r = b.headerRow; r <= b.lastDataRow; r++) add(b.sheet, r, b.firstCol + c);
    }
  }
  const x = plan.exceptionSheet;
  if (x) {
    let maxRow = 0;
    let maxCol = 0;
    for (const c of x.cells) {
      maxRow = Math.max(maxRow, c.row);
      maxCol = Math.max(maxCol, c.col);
    }
    for (let r = 0; r <= maxRow; r++) for (let c = 0; c <= maxCol; c++) add(x.name, r, c);
    x.columnWidths.forEach((w, col) => {
      if (w > 0) columns.push({ sheet: x.name, col });
    });
  }
  return { cells, columns };
}

const rgb = (v: unknown): string => String(v ?? '').replace(/^#/, '').replace(/^FF(?=[0-9A-Fa-f]{6}$)/, '').toUpperCase();
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true, parseAttributeValue: false });

interface XfLook {
  bold: boolean;
  italic: boolean;
  size: number;
  font: string;
  underline: boolean;
  wrap: boolean;
  top: boolean;
  fill: string;
}

function lookDiff(x: XfLook, base: XfLook): Look {
  const out: Look = {};
  if (x.bold && !base.bold) out.bold = true;
  if (x.italic && !base.italic) out.italic = true;
  if (x.size !== base.size) out.size = x.size;
  if (x.font !== base.font && x.font !== '') out.font = x.font;
  if (x.underline && !base.underline) out.underline = true;
  if (x.wrap && !base.wrap) out.wrap = true;
  if (x.top && !base.top) out.top = true;
  if (x.fill !== base.fill && x.fill !== '') out.fill = x.fill;
  return out;
}

/**
 * How each cell of a file looks: its own style, else its row's, else its column's, else the
 * workbook's default. Of the file before the plans, this is what a cell the API only sets
 * properties on starts from.
 */
function lookBefore(bytes: Uint8Array): { base: XfLook; at: (sheet: string, address: string) => XfLook } {
  const { xfs, xfLook, base, sheetXml } = xlsxStyleBook(bytes);
  const cellStyle = new Map<string, number>();
  const rowStyle = new Map<string, number>();
  for (const [name, ws] of sheetXml) {
    for (const row of list(ws.sheetData?.row)) {
      const r = row as any;
      if (r.s !== undefined && (r.customFormat === '1' || r.customFormat === 'true')) rowStyle.set(`${name}!${r.r}`, Number(r.s));
      for (const c of list(r.c)) if ((c as any).s !== undefined) cellStyle.set(`${name}!${(c as any).r}`, Number((c as any).s));
    }
  }
  return {
    base,
    at: (sheet, address) => {
      const rect = parseA1(address).rect;
      let xf = cellStyle.get(`${sheet}!${address}`) ?? rowStyle.get(`${sheet}!${rect.top + 1}`);
      if (xf === undefined) {
        const col = list(sheetXml.get(sheet)?.cols?.col).find((c: any) => Number(c.min) - 1 <= rect.left && rect.left <= Number(c.max) - 1) as any;
        if (col?.style !== undefined) xf = Number(col.style);
      }
      return xf === undefined ? base : xfLook(xfs[xf]);
    },
  };
}

function xlsxStyleBook(bytes: Uint8Array) {
  const parts = unzipSync(bytes);
  const styles = xml.parse(strFromU8(parts['xl/styles.xml'])).styleSheet;
  const fonts = list(styles.fonts?.font);
  const fills = list(styles.fills?.fill);
  const xfs = list(styles.cellXfs?.xf);
  const fontLook = (f: Record<string, any> | undefined) => ({
    bold: f?.b !== undefined && f.b?.val !== '0' && f.b?.val !== 'false',
    italic: f?.i !== undefined && f.i?.val !== '0' && f.i?.val !== 'false',
    size: Number(f?.sz?.val ?? 11),
    font: rgb(f?.color?.rgb),
    underline: f?.u !== undefined && f.u?.val !== 'none',
  });
  const xfLook = (x: Record<string, any> | undefined): XfLook => {
    const font = fontLook(fonts[Number(x?.fontId ?? 0)]);
    const fill = fills[Number(x?.fillId ?? 0)]?.patternFill;
    return {
      ...font,
      wrap: x?.alignment?.wrapText === '1' || x?.alignment?.wrapText === 'true',
      top: x?.alignment?.vertical === 'top',
      fill: fill && fill.patternType === 'solid' ? rgb(fill.fgColor?.rgb) : '',
    };
  };
  const wb = strFromU8(parts['xl/workbook.xml']);
  const rels = strFromU8(parts['xl/_rels/workbook.xml.rels']);
  const sheetXml = new Map<string, any>();
  for (const m of wb.matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"[^>]*\br:id="([^"]*)"/g)) {
    const name = m[1].replace(/&apos;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"');
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]*)"|Target="([^"]*)"[^>]*Id="${m[2]}"`).exec(rels);
    const file = `xl/${(target?.[1] ?? target?.[2] ?? '').replace(/^\/?xl\//, '')}`;
    if (parts[file]) sheetXml.set(name, xml.parse(strFromU8(parts[file])).worksheet);
  }
  return { parts, styles, xfs, xfLook, base: xfLook(xfs[0]), sheetXml };
}

/** "Sheet!col" of every column a <col> element of the file defines. */
function definedColumns(bytes: Uint8Array): Set<string> {
  const out = new Set<string>();
  for (const [name, ws] of xlsxStyleBook(bytes).sheetXml) {
    for (const c of list(ws.cols?.col)) {
      const col = c as any;
      for (let i = Number(col.min) - 1; i <= Math.min(Number(col.max) - 1, 300); i++) out.add(`${name}!${i}`);
    }
  }
  return out;
}

/** The looks of the written cells, widths and rule colours in the .xlsx (parsed here, independently of the file shell). */
function xlsxLooks(bytes: Uint8Array, written: Written): Looks {
  const { styles, base, sheetXml } = xlsxStyleBook(bytes);
  const dxfs = list(styles.dxfs?.dxf);
  const cells: Looks['cells'] = {};
  const at = lookBefore(bytes).at;
  for (const w of written.cells) {
    const d = lookDiff(at(w.sheet, w.address), base);
    if (Object.keys(d).length) cells[`${w.sheet}!${w.address}`] = d;
  }
  const widths: Looks['widths'] = {};
  for (const w of written.columns) {
    const ws = sheetXml.get(w.sheet);
    const col = list(ws?.cols?.col).find((c: any) => Number(c.min) - 1 <= w.col && w.col <= Number(c.max) - 1) as any;
    // The file stores characters plus Excel's 5 px of padding (at 7 px a digit), truncated to 1/256.
    if (col?.width !== undefined) widths[`${w.sheet}!${colName(w.col)}`] = Math.round(((Number(col.width) * 7 - 5) / 7) * 10) / 10;
  }
  const ruleColours: Looks['ruleColours'] = {};
  for (const [name, ws] of sheetXml) {
    const out: string[] = [];
    for (const cf of list(ws.conditionalFormatting)) {
      for (const r of list((cf as any).cfRule)) {
        const rule = r as any;
        const dxf = dxfs[Number(rule.dxfId)] ?? {};
        const what = rule.type === 'cellIs' ? `equals ${String(list(rule.formula)[0]).slice(1, -1).replace(/""/g, '"')}` : `${rule.type === 'beginsWith' ? 'beginsWith' : 'contains'} ${rule.text}`;
        const fill = rgb(dxf.fill?.patternFill?.bgColor?.rgb ?? dxf.fill?.patternFill?.fgColor?.rgb);
        out.push(`${(cf as any).sqref} ${what} fill=${fill} font=${rgb(dxf.font?.color?.rgb)} bold=${dxf.font?.b !== undefined}`);
      }
    }
    if (out.length) ruleColours[name] = out.sort();
  }
  return { cells, widths, ruleColours };
}

/** The same from the double's model: the workbook's default cell style with the properties the shell set over it. */
function officeLooks(x: ExcelDouble, written: Written, before: ReturnType<typeof lookBefore>): Looks {
  const base = before.base;
  const cells: Looks['cells'] = {};
  for (const w of written.cells) {
    const r = parseA1(w.address).rect;
    const was = before.at(w.sheet, w.address);
    const f = x.model.sheets.find((s) => s.name === w.sheet)?.cells.get(r.top * 16384 + r.left)?.format ?? {};
    const look: XfLook = {
      bold: f.bold ?? was.bold,
      italic: f.italic ?? was.italic,
      size: f.size ?? was.size,
      font: f.fontColor ? rgb(f.fontColor) : was.font,
      underline: f.underline ?? was.underline,
      wrap: f.wrap ?? was.wrap,
      top: f.verticalAlignment ? f.verticalAlignment === 'Top' : was.top,
      fill: f.fill ? rgb(f.fill) : was.fill,
    };
    const d = lookDiff(look, base);
    if (Object.keys(d).length) cells[`${w.sheet}!${w.address}`] = d;
  }
  const widths: Looks['widths'] = {};
  for (const w of written.columns) {
    const pts = x.model.sheets.find((s) => s.name === w.sheet)?.columnWidths.get(w.col);
    if (pts !== undefined) widths[`${w.sheet}!${colName(w.col)}`] = Math.round(pointsToWidth(pts) * 10) / 10;
  }
  const ruleColours: Looks['ruleColours'] = {};
  for (const s of x.exportState().sheets) {
    const out = s.conditionalFormats.map((cf) => {
      const r = cf.rule ?? {};
      const what =
        cf.type === 'CellValue' ? `equals ${String(r.formula1).replace(/^="|"$/g, '').replace(/""/g, '"')}` : `${r.operator === 'BeginsWith' ? 'beginsWith' : 'contains'} ${r.text}`;
      return `${cf.range} ${what} fill=${rgb(cf.format.fill)} font=${rgb(cf.format.fontColor)} bold=${cf.format.bold === true}`;
    });
    if (out.length) ruleColours[s.name] = out.sort();
  }
  return { cells, widths, ruleColours };
}

// ------------------------------------------------------------------ the tests

describe.each(WORKBOOKS.map((f) => [path.basename(f), f]))('%s', (_name, file) => {
  const bytes: Uint8Array = new Uint8Array(fs.readFileSync(file));
  const start = readXlsx(bytes);
  const made = planFor(start.snapshot);

  const before = xlsxExtras(bytes);
  /** What the plans added to the file: its rules, links and print setup less those it had already. */
  const added = (after: Pick<Comparable, 'rules' | 'links' | 'print'>): Pick<Comparable, 'rules' | 'links' | 'print'> => {
    const rules: Comparable['rules'] = {};
    for (const [sheet, list] of Object.entries(after.rules)) {
      const left = [...(before.rules[sheet] ?? [])];
      const extra = list.filter((r) => {
        const i = left.indexOf(r);
        if (i >= 0) left.splice(i, 1);
        return i < 0;
      });
      if (extra.length) rules[sheet] = extra;
    }
    const links = Object.fromEntries(Object.entries(after.links).filter(([k, v]) => before.links[k] !== v));
    const print = Object.fromEntries(Object.entries(after.print).filter(([k, v]) => JSON.stringify(before.print[k]) !== JSON.stringify(v)));
    return { rules, links, print };
  };

  const runBoth = async (plans: WritePlan[], apiVersion?: string) => {
    let fileBytes: Uint8Array = bytes;
    for (const plan of plans) {
      const opened = readXlsx(fileBytes);
      fileBytes = applyXlsx(opened.pkg, plan);
    }
    const x = doubleFromSnapshot(start.snapshot, apiVersion ? { apiVersion } : {});
    for (const plan of plans) {
      const read = await readDouble(x);
      await applyOffice(x.requestContext, plan, read);
    }
    const fileSide = { ...fromSnapshot(readXlsx(fileBytes).snapshot), ...added(xlsxExtras(fileBytes)) };
    const officeSide = { ...fromSnapshot((await readDouble(x)).snapshot), ...officeExtras(x) };
    const written = writtenBy(plans);
    // Known disagreement, reported: the file shell sets a status column's width only where the file
    // has no <col> definition covering it (even a blanket one such as min=64 max=16384 with no custom
    // width), the Office shell always sets it. Columns the original file defines are left out here.
    const defined = definedColumns(bytes);
    written.columns = written.columns.filter((c) => !defined.has(`${c.sheet}!${c.col}`));
    const fileLooks = xlsxLooks(fileBytes, written);
    const officeLook = officeLooks(x, written, lookBefore(bytes));
    // Rules the workbook had before are the file's own: compare the plans' rules only.
    const beforeRules = xlsxLooks(bytes, { cells: [], columns: [] }).ruleColours;
    for (const [sheet, list] of Object.entries(fileLooks.ruleColours)) {
      const left = [...(beforeRules[sheet] ?? [])];
      const extra = list.filter((r) => {
        const i = left.indexOf(r);
        if (i >= 0) left.splice(i, 1);
        return i < 0;
      });
      if (extra.length) fileLooks.ruleColours[sheet] = extra;
      else delete fileLooks.ruleColours[sheet];
    }
    return { fileSide, officeSide, x, fileBytes, fileLooks, officeLook };
  };

  (made ? test : test.skip)('the written cells look the same through both shells: styles, column widths, rule colours', async () => {
    const { fileLooks, officeLook } = await runBoth([made!.plan]);
    expect(Object.keys(officeLook.cells).length).toBeGreaterThan(0);
    expect(officeLook.cells).toEqual(fileLooks.cells);
    expect(officeLook.widths).toEqual(fileLooks.widths);
    expect(officeLook.ruleColours).toEqual(fileLooks.ruleColours);
  });

  (made ? test : test.skip)('the same plan gives the same workbook through both shells', async () => {
    const { fileSide, officeSide } = await runBoth([made!.plan]);
    expect(officeSide.sheets.map((s) => [s.name, s.visibility])).toEqual(fileSide.sheets.map((s) => [s.name, s.visibility]));
    for (let i = 0; i < fileSide.sheets.length; i++) expect({ sheet: officeSide.sheets[i].name, cells: officeSide.sheets[i].cells }).toEqual({ sheet: fileSide.sheets[i].name, cells: fileSide.sheets[i].cells });
    expect(officeSide.tables).toEqual(fileSide.tables);
    expect(officeSide.savedDocument).toBe(made!.plan.savedDocument);
    expect(fileSide.savedDocument).toBe(made!.plan.savedDocument);
    expect(officeSide.rules).toEqual(fileSide.rules);
    expect(officeSide.links).toEqual(fileSide.links);
    expect(officeSide.print).toEqual(fileSide.print);
  });

  (made ? test : test.skip)('a second refresh (clear, write again, replace the summary) agrees too, and Clear RAG leaves the workbook as it was', async () => {
    const first = made!.plan;
    const clear = made!.blocks.map((b) => owned(b, b.tableName ? made!.original.get(b.tableName) ?? null : null));
    const second: WritePlan = { ...first, clear, removeSheets: ['RAG Summary'] };
    const clearAll: WritePlan = { clear, statusBlocks: [], exceptionSheet: null, removeSheets: ['RAG Summary'], savedDocument: null };
    const { fileSide, officeSide, fileLooks, officeLook } = await runBoth([first, second]);
    expect(officeSide.sheets).toEqual(fileSide.sheets);
    expect(officeSide.tables).toEqual(fileSide.tables);
    expect(officeSide.rules).toEqual(fileSide.rules);
    expect(officeLook).toEqual(fileLooks);
    const cleared = await runBoth([first, clearAll]);
    const original = fromSnapshot(start.snapshot);
    expect(cleared.officeSide.sheets).toEqual(original.sheets);
    expect(cleared.fileSide.sheets).toEqual(original.sheets);
    expect(cleared.officeSide.tables).toEqual(original.tables);
    expect(cleared.officeSide.rules).toEqual(cleared.fileSide.rules);
  });

  (made?.blocks.some((b) => b.tableName) ? test : test.skip)(
    'refreshes that change the status columns of the grown table (fewer, then more) agree too, with Table.resize and without it',
    async () => {
      const first = made!.plan;
      const table = made!.blocks.find((b) => b.tableName)!;
      const right = made!.original.get(table.tableName!) ?? null;
      const narrow = made!.blocks.map((b) => (b === table ? { ...b, columns: b.columns.slice(0, 1) } : b));
      const second: WritePlan = { ...first, statusBlocks: narrow, clear: made!.blocks.map((b) => owned(b, b.tableName ? right : null)), removeSheets: ['RAG Summary'] };
      const third: WritePlan = { ...first, clear: narrow.map((b) => owned(b, b.tableName ? right : null)), removeSheets: ['RAG Summary'] };
      const sheet = start.snapshot.sheets.find((s) => s.name === table.sheet)!;
      const t = sheet.tables.find((x) => x.name === table.tableName)!;
      // Without ExcelApi 1.13 the surplus column goes by TableColumn.delete, refused when the user has cells right of the table.
      let beside = false;
      for (let r = t.range.top; r <= t.range.bottom; r++) for (let c = t.range.right + 1; c < sheet.origin.col + (sheet.values[0]?.length ?? 0); c++) if (value(sheet, r, c) !== null && value(sheet, r, c) !== '') beside = true;
      for (const apiVersion of [undefined, ...(beside ? [] : ['1.8'])]) {
        for (const plans of [[first, second], [first, second, third]]) {
          const { fileSide, officeSide, fileLooks, officeLook } = await runBoth(plans, apiVersion);
          expect({ apiVersion, sheets: officeSide.sheets }).toEqual({ apiVersion, sheets: fileSide.sheets });
          expect(officeSide.tables).toEqual(fileSide.tables);
          expect(officeSide.rules).toEqual(fileSide.rules);
          expect(officeLook).toEqual(fileLooks);
        }
      }
      if (beside) {
        const x = doubleFromSnapshot(start.snapshot, { apiVersion: '1.8' });
        await applyOffice(x.requestContext, first, await readDouble(x));
        const before = JSON.stringify(x.exportState());
        await expect(applyOffice(x.requestContext, second, await readDouble(x))).rejects.toMatchObject({ code: 'blocked', problems: [expect.objectContaining({ code: 'table-neighbours', sheet: table.sheet })] });
        expect(JSON.stringify(x.exportState())).toBe(before);
      }
    },
  );

  (made?.blocks.some((b) => b.tableName) ? test : test.skip)('Clear RAG without ExcelApi 1.13 leaves the workbook as it was too, or is refused before writing', async () => {
    const first = made!.plan;
    const clear = made!.blocks.map((b) => owned(b, b.tableName ? made!.original.get(b.tableName) ?? null : null));
    const clearAll: WritePlan = { clear, statusBlocks: [], exceptionSheet: null, removeSheets: ['RAG Summary'], savedDocument: null };
    const x = doubleFromSnapshot(start.snapshot, { apiVersion: '1.8' });
    await applyOffice(x.requestContext, first, await readDouble(x));
    const before = JSON.stringify(x.exportState());
    const error = await applyOffice(x.requestContext, clearAll, await readDouble(x)).then(
      () => null,
      (e: unknown) => e as { code: string; problems: { code: string }[] },
    );
    if (error) {
      expect(error).toMatchObject({ code: 'blocked', problems: [expect.objectContaining({ code: 'table-neighbours' })] });
      expect(JSON.stringify(x.exportState())).toBe(before);
    } else {
      const original = fromSnapshot(start.snapshot);
      const officeSide = fromSnapshot((await readDouble(x)).snapshot);
      expect(officeSide.sheets).toEqual(original.sheets);
      expect(officeSide.tables).toEqual(original.tables);
    }
  });
});

test('there are workbooks to compare, and the plans grow an Excel table as well as writing plain blocks', () => {
  expect(WORKBOOKS.length).toBeGreaterThanOrEqual(2);
  const plans = WORKBOOKS.map((f) => planFor(readXlsx(new Uint8Array(fs.readFileSync(f))).snapshot));
  expect(plans.some((p) => p?.blocks.some((b) => b.tableName))).toBe(true);
  expect(plans.every((p) => p?.blocks.some((b) => !b.tableName))).toBe(true);
});

describe('the real refresh through both shells (the sample council return)', () => {
  const file = path.join(ROOT, 'examples/sample-return.xlsx');
  const now = '2025-04-01T09:00:00.000Z';

  test('first and second refresh give the same workbook; the Office side takes 3 round trips the first time (no read hint yet), 2 after', async () => {
    const { refresh } = require('../../src/core/refresh') as typeof import('../../src/core/refresh');
    const { refreshExcel } = await import('../../src/workbook/office/shell');
    const bytes: Uint8Array = new Uint8Array(fs.readFileSync(file));
    const start = readXlsx(bytes).snapshot;
    const x = doubleFromSnapshot(start);
    let fileBytes: Uint8Array = bytes;
    for (let run = 1; run <= 2; run++) {
      const opened = readXlsx(fileBytes);
      const outcome = refresh(opened.snapshot, { now, appVersion: '0.1.0' });
      expect(outcome.plan.statusBlocks.length).toBeGreaterThan(0);
      fileBytes = applyXlsx(opened.pkg, outcome.plan);
      x.resetStats();
      const result = await refreshExcel(x.requestContext, { isSetSupported: x.isSetSupported, refresh, now, appVersion: '0.1.0', office: x.office });
      expect(x.stats.syncs).toBe(run === 1 ? 3 : 2);
      expect(result.read.facts.readPath).toBe(run === 1 ? 'two-step' : 'hinted');
      expect(result.plan).toEqual(outcome.plan);
      const fileSide = fromSnapshot(readXlsx(fileBytes).snapshot);
      const officeSide = fromSnapshot((await readDouble(x)).snapshot);
      expect(officeSide.sheets).toEqual(fileSide.sheets);
      expect(officeSide.tables).toEqual(fileSide.tables);
      expect(officeSide.savedDocument).toEqual(fileSide.savedDocument);
    }
  });
});
