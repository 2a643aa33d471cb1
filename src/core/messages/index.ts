/**
 * The message catalogue. Every word the user sees comes from here, so a second
 * language (Welsh councils publish bilingually) is a new folder of files beside
 * en-GB/, not a code change. Sections live in their own files.
 */
import { cli } from './en-GB/cli';
import { common } from './en-GB/common';
import { detect } from './en-GB/detect';
import { office } from './en-GB/office';
import { pane } from './en-GB/pane';
import { spc } from './en-GB/spc';
import { plan } from './en-GB/plan';
import { refresh } from './en-GB/refresh';
import { rules } from './en-GB/rules';

export const enGB = {
  cli,
  common,
  detect,
  office,
  pane,
  spc,
  plan,
  refresh,
  rules,
};

/** The shape every language's catalogue has: the same keys, any text. */
export type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Catalogue = Widen<typeof enGB>;

/** Fills "{name}" placeholders. Unknown placeholders are left as they are. */
export function fmt(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/** The catalogue in use. */
export const messages: Catalogue = enGB;
