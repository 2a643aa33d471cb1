import { noticeFromSearch, noticeUrl, showNotice, type DialogHost } from '../../src/commands/notify';
import type { Notice } from '../../src/commands/notice';

const notice: Notice = { kind: 'success', title: 'RAG Refresh', lines: ['RAG refreshed: 4 measures in 1 table.', 'Overall RAG: Amber.'] };

function fakeUi(behaviour: 'open' | 'blocked' | 'throws') {
  const handlers = new Map<string, () => void>();
  const dialog = { close: jest.fn(), addEventHandler: jest.fn((type: string, h: () => void) => handlers.set(type, h)) };
  const urls: string[] = [];
  const options: unknown[] = [];
  const ui = {
    displayDialogAsync: (url: string, opts: unknown, cb: (r: { status: string; value?: unknown; error?: { code: number } }) => void) => {
      if (behaviour === 'throws') throw new Error('no dialogs here');
      urls.push(url);
      options.push(opts);
      if (behaviour === 'blocked') cb({ status: 'failed', error: { code: 12009 } });
      else cb({ status: 'succeeded', value: dialog });
    },
  } as unknown as DialogHost;
  return { ui, dialog, handlers, urls, options };
}

const manualTimer = () => {
  const fns: (() => void)[] = [];
  return { setTimer: (f: () => void) => fns.push(f), clearTimer: () => fns.splice(0), fire: () => fns.forEach((f) => f()) };
};

test('the notice travels in the URL and comes back out unchanged', () => {
  const url = noticeUrl('https://addin.example/notice.html', notice);
  expect(url.startsWith('https://addin.example/notice.html?n=')).toBe(true);
  expect(noticeFromSearch(new URL(url).search)).toEqual(notice);
  expect(noticeFromSearch('?n=%7Bbad')).toBeNull();
});

test('a long notice is trimmed to keep the URL short', () => {
  const long: Notice = { ...notice, lines: Array.from({ length: 40 }, (_, i) => `Line ${i} `.repeat(20)) };
  const url = noticeUrl('https://addin.example/notice.html', long);
  expect(url.length).toBeLessThanOrEqual(1900);
  expect(noticeFromSearch(new URL(url).search)?.lines[0]).toBe(long.lines[0]);
});

test('opens a small in-page dialog and resolves when the user closes it', async () => {
  const f = fakeUi('open');
  const t = manualTimer();
  const done = showNotice(notice, f.ui, { pageUrl: 'https://a/notice.html', ...t });
  expect(f.options[0]).toMatchObject({ displayInIframe: true, height: 30, width: 30 });
  f.handlers.get('dialogMessageReceived')?.();
  await expect(done).resolves.toBe('closed');
  expect(f.dialog.close).toHaveBeenCalled();
});

test('closes itself after the timeout (well within the 5 minutes Office allows a command)', async () => {
  const f = fakeUi('open');
  const t = manualTimer();
  const done = showNotice(notice, f.ui, { pageUrl: 'https://a/notice.html', timeoutMs: 1000, ...t });
  t.fire();
  await expect(done).resolves.toBe('timeout');
  expect(f.dialog.close).toHaveBeenCalledTimes(1);
});

test('a dialog the user closed with the window button resolves too', async () => {
  const f = fakeUi('open');
  const done = showNotice(notice, f.ui, { pageUrl: 'https://a/notice.html', ...manualTimer() });
  f.handlers.get('dialogEventReceived')?.();
  await expect(done).resolves.toBe('closed');
});

test('no dialog possible (blocked, missing, throwing): resolves at once, never rejects', async () => {
  await expect(showNotice(notice, fakeUi('blocked').ui, { pageUrl: 'x' })).resolves.toBe('unavailable');
  await expect(showNotice(notice, undefined, { pageUrl: 'x' })).resolves.toBe('unavailable');
  await expect(showNotice(notice, fakeUi('throws').ui, { pageUrl: 'x' })).resolves.toBe('unavailable');
});
