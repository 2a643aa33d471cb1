/**
 * Decimal-safe comparison and number formatting for the rules.
 *
 * Doubles cannot hold most decimals exactly: 90 * 0.9 is 81.00000000000001, so a
 * naive `81 >= 90 * 0.9` says an actual exactly on the amber boundary is Red.
 * Every comparison the rules make goes through `cmp`, which treats two numbers
 * as equal when they agree to about ten significant digits (or both are within
 * 1e-12 of each other, so a formula's 5.6e-17 residue equals 0). No council
 * measure is reported to ten significant digits, so nothing real is lost.
 */
import type { Amount } from '../config/schema';
import { fmt, messages } from '../messages';
import type { NumberScale } from '../types';

/** Relative agreement needed for two numbers to count as equal. */
export const RELATIVE_EPSILON = 1e-10;
/** Absolute agreement needed for two numbers to count as equal (floating residue around 0). */
export const ABSOLUTE_EPSILON = 1e-12;

/** -1, 0 or 1 as a is below, equal to (decimally) or above b. */
export function cmp(a: number, b: number): -1 | 0 | 1 {
  if (a === b) return 0;
  const diff = Math.abs(a - b);
  const scale = Math.max(Math.abs(a), Math.abs(b));
  if (diff <= ABSOLUTE_EPSILON || diff <= RELATIVE_EPSILON * scale) return 0;
  return a < b ? -1 : 1;
}

export const eq = (a: number, b: number): boolean => cmp(a, b) === 0;
export const le = (a: number, b: number): boolean => cmp(a, b) <= 0;
export const ge = (a: number, b: number): boolean => cmp(a, b) >= 0;
export const lt = (a: number, b: number): boolean => cmp(a, b) < 0;
export const gt = (a: number, b: number): boolean => cmp(a, b) > 0;

/**
 * Exact powers of ten as doubles (10^0 .. 10^22 are all exactly representable), so
 * `n / POW10[k]` and `n * POW10[k]` of an exact integer n are correctly rounded, which
 * is what parsing the decimal text "n e-k" gives.
 */
const POW10: readonly number[] = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/** The text round-trip of `clean`, used where the arithmetic below cannot prove its answer. */
function cleanByText(x: number, digits: number): number {
  return Number(x.toPrecision(digits));
}

/**
 * Rounds to `digits` significant digits (default 12), removing binary noise such as
 * 0.07 * 100 = 7.000000000000001. Exactly Number(x.toPrecision(digits)), without the
 * string when the arithmetic can prove the answer:
 *  - an integer of at most `digits` digits is its own rounding;
 *  - otherwise m = |x| * 10^k (one correctly rounded operation with an exact power, so
 *    within 2^-53 of the exact product) is scaled so that the digits toPrecision keeps are
 *    round(m): with B = 10^(digits-1), T = 10^digits and the exact product in [B, T - 1/2),
 *    round(m) has `digits` digits; in [B - 1/20, B) toPrecision rounds at the next digit,
 *    carries, and lands on B, which is round(m) too. When m is clear of the ends of that
 *    range and its fraction is clear of one half by more than the error (4·2^-53·m covers
 *    it, and the rounding of the bounds), round(m) / 10^k is the correctly rounded value
 *    the text parses to.
 * Anything else (digits outside 1..15, tiny or huge x, near-ties) takes the text route.
 */
export function clean(x: number, digits = 12): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const ax = x < 0 ? -x : x;
  if (digits >= 1 && digits <= 15 && (digits | 0) === digits) {
    const top = POW10[digits]!;
    if (ax < top && Number.isInteger(ax)) return x;
    const bottom = POW10[digits - 1]!;
    let k = digits - 1 - Math.floor(Math.log10(ax));
    let m = scaled(ax, k);
    // log10 can be one off next to a power of ten: move k once
    if (m < bottom - 0.05) m = scaled(ax, ++k);
    else if (m >= top - 0.5) m = scaled(ax, --k);
    const margin = m * MARGIN;
    if (k >= -22 && k <= 22 && m >= bottom - 0.05 + margin && m < top - 0.5 - margin) {
      const fl = Math.floor(m);
      const half = m - fl - 0.5;
      if (half > margin || -half > margin) {
        const n = half > 0 ? fl + 1 : fl;
        const r = k >= 0 ? n / POW10[k]! : n * POW10[-k]!;
        return x < 0 ? -r : r;
      }
    }
  }
  return cleanByText(x, digits);
}

/** Four times the rounding error of one operation, relative (4·2^-53). */
const MARGIN = 4.440892098500626e-16;

/** ax · 10^k by one correctly rounded operation with an exact power; NaN when the power is not exact. */
function scaled(ax: number, k: number): number {
  if (k >= 0) return k <= 22 ? ax * POW10[k]! : NaN;
  return k >= -22 ? ax / POW10[-k]! : NaN;
}

/** The amount an Amount stands for against a base value (relative: % of |base|). */
export function amountOf(amount: Amount, base: number): number {
  return amount.type === 'relative' ? clean((Math.abs(base) * amount.value) / 100) : amount.value;
}

/** roundDecimal by its definition: on the decimal text. */
function roundDecimalByText(x: number, decimals: number): number {
  const sign = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  // the 15-digit text may have an exponent of its own ("1e-7"): shift by adding to it
  const [mantissa, exponent] = String(cleanByText(ax, 15)).split('e') as [string, string | undefined];
  const shifted = Number(`${mantissa}e${(exponent === undefined ? 0 : Number(exponent)) + decimals}`);
  return sign * Number(`${Math.round(shifted)}e-${decimals}`);
}

/**
 * The integer roundDecimal(ax, decimals) rounds ax × 10^decimals to, when arithmetic can
 * prove it; -1 when it cannot (then the text route decides).
 *
 * roundDecimal shifts the 15-significant-digit text of ax by `decimals` places and rounds
 * half up. That shifted value s and t = ax × 10^decimals (one correctly rounded product
 * with an exact power) differ by less than 5.5e-15 × t (15-digit rounding 5e-15, and four
 * correctly rounded steps of 2^-53 each). Math.round only changes at halves, so when t's
 * fraction is further than 1e-14 × t from one half, Math.round(s) === Math.round(t).
 * Requires 1e-6 ≤ ax (the text of smaller numbers has an exponent, which the text route
 * reads differently) and t < 1e15 (so the integer and its digits are exact).
 */
function roundedUnits(ax: number, decimals: number): number {
  if (!(ax >= 1e-6) || decimals < 0 || decimals > 22 || (decimals | 0) !== decimals) return -1;
  const t = ax * POW10[decimals]!;
  if (!(t < 1e15)) return -1;
  const fl = Math.floor(t);
  const half = t - fl - 0.5;
  const margin = t * 1e-14;
  if (half > margin) return fl + 1;
  if (-half > margin) return fl;
  return -1;
}

/** Decimal rounding, half away from zero, done on the decimal text so 1.005 rounds to 1.01. */
export function roundDecimal(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const ax = Math.abs(x);
  if (ax >= 1e15) return x;
  const n = roundedUnits(ax, decimals);
  if (n >= 0) {
    // n / 10^decimals, correctly rounded: what parsing "n e-decimals" gives.
    const r = n / POW10[decimals]!;
    return x < 0 ? -r : r;
  }
  return roundDecimalByText(x, decimals);
}

function groupThousands(intPart: string): string {
  const sep = messages.rules.format.thousandsSeparator;
  let out = '';
  for (let i = 0; i < intPart.length; i++) {
    if (i > 0 && (intPart.length - i) % 3 === 0) out += sep;
    out += intPart[i];
  }
  return out;
}

/** formatNumber by its definition: roundDecimal, toFixed, then trimming the text. */
function formatNumberByText(x: number, maxDecimals: number): string {
  const ax = Math.abs(x);
  let decimals = maxDecimals;
  if (ax !== 0 && roundDecimal(ax, maxDecimals) === 0) {
    decimals = Math.min(20, Math.ceil(-Math.log10(ax)) + 1);
  }
  const rounded = roundDecimal(ax, decimals);
  if (rounded === 0) return '0';
  let text = rounded >= 1e21 ? String(rounded) : rounded.toFixed(decimals);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  const [intPart, fracPart] = text.split('.') as [string, string | undefined];
  const body = groupThousands(intPart) + (fracPart ? messages.rules.format.decimalSeparator + fracPart : '');
  return (x < 0 ? messages.rules.format.minus : '') + body;
}

/**
 * A number for people: thousands separators, at most `maxDecimals` decimals with
 * trailing zeros trimmed ("1,234.5", "0.92", "81"). Values too small to show at
 * that precision keep two significant digits ("0.0045") rather than reading as 0.
 *
 * When roundedUnits can prove the rounded integer n (see above), the text is built from
 * n's digits directly: toFixed(decimals) of n / 10^decimals is exactly those digits with
 * the point `decimals` places from the right (n < 1e15, far inside toFixed's exactness).
 * Otherwise the definition above decides.
 */
export function formatNumber(x: number, maxDecimals = 2): string {
  if (!Number.isFinite(x)) return String(x);
  const ax = x < 0 ? -x : x;
  if (ax === 0) return '0';
  if (ax >= 1e21 || ax < 1e-9) return scientific(x);
  let decimals = maxDecimals;
  let n = roundedUnits(ax, decimals);
  if (n === 0) {
    decimals = Math.min(20, Math.ceil(-Math.log10(ax)) + 1);
    n = roundedUnits(ax, decimals);
  }
  if (n < 0) return formatNumberByText(x, maxDecimals);
  if (n === 0) return '0';
  const F = messages.rules.format;
  let body: string;
  if (decimals === 0) {
    body = n < 1000 ? String(n) : groupThousands(String(n));
  } else {
    const p = POW10[decimals]!;
    let frac = n % p;
    const int = (n - frac) / p;
    body = int < 1000 ? String(int) : groupThousands(String(int));
    if (frac !== 0) {
      // the fraction's digits, zero-padded to `decimals`, trailing zeros dropped
      let places = decimals;
      while (frac % 10 === 0) {
        frac /= 10;
        places--;
      }
      const digits = String(frac);
      body += F.decimalSeparator + (digits.length < places ? '0'.repeat(places - digits.length) + digits : digits);
    }
  }
  return x < 0 ? F.minus + body : body;
}

/**
 * Numbers too large or too small to write out in digits, as Excel shows them: three
 * significant digits, "1.23E+21", "4.5E-12" (trailing zeros of the mantissa dropped).
 */
function scientific(x: number): string {
  const F = messages.rules.format;
  const [mantissa, exponent] = Math.abs(x).toExponential(2).split('e') as [string, string];
  const digits = mantissa.replace(/\.?0+$/, '').replace('.', F.decimalSeparator);
  const power = Number(exponent);
  return `${x < 0 ? F.minus : ''}${digits}E${power < 0 ? '-' : '+'}${Math.abs(power) < 10 ? '0' : ''}${Math.abs(power)}`;
}

/** A value in its measure's units: "92%" for percentages (percentage points), "1,234" otherwise. */
export function formatValue(x: number, scale: NumberScale): string {
  const n = formatNumber(x);
  return scale === 'percent' ? fmt(messages.rules.format.percentValue, { n }) : n;
}

/** A relative amount: "5.6%" (one decimal). */
export function formatPercent(x: number): string {
  return fmt(messages.rules.format.percent, { n: formatNumber(x, 1) });
}

/** A difference in percentage points: "18 points", "1 point". */
export function formatPoints(x: number): string {
  const n = formatNumber(Math.abs(x));
  return fmt(n === '1' ? messages.rules.format.point : messages.rules.format.points, { n });
}

/** A difference in the measure's units: points for percentages, the plain number otherwise. */
export function formatDifference(x: number, scale: NumberScale): string {
  return scale === 'percent' ? formatPoints(x) : formatNumber(Math.abs(x));
}

export function formatRange(low: number, high: number, scale: NumberScale): string {
  return fmt(messages.rules.format.range, { low: formatValue(low, scale), high: formatValue(high, scale) });
}
