/**
 * The range a table is named by (its id) and that a `tables[]` entry's range matches is the
 * user's table, the same before and after a refresh writes the status columns beside it, and
 * the same range the rules resolve the table's settings with. Over the sample return, whose
 * sheet "Place" has two tables (A5:J11 and A15:J22).
 */
import { refresh } from '../../../src/core/refresh';
import type { RagConfig } from '../../../src/core/config/schema';
import { applyPlan, readWorkbook } from '../../../src/workbook/xlsx';
import { sampleBytes } from '../../helpers/workbooks';

const opts = { now: '2026-03-02T09:30:00+00:00', appVersion: 'test' };

function step(bytes: Uint8Array, config?: RagConfig) {
  const book = readWorkbook(bytes, { fileName: 'sample-return.xlsx' });
  const outcome = refresh(book.snapshot, { ...opts, ...(config ? { config } : {}) });
  return { report: outcome.report, bytes: applyPlan(book.pkg, outcome.plan) };
}

const placeIds = (r: ReturnType<typeof step>['report']) => r.tables.filter((t) => t.sheet === 'Place').map((t) => t.id);

describe('table identity', () => {
  it('is the user’s range before and after the status columns are written', () => {
    const first = step(sampleBytes());
    expect(placeIds(first.report)).toEqual(['Place!A5:J11', 'Place!A15:J22']);
    const second = step(first.bytes);
    expect(placeIds(second.report)).toEqual(['Place!A5:J11', 'Place!A15:J22']);
  });

  it('a table left out by its range stays out on every later refresh (its status columns removed)', () => {
    const refreshed = step(sampleBytes()).bytes;
    let bytes = step(refreshed, { version: 1, tables: [{ sheet: 'Place', range: 'A15:J22', include: false }] }).bytes;
    for (let i = 0; i < 3; i++) {
      const next = step(bytes);
      expect({ i, ids: placeIds(next.report), notFound: next.report.issues.filter((x) => x.code === 'config-table-not-found').length }).toEqual({ i, ids: ['Place!A5:J11'], notFound: 0 });
      bytes = next.bytes;
    }
  });

  it('a table’s settings given by its range apply after the status columns are written', () => {
    const refreshed = step(sampleBytes()).bytes;
    const plain = step(refreshed).report;
    const wide = step(refreshed, { version: 1, tables: [{ sheet: 'Place', range: 'A15:J22', tolerance: { type: 'relative', value: 50 } }] }).report;
    const moved = wide.results.filter((r, i) => r.status !== plain.results[i]!.status);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.every((r) => r.measure.tableId === 'Place!A15:J22')).toBe(true);
  });

  it('settings an earlier version saved with the range including the status columns still apply to that table', () => {
    const refreshed = step(sampleBytes()).bytes;
    const plain = step(refreshed).report;
    // what the pane wrote before the identity was the user's range: the table and its status columns
    const entry = { sheet: 'Place', range: 'A15:O22', tolerance: { type: 'relative' as const, value: 50 } };
    const old = step(refreshed, { version: 1, tables: [entry] }).report;
    const moved = old.results.filter((r, i) => r.status !== plain.results[i]!.status);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.every((r) => r.measure.sheet === 'Place' && r.measure.row >= 15)).toBe(true);
  });
});
