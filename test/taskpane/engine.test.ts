import { enGB } from '../../src/core/messages';
import { parseSavedDocument } from '../../src/core/config/saved';
import { computePreview, diffReports, refreshWithDraft, exceptionGroups, measureCell, sameConfig, savedConfigProblems, savedView } from '../../src/taskpane/engine';
import { previewSummary } from '../../src/taskpane/components/PreviewBar';
import { fakeEngine, MEASURES, NOW, reportFor, savedText, snapshotWith } from './helpers';

describe('preview diff', () => {
  const before = reportFor(MEASURES, {});
  it('matches measures by key and lists only status changes, in workbook order, with the new reason', () => {
    const after = reportFor(MEASURES, { settings: { tolerance: { type: 'relative', value: 5 } } });
    const moves = diffReports(before, after);
    expect(moves.map((m) => [m.label, m.from, m.to])).toEqual([
      ['CS2', 'amber', 'red'],
      ['AD1', 'amber', 'red'],
      ['AD2', 'amber', 'red'],
    ]);
    expect(moves[0]!.reason).toMatch(/^Red: 81/);
  });

  it('no change, no moves', () => {
    expect(diffReports(before, reportFor(MEASURES, {}))).toEqual([]);
  });

  it('measures that appear or leave are moves from or to nothing', () => {
    const fewer = reportFor(MEASURES.filter((m) => m.sheet !== 'Adults'), {});
    expect(diffReports(before, fewer).map((m) => [m.label, m.from, m.to])).toEqual([
      ['AD1', 'amber', null],
      ['AD2', 'amber', null],
      ['AD3', 'noTarget', null],
    ]);
    expect(diffReports(fewer, before).map((m) => [m.label, m.from, m.to])[0]).toEqual(['AD1', null, 'amber']);
  });

  it('summarises in words: the first few, then how many more', () => {
    const after = reportFor(MEASURES, { settings: { tolerance: { type: 'absolute', value: 0 } } });
    const moves = diffReports(before, after);
    expect(previewSummary(moves, enGB)).toBe('3 measures would change: CS2 Amber → Red, AD1 Amber → Red, AD2 Amber → Red');
    const many = [...moves, ...moves].map((m, i) => ({ ...m, label: `M${i}` }));
    expect(previewSummary(many, enGB)).toBe('6 measures would change: M0 Amber → Red, M1 Amber → Red, M2 Amber → Red, M3 Amber → Red, … and 2 more');
    expect(previewSummary(moves.slice(0, 1), enGB)).toBe('1 measure would change: CS2 Amber → Red');
    expect(previewSummary([], enGB)).toBe('No measure would change status.');
  });

  it('computePreview runs the engine in memory with the draft and lists the configuration edits it would record', () => {
    const engine = fakeEngine();
    const draft = { version: 1, settings: { tolerance: { type: 'relative' as const, value: 5 } } };
    const preview = computePreview(engine, { snapshot: snapshotWith(null), baseline: before, saved: { version: 1 }, draft, now: NOW, appVersion: 'x' });
    expect(engine.calls[0]).toMatchObject({ config: draft, changedBy: 'pane', now: NOW });
    expect(preview.moves).toHaveLength(3);
    expect(preview.overall).toEqual({ from: 'amber', to: 'red' });
    expect(preview.edits).toEqual([{ at: NOW, what: 'settings.tolerance', from: null, to: { type: 'relative', value: 5 }, by: 'pane' }]);
  });
});

describe('exceptions', () => {
  it('groups red and amber by directorate (as the exception sheet), red first', () => {
    const groups = exceptionGroups(reportFor(MEASURES, {}));
    expect(groups.map((g) => [g.group, g.results.map((r) => `${r.measure.ref} ${r.status}`)])).toEqual([
      ["Children's Services", ['CS3 red', 'CS2 amber']],
      ['Adult Services', ['AD1 amber', 'AD2 amber']],
    ]);
  });

  it('selects a measure by its name cell', () => {
    const report = reportFor(MEASURES, {});
    expect(measureCell(report.results[1]!, report)).toEqual({ sheet: 'Children', row: 5, col: 1 });
  });
});

describe('saved settings', () => {
  it('reads none, ok and invalid documents, keeping the change log of an invalid one', () => {
    expect(savedView(snapshotWith(null)).kind).toBe('none');
    const ok = savedView(snapshotWith(savedText({ version: 1, settings: { polarity: 'lower' } }, [{ at: NOW, what: 'settings.polarity', from: null, to: 'lower' }])));
    expect(ok.kind).toBe('ok');
    expect(ok.config.settings).toEqual({ polarity: 'lower' });
    expect(ok.changeLog).toHaveLength(1);
    const bad = savedView(snapshotWith(JSON.stringify({ format: 'rag-refresh', version: 1, config: { settings: { colour: 'red' } }, changeLog: [{ at: NOW, what: 'x', from: 1, to: 2 }] })));
    expect(bad.kind).toBe('invalid');
    expect(bad.errors[0]).toContain('colour');
    expect(bad.changeLog).toHaveLength(1);
  });

  it('recognises the core’s saved-config-invalid error', () => {
    expect(savedConfigProblems(Object.assign(new Error('x'), { code: 'saved-config-invalid', details: ['a', 'b'] }))).toEqual(['a', 'b']);
    expect(savedConfigProblems(new Error('other'))).toBeNull();
  });

  it('compares configurations ignoring key order, version and undefined keys', () => {
    expect(sameConfig({ version: 1, settings: { polarity: 'lower', tolerance: undefined } }, { settings: { polarity: 'lower' } })).toBe(true);
    expect(sameConfig({ settings: { polarity: 'lower' } }, { settings: { polarity: 'higher' } })).toBe(false);
  });
});

describe('refreshing with the edited configuration', () => {
  const savedConfig = { version: 1, tables: [{ sheet: 'Children', tolerance: { type: 'absolute' as const, value: 2 } }], settings: { polarity: 'higher' as const } };
  const snapshot = snapshotWith(savedText(savedConfig, [{ at: '2026-01-01T00:00:00+00:00', what: 'settings.polarity', from: null, to: 'higher', by: 'pane' }]));

  it('puts the draft in place of the saved configuration: a removed override is gone, entries are not doubled', () => {
    const draft = { version: 1, settings: { polarity: 'higher' as const, tolerance: { type: 'relative' as const, value: 5 } } };
    const outcome = refreshWithDraft(fakeEngine(), snapshot, draft, { now: NOW, appVersion: 'x' });
    const saved = parseSavedDocument(outcome.plan.savedDocument);
    expect(saved.kind).toBe('ok');
    if (saved.kind !== 'ok') return;
    expect(saved.doc.config).toEqual(draft);
    // CS2 81 v 90: the table's absolute 2 is gone, 5% of 90 is 4.5 -> Red
    expect(outcome.report.results.find((r) => r.measure.ref === 'CS2')?.status).toBe('red');
    expect(saved.doc.changeLog.map((e) => [e.what, e.from, e.to, e.by])).toEqual([
      ['settings.polarity', null, 'higher', 'pane'],
      ['settings.tolerance', null, { type: 'relative', value: 5 }, 'pane'],
      ['tables[Children].tolerance', { type: 'absolute', value: 2 }, null, 'pane'],
    ]);
  });

  it('layering the same draft (what refresh() does with options.config) would keep the removed override', () => {
    const engine = fakeEngine();
    const draft = { version: 1, settings: { polarity: 'higher' as const } };
    const layered = engine.refresh(snapshot, { now: NOW, appVersion: 'x', config: draft, changedBy: 'pane' });
    const saved = parseSavedDocument(layered.plan.savedDocument);
    expect(saved.kind === 'ok' && saved.doc.config.tables).toEqual(savedConfig.tables);
    const replaced = parseSavedDocument(refreshWithDraft(engine, snapshot, draft, { now: NOW, appVersion: 'x' }).plan.savedDocument);
    expect(replaced.kind === 'ok' && replaced.doc.config.tables).toBeUndefined();
  });
});

describe('the engine chunk', () => {
  it('is loaded once, when a workbook is first read, and again after a failed load', async () => {
    const { fakeHost, makeController } = await import('./helpers');
    const { PaneController } = await import('../../src/taskpane/controller');
    const { enGB } = await import('../../src/core/messages');
    let loads = 0;
    const engine = fakeEngine();
    const controller = new PaneController({
      host: fakeHost('excel'),
      engine: async () => {
        loads++;
        if (loads === 1) throw Object.assign(new Error('Loading chunk engine failed.'), { name: 'ChunkLoadError' });
        return engine;
      },
      messages: enGB,
      appVersion: 'x',
      now: () => NOW,
      yieldToUi: () => Promise.resolve(),
      previewDelay: 0,
    });
    expect(loads).toBe(0);
    await controller.start();
    expect(loads).toBe(1);
    expect(controller.getState().error?.message).toBe('Loading chunk engine failed.');
    await controller.refresh();
    await controller.reload();
    expect(loads).toBe(2);
    expect(controller.getState().last?.results).toHaveLength(7);
    expect(controller.getState().baseline).not.toBeNull();
    void makeController;
  });
});
