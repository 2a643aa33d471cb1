/** The exception sheet's table takes a name no table or defined name of the workbook has. */
import { tableNameFor } from '../../src/core/names';
import { refresh } from '../../src/core/refresh';
import { applyPlan, readWorkbook } from '../../src/workbook/xlsx';
import { buildWorkbook, worksheet } from '../fixtures/xlsx/workbook-builder';
import { strFromU8, unzipSync } from 'fflate';

describe('table names', () => {
  test('valid and free: characters, leading digits, cell-like names, the taken ones', () => {
    expect(tableNameFor('RAG Exceptions (2)', new Set())).toBe('RAG_Exceptions__2_');
    expect(tableNameFor('2024 figures', new Set())).toBe('_2024_figures');
    expect(tableNameFor('Q3', new Set())).toBe('_Q3');
    expect(tableNameFor('R1C1', new Set())).toBe('_R1C1');
    expect(tableNameFor('RAGExceptions', new Set(['ragexceptions', 'ragexceptions_2']))).toBe('RAGExceptions_3');
  });

  test('a workbook whose defined name is RAGExceptions gets the summary table RAGExceptions_2', () => {
    const cell = (r: string, v: string | number) => (typeof v === 'number' ? `<c r="${r}"><v>${v}</v></c>` : `<c r="${r}" t="inlineStr"><is><t>${v}</t></is></c>`);
    const xml = worksheet(
      `<sheetData><row r="1">${cell('A1', 'Measure')}${cell('B1', 'Actual')}${cell('C1', 'Target')}</row><row r="2">${cell('A2', 'Visits')}${cell('B2', 50)}${cell('C2', 90)}</row></sheetData>`,
    );
    const book = readWorkbook(
      buildWorkbook({ sheets: [{ name: 'KPIs', xml }], afterSheets: '<definedNames><definedName name="RAGExceptions">KPIs!$A$1:$C$2</definedName></definedNames>' }),
    );
    expect(book.snapshot.definedNames).toEqual(['RAGExceptions']);
    const { plan } = refresh(book.snapshot, { now: '2026-01-15T09:30:00+00:00', appVersion: 'test' });
    expect(plan.exceptionSheet!.table!.name).toBe('RAGExceptions_2');
    const parts = unzipSync(applyPlan(book.pkg, plan));
    const table = Object.keys(parts).filter((p) => p.startsWith('xl/tables/')).map((p) => strFromU8(parts[p]!));
    expect(table.some((t) => t.includes('name="RAGExceptions_2"'))).toBe(true);
  });
});
