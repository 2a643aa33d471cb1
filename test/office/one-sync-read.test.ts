/**
 * The read in one round trip: the hint the last refresh left in the document
 * settings lets the discovery and the data go in one batch; whatever changed
 * since is found by that batch's discovery and read again, so the snapshot is
 * always the one a two-step read gives.
 */
import { refresh } from '../../src/core/refresh';
import { SETTINGS_SHEET_NAME } from '../../src/core/types';
import { HINT_SETTING, loadHint, predictHint, saveHint, type OfficeHostContext } from '../../src/workbook/office/hint';
import { readWorkbook } from '../../src/workbook/office/read';
import { ALL_CAPABILITIES } from '../../src/workbook/office/features';
import { DEFAULT_BUDGET_BYTES, budgetFor } from '../../src/workbook/office/payload';
import { readExcel, refreshExcel } from '../../src/workbook/office/shell';
import type { OfficeShellError } from '../../src/workbook/office/errors';
import type { ExcelDouble } from './double/excel-double';
import { bigReturn, councilReturn, newDouble } from './helpers';

const NOW = '2025-04-01T09:00:00+01:00';

async function refreshOnce(x: ExcelDouble, office: OfficeHostContext = x.office) {
  x.resetStats();
  const result = await refreshExcel(x.requestContext, { isSetSupported: x.isSetSupported, refresh, now: NOW, appVersion: '0.1.0', office });
  return { result, syncs: x.stats.syncs, trail: x.stats.perSync.map((s) => (s.error ? 'x' : s.writes > 0 ? 'w' : 'r')).join('') };
}

/** What a read without any hint finds: the reference every hinted read must equal. */
async function plainSnapshot(x: ExcelDouble) {
  return (await readExcel(x.requestContext, { isSetSupported: x.isSetSupported, office: { platform: x.office.platform } })).snapshot;
}

async function hintedSnapshot(x: ExcelDouble) {
  x.resetStats();
  const read = await readExcel(x.requestContext, { isSetSupported: x.isSetSupported, office: x.office });
  return { read, syncs: x.stats.syncs };
}

/** A return whose refresh writes status columns, an exception sheet and the saved settings. */
function workbook(measures = 6): ExcelDouble {
  return councilReturn(newDouble(), measures);
}

describe('round trips of Refresh RAG', () => {
  test('the first refresh of a workbook takes 3 (no hint yet); each one after takes 2: one read, one write', async () => {
    const x = workbook();
    const first = await refreshOnce(x);
    expect(first.result.plan.statusBlocks.length).toBeGreaterThan(0);
    expect(first.trail).toBe('rrw');
    expect(first.result.read.facts.readPath).toBe('two-step');
    expect(first.result.hintSaved).toBe(true);
    for (let run = 2; run <= 4; run++) {
      const next = await refreshOnce(x);
      expect(next.trail).toBe('rw');
      expect(next.result.read.facts.readPath).toBe('hinted');
    }
  });

  test('the hinted read gives the same snapshot and facts as the two-step read', async () => {
    const x = workbook();
    await refreshOnce(x);
    const hinted = await hintedSnapshot(x);
    expect(hinted.syncs).toBe(1);
    const plain = await readExcel(x.requestContext, { isSetSupported: x.isSetSupported, office: { platform: x.office.platform } });
    expect(hinted.read.snapshot).toEqual(plain.snapshot);
    const { syncs: _a, readPath: _b, ...hf } = hinted.read.facts;
    const { syncs: _c, readPath: _d, ...pf } = plain.facts;
    expect(hf).toEqual(pf);
  });

  test('round trips stay 2 as measures grow (10 and 10,000) on the desktop; on the web, until the data passes 5 MB', async () => {
    const trails: string[] = [];
    for (const n of [10, 10_000]) {
      const x = councilReturn(newDouble({ host: 'desktop' }), n);
      await refreshOnce(x);
      trails.push((await refreshOnce(x)).trail);
    }
    expect(trails).toEqual(['rw', 'rw']);
    const web: string[] = [];
    for (const n of [10, 1000]) {
      const x = councilReturn(newDouble({ host: 'web' }), n);
      await refreshOnce(x);
      web.push((await refreshOnce(x)).trail);
    }
    expect(web).toEqual(['rw', 'rw']);
    // 10,000 measures on the web: about 9 MB each way (the exception sheet alone is 7 MB), so split by
    // size, sized from the hint: no round trip refused, none over the limit.
    const x = councilReturn(newDouble({ host: 'web' }), 10_000);
    await refreshOnce(x);
    const big = await refreshOnce(x);
    expect(big.trail).toMatch(/^r+w+$/);
    expect(x.stats.perSync.every((s) => s.requestBytes <= 5 * 1024 * 1024 && s.responseBytes <= 5 * 1024 * 1024)).toBe(true);
  });

  test('the hint predicted from the plan is what the next read finds', async () => {
    const x = workbook();
    const { result } = await refreshOnce(x);
    const predicted = predictHint(result.read, result.plan);
    const found = loadHint(x.settings);
    expect(found).toEqual(predicted);
    const after = await readExcel(x.requestContext, { isSetSupported: x.isSetSupported, office: {} });
    expect(predicted.sheets.map((s) => s.n)).toEqual(after.facts.sheetNames);
    expect(predicted.tables).toEqual(after.facts.tableNames);
    expect(predicted.sheets.map((s) => [s.r, s.c])).toEqual(after.facts.sheetSizes.map((s) => [s.rows, s.cols]));
  });

  test('a check that fails after a hinted read writes nothing: one round trip, the read', async () => {
    const x = workbook();
    await refreshOnce(x);
    x.sheet('Measures').protected = true;
    const before = x.exportState();
    x.resetStats();
    const error = (await refreshExcel(x.requestContext, { isSetSupported: x.isSetSupported, refresh, now: NOW, appVersion: '0.1.0', office: x.office }).catch(
      (e: unknown) => e,
    )) as OfficeShellError;
    expect(error.code).toBe('blocked');
    expect(error.nothingWritten).toBe(true);
    expect(x.stats.syncs).toBe(1);
    expect(x.stats.perSync[0].writes).toBe(0);
    expect(x.exportState()).toEqual(before);
  });

  test('a refresh stopped by a check still leaves a hint of the workbook as read, so the next try reads in one round trip', async () => {
    const x = workbook();
    await refreshOnce(x);
    x.addSheet('Added', { rows: [['note']] });
    x.sheet('Measures').protected = true;
    const attempt = () =>
      refreshExcel(x.requestContext, { isSetSupported: x.isSetSupported, refresh, now: NOW, appVersion: '0.1.0', office: x.office }).catch((e: unknown) => e);
    x.resetStats();
    expect(((await attempt()) as OfficeShellError).code).toBe('blocked');
    expect(x.stats.syncs).toBe(2); // the hint missed the added sheet
    x.resetStats();
    expect(((await attempt()) as OfficeShellError).code).toBe('blocked');
    expect(x.stats.syncs).toBe(1);
    x.sheet('Measures').protected = false;
    expect((await refreshOnce(x)).trail).toBe('rw');
  });
});

describe('the workbook changed since the hint', () => {
  async function changed(change: (x: ExcelDouble) => void) {
    const x = workbook();
    await refreshOnce(x);
    change(x);
    const expected = await plainSnapshot(x);
    const { read, syncs } = await hintedSnapshot(x);
    expect(read.snapshot).toEqual(expected);
    const trail = x.stats.perSync.map((s) => (s.error ? 'x' : 'r')).join('');
    return { read, syncs, trail };
  }

  test('a sheet renamed or moved: still one round trip (sheets are read by position, with their names)', async () => {
    const renamed = await changed((x) => {
      x.sheet('Scorecard').name = 'KPI scorecard';
    });
    expect(renamed.trail).toBe('r');
    expect(renamed.read.snapshot.sheets.map((s) => s.name)).toContain('KPI scorecard');
    const moved = await changed((x) => {
      const s = x.sheet('Scorecard');
      x.model.sheets.splice(x.model.sheets.indexOf(s), 1);
      x.model.sheets.unshift(s);
    });
    expect(moved.trail).toBe('r');
  });

  test('a sheet added: the batch finds it and one more round trip reads it', async () => {
    const added = await changed((x) => {
      x.addSheet('New data', { rows: [['Ref', 'Measure'], ['N1', 'New one']] });
    });
    expect(added.trail).toBe('rr');
    expect(added.read.facts.readPath).toBe('hinted+missing');
    expect(added.read.snapshot.sheets.find((s) => s.name === 'New data')?.values).toEqual([['Ref', 'Measure'], ['N1', 'New one']]);
  });

  test('a sheet removed: the hinted batch fails (it only reads) and the read starts over in two steps', async () => {
    const removed = await changed((x) => {
      const s = x.sheet('Scorecard');
      x.model.sheets.splice(x.model.sheets.indexOf(s), 1);
      x.model.tables = x.model.tables.filter((t) => t.sheetId !== s.id);
    });
    expect(removed.trail).toBe('xrr');
    expect(removed.read.facts.readPath).toBe('stale-hint');
  });

  test('a table added, renamed or removed', async () => {
    const added = await changed((x) => {
      x.addSheet('More', { rows: [['Ref', 'Measure', 'Actual'], ['M1', 'One', 1]] });
      x.addTable('More', 'MoreKPIs', 'A1:C2');
    });
    expect(added.trail).toBe('rr');
    const renamed = await changed((x) => {
      x.model.tables[0].name = 'RenamedKPIs';
    });
    expect(renamed.trail).toBe('r');
    expect(renamed.read.facts.tableNames).toContain('RenamedKPIs');
    const removed = await changed((x) => {
      x.model.tables.splice(0, 1);
    });
    expect(removed.trail).toBe('xrr');
  });

  test('the refresh after any of these changes is right, and the one after it is back to 2 round trips', async () => {
    const x = workbook();
    await refreshOnce(x);
    x.addSheet('Notes', { rows: [['free text']] });
    const third = await refreshOnce(x);
    expect(third.trail).toBe('rrw');
    expect((await refreshOnce(x)).trail).toBe('rw');
  });
});

describe('the hint store', () => {
  test('a host without document settings reads in two steps every time', async () => {
    const x = councilReturn(newDouble({ documentSettings: false }));
    expect(x.office.settings).toBeNull();
    expect((await refreshOnce(x)).trail).toBe('rrw');
    expect((await refreshOnce(x)).trail).toBe('rrw');
  });

  test('a failed saveAsync does not fail the refresh; the hint still in memory serves this session, a reopened document starts again', async () => {
    const x = workbook();
    x.settings!.failNextSave();
    const first = await refreshOnce(x);
    expect(first.result.hintSaved).toBe(true);
    await Promise.resolve();
    expect(x.settings!.document.size).toBe(0);
    // The document reopened now: no hint was saved in it.
    x.settings!.reopen();
    expect((await refreshOnce(x)).trail).toBe('rrw');
  });

  test('a hint whose save failed is saved again next time, even unchanged; a saved, unchanged one is not', async () => {
    const store = newDouble().settings!;
    const hint = { v: 1 as const, sheets: [{ n: 'S', r: 1, c: 1, b: 10 }], tables: [] };
    store.failNextSave();
    expect(saveHint(store, hint)).toBe(true);
    await Promise.resolve();
    expect(store.document.size).toBe(0);
    expect(saveHint(store, hint)).toBe(true);
    await Promise.resolve();
    expect(JSON.parse(store.document.get(HINT_SETTING)!)).toEqual(hint);
    expect(saveHint(store, hint)).toBe(false);
    expect(store.saves).toBe(1);
  });

  test('a store that throws is the same as none', async () => {
    const x = workbook();
    const throwing: OfficeHostContext = {
      settings: {
        get: () => {
          throw new Error('not available');
        },
        set: () => {
          throw new Error('not available');
        },
        saveAsync: () => {
          throw new Error('not available');
        },
      },
      platform: 'PC',
    };
    expect((await refreshOnce(x, throwing)).trail).toBe('rrw');
  });

  test('a foreign or damaged hint is ignored, or costs a round trip, never a wrong snapshot', async () => {
    const x = workbook();
    await refreshOnce(x);
    for (const bad of ['not json', { v: 2 }, { v: 1, sheets: [], tables: [] }, { v: 1, sheets: [{ n: 'a', r: -1, c: 1, b: 0 }], tables: [] }]) {
      x.settings!.set(HINT_SETTING, bad);
      expect(loadHint(x.settings)).toBeNull();
      const { read, syncs } = await hintedSnapshot(x);
      expect(syncs).toBe(2);
      expect(read.snapshot).toEqual(await plainSnapshot(x));
    }
    // Plausible but wrong: more sheets and tables than there are.
    x.settings!.set(HINT_SETTING, { v: 1, sheets: Array.from({ length: 9 }, (_, i) => ({ n: `S${i}`, r: 1, c: 1, b: 10 })), tables: ['A', 'B', 'C'] });
    const { read } = await hintedSnapshot(x);
    expect(read.snapshot).toEqual(await plainSnapshot(x));
  });
});

describe('payload budget and splitting by size', () => {
  test('the budget follows the platform: none on Windows and Mac, the web’s limit on the web and wherever unsure', () => {
    expect(budgetFor('PC')).toBe(Number.POSITIVE_INFINITY);
    expect(budgetFor('Mac')).toBe(Number.POSITIVE_INFINITY);
    expect(budgetFor('OfficeOnline')).toBe(DEFAULT_BUDGET_BYTES);
    expect(budgetFor('iOS')).toBe(DEFAULT_BUDGET_BYTES);
    expect(budgetFor(undefined)).toBe(DEFAULT_BUDGET_BYTES);
  });


  test('on the web, a sheet the hint says is too big is read in row blocks after the batch: no refused round trip', async () => {
    const web = bigReturn('web', 60000);
    const desktop = bigReturn('desktop', 60000);
    await readExcel(web.requestContext, { isSetSupported: web.isSetSupported, office: web.office });
    // the first read had no sizes: Excel refused its data response once
    expect(web.stats.perSync.some((s) => s.error === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
    web.resetStats();
    const again = await readExcel(web.requestContext, { isSetSupported: web.isSetSupported, office: web.office });
    expect(web.stats.perSync.every((s) => s.error === null)).toBe(true);
    expect(web.stats.perSync.every((s) => s.responseBytes <= 5 * 1024 * 1024)).toBe(true);
    expect(web.stats.syncs).toBeGreaterThan(1);
    expect(again.snapshot).toEqual((await readExcel(desktop.requestContext, { isSetSupported: desktop.isSetSupported, office: {} })).snapshot);
    // on the desktop the same workbook is read in one round trip with the hint
    await readExcel(desktop.requestContext, { isSetSupported: desktop.isSetSupported, office: desktop.office });
    desktop.resetStats();
    await readExcel(desktop.requestContext, { isSetSupported: desktop.isSetSupported, office: desktop.office });
    expect(desktop.stats.syncs).toBe(1);
  });

  test('a sheet the hint says is over 5,000,000 cells is read in row blocks after the batch, on every platform', async () => {
    const x = newDouble({ host: 'desktop' });
    x.addSheet('Wide', { rows: Array.from({ length: 50 }, (_, i) => [`r${i}`, i, i * 2]) });
    const hint = { v: 1 as const, sheets: [{ n: 'Wide', r: 2_000_000, c: 3, b: 2_000_000 * 3 * 8 }], tables: [] };
    const read = await readWorkbook(x.requestContext, { capabilities: ALL_CAPABILITIES, budgetBytes: Number.POSITIVE_INFINITY, hint });
    // the batch learnt its real used range; its cells came in one more round trip
    expect(x.stats.perSync.map((s) => s.error)).toEqual([null, null]);
    expect(x.lastBatch.some((o) => o.path.includes('getRange("A1:C50")'))).toBe(true);
    expect(read.snapshot.sheets[0].values[49]).toEqual(['r49', 49, 98]);
  });

  test('the write is one batch on the desktop however large, split by size on the web', async () => {
    const counts: Record<string, string> = {};
    for (const host of ['desktop', 'web'] as const) {
      const x = councilReturn(newDouble({ host }), 30_000);
      counts[host] = (await refreshOnce(x)).trail;
    }
    expect(counts.desktop).toBe('rrw');
    expect(counts.web).toMatch(/^r+ww+$/);
  });
});

test('the settings sheet is the same sheet whatever the case of its name', async () => {
  const x = workbook();
  await refreshOnce(x);
  x.sheet(SETTINGS_SHEET_NAME).name = SETTINGS_SHEET_NAME.toLowerCase();
  const plain = await readExcel(x.requestContext, { isSetSupported: x.isSetSupported, office: {} });
  expect(plain.snapshot.savedDocument).not.toBeNull();
  expect(plain.facts.settingsSheet?.name).toBe('ragrefresh_settings');
  const again = await refreshOnce(x);
  expect(again.result.read.snapshot.sheets.map((s) => s.name)).not.toContain('ragrefresh_settings');
  expect(x.model.sheets.filter((s) => s.name.toLowerCase() === 'ragrefresh_settings').map((s) => [s.name, s.visibility])).toEqual([['ragrefresh_settings', 'VeryHidden']]);
});
