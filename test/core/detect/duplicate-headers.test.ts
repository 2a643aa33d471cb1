/** Two columns with the same heading: one is used, and the user is told which, and how to choose the other. */
import { detectTables } from '../../../src/core/detect';
import { sheet, workbook } from '../../fixtures/snapshots/build';

describe('duplicate headers', () => {
  test('two "Actual" and two "Target" columns: the first of each is used, with a warning naming both cells', () => {
    const wb = workbook(
      sheet('KPIs', [
        ['Ref', 'Measure', 'Actual', 'Target', 'Actual', 'Target'],
        ['A1', 'Visits', 92, 90, 50, 10],
        ['A2', 'Calls', 70, 80, 71, 81],
      ]),
    );
    const r = detectTables(wb, {}, []);
    const t = r.tables[0]!;
    expect(t.columns.filter((c) => c.role === 'actual').map((c) => c.col)).toEqual([2]);
    expect(t.columns.filter((c) => c.role === 'target').map((c) => c.col)).toEqual([3]);
    const dup = t.issues.filter((i) => i.code === 'duplicate-header');
    expect(dup.map((i) => i.cell)).toEqual(['E1', 'F1']);
    expect(dup[0]!.message).toBe(
      'Two columns are headed "Actual": C1 is used and E1 is left out. If E1 is the one to use, name it in the settings (tables[].columns).',
    );
    expect(dup[0]!.severity).toBe('warning');
  });
  test('different headers that mean the same role are not called duplicates', () => {
    const wb = workbook(sheet('KPIs', [['Measure', 'Actual', 'Outturn', 'Commentary', 'Comments'], ['Visits', 92, 91, 'ok', 'fine']]));
    const t = detectTables(wb, {}, []).tables[0]!;
    expect(t.issues.filter((i) => i.code === 'duplicate-header')).toEqual([]);
  });
  test('choosing the other column in the settings uses it, with no warning', () => {
    const wb = workbook(sheet('KPIs', [['Measure', 'Actual', 'Actual'], ['Visits', 92, 50]]));
    const t = detectTables(wb, { tables: [{ sheet: 'KPIs', columns: { C: 'actual', B: 'ignore' } }] }, []).tables[0]!;
    expect(t.columns.filter((c) => c.role === 'actual').map((c) => c.col)).toEqual([2]);
    expect(t.issues.filter((i) => i.code === 'duplicate-header')).toEqual([]);
  });
});
