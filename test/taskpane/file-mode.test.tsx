/** @jest-environment jsdom */
/**
 * The pane over a real .xlsx file with the real core and the real file shell:
 * examples/sample-return.xlsx opened, refreshed, a tolerance previewed and applied,
 * and the downloaded bytes read back.
 */
import './jsdom-text';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parseSavedDocument } from '../../src/core/config/saved';
import { enGB } from '../../src/core/messages';
import { refresh } from '../../src/core/refresh';
import * as xlsx from '../../src/workbook/xlsx';
import { PaneController } from '../../src/taskpane/controller';
import { coreEngine } from '../../src/taskpane/engine-core';
import { createFileHost, type FileShell } from '../../src/taskpane/host-file';
import { renderPane } from './helpers';

const SAMPLE = new Uint8Array(readFileSync(join(__dirname, '../../examples/sample-return.xlsx')));
const NOW = '2026-03-02T09:30:00+00:00';

function expectedCounts(bytes: Uint8Array, config?: Parameters<typeof refresh>[1]['config']) {
  const { snapshot } = xlsx.readWorkbook(bytes, { fileName: 'sample-return.xlsx' });
  return refresh(snapshot, { now: NOW, appVersion: 'x', ...(config ? { config } : {}) }).report.summary.whole.counts;
}

describe('file mode over the sample workbook', () => {
  it('opens, refreshes, previews a tolerance, applies, and downloads a workbook with the new statuses and the change log', async () => {
    const saved: { name: string; bytes: Uint8Array }[] = [];
    let loads = 0;
    const host = createFileHost({
      load: async () => {
        loads++;
        return xlsx as unknown as FileShell;
      },
      save: (name, bytes) => saved.push({ name, bytes }),
    });
    const controller = new PaneController({ host, engine: coreEngine, messages: enGB, appVersion: '0.1.0', now: () => NOW, yieldToUi: () => Promise.resolve(), previewDelay: 0 });
    renderPane(controller);
    expect(screen.getByRole('button', { name: 'Open a workbook' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Refresh RAG' }) as HTMLButtonElement).disabled).toBe(true);
    expect(loads).toBe(0); // the file shell is loaded when a file is opened, not before

    await userEvent.upload(screen.getByLabelText('Choose an Excel workbook (.xlsx) to open'), new File([SAMPLE], 'sample-return.xlsx'));
    await act(() => controller.idle());
    expect(loads).toBe(1);
    expect(screen.getByTestId('file-name').textContent).toBe('Open: sample-return.xlsx');

    await userEvent.click(screen.getByRole('button', { name: 'Refresh RAG' }));
    await act(() => controller.idle());
    const counts = expectedCounts(SAMPLE);
    const items = within(screen.getByRole('list', { name: 'Measures by status' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([`Red: ${counts.red}`, `Amber: ${counts.amber}`, `Green: ${counts.green}`, ...(counts.noData ? [`No data: ${counts.noData}`] : []), ...(counts.noTarget ? [`No target: ${counts.noTarget}`] : [])]);

    await userEvent.click(screen.getByRole('tab', { name: 'Thresholds' }));
    fireEvent.change(screen.getByRole('textbox', { name: /^Tolerance/ }), { target: { value: '5%' } });
    await act(() => controller.idle());
    const five = expectedCounts(SAMPLE, { settings: { tolerance: { type: 'relative', value: 5 } } });
    const preview = screen.getByTestId('preview-summary').textContent ?? '';
    const moved = five.red - counts.red;
    expect(moved).toBeGreaterThan(0);
    expect(preview).toMatch(new RegExp(`^${moved} measures would change: \\S+ Amber → Red`));

    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await act(() => controller.idle());
    await userEvent.click(screen.getByRole('tab', { name: 'Refresh' }));
    await userEvent.click(screen.getByRole('button', { name: 'Download the refreshed workbook' }));
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toBe('sample-return-refreshed.xlsx');
    const back = xlsx.readWorkbook(saved[0]!.bytes, {});
    const doc = parseSavedDocument(back.snapshot.savedDocument);
    expect(doc.kind).toBe('ok');
    if (doc.kind !== 'ok') return;
    expect(doc.doc.config.settings?.tolerance).toEqual({ type: 'relative', value: 5 });
    expect(doc.doc.changeLog).toEqual([{ at: NOW, what: 'settings.tolerance', from: null, to: { type: 'relative', value: 5 }, by: 'pane' }]);
    // the statuses written are those of the new tolerance
    expect(doc.doc.state && Object.values(doc.doc.state.statuses).filter((s) => s === 'red')).toHaveLength(five.red);
  });

  it('a tolerance for one of two tables on a sheet, set after the status columns exist, is named by the user’s range and takes effect', async () => {
    const host = createFileHost({ load: async () => xlsx as unknown as FileShell, save: () => undefined });
    const controller = new PaneController({ host, engine: coreEngine, messages: enGB, appVersion: '0.1.0', now: () => NOW, yieldToUi: () => Promise.resolve(), previewDelay: 0 });
    renderPane(controller);
    await userEvent.upload(screen.getByLabelText('Choose an Excel workbook (.xlsx) to open'), new File([SAMPLE], 'sample-return.xlsx'));
    await act(() => controller.idle());
    await userEvent.click(screen.getByRole('button', { name: 'Refresh RAG' }));
    await act(() => controller.idle());

    // what the engine does with the setting, worked out apart from the pane
    const entry = { sheet: 'Place', range: 'A15:J22', tolerance: { type: 'relative' as const, value: 50 } };
    const { snapshot } = xlsx.readWorkbook(SAMPLE, { fileName: 'sample-return.xlsx' });
    const plain = refresh(snapshot, { now: NOW, appVersion: 'x' }).report;
    const wanted = refresh(snapshot, { now: NOW, appVersion: 'x', config: { version: 1, tables: [entry] } }).report;
    const moved = wanted.results.filter((r, i) => r.status !== plain.results[i]!.status).map((r) => r.measure.key);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.every((k) => k.startsWith('Place!'))).toBe(true);

    await userEvent.click(screen.getByRole('tab', { name: 'Thresholds' }));
    const choose = screen.getByRole('combobox', { name: 'Table' }) as HTMLSelectElement;
    const titles = [...choose.options].map((o) => o.textContent);
    // the status columns (K:O) written by the refresh are not part of the table's name
    expect(titles).toContain('Place A15:J22');
    expect(titles.some((t) => /O\d+$/.test(t ?? ''))).toBe(false);
    await userEvent.selectOptions(choose, [...choose.options].find((o) => o.textContent === 'Place A15:J22')!);
    fireEvent.change(within(screen.getByTestId('table-overrides')).getByRole('textbox', { name: /^Tolerance/ }), { target: { value: '50%' } });
    await act(() => controller.idle());
    expect(controller.getState().draft?.tables).toEqual([entry]);
    const summary = screen.getByTestId('preview-summary').textContent ?? '';
    expect(summary).not.toBe('No measure would change status.');
    expect(summary).toMatch(new RegExp(`^${moved.length === 1 ? '1 measure' : `${moved.length} measures`} would change`));

    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await act(() => controller.idle());
    // refreshed again over the workbook as written (status columns and the saved entry in it): the tolerance still applies
    await act(() => controller.refresh());
    const last = controller.getState().last!;
    for (const key of moved) {
      expect({ key, status: last.results.find((r) => r.measure.key === key)?.status }).toEqual({ key, status: wanted.results.find((r) => r.measure.key === key)!.status });
    }
    // a measure of that table inherits the table's tolerance
    await userEvent.click(screen.getByRole('tab', { name: 'Thresholds' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Measure' }), moved[0]!);
    expect((within(screen.getByTestId('measure-overrides')).getByRole('textbox', { name: /^Tolerance/ }) as HTMLInputElement).placeholder).toBe('As the table (50%)');
  });

  it('a file that is not a workbook is refused with the shell’s reason, and nothing else changes', async () => {
    const host = createFileHost({ load: async () => xlsx as unknown as FileShell, save: () => undefined });
    const controller = new PaneController({ host, engine: coreEngine, messages: enGB, appVersion: '0.1.0', now: () => NOW, yieldToUi: () => Promise.resolve(), previewDelay: 0 });
    renderPane(controller);
    await userEvent.upload(screen.getByLabelText('Choose an Excel workbook (.xlsx) to open'), new File(['name,actual\nA,1\n'], 'notes.xlsx'));
    await act(() => controller.idle());
    expect(screen.getByTestId('error').textContent).toContain('RAG Refresh could not open “notes.xlsx”: This file is not an Excel workbook (.xlsx).');
    expect(screen.queryByTestId('file-name')).toBeNull();
  });
});
