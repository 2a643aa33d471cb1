import { councilReturn, newDouble } from '../office/helpers';
import type { WorkbookSnapshot, WritePlan } from '../../src/core/types';
import { detectHost, LOAD_TIMEOUT_IN_OFFICE_MS, LOAD_TIMEOUT_MS, officeLoadTimeout, openedByOffice, type BootWindow } from '../../src/taskpane/boot';
import { createFileHost, type FileShell } from '../../src/taskpane/host-file';
import { createOfficeHost, officeApi, type OfficeApi } from '../../src/taskpane/host-office';
import { HostError } from '../../src/taskpane/host';

const snapshot = (name: string): WorkbookSnapshot => ({ sheets: [], savedDocument: name, source: { host: 'xlsx', fileName: name } });
const plan: WritePlan = { clear: [], statusBlocks: [], exceptionSheet: null, removeSheets: [], savedDocument: '{}' };

function fakeShell() {
  const calls = { read: [] as number[][], apply: [] as unknown[] };
  const shell: FileShell = {
    readWorkbook(bytes) {
      calls.read.push([...bytes]);
      return { snapshot: snapshot(`read ${bytes.join(',')}`), pkg: { bytes: [...bytes] } };
    },
    applyPlan(pkg, p) {
      calls.apply.push([pkg, p]);
      return new Uint8Array([...(pkg as unknown as { bytes: number[] }).bytes, 9]);
    },
  };
  return { shell, calls };
}

describe('file host', () => {
  it('loads the file shell only when a file is opened, reads it once, and reads again after a write', async () => {
    const { shell, calls } = fakeShell();
    let loads = 0;
    const saved: [string, number[]][] = [];
    const host = createFileHost({ load: async () => (loads++, shell), save: (n, b) => saved.push([n, [...b]]) });
    expect(host.kind).toBe('file');
    expect(host.canSelect).toBe(false);
    expect(host.file.current()).toBeNull();
    await expect(host.read()).rejects.toBeInstanceOf(HostError);
    expect(loads).toBe(0);

    expect((await host.file.open('q3.xlsx', new Uint8Array([1, 2]))).savedDocument).toBe('read 1,2');
    expect(host.file.current()).toEqual({ name: 'q3.xlsx', changed: false });
    await host.read();
    await host.read();
    expect(calls.read).toEqual([[1, 2]]);

    await host.apply(plan);
    expect(calls.apply).toEqual([[{ bytes: [1, 2] }, plan]]);
    expect(host.file.current()).toEqual({ name: 'q3.xlsx', changed: true });
    expect((await host.read()).savedDocument).toBe('read 1,2,9');

    host.file.download('q3-refreshed.xlsx');
    expect(saved).toEqual([['q3-refreshed.xlsx', [1, 2, 9]]]);
    expect(loads).toBe(1);
    await expect(host.select('Sheet1', 'A1')).resolves.toBeUndefined();
  });

  it('tries to load the file shell again after a failed load (offline for a moment)', async () => {
    const { shell } = fakeShell();
    let attempt = 0;
    const host = createFileHost({
      load: async () => {
        attempt++;
        if (attempt === 1) throw new Error('ChunkLoadError');
        return shell;
      },
      save: () => undefined,
    });
    await expect(host.file.open('a.xlsx', new Uint8Array([1]))).rejects.toThrow('ChunkLoadError');
    await expect(host.file.open('a.xlsx', new Uint8Array([1]))).resolves.toBeTruthy();
    expect(attempt).toBe(2);
  });

  it('a file that cannot be read leaves the open workbook as it was', async () => {
    const { shell } = fakeShell();
    const host = createFileHost({ load: async () => shell, save: () => undefined });
    await host.file.open('good.xlsx', new Uint8Array([1]));
    shell.readWorkbook = () => {
      throw new Error('This file is not an Excel workbook (.xlsx).');
    };
    await expect(host.file.open('bad.txt', new Uint8Array([7]))).rejects.toThrow('not an Excel workbook');
    expect(host.file.current()).toEqual({ name: 'good.xlsx', changed: false });
  });
});

describe('Office host', () => {
  it('reads and writes through the Office shell, in Excel.run batches', async () => {
    const x = councilReturn(newDouble());
    let runs = 0;
    const api: OfficeApi = { run: (batch) => (runs++, batch(x.requestContext)), isSetSupported: x.isSetSupported };
    const host = createOfficeHost(api);
    expect(host.kind).toBe('excel');
    expect(host.canSelect).toBe(true);
    const snap = await host.read();
    expect(snap.source.host).toBe('excel');
    expect(snap.sheets.map((s) => s.name)).toEqual(['Measures', 'Scorecard']);
    await host.apply({ ...plan, savedDocument: '{"format":"rag-refresh"}' });
    expect(runs).toBe(2);
    expect((await host.read()).savedDocument).toBe('{"format":"rag-refresh"}');
  });

  it('selects a cell: activates its sheet and selects the range in one sync', async () => {
    const log: string[] = [];
    const context = {
      workbook: {
        worksheets: {
          getItem: (sheet: string) => ({
            activate: () => log.push(`activate ${sheet}`),
            getRange: (cell: string) => ({ select: () => log.push(`select ${cell}`) }),
          }),
        },
      },
      sync: async () => {
        log.push('sync');
      },
    };
    const host = createOfficeHost({ run: (batch) => batch(context as unknown as Excel.RequestContext), isSetSupported: () => true });
    await host.select('Children & Families', 'B7');
    expect(log).toEqual(['activate Children & Families', 'select B7', 'sync']);
  });

  it('is not made without Office.js', () => {
    expect(officeApi()).toBeNull();
    expect(() => createOfficeHost(null)).toThrow(HostError);
  });
});

describe('finding the host', () => {
  it('no Office.js (offline, blocked, a plain browser without it): file mode', async () => {
    expect(await detectHost({ win: { navigator: { language: 'cy-GB' } } })).toEqual({ kind: 'file', locale: 'cy-GB', reason: 'no-office-js' });
  });

  it('Office.js in a browser reports no host: file mode', async () => {
    const office = { onReady: async () => ({ host: null, platform: null }), context: {} } as unknown as typeof Office;
    expect(await detectHost({ win: { Office: office, navigator: { language: 'en-GB' } } })).toMatchObject({ kind: 'file', reason: 'not-excel' });
  });

  it('inside Excel: Excel mode, with Office’s display language', async () => {
    const office = { onReady: async () => ({ host: 'Excel', platform: 'PC' }), context: { displayLanguage: 'cy-GB' } } as unknown as typeof Office;
    expect(await detectHost({ win: { Office: office, navigator: { language: 'en-US' } } })).toMatchObject({ kind: 'excel', locale: 'cy-GB' });
  });

  it('Office.onReady that never answers: file mode after the time limit', async () => {
    const office = { onReady: () => new Promise(() => undefined), context: {} } as unknown as typeof Office;
    expect(await detectHost({ win: { Office: office }, timeoutMs: 10 })).toMatchObject({ kind: 'file', reason: 'timeout' });
  });

  it('Office.onReady that fails: file mode', async () => {
    const office = { onReady: () => Promise.reject(new Error('boom')), context: {} } as unknown as typeof Office;
    expect(await detectHost({ win: { Office: office } })).toMatchObject({ kind: 'file', reason: 'error' });
  });

  /** A page whose Office.js <script async> has not finished: the script element, and the window's load event. */
  function loadingPage(extra: Partial<BootWindow> = {}) {
    const script = new EventTarget();
    const page = new EventTarget();
    const win: BootWindow & { finish(office?: typeof Office, outcome?: 'load' | 'error'): void } = {
      navigator: { language: 'en-GB' },
      document: { getElementById: (id: string) => (id === 'office-js' ? script : null), readyState: 'interactive' },
      addEventListener: (type, l) => page.addEventListener(type, l),
      removeEventListener: (type, l) => page.removeEventListener(type, l),
      ...extra,
      finish(office, outcome = 'load') {
        if (office) win.Office = office;
        script.dispatchEvent(new Event(outcome));
        (win.document as { readyState: string }).readyState = 'complete';
        page.dispatchEvent(new Event('load'));
      },
    };
    return win;
  }
  const excel = { onReady: async () => ({ host: 'Excel', platform: 'PC' }), context: { displayLanguage: 'en-GB' } } as unknown as typeof Office;

  it('Office.js loaded async, arriving after the pane’s bundle: waits for it, then asks Office.onReady (Excel)', async () => {
    const win = loadingPage();
    const detected = detectHost({ win, loadTimeoutMs: 600_000 });
    await Promise.resolve();
    // not there yet when the pane's bundle ran: without waiting this would be file mode ('no-office-js')
    win.finish(excel);
    expect(await detected).toMatchObject({ kind: 'excel', locale: 'en-GB' });
  });

  it('Office.js that fails to load (offline): file mode at once, by its error event or the page’s load event', async () => {
    const win = loadingPage();
    const detected = detectHost({ win, loadTimeoutMs: 600_000 });
    win.finish(undefined, 'error');
    expect(await detected).toEqual({ kind: 'file', locale: 'en-GB', reason: 'no-office-js' });
    // it failed before the pane looked: the page has finished loading without it
    const done = loadingPage();
    (done.document as { readyState: string }).readyState = 'complete';
    expect(await detectHost({ win: done, loadTimeoutMs: 600_000 })).toMatchObject({ kind: 'file', reason: 'no-office-js' });
  });

  it('Office.js whose request hangs: file mode after the load time limit, without waiting for the request', async () => {
    expect(await detectHost({ win: loadingPage(), loadTimeoutMs: 10 })).toEqual({ kind: 'file', locale: 'en-GB', reason: 'no-office-js' });
  });

  it('waits longer for Office.js when Office opened the page (_host_Info in its address, a frame)', () => {
    expect(openedByOffice({ location: { search: '?_host_Info=Excel$Win32$16.01$en-GB$$$$0' } })).toBe(true);
    expect(openedByOffice({ location: { search: '', hash: '#_host_Info=Excel$Web$16.01$en-GB' } })).toBe(true);
    expect(openedByOffice({ name: '{"_host_Info":"excel|win32|16.01"}' })).toBe(true);
    const top = {};
    expect(openedByOffice({ top, self: {} })).toBe(true);
    expect(openedByOffice({ top, self: top, location: { search: '?file=q3' } })).toBe(false);
    expect(officeLoadTimeout({ location: { search: '?_host_Info=Excel' } })).toBe(LOAD_TIMEOUT_IN_OFFICE_MS);
    expect(officeLoadTimeout({})).toBe(LOAD_TIMEOUT_MS);
    expect(LOAD_TIMEOUT_MS).toBeLessThan(LOAD_TIMEOUT_IN_OFFICE_MS);
  });
});
