/**
 * The no-data token test of src/core/values.ts as it was before the speed work (no
 * first-characters filter), kept verbatim as the reference (see test/core/values-equivalence.test.ts).
 */
import type { CellValue } from '../../../src/core/types';

const MAX_TOKEN_TEXT = 60;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

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
function trimCell(text: string): string {
  let a = 0;
  let b = text.length;
  while (a < b && isSpaceCode(text.charCodeAt(a))) a++;
  while (b > a && isSpaceCode(text.charCodeAt(b - 1))) b--;
  return a === 0 && b === text.length ? text : text.slice(a, b);
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

const ANY_SPACE = /[\s\u200b\u2060\ufeff]/;
const SPACES = /[\s\u200b\u2060\ufeff]+/g;

function compactLower(text: string): string {
  const lower = text.toLowerCase();
  return ANY_SPACE.test(lower) ? lower.replace(SPACES, '') : lower;
}

/** True when a trimmed text is a no-data token. */
function missingToken(trimmed: string): boolean {
  if (trimmed.length > MAX_TOKEN_TEXT) return false;
  if (isDigit(trimmed.charCodeAt(0))) return false; // no token starts with a digit: the common numeric text skips the look-up
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

