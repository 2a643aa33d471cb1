/**
 * Languages of the message catalogue, chosen once at start.
 *
 * A second language is a folder beside en-GB/ (cy/ for Welsh) holding the same
 * section files with the words translated, plus an index.ts that composes them
 * into a `Catalogue` (the compiler checks it has every key), registered with one
 * line below. No code that shows words changes: it asks for the catalogue.
 */
import { enGB, type Catalogue } from './index';

export const DEFAULT_LOCALE = 'en-GB';

/** Every catalogue provided, by BCP 47 tag. */
export const catalogues: Readonly<Record<string, Catalogue>> = {
  'en-GB': enGB,
};

/** The tag of the catalogue to use for a locale: exact match, then the language ("cy-GB" -> "cy"), then en-GB. */
export function resolveLocale(locale: string | null | undefined, available: Readonly<Record<string, Catalogue>> = catalogues): string {
  return matchLocale(locale, available) ?? DEFAULT_LOCALE;
}

/** Whether a catalogue in the locale's language is provided (else en-GB stands in). */
export function hasLocale(locale: string, available: Readonly<Record<string, Catalogue>> = catalogues): boolean {
  return matchLocale(locale, available) !== null;
}

function matchLocale(locale: string | null | undefined, available: Readonly<Record<string, Catalogue>>): string | null {
  if (locale) {
    const wanted = locale.trim().toLowerCase().replace(/_/g, '-');
    const tags = Object.keys(available);
    const exact = tags.find((t) => t.toLowerCase() === wanted);
    if (exact) return exact;
    const language = wanted.split('-')[0];
    const sameLanguage = tags.find((t) => t.toLowerCase() === language) ?? tags.find((t) => t.toLowerCase().split('-')[0] === language);
    if (sameLanguage) return sameLanguage;
  }
  return null;
}

/** The catalogue for a locale (falls back to en-GB). */
export function getCatalogue(locale?: string | null, available: Readonly<Record<string, Catalogue>> = catalogues): Catalogue {
  return available[resolveLocale(locale, available)] ?? enGB;
}
