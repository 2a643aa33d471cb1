/**
 * Values as people type them (DOMAIN rule 3).
 *
 * `parseValue` turns one cell (its value and number format) into a ParsedValue:
 * a number (percentages always in percentage points), a target range, an
 * operator bound, a "no data" token, or text. It runs on every cell of large
 * tables, so it is written as a small hand-rolled scanner: no regex is built per
 * call, every loop is linear in the text, and text longer than any number a
 * person would type goes straight to `text` without being scanned.
 */
import type { CellValue, NumberScale, ParsedValue } from './types';
import type { Amount } from './config/schema';

/** Longest text that is scanned as a possible number, range or bound. */
const MAX_NUMERIC_TEXT = 80;
/** Longest text that is compared with the no-data tokens. */
const MAX_TOKEN_TEXT = 60;

// ---------------------------------------------------------------- number formats

interface FormatFacts {
  percent: boolean;
  date: boolean;
  /** A calendar date (day, month name or year codes), not only a time of day or a duration. */
  calendar: boolean;
}

const formatCache = new Map<string, FormatFacts>();
const FORMAT_CACHE_LIMIT = 2000;

/**
 * Reads what a number format says about its numbers: whether it shows them as a
 * percentage (an unquoted, unescaped "%") and whether it shows a date or time
 * (d, m, y, h, s codes outside quotes, escapes and [colour]/[$-locale] brackets).
 */
const PLAIN_FORMAT: FormatFacts = { percent: false, date: false, calendar: false };

function formatFacts(fmt: string): FormatFacts {
  if (fmt === 'General') return PLAIN_FORMAT; // most cells
  const cached = formatCache.get(fmt);
  if (cached) return cached;
  let percent = false;
  let date = false;
  let calendar = false;
  let ms = 0;
  const n = fmt.length;
  if (!(n === 0 || fmt === 'General' || fmt === '@')) {
    for (let i = 0; i < n; i++) {
      const ch = fmt[i];
      if (ch === '"') {
        const close = fmt.indexOf('"', i + 1);
        if (close < 0) break;
        i = close;
        continue;
      }
      if (ch === '\\' || ch === '_' || ch === '*') {
        i++; // the next character is literal (escape), a padding width (_) or a fill (*)
        continue;
      }
      if (ch === '[') {
        const close = fmt.indexOf(']', i + 1);
        if (close < 0) break;
        const inside = fmt.slice(i + 1, close).toLowerCase();
        // [h], [mm], [ss]: elapsed time. Colours, conditions and [$-809] locales are not.
        if (/^(h+|m+|s+)$/.test(inside)) date = true;
        i = close;
        continue;
      }
      if (ch === '%') percent = true;
      else {
        const c = ch.toLowerCase();
        if (c === 'd' || c === 'm' || c === 'y' || c === 'h' || c === 's') date = true;
        if (c === 'd' || c === 'y') calendar = true;
        // "mmm": a month's name; "m"/"mm" may be minutes ("mm:ss")
        ms = c === 'm' ? ms + 1 : 0;
        if (ms >= 3) calendar = true;
        continue;
      }
      ms = 0;
    }
  }
  const facts = { percent, date, calendar };
  if (formatCache.size >= FORMAT_CACHE_LIMIT) formatCache.clear();
  formatCache.set(fmt, facts);
  return facts;
}

/** True when the number format shows numbers as percentages ("0%", "0.0%", `0.00%;[Red]-0.00%`); a quoted or escaped % does not count. */
export function isPercentFormat(fmt: string): boolean {
  return formatFacts(fmt ?? '').percent;
}

/** True when the number format shows a date or time ("dd/mm/yyyy", "mmm-yy", "[$-809]mmmm yyyy", "[h]:mm"). */
export function isDateFormat(fmt: string): boolean {
  return formatFacts(fmt ?? '').date;
}

/** True when the number format shows a calendar date ("dd/mm/yyyy", "mmm-yy", "d mmmm"), not only a time or a duration ("h:mm", "mm:ss", "[h]:mm"). */
export function isCalendarDateFormat(fmt: string): boolean {
  return formatFacts(fmt ?? '').calendar;
}

// ---------------------------------------------------------------- whitespace

function isSpaceCode(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Trims spaces, non-breaking spaces, zero-width spaces and the BOM. Linear; no regex. */
export function trimCell(text: string): string {
  let a = 0;
  let b = text.length;
  while (a < b && isSpaceCode(text.charCodeAt(a))) a++;
  while (b > a && isSpaceCode(text.charCodeAt(b - 1))) b--;
  return a === 0 && b === text.length ? text : text.slice(a, b);
}

/** text.normalize('NFKC'), skipping the normaliser for plain ASCII (which NFKC leaves as it is). */
export function nfkc(text: string): string {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 128) return text.normalize('NFKC');
  return text;
}

/** trimCell(text).length === 0, without making the trimmed text. */
export function isBlankText(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpaceCode(text.charCodeAt(i))) return false;
  return true;
}

/** Lower case with every run of whitespace made one plain space (for short texts). */
function squash(text: string): string {
  let out = '';
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpaceCode(c)) {
      space = true;
      continue;
    }
    if (space && out.length > 0) out += ' ';
    space = false;
    out += text[i];
  }
  return out.toLowerCase();
}

// ---------------------------------------------------------------- no-data tokens

const MISSING_COMPACT = new Set<string>([
  // not available / not applicable / to be confirmed
  'n/a', 'na', 'n.a', 'n.a.', 'n/a.', 'n\\a', 'n/k', 'notknown', 'unknown', 'tbc', 'tbd', 'tba', 'tbc.',
  'pending', 'notavailable', 'notyetavailable', 'unavailable', 'nodata', 'nodataavailable', 'notapplicable',
  'notreported', 'notyetreported', 'awaitingdata', 'dataawaited', 'awaited', 'notyetdue', 'null', 'nan',
  // dashes and dots people type for "nothing"
  '-', '–', '—', '--', '---', '−', '..', '...', '…', '?', '??', '???', '*',
  // no target (in a target column)
  'notarget', 'notargetset', 'notargetrequired', 'notargetapplicable', 'dataonly', 'notset', 'notyetset',
  // Excel errors
  '#n/a', '#div/0!', '#value!', '#ref!', '#name?', '#num!', '#null!', '#spill!', '#calc!', '#getting_data',
  '#field!', '#blocked!', '#connect!', '#busy!', '#unknown!', '#python!', '#external!',
  // placeholders of drop-down lists
  '<select>', 'select', 'select...', 'select…', '-select-', '--select--', '<pleaseselect>', 'pleaseselect',
  'pleaseselect...', 'pleasechoose', 'choose', 'choose...', 'chooseanoption', 'selectanoption', 'selectoption',
  '<choose>', 'selectfromlist', 'pleaseselectfromthelist',
]);

/** Texts that mean nothing (zero), in British usage: a "nil return". */
const ZERO_WORDS = new Set<string>(['nil', 'zero', 'nil return']);

const ANY_SPACE = /[\s\u200b\u2060\ufeff]/;
const SPACES = /[\s\u200b\u2060\ufeff]+/g;

function compactLower(text: string): string {
  const lower = text.toLowerCase();
  return ANY_SPACE.test(lower) ? lower.replace(SPACES, '') : lower;
}

/**
 * The first two characters of the compact, lower-case form of every token (one character
 * for one-character tokens, paired with -1), and those of the prefix rules ("pleaseselect...",
 * "pleasechoose..."; any text starting "<" is left to the full test).
 */
const TOKEN_STARTS: ReadonlySet<number> = (() => {
  const starts = new Set<number>();
  const add = (t: string): void => {
    starts.add(t.charCodeAt(0) * 65536 + (t.length > 1 ? t.charCodeAt(1) : 65535));
  };
  for (const t of MISSING_COMPACT) add(t);
  add('pleaseselect');
  add('pleasechoose');
  return starts;
})();

/** An ASCII letter in lower case; other codes as they are. */
const asciiLower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/**
 * False when the text cannot be a token, judged from its first two non-space characters
 * when both are ASCII: compactLower keeps them (lower-cased) as its first two characters,
 * so when no token, no token prefix rule and no "<...>" rule starts that way, the full test
 * would say no. True means "test it fully".
 */
function mayBeToken(trimmed: string): boolean {
  const c0 = trimmed.charCodeAt(0);
  if (c0 >= 128 || c0 === 60 /* < */) return true;
  let i = 1;
  while (i < trimmed.length && isSpaceCode(trimmed.charCodeAt(i))) i++;
  const c1 = i < trimmed.length ? trimmed.charCodeAt(i) : 65535;
  if (c1 >= 128 && c1 !== 65535) return true;
  return TOKEN_STARTS.has(asciiLower(c0) * 65536 + (c1 === 65535 ? 65535 : asciiLower(c1)));
}

/** True when a trimmed text is a no-data token. */
function missingToken(trimmed: string): boolean {
  if (trimmed.length > MAX_TOKEN_TEXT) return false;
  if (isDigit(trimmed.charCodeAt(0))) return false; // no token starts with a digit: the common numeric text skips the look-up
  if (!mayBeToken(trimmed)) return false;
  const c = compactLower(trimmed);
  if (MISSING_COMPACT.has(c)) return true;
  if (c.startsWith('pleaseselect') || c.startsWith('pleasechoose')) return true;
  if (c.length > 2 && c[0] === '<' && c[c.length - 1] === '>' && (c.includes('select') || c.includes('choose'))) return true;
  return false;
}

/** True when the cell holds no data: blank, a no-data token, an Excel error, a placeholder, NaN. */
export function isMissing(raw: CellValue): boolean {
  if (raw === null || raw === undefined) return true;
  if (typeof raw === 'number') return !Number.isFinite(raw);
  if (typeof raw === 'boolean') return false;
  const t = trimCell(raw);
  return t.length === 0 || missingToken(t);
}

// ---------------------------------------------------------------- the scanner

interface ScannedAmount {
  value: number;
  percent: boolean;
  end: number;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function skipSpaces(s: string, i: number): number {
  while (i < s.length && isSpaceCode(s.charCodeAt(i))) i++;
  return i;
}

const MINUS_SIGNS = '-\u2212\u2013\ufe63\uff0d';
const CURRENCY = '£$€¥';

/**
 * Reads one amount at s[i]: optional sign, optional currency symbol, digits with
 * optional thousands separators ("1,234,567"), optional decimals and exponent,
 * optional "%". Returns null when there is no well-formed number there.
 */
function readAmount(s: string, i: number): ScannedAmount | null {
  let j = i;
  let negative = false;
  if (j < s.length && (MINUS_SIGNS.includes(s[j]) || s[j] === '+')) {
    negative = s[j] !== '+';
    j++;
  }
  if (j < s.length && CURRENCY.includes(s[j])) {
    j++;
    if (!negative && j < s.length && MINUS_SIGNS.includes(s[j])) {
      negative = true;
      j++;
    }
  }
  const start = j;
  let digits = '';
  // integer part, with or without thousands separators
  let groupLen = 0;
  let grouped = false;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (isDigit(c)) {
      digits += s[j];
      groupLen++;
      j++;
      continue;
    }
    if (c === 44 /* , */ && digits.length > 0 && j + 1 < s.length && isDigit(s.charCodeAt(j + 1))) {
      // a thousands separator: the first group has 1-3 digits, every later one exactly 3
      if ((!grouped && groupLen > 3) || (grouped && groupLen !== 3)) return null;
      let k = j + 1;
      let n = 0;
      while (k < s.length && isDigit(s.charCodeAt(k))) {
        k++;
        n++;
      }
      if (n !== 3) return null;
      grouped = true;
      groupLen = 0;
      j++;
      continue;
    }
    break;
  }
  if (grouped && groupLen !== 3) return null;
  let text = digits;
  if (j < s.length && s[j] === '.' && j + 1 < s.length && isDigit(s.charCodeAt(j + 1))) {
    text += '.';
    j++;
    while (j < s.length && isDigit(s.charCodeAt(j))) text += s[j++];
  }
  if (text.length === 0 || text === '.') return null;
  if (j === start) return null;
  // exponent (1.5E+3): only when digits follow
  if (j < s.length && (s[j] === 'e' || s[j] === 'E')) {
    let k = j + 1;
    let exp = 'e';
    if (k < s.length && (s[k] === '+' || s[k] === '-')) exp += s[k++];
    const expStart = k;
    while (k < s.length && isDigit(s.charCodeAt(k))) exp += s[k++];
    if (k > expStart && (k === s.length || !isLetterCode(s.charCodeAt(k)))) {
      text += exp;
      j = k;
    }
  }
  let value = Number(text);
  if (!Number.isFinite(value)) return null;
  if (negative) value = -value;
  let percent = false;
  const k = skipSpaces(s, j);
  if (k < s.length && (s[k] === '%' || s[k] === '\uff05')) {
    percent = true;
    j = k + 1;
  }
  return { value: value === 0 ? 0 : value, percent, end: j };
}

function isLetterCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Words after a number that make it something other than that number ("50% reduction", "1.2k", "5 per 1,000"). */
const NOT_A_UNIT = new Set<string>([
  'reduction', 'increase', 'decrease', 'improvement', 'change', 'growth', 'decline', 'drop', 'rise', 'fall', 'more',
  'less', 'fewer', 'or', 'and', 'to', 'of', 'in', 'per', 'by', 'from', 'than', 'above', 'below', 'over', 'under', 'up',
  'down', 'k', 'm', 'b', 'bn', 'mn', 'mil', 'million', 'millions', 'billion', 'billions', 'thousand', 'thousands', 'x',
  'times', 'not', 'no', 'on', 'at', 'a', 'an', 'the', 'ahead', 'behind', 'higher', 'lower', 'minimum', 'maximum', 'min',
  'max', 'plus', 'minus', 'target', 'actual', 'est', 'estimated', 'approx', 'about', 'around', 'cumulative', 'ytd',
]);
const PERCENT_UNITS = new Set<string>(['percent', 'per cent', 'pct', 'pp', 'ppt', 'ppts', 'percentage points', 'percentage point']);
/** Units of an absolute tolerance (besides the percentage units). */
const POINT_UNITS = new Set<string>(['point', 'points', 'pt', 'pts']);

/** What the text after a number is: 'percent' ("per cent", "pp"), 'unit' (one to three plain words: "days", "working days"), or null. */
function unitKind(rest: string): 'percent' | 'unit' | null {
  if (rest.length === 0) return 'unit';
  if (rest.length > 30) return null;
  if (PERCENT_UNITS.has(rest)) return 'percent';
  let words = 0;
  let wordStart = 0;
  for (let i = 0; i <= rest.length; i++) {
    const c = i < rest.length ? rest.charCodeAt(i) : 32;
    if (c === 32) {
      if (i === wordStart) return null; // double space or leading space
      const word = rest.slice(wordStart, i);
      const bare = word.endsWith('.') ? word.slice(0, -1) : word;
      if (bare.length === 0 || NOT_A_UNIT.has(bare)) return null;
      words++;
      wordStart = i + 1;
      continue;
    }
    const isLetter = isLetterCode(c) || c > 0xbf; // accented letters count as letters
    const dotAtEnd = c === 46 && (i + 1 === rest.length || rest.charCodeAt(i + 1) === 32);
    if (!isLetter && !dotAtEnd) return null;
  }
  return words >= 1 && words <= 3 ? 'unit' : null;
}

type Op = '<' | '<=' | '>' | '>=';

/** Word prefixes of operator targets, longest first. */
const BOUND_PREFIXES: [string, Op][] = (
  [
    ['greater than or equal to', '>='],
    ['more than or equal to', '>='],
    ['equal to or greater than', '>='],
    ['equal to or more than', '>='],
    ['less than or equal to', '<='],
    ['equal to or less than', '<='],
    ['at least', '>='],
    ['no less than', '>='],
    ['not less than', '>='],
    ['no fewer than', '>='],
    ['not fewer than', '>='],
    ['minimum of', '>='],
    ['minimum', '>='],
    ['min.', '>='],
    ['min', '>='],
    ['more than', '>'],
    ['greater than', '>'],
    ['higher than', '>'],
    ['over', '>'],
    ['above', '>'],
    ['exceed', '>'],
    ['exceeds', '>'],
    ['at most', '<='],
    ['no more than', '<='],
    ['not more than', '<='],
    ['no greater than', '<='],
    ['not greater than', '<='],
    ['no higher than', '<='],
    ['maximum of', '<='],
    ['maximum', '<='],
    ['max.', '<='],
    ['max', '<='],
    ['up to', '<='],
    ['within', '<='],
    ['less than', '<'],
    ['fewer than', '<'],
    ['lower than', '<'],
    ['under', '<'],
    ['below', '<'],
  ] as [string, Op][]
).sort((a, b) => b[0].length - a[0].length);

/** Word suffixes of operator targets ("90% or more", "5 or fewer", "90+"). */
const BOUND_SUFFIXES = new Map<string, Op>([
  ['or more', '>='],
  ['or above', '>='],
  ['or higher', '>='],
  ['or greater', '>='],
  ['or over', '>='],
  ['and above', '>='],
  ['and over', '>='],
  ['or better', '>='],
  ['+', '>='],
  ['minimum', '>='],
  ['min', '>='],
  ['or less', '<='],
  ['or fewer', '<='],
  ['or below', '<='],
  ['or lower', '<='],
  ['or under', '<='],
  ['and below', '<='],
  ['and under', '<='],
  ['or lower', '<='],
  ['maximum', '<='],
  ['max', '<='],
]);

/** An operator symbol at s[i]: ≤ ≥ <= >= =< => < > ⩽ ⩾. */
function readOpSymbol(s: string, i: number): { op: Op; end: number } | null {
  const c = s[i];
  const next = s[i + 1];
  if (c === '\u2264' || c === '\u2a7d') return { op: '<=', end: i + 1 };
  if (c === '\u2265' || c === '\u2a7e') return { op: '>=', end: i + 1 };
  if (c === '<') return next === '=' ? { op: '<=', end: i + 2 } : { op: '<', end: i + 1 };
  if (c === '>') return next === '=' ? { op: '>=', end: i + 2 } : { op: '>', end: i + 1 };
  if (c === '=' && next === '<') return { op: '<=', end: i + 2 };
  if (c === '=' && next === '>') return { op: '>=', end: i + 2 };
  return null;
}

function startsAmount(s: string, i: number): boolean {
  if (i >= s.length) return false;
  const c = s[i];
  return isDigit(s.charCodeAt(i)) || c === '.' || c === '+' || MINUS_SIGNS.includes(c) || CURRENCY.includes(c);
}

/** An amount followed only by an optional unit ("10", "10%", "10 days", "2pp"). */
function readAmountToEnd(s: string, i: number): { value: number; percent: boolean } | null {
  const a = readAmount(s, skipSpaces(s, i));
  if (!a) return null;
  const rest = s.slice(skipSpaces(s, a.end));
  const kind = unitKind(rest);
  if (kind === null) return null;
  if (kind === 'percent') return a.percent ? null : { value: a.value, percent: true };
  if (rest.length > 0 && a.percent) return null; // "95% achieved": not a plain percentage
  return { value: a.value, percent: a.percent };
}

const scaleOf = (percent: boolean): NumberScale => (percent ? 'percent' : 'plain');

function parseRangeTail(s: string, a: ScannedAmount, raw: CellValue): ParsedValue | null {
  let i = skipSpaces(s, a.end);
  if (i >= s.length) return null;
  const c = s[i];
  if (c === '-' || c === '\u2013' || c === '\u2014' || c === '\u2212') i++;
  else if (s.startsWith('to', i) && (i + 2 >= s.length || !isLetterCode(s.charCodeAt(i + 2)))) i += 2;
  else return null;
  const b = readAmountToEnd(s, i);
  if (!b) return null;
  if (b.value < a.value) return null; // "2016-17" is a year, not a range
  return { kind: 'range', low: a.value, high: b.value, scale: scaleOf(a.percent || b.percent), raw };
}

/** Parses trimmed, lower-cased text (already known not to be a no-data token). */
function parseNumericText(s: string, raw: CellValue): ParsedValue | null {
  // operator symbol: "≤3%", "< 10", ">= 90"
  const sym = readOpSymbol(s, 0);
  if (sym) {
    const a = readAmountToEnd(s, sym.end);
    return a ? { kind: 'bound', op: sym.op, value: a.value, scale: scaleOf(a.percent), raw } : null;
  }
  // operator words: "at least 90%", "no more than 5"
  const first = s.charCodeAt(0);
  if (isLetterCode(first)) {
    if (s.startsWith('between ')) {
      const a = readAmount(s, skipSpaces(s, 8));
      if (!a) return null;
      let i = skipSpaces(s, a.end);
      if (s.startsWith('and', i)) i += 3;
      else if (s.startsWith('to', i)) i += 2;
      else if (s[i] === '-' || s[i] === '\u2013') i += 1;
      else return null;
      const b = readAmountToEnd(s, i);
      if (!b) return null;
      const low = Math.min(a.value, b.value);
      const high = Math.max(a.value, b.value);
      return { kind: 'range', low, high, scale: scaleOf(a.percent || b.percent), raw };
    }
    for (const [phrase, op] of BOUND_PREFIXES) {
      if (!s.startsWith(phrase)) continue;
      const after = s.length > phrase.length ? s[phrase.length] : '';
      if (after !== ' ' && !startsAmount(s, phrase.length)) continue;
      const a = readAmountToEnd(s, phrase.length);
      if (a) return { kind: 'bound', op, value: a.value, scale: scaleOf(a.percent), raw };
      return null;
    }
    return null;
  }
  // accounting negative: "(1,200)", "(£1,200.50)"
  if (s[0] === '(' && s[s.length - 1] === ')') {
    const inner = s.slice(1, -1);
    const a = readAmount(inner, skipSpaces(inner, 0));
    if (!a || a.value < 0 || skipSpaces(inner, a.end) !== inner.length) return null;
    return { kind: 'number', value: a.value === 0 ? 0 : -a.value, scale: scaleOf(a.percent), raw };
  }
  const a = readAmount(s, 0);
  if (!a) return null;
  const i = skipSpaces(s, a.end);
  if (i === s.length) return { kind: 'number', value: a.value, scale: scaleOf(a.percent), raw };
  const range = parseRangeTail(s, a, raw);
  if (range) return range;
  const rest = s.slice(i);
  const suffixOp = BOUND_SUFFIXES.get(rest);
  if (suffixOp) return { kind: 'bound', op: suffixOp, value: a.value, scale: scaleOf(a.percent), raw };
  const kind = unitKind(rest);
  if (kind === 'percent' && !a.percent) return { kind: 'number', value: a.value, scale: 'percent', raw };
  if (kind === 'unit' && !a.percent) return { kind: 'number', value: a.value, scale: 'plain', raw };
  return null;
}

/** Rounds away binary noise from a percentage held as a fraction (0.92 * 100 = 92.00000000000001). */
function percentPoints(fraction: number): number {
  const raw = fraction * 100;
  if (raw === 0) return 0;
  if (Math.abs(raw) < 1e5) {
    // noise sits far below ten decimal places: round it off without building a string
    const r = Math.round(raw * 1e10) / 1e10;
    if (Math.abs(r - raw) < 1e-9) return r === 0 ? 0 : r;
  }
  const v = Number(raw.toPrecision(15));
  return v === 0 ? 0 : v;
}

// ---------------------------------------------------------------- public

/**
 * Parses one cell as people fill it in.
 *
 * - numbers: plain, or percentage points when the number format shows a % (0.92 in "0%" is 92);
 * - text numbers: "92%", " 92.0 % ", "1,234", "£1,200", "(1,200)", "−5", "12 days", "5 per cent";
 * - operator targets: "≤3%", "< 10", "at least 90%", "no more than 5", "90% or more" (kind 'bound');
 * - ranges: "95-105", "95 – 105", "95 to 105", "between 95 and 105", "95%-105%" (kind 'range');
 * - no data: blank, "N/A", "TBC", "-", "Pending", Excel errors, "< Select >"... (kind 'missing');
 * - "Nil" and "zero" are 0 (a nil return is a zero, not a gap);
 * - anything else is text, including booleans ("TRUE"/"FALSE") and "±2".
 *
 * A number with a date format stays a plain number (the serial).
 */
export function parseValue(raw: CellValue, numberFormat: string): ParsedValue {
  if (raw === null || raw === undefined) return { kind: 'missing', token: '', raw: null };
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { kind: 'missing', token: String(raw), raw };
    if (isPercentFormat(numberFormat)) return { kind: 'number', value: percentPoints(raw), scale: 'percent', raw };
    return { kind: 'number', value: raw === 0 ? 0 : raw, scale: 'plain', raw };
  }
  if (typeof raw === 'boolean') return { kind: 'text', text: raw ? 'TRUE' : 'FALSE', raw };
  const t = trimCell(String(raw));
  if (t.length === 0) return { kind: 'missing', token: '', raw };
  if (missingToken(t)) return { kind: 'missing', token: t, raw };
  if (t.length <= MAX_NUMERIC_TEXT) {
    const s = squash(t);
    if (ZERO_WORDS.has(s)) return { kind: 'number', value: 0, scale: 'plain', raw };
    const parsed = parseNumericText(s, raw);
    if (parsed) return parsed;
  }
  return { kind: 'text', text: t, raw };
}

/** The number of a parsed value, or null when it is not a number. */
export function numberOf(p: ParsedValue | null | undefined): number | null {
  return p && p.kind === 'number' ? p.value : null;
}

/**
 * Reads a standalone amount typed as text ("1,234.5", "£1,200", "92 %", "(5)", "−5").
 * Returns the value and whether it was a percentage, or null when it is not exactly one amount.
 */
export function parseAmountText(text: string): { value: number; percent: boolean } | null {
  const t = trimCell(text);
  if (t.length === 0 || t.length > MAX_NUMERIC_TEXT) return null;
  const p = parseNumericText(squash(t), text);
  if (!p || p.kind !== 'number') return null;
  return { value: p.value, percent: p.scale === 'percent' };
}

/**
 * Reads a tolerance cell: "10%" is relative (10% of the target); "2", "2pp", "2 points" and "±2"
 * are absolute (percentage points for percentages); "± 5.2%" is relative. A number formatted as
 * a percentage (0.1 in "0%") is relative 10. Returns null when the cell holds no usable tolerance.
 */
export function parseTolerance(raw: CellValue, numberFormat = 'General'): Amount | null {
  if (raw === null || raw === undefined || typeof raw === 'boolean') return null;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return null;
    if (isPercentFormat(numberFormat)) return { type: 'relative', value: Math.abs(percentPoints(raw)) };
    return { type: 'absolute', value: Math.abs(raw) };
  }
  let t = trimCell(raw);
  if (t.length === 0 || t.length > MAX_NUMERIC_TEXT) return null;
  if (t.startsWith('±') || t.startsWith('+/-') || t.startsWith('+-')) t = t.slice(t.startsWith('±') ? 1 : t.startsWith('+/-') ? 3 : 2);
  const s = squash(trimCell(t));
  const a = readAmount(s, 0);
  if (!a) return null;
  const rest = s.slice(skipSpaces(s, a.end));
  const value = Math.abs(a.value);
  if (a.percent) return rest.length === 0 ? { type: 'relative', value } : null;
  if (rest.length === 0 || PERCENT_UNITS.has(rest) || POINT_UNITS.has(rest)) return { type: 'absolute', value };
  return null;
}

const COMPLETE_YES = new Set<string>([
  'yes', 'y', 'true', 'complete', 'completed', 'done', '✓', '✔', '☑', '✅', 'achieved', 'delivered', 'finished', 'closed',
]);
const COMPLETE_NO = new Set<string>([
  'no', 'n', 'false', 'incomplete', 'not complete', 'not completed', 'not started', 'in progress', 'ongoing', 'open',
  '✗', '✘', '☐', 'not done', 'not achieved', 'on hold', 'cancelled', 'delayed', 'started', 'underway',
]);

const NUMBERING = /^[.)\s-]+/;
const NEGATED = /\b(?:not|in|un|incomplete)\b/;
const COMPLETE_WORD = /\bcomplet(?:e|ed)\b/;

/**
 * Reads a "complete" cell: Yes / Y / Complete / Completed / TRUE / ✓ are true; No / In progress /
 * Not started are false; blank and anything else are null. Phrases such as "Project complete" or
 * "4. Completed" count as complete; "not complete" does not.
 */
export function parseComplete(raw: CellValue): boolean | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw === 1 ? true : raw === 0 ? false : null;
  const t = trimCell(raw);
  if (t.length === 0 || t.length > MAX_TOKEN_TEXT) return null;
  let s = squash(t);
  // a numbered option ("4. Completed", "2 - Ongoing - on track")
  let i = 0;
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  if (i > 0 && i < s.length && (s[i] === '.' || s[i] === ')' || s[i] === ' ' || s[i] === '-')) s = s.slice(i).replace(NUMBERING, '');
  if (COMPLETE_YES.has(s)) return true;
  if (COMPLETE_NO.has(s)) return false;
  if (s.startsWith('ongoing') || s.startsWith('in progress') || s.startsWith('not started') || s.startsWith('on hold')) return false;
  if (NEGATED.test(s)) return COMPLETE_WORD.test(s) ? false : null;
  if (COMPLETE_WORD.test(s)) return true;
  return null;
}

/** A cell's text as shown, for names, refs, commentary: trimmed; numbers as digits; null when blank. */
export function cellText(raw: CellValue): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : null;
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  const t = trimCell(raw);
  return t.length ? t : null;
}
