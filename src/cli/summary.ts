/** What the command line prints, and the --report JSON. */
import { cellAddress } from '../core/a1';
import { fmt, messages } from '../core/messages';
import type { MeasureResult, RefreshReport, SummaryFigures } from '../core/types';
import { show } from './console';

export interface FileOutcome {
  input: string;
  output: string | null;
  report: RefreshReport;
  exceptionSheet: string | null;
  /** What reading the file found that did not stop it (cells left out, a table that could not be read, bytes that were not UTF-8...). */
  warnings: string[];
}

const MAX_LISTED = 15;

/** A summary percentage (0-100) for print. */
function pct(p: number | null): string {
  return p === null ? '–' : `${Math.round(p)}%`;
}

function label(r: MeasureResult): string {
  return show(r.measure.ref ? `${r.measure.ref} ${r.measure.name}` : r.measure.name);
}

export function countsLine(f: SummaryFigures): string {
  const s = messages.common.status;
  const c = f.counts;
  const parts: [string, number][] = [
    [s.blue, c.blue],
    [s.green, c.green],
    [s.amber, c.amber],
    [s.red, c.red],
    [s.noData, c.noData],
    [s.checkData, c.checkData],
    [s.noTarget, c.noTarget],
  ];
  return parts
    .filter(([name, n]) => n > 0 || name === s.green || name === s.amber || name === s.red)
    .map(([name, n]) => `${name} ${n}`)
    .join(' · ');
}

export function figureLines(f: SummaryFigures): string[] {
  const t = messages.cli;
  return [
    fmt(t.countsLine, { counts: countsLine(f) }),
    fmt(t.figuresLine, {
      met: f.metTarget.count,
      withTarget: f.withTarget,
      metPct: pct(f.metTarget.percent),
      off: f.offTarget.count,
      offPct: pct(f.offTarget.percent),
      red: f.offByMoreThanTolerance.count,
      redPct: pct(f.offByMoreThanTolerance.percent),
      noData: f.noData.count,
      noDataPct: pct(f.noData.percent),
    }),
    fmt(t.overallLine, { overall: messages.common.overall[f.overall], reason: show(f.overallReason) }),
  ];
}

export function formatFileSummary(o: FileOutcome): string {
  const t = messages.cli;
  const r = o.report;
  const name = o.input;
  const lines: string[] = [o.output ? fmt(t.wrote, { file: name, output: o.output }) : fmt(t.dryRun, { file: name })];
  lines.push(fmt(t.measuresLine, { measures: r.results.length, tables: r.tables.length }));
  if (r.skippedSheets.length) {
    // One line per reason: "no measure table: Cover, Notes; hidden sheet: Lookups".
    const byReason = new Map<string, string[]>();
    for (const s of r.skippedSheets) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s.sheet]);
    const list = [...byReason].map(([reason, sheets]) => `${sheets.map((x) => show(x, 60)).join(', ')} (${show(reason)})`).join('; ');
    lines.push(fmt(t.skipped, { list }));
  }
  lines.push(...figureLines(r.summary.whole));

  const exceptions = r.results.filter((x) => x.status === 'red' || x.status === 'amber').sort((a, b) => (a.status === b.status ? 0 : a.status === 'red' ? -1 : 1));
  if (exceptions.length) {
    lines.push(fmt(t.exceptionsHeading, { count: exceptions.length }));
    for (const x of exceptions.slice(0, MAX_LISTED)) {
      lines.push(
        fmt(t.exceptionLine, {
          status: messages.common.status[x.status].padEnd(5),
          label: label(x),
          reason: show(x.reason),
          missing: x.commentaryMissing ? t.commentaryMissing : '',
        }),
      );
    }
    if (exceptions.length > MAX_LISTED) lines.push(fmt(t.more, { count: exceptions.length - MAX_LISTED, sheet: show(o.exceptionSheet ?? '') }));
  }
  const changed = r.changes.filter((c) => c.change.from !== null);
  if (changed.length) {
    lines.push(fmt(t.changesHeading, { count: changed.length }));
    for (const c of changed.slice(0, MAX_LISTED)) lines.push(fmt(t.changeLine, { label: show(c.name), text: show(c.change.text) }));
    if (changed.length > MAX_LISTED) lines.push(fmt(t.moreIssues, { count: changed.length - MAX_LISTED }));
  }
  const dq = r.issues.filter((i) => i.severity !== 'info' && i.code !== 'commentary-missing');
  if (dq.length) {
    lines.push(fmt(t.issuesHeading, { count: dq.length }));
    for (const i of dq.slice(0, MAX_LISTED)) lines.push(fmt(t.issueLine, { where: show(i.cell ? `${i.sheet}!${i.cell}` : i.sheet, 80), message: show(i.message) }));
    if (dq.length > MAX_LISTED) lines.push(fmt(t.moreIssues, { count: dq.length - MAX_LISTED }));
  }
  if (o.warnings.length) {
    lines.push(fmt(t.warningsHeading, { count: o.warnings.length }));
    for (const w of o.warnings.slice(0, MAX_LISTED)) lines.push(fmt(t.warningLine, { message: show(w) }));
    if (o.warnings.length > MAX_LISTED) lines.push(fmt(t.moreWarnings, { count: o.warnings.length - MAX_LISTED }));
  }
  return lines.join('\n') + '\n';
}

export function formatCombined(files: number, whole: SummaryFigures): string {
  return [fmt(messages.cli.combinedHeading, { files, measures: whole.measures }), ...figureLines(whole)].join('\n') + '\n';
}

function measureJson(r: MeasureResult) {
  const m = r.measure;
  return {
    sheet: m.sheet,
    row: m.row + 1,
    cell: m.actualCell ? cellAddress(m.actualCell.row, m.actualCell.col) : null,
    ref: m.ref,
    name: m.name,
    directorate: m.directorate,
    owner: m.owner,
    actual: r.actual,
    target: r.targetRange ?? r.target,
    unit: r.scale === 'percent' ? '%' : null,
    polarity: r.polarity,
    status: messages.common.status[r.status],
    reason: r.reason,
    directionOfTravel: messages.common.direction[r.direction],
    directionReason: r.directionReason,
    forecast: messages.common.forecast[r.forecast],
    forecastReason: r.forecastReason,
    variance: r.variance,
    variancePercent: r.variancePercent,
    ...(r.spc ? { variation: r.spc.text.variation, assurance: r.spc.text.assurance } : {}),
    change: r.change?.text ?? null,
    yourRag: m.userRag,
    // every RAG column of the user's, left to right, as written and as a colour where the scale is clear
    ...(m.userRags && m.userRags.length > 0 ? { yourRags: m.userRags.map((u) => ({ header: u.header, value: u.value, colour: u.normalised })) } : {}),
    commentaryMissing: r.commentaryMissing,
    warnings: r.issues.map((i) => `${i.cell ? `${i.sheet}!${i.cell}: ` : ''}${i.message}`),
  };
}

/** One workbook's section of the --report JSON. */
export function fileReportJson(o: FileOutcome) {
  return {
    input: o.input,
    output: o.output,
    refreshedAt: o.report.refreshedAt,
    tables: o.report.tables.map((t) => ({ sheet: t.sheet, excelTable: t.excelTable, headerRow: t.headerRow + 1, layout: t.layout, currentPeriod: t.currentPeriod?.label ?? null })),
    skippedSheets: o.report.skippedSheets,
    summary: o.report.summary,
    measures: o.report.results.map(measureJson),
    issues: o.report.issues,
    changes: o.report.changes,
    warnings: o.warnings,
  };
}

export interface FailedFile {
  file: string;
  message: string;
  details: string[];
}

/** The whole --report JSON (the CLI writes it section by section: see report.ts). */
export function reportJson(done: FileOutcome[], failed: FailedFile[]) {
  return { files: done.map(fileReportJson), failed };
}
