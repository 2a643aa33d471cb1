/**
 * Hand-made outcomes, a fake engine that follows the core's contract (saved
 * configuration layered with the pane's, change log appended, statuses from a
 * tolerance), a fake host, and a render helper for the pane.
 */
import { configure, render } from '@testing-library/react';
import { diffConfigs } from '../../src/core/config/changes';
import { mergeConfigs, workbookSettings, settingsFor, tableEntryMatches } from '../../src/core/config/resolve';
import { parseSavedDocument, serialiseSavedDocument, emptyDocument, type SavedDocument } from '../../src/core/config/saved';
import type { RagConfig } from '../../src/core/config/schema';
import { enGB } from '../../src/core/messages';
import { summarise } from '../../src/core/rules/summary';
import type { DetectedColumn, DetectedTable, MeasureResult, RefreshOutcome, RefreshReport, Status, WorkbookSnapshot, WritePlan } from '../../src/core/types';
import { PaneController } from '../../src/taskpane/controller';
import type { Engine, PaneRefreshOptions } from '../../src/taskpane/engine';
import type { FileWorkbook, WorkbookHost } from '../../src/taskpane/host';
import { Pane, type TabName } from '../../src/taskpane/components/Pane';

// Role queries over Fluent's DOM are slow in jsdom when the machine is busy: wait longer than the default 1 s.
configure({ asyncUtilTimeout: 5000 });

export const NOW = '2026-03-02T09:30:00.000Z';

/** One measure of the fake workbook. */
export interface FakeMeasure {
  ref: string;
  name: string;
  sheet: string;
  directorate: string;
  row: number;
  actual: number | null;
  target: number | null;
  lowerIsBetter?: boolean;
}

export const MEASURES: FakeMeasure[] = [
  { ref: 'CS1', name: 'Child protection visits on time', sheet: 'Children', directorate: "Children's Services", row: 4, actual: 96, target: 95 },
  { ref: 'CS2', name: 'Care leavers in education', sheet: 'Children', directorate: "Children's Services", row: 5, actual: 81, target: 90 },
  { ref: 'CS3', name: 'Assessments within 45 days', sheet: 'Children', directorate: "Children's Services", row: 6, actual: 70, target: 90 },
  { ref: 'CS4', name: 'Foster carers recruited', sheet: 'Children', directorate: "Children's Services", row: 7, actual: null, target: 20 },
  { ref: 'AD1', name: 'Days to deliver adaptations', sheet: 'Adults', directorate: 'Adult Services', row: 3, actual: 110, target: 100, lowerIsBetter: true },
  { ref: 'AD2', name: 'Reviews completed', sheet: 'Adults', directorate: 'Adult Services', row: 4, actual: 93, target: 100 },
  { ref: 'AD3', name: 'Carers assessed', sheet: 'Adults', directorate: 'Adult Services', row: 5, actual: 50, target: null },
];

function column(col: number, header: string, role: DetectedColumn['role']): DetectedColumn {
  return { col, header, role, roleSource: 'header' };
}

export function tablesFor(measures: FakeMeasure[], excluded: RagConfig['tables'] = []): DetectedTable[] {
  const sheets = [...new Set(measures.map((m) => m.sheet))];
  return sheets
    .filter((sheet) => !(excluded ?? []).some((e) => e.include === false && e.sheet === sheet))
    .map((sheet) => {
      const rows = measures.filter((m) => m.sheet === sheet).map((m) => m.row);
      const headerRow = Math.min(...rows) - 1;
      const last = Math.max(...rows);
      return {
        id: `${sheet}!A${headerRow + 1}:E${last + 1}`,
        sheet,
        excelTable: null,
        headerTop: headerRow,
        headerRow,
        firstDataRow: headerRow + 1,
        lastDataRow: last,
        left: 0,
        right: 4,
        layout: 'long' as const,
        columns: [column(0, 'Ref', 'ref'), column(1, 'Measure', 'measure'), column(2, 'Actual', 'actual'), column(3, 'Target', 'target'), column(4, 'Lead officer', 'owner')],
        currentPeriod: null,
        previousPeriod: null,
        measureRows: rows,
        sections: [],
        issues: [],
      };
    });
}

/** The status the fake engine gives: the DOMAIN rule with the resolved tolerance and polarity. */
export function fakeStatus(m: FakeMeasure, config: RagConfig, table: DetectedTable): { status: Status; reason: string } {
  const s = settingsFor(config, { sheet: m.sheet, excelTable: null, range: table.id.split('!')[1]! }, { sheet: m.sheet, ref: m.ref, name: m.name });
  if (m.actual === null) return { status: 'noData', reason: 'No data: the actual is blank' };
  if (m.target === null) return { status: 'noTarget', reason: 'No target: data only' };
  const lower = s.polarity === 'lower' || (m.lowerIsBetter && s.polarity === 'higher' && s.inferPolarityFromName);
  const gap = lower ? m.actual - m.target : m.target - m.actual;
  const allowed = s.tolerance.type === 'relative' ? (Math.abs(m.target) * s.tolerance.value) / 100 : s.tolerance.value;
  if (gap <= 0) {
    if (s.brag.enabled) {
      const margin = s.brag.margin.type === 'relative' ? (Math.abs(m.target) * s.brag.margin.value) / 100 : s.brag.margin.value;
      if (-gap >= margin) return { status: 'blue', reason: `Blue: ${m.actual} beats ${m.target}` };
    }
    return { status: 'green', reason: `Green: ${m.actual} meets the target of ${m.target}` };
  }
  if (gap <= allowed) return { status: 'amber', reason: `Amber: ${m.actual} is within the tolerance of ${m.target}` };
  return { status: 'red', reason: `Red: ${m.actual} is off the target of ${m.target} by more than the tolerance` };
}

export function resultFor(m: FakeMeasure, table: DetectedTable, status: Status, reason: string): MeasureResult {
  return {
    measure: {
      key: `${m.sheet}|${m.ref}`,
      sheet: m.sheet,
      tableId: table.id,
      row: m.row,
      ref: m.ref,
      name: m.name,
      directorate: m.directorate,
      service: null,
      priority: null,
      owner: null,
      commentary: status === 'red' ? null : 'On track',
      actual: m.actual === null ? { kind: 'missing', token: '', raw: null } : { kind: 'number', value: m.actual, scale: 'plain', raw: m.actual },
      actualCell: { row: m.row, col: 2 },
      target: m.target === null ? null : { kind: 'number', value: m.target, scale: 'plain', raw: m.target },
      targetCell: { row: m.row, col: 3 },
      annualTarget: null,
      previous: null,
      previousLabel: null,
      lastYear: null,
      series: [],
      polarityText: null,
      amberThreshold: null,
      redThreshold: null,
      toleranceText: null,
      complete: null,
      unitHint: null,
      userRag: null,
      issues: [],
    },
    polarity: m.lowerIsBetter ? 'lower' : 'higher',
    polaritySource: 'default',
    actual: m.actual,
    target: m.target,
    targetRange: null,
    scale: 'plain',
    status,
    reason,
    direction: 'none',
    directionReason: '',
    forecast: 'none',
    forecastReason: '',
    variance: m.actual !== null && m.target !== null ? m.actual - m.target : null,
    variancePercent: null,
    spc: null,
    change: null,
    commentaryMissing: status === 'red',
    issues: [],
  };
}

export function reportFor(measures: FakeMeasure[], config: RagConfig, now = NOW): RefreshReport {
  const tables = tablesFor(measures, config.tables);
  const results: MeasureResult[] = [];
  for (const m of measures) {
    const table = tables.find((t) => t.sheet === m.sheet);
    if (!table) continue;
    const { status, reason } = fakeStatus(m, config, table);
    results.push(resultFor(m, table, status, reason));
  }
  const summary = summarise(results, 'All measures', workbookSettings(config).overallRag);
  const issues = results
    .filter((r) => r.status === 'noData')
    .map((r) => ({ severity: 'warning' as const, sheet: r.measure.sheet, cell: `C${r.measure.row + 1}`, message: `No data for ${r.measure.ref}: the actual is blank.`, code: 'no-data' }));
  return {
    refreshedAt: now,
    tables,
    skippedSheets: [{ sheet: 'Notes', reason: 'no header row with a measure and an actual column' }],
    results,
    summary: { whole: summary, byDirectorate: [], byTable: [] },
    issues,
    changes: [],
    configErrors: [],
  };
}

/** A snapshot of the fake workbook: only its saved document matters to the fake engine. */
export function snapshotWith(savedDocument: string | null): WorkbookSnapshot {
  return { sheets: [], savedDocument, source: { host: 'excel' } };
}

export function savedText(config: RagConfig, changeLog: SavedDocument['changeLog'] = []): string {
  const doc = emptyDocument();
  doc.config = config;
  doc.changeLog = changeLog;
  return serialiseSavedDocument(doc);
}

/** A fake engine following the core's contract over MEASURES. */
export function fakeEngine(measures: FakeMeasure[] = MEASURES): Engine & { calls: PaneRefreshOptions[]; clears: number } {
  const calls: PaneRefreshOptions[] = [];
  const engine = {
    calls,
    clears: 0,
    refresh(snapshot: WorkbookSnapshot, options: PaneRefreshOptions): RefreshOutcome {
      calls.push(options);
      const saved = parseSavedDocument(snapshot.savedDocument);
      if (saved.kind === 'invalid' && !options.ignoreSavedConfig) {
        throw Object.assign(new Error('The RAG Refresh settings saved in this workbook cannot be used.'), { name: 'RefreshError', code: 'saved-config-invalid', details: saved.errors });
      }
      const doc: SavedDocument = saved.kind === 'none' ? emptyDocument() : saved.doc;
      // as the core: the given configuration is layered over the saved one, and the difference logged
      const config = options.config ? mergeConfigs(doc.config, options.config) : doc.config;
      const report = reportFor(measures, config, options.now);
      const changeLog = options.config ? [...doc.changeLog, ...diffConfigs(doc.config, config, options.now, options.changedBy)] : doc.changeLog;
      const next: SavedDocument = { ...doc, config: { ...config, version: 1 }, changeLog, state: null };
      return { report, plan: { ...emptyPlan(serialiseSavedDocument(next)), exceptionSheet: { name: 'RAG Exceptions', cells: [], columnWidths: [], table: null, rules: [], print: { orientation: 'landscape', fitToWidth: true, repeatRows: null }, freezeRows: 0 } } };
    },
    clearPlan(): WritePlan {
      engine.clears++;
      return emptyPlan(null);
    },
  };
  return engine;
}

export function emptyPlan(savedDocument: string | null): WritePlan {
  return { clear: [], statusBlocks: [], exceptionSheet: null, removeSheets: [], savedDocument };
}

/** A host over one snapshot: apply stores the plan's saved document, as both shells do. */
export function fakeHost(kind: 'excel' | 'file' = 'excel', savedDocument: string | null = null) {
  let snapshot = snapshotWith(savedDocument);
  const applied: WritePlan[] = [];
  const selected: string[] = [];
  let reads = 0;
  let failNext: Error | null = null;
  let fileName: string | null = null;
  let changed = false;
  const downloads: string[] = [];
  const file: FileWorkbook = {
    async open(name) {
      fileName = name;
      changed = false;
      return snapshot;
    },
    current: () => (fileName === null ? null : { name: fileName, changed }),
    download: (name) => {
      downloads.push(name);
    },
  };
  const host: WorkbookHost & { applied: WritePlan[]; selected: string[]; reads: () => number; failNextWith: (e: Error) => void; downloads: string[]; setSaved: (t: string | null) => void } = {
    kind,
    canSelect: kind === 'excel',
    ...(kind === 'file' ? { file } : {}),
    applied,
    selected,
    downloads,
    reads: () => reads,
    failNextWith: (e) => {
      failNext = e;
    },
    setSaved: (t) => {
      snapshot = snapshotWith(t);
    },
    async read() {
      reads++;
      if (failNext) {
        const e = failNext;
        failNext = null;
        throw e;
      }
      return snapshot;
    },
    async apply(plan) {
      applied.push(plan);
      snapshot = snapshotWith(plan.savedDocument);
      changed = true;
    },
    async select(sheet, cell) {
      selected.push(`${sheet}!${cell}`);
    },
  };
  return host;
}

export function makeController(host: WorkbookHost, engine: Engine = fakeEngine()): PaneController {
  return new PaneController({
    host,
    engine,
    messages: enGB,
    appVersion: '0.1.0-test',
    now: () => NOW,
    yieldToUi: () => Promise.resolve(),
    previewDelay: 0,
  });
}

export function renderPane(controller: PaneController, initialTab: TabName = 'refresh') {
  return render(<Pane controller={controller} messages={enGB} theme="light" initialTab={initialTab} />);
}

export { tableEntryMatches };
