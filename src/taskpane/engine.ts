/**
 * The pane's pure glue over the core: no React, no Office, no DOM.
 *
 * - the saved settings as the pane sees them (configuration, change log, problems);
 * - the preview: the same refresh run in memory with the edited configuration,
 *   compared measure by measure (by the measure's stable key) with the refresh of
 *   the same snapshot under the saved configuration;
 * - the exceptions list, grouped as the exception sheet groups them.
 */
import { diffConfigs } from '../core/config/changes';
import { parseSavedDocument, serialiseSavedDocument, type ChangeLogEntry, type SavedDocument } from '../core/config/saved';
import { CONFIG_VERSION, type RagConfig } from '../core/config/schema';
import { groupOf } from '../core/plan/exceptionSheet';
import type { RefreshOptions } from '../core/refresh';
import type {
  MeasureResult,
  OverallRag,
  RefreshOutcome,
  RefreshReport,
  Status,
  WorkbookSnapshot,
  WritePlan,
} from '../core/types';

/** The refresh options the pane passes (changedBy: who made configuration changes, for the change log). */
export type PaneRefreshOptions = RefreshOptions & { changedBy?: string };

/**
 * The core functions the pane calls (the real ones are in engine-core.ts, a chunk of
 * its own loaded when a workbook is first read); tests may pass their own.
 */
export interface Engine {
  refresh(snapshot: WorkbookSnapshot, options: PaneRefreshOptions): RefreshOutcome;
  clearPlan(snapshot: WorkbookSnapshot): WritePlan;
}

/** A saved configuration that cannot be used (RefreshError 'saved-config-invalid', or report.configErrors). */
export function savedConfigProblems(error: unknown): string[] | null {
  if (error && typeof error === 'object' && (error as { code?: unknown }).code === 'saved-config-invalid') {
    const details = (error as { details?: unknown }).details;
    if (Array.isArray(details)) return details.map(String);
    return [error instanceof Error ? error.message : String(error)];
  }
  return null;
}

// ------------------------------------------------------------ saved settings

export interface SavedView {
  kind: 'none' | 'ok' | 'invalid';
  /** The saved configuration (empty when there is none or it cannot be used). */
  config: RagConfig;
  errors: string[];
  changeLog: ChangeLogEntry[];
  /** When RAG Refresh last wrote the statuses, by the saved state (null: never, or cleared). */
  lastRefreshedAt: string | null;
}

export const EMPTY_CONFIG: RagConfig = Object.freeze({ version: CONFIG_VERSION }) as RagConfig;

export function savedView(snapshot: WorkbookSnapshot | null): SavedView {
  if (!snapshot) return { kind: 'none', config: EMPTY_CONFIG, errors: [], changeLog: [], lastRefreshedAt: null };
  const saved = parseSavedDocument(snapshot.savedDocument);
  switch (saved.kind) {
    case 'none':
      return { kind: 'none', config: EMPTY_CONFIG, errors: [], changeLog: [], lastRefreshedAt: null };
    case 'ok':
      return { kind: 'ok', config: saved.doc.config, errors: [], changeLog: saved.doc.changeLog, lastRefreshedAt: saved.doc.state?.refreshedAt ?? null };
    case 'invalid':
      return { kind: 'invalid', config: EMPTY_CONFIG, errors: saved.errors, changeLog: saved.doc.changeLog, lastRefreshedAt: saved.doc.state?.refreshedAt ?? null };
  }
}

/** Configurations compare as their JSON without `version` and with keys sorted. */
export function sameConfig(a: RagConfig, b: RagConfig): boolean {
  return canonical(a) === canonical(b);
}

function canonical(config: RagConfig): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  const { version, ...rest } = config;
  void version;
  return JSON.stringify(sortKeys(rest));
}

// ------------------------------------------------------------ preview

export interface StatusMove {
  key: string;
  /** The measure's reference when it has one, else its name. */
  label: string;
  name: string;
  sheet: string;
  from: Status | null;
  to: Status | null;
  /** Why the new status (the reason the rules gave). */
  reason: string;
}

export interface Preview {
  /** Measures whose status would change, in workbook order. */
  moves: StatusMove[];
  overall: { from: OverallRag; to: OverallRag };
  /** The configuration changes Apply would record in the change log. */
  edits: ChangeLogEntry[];
  /** The refresh with the edits, in memory. */
  report: RefreshReport;
}

export function measureLabel(r: MeasureResult): string {
  return r.measure.ref ?? r.measure.name;
}

/** Measure-by-measure status changes from `before` to `after`, matched by the measure's stable key. */
export function diffReports(before: RefreshReport, after: RefreshReport): StatusMove[] {
  const old = new Map(before.results.map((r) => [r.measure.key, r]));
  const seen = new Set<string>();
  const moves: StatusMove[] = [];
  for (const r of after.results) {
    seen.add(r.measure.key);
    const was = old.get(r.measure.key);
    if (was && was.status === r.status) continue;
    moves.push({
      key: r.measure.key,
      label: measureLabel(r),
      name: r.measure.name,
      sheet: r.measure.sheet,
      from: was ? was.status : null,
      to: r.status,
      reason: r.reason,
    });
  }
  for (const r of before.results) {
    if (seen.has(r.measure.key)) continue;
    moves.push({ key: r.measure.key, label: measureLabel(r), name: r.measure.name, sheet: r.measure.sheet, from: r.status, to: null, reason: '' });
  }
  return moves;
}

/**
 * Refreshes with the pane's edited configuration in place of the saved one.
 *
 * refresh() layers `options.config` over the saved configuration (mergeConfigs:
 * settings key by key, table and measure entries appended), which suits the CLI's
 * --config. The pane's draft is the whole configuration as the user wants it, and
 * layering it would keep a setting the user removed (an override put back to "as
 * the table") and append every table entry again on each Apply. So the refresh is
 * given the snapshot with the saved configuration emptied (state and change log
 * kept): layering the draft over nothing gives the draft exactly. The change log
 * entries refresh() then appends are made against nothing, so they are replaced by
 * the entries against the saved configuration: what, from, to, when, by "pane".
 */
export function refreshWithDraft(engine: Engine, snapshot: WorkbookSnapshot, draft: RagConfig, options: { now: string; appVersion: string }): RefreshOutcome {
  const saved = parseSavedDocument(snapshot.savedDocument);
  const run = (s: WorkbookSnapshot): RefreshOutcome =>
    engine.refresh(s, { now: options.now, appVersion: options.appVersion, config: draft, changedBy: PANE_CHANGED_BY });
  if (saved.kind !== 'ok') return run(snapshot);
  const emptied: SavedDocument = { ...saved.doc, config: { version: CONFIG_VERSION } };
  const outcome = run({ ...snapshot, savedDocument: serialiseSavedDocument(emptied) });
  const written = parseSavedDocument(outcome.plan.savedDocument);
  if (written.kind !== 'ok') return outcome;
  const doc: SavedDocument = {
    ...written.doc,
    changeLog: [...saved.doc.changeLog, ...diffConfigs(saved.doc.config, draft, options.now, PANE_CHANGED_BY)],
  };
  return { ...outcome, plan: { ...outcome.plan, savedDocument: serialiseSavedDocument(doc) } };
}

/** Who the change log says made the pane's changes. */
export const PANE_CHANGED_BY = 'pane';

export interface PreviewInput {
  snapshot: WorkbookSnapshot;
  baseline: RefreshReport;
  saved: RagConfig;
  draft: RagConfig;
  now: string;
  appVersion: string;
}

export function computePreview(engine: Engine, input: PreviewInput): Preview {
  const { report } = refreshWithDraft(engine, input.snapshot, input.draft, { now: input.now, appVersion: input.appVersion });
  return {
    moves: diffReports(input.baseline, report),
    overall: { from: input.baseline.summary.whole.overall, to: report.summary.whole.overall },
    edits: diffConfigs(input.saved, input.draft, input.now, PANE_CHANGED_BY),
    report,
  };
}

// ------------------------------------------------------------ exceptions

export interface ExceptionGroup {
  group: string;
  results: MeasureResult[];
}

const EXCEPTION_ORDER: Partial<Record<Status, number>> = { red: 0, amber: 1 };

/** The red and amber measures, grouped (directorate by default, as on the exception sheet), red first in each group. */
export function exceptionGroups(report: RefreshReport, groupBy: Parameters<typeof groupOf>[1] = 'directorate'): ExceptionGroup[] {
  const groups = new Map<string, MeasureResult[]>();
  for (const r of report.results) {
    if (r.status !== 'red' && r.status !== 'amber') continue;
    const g = groupOf(r, groupBy) ?? r.measure.sheet;
    const list = groups.get(g) ?? [];
    list.push(r);
    groups.set(g, list);
  }
  return [...groups].map(([group, results]) => ({
    group,
    results: results
      .map((r, i) => ({ r, i }))
      .sort((a, b) => (EXCEPTION_ORDER[a.r.status] ?? 9) - (EXCEPTION_ORDER[b.r.status] ?? 9) || a.i - b.i)
      .map(({ r }) => r),
  }));
}

/** The cell a measure is selected by: its name cell when known, else its actual, else column A of its row. */
export function measureCell(r: MeasureResult, report: RefreshReport): { sheet: string; row: number; col: number } {
  const m = r.measure;
  const table = report.tables.find((t) => t.id === m.tableId);
  const nameCol = table?.columns.find((c) => c.role === 'measure')?.col ?? table?.columns.find((c) => c.role === 'ref')?.col;
  if (nameCol !== undefined) return { sheet: m.sheet, row: m.row, col: nameCol };
  if (m.actualCell) return { sheet: m.sheet, row: m.actualCell.row, col: m.actualCell.col };
  return { sheet: m.sheet, row: m.row, col: table?.left ?? 0 };
}
