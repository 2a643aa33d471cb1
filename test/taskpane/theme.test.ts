import type { Status } from '../../src/core/types';
import { contrastRatio, mediaThemeSource, officeThemeSource, statusColours, themeFromOffice } from '../../src/taskpane/theme';

describe('theme', () => {
  it('follows Office’s theme by its body background', () => {
    expect(themeFromOffice({ bodyBackgroundColor: '#FFFFFF' })).toBe('light');
    expect(themeFromOffice({ bodyBackgroundColor: '#E6E6E6' })).toBe('light');
    expect(themeFromOffice({ bodyBackgroundColor: '#262626' })).toBe('dark');
    expect(themeFromOffice({ bodyBackgroundColor: '#000000' })).toBe('dark');
    expect(themeFromOffice({})).toBeNull();
    expect(themeFromOffice(undefined)).toBeNull();
  });

  it('falls back to prefers-color-scheme, and follows its changes', () => {
    let listener: ((e: { matches: boolean }) => void) | null = null;
    const query = {
      matches: true,
      addEventListener: (_: string, l: (e: { matches: boolean }) => void) => (listener = l),
      removeEventListener: () => (listener = null),
    };
    const source = mediaThemeSource({ matchMedia: () => query as unknown as MediaQueryList });
    expect(source.current()).toBe('dark');
    const seen: string[] = [];
    const stop = source.watch((t) => seen.push(t));
    listener!({ matches: false });
    expect(seen).toEqual(['light']);
    stop();
    expect(listener).toBeNull();
    expect(mediaThemeSource(undefined).current()).toBe('light');
  });

  it('inside Office, Office’s theme wins over the media query', () => {
    const media = { current: () => 'light' as const, watch: () => () => undefined };
    const office = { context: { officeTheme: { bodyBackgroundColor: '#1F1F1F' } } } as unknown as typeof Office;
    expect(officeThemeSource(office, media).current()).toBe('dark');
    expect(officeThemeSource({ context: {} } as unknown as typeof Office, media).current()).toBe('light');
  });

  it('inside Office no Office event handler is added (Excel has no theme-change event); the media query is followed only without Office’s theme, and let go', () => {
    const added: unknown[] = [];
    const listeners = new Set<unknown>();
    const media = {
      current: () => 'light' as const,
      watch: (l: unknown) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    };
    const addHandlerAsync = (...args: unknown[]) => added.push(args);
    const withTheme = { EventType: { OfficeThemeChanged: 'officeThemeChanged' }, context: { officeTheme: { bodyBackgroundColor: '#1F1F1F' }, document: { addHandlerAsync }, mailbox: { addHandlerAsync } } } as unknown as typeof Office;
    const stop = officeThemeSource(withTheme, media).watch(() => undefined);
    expect(added).toEqual([]);
    expect(listeners.size).toBe(0);
    stop();

    const seen: string[] = [];
    const withoutTheme = { EventType: { OfficeThemeChanged: 'officeThemeChanged' }, context: { document: { addHandlerAsync } } } as unknown as typeof Office;
    const source = officeThemeSource(withoutTheme, media);
    const stopMedia = source.watch((t) => seen.push(t));
    expect(listeners.size).toBe(1);
    (([...listeners][0]) as (t: string) => void)('dark');
    expect(seen).toEqual(['dark']);
    stopMedia();
    expect(listeners.size).toBe(0);
    expect(added).toEqual([]);
  });

  it('status badges read at 4.5:1 or better, in either theme (their colours do not depend on it)', () => {
    for (const s of ['blue', 'green', 'amber', 'red', 'noData', 'noTarget', 'checkData'] as Status[]) {
      const c = statusColours(s);
      expect({ s, ok: contrastRatio(c.background.slice(1), c.foreground.slice(1)) >= 4.5 }).toEqual({ s, ok: true });
    }
    expect(contrastRatio('FFFFFF', '000000')).toBeCloseTo(21, 5);
  });
});
