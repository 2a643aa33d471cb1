/** @jest-environment jsdom */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parseSavedDocument } from '../../src/core/config/saved';
import type { DetectedColumn, PeriodInfo } from '../../src/core/types';
import { fakeEngine, fakeHost, makeController, renderPane } from './helpers';

const quarter = (n: number): PeriodInfo => ({ label: `Q${n} 2025/26`, order: n, year: 2025, indexInYear: n, periodsPerYear: 4 });

/** The fake engine, with the Adults table laid out one column per quarter (F:H), reporting the latest quarter or the one the settings name. */
function periodEngine() {
  const engine = fakeEngine();
  const real = engine.refresh.bind(engine);
  engine.refresh = (snapshot, options) => {
    const outcome = real(snapshot, options);
    for (const t of outcome.report.tables) {
      if (t.sheet !== 'Adults') continue;
      const periods: DetectedColumn[] = [1, 2, 3].map((n) => ({ col: 4 + n, header: `Q${n}`, role: 'period', roleSource: 'header', period: quarter(n) }));
      t.columns = [...t.columns, ...periods];
      t.right = 7;
      t.layout = 'wide';
      // as the core: the entry's currentPeriod names the period reported; else the latest with data
      const saved = parseSavedDocument(snapshot.savedDocument);
      const entries = [...(saved.kind === 'ok' ? (saved.doc.config.tables ?? []) : []), ...(options.config?.tables ?? [])];
      const chosen = entries.filter((e) => e.sheet === 'Adults').at(-1)?.currentPeriod;
      const n = chosen ? Number(chosen.slice(1)) : 3;
      t.currentPeriod = quarter(n);
      t.previousPeriod = n > 1 ? quarter(n - 1) : null;
    }
    return outcome;
  };
  return engine;
}

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

  it('the current period: latest with data by default, or the period chosen, which goes into the draft, is saved on Apply and can be put back', async () => {
    const host = fakeHost('excel');
    const controller = makeController(host, periodEngine());
    renderPane(controller, 'tables');
    await act(() => controller.start());
    const [children, adults] = screen.getAllByTestId('table-card') as [HTMLElement, HTMLElement];
    // a table without period columns has no such control
    expect(within(children).queryByRole('combobox', { name: 'Current period' })).toBeNull();
    const period = within(adults).getByRole('combobox', { name: 'Current period' }) as HTMLSelectElement;
    expect([...period.options].map((o) => [o.value, o.textContent])).toEqual([
      ['', 'Latest with data (Q3 2025/26)'],
      ['Q1', 'Q1 2025/26'],
      ['Q2', 'Q2 2025/26'],
      ['Q3', 'Q3 2025/26'],
    ]);
    expect(period.value).toBe('');

    await userEvent.selectOptions(period, 'Q2');
    await act(() => controller.idle());
    expect(controller.getState().draft?.tables).toEqual([{ sheet: 'Adults', currentPeriod: 'Q2' }]);
    expect(screen.getByTestId('preview')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Show every change' }));
    expect(within(screen.getByTestId('preview-edits')).getByText('Current period – table Adults: not set → Q2')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await act(() => controller.idle());
    const saved = parseSavedDocument(host.applied[0]!.savedDocument);
    expect(saved.kind === 'ok' && saved.doc.config.tables).toEqual([{ sheet: 'Adults', currentPeriod: 'Q2' }]);

    // read back from the saved settings; the automatic choice does not claim the chosen period as the latest
    const after = within(screen.getAllByTestId('table-card')[1]!).getByRole('combobox', { name: 'Current period' }) as HTMLSelectElement;
    expect(after.value).toBe('Q2');
    expect(after.options[0]!.textContent).toBe('Latest with data');
    await userEvent.selectOptions(after, '');
    await act(() => controller.idle());
    expect(controller.getState().draft?.tables).toBeUndefined();
    expect(controller.getState().draft).not.toBeNull();
  });
});
