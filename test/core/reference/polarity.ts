/**
 * Polarity text reading and name inference of src/core/rules/polarity.ts as they were before
 * the speed work (no cache, one pattern per keyword), kept verbatim as the reference the fast
 * version must match exactly (see test/core/rules/polarity-equivalence.test.ts).
 */
import type { Polarity } from '../../../src/core/types';

const NONE_TEXTS = new Set([
  'data only',
  'data',
  'n/a',
  'na',
  'n.a',
  'none',
  'no target',
  'not applicable',
  'context',
  'contextual',
  'monitor',
  'monitoring',
  'monitor only',
  'information',
  'information only',
  'for information',
  'tracking',
  'trend only',
  'no polarity',
  'neutral',
]);
/** Texts that say nothing: treated as "not stated", the next source decides. */
const BLANK_TEXTS = new Set(['', '-', '–', '—', '?', 'tbc', 'n/k']);
const YES_TEXTS = new Set(['yes', 'y', 'true']);
const NO_TEXTS = new Set(['no', 'n', 'false']);

const HIGHER_WORDS = new Set([
  'higher', 'high', 'bigger', 'big', 'larger', 'large', 'greater', 'more', 'up', 'upward', 'upwards', 'increase',
  'increasing', 'increased', 'maximise', 'maximize', 'max', 'rise', 'rising', 'above', 'highest', 'most',
]);
const LOWER_WORDS = new Set([
  'lower', 'low', 'smaller', 'small', 'less', 'fewer', 'down', 'downward', 'downwards', 'decrease', 'decreasing',
  'decreased', 'minimise', 'minimize', 'min', 'fall', 'falling', 'reduce', 'reduction', 'below', 'lowest', 'least',
]);

function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.:;!]+$/, '')
    .trim();
}

/**
 * Reads a polarity column's text. Returns null for text that says nothing ("", "-")
 * and undefined for text that is not recognised.
 */
export function parsePolarityText(text: string): Polarity | null | undefined {
  const t = normaliseText(text);
  if (BLANK_TEXTS.has(t)) return null;
  if (NONE_TEXTS.has(t) || /\bdata only\b/.test(t) || /\bfor information\b/.test(t)) return 'none';
  if (YES_TEXTS.has(t) || t === '+') return 'higher';
  if (NO_TEXTS.has(t)) return 'lower';
  const up = /[↑⬆▲△⇧⇑↗]/.test(t);
  const down = /[↓⬇▼▽⇩⇓↘]/.test(t);
  if (up && !down) return 'higher';
  if (down && !up) return 'lower';
  if (/\b(range|between|band|banded|within limits)\b/.test(t)) return 'range';
  // "X is better / good": the word before decides ("Higher is better, lower is worse").
  const better = /\b([a-z]+)\s+(?:is|are|=)?\s*(?:better|good|best|desirable|preferred)\b/.exec(t);
  if (better) {
    const w = better[1]!;
    if (HIGHER_WORDS.has(w)) return 'higher';
    if (LOWER_WORDS.has(w)) return 'lower';
  }
  const words = t.split(/[^a-z]+/).filter((w) => w.length > 0);
  const hasHigher = words.some((w) => HIGHER_WORDS.has(w));
  const hasLower = words.some((w) => LOWER_WORDS.has(w));
  if (hasHigher && !hasLower) return 'higher';
  if (hasLower && !hasHigher) return 'lower';
  return undefined;
}

/**
 * "Lower is better" keywords in measure names. Conservative: only measures whose
 * name says plainly that the thing counted is bad. Matched on word boundaries.
 */
const LOWER_IS_BETTER_KEYWORDS: readonly string[] = [
  'sickness',
  'absence',
  'days lost',
  'days to',
  'days taken',
  'time taken',
  'average time',
  'waiting',
  'delayed transfers',
  'delayed transfer',
  'missed',
  'complaints',
  'cost per',
  're-offending',
  'reoffending',
  'vacancy rate',
  'exclusions',
  'overdue',
  'backlog',
  'incidents',
  'falls',
  'deaths',
  'arrears',
  're-referrals',
  'fly-tipping',
  'without a recognised qualification',
];

/** Words that turn a bad thing into a good measure: "% of complaints responded to within 20 days", "falls prevented". */
const GOOD_MEASURE_CUES = [
  'within',
  'on time',
  'in time',
  'timescale',
  'timescales',
  'responded',
  'resolved',
  'answered',
  'prevented',
  'avoided',
  'reduction',
  'reduced',
  'satisfied',
  'satisfaction',
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function wordPattern(phrase: string): RegExp {
  // \b does not work next to '-', so use explicit non-letter boundaries.
  return new RegExp(`(?:^|[^a-z0-9])${escapeRegExp(phrase)}(?=$|[^a-z0-9])`);
}

const KEYWORD_PATTERNS = LOWER_IS_BETTER_KEYWORDS.map((k) => ({ keyword: k, re: wordPattern(k) }));
const CUE_PATTERNS = GOOD_MEASURE_CUES.map(wordPattern);

/** The "lower is better" keyword in a measure's name, or null. */
export function inferPolarityFromName(name: string): { polarity: 'lower'; keyword: string } | null {
  const t = normaliseText(name).replace(/[\u2010-\u2013]/g, '-');
  if (CUE_PATTERNS.some((re) => re.test(t))) return null;
  let best: { keyword: string; at: number } | null = null;
  for (const { keyword, re } of KEYWORD_PATTERNS) {
    const m = re.exec(t);
    if (m && (best === null || m.index < best.at)) best = { keyword, at: m.index };
  }
  return best ? { polarity: 'lower', keyword: best.keyword } : null;
}

