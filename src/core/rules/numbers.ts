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

/** Rounds to `digits` significant digits (default 12), removing binary noise such as 0.07 * 100 = 7.000000000000001. */
export function clean(x: number, digits = 12): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(digits));
}

/** The amount an Amount stands for against a base value (relative: % of |base|). */
export function amountOf(amount: Amount, base: number): number {
  return amount.type === 'relative' ? clean((Math.abs(base) * amount.value) / 100) : amount.value;
}

/** Decimal rounding, half away from zero, done on the decimal text so 1.005 rounds to 1.01. */
export function roundDecimal(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const sign = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  if (ax >= 1e15) return x;
  const shifted = Number(`${clean(ax, 15)}e${decimals}`);
  return sign * Number(`${Math.round(shifted)}e-${decimals}`);
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

/**
 * A number for people: thousands separators, at most `maxDecimals` decimals with
 * trailing zeros trimmed ("1,234.5", "0.92", "81"). Values too small to show at
 * that precision keep two significant digits ("0.0045") rather than reading as 0.
 */
export function formatNumber(x: number, maxDecimals = 2): string {
  if (!Number.isFinite(x)) return String(x);
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
