/**
 * Status changes since the last refresh: "new measure", "Amber → Red",
 * "new: Green → Amber" (newly an exception), "back to Green".
 */
import { fmt, messages } from '../messages';
import type { Status, StatusChange } from '../types';

const isException = (s: Status): boolean => s === 'red' || s === 'amber';
const isMet = (s: Status): boolean => s === 'green' || s === 'blue';

/**
 * previous: undefined when there was no earlier refresh (no change to report),
 * null when the measure was not there last time (a new measure).
 */
export function statusChange(previous: Status | null | undefined, current: Status): StatusChange | null {
  if (previous === undefined) return null;
  const words = messages.common.status;
  const C = messages.rules.change;
  if (previous === null) return { from: null, to: current, text: C.newMeasure };
  if (previous === current) return null;
  const from = words[previous];
  const to = words[current];
  if (isMet(current) && isException(previous)) return { from: previous, to: current, text: fmt(C.backTo, { to }) };
  if (isException(current) && !isException(previous)) return { from: previous, to: current, text: fmt(C.newException, { from, to }) };
  return { from: previous, to: current, text: fmt(C.moved, { from, to }) };
}
