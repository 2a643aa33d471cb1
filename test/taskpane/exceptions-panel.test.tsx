/** @jest-environment jsdom */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeEngine, fakeHost, makeController, renderPane } from './helpers';

async function refreshed(kind: 'excel' | 'file') {
  const host = fakeHost(kind);
  const controller = makeController(host, fakeEngine());
  if (kind === 'file') await act(() => controller.openFile('return.xlsx', new Uint8Array([1])));
  renderPane(controller, 'exceptions');
  // a workbook opened (file mode) has been read, and its exceptions worked out: not yet written
  if (kind === 'file') expect(screen.getByTestId('not-written')).toBeTruthy();
  else expect(screen.getByText('Select Refresh RAG to list the red and amber measures.')).toBeTruthy();
  await act(() => controller.refresh());
  expect(screen.queryByTestId('not-written')).toBeNull();
  return { host, controller };
}

describe('Exceptions panel', () => {
  it('lists the red and amber measures by directorate, red first, each with the reason for its status', async () => {
    await refreshed('excel');
    const groups = screen.getAllByRole('list');
    expect(groups.map((g) => g.getAttribute('aria-label'))).toEqual(["Measures of Children's Services", 'Measures of Adult Services']);
    expect(screen.getByRole('heading', { name: "Children's Services (2)" })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Adult Services (2)' })).toBeTruthy();
    const children = within(groups[0]!).getAllByRole('listitem');
    expect(children[0]!.textContent).toMatch(/^RedCS3 Assessments within 45 daysRed: 70 is off the target of 90 by more than the toleranceNo commentary given\.Children!B7$/);
    expect(children[1]!.textContent).toMatch(/^AmberCS2 Care leavers in educationAmber: 81 is within the tolerance of 90Children!B6$/);
    // green, no data and no target are not exceptions
    expect(screen.queryByText(/CS1|CS4|AD3/)).toBeNull();
  });

  it('choosing a measure selects its row in the workbook (its name cell)', async () => {
    const { host } = await refreshed('excel');
    await userEvent.click(screen.getByRole('button', { name: /AD1 Days to deliver adaptations/ }));
    expect(host.selected).toEqual(['Adults!B4']);
    // keyboard: Enter on a focused measure (Tab order itself is checked in the browser tests: jsdom has no layout for Fluent's focus manager)
    act(() => screen.getByRole('button', { name: /AD2 Reviews completed/ }).focus());
    await userEvent.keyboard('{Enter}');
    expect(host.selected).toEqual(['Adults!B4', 'Adults!B5']);
  });

  it('in a browser (no Excel to select in) shows where each measure is instead of a button', async () => {
    await refreshed('file');
    expect(screen.queryAllByRole('button', { name: /CS3/ })).toHaveLength(0);
    expect(screen.getByText('Each measure shows where it is in the workbook.')).toBeTruthy();
    expect(screen.getAllByTestId('exception-item')).toHaveLength(4);
  });
});
