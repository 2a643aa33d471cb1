import { spc, type SpcInput, type SpcOutput } from '../../../src/core/spc';

/**
 * A fixed baseline: with baselinePoints 12, the first 12 points alone set the
 * limits. 2,0,2,0,… has mean 1 and every moving range 2, so amr = 2 (kept by
 * screening: 2 < 3.267 × 2) and
 *   upl = 1 + 2.66·2 = 6.32,  lpl = −4.32,
 *   nupl = 1 + 2·(2.66/3)·2 ≈ 4.5467,  nlpl ≈ −2.5467.
 * It ends on 0 (below the mean) after a fall from 2, so a tail that rises
 * from there starts its trend at the baseline's last point.
 */
export const BASE = [2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0];
export const MEAN = 1;
export const UPL = 1 + 2.66 * 2;
export const LPL = 1 - 2.66 * 2;
export const NUPL = 1 + 2 * (2.66 / 3) * 2;
export const NLPL = 1 - 2 * (2.66 / 3) * 2;

type Opts = Omit<SpcInput, 'values' | 'direction'> & { direction?: SpcInput['direction'] };

/** SPC of BASE followed by `tail`, with the baseline fixed at 12 points. */
export function withBase(tail: (number | null)[], opts: Opts = {}): SpcOutput {
  return spc({
    direction: 'increase',
    ...opts,
    values: [...BASE, ...tail],
    settings: { baselinePoints: 12, ...opts.settings },
  });
}

/** The rule labels of the tail points (the points after BASE). */
export function tailRules(out: SpcOutput): string[] {
  return out.points.filter((p) => p.index >= BASE.length).map((p) => p.rule);
}

export function tailTypes(out: SpcOutput): string[] {
  return out.points.filter((p) => p.index >= BASE.length).map((p) => p.pointType);
}

/** The next double above x. */
export function nextUp(x: number): number {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x);
  const hi = b.getBigUint64(0);
  if (x === 0) return Number.MIN_VALUE;
  b.setBigUint64(0, x > 0 ? hi + 1n : hi - 1n);
  return b.getFloat64(0);
}

export function nextDown(x: number): number {
  return -nextUp(-x);
}

export const CC = 'Common Cause';
export const UP = '7 Point Trend (Increasing)';
export const DOWN = '7 Point Trend (Decreasing)';
export const ABOVE = '7 Points Above CL';
export const BELOW = '7 Points Below CL';
export const TWO_ABOVE = '2 in 3 Above CL';
export const TWO_BELOW = '2 in 3 Below CL';
export const UCL = 'Above UCL';
export const LCL = 'Below LCL';

export function relClose(a: number | null, b: number, tol = 1e-9): boolean {
  if (a === null) return false;
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));
}
