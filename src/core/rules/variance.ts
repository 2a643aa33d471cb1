/**
 * Variance: actual − target (percentage points for percentages). For a target range,
 * the distance to the nearer bound (negative below the range, positive above, 0 inside).
 * variancePercent = variance / |target| (a fraction: 0.056 = 5.6%), null when the target
 * (or the nearer bound) is 0 or missing. Both are decimal-clean, and exactly 0 when the
 * actual equals the target decimally, so the sign of the variance always agrees with the
 * status (see numbers.ts).
 */
import { clean, cmp } from './numbers';
import type { TargetRange } from './status';

export interface Variance {
  variance: number | null;
  variancePercent: number | null;
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

function against(actual: number, base: number): Variance {
  const variance = finiteOrNull(cmp(actual, base) === 0 ? 0 : clean(actual - base));
  if (variance === null) return { variance: null, variancePercent: null };
  // A base so small the ratio overflows (a denormal from a formula) has no meaningful percentage.
  return { variance, variancePercent: base === 0 ? null : finiteOrNull(clean(variance / Math.abs(base))) };
}

export function computeVariance(actual: number | null, target: number | null, range: TargetRange | null = null): Variance {
  if (actual === null || !Number.isFinite(actual)) return { variance: null, variancePercent: null };
  if (range) {
    const low = Math.min(range.low, range.high);
    const high = Math.max(range.low, range.high);
    if (cmp(actual, low) < 0) return against(actual, low);
    if (cmp(actual, high) > 0) return against(actual, high);
    return { variance: 0, variancePercent: low === 0 && high === 0 ? null : 0 };
  }
  if (target === null || !Number.isFinite(target)) return { variance: null, variancePercent: null };
  return against(actual, target);
}
