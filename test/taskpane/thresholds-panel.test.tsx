/** @jest-environment jsdom */
import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parseSavedDocument } from '../../src/core/config/saved';
import { fakeEngine, fakeHost, makeController, renderPane, savedText } from './helpers';

async function openThresholds(saved: string | null = null) {
  const host = fakeHost('excel', saved);
  const engine = fakeEngine();
  const controller = makeController(host, engine);
  renderPane(controller, 'thresholds');
  await act(() => controller.start());
  return { host, engine, controller };
}

function type(input: HTMLElement, text: string) {
  fireEvent.change(input, { target: { value: text } });
}

describe('Thresholds panel', () => {
  it('shows the defaults in force', async () => {
    await openThresholds(savedText({ version: 1, settings: { tolerance: { type: 'absolute', value: 2 } } }));
    expect((screen.getByRole('textbox', { name: /^Tolerance/ }) as HTMLInputElement).value).toBe('2');
    expect((screen.getByRole('combobox', { name: /Good performance is/ }) as HTMLSelectElement).value).toBe('higher');
    expect((screen.getByRole('switch', { name: 'Blue status (BRAG)' }) as HTMLInputElement).checked).toBe(false);
    expect((screen.getByRole('combobox', { name: 'Overall RAG rule' }) as HTMLSelectElement).value).toBe('mean-score');
  });

  it('catches invalid input where it is typed, with the reason, and previews nothing from it', async () => {
    const { controller } = await openThresholds();
    const tolerance = screen.getByRole('textbox', { name: /^Tolerance/ });
    act(() => type(tolerance, 'ten percent'));
    expect(screen.getByText('“ten percent” is not an amount: use a share of the target such as “10%”, or an amount such as “2” or “2pp”.')).toBeTruthy();
    expect(tolerance.getAttribute('aria-invalid')).toBe('true');
    expect(controller.getState().draft).toBeNull();
    act(() => type(tolerance, '-5%'));
    expect(screen.getByText('An amount cannot be negative.')).toBeTruthy();
    act(() => type(tolerance, ''));
    expect(screen.getByText('Enter an amount, such as “10%” or “2”.')).toBeTruthy();
    expect(screen.queryByTestId('preview')).toBeNull();
    act(() => type(tolerance, '10%'));
    expect(tolerance.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('An amount cannot be negative.')).toBeNull();
  });

  it('while a field shows an invalid value Apply is unavailable, says why, and writes nothing; corrected, it applies what is shown', async () => {
    const { host, controller } = await openThresholds();
    const tolerance = () => screen.getByRole('textbox', { name: /^Tolerance/ }) as HTMLInputElement;
    act(() => type(tolerance(), '5%'));
    await act(() => controller.idle());
    const apply = () => screen.getByRole('button', { name: 'Apply' });
    expect(apply().getAttribute('aria-disabled')).toBeNull();

    // the draft still has 5%, the last valid value: it must not be applied as if it were what is shown
    act(() => type(tolerance(), '5 percent'));
    await act(() => controller.idle());
    expect(controller.getState().draft?.settings?.tolerance).toEqual({ type: 'relative', value: 5 });
    expect(apply().getAttribute('aria-disabled')).toBe('true');
    const reason = screen.getByTestId('apply-blocked');
    expect(reason.textContent).toBe('Apply is unavailable: Tolerance (all measures) is not valid. Correct it, or discard the changes.');
    // a screen reader hears the reason with the button, which stays focusable
    expect(apply().getAttribute('aria-describedby')).toBe(reason.id);
    act(() => apply().focus());
    expect(document.activeElement).toBe(apply());
    await userEvent.click(apply());
    await act(() => controller.idle());
    expect(host.applied).toHaveLength(0);
    // nor through the controller
    await act(() => controller.apply());
    expect(host.applied).toHaveLength(0);

    // another section and back: the invalid text is still there, and still blocks Apply
    await userEvent.click(screen.getByRole('tab', { name: 'Refresh' }));
    await userEvent.click(screen.getByRole('tab', { name: 'Thresholds' }));
    await act(() => controller.idle());
    expect(tolerance().value).toBe('5 percent');
    expect(tolerance().getAttribute('aria-invalid')).toBe('true');
    expect(apply().getAttribute('aria-disabled')).toBe('true');

    act(() => type(tolerance(), '6%'));
    await act(() => controller.idle());
    expect(screen.queryByTestId('apply-blocked')).toBeNull();
    expect(apply().getAttribute('aria-disabled')).toBeNull();
    await userEvent.click(apply());
    await act(() => controller.idle());
    const saved = parseSavedDocument(host.applied[0]!.savedDocument);
    expect(saved.kind === 'ok' && saved.doc.config.settings?.tolerance).toEqual({ type: 'relative', value: 6 });
  });

  it('an invalid override of one table blocks Apply under its own name; Discard clears it', async () => {
    const { host, controller } = await openThresholds();
    act(() => type(screen.getByRole('textbox', { name: /^Tolerance/ }), '5%'));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Table' }), 'Adults!A3:E6');
    act(() => type(within(screen.getByTestId('table-overrides')).getByRole('textbox', { name: /^Tolerance/ }), '-2'));
    await act(() => controller.idle());
    expect(screen.getByTestId('apply-blocked').textContent).toContain('Tolerance – table Adults A3:E6 is not valid');
    expect(screen.getByRole('button', { name: 'Apply' }).getAttribute('aria-disabled')).toBe('true');
    await userEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(controller.getState().invalid).toEqual([]);
    expect(host.applied).toHaveLength(0);
    // the table chosen stays chosen; its field shows the saved setting again
    expect((within(screen.getByTestId('table-overrides')).getByRole('textbox', { name: /^Tolerance/ }) as HTMLInputElement).value).toBe('');
  });

  it('a share made valid by the other share goes into the draft', async () => {
    const { controller } = await openThresholds();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Overall RAG rule' }), 'red-share');
    await act(() => controller.idle());
    act(() => type(screen.getByRole('textbox', { name: 'Red when at least this % are red' }), '5'));
    expect(controller.getState().invalid.map((p) => p.name)).toEqual(['Red share for Red (all measures)']);
    act(() => type(screen.getByRole('textbox', { name: 'Amber when at least this % are red' }), '4'));
    await act(() => controller.idle());
    expect(controller.getState().invalid).toEqual([]);
    expect(controller.getState().draft?.settings?.overallRag).toEqual({ rule: 'red-share', redShareForRed: 5, redShareForAmber: 4 });
  });

  it('previews what a tolerance change would do before anything is written; Apply writes it and records it in the change log', async () => {
    const { host, engine, controller } = await openThresholds();
    act(() => type(screen.getByRole('textbox', { name: /^Tolerance/ }), '5%'));
    await act(() => controller.idle());
    const summary = screen.getByTestId('preview-summary');
    expect(summary.textContent).toBe('3 measures would change: CS2 Amber → Red, AD1 Amber → Red, AD2 Amber → Red Overall RAG would change: Amber → Red.');
    expect(host.applied).toHaveLength(0);
    // the preview ran the same engine in memory with the edited configuration
    expect(engine.calls.at(-1)?.config?.settings?.tolerance).toEqual({ type: 'relative', value: 5 });
    await userEvent.click(screen.getByRole('button', { name: 'Show every change' }));
    expect(within(screen.getByTestId('preview-edits')).getByText('Tolerance (all measures): default (10%) → 5%')).toBeTruthy();
    // the status the move names is not said again by its reason ("… → Red: Red: 81 …")
    expect(within(screen.getByTestId('preview-moves')).getByText(/^CS2 Amber → Red: 81 is off the target of 90/)).toBeTruthy();
    expect(within(screen.getByTestId('preview-moves')).queryByText(/→ (\w+): \1:/)).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await act(() => controller.idle());
    expect(host.applied).toHaveLength(1);
    const apply = engine.calls.find((c) => c.changedBy === 'pane' && c.config && host.applied.length > 0);
    expect(apply?.config?.settings?.tolerance).toEqual({ type: 'relative', value: 5 });
    const saved = parseSavedDocument(host.applied[0]!.savedDocument);
    expect(saved.kind).toBe('ok');
    if (saved.kind === 'ok') expect(saved.doc.changeLog).toEqual([expect.objectContaining({ what: 'settings.tolerance', to: { type: 'relative', value: 5 }, by: 'pane' })]);
    expect(screen.queryByTestId('preview')).toBeNull();
    expect(screen.getByTestId('notice').textContent).toBe('Applied. 1 change recorded in the change log.Dismiss');
    const log = screen.getByTestId('change-log');
    expect(within(log).getByText('Tolerance (all measures): default (10%) → 5%')).toBeTruthy();
    expect(within(log).getByText(/2 March 2026 at \d\d:30 by the pane/)).toBeTruthy();
    expect((screen.getByRole('textbox', { name: /^Tolerance/ }) as HTMLInputElement).value).toBe('5%');
  });

  it('Discard restores the settings as saved and writes nothing', async () => {
    const { host, controller } = await openThresholds();
    act(() => type(screen.getByRole('textbox', { name: /^Tolerance/ }), '25%'));
    await act(() => controller.idle());
    expect(screen.getByTestId('preview-summary').textContent).toMatch(/^1 measure would change: CS3 Red → Amber/);
    await userEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(screen.queryByTestId('preview')).toBeNull();
    expect((screen.getByRole('textbox', { name: /^Tolerance/ }) as HTMLInputElement).value).toBe('10%');
    expect(host.applied).toHaveLength(0);
    expect(controller.getState().draft).toBeNull();
  });

  it('says so when an edit changes no status, and drops the draft when the value is put back', async () => {
    const { controller } = await openThresholds();
    const tolerance = screen.getByRole('textbox', { name: /^Tolerance/ });
    act(() => type(tolerance, '11%'));
    await act(() => controller.idle());
    expect(screen.getByTestId('preview-summary').textContent).toBe('No measure would change status.');
    // back to the saved (default) value, written out: an explicit 10% is still an edit of the saved settings
    expect(controller.getState().draft).not.toBeNull();
  });

  it('BRAG on shows its margin and previews Blue', async () => {
    const { controller } = await openThresholds();
    expect(screen.queryByRole('textbox', { name: /^Blue margin/ })).toBeNull();
    await userEvent.click(screen.getByRole('switch', { name: 'Blue status (BRAG)' }));
    await act(() => controller.idle());
    expect(screen.getByRole('textbox', { name: /^Blue margin/ })).toBeTruthy();
    expect(screen.getByTestId('preview-summary').textContent).toBe('No measure would change status.');
    act(() => type(screen.getByRole('textbox', { name: /^Blue margin/ }), '1'));
    await act(() => controller.idle());
    expect(screen.getByTestId('preview-summary').textContent).toMatch(/^1 measure would change: CS1 Green → Blue/);
  });

  it('checks the red-share thresholds against each other', async () => {
    const { controller } = await openThresholds();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Overall RAG rule' }), 'red-share');
    await act(() => controller.idle());
    act(() => type(screen.getByRole('textbox', { name: 'Red when at least this % are red' }), '5'));
    expect(screen.getByText('The share for Red must be at least the share for Amber (10%).')).toBeTruthy();
    act(() => type(screen.getByRole('textbox', { name: 'Amber when at least this % are red' }), '150'));
    expect(screen.getByText('Enter a percentage from 0 to 100.')).toBeTruthy();
  });

  it('a per-measure polarity override is previewed and saved against that measure', async () => {
    const { host, controller } = await openThresholds();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Measure' }), 'Adults|AD2');
    const overrides = screen.getByTestId('measure-overrides');
    const polarity = within(overrides).getByRole('combobox', { name: /Good performance is/ }) as HTMLSelectElement;
    expect(polarity.value).toBe('');
    expect(polarity.options[0]!.textContent).toBe('As the table (Higher is better)');
    await userEvent.selectOptions(polarity, 'lower');
    await act(() => controller.idle());
    expect(screen.getByTestId('preview-summary').textContent).toMatch(/^1 measure would change: AD2 Amber → Green/);
    await userEvent.click(screen.getByRole('button', { name: 'Show every change' }));
    expect(within(screen.getByTestId('preview-edits')).getByText('Polarity – measure Adults AD2: not set → Lower is better')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await act(() => controller.idle());
    const saved = parseSavedDocument(host.applied[0]!.savedDocument);
    expect(saved.kind === 'ok' && saved.doc.config.measures).toEqual([{ sheet: 'Adults', ref: 'AD2', polarity: 'lower' }]);
  });

  it('a per-table tolerance override: empty means “as the defaults”', async () => {
    const { controller } = await openThresholds();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Table' }), 'Children!A4:E8');
    const overrides = screen.getByTestId('table-overrides');
    const tolerance = within(overrides).getByRole('textbox', { name: /^Tolerance/ }) as HTMLInputElement;
    expect(tolerance.placeholder).toBe('As the defaults (10%)');
    act(() => type(tolerance, '2'));
    await act(() => controller.idle());
    expect(controller.getState().draft?.tables).toEqual([{ sheet: 'Children', tolerance: { type: 'absolute', value: 2 } }]);
    expect(screen.getByTestId('preview-summary').textContent).toMatch(/^1 measure would change: CS2 Amber → Red/);
    act(() => type(tolerance, ''));
    await act(() => controller.idle());
    expect(controller.getState().draft).toBeNull();
    expect(screen.queryByTestId('preview')).toBeNull();
  });

  it('shows the change log newest first, in words', async () => {
    await openThresholds(
      savedText({ version: 1, settings: { tolerance: { type: 'relative', value: 5 } } }, [
        { at: '2026-01-10T10:00:00.000Z', what: 'settings.tolerance', from: null, to: { type: 'relative', value: 10 }, by: 'pane' },
        { at: '2026-02-10T10:00:00.000Z', what: 'settings.tolerance', from: { type: 'relative', value: 10 }, to: { type: 'relative', value: 5 }, by: 'cli --config' },
        { at: '2026-02-11T10:00:00.000Z', what: 'tables[Children].columns.Lead officer', from: null, to: 'ignore', by: 'pane' },
      ]),
    );
    const items = within(screen.getByTestId('change-log')).getAllByRole('listitem').map((li) => li.textContent);
    expect(items[0]).toMatch(/^Column “Lead officer” – table Children: not set → Not used11 February 2026 at \d\d:00 by the pane$/);
    expect(items[1]).toMatch(/^Tolerance \(all measures\): 10% → 5%10 February 2026 at \d\d:00 by the command line$/);
    expect(items[2]).toMatch(/^Tolerance \(all measures\): default \(10%\) → 10%/);
  });
});
