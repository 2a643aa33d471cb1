/**
 * The fast number formatting and `fmt` give exactly what the text-based originals give
 * (kept verbatim in test/core/reference/numbers.ts): same strings, same doubles
 * (Object.is, so -0 and NaN count), over every kind of double the rules meet.
 */
import fc from 'fast-check';
import { fmt } from '../../../src/core/messages';
import { clean, formatNumber, formatPercent, formatPoints, formatValue, roundDecimal } from '../../../src/core/rules/numbers';
import * as ref from '../reference/numbers';

const RUNS = { numRuns: 20000 };

/** Decimals as typed: n / 10^d. */
const typed = fc
  .tuple(fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }), fc.integer({ min: 0, max: 8 }))
  .map(([n, d]) => n / 10 ** d);
/** Values sitting on, or a few ulps either side of, a rounding half: (k + 0.5) / 10^d. */
const nearHalf = fc
  .tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: -4, max: 4 }))
  .map(([k, d, ulps]) => {
    let x = (k + 0.5) / 10 ** d;
    for (let i = 0; i < Math.abs(ulps); i++) x = nextAfter(x, ulps > 0 ? Infinity : -Infinity);
    return x;
  });
/** Arithmetic residue: a typed decimal times or divided by another, as the rules compute them. */
const computed = fc
  .tuple(typed, typed, fc.constantFrom('*', '/', '+', '-', '%'))
  .map(([a, b, op]) => (op === '*' ? a * b : op === '/' ? a / b : op === '+' ? a + b : op === '-' ? a - b : (Math.abs(a) * b) / 100));
/** Powers of ten and their neighbours (where log10 and the digit count change). */
const decades = fc
  .tuple(fc.integer({ min: -25, max: 25 }), fc.integer({ min: -3, max: 3 }), fc.boolean())
  .map(([e, ulps, neg]) => {
    let x = Number(`1e${e}`);
    for (let i = 0; i < Math.abs(ulps); i++) x = nextAfter(x, ulps > 0 ? Infinity : -Infinity);
    return neg ? -x : x;
  });
/** Just below a power of ten, where rounding carries into the next digit (9.99999999995e-2 -> 0.1). */
const carries = fc
  .tuple(fc.integer({ min: -20, max: 20 }), fc.constantFrom('9.99999999995', '9.999999999995', '9.9999999999949', '9.95', '9.5', '0.99999999999995'), fc.integer({ min: -4, max: 4 }))
  .map(([e, mantissa, ulps]) => {
    let x = Number(`${mantissa}e${e}`);
    for (let i = 0; i < Math.abs(ulps); i++) x = nextAfter(x, ulps > 0 ? Infinity : -Infinity);
    return x;
  });
/** Differences and ratios of one-decimal values (variances, changes). */
const differences = fc
  .tuple(fc.integer({ min: 0, max: 20000 }), fc.integer({ min: 0, max: 20000 }), fc.boolean())
  .map(([a, b, ratio]) => (ratio ? (a / 10 - b / 10) / (b / 10 || 1) : a / 10 - b / 10));
const special = fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1e-7, 9.99e-7, 1e-6, 1.005, 2.675, 1.45, 0.045, 0.0045, 99.995, 999999.995, 1e15, 1e21, 5e-324, 1.7976931348623157e308, 0.1 + 0.2, 81.00000000000001, 1234.5);
const anyDouble = fc.double();
const value = fc.oneof(typed, nearHalf, computed, decades, carries, differences, special, anyDouble);

function nextAfter(x: number, toward: number): number {
  if (Number.isNaN(x) || x === toward) return x;
  if (x === 0) return toward > 0 ? 5e-324 : -5e-324;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  let bits = buf.getBigUint64(0);
  bits += (x < toward) === (x > 0) ? 1n : -1n;
  buf.setBigUint64(0, bits);
  return buf.getFloat64(0);
}

describe('fast number formatting equals the text-based original', () => {
  test('clean, at the digits the rules use and others', () => {
    fc.assert(
      fc.property(value, fc.constantFrom(12, 12, 15, 1, 6, 10, 14, 16, 17), (x, digits) => {
        expect(Object.is(clean(x, digits), ref.clean(x, digits))).toBe(true);
        expect(Object.is(clean(x), ref.clean(x))).toBe(true);
      }),
      RUNS,
    );
  });

  test('roundDecimal', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 22 }), (x, d) => {
        const a = roundDecimal(x, d);
        const b = ref.roundDecimal(x, d);
        if (!Object.is(a, b)) throw new Error(`roundDecimal(${x}, ${d}): ${a} !== ${b}`);
      }),
      RUNS,
    );
  });

  test('formatNumber, formatPercent, formatPoints, formatValue', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 6 }), (x, d) => {
        expect(formatNumber(x, d)).toBe(ref.formatNumber(x, d));
        expect(formatNumber(x)).toBe(ref.formatNumber(x));
        expect(formatPercent(x)).toBe(ref.fmt('{n}%', { n: ref.formatNumber(x, 1) }));
        const n = ref.formatNumber(Math.abs(x));
        expect(formatPoints(x)).toBe(ref.fmt(n === '1' ? '{n} point' : '{n} points', { n }));
        expect(formatValue(x, 'percent')).toBe(`${ref.formatNumber(x)}%`);
        expect(formatValue(x, 'plain')).toBe(ref.formatNumber(x));
      }),
      RUNS,
    );
  });

  test('known cases keep their text', () => {
    const cases: [number, number, string][] = [
      [1.005, 2, '1.01'],
      [2.675, 2, '2.68'],
      [81.00000000000001, 2, '81'],
      [1234567.891, 2, '1,234,567.89'],
      [-0.0045, 2, '-0.0045'],
      [0.00001234, 2, '0.000012'],
      [1e-7, 2, '0.0000001'],
      [-1e-7, 2, '-0.0000001'],
      [1e-12, 2, '1E-12'],
      [1.23456e24, 2, '1.23E+24'],
      [5.65, 1, '5.7'],
      [1e15, 2, '1,000,000,000,000,000'],
    ];
    for (const [x, d, text] of cases) {
      expect(ref.formatNumber(x, d)).toBe(text);
      expect(formatNumber(x, d)).toBe(text);
    }
  });
});

describe('fmt equals the regex original', () => {
  const keyChar = fc.constantFrom('a', 'b', 'n', 'Z', '_', '1', 'x');
  const piece = fc.oneof(
    fc.constantFrom('{', '}', '{}', '{{', '}}', ' ', 'text', '–', '%', '$&', '$1', '\n', '😀'),
    fc.array(keyChar, { minLength: 1, maxLength: 4 }).map((k) => `{${k.join('')}}`),
    fc.array(keyChar, { minLength: 1, maxLength: 3 }).map((k) => k.join('')),
    fc.string({ maxLength: 4 }),
  );
  const template = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
  const params = fc.dictionary(
    fc.oneof(fc.array(keyChar, { minLength: 1, maxLength: 4 }).map((k) => k.join('')), fc.constantFrom('toString', 'constructor', '__proto__')),
    fc.oneof(fc.string({ maxLength: 6 }), fc.double(), fc.constantFrom('$&', '$1', '{a}')),
    { maxKeys: 5 },
  );

  test('any template, any parameters (inherited names such as "toString" included)', () => {
    fc.assert(
      fc.property(template, params, fc.constantFrom('toString', 'valueOf', 'hasOwnProperty', 'constructor'), (t, p, inherited) => {
        expect(fmt(t, p)).toBe(ref.fmt(t, p));
        const withInherited = `${t}{${inherited}}`;
        expect(fmt(withInherited, p)).toBe(ref.fmt(withInherited, p));
        // a second call uses the compiled template
        expect(fmt(t, p)).toBe(ref.fmt(t, p));
      }),
      RUNS,
    );
  });
});
