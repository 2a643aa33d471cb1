/**
 * Which host the page is in. Inside Excel, Office.js (loaded by taskpane.html from
 * Microsoft's CDN) reports the Excel host. In an ordinary browser Office.js either
 * loads and reports no host, or does not load at all (offline, blocked): both mean
 * file mode, without an error.
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

export interface DetectOptions {
  /** How long to wait for Office.onReady before choosing file mode (ms). */
  timeoutMs?: number;
  win?: { Office?: typeof Office; navigator?: { language?: string } };
}

export async function detectHost(options: DetectOptions = {}): Promise<Detected> {
  const win = options.win ?? (globalThis as unknown as { Office?: typeof Office; navigator?: { language?: string } });
  const browserLocale = win.navigator?.language ?? null;
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
