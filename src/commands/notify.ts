/**
 * Showing a notice from a ribbon command, with no task pane open.
 *
 * Excel gives add-in commands no notification surface of their own (Outlook's
 * notificationMessages do not exist in Excel; Office.addin.showAsTaskpane needs
 * a shared runtime and would load the whole pane). The Dialog API (DialogApi
 * 1.1, every Excel that runs the add-in) can: a small page (notice.html) shows
 * the message, in-page on Excel on the web (displayInIframe), as a small window
 * on the desktop. The message travels in the page's query string, so the page
 * needs no messaging API. The command's event stays open until the dialog is
 * closed (completing it first can close the dialog with the command's runtime)
 * and the dialog closes itself well within the 5-minute limit Office puts on a
 * command.
 */
import type { Notice } from './notice';

/** Office.context.ui, as far as the notifier uses it. */
export type DialogHost = Pick<Office.UI, 'displayDialogAsync'>;

export interface NotifyOptions {
  /** Absolute URL of notice.html (same origin as the add-in). */
  pageUrl: string;
  /** Close the dialog after this long (Office ends a command after 5 minutes). */
  timeoutMs?: number;
  setTimer?: (f: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export type NotifyOutcome = 'closed' | 'timeout' | 'unavailable';

const MAX_URL = 1900;

/** Office's enum values at run time ("succeeded", "dialogMessageReceived"...), with the same strings where Office is not loaded (tests). */
function officeEnums(): { succeeded: Office.AsyncResultStatus; message: Office.EventType; event: Office.EventType } {
  const office = (globalThis as { Office?: typeof Office }).Office;
  return {
    succeeded: office?.AsyncResultStatus?.Succeeded ?? ('succeeded' as unknown as Office.AsyncResultStatus),
    message: office?.EventType?.DialogMessageReceived ?? ('dialogMessageReceived' as unknown as Office.EventType),
    event: office?.EventType?.DialogEventReceived ?? ('dialogEventReceived' as unknown as Office.EventType),
  };
}

/** notice.html?n=<the notice as JSON>, lines trimmed so the URL stays short enough for every host. */
export function noticeUrl(pageUrl: string, notice: Notice): string {
  const lines = [...notice.lines];
  const build = () => `${pageUrl}?n=${encodeURIComponent(JSON.stringify({ ...notice, lines }))}`;
  let url = build();
  while (url.length > MAX_URL && lines.length > 0) {
    const last = lines.length - 1;
    if (lines[last].length > 80) lines[last] = `${lines[last].slice(0, Math.floor(lines[last].length / 2))}…`;
    else lines.pop();
    url = build();
  }
  return url;
}

/** Reads the notice back in the dialog page. */
export function noticeFromSearch(search: string): Notice | null {
  try {
    const raw = new URLSearchParams(search).get('n');
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Notice>;
    if (typeof parsed.title !== 'string' || !Array.isArray(parsed.lines)) return null;
    return { kind: parsed.kind === 'error' ? 'error' : 'success', title: parsed.title, lines: parsed.lines.map(String) };
  } catch {
    return null;
  }
}

/** Shows the notice; resolves when the dialog is closed (by the user or the timer), or at once if no dialog can open. Never rejects. */
export function showNotice(notice: Notice, ui: DialogHost | undefined, options: NotifyOptions): Promise<NotifyOutcome> {
  const setTimer = options.setTimer ?? ((f, ms) => setTimeout(f, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  return new Promise<NotifyOutcome>((resolve) => {
    if (!ui || typeof ui.displayDialogAsync !== 'function') {
      resolve('unavailable');
      return;
    }
    const url = noticeUrl(options.pageUrl, notice);
    const enums = officeEnums();
    try {
      ui.displayDialogAsync(url, { height: 30, width: 30, displayInIframe: true, promptBeforeOpen: false }, (result) => {
        if (result.status !== enums.succeeded || !result.value) {
          // 12007: another dialog is open; 12009: the user blocked dialogs. Nothing else can show a message here.
          resolve('unavailable');
          return;
        }
        const dialog = result.value;
        let done = false;
        const finish = (how: NotifyOutcome, close: boolean) => {
          if (done) return;
          done = true;
          clearTimer(timer);
          if (close) {
            try {
              dialog.close();
            } catch {
              // already closed
            }
          }
          resolve(how);
        };
        const timer = setTimer(() => finish('timeout', true), options.timeoutMs ?? 90_000);
        dialog.addEventHandler(enums.message, () => finish('closed', true));
        // The user closed the window (12006), or it went away.
        dialog.addEventHandler(enums.event, () => finish('closed', false));
      });
    } catch {
      resolve('unavailable');
    }
  });
}
