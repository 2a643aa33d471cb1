/**
 * The user's own RAG values, read as colours: the one place where the scales people
 * use are mapped onto red, amber, green and blue. The value as written is always kept
 * beside the colour (Measure.userRags); the colour is null where the scale is not clear.
 *
 * | written                                                    | colour |
 * |------------------------------------------------------------|--------|
 * | Red, R, Off track                                          | red    |
 * | Amber, A, At risk                                          | amber  |
 * | Green, G, On track                                         | green  |
 * | Blue, B (BRAG: complete)                                   | blue   |
 * | Amber/Green, Amber/Red (five-point delivery confidence) *  | amber  |
 * | 1, 2 in a column headed RAG (1-5 score, 1 = dark green) ** | green  |
 * | 3 in a column headed RAG                                   | amber  |
 * | 4, 5 in a column headed RAG                                | red    |
 * | Y, Yes in a "Target met" / "achieved" column               | green  |
 * | N, No in a "Target met" / "achieved" column                | red    |
 * | anything else (Black, Grey, NA, 6, "Complete")             | null   |
 *
 * \* The HM Treasury / IPA five-point scale (Green, Amber/Green, Amber, Amber/Red, Red):
 *   only an unqualified Green is green and only an unqualified Red is red; the two mixed
 *   ratings are amber. The five-point word itself is kept as written.
 * \*\* The DLUHC scores (1 dark green, 2 light green, 3 amber, 4 orange, 5 red). A 1-5
 *   score is only read in a column whose header says RAG, as a whole number.
 */
import type { CellValue, RagColour } from '../types';
import { normHeader } from './headers';

const WORDS: ReadonlyMap<string, RagColour> = new Map<string, RagColour>([
  ['red', 'red'], ['r', 'red'], ['off track', 'red'],
  ['amber', 'amber'], ['a', 'amber'], ['at risk', 'amber'],
  ['green', 'green'], ['g', 'green'], ['on track', 'green'],
  ['blue', 'blue'], ['b', 'blue'],
  // the five-point scale's mixed ratings
  ['amber/green', 'amber'], ['green/amber', 'amber'], ['a/g', 'amber'], ['g/a', 'amber'], ['ag', 'amber'], ['ga', 'amber'],
  ['amber green', 'amber'], ['green amber', 'amber'],
  ['amber/red', 'amber'], ['red/amber', 'amber'], ['a/r', 'amber'], ['r/a', 'amber'], ['ar', 'amber'], ['ra', 'amber'],
  ['amber red', 'amber'], ['red amber', 'amber'],
]);

/** 1-5 scores under a RAG header: 1 and 2 green, 3 amber, 4 and 5 red. */
const SCORE: readonly (RagColour | null)[] = [null, 'green', 'green', 'amber', 'red', 'red'];

const YES = new Set(['y', 'yes', 'met', 'achieved', 'true']);
const NO = new Set(['n', 'no', 'not met', 'not achieved', 'false']);

function headerKind(header: string): 'rag' | 'verdict' | 'other' {
  const w = normHeader(header).split(' ');
  if (w.includes('rag') || w.includes('brag')) return 'rag';
  if (w.includes('met') || w.includes('achieved') || w.includes('hit')) return 'verdict';
  return 'other';
}

/** The colour a user's RAG cell shows, or null where the scale is not clear. `header` is its column's header. */
export function normaliseUserRag(value: CellValue, header: string): RagColour | null {
  if (value === null || typeof value === 'boolean') return null;
  const kind = headerKind(header);
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    text = String(value);
  } else text = value.trim().toLowerCase().replace(/\s+/g, ' ');
  if (text.length === 0) return null;
  if (/^[1-5]$/.test(text)) return kind === 'rag' ? SCORE[Number(text)]! : null;
  if (kind === 'verdict') {
    if (YES.has(text)) return 'green';
    if (NO.has(text)) return 'red';
  }
  return WORDS.get(text) ?? WORDS.get(text.replace(/\s*\/\s*/g, '/')) ?? null;
}
