/**
 * Figure decimals and formats of src/core/plan/statusColumns.ts as they were before the speed
 * work (writing each number out), kept verbatim as the reference (see test/core/plan-equivalence.test.ts).
 */
import type { MeasureResult } from '../../../src/core/types';

const VARIANCE_POINTS_FORMAT = '+0.0" pts";-0.0" pts";0.0" pts"';

function decimalsOf(n: number | null): number {
  if (n === null || !Number.isFinite(n)) return 0;
  const s = String(n);
  const i = s.indexOf('.');
  return i < 0 || s.includes('e') ? 0 : s.length - i - 1;
}
export function figureDecimals(r: MeasureResult): number {
  return Math.min(2, Math.max(decimalsOf(r.actual), decimalsOf(r.target)));
}
export function plainFormat(decimals: number): string {
  return decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}`;
}
export function varianceFormat(r: MeasureResult): string {
  if (r.scale === 'percent') return VARIANCE_POINTS_FORMAT;
  const d = figureDecimals(r);
  const body = plainFormat(d);
  return `+${body};-${body};${d === 0 ? '0' : `0.${'0'.repeat(d)}`}`;
}
