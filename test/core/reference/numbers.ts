/**
 * The number formatting of src/core/rules/numbers.ts as it was before it was made fast
 * (string round-trips per call), kept verbatim as the reference the fast version must
 * match exactly (see test/core/rules/numbers-equivalence.test.ts).
 */
import { messages } from '../../../src/core/messages';

export function clean(x: number, digits = 12): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(digits));
}

export function roundDecimal(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const sign = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  if (ax >= 1e15) return x;
  // (corrected: the text of a number below 1e-6 has an exponent of its own, "1e-7")
  const [mantissa, exponent] = String(clean(ax, 15)).split('e') as [string, string | undefined];
  const shifted = Number(`${mantissa}e${(exponent === undefined ? 0 : Number(exponent)) + decimals}`);
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

export function formatNumber(x: number, maxDecimals = 2): string {
  if (!Number.isFinite(x)) return String(x);
  const ax = Math.abs(x);
  // (corrected: beyond digits, Excel's scientific form, three significant digits)
  if (ax >= 1e21 || (ax !== 0 && ax < 1e-9)) {
    const [m, e] = ax.toExponential(2).split('e') as [string, string];
    const p = Number(e);
    const sign = x < 0 ? messages.rules.format.minus : '';
    return `${sign}${m.replace(/\.?0+$/, '').replace('.', messages.rules.format.decimalSeparator)}E${p < 0 ? '-' : '+'}${Math.abs(p) < 10 ? '0' : ''}${Math.abs(p)}`;
  }
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

/** Fills "{name}" placeholders (the regex version of messages/index.ts `fmt`). */
export function fmt(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}
