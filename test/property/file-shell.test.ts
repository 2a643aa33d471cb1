/**
 * Properties of a refresh through the .xlsx file shell, over generated
 * workbooks (test/property/workbook-gen.ts): random sheets, measure tables
 * (plain ranges and Excel tables, long and wide), values typed every which
 * way, the user's cells beside the tables, merged cells, formulas with cached
 * results, protection, and random configurations.
 *
 *  (a) reading, refreshing and writing never throw; the one refusal a
 *      generated workbook can meet (a protected workbook structure) is the
 *      documented XlsxError, and a plan made before the user protected a sheet
 *      or typed in its way is refused with its documented code;
 *  (b) outside the rectangles the plan owns, every cell (its whole element:
 *      value, type, style index) and row is the original, and every part it
 *      does not touch is the original byte for byte;
 *  (c) a second refresh gives the workbook the first gave: every part the same
 *      bytes but the exception sheet, which adds "No status has changed since
 *      the last refresh" (so its table and print titles move down two rows),
 *      its cells otherwise the same; a third gives the second's bytes exactly;
 *  (d) Clear RAG after a refresh gives back the original workbook;
 *  (e) what the add-in writes is never a formula: text lands as text.
 */
import fc from 'fast-check';
import { clearPlan, refresh, RefreshError } from '../../src/core/refresh';
import { configSchema, type RagConfig, type RagConfigInput } from '../../src/core/config/schema';
import { SETTINGS_SHEET_NAME, type RefreshOutcome, type RefreshReport, type SheetSnapshot, type StatusBlock, type WorkbookSnapshot, type WritePlan } from '../../src/core/types';
import { messages } from '../../src/core/messages';
import { applyPlan, readWorkbook, XlsxError } from '../../src/workbook/xlsx';
import { addr, cellElement, plannedCells, rawIdentical, stylesWithoutAppended, topLevelOrder, wellFormed } from '../workbook/xlsx/checks';
import { WORKSHEET_ORDER } from '../../src/workbook/xlsx/sheet-index';
import {
  blockRect,
  cellDifferences,
  conditionalFormats,
  inRect,
  normaliseSheet,
  ownedRects,
  partsOf,
  sheetCells,
  sheetList,
  sheetPaths,
  withoutInsertions,
  writtenCells,
} from './compare';
import { APP_VERSION, NOW, clearFile, generate, refreshFile, runs, type Generated } from './pipeline';
import { bookArb, cloneModel, describeBook, gridBook, toXlsx } from './workbook-gen';

const configOf = (input: RagConfigInput): RagConfig => configSchema.parse(input);

/** Generated workbooks whose structure is not protected (those are refused, property a). */
const writable = bookArb.filter((r) => !r.structureLocked);

function explain(g: Generated, problems: string[]): string {
  return `${problems.slice(0, 20).join('\n')}\n\nWorkbook:\n${describeBook(g.model)}`;
}

function expectNone(g: Generated, problems: string[]): void {
  if (problems.length) throw new Error(explain(g, problems));
}

/** The text the shell writes for a value: characters XML cannot hold are dropped. */
function written(v: unknown): unknown {
  // eslint-disable-next-line no-control-regex
  return typeof v === 'string' ? v.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '') : v;
}

function valueAt(s: SheetSnapshot, row: number, col: number): unknown {
  return s.values[row - s.origin.row]?.[col - s.origin.col] ?? null;
}

function formatAt(s: SheetSnapshot, row: number, col: number): string {
  return s.numberFormats[row - s.origin.row]?.[col - s.origin.col] ?? 'General';
}

/** Table part path → its displayName. */
function tableParts(parts: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [p, text] of parts) if (/^xl\/tables\/table\d+\.xml$/.test(p)) out.set(p, /displayName="([^"]*)"/.exec(text)?.[1] ?? '');
  return out;
}

/** The snapshot's sheets as rows of [value, format], for comparing sheets read from two files. */
function grid(s: SheetSnapshot | undefined): string[] {
  if (!s) return [];
  return s.values.map((line, i) => JSON.stringify(line.map((v, j) => [v, v === null ? '' : s.numberFormats[i][j]])));
}

// ------------------------------------------------------------------ (a)

describe('(a) the engine and the file shell never throw', () => {
  test('read, refresh, write, read again and Clear RAG run through; a protected workbook structure is the one refusal, as XlsxError "workbook-protected"', () => {
    const outcomes = { written: 0, refused: 0 };
    fc.assert(
      fc.property(bookArb, (recipe) => {
        const g = generate(recipe);
        const book = readWorkbook(g.bytes);
        expect(book.warnings).toEqual([]);
        const outcome = refresh(book.snapshot, { now: NOW, appVersion: APP_VERSION, ...(g.config ? { config: g.config } : {}) });
        // A plan always writes the exception sheet and the settings: a locked structure refuses both.
        expect(outcome.plan.exceptionSheet).not.toBeNull();
        let out: Uint8Array;
        try {
          out = applyPlan(book.pkg, outcome.plan);
        } catch (e) {
          if (!(e instanceof XlsxError)) throw e;
          if (!g.model.structureLocked || e.code !== 'workbook-protected') throw new Error(explain(g, [`refused: ${e.code}: ${e.message}`]));
          outcomes.refused++;
          return;
        }
        if (g.model.structureLocked) throw new Error(explain(g, ['a protected workbook structure was written to']));
        outcomes.written++;
        const back = readWorkbook(out);
        expect(back.warnings).toEqual([]);
        const parts = partsOf(out);
        const r = rawIdentical(g.bytes, out);
        for (const p of [...r.changed, ...r.added]) {
          const ok = wellFormed(parts.get(p)!);
          if (ok !== true) throw new Error(explain(g, [`${p} is not well-formed: ${ok}`]));
          if (/worksheets\/sheet\d+\.xml$/.test(p)) {
            // A worksheet's elements in schema order, and its conditional formats' priorities (x14 ones too) all different.
            const order = topLevelOrder(parts.get(p)!).map((n) => WORKSHEET_ORDER.indexOf(n)).filter((i) => i >= 0);
            if (order.some((v, i) => i > 0 && v < order[i - 1])) throw new Error(explain(g, [`${p}: elements out of schema order: ${topLevelOrder(parts.get(p)!).join(' ')}`]));
            const priorities = [...parts.get(p)!.matchAll(/<(?:x14:)?cfRule\b[^>]*\bpriority="(\d+)"/g)].map((m) => m[1]);
            if (new Set(priorities).size !== priorities.length) throw new Error(explain(g, [`${p}: conditional format priorities repeat: ${priorities.join(' ')}`]));
          }
        }
        const cleared = applyPlan(back.pkg, clearPlan(back.snapshot));
        expect(readWorkbook(cleared).warnings).toEqual([]);
      }),
      runs(60),
    );
    // The generator reaches both outcomes.
    expect(outcomes.written).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  });

  test('saved settings that are not a valid document: the refresh refuses with RefreshError "saved-config-invalid", and with ignoreSavedConfig sets them aside and runs', () => {
    const damaged = fc.constantFrom('{not json', '{"format":"rag-refresh","version":1,"config":{"settings":{"tolerance":"lots"}}}', '[]', '{"config":{"bogus":true}}');
    fc.assert(
      fc.property(writable, damaged, (recipe, text) => {
        const g = generate(recipe);
        const bytes = toXlsx({ ...g.model, savedSettings: text });
        const book = readWorkbook(bytes);
        expect(book.snapshot.savedDocument).toBe(text);
        let error: unknown = null;
        try {
          refresh(book.snapshot, { now: NOW, appVersion: APP_VERSION });
        } catch (e) {
          error = e;
        }
        if (!(error instanceof RefreshError) || error.code !== 'saved-config-invalid') throw new Error(explain(g, [`expected RefreshError saved-config-invalid, got ${String(error)}`]));
        const outcome = refresh(book.snapshot, { now: NOW, appVersion: APP_VERSION, ignoreSavedConfig: true });
        const out = applyPlan(book.pkg, outcome.plan);
        const saved = JSON.parse(readWorkbook(out).snapshot.savedDocument!) as { setAside: { text: string }[] };
        expect(saved.setAside.map((s) => s.text)).toEqual([text]);
      }),
      runs(15),
    );
  });

  test('a plan made before the user protected a sheet or typed where a status cell goes is refused ("sheet-protected", "cell-in-use"), and nothing is produced', () => {
    let refusals = 0;
    fc.assert(
      fc.property(writable, fc.nat(), fc.boolean(), (recipe, which, protect) => {
        const g = generate(recipe);
        const book = readWorkbook(g.bytes);
        const { plan } = refresh(book.snapshot, { now: NOW, appVersion: APP_VERSION, ...(g.config ? { config: g.config } : {}) });
        if (plan.statusBlocks.length === 0) return;
        const block = plan.statusBlocks[which % plan.statusBlocks.length];
        // The same workbook, changed by the user after the plan was made.
        const changed = cloneModel(g.model);
        const sheet = changed.sheets.find((s) => s.name === block.sheet)!;
        let expected: string;
        if (protect) {
          sheet.protected = true;
          expected = 'sheet-protected';
        } else {
          const cells = plannedCells(block).filter((c) => !c.header);
          const target = cells.length ? cells[which % cells.length] : { row: block.headerRow, col: block.firstCol };
          sheet.cells.set(`${target.row},${target.col}`, { t: 'str', v: 'typed by the user' });
          expected = 'cell-in-use';
        }
        const stale = readWorkbook(toXlsx(changed));
        let error: unknown = null;
        try {
          applyPlan(stale.pkg, plan);
        } catch (e) {
          error = e;
        }
        if (!(error instanceof XlsxError) || error.code !== expected) {
          throw new Error(explain(g, [`expected XlsxError ${expected}, got ${error instanceof XlsxError ? error.code : String(error)}`]));
        }
        refusals++;
      }),
      runs(40),
    );
    expect(refusals).toBeGreaterThan(0);
  });
});

// ------------------------------------------------------------------ (b)

/** Checks that outside what the plan owns the output is the original. */
function checkKept(g: Generated, plan: WritePlan, out: Uint8Array): string[] {
  const problems: string[] = [];
  const before = partsOf(g.bytes);
  const after = partsOf(out);
  const pathsBefore = sheetPaths(before);
  const pathsAfter = sheetPaths(after);
  const blocks = plan.statusBlocks;
  const blockSheets = new Set(blocks.map((b) => b.sheet));

  // Every original sheet is where it was, its cells and rows the original outside the owned blocks.
  for (const [name, path] of pathsBefore) {
    if (pathsAfter.get(name) !== path) {
      problems.push(`sheet ${name}: part ${path} became ${pathsAfter.get(name)}`);
      continue;
    }
    const mine = blocks.filter((b) => b.sheet === name);
    for (const d of cellDifferences(before.get(path)!, after.get(path)!, ownedRects(blocks, name))) problems.push(`${name}!${d}`);
    if (mine.length === 0) {
      if (before.get(path) !== after.get(path)) problems.push(`sheet ${name} has no status block but changed`);
      continue;
    }
    // Inside the blocks: only the planned cells are new; any other cell there is the original.
    const planned = writtenCells(blocks, name);
    const cellsBefore = sheetCells(before.get(path)!).cells;
    for (const [ref, c] of sheetCells(after.get(path)!).cells) {
      if (!ownedRects(blocks, name).some((r) => inRect(r, c.row, c.col))) continue;
      if (!planned.has(ref) && cellsBefore.get(ref)?.xml !== c.xml) problems.push(`${name}!${ref}: a cell the plan does not write: ${c.xml}`);
    }
    // Everything but the cells: take the insertions out and the rest is the original.
    const w = withoutInsertions(after.get(path)!, before.get(path)!, mine);
    for (const m of w.missing) problems.push(`${name}: ${m} missing`);
    if (w.patched !== w.original) problems.push(`sheet ${name}: more changed than the status cells, their formats and widths`);
  }

  // Parts: only those a refresh must touch have changed.
  const r = rawIdentical(g.bytes, out);
  const tablesBefore = tableParts(before);
  const grown = [...tablesBefore].filter(([, n]) => blocks.some((b) => b.tableName === n)).map(([p]) => p);
  const allowed = new Set([
    ...[...blockSheets].map((s) => pathsBefore.get(s)!),
    ...grown,
    'xl/styles.xml',
    'xl/workbook.xml',
    'xl/_rels/workbook.xml.rels',
    '[Content_Types].xml',
  ]);
  if (r.removed.length) problems.push(`parts removed: ${r.removed.join(', ')}`);
  for (const p of r.changed) if (!allowed.has(p)) problems.push(`part changed: ${p}`);
  if (!r.orderKept) problems.push('the order of the zip entries changed');
  // New parts: the exception sheet (with its table) and the settings sheet, listed after the original sheets.
  const listBefore = sheetList(before);
  const listAfter = sheetList(after);
  const expectedSheets = [...listBefore, { name: plan.exceptionSheet!.name, state: 'visible' }, { name: SETTINGS_SHEET_NAME, state: 'veryHidden' }];
  if (JSON.stringify(listAfter) !== JSON.stringify(expectedSheets)) problems.push(`sheets: ${JSON.stringify(listAfter)}`);
  for (const p of r.added) if (!/^xl\/(worksheets\/sheet\d+\.xml|worksheets\/_rels\/sheet\d+\.xml\.rels|tables\/table\d+\.xml)$/.test(p)) problems.push(`part added: ${p}`);

  // Grown tables: only their ref, autoFilter ref, column count and the added columns differ.
  for (const p of grown) {
    const name = tablesBefore.get(p)!;
    const block = blocks.find((b) => b.tableName === name)!;
    const strip = (x: string): string => {
      let s = x.replace(/ ref="[^"]*"/g, '').replace(/ count="\d+"/g, '');
      for (const c of block.columns) s = s.replace(new RegExp(`<tableColumn id="\\d+" name="${c.header.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"/>`), '');
      return s;
    };
    if (strip(after.get(p)!) !== strip(before.get(p)!)) problems.push(`table ${name}: more changed than its range and the added columns`);
  }

  // styles.xml: appended to, never changed.
  try {
    const st = stylesWithoutAppended(after.get('xl/styles.xml')!, before.get('xl/styles.xml')!);
    if (st.patched !== st.original) problems.push('styles.xml: more than entries appended');
  } catch (e) {
    problems.push(`styles.xml: ${(e as Error).message}`);
  }

  // workbook.xml: the new sheets and the exception sheet's print titles added, nothing else.
  const wbBefore = before.get('xl/workbook.xml')!;
  let wb = after.get('xl/workbook.xml')!;
  for (const n of [plan.exceptionSheet!.name, SETTINGS_SHEET_NAME]) {
    const esc = n.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    wb = wb.replace(new RegExp(`<sheet name="${esc.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*/>`), '');
  }
  wb = wb.replace(/<definedName name="_xlnm\.Print_Titles" localSheetId="\d+">[^<]*<\/definedName>/, '').replace('<definedNames></definedNames>', '');
  if (wb !== wbBefore) problems.push('workbook.xml: more changed than the sheets added');

  // Read back: every original value and number format outside the blocks.
  const a = readWorkbook(g.bytes).snapshot;
  const b = readWorkbook(out).snapshot;
  for (const s of a.sheets) {
    const t = b.sheets.find((x) => x.name === s.name)!;
    const rects = ownedRects(blocks, s.name);
    s.values.forEach((line, i) =>
      line.forEach((v, j) => {
        const row = s.origin.row + i;
        const col = s.origin.col + j;
        if (rects.some((rc) => inRect(rc, row, col))) return;
        if (valueAt(t, row, col) !== v || formatAt(t, row, col) !== s.numberFormats[i][j]) problems.push(`${s.name}!${addr(row, col)} reads back differently`);
      }),
    );
    if (JSON.stringify(t.merges) !== JSON.stringify(s.merges)) problems.push(`${s.name}: merges changed`);
    if (t.protected !== s.protected || t.visibility !== s.visibility) problems.push(`${s.name}: protection or visibility changed`);
  }
  return problems;
}

describe('(b) outside what the add-in owns, the workbook is the original', () => {
  test('every cell, row and part outside the status blocks and the add-in’s sheets is unchanged', () => {
    const seen = { blocks: 0, tableBlocks: 0, moved: 0 };
    fc.assert(
      fc.property(writable, (recipe) => {
        const g = generate(recipe);
        const { outcome, out } = refreshFile(g.bytes, g.config);
        seen.blocks += outcome.plan.statusBlocks.length;
        seen.tableBlocks += outcome.plan.statusBlocks.filter((b) => b.tableName).length;
        seen.moved += outcome.plan.statusBlocks.filter((b) => b.note).length;
        expectNone(g, checkKept(g, outcome.plan, out));
      }),
      runs(60),
    );
    // The generated workbooks get status blocks, in Excel tables too, and some have to move round the user's cells.
    expect(seen.blocks).toBeGreaterThan(20);
    expect(seen.tableBlocks).toBeGreaterThan(3);
    expect(seen.moved).toBeGreaterThan(3);
  });
});

// ------------------------------------------------------------------ (c)

/** Rows of the exception sheet as read back, without the note a later refresh adds ("No status has changed since..."), and the blank row after it. */
function exceptionRows(snapshot: WorkbookSnapshot, name: string): string[] {
  const sheet = snapshot.sheets.find((s) => s.name === name);
  const rows = grid(sheet);
  const prefix = messages.plan.exceptions.noChanges.slice(0, messages.plan.exceptions.noChanges.indexOf('{'));
  const i = sheet ? sheet.values.findIndex((line) => typeof line[0] === 'string' && line[0].startsWith(prefix)) : -1;
  if (i >= 0) rows.splice(i, 2);
  return rows;
}

function refreshAgain(bytes: Uint8Array, config: RagConfig | undefined): { plan: WritePlan; report: RefreshReport; out: Uint8Array } {
  const book = readWorkbook(bytes);
  const { plan, report } = refresh(book.snapshot, { now: NOW, appVersion: APP_VERSION, ...(config ? { config } : {}) });
  return { plan, report, out: applyPlan(book.pkg, plan) };
}

/** What refreshing once more changed: problems, the exception sheet aside. */
function compareRefreshes(first: Uint8Array, second: Uint8Array, firstPlan: WritePlan, secondPlan: WritePlan): string[] {
  const problems: string[] = [];
  const a = partsOf(first);
  const b = partsOf(second);
  const name = firstPlan.exceptionSheet!.name;
  const exceptionPath = sheetPaths(a).get(name)!;
  const exceptionTable = /Target="\.\.\/tables\/([^"]+)"/.exec(a.get(exceptionPath.replace(/worksheets\//, 'worksheets/_rels/') + '.rels') ?? '')?.[1];
  const r = rawIdentical(first, second);
  if (r.added.length || r.removed.length) problems.push(`parts added ${r.added.join(', ')}, removed ${r.removed.join(', ')}`);
  for (const p of r.changed) {
    if (p === exceptionPath || (exceptionTable && p === `xl/tables/${exceptionTable}`)) continue;
    if (p === 'xl/workbook.xml') {
      // The exception sheet's print titles follow its header row, which the note moves down.
      const norm = (x: string): string => x.replace(/(<definedName name="_xlnm\.Print_Titles"[^>]*>)[^<]*/, '$1');
      if (norm(a.get(p)!) === norm(b.get(p)!)) continue;
    }
    problems.push(`${p} changed on the second refresh`);
  }
  // What is written (the blocks' place and cells; their `note` is for the report only).
  const written = (p: WritePlan): string => JSON.stringify(p.statusBlocks.map(({ note: _note, ...b }) => b));
  if (written(secondPlan) !== written(firstPlan)) problems.push('the status blocks differ');
  const sa = readWorkbook(first).snapshot;
  const sb = readWorkbook(second).snapshot;
  const ra = exceptionRows(sa, name);
  const rb = exceptionRows(sb, name);
  if (JSON.stringify(ra) !== JSON.stringify(rb)) {
    const k = ra.findIndex((x, i) => x !== rb[i]);
    problems.push(`the exception sheet differs at row ${k + 1}: ${ra[k]} → ${rb[k]}`);
  }
  return problems;
}

/**
 * What a second refresh reads as the first did: the same tables (rows, and the user's columns
 * and their roles, the add-in's own columns aside), the status columns in the same places, and
 * the same note on each block that had to move. (Was BUG second-read-differs, minimal cases
 * under "known bugs" below: the add-in's own columns were read as the user's, joining a table
 * to what lay beyond them, so each refresh moved them.)
 */
function readDifferently(first: RefreshOutcome, second: { plan: WritePlan; report: RefreshReport }): string[] {
  const problems: string[] = [];
  // every measure has its own key (was BUG statuses-keyed-per-table)
  const keys = first.report.results.map((r) => r.measure.key);
  if (new Set(keys).size !== keys.length) problems.push('two measures share a key');
  const tables = (r: RefreshReport): string[] =>
    r.tables.map((t) => JSON.stringify([t.sheet, t.excelTable, t.headerTop, t.headerRow, t.firstDataRow, t.lastDataRow, t.measureRows, t.columns.filter((c) => c.role !== 'owned').map((c) => [c.col, c.role])]));
  const places = (p: WritePlan): string[] => p.statusBlocks.map((b) => JSON.stringify([b.sheet, b.tableName, b.headerRow, b.firstCol, b.note]));
  const [ta, tb] = [tables(first.report), tables(second.report)];
  const [pa, pb] = [places(first.plan), places(second.plan)];
  if (ta.join() !== tb.join()) problems.push(`the second refresh reads the tables ${tb.join(' ')}, the first read ${ta.join(' ')}`);
  if (pa.join() !== pb.join()) problems.push(`the second refresh places the status columns ${pb.join(' ')}, the first placed ${pa.join(' ')}`);
  return problems;
}

describe('(c) refreshing twice gives the workbook refreshing once gave', () => {
  const once = (g: Generated, againWith: RagConfig | undefined) => {
    const first = refreshFile(g.bytes, g.config);
    const second = refreshAgain(first.out, againWith);
    expectNone(g, readDifferently(first.outcome, second));
    return { first, second };
  };

  test('with the settings the first refresh saved: every part the same bytes but the exception sheet (the same cells but for its "since the last refresh" note), its table and its print titles; a third refresh gives the second’s bytes', () => {
    fc.assert(
      fc.property(writable, (recipe) => {
        const g = generate(recipe);
        const { first, second } = once(g, undefined);
        expectNone(g, compareRefreshes(first.out, second.out, first.outcome.plan, second.plan));
        const third = refreshAgain(second.out, undefined);
        if (Buffer.compare(Buffer.from(third.out), Buffer.from(second.out)) !== 0) {
          expectNone(g, [`the third refresh changed ${rawIdentical(second.out, third.out).changed.join(', ')}`]);
        }
      }),
      runs(40),
    );
  });

  test('with the same configuration given again (the CLI’s --config), table and measure entries included', () => {
    const withConfig = writable.filter((r) => r.config !== null);
    fc.assert(
      fc.property(withConfig, (recipe) => {
        const g = generate(recipe);
        const { first, second } = once(g, g.config);
        expectNone(g, compareRefreshes(first.out, second.out, first.outcome.plan, second.plan));
      }),
      runs(30),
    );
  });
});

// ------------------------------------------------------------------ (d)

function checkCleared(g: Generated, plans: WritePlan[], cleared: Uint8Array, limits: { blanks: number }): string[] {
  const problems: string[] = [];
  const before = partsOf(g.bytes);
  const after = partsOf(cleared);
  const paths = sheetPaths(before);
  const r = rawIdentical(g.bytes, cleared);
  if (r.added.length) problems.push(`parts left behind: ${r.added.join(', ')}`);
  if (r.removed.length) problems.push(`parts gone: ${r.removed.join(', ')}`);
  if (JSON.stringify(sheetList(after)) !== JSON.stringify(sheetList(before))) problems.push(`sheets: ${JSON.stringify(sheetList(after))}`);
  const blocks = plans.flatMap((p) => p.statusBlocks);
  const blockSheets = new Set(blocks.map((b) => b.sheet));
  for (const p of r.changed) {
    const x = before.get(p)!;
    const y = after.get(p)!;
    if (x === y) continue;
    if (p === 'xl/styles.xml') {
      // Entries appended by the refresh stay (unused); the original ones are as they were.
      const st = stylesWithoutAppended(y, x);
      if (st.patched !== st.original) problems.push('styles.xml: original entries changed');
      continue;
    }
    const sheet = [...paths].find(([, path]) => path === p)?.[0];
    if (sheet === undefined || !blockSheets.has(sheet)) {
      problems.push(`${p} is not the original after Clear RAG`);
      continue;
    }
    // Known limit (README): a formatted blank cell a status value was written into goes with the value.
    const overwritten = new Set<string>();
    const planned = writtenCells(blocks, sheet);
    for (const [ref, c] of sheetCells(x).cells) if (!c.hasContent && planned.has(ref)) overwritten.add(c.raw);
    limits.blanks += overwritten.size;
    let original = x;
    for (const el of overwritten) original = original.replace(el, '');
    for (const d of cellDifferences(original, y, [])) problems.push(`${sheet}!${d}`);
    if (JSON.stringify(conditionalFormats(y)) !== JSON.stringify(conditionalFormats(x))) problems.push(`${sheet}: conditional formats are not the original ones`);
    // The rest of the sheet, with the hints the shell widens and the widths it added normalised.
    if (normaliseSheet(y, original) !== normaliseSheet(original, original)) problems.push(`${sheet}: more than column widths and hints left changed`);
  }
  const a = readWorkbook(g.bytes).snapshot;
  const b = readWorkbook(cleared).snapshot;
  if (JSON.stringify(b) !== JSON.stringify({ ...a, savedDocument: null })) problems.push('the cleared workbook does not read back as the original');
  return problems;
}

describe('(d) Clear RAG after a refresh gives back the original workbook', () => {
  test('every cell and style, every part but styles.xml (appended entries stay) and the status sheets (column widths stay); the add-in’s sheets, cells and conditional formats gone', () => {
    const limits = { blanks: 0 };
    fc.assert(
      fc.property(writable, fc.boolean(), (recipe, twice) => {
        const g = generate(recipe);
        const once = refreshFile(g.bytes, g.config);
        // After one refresh or two (the second clears and writes the blocks again).
        const plans = [once.outcome.plan];
        let last = once.out;
        if (twice) {
          const again = refreshAgain(once.out, undefined);
          plans.push(again.plan);
          last = again.out;
        }
        expectNone(g, checkCleared(g, plans, clearFile(last), limits));
      }),
      runs(50),
    );
    console.info(`(d) Clear RAG: formatted blank cells lost where a status value had been written (the README's known limit): ${limits.blanks}`);
  });
});

// ------------------------------------------------------------------ (e)

function checkText(g: Generated, plan: WritePlan, out: Uint8Array): string[] {
  const problems: string[] = [];
  const parts = partsOf(out);
  const paths = sheetPaths(parts);
  const snapshot = readWorkbook(out).snapshot;
  const byBlockSheet = new Map<string, StatusBlock[]>();
  for (const b of plan.statusBlocks) byBlockSheet.set(b.sheet, [...(byBlockSheet.get(b.sheet) ?? []), b]);
  for (const [sheet, blocks] of byBlockSheet) {
    const xml = parts.get(paths.get(sheet)!)!;
    const read = snapshot.sheets.find((s) => s.name === sheet)!;
    for (const b of blocks) {
      for (const c of plannedCells(b)) {
        const el = cellElement(xml, addr(c.row, c.col));
        if (!el) problems.push(`${sheet}!${addr(c.row, c.col)} not written`);
        else if (/<f[\s>/]/.test(el)) problems.push(`${sheet}!${addr(c.row, c.col)} is a formula: ${el}`);
        else if (typeof c.value === 'string' && !/ t="inlineStr"/.test(el)) problems.push(`${sheet}!${addr(c.row, c.col)} is not text: ${el}`);
        if (valueAt(read, c.row, c.col) !== written(c.value)) problems.push(`${sheet}!${addr(c.row, c.col)} reads back ${JSON.stringify(valueAt(read, c.row, c.col))}`);
      }
      // Nothing in the block's rectangle is a formula.
      const rect = blockRect(b, b.columns.length);
      for (const c of sheetCells(xml).cells.values()) if (inRect(rect, c.row, c.col) && c.hasFormula) problems.push(`${sheet}!${addr(c.row, c.col)} is a formula`);
    }
  }
  // The exception sheet: no formula anywhere; every value as the plan gave it (text as text).
  const spec = plan.exceptionSheet!;
  const xml = parts.get(paths.get(spec.name)!)!;
  if (/<f[\s>/]/.test(xml)) problems.push('the exception sheet has a formula');
  const read = snapshot.sheets.find((s) => s.name === spec.name)!;
  for (const c of spec.cells) {
    if (c.value === null || c.value === '') continue;
    const got = valueAt(read, c.row, c.col);
    if (got !== written(c.value)) problems.push(`${spec.name}!${addr(c.row, c.col)}: ${JSON.stringify(c.value)} reads back ${JSON.stringify(got)}`);
    if (typeof c.value === 'string' && !/ t="(inlineStr|s)"/.test(cellElement(xml, addr(c.row, c.col)) ?? '')) problems.push(`${spec.name}!${addr(c.row, c.col)} is not text`);
  }
  return problems;
}

describe('(e) text from the workbook lands as text', () => {
  test('no cell the add-in writes is a formula; status cells and the exception sheet read back as the plan’s values, text starting "=", "+", "@" included', () => {
    let formulaLike = 0;
    fc.assert(
      fc.property(writable, (recipe) => {
        const g = generate(recipe);
        const { outcome, out } = refreshFile(g.bytes, g.config);
        formulaLike += outcome.plan.exceptionSheet!.cells.filter((c) => typeof c.value === 'string' && /^[=+@]/.test(c.value)).length;
        expectNone(g, checkText(g, outcome.plan, out));
      }),
      runs(50),
    );
    // Some of the generated names and comments that look like formulas reach the exception sheet.
    expect(formulaLike).toBeGreaterThan(0);
  });
});

// ------------------------------------------------------------------ known bugs (minimal cases the properties found)

describe('known bugs in the core, found by the properties above (each case fails until the bug is fixed)', () => {
  const twice = (cells: Record<string, string | number>, config?: RagConfig) => {
    const bytes = toXlsx(gridBook(cells));
    const first = refreshFile(bytes, config);
    const second = refreshAgain(first.out, config);
    const report = refresh(readWorkbook(first.out).snapshot, { now: NOW, appVersion: APP_VERSION, ...(config ? { config } : {}) }).report;
    return { first, second, report };
  };

  // Was BUG config-entries-duplicated (found by (c)): mergeConfigs concatenated the saved and the
  // given tables[] / measures[] lists, so the same --config on each refresh added another copy of
  // every entry each time. An entry for the same table or measure is now merged into one.
  test('the same --config with a measure entry, given on two refreshes, is saved once', () => {
    const config = configOf({ measures: [{ name: 'X', polarity: 'lower' }] });
    const { first, second } = twice({ A1: 'Measure', B1: 'Actual', A2: 'X', B2: 5 }, config);
    const saved = (bytes: Uint8Array): unknown => JSON.parse(readWorkbook(bytes).snapshot.savedDocument!).config.measures;
    expect(saved(first.out)).toEqual([{ name: 'X', polarity: 'lower' }]);
    expect(saved(second.out)).toEqual([{ name: 'X', polarity: 'lower' }]);
  });

  // Was BUG statuses-keyed-per-table (found by (c)): keys were unique only within a table, so two
  // measures called "X" in two tables of one sheet shared a saved status, and the next refresh
  // reported a change that had not happened. The refresh now keys measures across each sheet.
  test('two measures of one name in two tables of a sheet: a second refresh reports no status change', () => {
    const { report } = twice({ A1: 'Measure', B1: 'Actual', C1: 'Target', A2: 'X', B2: 5, C2: 10, A4: 'Measure', B4: 'Actual', A5: 'X', B5: 5 });
    expect(report.changes).toEqual([]);
  });

  // Was BUG second-read-differs (found by (c)): the second refresh of an unchanged workbook read
  // its tables differently, because of what the first refresh wrote. The detector works out a
  // plain table's columns from its rows and the rows just below it, so it took into the table
  // what was right of the add-in's own columns there: a user's note just right of them (case 1:
  // C:G beside A1:B2, the note in H2, the table read as A1:H2), or the status columns of the
  // table below (case 2: those of A4:B5 went to E:I round the note in D5, and A1:B2 was read as
  // A1:I2). The columns then moved right, and on the next refresh back. In case 3 the heading
  // above a table ("Corporate measures", the group of its measures on the exception sheet) was
  // taken into the table's header on the second refresh through the status columns of the table
  // below. Tables, their extent and their headers are now read as if the add-in's cells were
  // empty (src/core/detect/tables.ts).
  test('with a note just right of the status columns, a second refresh puts them where the first did', () => {
    const { first, second } = twice({ A1: 'Measure', B1: 'Actual', A2: 'X', B2: 5, H2: 'note' });
    expect(first.outcome.plan.statusBlocks.map((b) => b.firstCol)).toEqual([2]);
    expect(second.plan.statusBlocks.map((b) => b.firstCol)).toEqual([2]);
  });

  test('with the next table’s status columns below and to the right, a second refresh puts them where the first did', () => {
    const { first, second } = twice({ A1: 'Measure', B1: 'Actual', A2: 'X', B2: 5, A4: 'Measure', B4: 'Actual', A5: 'Y', B5: 6, D5: 'note' });
    expect(first.outcome.plan.statusBlocks.map((b) => b.firstCol)).toEqual([2, 4]);
    expect(second.plan.statusBlocks.map((b) => b.firstCol)).toEqual([2, 4]);
  });

  test('a heading above a table stays its measures’ group on the second refresh', () => {
    const model = gridBook({
      B1: 'Corporate measures',
      B2: 'Measure', C2: 'Actual',
      B3: 'Sickness absence days', C3: 0,
      B5: 'Measure', C5: 'Q1 2024/25', D5: 'Q2 2024/25',
      B6: 'Sickness absence days 1', H6: 'note',
      A8: 'Name',
    });
    model.sheets[0].tables.push({ name: 'KPIs', range: { top: 4, left: 1, bottom: 5, right: 3 }, columns: ['Measure', 'Q1 2024/25', 'Q2 2024/25'], totalsRow: false });
    const first = refreshFile(toXlsx(model), undefined);
    const second = refreshAgain(first.out, undefined);
    const groups = (r: RefreshReport): string[] => r.summary.byDirectorate.map((f) => `${f.label}: ${f.measures}`);
    expect(groups(first.outcome.report)).toEqual(['Corporate measures: 1', 'Measures: 1']);
    expect(groups(second.report)).toEqual(groups(first.outcome.report));
  });
});
