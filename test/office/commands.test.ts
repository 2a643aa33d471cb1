import type { RefreshOutcome } from '../../src/core/types';
import { errorNotice, successNotice, type Notice } from '../../src/commands/notice';
import { refreshRag, type RibbonDeps } from '../../src/commands/refresh-rag';
import { OfficeShellError } from '../../src/workbook/office/errors';
import type { ExcelDouble } from './double/excel-double';
import { councilReturn, emptyPlan, exceptionSheet, newDouble, owned, plainBlock, report } from './helpers';

function deps(x: ExcelDouble, outcome: () => RefreshOutcome, notices: Notice[]): RibbonDeps {
  return {
    run: (batch) => batch(x.requestContext),
    isSetSupported: x.isSetSupported,
    refresh: outcome,
    now: () => '2025-04-01T09:00:00.000Z',
    appVersion: '0.1.0',
    notify: async (n) => {
      notices.push(n);
    },
  };
}

const completedEvent = () => {
  const event = { completed: jest.fn() };
  return event;
};

describe('Refresh RAG from the ribbon', () => {
  test('success: the first refresh takes 3 round trips, the next ones 2; the user gets counts and overall RAG, the event completes', async () => {
    const x = councilReturn(newDouble());
    const notices: Notice[] = [];
    const plan = emptyPlan({ statusBlocks: [plainBlock(4)], exceptionSheet: exceptionSheet([]) });
    const table = { id: 'Measures!A1:D5' } as unknown as RefreshOutcome['report']['tables'][number];
    const event = completedEvent();
    await refreshRag(event, { ...deps(x, () => ({ plan, report: report({ tables: [table] }) }), notices), office: x.office });
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(x.value('Measures', 'E2')).toBe('Green');
    // No read hint yet: discovery, data, write.
    expect(x.stats.syncs).toBe(3);
    const again = { ...plan, clear: [owned(plainBlock(4))], removeSheets: ['RAG exceptions'] };
    x.resetStats();
    await refreshRag(completedEvent(), { ...deps(x, () => ({ plan: again, report: report({ tables: [table] }) }), []), office: x.office });
    // The hint the first refresh left: one read, one write.
    expect(x.stats.syncs).toBe(2);
    expect(x.stats.perSync.map((s) => s.error)).toEqual([null, null]);
    expect(notices).toEqual([
      {
        kind: 'success',
        title: 'RAG Refresh',
        lines: [
          'RAG refreshed: 4 measures in 1 table.',
          '1 Green, 1 Amber, 1 Red, 1 No data.',
          'Overall RAG: Amber.',
          'Red and amber measures are listed on the sheet “RAG exceptions”.',
        ],
      },
    ]);
  });

  test('failure in Excel: the error is shown, the event completes', async () => {
    const x = councilReturn(newDouble());
    x.sheet('Measures').protected = true;
    const notices: Notice[] = [];
    const event = completedEvent();
    await refreshRag(event, deps(x, () => ({ plan: emptyPlan({ statusBlocks: [plainBlock(4)] }), report: report() }), notices));
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(notices[0].kind).toBe('error');
    expect(notices[0].title).toBe('RAG Refresh could not finish');
    expect(notices[0].lines[0]).toContain('The sheet “Measures” is protected');
  });

  test('failure in the core (it throws): the event completes with an error notice', async () => {
    const x = councilReturn(newDouble());
    const notices: Notice[] = [];
    const event = completedEvent();
    await refreshRag(event, deps(x, () => { throw new Error('refresh: not built yet'); }, notices));
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(notices[0].lines).toEqual(['Something went wrong: refresh: not built yet']);
  });

  test('the notice itself failing still completes the event', async () => {
    const x = councilReturn(newDouble());
    const event = completedEvent();
    const d = deps(x, () => ({ plan: emptyPlan(), report: report() }), []);
    d.notify = () => Promise.reject(new Error('dialog blew up'));
    await expect(refreshRag(event, d)).resolves.toBeUndefined();
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  test('Excel.run itself rejecting (e.g. the host went away) completes the event', async () => {
    const event = completedEvent();
    const notices: Notice[] = [];
    await refreshRag(event, {
      ...deps(newDouble(), () => ({ plan: emptyPlan(), report: report() }), notices),
      run: () => Promise.reject(Object.assign(new Error('gone'), { code: 'GeneralException' })),
    });
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(notices[0].kind).toBe('error');
  });
});

describe('the notice text', () => {
  test('no measure table found', () => {
    const n = successNotice({ report: report(), plan: emptyPlan(), degraded: [] });
    expect(n.lines).toEqual([
      'No measure tables were found, so nothing was changed. A table needs a header row with a measure column and an actual (or result) column.',
    ]);
  });

  test('changes, issues and a host without print setup are mentioned', () => {
    const table = {} as RefreshOutcome['report']['tables'][number];
    const n = successNotice({
      report: report({
        tables: [table, table],
        changes: [{ key: 'a', name: 'a', sheet: 's', change: { from: 'green', to: 'red', text: 'new: Green → Red' } }],
        issues: [{ severity: 'warning', sheet: 's', cell: 'A1', message: 'm', code: 'no-data' }],
      }),
      plan: emptyPlan(),
      degraded: ['printSetup'],
    });
    expect(n.lines).toEqual([
      'RAG refreshed: 4 measures in 2 tables.',
      '1 Green, 1 Amber, 1 Red, 1 No data.',
      'Overall RAG: Amber.',
      '1 changed status since the last refresh.',
      '1 data-quality issues to check (see RAG settings).',
      'Print setup was skipped because this version of Excel lacks page layout (ExcelApi 1.9): set landscape and fit to width by hand before printing.',
    ]);
  });

  test('errors: the shell’s message as it is; anything else prefixed', () => {
    expect(errorNotice(new OfficeShellError('cell-edit', 'Finish editing.', { nothingWritten: true })).lines).toEqual(['Finish editing.']);
    expect(errorNotice('boom').lines).toEqual(['Something went wrong: boom']);
  });
});

describe('the function file', () => {
  test('associates refreshRag with Office when loaded, and the handler runs Excel.run and completes the event', async () => {
    const associate = jest.fn();
    const x = councilReturn(newDouble());
    const g = globalThis as unknown as Record<string, unknown>;
    g.Office = {
      onReady: (f: () => void) => f(),
      actions: { associate },
      context: { requirements: { isSetSupported: x.isSetSupported }, ui: undefined },
    };
    g.Excel = { run: (f: (c: Excel.RequestContext) => Promise<unknown>) => f(x.requestContext) };
    g.window = { location: { href: 'https://localhost:3000/commands.html' } };
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      jest.isolateModules(() => {
        require('../../src/commands/commands');
      });
      expect(associate.mock.calls.map((c) => c[0])).toEqual(['refreshRag']);
      const event = completedEvent();
      await associate.mock.calls[0][1](event);
      expect(event.completed).toHaveBeenCalledTimes(1);
    } finally {
      quiet.mockRestore();
      delete g.Office;
      delete g.Excel;
      delete g.window;
    }
  });
});
