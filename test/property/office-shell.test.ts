/**
 * Properties of a refresh through the Office shell, against the Excel double,
 * over the generated workbooks of test/property/workbook-gen.ts: each is
 * written as .xlsx, read by the file shell, and the double seeded from that
 * snapshot (as test/office/contract.test.ts does), so both shells start from
 * the same cells.
 *
 *  - round trips: what the shell reports is what the double counted; at most 3
 *    (today's read 2 + write 1; test/office/commands.test.ts has the current
 *    figure) and the same for a workbook eight times the size, and on the
 *    second refresh (the steady state);
 *  - the Office shell makes the plan the file shell makes, leaves the same cells
 *    (the user's cells right of an Excel table it grew among them: they stay
 *    where they are on later refreshes), and writes no formula;
 *  - when a check fails nothing is written: a protected workbook structure
 *    (with the real core), and a plan made before the user protected a sheet
 *    or typed where a status cell goes (the pane's preview, then write).
 */
import fc from 'fast-check';
import { refresh } from '../../src/core/refresh';
import type { RagConfig } from '../../src/core/config/schema';
import type { WorkbookSnapshot, WritePlan } from '../../src/core/types';
import { OfficeShellError } from '../../src/workbook/office/errors';
import { refreshExcel, writeExcel } from '../../src/workbook/office/shell';
import { applyPlan, readWorkbook } from '../../src/workbook/xlsx';
import { cellKey } from '../office/double/model';
import type { ExcelDouble } from '../office/double/excel-double';
import { readDouble } from '../office/helpers';
import { plannedCells } from '../workbook/xlsx/checks';
import { APP_VERSION, NOW, doubleFrom, generate, runs, type Generated } from './pipeline';
import { bookArb, describeBook, gridBook, scaled, toXlsx } from './workbook-gen';

const writable = bookArb.filter((r) => !r.structureLocked);

function explain(g: Generated, problems: string[]): string {
  return `${problems.slice(0, 20).join('\n')}\n\nWorkbook:\n${describeBook(g.model)}`;
}

function snapshotOf(g: Generated): WorkbookSnapshot {
  return readWorkbook(g.bytes).snapshot;
}

/** Every sheet's cells by address: value, and number format unless text. */
function cellsOf(snapshot: WorkbookSnapshot): Record<string, Record<string, [unknown, string]>> {
  const out: Record<string, Record<string, [unknown, string]>> = {};
  for (const s of snapshot.sheets) {
    const cells: Record<string, [unknown, string]> = {};
    s.values.forEach((line, i) =>
      line.forEach((v, j) => {
        if (v === null) return;
        cells[`${s.origin.row + i},${s.origin.col + j}`] = [v, typeof v === 'string' ? '(text)' : s.numberFormats[i][j]];
      }),
    );
    out[s.name] = cells;
  }
  return out;
}

async function refreshDouble(x: ExcelDouble, config: RagConfig | undefined) {
  x.resetStats();
  const result = await refreshExcel(x.requestContext, {
    isSetSupported: x.isSetSupported,
    refresh,
    now: NOW,
    appVersion: APP_VERSION,
    ...(config ? { config } : {}),
  });
  return { result, syncs: x.stats.syncs };
}

/** A first and a second refresh through the Office shell. */
async function twiceThroughOffice(g: Generated, each?: (x: ExcelDouble, i: number, plan: WritePlan) => Promise<void>): Promise<{ x: ExcelDouble; plans: WritePlan[]; syncs: number[] }> {
  const snapshot = snapshotOf(g);
  const x = doubleFrom(snapshot);
  const out: { x: ExcelDouble; plans: WritePlan[]; syncs: number[] } = { x, plans: [], syncs: [] };
  for (let i = 0; i < 2; i++) {
    const r = await refreshDouble(x, i === 0 ? g.config : undefined);
    if (r.result.syncs !== r.syncs) throw new Error(explain(g, [`the shell reported ${r.result.syncs} round trips, the double counted ${r.syncs}`]));
    out.plans.push(r.result.plan);
    out.syncs.push(r.syncs);
    if (each) await each(x, i, r.result.plan);
  }
  return out;
}

/** The user's cells right of an Excel table the plan grows, in its rows (what deleting table columns would move). */
function tableNeighbours(snapshot: WorkbookSnapshot, plan: WritePlan): boolean {
  for (const b of plan.statusBlocks) {
    if (!b.tableName) continue;
    const s = snapshot.sheets.find((x) => x.name === b.sheet)!;
    const t = s.tables.find((x) => x.name === b.tableName)!;
    for (let row = t.range.top; row <= t.range.bottom; row++) {
      const line = s.values[row - s.origin.row] ?? [];
      for (let j = 0; j < line.length; j++) if (s.origin.col + j > t.range.right && line[j] !== null && line[j] !== '') return true;
    }
  }
  return false;
}

describe('the Office shell over generated workbooks', () => {
  const counts = new Set<number>();

  test('round trips: as reported, at most 3, the same for a workbook eight times the size and on the second refresh', async () => {
    await fc.assert(
      fc.asyncProperty(writable, async (recipe) => {
        const small = generate(recipe);
        const big = generate(scaled(recipe, 8));
        const a = await twiceThroughOffice(small);
        const b = await twiceThroughOffice(big);
        for (const n of [...a.syncs, ...b.syncs]) counts.add(n);
        if (a.syncs.some((n) => n > 3) || JSON.stringify(a.syncs) !== JSON.stringify(b.syncs) || a.syncs[0] !== a.syncs[1]) {
          throw new Error(explain(small, [`round trips: ${JSON.stringify(a.syncs)}, eight times the size: ${JSON.stringify(b.syncs)}`]));
        }
      }),
      runs(20),
    );
    // And the same whatever the workbook: one figure across all of them.
    expect(counts.size).toBe(1);
  });

  test('the Office shell makes the file shell’s plans from the same workbook and leaves the same cells, on a first and a second refresh, and writes no formula', async () => {
    let compared = 0;
    let beside = 0;
    await fc.assert(
      fc.asyncProperty(writable, async (recipe) => {
        const g = generate(recipe);
        // Formulas saved without a result are something Excel cannot have (the double is seeded
        // with an empty cell there, the file shell reports the formula): such workbooks are
        // checked for formulas written only.
        const comparable = !snapshotOf(g).sheets.some((s) => (s.uncachedFormulas ?? []).length > 0);
        if (comparable) compared++;
        let bytes = g.bytes;
        const office = await twiceThroughOffice(g, async (x, i, plan) => {
          const formulas: string[] = [];
          for (const s of x.exportState().sheets) for (const [a, c] of Object.entries(s.cells)) if (c.formula) formulas.push(`${s.name}!${a}: ${c.formula}`);
          if (formulas.length) throw new Error(explain(g, [`formulas written: ${formulas.join(', ')}`]));
          if (!comparable) return;
          const book = readWorkbook(bytes);
          const fileSide = refresh(book.snapshot, { now: NOW, appVersion: APP_VERSION, ...(i === 0 && g.config ? { config: g.config } : {}) });
          expect(plan).toEqual(fileSide.plan);
          bytes = applyPlan(book.pkg, fileSide.plan);
          // The same cells afterwards (a text cell compared by its value: the file shell writes
          // text as an inline string under the column's format, the Office shell gives it "@").
          const officeCells = cellsOf((await readDouble(x)).snapshot);
          const fileCells = cellsOf(readWorkbook(bytes).snapshot);
          if (JSON.stringify(officeCells) !== JSON.stringify(fileCells)) {
            expect({ refresh: i + 1, cells: officeCells }).toEqual({ refresh: i + 1, cells: fileCells });
          }
        });
        if (tableNeighbours(snapshotOf(g), office.plans[0])) beside++;
      }),
      runs(30),
    );
    expect(compared).toBeGreaterThan(10);
    // Workbooks with the user's cells right of a grown table (deleting its columns would move them) are compared like the rest.
    console.info(`Office shell, second refresh: of the generated workbooks, ${beside} had the user's cells right of a table the refresh grew`);
  });

  /** A table A1:B2 grown by the first refresh's five status columns (C:G), with the user's notes in I2 and Z2. */
  const grownTable = () => {
    const model = gridBook({ A1: 'Measure', B1: 'Actual', A2: 'X', B2: 5, I2: 'note', Z2: 'far note' });
    model.sheets[0].tables.push({ name: 'KPIs', range: { top: 0, left: 0, bottom: 1, right: 1 }, columns: ['Measure', 'Actual'], totalsRow: false });
    const bytes = toXlsx(model);
    return { x: doubleFrom(readWorkbook(bytes).snapshot), bytes };
  };

  test('the user’s cells right of an Excel table stay where they are on the second and third refresh, as through the file shell', async () => {
    const { x, bytes } = grownTable();
    let fileBytes = bytes;
    for (let i = 0; i < 3; i++) {
      const r = await refreshDouble(x, undefined);
      expect(r.result.plan.statusBlocks.map((b) => [b.tableName, b.firstCol, b.columns.length])).toEqual([['KPIs', 2, 5]]);
      expect([x.value('Measures', 'I2'), x.value('Measures', 'Z2')]).toEqual(['note', 'far note']);
      expect(x.exportState().sheets[0].tables[0].range).toBe('A1:G2');
      const book = readWorkbook(fileBytes);
      fileBytes = applyPlan(book.pkg, refresh(book.snapshot, { now: NOW, appVersion: APP_VERSION }).plan);
      expect(cellsOf((await readDouble(x)).snapshot)).toEqual(cellsOf(readWorkbook(fileBytes).snapshot));
    }
  });

  test('a note two columns right of the status columns of an Excel table does not stop the second refresh', async () => {
    const { x } = grownTable();
    await refreshDouble(x, undefined);
    // Was refused: "Cells Measures!I2 already hold your data where RAG Refresh would write its status columns."
    const second = await refreshDouble(x, undefined);
    expect(second.result.plan.statusBlocks).toHaveLength(1);
    // The table columns were rewritten in place: none deleted, none added.
    expect(x.lastBatch.filter((o) => o.path.includes('.columns') && (o.name === 'delete' || o.name === 'add'))).toEqual([]);
    expect(x.value('Measures', 'I2')).toBe('note');
  });
});

describe('the Office shell writes nothing when a check fails', () => {
  async function blocked(x: ExcelDouble, run: () => Promise<unknown>): Promise<{ error: unknown; unchanged: boolean; writes: number }> {
    const before = JSON.stringify(x.exportState());
    x.resetStats();
    let error: unknown = null;
    try {
      await run();
    } catch (e) {
      error = e;
    }
    return { error, unchanged: JSON.stringify(x.exportState()) === before, writes: x.stats.perSync.filter((s) => s.writes > 0).length };
  }

  test('a protected workbook structure: the real refresh is refused before any write, the workbook unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(writable, async (recipe) => {
        const g = generate(recipe);
        const x = doubleFrom(snapshotOf(g), { workbookProtected: true });
        const r = await blocked(x, () => refreshDouble(x, g.config));
        const e = r.error as OfficeShellError;
        if (!(e instanceof OfficeShellError) || e.code !== 'blocked' || !e.nothingWritten || !e.problems.some((p) => p.code === 'protected-workbook')) {
          throw new Error(explain(g, [`expected a blocked refresh (protected-workbook), got ${e instanceof OfficeShellError ? `${e.code} ${JSON.stringify(e.problems.map((p) => p.code))}` : String(r.error)}`]));
        }
        if (!r.unchanged || r.writes > 0) throw new Error(explain(g, ['the double changed']));
      }),
      runs(20),
    );
  });

  test('a plan made before the user protected a sheet, or typed where a status cell goes (a table that cannot move, or a plain block): refused, nothing written', async () => {
    const tried = { all: 0, table: { protect: 0, type: 0 } };
    await fc.assert(
      fc.asyncProperty(writable, fc.nat(), fc.constantFrom('protect', 'type'), async (recipe, which, change) => {
        const g = generate(recipe);
        const x = doubleFrom(snapshotOf(g));
        // The pane: read, preview the plan...
        const preview = await readDouble(x);
        const { plan } = refresh(preview.snapshot, { now: NOW, appVersion: APP_VERSION, ...(g.config ? { config: g.config } : {}) });
        if (plan.statusBlocks.length === 0) return;
        // ... the user changes the workbook ...
        // (an Excel table's block when there is one: the columns must go right of the table, they cannot move)
        const tableBlocks = plan.statusBlocks.filter((b) => b.tableName);
        const pool = tableBlocks.length ? tableBlocks : plan.statusBlocks;
        const block = pool[which % pool.length];
        if (block.tableName) tried.table[change]++;
        const sheet = x.sheet(block.sheet);
        let expected: string;
        if (change === 'protect') {
          sheet.protected = true;
          expected = 'protected-sheet';
        } else {
          const cells = plannedCells(block).filter((c) => !c.header);
          const at = cells.length ? cells[which % cells.length] : { row: block.headerRow, col: block.firstCol };
          sheet.cells.set(cellKey(at.row, at.col), { value: 'typed by the user', numberFormat: 'General' });
          expected = 'occupied';
        }
        // ... and the write runs on a fresh read.
        const read = await readDouble(x);
        tried.all++;
        const r = await blocked(x, () => writeExcel(x.requestContext, plan as WritePlan, read));
        const e = r.error as OfficeShellError;
        if (!(e instanceof OfficeShellError) || e.code !== 'blocked' || !e.nothingWritten || !e.problems.some((p) => p.code === expected)) {
          throw new Error(explain(g, [`expected a blocked write (${expected}), got ${e instanceof OfficeShellError ? `${e.code} ${JSON.stringify(e.problems.map((p) => p.code))}` : String(r.error)}`]));
        }
        if (!r.unchanged || r.writes > 0 || x.stats.syncs > 0) throw new Error(explain(g, ['the double changed, or a request was sent']));
      }),
      runs(30),
    );
    // Plain blocks and Excel tables, protected and typed in, were all tried.
    expect(tried.all).toBeGreaterThan(10);
    expect(tried.table.protect).toBeGreaterThan(0);
    expect(tried.table.type).toBeGreaterThan(0);
  });
});
