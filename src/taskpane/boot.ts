/**
 * Which host the page is in. Inside Excel, Office.js (loaded by taskpane.html from
 * Microsoft's CDN) reports the Excel host. In an ordinary browser Office.js either
 * loads and reports no host, or does not load at all (offline, blocked, a network that
 * hangs): all mean file mode, without an error.
 *
 * taskpane.html loads Office.js async, so that the page does not wait on it: the pane's
 * bundle may run before it has arrived. So Office.onReady is called only once Office.js
 * is there: when its <script> (id "office-js") has loaded, or failed, or after a time
 * limit, short when nothing says Office opened the page, longer when something does.
 */

export interface Detected {
  kind: 'excel' | 'file';
  /** Office.js, when it loaded (inside or outside Office). */
  office?: typeof Office;
  /** The display language Office reports, or the browser's. */
  locale: string | null;
  /** Why file mode: Office.js missing, another host, or no answer in time. */
  reason?: 'no-office-js' | 'not-excel' | 'timeout' | 'error';
}

/** What boot reads of the window (tests give their own). */
export interface BootWindow {
  Office?: typeof Office;
  navigator?: { language?: string };
  document?: { getElementById?(id: string): unknown; readyState?: string };
  location?: { search?: string; hash?: string };
  name?: string;
  top?: unknown;
  self?: unknown;
  addEventListener?(type: 'load', listener: () => void): void;
  removeEventListener?(type: 'load', listener: () => void): void;
}

export interface DetectOptions {
  /** How long to wait for Office.onReady before choosing file mode (ms). */
  timeoutMs?: number;
  /** How long to wait for Office.js itself to load (ms); by default officeLoadTimeout(win). */
  loadTimeoutMs?: number;
  win?: BootWindow;
}

/** The id of taskpane.html's Office.js <script>. */
export const OFFICE_SCRIPT_ID = 'office-js';

/** Waiting for Office.js outside Office: long enough for a CDN that answers, short enough not to keep a browser waiting. */
export const LOAD_TIMEOUT_MS = 2_000;
/** Waiting for Office.js when Office opened the page: a slow network inside Excel is still Excel. */
export const LOAD_TIMEOUT_IN_OFFICE_MS = 10_000;

/**
 * Whether the page looks opened by Office: Office adds `_host_Info` to the add-in's
 * address (Office.js reads it; it may keep it in window.name), and Office on the web
 * shows the pane in a frame.
 */
export function openedByOffice(win: BootWindow): boolean {
  const address = `${win.location?.search ?? ''}${win.location?.hash ?? ''}`;
  if (/[?&#]_host_info=/i.test(address)) return true;
  if (typeof win.name === 'string' && /_host_info/i.test(win.name)) return true;
  try {
    if (win.top !== undefined && win.self !== undefined && win.top !== win.self) return true;
  } catch {
    // a frame of another origin
    return true;
  }
  return false;
}

export function officeLoadTimeout(win: BootWindow): number {
  return openedByOffice(win) ? LOAD_TIMEOUT_IN_OFFICE_MS : LOAD_TIMEOUT_MS;
}

interface ScriptElement {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/**
 * Resolves when Office.js is there, or will not be: Office is defined already; there is no
 * Office.js <script>; the page has finished loading (an async script delays the window's
 * load event until it has run or failed, so one that failed before this looked is known by
 * it); the script loads or fails now; or the time is up (a request that hangs).
 */
export function officeJsSettled(win: BootWindow, timeoutMs: number): Promise<void> {
  if (win.Office) return Promise.resolve();
  let script: ScriptElement | null = null;
  try {
    const el = win.document?.getElementById?.(OFFICE_SCRIPT_ID) as ScriptElement | null | undefined;
    if (el && typeof el.addEventListener === 'function') script = el;
  } catch {
    script = null;
  }
  if (!script || win.document?.readyState === 'complete') return Promise.resolve();
  const el = script;
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      el.removeEventListener('load', done);
      el.removeEventListener('error', done);
      win.removeEventListener?.('load', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    el.addEventListener('load', done);
    el.addEventListener('error', done);
    win.addEventListener?.('load', done);
  });
}

export async function detectHost(options: DetectOptions = {}): Promise<Detected> {
  const win = options.win ?? (globalThis as unknown as BootWindow);
  const browserLocale = win.navigator?.language ?? null;
  await officeJsSettled(win, options.loadTimeoutMs ?? officeLoadTimeout(win));
  const office = win.Office;
  if (!office || typeof office.onReady !== 'function') return { kind: 'file', locale: browserLocale, reason: 'no-office-js' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const info = await Promise.race([
      office.onReady(),
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), options.timeoutMs ?? 10_000);
      }),
    ]);
    if (info === 'timeout') return { kind: 'file', office, locale: browserLocale, reason: 'timeout' };
    let locale = browserLocale;
    try {
      locale = office.context?.displayLanguage || browserLocale;
    } catch {
      // outside Office the context has no display language
    }
    // Office.HostType.Excel is "Excel"
    if (info && String(info.host) === 'Excel') return { kind: 'excel', office, locale };
    return { kind: 'file', office, locale, reason: 'not-excel' };
  } catch {
    return { kind: 'file', office, locale: browserLocale, reason: 'error' };
  } finally {
    if (timer) clearTimeout(timer);
  }
}
