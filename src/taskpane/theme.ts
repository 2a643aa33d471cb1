/**
 * Light or dark, following the host: Office's theme inside Office
 * (Office.context.officeTheme), the browser's prefers-color-scheme otherwise.
 * Also the status colours of the pane, which are the workbook's (core/plan/palette)
 * with text colours chosen for contrast; the text always carries the meaning.
 */
import type { Status } from '../core/types';
import { STATUS_STYLE } from '../core/plan/palette';

export type ThemeName = 'light' | 'dark';

/** Relative luminance of an RRGGBB colour (WCAG 2). */
export function luminance(hex: string): number {
  const h = hex.replace('#', '');
  const channel = (i: number): number => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The theme of an Office theme object: dark when its body background is dark. */
export function themeFromOffice(officeTheme: { bodyBackgroundColor?: string } | null | undefined): ThemeName | null {
  const bg = officeTheme?.bodyBackgroundColor;
  if (!bg || !/^#?[0-9a-f]{6}$/i.test(bg)) return null;
  return luminance(bg) < 0.4 ? 'dark' : 'light';
}

export interface ThemeSource {
  current(): ThemeName;
  /** Calls back when the host's theme changes; returns an unsubscribe. */
  watch(onChange: (theme: ThemeName) => void): () => void;
}

/** Follows prefers-color-scheme (outside Office, or when Office gives no theme). */
export function mediaThemeSource(win: Pick<Window, 'matchMedia'> | undefined = typeof window === 'undefined' ? undefined : window): ThemeSource {
  const query = win?.matchMedia ? win.matchMedia('(prefers-color-scheme: dark)') : null;
  return {
    current: () => (query?.matches ? 'dark' : 'light'),
    watch(onChange) {
      if (!query || typeof query.addEventListener !== 'function') return () => undefined;
      const listener = (e: MediaQueryListEvent): void => onChange(e.matches ? 'dark' : 'light');
      query.addEventListener('change', listener);
      return () => query.removeEventListener('change', listener);
    },
  };
}

/** Follows Office's theme, where the host tells it; falls back to the media query. */
export function officeThemeSource(office: typeof Office | undefined, fallback: ThemeSource): ThemeSource {
  const read = (): ThemeName | null => {
    try {
      return themeFromOffice(office?.context?.officeTheme);
    } catch {
      return null;
    }
  };
  return {
    current: () => read() ?? fallback.current(),
    watch(onChange) {
      const stopFallback = fallback.watch((t) => {
        if (read() === null) onChange(t);
      });
      let removed = false;
      const handler = (): void => {
        const t = read();
        if (t && !removed) onChange(t);
      };
      try {
        // Not every host raises it; where it is missing the theme is read at start only.
        const doc = office?.context?.document as unknown as
          | { addHandlerAsync?: (type: unknown, handler: () => void, cb?: (r: unknown) => void) => void; removeHandlerAsync?: (type: unknown, o: unknown) => void }
          | undefined;
        const type = (office as unknown as { EventType?: Record<string, unknown> } | undefined)?.EventType?.OfficeThemeChanged;
        if (doc?.addHandlerAsync && type) doc.addHandlerAsync(type, handler, () => undefined);
      } catch {
        // ignore: the theme stays as it was read
      }
      return () => {
        removed = true;
        stopFallback();
      };
    },
  };
}

/** Status colours in the pane: the workbook's fill, and black or white text, whichever reads better. */
export interface StatusColours {
  background: string;
  foreground: string;
}

export function statusColours(status: Status): StatusColours {
  const fill = STATUS_STYLE[status].fill ?? 'D9D9D9';
  const black = contrastRatio(fill, '000000');
  const white = contrastRatio(fill, 'FFFFFF');
  return { background: `#${fill}`, foreground: black >= white ? '#000000' : '#FFFFFF' };
}
