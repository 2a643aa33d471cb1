/**
 * Edits of the configuration, pure: every control of the Thresholds and Tables
 * panels turns into one of these functions, old configuration in, new one out.
 * Inputs are checked where they are typed (parseAmountInput & co.), so only valid
 * values reach the configuration.
 */
import type { DetectedTable, MeasureResult } from '../core/types';
import { amountSchema, CONFIG_VERSION, type Amount, type MeasureConfig, type RagConfig, type SettingsLayer, type TableConfig } from '../core/config/schema';
import { norm, type TableIdentity } from '../core/config/resolve';
import { columnLetters, rangeAddress } from '../core/a1';

// ------------------------------------------------------------ paths of settings

export const SETTING_PATHS = [
  'tolerance',
  'polarity',
  'inferPolarityFromName',
  'brag.enabled',
  'brag.margin',
  'directionOfTravel.compareWith',
  'directionOfTravel.sustainedBand',
  'forecast.method',
  'forecast.yearStartMonth',
  'statisticalTrend.enabled',
  'statisticalTrend.preset',
  'overallRag.rule',
  'overallRag.redShareForRed',
  'overallRag.redShareForAmber',
] as const;
export type SettingPath = (typeof SETTING_PATHS)[number];

export function getSetting(layer: SettingsLayer | undefined, path: SettingPath): unknown {
  if (!layer) return undefined;
  const [a, b] = path.split('.') as [keyof SettingsLayer, string | undefined];
  const v = layer[a];
  if (b === undefined) return v;
  return v && typeof v === 'object' ? (v as Record<string, unknown>)[b] : undefined;
}

/** Sets (or, with undefined, removes) one setting of a layer. Empty groups are removed. */
export function setSetting<T extends SettingsLayer>(layer: T | undefined, path: SettingPath, value: unknown): T {
  const out: Record<string, unknown> = { ...(layer ?? {}) };
  const [a, b] = path.split('.') as [string, string | undefined];
  if (b === undefined) {
    if (value === undefined) delete out[a];
    else out[a] = value;
    return out as T;
  }
  const group: Record<string, unknown> = { ...((out[a] as Record<string, unknown> | undefined) ?? {}) };
  if (value === undefined) delete group[b];
  else group[b] = value;
  if (Object.keys(group).length === 0) delete out[a];
  else out[a] = group;
  return out as T;
}

// ------------------------------------------------------------ scopes

/** Which entry of the configuration an edit goes to. */
export type Scope =
  | { level: 'workbook' }
  | { level: 'table'; key: TableKey }
  | { level: 'measure'; key: MeasureKey };

/** Identifies a table entry: its sheet, and the Excel table or the A1 range when the sheet has more than one table. */
export interface TableKey {
  sheet: string;
  excelTable?: string;
  range?: string;
}

export interface MeasureKey {
  sheet: string;
  ref?: string;
  name?: string;
}

/**
 * The user's table, header to last row, without the status columns RAG Refresh writes
 * beside it: the range the engine resolves a table's settings with and matches a
 * `tables[]` entry's `range` against (src/core/refresh.ts tableIdentity, and the
 * detection's identityOf). The table's id is not used: an entry written with a range
 * the engine does not match is saved and logged, and has no effect.
 */
export function tableRange(table: DetectedTable): string {
  return rangeAddress({ top: table.headerTop, left: table.left, bottom: table.lastDataRow, right: table.right });
}

/** The identity the core's resolve functions take for a detected table (tableSettings, settingsFor). */
export function tableIdentityOf(table: DetectedTable): TableIdentity {
  return { sheet: table.sheet, excelTable: table.excelTable, range: tableRange(table) };
}

/** A stable name of a detected table for the pane's choices: its sheet and range (the id can change when an edit forces the range). */
export function tableChoiceKey(table: DetectedTable): string {
  return `${table.sheet}!${tableRange(table)}`;
}

/** The entry key for a detected table. One table on its sheet: the sheet alone (survives the table growing). */
export function tableKeyOf(table: DetectedTable, all: readonly DetectedTable[]): TableKey {
  if (table.excelTable) return { sheet: table.sheet, excelTable: table.excelTable };
  const onSheet = all.filter((t) => norm(t.sheet) === norm(table.sheet));
  if (onSheet.length <= 1) return { sheet: table.sheet };
  return { sheet: table.sheet, range: tableRange(table) };
}

export function measureKeyOf(r: MeasureResult): MeasureKey {
  return r.measure.ref ? { sheet: r.measure.sheet, ref: r.measure.ref } : { sheet: r.measure.sheet, name: r.measure.name };
}

const TABLE_KEY_FIELDS = ['sheet', 'excelTable', 'range'] as const;
const MEASURE_KEY_FIELDS = ['sheet', 'ref', 'name'] as const;

function sameText(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return norm(a) === norm(b);
}

export function isTableEntryFor(entry: TableConfig, key: TableKey): boolean {
  return (
    sameText(entry.sheet, key.sheet) &&
    sameText(entry.excelTable, key.excelTable) &&
    ((entry.range === undefined && key.range === undefined) ||
      (entry.range !== undefined && key.range !== undefined && entry.range.replace(/\$/g, '').toUpperCase() === key.range.toUpperCase()))
  );
}

export function isMeasureEntryFor(entry: MeasureConfig, key: MeasureKey): boolean {
  return sameText(entry.sheet, key.sheet) && sameText(entry.ref, key.ref) && (key.ref !== undefined || sameText(entry.name, key.name));
}

/** The table entry with exactly this key (the last, if several), or undefined. */
export function findTableEntry(config: RagConfig, key: TableKey): TableConfig | undefined {
  return [...(config.tables ?? [])].reverse().find((e) => isTableEntryFor(e, key));
}

export function findMeasureEntry(config: RagConfig, key: MeasureKey): MeasureConfig | undefined {
  return [...(config.measures ?? [])].reverse().find((e) => isMeasureEntryFor(e, key));
}

function hasContent(entry: object, keyFields: readonly string[]): boolean {
  return Object.entries(entry).some(([k, v]) => !keyFields.includes(k) && v !== undefined);
}

function withVersion(config: RagConfig): RagConfig {
  return { ...config, version: config.version ?? CONFIG_VERSION };
}

/** Replaces the table entry with this key by `update(entry)`; drops it when nothing but the key is left. */
export function updateTableEntry(config: RagConfig, key: TableKey, update: (entry: TableConfig) => TableConfig): RagConfig {
  const tables = [...(config.tables ?? [])];
  let index = -1;
  for (let i = tables.length - 1; i >= 0; i--) if (isTableEntryFor(tables[i]!, key)) { index = i; break; }
  const base: TableConfig = index >= 0 ? tables[index]! : ({ ...key } as TableConfig);
  const next = update(base);
  if (hasContent(next, TABLE_KEY_FIELDS)) {
    if (index >= 0) tables[index] = next;
    else tables.push(next);
  } else if (index >= 0) {
    tables.splice(index, 1);
  }
  const out = withVersion({ ...config, tables });
  if (tables.length === 0) delete out.tables;
  return out;
}

export function updateMeasureEntry(config: RagConfig, key: MeasureKey, update: (entry: MeasureConfig) => MeasureConfig): RagConfig {
  const measures = [...(config.measures ?? [])];
  let index = -1;
  for (let i = measures.length - 1; i >= 0; i--) if (isMeasureEntryFor(measures[i]!, key)) { index = i; break; }
  const base: MeasureConfig = index >= 0 ? measures[index]! : ({ ...key } as MeasureConfig);
  const next = update(base);
  if (hasContent(next, MEASURE_KEY_FIELDS)) {
    if (index >= 0) measures[index] = next;
    else measures.push(next);
  } else if (index >= 0) {
    measures.splice(index, 1);
  }
  const out = withVersion({ ...config, measures });
  if (measures.length === 0) delete out.measures;
  return out;
}

/** Sets one setting at a scope (undefined removes an override, or a workbook setting back to the default). */
export function setScopedSetting(config: RagConfig, scope: Scope, path: SettingPath, value: unknown): RagConfig {
  switch (scope.level) {
    case 'workbook': {
      const settings = setSetting(config.settings, path, value);
      const out = withVersion({ ...config, settings });
      if (Object.keys(settings).length === 0) delete out.settings;
      return out;
    }
    case 'table':
      return updateTableEntry(config, scope.key, (e) => setSetting(e, path, value));
    case 'measure':
      return updateMeasureEntry(config, scope.key, (e) => setSetting(e, path, value));
  }
}

export function scopedSetting(config: RagConfig, scope: Scope, path: SettingPath): unknown {
  switch (scope.level) {
    case 'workbook':
      return getSetting(config.settings, path);
    case 'table':
      return getSetting(findTableEntry(config, scope.key), path);
    case 'measure':
      return getSetting(findMeasureEntry(config, scope.key), path);
  }
}

// ------------------------------------------------------------ tables

/** The key a column is named by in `columns`: its header text when unique in the table, else its letter. */
export function columnKeyOf(table: DetectedTable, col: number): string {
  const c = table.columns.find((x) => x.col === col);
  const header = c?.header.trim() ?? '';
  if (header && !/^[A-Za-z]{1,3}$/.test(header) && table.columns.filter((x) => norm(x.header) === norm(header)).length === 1) return header;
  return columnLetters(col);
}

export function setColumnRole(config: RagConfig, key: TableKey, columnKey: string, role: string | undefined): RagConfig {
  return updateTableEntry(config, key, (e) => {
    const columns: Record<string, string> = { ...(e.columns ?? {}) };
    for (const k of Object.keys(columns)) if (norm(k) === norm(columnKey)) delete columns[k];
    if (role !== undefined) columns[columnKey] = role;
    const next = { ...e, columns } as TableConfig;
    if (Object.keys(columns).length === 0) delete next.columns;
    return next;
  });
}

export function setTableIncluded(config: RagConfig, key: TableKey, include: boolean): RagConfig {
  return updateTableEntry(config, key, (e) => {
    const next = { ...e };
    if (include) delete next.include;
    else next.include = false;
    return next;
  });
}

export function setCurrentPeriod(config: RagConfig, key: TableKey, label: string | undefined): RagConfig {
  return updateTableEntry(config, key, (e) => {
    const next = { ...e };
    if (label === undefined) delete next.currentPeriod;
    else next.currentPeriod = label;
    return next;
  });
}

/** Table entries the configuration excludes (they are not in the detected tables, so the pane lists them to include again). */
export function excludedTables(config: RagConfig): TableKey[] {
  return (config.tables ?? [])
    .filter((e) => e.include === false)
    .map((e) => {
      const k: TableKey = { sheet: e.sheet };
      if (e.excelTable !== undefined) k.excelTable = e.excelTable;
      if (e.range !== undefined) k.range = e.range;
      return k;
    });
}

// ------------------------------------------------------------ inputs

export type AmountInput = { ok: true; amount: Amount } | { ok: false; reason: 'empty' | 'format' | 'negative' };

/** An amount as typed: "10%" (relative), "2", "2pp", "2 points" (absolute). */
export function parseAmountInput(text: string): AmountInput {
  const t = text.trim();
  if (t === '') return { ok: false, reason: 'empty' };
  if (/^-\s*\d/.test(t)) return { ok: false, reason: 'negative' };
  const parsed = amountSchema.safeParse(t);
  if (!parsed.success) return { ok: false, reason: 'format' };
  return { ok: true, amount: parsed.data };
}

/** How an amount is shown in an input: "10%", "2". */
export function amountText(a: Amount | undefined | null): string {
  if (!a) return '';
  return a.type === 'relative' ? `${a.value}%` : String(a.value);
}

export function sameAmount(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export type PercentInput = { ok: true; value: number } | { ok: false; reason: 'range' | 'format' };

/** A share from 0 to 100, typed with or without "%". */
export function parsePercentInput(text: string): PercentInput {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(text);
  if (!m) return { ok: false, reason: /^\s*-/.test(text) ? 'range' : 'format' };
  const value = Number(m[1]);
  if (value < 0 || value > 100) return { ok: false, reason: 'range' };
  return { ok: true, value };
}
