/**
 * The no-data token test with its first-characters filter gives exactly what the original gives
 * (kept verbatim in test/core/reference/values.ts), for every kind of text.
 */
import fc from 'fast-check';
import { isMissing, nfkc, parseValue } from '../../src/core/values';
import * as ref from './reference/values';

const TOKENS = [
  'n/a', 'N/A', 'n / a', 'NA', 'n.a.', 'N\\A', 'not known', 'Unknown', 'TBC', 'tbc.', 'Pending', 'Not available', 'not yet available', 'No data',
  'NULL', 'NaN', '-', '–', '—', '--', '−', '..', '...', '…', '?', '???', '*', 'No target', 'Data only', 'Not set', '#N/A', '#DIV/0!', '#REF!',
  '#SPILL!', '#GETTING_DATA', '<Select>', '< Select >', 'Select...', 'select…', '-Select-', '--select--', '<Please select>', 'Please select',
  'Please select...', 'Please choose', 'Choose', 'Choose an option', 'Select an option', '<choose>', 'Please select from the list',
  '<Please choose one>', '<pick one>', 'Please selectx', 'pleasechoosewisely',
];
const SPACES = [' ', '  ', '\u00a0', '\u200b', '\u2060', '\ufeff', '\t', '\u3000', '\u2007', '\u180e', '\u0085'];
const OTHER = ['Measure', 'M1', 'High', 'Low', 'Officer 3', 'Commentary', 'n', 'N', 'na na', 'select one', 'Σ', 'İ', 'Ａ', 'é', '92%', '0', '1,234', 'x'];

const varyCase = (t: string, flips: number[]): string =>
  [...t].map((ch, i) => (flips.includes(i) ? (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase()) : ch)).join('');

const text = fc.oneof(
  fc.tuple(fc.constantFrom(...TOKENS), fc.array(fc.nat(30), { maxLength: 4 })).map(([t, f]) => varyCase(t, f)),
  fc.tuple(fc.constantFrom(...TOKENS), fc.constantFrom(...SPACES), fc.nat(12)).map(([t, sp, at]) => t.slice(0, at) + sp + t.slice(at)),
  fc.tuple(fc.constantFrom(...SPACES), fc.constantFrom(...TOKENS, ...OTHER), fc.constantFrom(...SPACES)).map(([a, t, b]) => a + t + b),
  fc.array(fc.constantFrom(...TOKENS, ...OTHER, ...SPACES), { maxLength: 3 }).map((p) => p.join('')),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);

test('isMissing equals the original on any text', () => {
  fc.assert(
    fc.property(text, (t) => {
      expect(isMissing(t)).toBe(ref.isMissing(t));
    }),
    { numRuns: 30000 },
  );
});

test('parseValue reads no-data tokens as before (missing with the token)', () => {
  fc.assert(
    fc.property(text, (t) => {
      const p = parseValue(t, 'General');
      if (ref.isMissing(t)) expect(p.kind).toBe('missing');
      else expect(p.kind).not.toBe('missing');
    }),
    { numRuns: 30000 },
  );
});

test('nfkc is normalize("NFKC")', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 10 }), text), (t) => {
      expect(nfkc(t)).toBe(t.normalize('NFKC'));
    }),
    { numRuns: 30000 },
  );
});
