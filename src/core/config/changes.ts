/**
 * What changed between two configurations, as change-log entries ("what, from, to").
 */
import type { ChangeLogEntry } from './saved';
import type { RagConfig } from './schema';

function labelOf(kind: 'tables' | 'measures', entry: Record<string, unknown>, index: number): string {
  if (kind === 'tables') {
    const parts = [entry.sheet, entry.excelTable ?? entry.range].filter((x) => typeof x === 'string');
    return parts.length ? parts.join(' ') : String(index);
  }
  const id = entry.ref ?? entry.name;
  const sheet = typeof entry.sheet === 'string' ? `${entry.sheet} ` : '';
  return typeof id === 'string' ? `${sheet}${id}` : String(index);
}

/** Flattens a configuration into "path -> value" with readable paths: tables[Sheet A4:M40].tolerance. */
export function flattenConfig(config: RagConfig): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (value: unknown, path: string): void => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const obj = value as Record<string, unknown>;
      // amounts are leaves
      if ('type' in obj && 'value' in obj && Object.keys(obj).length === 2) {
        out.set(path, obj);
        return;
      }
      for (const [k, v] of Object.entries(obj)) walk(v, path ? `${path}.${k}` : k);
      return;
    }
    out.set(path, value);
  };
  const { tables, measures, version, $schema, ...rest } = config;
  void version;
  void $schema;
  walk(rest, '');
  (tables ?? []).forEach((t, i) => {
    const { sheet, excelTable, range, ...settings } = t;
    void sheet;
    void excelTable;
    void range;
    walk(settings, `tables[${labelOf('tables', t as Record<string, unknown>, i)}]`);
  });
  (measures ?? []).forEach((m, i) => {
    const { ref, name, sheet, ...settings } = m;
    void ref;
    void name;
    void sheet;
    walk(settings, `measures[${labelOf('measures', m as Record<string, unknown>, i)}]`);
  });
  return out;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The change-log entries that turn `before` into `after`. */
export function diffConfigs(before: RagConfig, after: RagConfig, at: string, by?: string): ChangeLogEntry[] {
  const a = flattenConfig(before);
  const b = flattenConfig(after);
  const keys = new Set([...a.keys(), ...b.keys()]);
  const entries: ChangeLogEntry[] = [];
  for (const k of [...keys].sort()) {
    const from = a.has(k) ? a.get(k) : null;
    const to = b.has(k) ? b.get(k) : null;
    if (same(from, to)) continue;
    const e: ChangeLogEntry = { at, what: k, from, to };
    if (by !== undefined) e.by = by;
    entries.push(e);
  }
  return entries;
}
