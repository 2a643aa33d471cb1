/**
 * The read hint: what the last refresh left in the workbook (how many sheets,
 * how big each one's used range, how many tables), remembered where it can be
 * read without a round trip — the add-in's document settings
 * (Office.context.document.settings, the common API: per add-in and per
 * document, held in memory, saved with saveAsync, which is not a
 * context.sync()).
 *
 * The hint only lets the next read queue the data reads in the same batch as
 * the discovery (read.ts). It is never trusted: that same batch learns the
 * sheets and tables as they are, and whatever the hint missed is read again
 * (or the read starts over the two-step way). A stale, foreign or damaged hint
 * costs a round trip, never a wrong snapshot. Pure apart from the store.
 */
import type { RangeRef, WritePlan } from '../../core/types';
import { SETTINGS_CHUNK, SETTINGS_MARKER, SETTINGS_SHEET_NAME } from '../../core/types';
import { statusRect } from './check';
import { jsonBytes } from './payload';
import type { OfficeRead } from './read';

/** The setting's name in the document settings. */
export const HINT_SETTING = 'RAGRefresh.readHint';

/** One sheet, in workbook order: its used range's size and the bytes its values and formats took. */
export interface HintSheet {
  /** Name (for information and size estimates only: sheets are read by position). */
  n: string;
  /** Rows and columns of the values-only used range (0 when empty). */
  r: number;
  c: number;
  /** Estimated bytes of the used range's values and number formats in a response. */
  b: number;
}

export interface ReadHint {
  v: 1;
  /** Every sheet in workbook order, the settings sheet included. */
  sheets: HintSheet[];
  /** Every table name (the read asks for this many tables by position). */
  tables: string[];
}

/** The part of Office.Settings the shell uses (a stand-in in tests). */
export type HintStore = Pick<Office.Settings, 'get' | 'set' | 'saveAsync'>;

/** What the shell takes from Office.context: where the hint lives and which platform Excel runs on. */
export interface OfficeHostContext {
  /** Office.context.document.settings, or null when the host has none. */
  settings?: HintStore | null;
  /** Office.context.platform ("OfficeOnline" is Excel on the web). */
  platform?: Office.PlatformType | string | null;
}

/** Office.context as loaded in the page, or an empty context outside Office (tests, Node). */
export function officeHostContext(): OfficeHostContext {
  const g = globalThis as { Office?: { context?: { document?: { settings?: unknown }; platform?: unknown } } };
  const context = g.Office?.context;
  if (!context) return {};
  let settings: HintStore | null = null;
  try {
    const s = context.document?.settings as Partial<HintStore> | undefined;
    if (s && typeof s.get === 'function' && typeof s.set === 'function' && typeof s.saveAsync === 'function') settings = s as HintStore;
  } catch {
    settings = null;
  }
  const platform = typeof context.platform === 'string' ? context.platform : null;
  return { settings, platform };
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** The hint in the store, or null when there is none or it is not one this version wrote. */
export function loadHint(store: HintStore | null | undefined): ReadHint | null {
  if (!store) return null;
  let raw: unknown;
  try {
    raw = store.get(HINT_SETTING);
  } catch {
    return null;
  }
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  if (!raw || typeof raw !== 'object') return null;
  const h = raw as Partial<ReadHint>;
  if (h.v !== 1 || !Array.isArray(h.sheets) || !Array.isArray(h.tables)) return null;
  if (h.sheets.length === 0 || h.sheets.length > 10_000 || h.tables.length > 100_000) return null;
  for (const s of h.sheets) {
    if (!s || typeof s !== 'object' || typeof s.n !== 'string' || !isCount(s.r) || !isCount(s.c) || !isCount(s.b)) return null;
  }
  if (!h.tables.every((t) => typeof t === 'string')) return null;
  return { v: 1, sheets: h.sheets.map((s) => ({ n: s.n, r: s.r, c: s.c, b: s.b })), tables: [...h.tables] };
}

function sameHint(a: ReadHint | null, b: ReadHint): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Remembers the hint for the next read, when it changed: set in memory, then
 * saveAsync without waiting for it. A store that throws or a save that fails
 * changes nothing but the next read's round trips.
 */
export function saveHint(store: HintStore | null | undefined, hint: ReadHint): boolean {
  if (!store) return false;
  try {
    // Unchanged and saved: nothing to do. Unchanged but its last save failed: save again.
    if (sameHint(loadHint(store), hint) && !unsaved.has(store)) return false;
    store.set(HINT_SETTING, hint);
    unsaved.add(store);
    store.saveAsync((result) => {
      if (String(result?.status) !== 'failed') unsaved.delete(store);
    });
    return true;
  } catch {
    return false;
  }
}

/** Stores whose last saveAsync has not succeeded (yet). */
const unsaved = new WeakSet<HintStore>();

/** Estimated bytes of a sheet's values and number formats in a response, from a sample of its rows. */
export function estimateBytes(values: unknown[][], numberFormats: unknown[][]): number {
  const rows = values.length;
  if (rows === 0) return 0;
  const samples = Math.min(rows, 64);
  let sampled = 0;
  for (let k = 0; k < samples; k++) {
    const i = Math.floor((k * rows) / samples);
    sampled += jsonBytes(values[i]) + jsonBytes(numberFormats[i] ?? []) + 2;
  }
  return Math.ceil((sampled / samples) * rows) + 4;
}

/** The hint describing the workbook as the read found it. */
export function hintFromRead(read: OfficeRead): ReadHint {
  return {
    v: 1,
    sheets: read.facts.sheetSizes.map((s) => ({ n: s.name, r: s.rows, c: s.cols, b: s.bytes })),
    tables: [...read.facts.tableNames],
  };
}

interface Predicted {
  name: string;
  rect: RangeRef | null;
  bytes: number;
}

const union = (a: RangeRef | null, b: RangeRef): RangeRef =>
  a ? { top: Math.min(a.top, b.top), left: Math.min(a.left, b.left), bottom: Math.max(a.bottom, b.bottom), right: Math.max(a.right, b.right) } : { ...b };

const area = (r: RangeRef | null) => (r ? (r.bottom - r.top + 1) * (r.right - r.left + 1) : 0);

/**
 * The hint describing the workbook as it will be once `plan` is written over
 * `read`: sheets removed and added where the write puts them, the exception
 * sheet and the settings sheet, the status columns' cells, the exception table.
 * A guess where Excel decides (the used range after a clear): the next read
 * checks it.
 */
export function predictHint(read: OfficeRead, plan: WritePlan): ReadHint {
  const lower = (s: string) => s.toLowerCase();
  const isSettings = (n: string) => lower(n) === lower(SETTINGS_SHEET_NAME);
  const removed = new Set(plan.removeSheets.filter((n) => !isSettings(n)).map(lower));
  const x = plan.exceptionSheet;
  const list: Predicted[] = [];
  let exceptionAt: number | null = null;
  for (const s of read.facts.sheetSizes) {
    if (x && lower(s.name) === lower(x.name)) exceptionAt = list.length;
    if (removed.has(lower(s.name))) continue;
    if (isSettings(s.name) && plan.savedDocument === null) continue;
    list.push({ name: s.name, rect: s.rect, bytes: s.bytes });
  }
  // Status columns widen their sheet's used range.
  for (const block of plan.statusBlocks) {
    if (block.columns.length === 0) continue;
    const p = list.find((s) => s.name === block.sheet);
    if (!p) continue;
    const before = area(p.rect);
    p.rect = union(p.rect, statusRect(block));
    p.bytes += (area(p.rect) - before) * 16;
  }
  // The settings sheet: replaced in place, or added at the end (the write adds it first).
  if (plan.savedDocument !== null) {
    const chunks = Math.ceil(plan.savedDocument.length / SETTINGS_CHUNK);
    const settings: Predicted = {
      name: read.facts.settingsSheet?.name ?? SETTINGS_SHEET_NAME,
      rect: { top: 0, left: 0, bottom: chunks, right: 0 },
      bytes: jsonBytes(plan.savedDocument) + jsonBytes(SETTINGS_MARKER) + (chunks + 1) * 8,
    };
    const at = list.findIndex((s) => isSettings(s.name));
    if (at >= 0) list[at] = settings;
    else list.push(settings);
  }
  // The exception sheet: where the one it replaces was, or at the end.
  if (x) {
    let rect: RangeRef | null = null;
    const values: unknown[] = [];
    for (const c of x.cells) {
      rect = union(rect, { top: c.row, left: c.col, bottom: c.row, right: c.col });
      values.push(c.value);
    }
    const sheet: Predicted = { name: x.name, rect, bytes: jsonBytes(values) + area(rect) * 12 };
    if (exceptionAt !== null && exceptionAt <= list.length) list.splice(exceptionAt, 0, sheet);
    else list.push(sheet);
  }
  const goneTables = new Set<string>();
  for (const s of read.snapshot.sheets) if (removed.has(lower(s.name))) for (const t of s.tables) goneTables.add(lower(t.name));
  const tables = read.facts.tableNames.filter((t) => !goneTables.has(lower(t)));
  if (x?.table) tables.push(x.table.name);
  return {
    v: 1,
    sheets: list.map((s) => ({
      n: s.name,
      r: s.rect ? s.rect.bottom - s.rect.top + 1 : 0,
      c: s.rect ? s.rect.right - s.rect.left + 1 : 0,
      b: Math.max(0, Math.round(s.bytes)),
    })),
    tables,
  };
}
