/**
 * What Refresh RAG tells the user when it has finished: counts and overall
 * RAG, or what went wrong. Plain data, shown by the notice dialog.
 */
import { fmt, messages } from '../core/messages';
import type { RefreshReport, StatusCounts } from '../core/types';
import type { OfficeRefreshResult } from '../workbook/office/shell';
import { OfficeShellError } from '../workbook/office/errors';

export interface Notice {
  kind: 'success' | 'error';
  title: string;
  lines: string[];
}

const COUNT_ORDER: (keyof StatusCounts)[] = ['blue', 'green', 'amber', 'red', 'noData', 'noTarget', 'checkData'];

function plural(forms: { one: string; many: string }, count: number): string {
  return count === 1 ? forms.one : fmt(forms.many, { count });
}

/** "11 Green, 8 Amber, 12 Red, 4 No data" (only the statuses that occur). */
export function countsText(counts: StatusCounts): string {
  const s = messages.common.status;
  return COUNT_ORDER.filter((k) => counts[k] > 0)
    .map((k) => `${counts[k]} ${s[k]}`)
    .join(', ');
}

export function successNotice(result: Pick<OfficeRefreshResult, 'report' | 'plan' | 'degraded'>): Notice {
  const n = messages.office.notice;
  const report: RefreshReport = result.report;
  const lines: string[] = [];
  if (report.tables.length === 0) {
    lines.push(n.nothingFound);
  } else {
    const whole = report.summary.whole;
    lines.push(fmt(n.done, { measures: plural(n.measures, whole.measures), tables: plural(n.tables, report.tables.length) }));
    const counts = countsText(whole.counts);
    if (counts) lines.push(fmt(n.counts, { list: counts }));
    lines.push(fmt(n.overall, { overall: messages.common.overall[whole.overall] }));
    if (result.plan.exceptionSheet) lines.push(fmt(n.exceptionSheet, { sheet: result.plan.exceptionSheet.name }));
    if (report.changes.length > 0) lines.push(fmt(n.changes, { count: report.changes.length }));
    const issues = report.issues.filter((i) => i.severity !== 'info').length;
    if (issues > 0) lines.push(fmt(n.issues, { count: issues }));
  }
  for (const d of result.degraded) lines.push(messages.office.degraded[d]);
  return { kind: 'success', title: n.title, lines };
}

export function errorNotice(error: unknown): Notice {
  const text =
    error instanceof OfficeShellError
      ? error.message
      : fmt(messages.office.errors.unexpected, { message: error instanceof Error ? error.message : String(error) });
  return { kind: 'error', title: messages.office.notice.failedTitle, lines: [text] };
}
