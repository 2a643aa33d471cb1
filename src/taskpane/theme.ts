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

/**
 * Office's theme inside Office: read from Office.context.officeTheme when the pane starts
 * (and whenever current() is asked), else the media query.
 *
 * Excel raises no event when the user changes the Office theme: Office.EventType.
 * OfficeThemeChanged is Outlook's (Mailbox requirement set 1.14, registered on
 * Office.context.mailbox), so no Office handler is added here. A theme changed while the
 * pane is open shows when the pane is opened again. Where Office gives no theme, the pane
 * follows prefers-color-scheme, and stops listening to it when unsubscribed.
 */
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
      if (read() !== null) return () => undefined;
      return fallback.watch(onChange);
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
