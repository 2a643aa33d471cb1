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

/**
 * A template split once into its literal text and its placeholders: parts[0], then
 * (key, whole, text) triples; `whole` is the placeholder as written ("{name}").
 */
type Compiled = string[];

const compiled = new Map<string, Compiled>();
/** Templates come from the catalogue (a few hundred); the cap only guards against callers passing made-up ones. */
const COMPILED_LIMIT = 4096;

/** Length from which fmt's result is laid out flat (reasons and issue messages are longer; the numbers and phrases inside them shorter). */
const FLAT_FROM = 48;

const isWordCode = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** Splits a template exactly as /\{(\w+)\}/g finds its placeholders: leftmost first, never overlapping. */
function compile(template: string): Compiled {
  const parts: Compiled = [];
  let text = '';
  let i = 0;
  const n = template.length;
  while (i < n) {
    if (template.charCodeAt(i) === 123 /* { */) {
      let j = i + 1;
      while (j < n && isWordCode(template.charCodeAt(j))) j++;
      if (j > i + 1 && j < n && template.charCodeAt(j) === 125 /* } */) {
        parts.push(text, template.slice(i + 1, j), template.slice(i, j + 1));
        text = '';
        i = j + 1;
        continue;
      }
    }
    text += template[i];
    i++;
  }
  parts.push(text);
  return parts;
}

/** Fills "{name}" placeholders. Unknown placeholders are left as they are. */
export function fmt(template: string, params: Record<string, string | number>): string {
  let parts = compiled.get(template);
  if (parts === undefined) {
    parts = compile(template);
    if (compiled.size >= COMPILED_LIMIT) compiled.clear();
    compiled.set(template, parts);
  }
  // parts: text, then (key, whole, text) triples
  let out = parts[0]!;
  if (parts.length === 1) return out;
  for (let i = 1; i < parts.length; i += 3) {
    const key = parts[i]!;
    const value = params[key];
    // `key in params` (inherited names included) decides; a value other than undefined means it is in
    const text = typeof value === 'string' ? value : value !== undefined || key in params ? String(value) : parts[i + 1]!;
    out += text + parts[i + 2]!;
  }
  // Reading a character makes the engine lay the joined pieces out as one flat string now,
  // instead of keeping the tree of pieces alive with the text (reasons and messages are kept
  // by the thousand; short pieces of them are not worth the copy).
  if (out.length >= FLAT_FROM) out.charCodeAt(0);
  return out;
}

/**
 * The catalogue in use: en-GB unless a refresh was asked for another language
 * (`output.language` in the configuration). Modules read it through this live binding,
 * so what they write follows the catalogue chosen for the refresh under way.
 */
export let messages: Catalogue = enGB;

/** Makes `catalogue` the one in use; returns the one it replaces (to put back after). */
export function useCatalogue(catalogue: Catalogue): Catalogue {
  const before = messages;
  messages = catalogue;
  return before;
}
