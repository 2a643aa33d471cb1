/**
 * The whole refresh, pure: Snapshot in, WritePlan + Report out.
 *
 *   saved document -> configuration (defaults < workbook < --config/pane)
 *   -> detect tables -> extract measures -> rules (+ SPC) -> summary
 *   -> status blocks + exception sheet + saved document = WritePlan
 */
import { cellAddress, rangeAddress } from './a1';
import { diffConfigs } from './config/changes';
import {
  DEFAULT_OUTPUT,
  mergeConfigs,
  measureEntriesFor,
  settingsFor,
  tableEntriesFor,
  tableSettings,
  workbookSettings,
  type TableIdentity,
} from './config/resolve';
import {
  emptyDocument,
  parseSavedDocument,
  serialiseSavedDocument,
  type RefreshState,
  type SavedDocument,
} from './config/saved';
import { CONFIG_VERSION, type RagConfig } from './config/schema';
import { detectTables, extractWorkbookMeasures } from './detect';
import { tableNameFor } from './names';
import { fmt, messages, useCatalogue, type Catalogue } from './messages';
import { getCatalogue, hasLocale, resolveLocale } from './messages/catalogues';
import { buildExceptionSheet, groupOf, type GroupBy } from './plan/exceptionSheet';
import { placeBlocks, type BlockRequest } from './plan/statusColumns';
import { evaluateMeasure } from './rules/evaluate';
import { groupSummaries, summarise } from './rules/summary';
import { directionFromPolarity, measureSpc } from './spc';
import { currentPosition, orderedSeries } from './rules/series';
import type { Settings } from './config/schema';
import type {
  DetectedTable,
  Issue,
  Measure,
  MeasureResult,
  MeasureSpc,
  Polarity,
  RefreshOutcome,
  RefreshReport,
  SheetSnapshot,
  StatusColumnKey,
  WorkbookSnapshot,
  WritePlan,
} from './types';

/**
 * The statistical trend of a measure: its series in period order up to the period being
 * reported (later periods are not part of what is reported on), one value per period.
 */
function statisticalTrend(measure: Measure, result: MeasureResult, settings: Settings['statisticalTrend']): MeasureSpc {
  const ordered = orderedSeries(measure.series);
  let at = currentPosition(measure, ordered);
  // every point of the current period belongs (a duplicate of it may sort after the current one)
  while (at >= 0 && at + 1 < ordered.length && ordered[at + 1]!.period.order === ordered[at]!.period.order) at++;
  const upTo = at >= 0 ? ordered.slice(0, at + 1) : ordered;
  const duplicated: string[] = [];
  for (let i = 1; i < upTo.length; i++) {
    if (upTo[i]!.period.order === upTo[i - 1]!.period.order && !duplicated.includes(upTo[i]!.period.label)) duplicated.push(upTo[i]!.period.label);
  }
  if (duplicated.length > 0) {
    const periods = duplicated.join(', ');
    const text = fmt(messages.common.spc.duplicatePeriods, { periods });
    const warning = fmt(messages.spc.duplicatePeriods, { periods });
    return { variation: null, assurance: null, points: upTo.length, text: { variation: text, assurance: text }, warnings: [warning], dataWarnings: [warning] };
  }
  return measureSpc(
    upTo.map((p) => (p.value.kind === 'number' ? p.value.value : null)),
    upTo.map((p) => p.period.label),
    directionFromPolarity(result.polarity),
    result.targetRange ? null : result.target,
    settings,
  );
}

export interface RefreshOptions {
  /** The words to write with, instead of the catalogue of the configuration's output.language. */
  catalogue?: Catalogue;
  /** ISO time of the refresh, local time with its offset ("2026-11-23T18:50:00+00:00"); the core reads no clock. */
  now: string;
  /** Configuration layered over the workbook's saved one (the CLI's --config, the pane's edits). */
  config?: RagConfig;
  /** Who made the configuration change, for the change log ("pane", "cli --config"). */
  changedBy?: string;
  /** Refresh with the defaults, setting aside a saved configuration that is invalid (after the user confirmed). */
  ignoreSavedConfig?: boolean;
  /** Version of RAG Refresh, recorded in the saved document. */
  appVersion: string;
  /**
   * Called as each stage of the refresh ends, with its name (for timing by the caller; the core
   * reads no clock). Nothing else depends on it.
   */
  onPhase?: (phase: RefreshPhase) => void;
}

/** The stages of a refresh, in order. */
export type RefreshPhase = 'detect' | 'measures' | 'summary' | 'statusColumns' | 'exceptionSheet' | 'savedDocument' | 'report';

/** A refresh that cannot go ahead; nothing is written. */
export class RefreshError extends Error {
  constructor(
    readonly code: 'saved-config-invalid' | 'no-room',
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'RefreshError';
  }
}

/**
 * How the configuration names a table: the range its id carries (detection's identity: the
 * user's range, or the range a `tables[]` entry forced), as extraction names it, so the
 * settings of a table are found the same way everywhere.
 */
function tableIdentity(t: DetectedTable): TableIdentity {
  // the range follows the last "!" (a sheet name may hold one; a range never does)
  return { sheet: t.sheet, excelTable: t.excelTable, range: t.id.slice(t.id.lastIndexOf('!') + 1) };
}

/** The polarity some configuration layer sets for this measure (null when only the default applies). */
function configuredPolarity(config: RagConfig, table: TableIdentity, m: { sheet: string; ref: string | null; name: string } | null): Polarity | null {
  let p: Polarity | null = config.settings?.polarity ?? null;
  for (const t of tableEntriesFor(config, table)) if (t.polarity) p = t.polarity;
  // null: no measure entries (the caller checked), so no measure layer
  if (m) for (const e of measureEntriesFor(config, m)) if (e.polarity) p = e.polarity;
  return p;
}

/** The sheets the add-in wrote itself: its exception sheet (by the saved state, or by its marker text). */
function isOwnSheet(sheet: SheetSnapshot, state: RefreshState | null): boolean {
  if (state?.exceptionSheet && state.exceptionSheet === sheet.name) return true;
  const a2 = sheet.origin.row <= 1 && sheet.origin.col === 0 ? sheet.values[1 - sheet.origin.row]?.[0] : undefined;
  return typeof a2 === 'string' && a2.startsWith(messages.plan.exceptions.marker);
}

function uniqueName(wanted: string, taken: Set<string>, max = 31): string {
  const lower = new Set([...taken].map((s) => s.toLowerCase()));
  if (!lower.has(wanted.toLowerCase())) return wanted;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = wanted.slice(0, max - suffix.length) + suffix;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/** Loads the saved document, or explains why it cannot be used. */
function loadSaved(snapshot: WorkbookSnapshot, options: RefreshOptions): { doc: SavedDocument; warnings: string[] } {
  const saved = parseSavedDocument(snapshot.savedDocument);
  if (saved.kind === 'none') return { doc: emptyDocument(), warnings: [] };
  if (saved.kind === 'ok') return { doc: saved.doc, warnings: [] };
  if (!options.ignoreSavedConfig) {
    throw new RefreshError('saved-config-invalid', fmt(messages.refresh.savedInvalid, { count: saved.errors.length }), saved.errors);
  }
  const doc = saved.doc;
  doc.setAside = [...(doc.setAside ?? []), { at: options.now, text: saved.text, errors: saved.errors }];
  return { doc, warnings: [messages.refresh.savedSetAside] };
}

export function refresh(snapshot: WorkbookSnapshot, options: RefreshOptions): RefreshOutcome {
  const saved = loadSaved(snapshot, options);
  const config = options.config ? mergeConfigs(saved.doc.config, options.config) : saved.doc.config;
  // Everything the refresh writes is in the workbook's language (output.language), whatever the reader's.
  const language = config.output?.language;
  const before = useCatalogue(options.catalogue ?? getCatalogue(language));
  try {
    const outcome = refreshLoaded(snapshot, options, saved, config);
    if (!options.catalogue && language !== undefined && !hasLocale(language)) {
      outcome.report.issues.push({ severity: 'info', code: 'language-unavailable', sheet: '', cell: '', message: fmt(messages.refresh.languageUnavailable, { language, used: resolveLocale(language) }) });
    }
    return outcome;
  } finally {
    useCatalogue(before);
  }
}

function refreshLoaded(snapshot: WorkbookSnapshot, options: RefreshOptions, saved: ReturnType<typeof loadSaved>, config: RagConfig): RefreshOutcome {
  const { doc, warnings } = saved;
  const state = doc.state;
  const output = { ...DEFAULT_OUTPUT, ...config.output };
  const groupBy: GroupBy = output.groupBy;
  const issues: Issue[] = warnings.map((message) => ({ severity: 'warning', code: 'saved-config-set-aside', sheet: '', cell: '', message }));

  // The add-in's own sheets are not measure tables.
  const ownSheets = snapshot.sheets.filter((s) => isOwnSheet(s, state)).map((s) => s.name);
  const userSheets = snapshot.sheets.filter((s) => !ownSheets.includes(s.name));
  const exceptionName = uniqueName(output.exceptionSheet, new Set(userSheets.map((s) => s.name)));
  if (exceptionName !== output.exceptionSheet) {
    issues.push({
      severity: 'info',
      code: 'exception-sheet-renamed',
      sheet: output.exceptionSheet,
      cell: '',
      message: fmt(messages.plan.sheetNameTaken, { name: output.exceptionSheet, used: exceptionName }),
    });
  }

  const detected = detectTables({ ...snapshot, sheets: userSheets }, config, state?.blocks ?? [], exceptionName);
  issues.push(...detected.issues);
  options.onPhase?.('detect');
  const sheetByName = new Map(userSheets.map((s) => [s.name, s]));

  const results: MeasureResult[] = [];
  const requests: BlockRequest[] = [];
  const byTable: { table: DetectedTable; results: MeasureResult[] }[] = [];
  const keys = (output.columns as readonly StatusColumnKey[]).filter((k) => k !== 'variation' && k !== 'assurance');
  const nameColumn = new Map<string, number>();

  // Every table's measures, keyed uniquely on each sheet (two tables of a sheet may both have an "X"):
  // the keys are what the saved statuses remember between refreshes.
  const measuresOf = new Map<string, Measure[]>();
  for (const m of extractWorkbookMeasures(detected.tables, { ...snapshot, sheets: userSheets }, config)) {
    const list = measuresOf.get(m.tableId);
    if (list) list.push(m);
    else measuresOf.set(m.tableId, [m]);
  }

  for (const table of detected.tables) {
    const sheet = sheetByName.get(table.sheet);
    if (!sheet) continue;
    issues.push(...table.issues);
    const id = tableIdentity(table);
    const measureCol = table.columns.find((c) => c.role === 'measure') ?? table.columns.find((c) => c.role === 'ref');
    nameColumn.set(table.id, measureCol ? measureCol.col : table.left);
    const tableResults: MeasureResult[] = [];
    let spcUsed = false;
    // Without measure entries in the configuration, every measure of the table has the table's settings and polarity.
    const perMeasure = (config.measures?.length ?? 0) > 0;
    const tableLevel = perMeasure ? null : { settings: tableSettings(config, id), polarity: configuredPolarity(config, id, null) };
    for (const measure of measuresOf.get(table.id) ?? []) {
      const mid = tableLevel ? null : { sheet: measure.sheet, ref: measure.ref, name: measure.name };
      const settings = mid ? settingsFor(config, id, mid) : tableLevel!.settings;
      const result = evaluateMeasure(measure, settings, {
        polarityFromConfig: mid ? configuredPolarity(config, id, mid) : tableLevel!.polarity,
        previousStatus: state ? (state.statuses[measure.key] ?? null) : undefined,
      });
      if (settings.statisticalTrend.enabled && measure.series.length > 0) {
        spcUsed = true;
        result.spc = statisticalTrend(measure, result, settings.statisticalTrend);
        const cell = cellAddress(measure.row, nameColumn.get(table.id) ?? 0);
        // Findings about the data are data-quality issues; the rest (too few points, short groups) inform.
        const data = new Set(result.spc.dataWarnings);
        for (const w of result.spc.warnings) {
          const message = fmt(messages.rules.issues.named, { name: measure.name, message: w });
          result.issues.push({ severity: data.has(w) ? 'warning' : 'info', code: 'spc', sheet: measure.sheet, cell, message });
        }
      }
      // The rules restate the extractor's findings with the measure's name: keep one of each.
      if (measure.issues.length > 0) {
        const restated = new Set(result.issues.map((i) => `${i.code}@${i.cell}`));
        for (const i of measure.issues) if (!restated.has(`${i.code}@${i.cell}`)) issues.push(i);
      }
      for (const i of result.issues) issues.push(i);
      tableResults.push(result);
    }
    for (const r of tableResults) results.push(r);
    byTable.push({ table, results: tableResults });
    // The statistical trend's columns follow the others where a table has a trend: where the
    // configuration lists the columns, only those listed, in its order; by default both.
    const listed = config.output?.columns !== undefined;
    const tableKeys: StatusColumnKey[] = !spcUsed
      ? keys
      : listed
        ? (output.columns as readonly StatusColumnKey[]).filter((k, i, all) => all.indexOf(k) === i)
        : [...keys, 'variation', 'assurance'];
    requests.push({ table, sheet, results: tableResults, keys: tableKeys });
  }

  options.onPhase?.('measures');
  // Summary figures
  const wb = workbookSettings(config);
  const whole = summarise(results, messages.refresh.allMeasures, wb.overallRag);
  const ungrouped = fmt(messages.plan.exceptions.ungrouped, { group: messages.plan.exceptions.groupNames[groupBy] });
  const groups = groupSummaries(results, (r) => groupOf(r, groupBy) ?? ungrouped, wb.overallRag);
  const byDirectorate = groupBy === 'directorate' ? groups : groupSummaries(results, (r) => groupOf(r, 'directorate') ?? ungrouped, wb.overallRag);
  const tableSummaries = byTable.map(({ table, results: rs }) =>
    summarise(rs, table.excelTable ?? `${table.sheet}!${rangeAddress({ top: table.headerRow, left: table.left, bottom: table.lastDataRow, right: table.right })}`, wb.overallRag),
  );
  const summary = { whole, byDirectorate, byTable: tableSummaries };

  options.onPhase?.('summary');
  // Status columns
  const placed = placeBlocks(requests, state?.blocks ?? []);
  issues.push(...placed.issues);

  options.onPhase?.('statusColumns');
  // Exception sheet
  const anySpc = results.some((r) => r.spc !== null);
  // a table name must not be another table's or a defined name, whatever the case
  const takenTableNames = new Set([...userSheets.flatMap((s) => s.tables.map((t) => t.name)), ...(snapshot.definedNames ?? [])].map((n) => n.toLowerCase()));
  const exceptionSheet = buildExceptionSheet({
    name: exceptionName,
    tableName: tableNameFor('RAGExceptions', takenTableNames),
    results,
    summary,
    groups,
    groupBy,
    tableCount: detected.tables.length,
    issues,
    now: options.now,
    ...(snapshot.source.fileName ? { fileName: snapshot.source.fileName } : {}),
    previousRefresh: state && state.refreshedAt ? state.refreshedAt : null,
    spc: anySpc,
    linkColumn: (r) => nameColumn.get(r.measure.tableId) ?? r.measure.actualCell?.col ?? 0,
  });

  options.onPhase?.('exceptionSheet');
  // Saved document: the configuration, what was written, and the change log.
  const statuses: Record<string, MeasureResult['status']> = {};
  for (const r of results) statuses[r.measure.key] = r.status;
  const newDoc: SavedDocument = {
    ...doc,
    config: { ...config, version: CONFIG_VERSION },
    state: {
      refreshedAt: options.now,
      appVersion: options.appVersion,
      exceptionSheet: exceptionName,
      blocks: placed.owned,
      statuses,
    },
    changeLog: [...doc.changeLog, ...(options.config ? diffConfigs(doc.config, config, options.now, options.changedBy) : [])],
  };

  const plan: WritePlan = {
    clear: state?.blocks ?? [],
    statusBlocks: placed.blocks,
    exceptionSheet,
    removeSheets: ownSheets,
    savedDocument: serialiseSavedDocument(newDoc),
  };

  options.onPhase?.('savedDocument');
  const changes = results
    .filter((r) => r.change !== null)
    .map((r) => ({ key: r.measure.key, name: r.measure.name, sheet: r.measure.sheet, change: r.change! }));

  const report: RefreshReport = {
    refreshedAt: options.now,
    tables: detected.tables,
    skippedSheets: detected.skippedSheets,
    results,
    summary,
    issues,
    changes,
    configErrors: [],
  };
  options.onPhase?.('report');
  return { plan, report };
}

/** The plan for Clear RAG: remove every column, format, sheet and setting the add-in added. */
export function clearPlan(snapshot: WorkbookSnapshot): WritePlan {
  const saved = parseSavedDocument(snapshot.savedDocument);
  const state = saved.kind === 'none' ? null : saved.doc.state;
  const ownSheets = snapshot.sheets.filter((s) => isOwnSheet(s, state)).map((s) => s.name);
  return { clear: state?.blocks ?? [], statusBlocks: [], exceptionSheet: null, removeSheets: ownSheets, savedDocument: null };
}
