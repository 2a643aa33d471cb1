/** Findings the rules make about one measure, before they are placed on a sheet and cell. */
import type { Issue } from '../types';

export interface RuleNote {
  code: string;
  severity: Issue['severity'];
  /** The finding in words, without the measure's name (the evaluator adds it). */
  message: string;
  /** Which cell the finding is about. */
  at: 'actual' | 'target' | 'row';
}
