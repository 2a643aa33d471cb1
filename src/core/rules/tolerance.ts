/**
 * The tolerance and the explicit thresholds a sheet may give a measure.
 *
 * A "Tolerance" cell overrides the configured tolerance: "10%" is relative (% of the
 * target), "2", "2pp", "2 points", "±2", "+/- 2" and a bare number are absolute (in
 * the measure's units; percentage points for percentages).
 *
 * Threshold columns (they win over the tolerance):
 *  - one column ("Amber threshold" OR "Red threshold"): the value is the boundary
 *    between Amber and Red, and the boundary itself is Amber (inclusive on the better
 *    side, like the tolerance). Higher is better: Green at or above the target,
 *    Amber from the threshold up to the target, Red below the threshold. Lower is
 *    better mirrors it.
 *  - both columns: "Amber threshold" is the boundary between Green and Amber (it
 *    replaces the target for Green; reaching it is Green) and "Red threshold" the
 *    boundary between Amber and Red (reaching it is Amber).
 *  - inconsistent thresholds (the red threshold better than the amber one, or a
 *    threshold on the better side of the target) give a warning on the measure and
 *    the tolerance rule is used instead. Thresholds do not apply to a target range
 *    (a warning, then the tolerance rule).
 */
import type { Amount } from '../config/schema';
import type { CellValue } from '../types';
import { nfkc } from '../values';

const TOLERANCE_TEXT =
  /^\s*(?:±|\+\s*\/\s*-|\+-|\+)?\s*(\d+(?:\.\d+)?|\.\d+)\s*(%|pp|p\.p\.|pts?|points?|percentage points?|% points?)?\s*$/i;

export type ToleranceCell = { ok: true; amount: Amount } | { ok: false; text: string } | null;

/** Reads a per-measure "Tolerance" cell. null when the cell is empty. */
export function parseToleranceCell(cell: CellValue | undefined): ToleranceCell {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'boolean') return { ok: false, text: String(cell) };
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 0) return { ok: false, text: String(cell) };
    return { ok: true, amount: { type: 'absolute', value: cell } };
  }
  const text = nfkc(cell).trim();
  if (text === '' || text === '-' || /^n\/?a$/i.test(text)) return null;
  const m = TOLERANCE_TEXT.exec(text);
  if (!m) return { ok: false, text };
  const value = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  return { ok: true, amount: { type: unit === '%' ? 'relative' : 'absolute', value } };
}

/** Explicit thresholds in the measure's units; null where the sheet gives none. */
export interface Thresholds {
  amber: number | null;
  red: number | null;
}
