/** @jest-environment jsdom */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { enGB } from '../../src/core/messages';
import { PaneController } from '../../src/taskpane/controller';
import { HostError } from '../../src/taskpane/host';
import { fakeEngine, fakeHost, makeController, NOW, renderPane } from './helpers';

/**
 * The open question dialog. Found by its role attribute rather than findByRole: on a
 * busy machine jsdom's accessibility checks of Fluent's portal can outlast any timeout
 * (the browser tests check the real dialog with axe and the keyboard).
 */
async function openDialog(): Promise<HTMLElement> {
  await waitFor(() => expect(document.querySelector('[role="alertdialog"]')).not.toBeNull());
  return document.querySelector<HTMLElement>('[role="alertdialog"]')!;
}

describe('Refresh panel', () => {
  it('refreshes: reads, works out, writes, then shows counts as text badges, a chart, the overall RAG, the time and the issues', async () => {
    const host = fakeHost('excel');
    const engine = fakeEngine();
    const controller = makeController(host, engine);
    renderPane(controller);
    expect(screen.getByText('Select Refresh RAG to work out the statuses.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Refresh RAG' }));
    await act(() => controller.idle());
    expect(host.applied).toHaveLength(1);
    expect(engine.calls[0]).toMatchObject({ now: NOW, appVersion: '0.1.0-test' });
    expect(engine.calls[0]!.config).toBeUndefined();
    const counts = screen.getByRole('list', { name: 'Measures by status' });
    const items = within(counts).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['Red: 1', 'Amber: 3', 'Green: 1', 'No data: 1', 'No target: 1']);
    expect(screen.getByRole('img', { name: 'Chart of measures by status. Red 1, Amber 3, Green 1, No data 1, No target 1.' })).toBeTruthy();
    // mean score: (3 + 2*3 + 1) / 5 = 2 -> Amber
    expect(within(screen.getByTestId('overall')).getByText('Amber')).toBeTruthy();
    expect(screen.getByText(/Refreshed 2 March 2026 at \d\d:30 · 7 measures in 2 tables/)).toBeTruthy();
    expect(screen.getByText('Met target: 1 (17%)')).toBeTruthy();
    expect(screen.getByText('Red and amber measures are listed on the sheet “RAG Exceptions”.')).toBeTruthy();
    const issues = screen.getByTestId('issues');
    expect(within(issues).getByText('Data quality (1)')).toBeTruthy();
    expect(within(issues).getByText('No data for CS4: the actual is blank.')).toBeTruthy();
    // in Excel the cell of an issue selects it
    await userEvent.click(within(issues).getByRole('button', { name: 'Children!C8' }));
    expect(host.selected).toEqual(['Children!C8']);
  });

  it('in Excel, before Refresh RAG, shows the statuses worked out when the pane read the workbook, said to be not yet written', async () => {
    const earlier = '2026-02-01T10:00:00.000Z';
    const saved = JSON.stringify({ format: 'rag-refresh', version: 1, config: { version: 1 }, state: { refreshedAt: earlier, appVersion: '0.1.0', exceptionSheet: null, blocks: [], statuses: {} }, changeLog: [] });
    const host = fakeHost('excel', saved);
    const controller = makeController(host, fakeEngine());
    renderPane(controller);
    await act(() => controller.start());
    expect(host.applied).toHaveLength(0);
    const pending = screen.getByTestId('refresh-pending');
    expect(within(pending).getByRole('heading', { name: 'Statuses, not yet written' })).toBeTruthy();
    const note = within(pending).getByTestId('not-written').textContent ?? '';
    expect(note).toMatch(/^Not written to the workbook yet/);
    expect(note).toContain('Select Refresh RAG to write them');
    expect(note).toMatch(/last wrote statuses to this workbook on 1 February 2026 at \d\d:00\.$/);
    expect(within(pending).getAllByRole('listitem').slice(0, 5).map((li) => li.textContent)).toEqual(['Red: 1', 'Amber: 3', 'Green: 1', 'No data: 1', 'No target: 1']);
    expect(within(pending).queryByText(/^Refreshed /)).toBeNull();
    expect(screen.queryByText('Select Refresh RAG to work out the statuses.')).toBeNull();
    // and the exceptions the same way
    await userEvent.click(screen.getByRole('tab', { name: 'Exceptions' }));
    expect(screen.getByTestId('not-written').textContent).toContain('Select Refresh RAG to write their statuses and the exception sheet.');
    expect(screen.getByRole('heading', { name: "Children's Services (2)" })).toBeTruthy();

    // once written, the labels go
    await userEvent.click(screen.getByRole('tab', { name: 'Refresh' }));
    await userEvent.click(screen.getByRole('button', { name: 'Refresh RAG' }));
    await act(() => controller.idle());
    expect(host.applied).toHaveLength(1);
    expect(screen.queryByTestId('not-written')).toBeNull();
    expect(within(screen.getByTestId('refresh-result')).getByText(/^Refreshed 2 March 2026/)).toBeTruthy();
    await userEvent.click(screen.getByRole('tab', { name: 'Exceptions' }));
    expect(screen.queryByTestId('not-written')).toBeNull();
  });

  it('a workbook never refreshed says so', async () => {
    const host = fakeHost('excel');
    const controller = makeController(host, fakeEngine());
    renderPane(controller);
    await act(() => controller.start());
    expect(screen.getByTestId('not-written').textContent).toContain('RAG Refresh has not written statuses to this workbook yet.');
  });

  it('says what it is doing while it works, and keeps the button from being pressed twice', async () => {
    const host = fakeHost('excel');
    const phases: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const controller = new PaneController({
      host,
      engine: fakeEngine(),
      messages: enGB,
      appVersion: 'test',
      now: () => NOW,
      previewDelay: 0,
      yieldToUi: async () => {
        phases.push(controller.getState().busy?.phase ?? 'idle');
        if (controller.getState().busy?.phase === 'writing') await gate;
      },
    });
    renderPane(controller);
    await userEvent.click(screen.getByRole('button', { name: 'Refresh RAG' }));
    expect(await screen.findByText('Writing the status columns and the exception sheet…')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('Writing');
    expect((screen.getByRole('button', { name: 'Refresh RAG' }) as HTMLButtonElement).disabled).toBe(true);
    await act(async () => {
      release();
      await controller.idle();
    });
    expect(phases.slice(0, 3)).toEqual(['reading', 'working', 'writing']);
    expect(host.applied).toHaveLength(1);
    expect(screen.queryByText('Writing the status columns and the exception sheet…')).toBeNull();
  });

  it('shows the shell’s message when the workbook cannot be written, and writes nothing', async () => {
    const host = fakeHost('excel');
    host.failNextWith(new HostError('The sheet “Children” is protected, so RAG Refresh cannot write H4:L12.'));
    const controller = makeController(host);
    renderPane(controller);
    await userEvent.click(screen.getByRole('button', { name: 'Refresh RAG' }));
    await act(() => controller.idle());
    const error = screen.getByTestId('error');
    expect(error.textContent).toContain('RAG Refresh could not finish');
    expect(error.textContent).toContain('The sheet “Children” is protected');
    expect(host.applied).toHaveLength(0);
    await userEvent.click(within(error).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('error')).toBeNull();
  });

  it('Clear RAG asks first: Cancel changes nothing, Clear applies the clear plan', async () => {
    const host = fakeHost('excel');
    const engine = fakeEngine();
    const controller = makeController(host, engine);
    renderPane(controller);
    await userEvent.click(screen.getByRole('button', { name: 'Clear RAG' }));
    const dialog = await openDialog();
    expect(dialog.textContent).toContain('Your own cells, tables and formatting are left as they were.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel', hidden: true }));
    // focus goes back to the button that asked
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Clear RAG' })));
    expect(engine.clears).toBe(0);
    expect(host.applied).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Clear RAG' }));
    await userEvent.click(within(await openDialog()).getByRole('button', { name: 'Clear RAG', hidden: true }));
    await act(() => controller.idle());
    expect(engine.clears).toBe(1);
    expect(host.applied).toHaveLength(1);
    expect(host.applied[0]!.savedDocument).toBeNull();
    expect(screen.getByTestId('notice').textContent).toContain('your cells are as they were');
  });

  it('an invalid saved configuration never stops the user: it lists the problems and offers the defaults after a confirmation', async () => {
    const host = fakeHost('excel', JSON.stringify({ format: 'rag-refresh', version: 1, config: { settings: { tolerance: 'ten percent' } }, state: null, changeLog: [] }));
    const engine = fakeEngine();
    const controller = makeController(host, engine);
    renderPane(controller);
    await act(() => controller.start());
    const bar = screen.getByTestId('saved-invalid');
    expect(bar.textContent).toContain('The saved RAG settings cannot be used');
    expect(bar.textContent).toContain('config.settings.tolerance');
    // Refresh RAG with the saved settings writes nothing
    await userEvent.click(screen.getByRole('button', { name: 'Refresh RAG' }));
    await act(() => controller.idle());
    expect(host.applied).toHaveLength(0);
    await userEvent.click(within(screen.getByTestId('saved-invalid')).getByRole('button', { name: 'Refresh with default settings' }));
    const dialog = await openDialog();
    expect(dialog.textContent).toContain('kept aside in the workbook, not lost');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Refresh with defaults', hidden: true }));
    await act(() => controller.idle());
    expect(engine.calls.filter((c) => c.ignoreSavedConfig === true)).toHaveLength(1);
    expect(host.applied).toHaveLength(1);
    expect(screen.queryByTestId('saved-invalid')).toBeNull();
    expect(screen.getByRole('list', { name: 'Measures by status' })).toBeTruthy();
  });

  it('treats RefreshError saved-config-invalid from the core the same way', async () => {
    const host = fakeHost('excel');
    const engine = fakeEngine();
    const real = engine.refresh;
    engine.refresh = (snapshot, options) => {
      if (!options.ignoreSavedConfig) throw Object.assign(new Error('saved settings invalid'), { code: 'saved-config-invalid', details: ['config.settings.brag.margin: found "-3"; expected an amount'] });
      return real(snapshot, options);
    };
    const controller = makeController(host, engine);
    renderPane(controller);
    await userEvent.click(screen.getByRole('button', { name: 'Refresh RAG' }));
    await act(() => controller.idle());
    expect(screen.getByTestId('saved-invalid').textContent).toContain('config.settings.brag.margin: found "-3"');
    expect(host.applied).toHaveLength(0);
  });
});
