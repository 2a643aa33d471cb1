/**
 * Putting two values in the same units before they are compared (DOMAIN rule 3:
 * "percentages stored as fractions and as whole numbers must not be compared with
 * each other by mistake").
 *
 * Percent values are in percentage points (92 = 92%). Rules, in order:
 *  1. both percent: compare the points.
 *  2. one percent, the other plain: the plain one is a fraction (×100) when it is
 *     within ±1 (a range: its middle within ±1, no bound beyond 1.5), unless reading it as points lands nearer the percent
 *     value (0.8 against 0.9% is 0.8%, not 80%); otherwise it is points already.
 *     A conversion is reported as an info note ("compared as 92% against 90%").
 *  3. neither percent but the measure is a percentage (unit hint): one side within
 *     [0, 1] and the other in (1.5, 100] → the small one is a fraction (×100), with a
 *     warning; both within [0, 1] → both fractions (×100, no note); otherwise points.
 *  4. no percent evidence at all: one side in (0, 1.5] and the other about 100 times
 *     it (other / (small × 100) between 0.5 and 2) → a unit mismatch: the measure
 *     is "Check data", never a silent red.
 */
import type { NumberScale } from '../types';
import { clean } from './numbers';

export interface Side {
  /** One value, or both bounds of a range. */
  values: number[];
  scale: NumberScale;
}

export type Reconciled =
  | {
      ok: true;
      a: number[];
      b: number[];
      /** Units of the compared numbers: 'percent' = percentage points. */
      scale: NumberScale;
      /** The side read as a fraction and multiplied by 100, when only one was. */
      converted: 'a' | 'b' | null;
      /** How sure the conversion was: info (the other side was a formatted percentage) or warning (only the unit hint). */
      severity: 'info' | 'warning' | null;
    }
  | {
      ok: false;
      /** The side that looks like a fraction. */
      fraction: 'a' | 'b';
    };

function toPoints(values: number[]): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = clean(values[i]! * 100);
  return out;
}

/** The mean of the absolute values (added left to right from 0, as reduce adds them). */
function representative(values: number[]): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += Math.abs(values[i]!);
  return s / values.length;
}

/** A plain value against a percent reference: fraction (×100) or already points? */
export function plainAsPoints(values: number[], reference: number | null): { values: number[]; converted: boolean } {
  // A single value is a fraction within ±1; a range (0.95–1.05) when its middle is and no bound passes 1.5.
  const rep = representative(values);
  if (values.length === 1 ? Math.abs(values[0]!) > 1 : rep > 1 || !values.every((v) => Math.abs(v) <= 1.5)) {
    return { values, converted: false };
  }
  if (reference !== null && reference !== 0 && rep !== 0) {
    const asPoints = Math.abs(Math.log(rep / Math.abs(reference)));
    const asFraction = Math.abs(Math.log((rep * 100) / Math.abs(reference)));
    if (asPoints < asFraction) return { values, converted: false };
  }
  return { values: toPoints(values), converted: true };
}

const inUnit = (v: number): boolean => v >= 0 && v <= 1;
const inWholePercent = (v: number): boolean => v > 1.5 && v <= 100;

function looksLikeMismatch(small: number[], other: number[]): boolean {
  // the cheap tests first (the means are only needed when both pass)
  for (let i = 0; i < small.length; i++) if (!(small[i]! > 0 && small[i]! <= 1.5)) return false;
  for (let i = 0; i < other.length; i++) if (!(other[i]! > 0)) return false;
  const s = representative(small);
  const o = representative(other);
  const ratio = o / (s * 100);
  return ratio >= 0.5 && ratio <= 2;
}

export function reconcileUnits(a: Side, b: Side, unitHint: 'percent' | null): Reconciled {
  return reconcile(a.values, a.scale, b.values, b.scale, unitHint);
}

/** reconcileUnits on the sides' parts (the rules call it without making Side objects). */
export function reconcile(av: number[], as: NumberScale, bv: number[], bs: NumberScale, unitHint: 'percent' | null): Reconciled {
  if (as === 'percent' && bs === 'percent') {
    return { ok: true, a: av, b: bv, scale: 'percent', converted: null, severity: null };
  }
  if (as === 'percent') {
    const r = plainAsPoints(bv, representative(av));
    return { ok: true, a: av, b: r.values, scale: 'percent', converted: r.converted ? 'b' : null, severity: r.converted ? 'info' : null };
  }
  if (bs === 'percent') {
    const r = plainAsPoints(av, representative(bv));
    return { ok: true, a: r.values, b: bv, scale: 'percent', converted: r.converted ? 'a' : null, severity: r.converted ? 'info' : null };
  }
  if (unitHint === 'percent') {
    const aUnit = av.every(inUnit);
    const bUnit = bv.every(inUnit);
    if (aUnit && bUnit) return { ok: true, a: toPoints(av), b: toPoints(bv), scale: 'percent', converted: null, severity: null };
    if (aUnit && bv.every(inWholePercent)) {
      return { ok: true, a: toPoints(av), b: bv, scale: 'percent', converted: 'a', severity: 'warning' };
    }
    if (bUnit && av.every(inWholePercent)) {
      return { ok: true, a: av, b: toPoints(bv), scale: 'percent', converted: 'b', severity: 'warning' };
    }
    return { ok: true, a: av, b: bv, scale: 'percent', converted: null, severity: null };
  }
  if (looksLikeMismatch(av, bv)) return { ok: false, fraction: 'a' };
  if (looksLikeMismatch(bv, av)) return { ok: false, fraction: 'b' };
  return { ok: true, a: av, b: bv, scale: 'plain', converted: null, severity: null };
}

/**
 * A further value (a threshold, a previous value, a period value) put into units
 * already settled for a measure, using a reference number in those units.
 */
export function intoUnits(value: number, scale: NumberScale, frame: NumberScale, reference: number | null): number {
  if (frame === 'percent') {
    if (scale === 'percent') return value;
    return plainAsPoints([value], reference).values[0]!;
  }
  // A plain frame: a percent value against fractions is itself a fraction of 100.
  if (scale === 'percent' && reference !== null && Math.abs(reference) <= 1.5 && Math.abs(value) > 1.5) {
    return clean(value / 100);
  }
  return value;
}
