/**
 * The cached polarity-text reader and the one-pattern name inference give exactly what the
 * originals give (kept verbatim in test/core/reference/polarity.ts).
 */
import fc from 'fast-check';
import { inferPolarityFromName, LOWER_IS_BETTER_KEYWORDS, parsePolarityText } from '../../../src/core/rules/polarity';
import * as ref from '../reference/polarity';

const CUES = ['within', 'on time', 'in time', 'timescale', 'responded', 'resolved', 'prevented', 'reduction', 'satisfaction'];
const WORDS = ['number of', 'percentage', '%', 'the', 'days', 'time', 'rate', 'staff', 'of', 'per', 'cost', 'a', 'transfers', 'delayed', 'taken'];
const SEPARATORS = [' ', '  ', '-', '‐', '–', '—', '/', '(', ')', ',', '.', ':', '_', '', "'", 'x', '1', '\u00a0', 'Ａ'];
const piece = fc.oneof(
  fc.constantFrom(...LOWER_IS_BETTER_KEYWORDS),
  fc.constantFrom(...LOWER_IS_BETTER_KEYWORDS).map((k) => k.toUpperCase()),
  fc.constantFrom(...CUES),
  fc.constantFrom(...WORDS),
  fc.constantFrom(...SEPARATORS),
  fc.string({ maxLength: 3 }),
);
const name = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));

const POLARITY = ['High', 'Low', 'Higher is better', 'lower is better.', 'Data only', '↑', '↓', '▲ up', 'Range', 'between', 'Bigger is better', 'Smaller = good',
  '', '-', 'Yes', 'No', 'n/a', 'N/A', 'tbc', 'up', 'down', 'more', 'less', 'higher or lower', 'For information', 'Monitor only', '+', 'maximise', 'Good is high'];
const polarityText = fc.oneof(
  fc.constantFrom(...POLARITY),
  fc.array(fc.oneof(fc.constantFrom(...POLARITY), fc.constantFrom(...SEPARATORS), fc.string({ maxLength: 3 })), { maxLength: 4 }).map((p) => p.join('')),
  fc.string({ maxLength: 12 }),
);

describe('polarity reading equals the original', () => {
  test('inferPolarityFromName', () => {
    fc.assert(
      fc.property(name, (n) => {
        expect(inferPolarityFromName(n)).toEqual(ref.inferPolarityFromName(n));
      }),
      { numRuns: 20000 },
    );
  });

  test('parsePolarityText, first and repeated reads', () => {
    fc.assert(
      fc.property(polarityText, (t) => {
        const want = ref.parsePolarityText(t);
        expect(parsePolarityText(t)).toBe(want);
        expect(parsePolarityText(t)).toBe(want);
      }),
      { numRuns: 20000 },
    );
  });
});
