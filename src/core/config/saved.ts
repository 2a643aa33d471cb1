/**
 * The saved document: the configuration, what the last refresh wrote, and the change log,
 * kept in the workbook's very hidden settings sheet (both shells read and write it).
 */
import type { OwnedBlock, Status } from '../types';
import { CONFIG_VERSION, type RagConfig } from './schema';
import { validateConfig } from './resolve';

export const SAVED_FORMAT = 'rag-refresh';
export const SAVED_FORMAT_VERSION = 1;

export interface RefreshState {
  refreshedAt: string;
  appVersion: string;
  /** Name of the exception sheet the add-in wrote, or null. */
  exceptionSheet: string | null;
  /** The status columns the add-in wrote, so the next refresh updates them in place. */
  blocks: OwnedBlock[];
  /** Measure key -> status written, so the next refresh can say what changed. */
  statuses: Record<string, Status>;
}

export interface ChangeLogEntry {
  /** ISO time. */
  at: string;
  /** What changed, as a config path: "settings.tolerance", "measures[CS2].polarity". */
  what: string;
  from: unknown;
  to: unknown;
  /** Who or what made the change: "pane", "cli --config". */
  by?: string;
}

export interface SavedDocument {
  format: typeof SAVED_FORMAT;
  version: number;
  config: RagConfig;
  state: RefreshState | null;
  changeLog: ChangeLogEntry[];
  /** A saved configuration that could not be read, kept (never lost) when the user chose to refresh with the defaults. */
  setAside?: { at: string; text: string; errors: string[] }[];
}

export type SavedResult =
  | { kind: 'none' }
  | { kind: 'ok'; doc: SavedDocument }
  /** The document is there but cannot be used; `doc` keeps whatever could be read (state, change log). */
  | { kind: 'invalid'; errors: string[]; text: string; doc: SavedDocument };

export function emptyDocument(): SavedDocument {
  return { format: SAVED_FORMAT, version: SAVED_FORMAT_VERSION, config: { version: CONFIG_VERSION }, state: null, changeLog: [] };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function readState(v: unknown): RefreshState | null {
  if (!isObject(v)) return null;
  const blocks = Array.isArray(v.blocks) ? (v.blocks.filter(isOwnedBlock) as OwnedBlock[]) : [];
  const statuses: Record<string, Status> = {};
  if (isObject(v.statuses)) {
    for (const [k, s] of Object.entries(v.statuses)) if (typeof s === 'string' && STATUSES.has(s)) statuses[k] = s as Status;
  }
  return {
    refreshedAt: typeof v.refreshedAt === 'string' ? v.refreshedAt : '',
    appVersion: typeof v.appVersion === 'string' ? v.appVersion : '',
    exceptionSheet: typeof v.exceptionSheet === 'string' ? v.exceptionSheet : null,
    blocks,
    statuses,
  };
}

const STATUSES = new Set(['blue', 'green', 'amber', 'red', 'noData', 'noTarget', 'checkData']);

function isOwnedBlock(b: unknown): boolean {
  if (!isObject(b)) return false;
  const nums = ['headerRow', 'firstDataRow', 'lastDataRow', 'firstCol'];
  return (
    typeof b.sheet === 'string' &&
    nums.every((k) => Number.isInteger(b[k]) && (b[k] as number) >= 0) &&
    Array.isArray(b.keys) &&
    Array.isArray(b.headers) &&
    (b.tableName === null || typeof b.tableName === 'string')
  );
}

/** Reads the saved document text. Never throws. */
export function parseSavedDocument(text: string | null): SavedResult {
  if (text === null || text.trim() === '') return { kind: 'none' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return {
      kind: 'invalid',
      text,
      errors: [`the saved settings are not valid JSON (${e instanceof Error ? e.message : String(e)})`],
      doc: emptyDocument(),
    };
  }
  if (!isObject(json) || json.format !== SAVED_FORMAT) {
    return { kind: 'invalid', text, errors: ['the settings sheet does not hold RAG Refresh settings'], doc: emptyDocument() };
  }
  const doc = emptyDocument();
  doc.state = readState(json.state);
  doc.changeLog = Array.isArray(json.changeLog) ? (json.changeLog.filter(isObject) as unknown as ChangeLogEntry[]) : [];
  if (Array.isArray(json.setAside)) doc.setAside = json.setAside.filter(isObject) as unknown as SavedDocument['setAside'];
  if (typeof json.version === 'number' && json.version > SAVED_FORMAT_VERSION) {
    return {
      kind: 'invalid',
      text,
      errors: [
        `the saved settings were written by a newer version of RAG Refresh (format ${json.version}); this version reads format ${SAVED_FORMAT_VERSION}. Update RAG Refresh, or refresh with the default settings.`,
      ],
      doc,
    };
  }
  const config = validateConfig(json.config ?? {});
  if (!config.ok) return { kind: 'invalid', text, errors: config.errors.map((e) => `config.${e}`), doc };
  doc.config = config.config;
  return { kind: 'ok', doc };
}

export function serialiseSavedDocument(doc: SavedDocument): string {
  return JSON.stringify(doc);
}
