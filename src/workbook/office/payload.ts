/**
 * Sizes of Excel requests, estimated the way they travel: as JSON.
 *
 * Excel on the web rejects a request or a response over 5 MB
 * (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded) and one
 * read over 5,000,000 cells. The shell keeps each batch under a budget with
 * room to spare for Office.js's own wrapping (object paths, action ids).
 */

/** Excel on the web's limit on one request or response. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** What the shell allows itself per batch where the limit applies (or may apply). */
export const DEFAULT_BUDGET_BYTES = 4 * 1024 * 1024;
/** Excel's limit on the cells of one read. */
export const MAX_CELLS_PER_READ = 5_000_000;

/**
 * The payload budget for the platform Excel runs on (Office.context.platform).
 * Microsoft documents the 5 MB limit for Excel on the web only ("Excel on the
 * web has a payload size limit for requests and responses of 5MB"; Resource
 * limits and performance optimization for Office Add-ins, and Performance
 * optimization using the Excel JavaScript API): Excel for Windows ("PC") and
 * for Mac get no payload budget, so a refresh is one read and one write however
 * large. Everywhere else — the web, iPad and other platforms, or a platform
 * Office did not tell — the shell stays under the web's limit. The limit of
 * 5,000,000 cells per read applies on every platform (MAX_CELLS_PER_READ).
 */
export function budgetFor(platform: unknown): number {
  const p = platform === null || platform === undefined ? '' : String(platform);
  return p === 'PC' || p === 'Mac' ? Number.POSITIVE_INFINITY : DEFAULT_BUDGET_BYTES;
}
/** Office.js's wrapping of one action (ids, object path, method name), roughly. */
export const ACTION_OVERHEAD_BYTES = 160;

/** The length of `JSON.stringify(value)` in UTF-8 bytes, estimated without building the string. */
export function jsonBytes(value: unknown): number {
  if (value === null || value === undefined) return 4;
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4;
    case 'boolean':
      return value ? 4 : 5;
    case 'string':
      return stringBytes(value);
    case 'object': {
      if (Array.isArray(value)) {
        let n = 2 + Math.max(0, value.length - 1);
        for (const v of value) n += jsonBytes(v);
        return n;
      }
      let n = 2;
      let first = true;
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v === undefined) continue;
        n += (first ? 0 : 1) + stringBytes(k) + 1 + jsonBytes(v);
        first = false;
      }
      return n;
    }
    default:
      return 4;
  }
}

function stringBytes(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 92) n += 2;
    else if (c < 32) n += 6;
    else if (c < 128) n += 1;
    else if (c < 2048) n += 2;
    else n += 3;
  }
  return n;
}

/**
 * Packs items into consecutive groups whose total size stays within the budget.
 * An item bigger than the budget gets a group of its own (the caller splits such
 * items beforehand). Order is kept: this splits by size, never by table.
 */
export function packBySize<T>(items: T[], size: (item: T) => number, budget: number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const item of items) {
    const s = size(item);
    if (current.length > 0 && used + s > budget) {
      groups.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += s;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
