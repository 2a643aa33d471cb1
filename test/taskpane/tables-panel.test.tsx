/** @jest-environment jsdom */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parseSavedDocument } from '../../src/core/config/saved';
import { fakeEngine, fakeHost, makeController, renderPane } from './helpers';

async function openTables(saved: string | null = null) {
  const host = fakeHost('excel', saved);
  const engine = fakeEngine();
  const controller = makeController(host, engine);
  renderPane(controller, 'tables');
  await act(() => controller.start());
  return { host, engine, controller };
}

describe('Tables panel', () => {
  it('lists the detected tables, their layout and measures, the role of each column, and the sheets skipped', async () => {
    await openTables();
    const cards = screen.getAllByTestId('table-card');
    expect(cards).toHaveLength(2);
    expect(within(cards[0]!).getByRole('heading').textContent).toBe('Children A4:E8');
    expect(within(cards[0]!).getByText('One row per measure · 4 measures')).toBeTruthy();
    await userEvent.click(within(cards[0]!).getByRole('button', { name: 'Columns' }));
    const role = within(cards[0]!).getByRole('combobox', { name: 'Role of column E “Lead officer”' }) as HTMLSelectElement;
    expect(role.value).toBe('owner');
    expect(screen.getByText('Notes: no header row with a measure and an actual column')).toBeTruthy();
  });

  it('a corrected column role goes into the draft configuration by header text, and is saved on Apply', async () => {
    const { host, controller } = await openTables();
    const card = screen.getAllByTestId('table-card')[0]!;
    await userEvent.click(within(card).getByRole('button', { name: 'Columns' }));
    await userEvent.selectOptions(within(card).getByRole('combobox', { name: 'Role of column E “Lead officer”' }), 'ignore');
    await act(() => controller.idle());
    expect(controller.getState().draft?.tables).toEqual([{ sheet: 'Children', columns: { 'Lead officer': 'ignore' } }]);
    expect(screen.getByTestId('preview-summary').textContent).toBe('No measure would change status.');
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await act(() => controller.idle());
    const saved = parseSavedDocument(host.applied[0]!.savedDocument);
    expect(saved.kind === 'ok' && saved.doc.config.tables).toEqual([{ sheet: 'Children', columns: { 'Lead officer': 'ignore' } }]);
    expect(saved.kind === 'ok' && saved.doc.changeLog.map((e) => e.what)).toEqual(['tables[Children].columns.Lead officer']);
  });

  it('excluding a table previews its measures leaving, lists it as excluded, and it can be included again', async () => {
    const { controller } = await openTables();
    const card = screen.getAllByTestId('table-card')[1]!;
    await userEvent.click(within(card).getByRole('switch', { name: 'Include this table' }));
    await act(() => controller.idle());
    expect(screen.getByTestId('preview-summary').textContent).toBe(
      '3 measures would change: AD1 would no longer be rated (was Amber), AD2 would no longer be rated (was Amber), AD3 would no longer be rated (was No target)',
    );
    expect(screen.getAllByTestId('table-card')).toHaveLength(1);
    const again = screen.getByRole('switch', { name: 'Include Adults' });
    await userEvent.click(again);
    await act(() => controller.idle());
    expect(controller.getState().draft).toBeNull();
    expect(screen.getAllByTestId('table-card')).toHaveLength(2);
  });
});
