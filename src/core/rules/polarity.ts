/**
 * Which way is good: higher, lower, a range, or none (data only).
 *
 * Resolution order (DOMAIN layering: defaults < workbook < table < measure < the sheet):
 *   1. the sheet's polarity column ("Higher is better", "Low", "↓", "Data only"...);
 *   2. the target itself: a range target ("95-105") means 'range' (unless the column
 *      says data only); an operator target ("≤ 3%") means lower, (">= 90") higher;
 *   3. a polarity set by some configuration layer (a configured 'none', data only,
 *      also beats step 2: it is a decision not to rate) (the caller passes it only when a
 *      layer set it: the merged Settings cannot tell a default from a choice);
 *   4. the measure's name, when inferPolarityFromName is on, from a conservative
 *      list of "lower is better" keywords ("sickness", "days to", "complaints"...);
 *   5. the default (settings.polarity, 'higher' out of the box).
 */
import type { Settings } from '../config/schema';
import { fmt, messages } from '../messages';
import type { Measure, ParsedValue, Polarity, PolaritySource } from '../types';
import type { RuleNote } from './notes';
import { nfkc } from '../values';

export interface PolarityResolution {
  polarity: Polarity;
  source: PolaritySource;
  /** The name keyword the polarity was inferred from, when source is 'name'. */
  keyword: string | null;
  notes: RuleNote[];
}

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
  return nfkc(text)
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
  // A column holds a handful of distinct texts ("High", "Low"...): read each once.
  const known = polarityTexts.get(text);
  if (known !== undefined) return known === NOT_RECOGNISED ? undefined : known;
  const parsed = readPolarityText(text);
  if (polarityTexts.size >= POLARITY_TEXTS_LIMIT) polarityTexts.clear();
  polarityTexts.set(text, parsed === undefined ? NOT_RECOGNISED : parsed);
  return parsed;
}

const NOT_RECOGNISED = 'not-recognised';
const polarityTexts = new Map<string, Polarity | null | typeof NOT_RECOGNISED>();
const POLARITY_TEXTS_LIMIT = 1000;

function readPolarityText(text: string): Polarity | null | undefined {
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
export const LOWER_IS_BETTER_KEYWORDS: readonly string[] = [
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

/**
 * Phrases match on explicit non-letter boundaries (\b does not work next to '-').
 * One pattern for all the cues, and one for all the keywords: "some cue's pattern matches"
 * is "the alternation matches", and the alternation's leftmost match is the earliest of the
 * keywords' own matches, the first-listed keyword winning at the same place (alternatives are
 * tried in order there) - the keyword the one-pattern-per-keyword search picks.
 */
const CUE_PATTERN = new RegExp(`(?:^|[^a-z0-9])(?:${GOOD_MEASURE_CUES.map(escapeRegExp).join('|')})(?=$|[^a-z0-9])`);
const KEYWORD_PATTERN = new RegExp(`(?:^|[^a-z0-9])(${LOWER_IS_BETTER_KEYWORDS.map(escapeRegExp).join('|')})(?=$|[^a-z0-9])`);

/** The "lower is better" keyword in a measure's name, or null. */
export function inferPolarityFromName(name: string): { polarity: 'lower'; keyword: string } | null {
  const t = normaliseText(name).replace(/[\u2010-\u2013]/g, '-');
  if (CUE_PATTERN.test(t)) return null;
  const m = KEYWORD_PATTERN.exec(t);
  return m ? { polarity: 'lower', keyword: m[1]! } : null;
}

function targetPolarity(v: ParsedValue | null): Polarity | null {
  if (!v) return null;
  if (v.kind === 'range') return 'range';
  if (v.kind === 'bound') return v.op === '<' || v.op === '<=' ? 'lower' : 'higher';
  return null;
}

export function resolvePolarity(
  measure: Pick<Measure, 'polarityText' | 'target' | 'annualTarget' | 'name'>,
  settings: Pick<Settings, 'polarity' | 'inferPolarityFromName'>,
  polarityFromConfig: Polarity | null,
): PolarityResolution {
  const notes: RuleNote[] = [];
  const fromTarget = targetPolarity(measure.target) ?? targetPolarity(measure.annualTarget);

  if (measure.polarityText !== null && measure.polarityText !== undefined) {
    const parsed = parsePolarityText(measure.polarityText);
    if (parsed) return done(fromTarget, notes, parsed, 'column');
    if (parsed === undefined) {
      notes.push({
        code: 'polarity-unreadable',
        severity: 'warning',
        at: 'row',
        message: fmt(messages.rules.polarity.unreadable, { text: measure.polarityText.trim() }),
      });
    }
  }
  // A configured "data only" is a decision not to rate, which a target's implied direction cannot undo.
  if (polarityFromConfig === 'none') return done(fromTarget, notes, 'none', 'config');
  if (fromTarget) return done(fromTarget, notes, fromTarget, 'target');
  if (polarityFromConfig) return done(fromTarget, notes, polarityFromConfig, 'config');
  if (settings.inferPolarityFromName) {
    const inferred = inferPolarityFromName(measure.name);
    if (inferred) return done(fromTarget, notes, inferred.polarity, 'name', inferred.keyword);
  }
  return done(fromTarget, notes, settings.polarity, 'default');
}

function done(fromTarget: Polarity | null, notes: RuleNote[], polarity: Polarity, source: PolaritySource, keyword: string | null = null): PolarityResolution {
  // A range target cannot be rated as higher or lower is better.
  if (fromTarget === 'range' && polarity !== 'none' && polarity !== 'range') {
    return { polarity: 'range', source: 'target', keyword: null, notes };
  }
  return { polarity, source, keyword, notes };
}

/** " (lower is better)", " (lower is better, assumed from the name ('sickness'))", or "" for higher-is-better. */
export function polarityNote(p: Pick<PolarityResolution, 'polarity' | 'source' | 'keyword'>, always = false): string {
  if (p.polarity === 'range' || p.polarity === 'none') return '';
  if (p.polarity === 'higher' && !always) return '';
  const P = messages.rules.polarity;
  const words = P[p.polarity];
  if (p.source === 'name' && p.keyword) return fmt(P.noteFromName, { polarity: words, keyword: p.keyword });
  // the same few words for every measure: filled once per template and wording
  if (noteCache.template !== P.note) {
    noteCache.template = P.note;
    noteCache.notes.clear();
  }
  let note = noteCache.notes.get(words);
  if (note === undefined) {
    note = fmt(P.note, { polarity: words });
    noteCache.notes.set(words, note);
  }
  return note;
}

const noteCache = { template: '', notes: new Map<string, string>() };
