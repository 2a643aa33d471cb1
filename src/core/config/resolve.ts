/**
 * Defaults, validation messages and layering of the configuration.
 */
import type { z } from 'zod';
import {
  CONFIG_VERSION,
  configSchema,
  type MeasureConfig,
  type RagConfig,
  type Settings,
  type SettingsLayer,
  type SpcPreset,
  type TableConfig,
} from './schema';

export const SPC_PRESETS: Record<SpcPreset, Omit<Settings['statisticalTrend'], 'enabled' | 'preset' | 'baselinePoints' | 'rebaseAt'>> = {
  plotthedots: {
    shiftLength: 7,
    trendLength: 7,
    screenOutliers: true,
    twoOfThreeIncludesBeyondLimits: false,
    targetOnLimit: 'hit-and-miss',
    minimumPoints: 13,
  },
  'nhse-2024': {
    shiftLength: 6,
    trendLength: 6,
    screenOutliers: false,
    twoOfThreeIncludesBeyondLimits: true,
    targetOnLimit: 'pass-fail',
    minimumPoints: 13,
  },
};

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  tolerance: { type: 'relative', value: 10 },
  polarity: 'higher',
  inferPolarityFromName: true,
  brag: { enabled: false, margin: { type: 'relative', value: 10 } },
  directionOfTravel: { compareWith: 'previous', sustainedBand: { type: 'relative', value: 1 } },
  forecast: { method: 'linear', yearStartMonth: 4 },
  statisticalTrend: { enabled: false, preset: 'plotthedots', baselinePoints: null, rebaseAt: [], ...SPC_PRESETS.plotthedots },
  overallRag: { rule: 'mean-score', redShareForRed: 25, redShareForAmber: 10 },
}) as Settings;

export const DEFAULT_OUTPUT = {
  exceptionSheet: 'RAG Exceptions',
  columns: ['rag', 'direction', 'forecast', 'variance', 'variancePercent'] as const,
  groupBy: 'directorate' as const,
  language: 'en-GB',
};

export type ConfigResult = { ok: true; config: RagConfig } | { ok: false; errors: string[] };

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(the whole document)';
  return path
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`))
    .join('');
}

/** Turns zod issues into messages that name the path, the value found and what was expected. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string[] {
  return issues.map((issue) => {
    const path = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      return `${path}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    }
    const value = describeValue(valueAt(input, issue.path));
    let expected = issue.message.replace(/^Invalid input: /, '');
    if (issue.code === 'invalid_union') {
      expected = 'expected an amount such as "10%" (relative), "2" or "2pp" (absolute), or {"relative": 10}';
      const nested = (issue as { errors?: z.core.$ZodIssue[][] }).errors?.flat().find((e) => e.code === 'custom');
      if (nested) expected = nested.message;
    }
    return `${path}: found ${value}; ${expected}`;
  });
}

/** Validates a parsed JSON value as a configuration. */
export function validateConfig(input: unknown): ConfigResult {
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    const version = (input as { version?: unknown }).version;
    if (typeof version === 'number' && version > CONFIG_VERSION) {
      return {
        ok: false,
        errors: [
          `version: this configuration was saved by a newer version of RAG Refresh (configuration version ${version}); this version reads version ${CONFIG_VERSION}. Update RAG Refresh, or refresh with the default settings.`,
        ],
      };
    }
  }
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: describeIssues(parsed.error.issues, input) };
  return { ok: true, config: parsed.data };
}

/** Parses configuration text (a file, or the pane's editor). JSON errors name the line and column. */
export function parseConfigText(text: string): ConfigResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    if (pos) {
      const offset = Number(pos[1]);
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - before.lastIndexOf('\n');
      return { ok: false, errors: [`not valid JSON at line ${line}, column ${column}: ${msg}`] };
    }
    return { ok: false, errors: [`not valid JSON: ${msg}`] };
  }
  return validateConfig(json);
}

function mergeLayer(base: Settings, layer: SettingsLayer | undefined): Settings {
  if (!layer) return base;
  let trend = base.statisticalTrend;
  if (layer.statisticalTrend) {
    const t = layer.statisticalTrend;
    // Choosing a preset resets the rule settings to that preset; settings given beside it still win.
    if (t.preset !== undefined) trend = { ...trend, preset: t.preset, ...SPC_PRESETS[t.preset] };
    trend = {
      ...trend,
      ...(Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) as Partial<Settings['statisticalTrend']>),
    };
  }
  const pick = <T extends object>(b: T, l: Partial<T> | undefined): T =>
    l ? { ...b, ...(Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined)) as Partial<T>) } : b;
  return {
    tolerance: layer.tolerance ?? base.tolerance,
    polarity: layer.polarity ?? base.polarity,
    inferPolarityFromName: layer.inferPolarityFromName ?? base.inferPolarityFromName,
    brag: pick(base.brag, layer.brag),
    directionOfTravel: pick(base.directionOfTravel, layer.directionOfTravel),
    forecast: pick(base.forecast, layer.forecast),
    statisticalTrend: trend,
    overallRag: pick(base.overallRag, layer.overallRag),
  };
}

const SETTING_KEYS = [
  'tolerance',
  'polarity',
  'inferPolarityFromName',
  'brag',
  'directionOfTravel',
  'forecast',
  'statisticalTrend',
  'overallRag',
] as const;

function settingsOf(entry: TableConfig | MeasureConfig): SettingsLayer {
  const out: Record<string, unknown> = {};
  for (const k of SETTING_KEYS) if (entry[k] !== undefined) out[k] = entry[k];
  return out as SettingsLayer;
}

export function norm(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Identifies the table a TableConfig entry is about. */
export interface TableIdentity {
  sheet: string;
  excelTable: string | null;
  /** A1 range of the detected block (header to last row). */
  range: string;
}

export function tableEntryMatches(entry: TableConfig, t: TableIdentity): boolean {
  if (norm(entry.sheet) !== norm(t.sheet)) return false;
  if (entry.excelTable !== undefined) return t.excelTable !== null && norm(entry.excelTable) === norm(t.excelTable);
  if (entry.range !== undefined) return entry.range.replace(/\$/g, '').toUpperCase() === t.range.toUpperCase();
  return true;
}

export interface MeasureIdentity {
  sheet: string;
  ref: string | null;
  name: string;
}

export function measureEntryMatches(entry: MeasureConfig, m: MeasureIdentity): boolean {
  if (entry.sheet !== undefined && norm(entry.sheet) !== norm(m.sheet)) return false;
  if (entry.ref !== undefined) return m.ref !== null && norm(entry.ref) === norm(m.ref);
  if (entry.name !== undefined) return norm(entry.name) === norm(m.name);
  return false;
}

/** Workbook-level settings: defaults < config.settings. */
export function workbookSettings(config: RagConfig): Settings {
  return mergeLayer(DEFAULT_SETTINGS, config.settings);
}

/** Settings for one measure: defaults < workbook < table < measure. */
export function settingsFor(config: RagConfig, table: TableIdentity, measure: MeasureIdentity): Settings {
  let s = workbookSettings(config);
  for (const t of config.tables ?? []) if (tableEntryMatches(t, table)) s = mergeLayer(s, settingsOf(t));
  for (const m of config.measures ?? []) if (measureEntryMatches(m, measure)) s = mergeLayer(s, settingsOf(m));
  return s;
}

/** Settings for a table (overall RAG rule of the table): defaults < workbook < table. */
export function tableSettings(config: RagConfig, table: TableIdentity): Settings {
  let s = workbookSettings(config);
  for (const t of config.tables ?? []) if (tableEntryMatches(t, table)) s = mergeLayer(s, settingsOf(t));
  return s;
}

/** The measure entry that overrides a target, if any (the last match wins). */
export function measureEntriesFor(config: RagConfig, measure: MeasureIdentity): MeasureConfig[] {
  return (config.measures ?? []).filter((m) => measureEntryMatches(m, measure));
}

export function tableEntriesFor(config: RagConfig, table: TableIdentity): TableConfig[] {
  return (config.tables ?? []).filter((t) => tableEntryMatches(t, table));
}

/** One settings key of two layers, `b` winning: nested groups (brag, forecast…) key by key; amounts whole. */
function mergeSetting(a: unknown, b: unknown): unknown {
  return typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && !('type' in b) ? { ...a, ...b } : (b ?? a);
}

/** Two layers of settings (or two entries for the same table or measure), `b` winning key by key. */
function mergeLayers<T extends object>(a: T, b: T): T {
  const out = { ...a, ...b } as Record<string, unknown>;
  for (const k of SETTING_KEYS) {
    const v = mergeSetting((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]);
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  const ca = (a as { columns?: Record<string, string> }).columns;
  const cb = (b as { columns?: Record<string, string> }).columns;
  if (ca && cb) out.columns = { ...ca, ...cb };
  return out as T;
}

/** What names the table or measure an entry is about: entries with the same name are one entry. */
const tableEntryKey = (t: TableConfig): string =>
  [norm(t.sheet), (t.range ?? '').replace(/\$/g, '').toUpperCase(), norm(t.excelTable ?? ''), t.headerRow ?? ''].join('|');
const measureEntryKey = (m: MeasureConfig): string => [norm(m.ref ?? ''), norm(m.name ?? ''), norm(m.sheet ?? '')].join('|');

/**
 * `over`'s entries after `base`'s; an entry naming the same table or measure as one of
 * `base`'s replaces it, merged with it (so a configuration given again, or a setting changed
 * twice, stays one entry, and it still comes after the others, winning where both match).
 */
function mergeEntries<T extends object>(base: readonly T[], over: readonly T[], key: (e: T) => string): T[] {
  const out = base.slice();
  for (const o of over) {
    const k = key(o);
    const at = out.findIndex((e) => key(e) === k);
    if (at < 0) out.push(o);
    else out.push(mergeLayers(out.splice(at, 1)[0]!, o));
  }
  return out;
}

/**
 * Combines two configurations, `over` winning: settings merge key by key; tables and
 * measures entries are appended, an entry for the same table or measure as an earlier one
 * merged into it (later entries win where both match); output and detection merge.
 */
export function mergeConfigs(base: RagConfig, over: RagConfig): RagConfig {
  const mergeObj = <T extends object>(a: T | undefined, b: T | undefined): T | undefined =>
    a === undefined ? b : b === undefined ? a : { ...a, ...b };
  const settings =
    base.settings === undefined ? over.settings : over.settings === undefined ? base.settings : mergeLayers(base.settings, over.settings);
  const out: RagConfig = { version: CONFIG_VERSION };
  if (settings !== undefined) out.settings = settings;
  const tables = mergeEntries(base.tables ?? [], over.tables ?? [], tableEntryKey);
  if (tables.length) out.tables = tables;
  const measures = mergeEntries(base.measures ?? [], over.measures ?? [], measureEntryKey);
  if (measures.length) out.measures = measures;
  const output = mergeObj(base.output, over.output);
  if (output) out.output = output;
  const detection = mergeObj(base.detection, over.detection);
  if (detection) out.detection = detection;
  return out;
}
