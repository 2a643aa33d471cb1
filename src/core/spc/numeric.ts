/**
 * A mean that matches R's `mean()` at exact ties.
 *
 * R sums in extended precision and then corrects the quotient with a second
 * pass, so its result is (nearly always) the correctly rounded mean. A plain
 * `sum / n` in double can be one unit in the last place away, which only
 * matters when a point sits exactly on the mean or a target exactly on a limit.
 *
 * Here: a Neumaier compensated sum (s + c), then the quotient q = s / n is
 * corrected by the exact residual (s + c) − q·n, computed with Dekker's
 * product (exact because n has at most 26 significant bits).
 */

const SPLIT = 134217729; // 2^27 + 1
const MAX_EXACT_N = 67108864; // 2^26

/** Mean of a[from..to). NaN for an empty range. */
export function accurateMean(a: Float64Array, from: number, to: number): number {
  const n = to - from;
  if (n <= 0) return NaN;
  let s = 0;
  let c = 0;
  for (let i = from; i < to; i++) {
    const x = a[i];
    const t = s + x;
    if (Math.abs(s) >= Math.abs(x)) c += s - t + x;
    else c += x - t + s;
    s = t;
  }
  const q = (s + c) / n;
  if (!Number.isFinite(q) || n >= MAX_EXACT_N) return q;
  // Dekker: q·n = p + e exactly.
  const p = q * n;
  const t = SPLIT * q;
  const qh = t - (t - q);
  const ql = q - qh;
  const e = qh * n - p + ql * n;
  const r = s - p - e + c;
  return q + r / n;
}
