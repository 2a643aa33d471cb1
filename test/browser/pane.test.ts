/**
 * The built pane in Chromium, served from localhost, outside Office (file mode):
 * open the sample workbook, refresh, check the counts, change a tolerance and see the
 * preview, apply, download and check the downloaded statuses with ExcelJS; axe-core on
 * every panel; a keyboard-only pass; screenshots of each panel.
 *
 * Needs Debian's Chromium (/usr/bin/chromium): without it the tests fail when CI is
 * set and are skipped, saying so, otherwise. The production build is made first when
 * dist/pane is missing or older than the sources.
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { refresh } from '../../src/core/refresh';
import { enGB } from '../../src/core/messages';
import type { RagConfig } from '../../src/core/config/schema';
import type { RefreshReport, Status, StatusCounts } from '../../src/core/types';
import { readWorkbook } from '../../src/workbook/xlsx';
import { SETTINGS_SHEET_NAME } from '../../src/core/types';
import { parseSavedDocument } from '../../src/core/config/saved';
import {
  axeSerious,
  BUILD_DIR,
  chromiumAvailable,
  collectErrors,
  cspViolations,
  DOWNLOADS,
  ensureBuild,
  ensureDir,
  launch,
  newContext,
  ROOT,
  SAMPLE,
  SCREENSHOTS,
  serve,
  type StaticServer,
} from './support';

const run = chromiumAvailable() ? describe : describe.skip;
const FIXED_NOW = new Date('2026-03-02T09:30:00Z');

/** The report the core gives for the sample workbook, worked out here in Node. */
function expected(config?: RagConfig): RefreshReport {
  const { snapshot } = readWorkbook(new Uint8Array(readFileSync(SAMPLE)), { fileName: 'sample-return.xlsx' });
  return refresh(snapshot, { now: '2026-03-02T09:30:00+00:00', appVersion: 'x', ...(config ? { config } : {}) }).report;
}

function countTexts(counts: StatusCounts): string[] {
  const order: Status[] = ['red', 'amber', 'green', 'blue', 'noData', 'checkData', 'noTarget'];
  return order.filter((s) => s === 'red' || s === 'amber' || s === 'green' || counts[s] > 0).map((s) => `${enGB.common.status[s]}: ${counts[s]}`);
}

async function shownCounts(page: Page): Promise<string[]> {
  return page.getByRole('list', { name: 'Measures by status' }).getByRole('listitem').allInnerTexts();
}

async function openSample(page: Page): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(SAMPLE);
  await page.getByTestId('file-name').waitFor();
}

/** The pane fits its width: nothing to scroll sideways at 320 px. */
async function overflow(page: Page): Promise<{ by: number; widest: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const by = document.documentElement.scrollWidth - width;
    // the elements that reach past the pane's right edge, to say what is too wide
    const widest = by <= 0 ? [] : [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > width + 0.5).slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
    return { by, widest };
  });
}

/** Refresh RAG, and its result written (before it, the pane shows the statuses worked out but not yet written). */
async function refreshed(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Refresh RAG' }).click();
  await page.getByTestId('refresh-result').getByRole('list', { name: 'Measures by status' }).waitFor();
}

/** Office.js's stand-in (test/browser/office-stub.ts) bundled for the page, holding the sample workbook. */
async function officeStub(options: { bodyBackgroundColor?: string } = {}): Promise<string> {
  const { build } = await import('esbuild');
  const out = await build({ entryPoints: [join(__dirname, 'office-stub.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', logLevel: 'error' });
  const { snapshot } = readWorkbook(new Uint8Array(readFileSync(SAMPLE)), { fileName: 'sample-return.xlsx' });
  return `window.__officeStub = ${JSON.stringify({ workbook: snapshot, ...options })};\n${out.outputFiles[0]!.text}`;
}

run('the pane in a browser (file mode)', () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureBuild();
    server = await serve(BUILD_DIR);
    browser = await launch();
    ensureDir(SCREENSHOTS);
    ensureDir(DOWNLOADS);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openPane(options: Parameters<typeof newContext>[1] = {}): Promise<{ page: Page; errors: string[] }> {
    const context = await newContext(browser, options);
    const page = await context.newPage();
    await page.clock.setFixedTime(FIXED_NOW);
    const errors = collectErrors(page);
    await page.goto(`${server.url}taskpane.html`);
    await page.getByRole('button', { name: 'Open a workbook' }).waitFor();
    return { page, errors };
  }

  it('starts in file mode without errors when Office.js cannot be loaded, and loads the file shell only when a file is opened', async () => {
    const { page, errors } = await openPane({ office: 'unreachable' });
    expect(await page.getByRole('heading', { name: 'Try RAG Refresh on a workbook' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Refresh RAG' }).isDisabled()).toBe(true);
    expect(server.requests.filter((r) => r.includes('xlsx-shell'))).toEqual([]);
    await openSample(page);
    expect(server.requests.filter((r) => r.includes('xlsx-shell'))).toHaveLength(1);
    expect(await page.getByRole('button', { name: 'Refresh RAG' }).isEnabled()).toBe(true);
    expect(errors).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('starts in file mode when Office.js loads but reports no Office host (an ordinary browser)', async () => {
    const { page, errors } = await openPane({ office: 'browser' });
    expect(await page.getByRole('button', { name: 'Open a workbook' }).isEnabled()).toBe(true);
    expect(errors).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('comes up in file mode while the request for Office.js hangs (it is loaded async; the pane does not wait on it)', async () => {
    const context = await newContext(browser, { office: 'hang' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    let officeRequested = false;
    let officeAnswered = false;
    page.on('request', (r) => {
      if (r.url().includes('appsforoffice.microsoft.com')) officeRequested = true;
    });
    page.on('requestfinished', (r) => {
      if (r.url().includes('appsforoffice.microsoft.com')) officeAnswered = true;
    });
    page.on('requestfailed', (r) => {
      if (r.url().includes('appsforoffice.microsoft.com')) officeAnswered = true;
    });
    // the page's own load never ends while the script hangs: wait for what it shows, not for 'load'
    await page.goto(`${server.url}taskpane.html`, { waitUntil: 'commit' });
    await page.getByRole('button', { name: 'Open a workbook' }).waitFor();
    expect({ officeRequested, officeAnswered }).toEqual({ officeRequested: true, officeAnswered: false });
    await openSample(page);
    expect(await page.getByRole('button', { name: 'Refresh RAG' }).isEnabled()).toBe(true);
    expect(errors).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await context.close();
  });

  it('opens the sample, refreshes, previews a tolerance, applies, and downloads a workbook whose statuses ExcelJS reads back', async () => {
    const { page, errors } = await openPane();
    await openSample(page);
    await refreshed(page);
    const before = expected();
    expect(await shownCounts(page)).toEqual(countTexts(before.summary.whole.counts));
    expect(await page.getByTestId('overall').innerText()).toContain(enGB.common.overall[before.summary.whole.overall]);
    expect(await overflow(page)).toEqual({ by: 0, widest: [] });
    await page.screenshot({ path: join(SCREENSHOTS, 'refresh.png'), fullPage: true });

    await page.getByRole('tab', { name: 'Exceptions' }).click();
    await page.getByRole('heading', { name: 'Red and amber measures' }).waitFor();
    const exceptions = before.results.filter((r) => r.status === 'red' || r.status === 'amber').length;
    expect(await page.getByTestId('exception-item').count()).toBe(exceptions);
    expect(await overflow(page)).toEqual({ by: 0, widest: [] });
    await page.screenshot({ path: join(SCREENSHOTS, 'exceptions.png'), fullPage: true });

    await page.getByRole('tab', { name: 'Tables' }).click();
    expect(await page.getByTestId('table-card').count()).toBe(before.tables.length);
    await page.getByRole('button', { name: 'Columns' }).first().click();
    expect(await overflow(page)).toEqual({ by: 0, widest: [] });
    await page.screenshot({ path: join(SCREENSHOTS, 'tables.png'), fullPage: true });

    await page.getByRole('tab', { name: 'Thresholds' }).click();
    const tolerance = page.getByRole('textbox', { name: /^Tolerance/ }).first();
    await tolerance.fill('ten');
    await page.getByText('“ten” is not an amount').waitFor();
    await tolerance.fill('5%');
    const five = expected({ settings: { tolerance: { type: 'relative', value: 5 } } });
    const moved = before.results.filter((r, i) => r.status !== five.results[i]!.status).length;
    const summary = page.getByTestId('preview-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toMatch(new RegExp(`^${moved} measures would change: `));
    await page.getByRole('combobox', { name: 'Measure' }).selectOption({ index: 2 });
    expect(await overflow(page)).toEqual({ by: 0, widest: [] });
    await page.screenshot({ path: join(SCREENSHOTS, 'thresholds-preview.png'), fullPage: true });

    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByTestId('notice').waitFor();
    await page.getByRole('tab', { name: 'Refresh' }).click();
    expect(await shownCounts(page)).toEqual(countTexts(five.summary.whole.counts));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the refreshed workbook' }).click()]);
    expect(download.suggestedFilename()).toBe('sample-return-refreshed.xlsx');
    const file = join(DOWNLOADS, 'sample-return-refreshed.xlsx');
    await download.saveAs(file);

    // ExcelJS reads the statuses written beside each table
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const header = enGB.common.columns.rag;
    let checked = 0;
    for (const table of five.tables) {
      const sheet = book.getWorksheet(table.sheet)!;
      const row = sheet.getRow(table.headerRow + 1);
      let ragCol = 0;
      row.eachCell((cell, col) => {
        if (!ragCol && col > table.right + 1 && cell.text === header) ragCol = col;
      });
      expect({ table: table.id, found: ragCol > 0 }).toEqual({ table: table.id, found: true });
      for (const r of five.results.filter((x) => x.measure.tableId === table.id)) {
        expect({ measure: r.measure.key, status: sheet.getRow(r.measure.row + 1).getCell(ragCol).text }).toEqual({ measure: r.measure.key, status: enGB.common.status[r.status] });
        checked++;
      }
    }
    expect(checked).toBe(five.results.length);
    const exceptionSheet = book.getWorksheet('RAG Exceptions');
    expect(exceptionSheet).toBeTruthy();
    // the saved settings (very hidden sheet) hold the tolerance and its change-log entry
    const settings = book.getWorksheet(SETTINGS_SHEET_NAME)!;
    expect(settings.state).toBe('veryHidden');
    const back = readWorkbook(new Uint8Array(readFileSync(file)), {});
    const doc = parseSavedDocument(back.snapshot.savedDocument);
    expect(doc.kind === 'ok' && doc.doc.changeLog.map((e) => [e.what, e.to, e.by])).toEqual([['settings.tolerance', { type: 'relative', value: 5 }, 'pane']]);
    expect(errors).toEqual([]);
    // opening the sample, refreshing, previewing, applying and downloading raised no CSP violation
    expect(await cspViolations(page)).toEqual([]);
    await page.context().close();
  });

  it.each([600, 700])('at 320 × %i px the preview bar takes at most 40%% of the height, its list scrolls inside it, and Apply and Discard stay in view', async (height) => {
    const { page, errors } = await openPane({ height });
    await openSample(page);
    await refreshed(page);
    await page.getByRole('tab', { name: 'Thresholds' }).click();
    await page.getByRole('textbox', { name: /^Tolerance/ }).first().fill('1%');
    await page.getByTestId('preview-summary').waitFor();
    await page.getByRole('button', { name: 'Show every change' }).click();
    await page.getByTestId('preview-moves').waitFor();
    const inView = async (testId: string) => {
      const box = (await page.getByTestId(testId).boundingBox())!;
      return box.y >= 0 && box.y + box.height <= height + 0.5;
    };
    for (const where of ['top', 'bottom'] as const) {
      await page.evaluate((w) => window.scrollTo(0, w === 'top' ? 0 : document.documentElement.scrollHeight), where);
      const bar = (await page.getByTestId('preview').boundingBox())!;
      expect({ where, barAtMost40: bar.height <= height * 0.4 + 0.5, apply: await inView('apply-button'), discard: await inView('discard-button') }).toEqual({ where, barAtMost40: true, apply: true, discard: true });
    }
    // the list is longer than the room it has: it scrolls inside the bar, from the keyboard too
    const details = page.getByTestId('preview-details');
    const scroll = await details.evaluate((e) => ({ scrolls: e.scrollHeight > e.clientHeight, focusable: e.tabIndex === 0 }));
    expect(scroll).toEqual({ scrolls: true, focusable: true });
    // the panel above the bar is still there to scroll to: its last control can be brought into view above the bar
    const last = page.getByRole('tabpanel').getByRole('switch').last();
    await last.scrollIntoViewIfNeeded();
    const bar = (await page.getByTestId('preview').boundingBox())!;
    const box = (await last.boundingBox())!;
    expect(box.y + box.height <= bar.y + 0.5).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, `preview-expanded-${height}.png`) });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('at 320 px every choice of the thresholds fits its box (the chosen method in full in the hint)', async () => {
    const { page, errors } = await openPane();
    await openSample(page);
    await refreshed(page);
    await page.getByRole('tab', { name: 'Thresholds' }).click();
    // every choice of the defaults shown: the red-share rule and the statistical trend's rules too
    await page.getByRole('combobox', { name: 'Overall RAG rule' }).selectOption('red-share');
    await page.getByRole('switch', { name: /^Statistical trend/ }).click();
    await page.getByRole('combobox', { name: 'Rules' }).waitFor();
    const tooWide = await page.getByTestId('defaults').evaluate((root) => {
      const canvas = document.createElement('canvas').getContext('2d')!;
      return [...root.querySelectorAll('select')].flatMap((select) => {
        const cs = getComputedStyle(select);
        canvas.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
        const room = select.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
        return [...select.options].filter((o) => canvas.measureText(o.text).width > room).map((o) => o.text);
      });
    });
    expect(tooWide).toEqual([]);
    const forecast = page.getByRole('combobox', { name: 'Forecast' });
    expect(await forecast.inputValue()).toBe('linear');
    expect(await page.getByText(enGB.pane.thresholds.forecastHints.linear).isVisible()).toBe(true);
    expect(await overflow(page)).toEqual({ by: 0, widest: [] });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it.each(['light', 'dark'] as const)('axe-core finds no serious or critical problem on any panel (%s theme)', async (colorScheme) => {
    const { page } = await openPane({ colorScheme });
    const found: Record<string, string[]> = {};
    found.empty = await axeSerious(page);
    await openSample(page);
    // read, not yet written
    await page.getByTestId('refresh-pending').waitFor();
    found.pending = await axeSerious(page);
    if (colorScheme === 'light') await page.screenshot({ path: join(SCREENSHOTS, 'refresh-not-written.png'), fullPage: true });
    await refreshed(page);
    found.refresh = await axeSerious(page);
    await page.getByRole('button', { name: /Show all \d+ issues/ }).click();
    found.issues = await axeSerious(page);
    await page.getByRole('tab', { name: 'Exceptions' }).click();
    found.exceptions = await axeSerious(page);
    await page.getByRole('tab', { name: 'Thresholds' }).click();
    await page.getByRole('textbox', { name: /^Tolerance/ }).first().fill('bad');
    found.invalid = await axeSerious(page);
    await page.getByRole('textbox', { name: /^Tolerance/ }).first().fill('5%');
    await page.getByTestId('preview-summary').waitFor();
    await page.getByRole('button', { name: 'Show every change' }).click();
    await page.getByRole('combobox', { name: 'Measure' }).selectOption({ index: 2 });
    found.thresholds = await axeSerious(page);
    // an invalid value while there are edits: Apply is unavailable and says why
    await page.getByRole('textbox', { name: /^Tolerance/ }).first().fill('5 percent');
    await page.getByTestId('apply-blocked').waitFor();
    found.blocked = await axeSerious(page);
    await page.getByRole('textbox', { name: /^Tolerance/ }).first().fill('5%');
    await page.getByRole('tab', { name: 'Tables' }).click();
    await page.getByRole('button', { name: 'Columns' }).first().click();
    found.tables = await axeSerious(page);
    await page.getByRole('tab', { name: 'Refresh' }).click();
    await page.getByRole('button', { name: 'Clear RAG' }).click();
    await page.getByRole('alertdialog').waitFor();
    found.clear = await axeSerious(page);
    if (colorScheme === 'dark') await page.screenshot({ path: join(SCREENSHOTS, 'clear-dialog-dark.png') });
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
    expect(found).toEqual({ empty: [], pending: [], refresh: [], issues: [], exceptions: [], invalid: [], thresholds: [], blocked: [], tables: [], clear: [] });
    if (colorScheme === 'dark') await page.screenshot({ path: join(SCREENSHOTS, 'refresh-dark.png'), fullPage: true });
    await page.context().close();
  });

  it('inside Excel (Office.js stand-in over the Excel API test double): refreshes the workbook in place, selects a measure, follows Office’s dark theme, never loads the file shell', async () => {
    const body = await officeStub({ bodyBackgroundColor: '#1F1F1F' });
    // Office.js arrives after the pane's bundle has run (it is loaded async): the pane waits for it
    let parsed: () => void = () => undefined;
    const afterBundle = new Promise<void>((resolve) => (parsed = resolve));
    const context = await newContext(browser, { office: { body, after: afterBundle } });
    const page = await context.newPage();
    page.once('domcontentloaded', () => parsed());
    const errors = collectErrors(page);
    const before = server.requests.length;
    // as Office opens it: with _host_Info in its address
    await page.goto(`${server.url}taskpane.html?_host_Info=Excel$Web$16.01$en-GB$$$$0`, { waitUntil: 'commit' });
    const refreshButton = page.getByRole('button', { name: 'Refresh RAG' });
    await refreshButton.waitFor();
    expect(await page.getByTestId('file-bar').count()).toBe(0);
    expect(await page.locator('[data-theme]').first().getAttribute('data-theme')).toBe('dark');
    // read when the pane opened: the statuses are there before Refresh RAG, said to be not yet written
    await page.getByTestId('refresh-pending').waitFor();
    expect(await page.getByTestId('not-written').isVisible()).toBe(true);
    expect(await shownCounts(page)).toEqual(countTexts(expected().summary.whole.counts));
    await refreshButton.click();
    await page.getByTestId('refresh-result').waitFor();
    expect(await page.getByTestId('not-written').count()).toBe(0);
    expect(await shownCounts(page)).toEqual(countTexts(expected().summary.whole.counts));
    await page.getByRole('tab', { name: 'Exceptions' }).click();
    const first = expected().results.find((r) => r.status === 'red')!;
    await page.getByRole('button', { name: new RegExp(`${first.measure.ref} `) }).first().click();
    await page.waitForFunction(() => (window as unknown as { __selected: string[] }).__selected.length >= 2);
    const selected = await page.evaluate(() => (window as unknown as { __selected: string[] }).__selected);
    expect(selected[0]).toBe(`activate ${first.measure.sheet}`);
    expect(selected[1]).toMatch(new RegExp(`^${first.measure.sheet.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}!B${first.measure.row + 1}$`));
    const loaded = server.requests.slice(before);
    expect(loaded.some((r) => r.includes('office-host'))).toBe(true);
    expect(loaded.some((r) => r.includes('xlsx-shell'))).toBe(false);
    await page.screenshot({ path: join(SCREENSHOTS, 'excel-exceptions-dark.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await context.close();
  });

  it('the ribbon command’s page and its notice dialog load under their Content Security Policy without a violation', async () => {
    // Office.js as the ribbon's function file sees it: the command associated, a dialog to show notices in
    const office = `window.__associated = [];
      window.Office = { HostType: { Excel: 'Excel' }, onReady: function (cb) { var info = { host: 'Excel', platform: 'OfficeOnline' }; if (cb) cb(info); return Promise.resolve(info); },
        actions: { associate: function (id) { window.__associated.push(id); } },
        context: { requirements: { isSetSupported: function () { return true; } }, ui: { messageParent: function () {} } } };`;
    const context = await newContext(browser, { office: { body: office } });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${server.url}commands.html`);
    await page.waitForFunction(() => (window as unknown as { __associated: string[] }).__associated.includes('refreshRag'));
    expect(await cspViolations(page)).toEqual([]);
    await page.goto(`${server.url}notice.html?${new URLSearchParams({ n: JSON.stringify({ kind: 'success', title: 'RAG refreshed', lines: ['48 measures'] }) })}`);
    await page.getByText('48 measures').waitFor();
    expect(await cspViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works from the keyboard alone, with visible focus: open, refresh, change a tolerance, apply, download', async () => {
    const { page, errors } = await openPane();
    /** The focused element's name (its label, value or text), and whether focus shows: pixels around it differ from the same place unfocused. */
    const focused = async (): Promise<{ text: string; visible: boolean }> => {
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const r = el.getBoundingClientRect();
        const value = el instanceof HTMLInputElement || el instanceof HTMLSelectElement ? el.value : '';
        return { text: (el.getAttribute('aria-label') ?? (value || el.textContent) ?? '').trim(), box: { x: r.x, y: r.y, width: r.width, height: r.height } };
      });
      if (!info) return { text: '', visible: false };
      const pad = 6;
      const vp = page.viewportSize()!;
      const clip = {
        x: Math.max(0, info.box.x - pad),
        y: Math.max(0, info.box.y - pad),
        width: Math.min(vp.width, info.box.x + info.box.width + pad) - Math.max(0, info.box.x - pad),
        height: Math.min(vp.height, info.box.y + info.box.height + pad) - Math.max(0, info.box.y - pad),
      };
      if (clip.width <= 0 || clip.height <= 0) return { text: info.text, visible: false };
      const withFocus = await page.screenshot({ clip, animations: 'disabled' });
      await page.evaluate(() => (document.activeElement as HTMLElement).blur());
      const without = await page.screenshot({ clip, animations: 'disabled' });
      // put focus back where the keyboard left it
      await page.evaluate(() => (window as unknown as { __lastFocus?: HTMLElement }).__lastFocus?.focus());
      return { text: info.text, visible: !withFocus.equals(without) };
    };
    await page.evaluate(() => document.addEventListener('focusin', (e) => ((window as unknown as { __lastFocus?: EventTarget | null }).__lastFocus = e.target), true));
    /** Presses Tab until the focused element's name matches; every stop on the way must show its focus. */
    const tabTo = async (name: RegExp, key = 'Tab') => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press(key);
        await page.evaluate(() => document.activeElement?.scrollIntoView({ block: 'center' }));
        // past the last control focus leaves the page (the browser's own controls): nothing to show there
        if (await page.evaluate(() => !document.activeElement || document.activeElement === document.body)) continue;
        const f = await focused();
        expect({ stop: i, text: f.text, visible: f.visible }).toEqual({ stop: i, text: f.text, visible: true });
        if (name.test(f.text)) return;
      }
      throw new Error(`no focusable element matching ${name}`);
    };

    // listen for the file chooser before it can open (Playwright then answers it instead of the system dialog)
    const choosing = page.waitForEvent('filechooser');
    await tabTo(/^Open a workbook$/);
    await page.keyboard.press('Enter');
    const chooser = await choosing;
    await chooser.setFiles(SAMPLE);
    await page.getByTestId('file-name').waitFor();
    await tabTo(/^Refresh RAG$/);
    await page.keyboard.press('Enter');
    await page.getByTestId('refresh-result').waitFor();

    // the sections: Tab to the selected tab, arrows to Thresholds, Enter to choose it
    await tabTo(/^Refresh$/, 'Shift+Tab');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.getByRole('tabpanel').getByRole('heading', { name: 'Thresholds' }).waitFor();
    await tabTo(/^10%$/); // the tolerance box
    await page.keyboard.press('Control+A');
    await page.keyboard.type('5%');
    await page.getByTestId('preview-summary').waitFor();
    await tabTo(/^Apply$/);
    await page.keyboard.press('Enter');
    await page.getByTestId('notice').waitFor();
    await tabTo(/^Download the refreshed workbook$/, 'Shift+Tab');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe('sample-return-refreshed.xlsx');

    // Clear RAG asks first; Escape closes the question, and focus goes back to the button
    await tabTo(/^Thresholds$/); // the tab list is one stop: its selected tab
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Clear RAG' }).waitFor();
    await tabTo(/^Clear RAG$/);
    await page.keyboard.press('Enter');
    await page.getByRole('alertdialog').waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('[role="alertdialog"]') !== null)).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement !== document.body);
    expect((await focused()).text).toBe('Clear RAG');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  afterAll(() => {
    // a picture of the pane for the README (kept when there is one, unless asked to update it)
    const shot = join(SCREENSHOTS, 'refresh.png');
    const doc = join(ROOT, 'docs', 'images', 'pane.png');
    if (existsSync(shot) && (!existsSync(doc) || process.env.UPDATE_DOC_IMAGES)) {
      ensureDir(join(ROOT, 'docs', 'images'));
      copyFileSync(shot, doc);
    }
  });
});
