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
 *  - the Office shell makes the plan the file shell makes, and writes no formula;
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

/**
 * BUG table-neighbours-shift (src/workbook/office/write.ts, with check.ts): to refresh an Excel
 * table it grew, the Office shell deletes the table columns it added and adds them again. In
 * Excel (and the double) deleting table columns shifts the cells right of the table, in its
 * rows, to the left; adding them back at the end of the table does not shift them back. So
 * every refresh after the first moves the user's cells there left by the number of status
 * columns (a note in Z2 goes to U2, P2, K2...), and once one is within that many columns of the
 * status columns the check refuses every refresh ("Cells Measures!H2 already hold your data
 * where RAG Refresh would write its status columns"). The file shell leaves them where they are.
 * Told here by its trigger: a table grown by the first refresh with a user's cell right of it,
 * in its rows. Minimal cases below.
 */
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

/** A first and a second refresh through the Office shell (null when the first grew a table with the user's cells beside it: the known bug). */
async function twiceThroughOffice(g: Generated, each?: (x: ExcelDouble, i: number, plan: WritePlan) => Promise<void>): Promise<{ x: ExcelDouble; plans: WritePlan[]; syncs: number[] } | null> {
  const snapshot = snapshotOf(g);
  const x = doubleFrom(snapshot);
  const out: { x: ExcelDouble; plans: WritePlan[]; syncs: number[] } = { x, plans: [], syncs: [] };
  for (let i = 0; i < 2; i++) {
    const r = await refreshDouble(x, i === 0 ? g.config : undefined);
    if (r.result.syncs !== r.syncs) throw new Error(explain(g, [`the shell reported ${r.result.syncs} round trips, the double counted ${r.syncs}`]));
    out.plans.push(r.result.plan);
    out.syncs.push(r.syncs);
    if (each) await each(x, i, r.result.plan);
    if (i === 0 && tableNeighbours(snapshot, r.result.plan)) return null;
  }
  return out;
}

describe('the Office shell over generated workbooks', () => {
  const counts = new Set<number>();
  const setAside = { tableNeighbours: 0, checked: 0 };
  afterAll(() => {
    console.info(`Office shell, second refresh: ${setAside.checked} checked; set aside for BUG table-neighbours-shift: ${setAside.tableNeighbours}`);
  });

  test('round trips: as reported, at most 3, the same for a workbook eight times the size and on the second refresh', async () => {
    await fc.assert(
      fc.asyncProperty(writable, async (recipe) => {
        const small = generate(recipe);
        const big = generate(scaled(recipe, 8));
        const a = await twiceThroughOffice(small);
        const b = await twiceThroughOffice(big);
        if (!a || !b) setAside.tableNeighbours++;
        fc.pre(a !== null && b !== null);
        setAside.checked++;
        for (const n of [...a!.syncs, ...b!.syncs]) counts.add(n);
        if (a!.syncs.some((n) => n > 3) || JSON.stringify(a!.syncs) !== JSON.stringify(b!.syncs) || a!.syncs[0] !== a!.syncs[1]) {
          throw new Error(explain(small, [`round trips: ${JSON.stringify(a!.syncs)}, eight times the size: ${JSON.stringify(b!.syncs)}`]));
        }
      }),
      runs(20),
    );
    // And the same whatever the workbook: one figure across all of them.
    expect(counts.size).toBe(1);
  });

  test('the Office shell makes the file shell’s plans from the same workbook and leaves the same cells, on a first and a second refresh, and writes no formula', async () => {
    let compared = 0;
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
        if (!office) setAside.tableNeighbours++;
        else setAside.checked++;
      }),
      runs(30),
    );
    expect(compared).toBeGreaterThan(10);
    // The known bug sets aside a minority of the generated workbooks: the property still says something.
    expect(setAside.checked / (setAside.checked + setAside.tableNeighbours)).toBeGreaterThan(0.75);
  });

  const grownTable = () => {
    const model = gridBook({ A1: 'Measure', B1: 'Actual', A2: 'X', B2: 5, I2: 'note', Z2: 'far note' });
    model.sheets[0].tables.push({ name: 'KPIs', range: { top: 0, left: 0, bottom: 1, right: 1 }, columns: ['Measure', 'Actual'], totalsRow: false });
    return doubleFrom(readWorkbook(toXlsx(model)).snapshot);
  };

  test.failing('BUG table-neighbours-shift (1): the user’s cells right of an Excel table stay where they are on the second refresh', async () => {
    const x = grownTable();
    // The first refresh grows the table by its five status columns, C:G.
    const first = await refreshDouble(x, undefined);
    expect(first.result.plan.statusBlocks.map((b) => [b.tableName, b.firstCol])).toEqual([['KPIs', 2]]);
    x.sheet('Measures').cells.delete(cellKey(1, 8)); // I2 gone: the second refresh is not refused
    await refreshDouble(x, undefined);
    // Z2 has gone to U2.
    expect(x.value('Measures', 'Z2')).toBe('far note');
  });

  test.failing('BUG table-neighbours-shift (2): a note two columns right of the status columns of an Excel table does not stop the second refresh', async () => {
    const x = grownTable();
    await refreshDouble(x, undefined);
    // Refused: "Cells Measures!I2 already hold your data where RAG Refresh would write its status columns."
    await expect(refreshDouble(x, undefined)).resolves.toBeDefined();
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
