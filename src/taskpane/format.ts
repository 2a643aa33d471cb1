/**
 * Words for values the pane shows: times, amounts, settings and change-log entries.
 * Everything comes from the message catalogue it is given.
 */
import { fmt, type Catalogue } from '../core/messages';
import type { ChangeLogEntry } from '../core/config/saved';
import type { Amount, SettingsLayer } from '../core/config/schema';
import type { Status } from '../core/types';
import { DEFAULT_SETTINGS } from '../core/config/resolve';
import { getSetting, SETTING_PATHS, type SettingPath } from './config-edit';

/** A local date and time, "23 November 2026 at 18:50". */
export function formatWhen(iso: string, m: Catalogue): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return fmt(m.pane.format.when, {
    day: d.getDate(),
    month: m.pane.thresholds.months[d.getMonth()] ?? String(d.getMonth() + 1),
    year: d.getFullYear(),
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
  });
}

export function formatAmount(a: Amount, m: Catalogue): string {
  return fmt(a.type === 'relative' ? m.pane.format.amountRelative : m.pane.format.amountAbsolute, { n: a.value });
}

export function formatPercent(p: number | null, m: Catalogue): string {
  if (p === null) return m.pane.refresh.figures.noPercent;
  // summary percentages are 0 to 100
  return fmt(m.pane.format.percent, { n: Math.round(p) });
}

export function statusText(status: Status | null, m: Catalogue): string {
  return status === null ? m.pane.thresholds.notSet : m.common.status[status];
}

function isAmount(v: unknown): v is Amount {
  return v !== null && typeof v === 'object' && 'type' in v && 'value' in v && ((v as Amount).type === 'relative' || (v as Amount).type === 'absolute');
}

/** A setting's value in words, given the setting it is (the part after the scope: "tolerance", "forecast.method"). */
export function formatSettingValue(what: string, value: unknown, m: Catalogue): string {
  const t = m.pane.thresholds;
  if (value === null || value === undefined) return t.notSet;
  if (isAmount(value)) return formatAmount(value, m);
  if (typeof value === 'boolean') return value ? m.pane.format.yes : m.pane.format.no;
  if (what.startsWith('columns.') && typeof value === 'string') return (m.pane.tables.roles as Record<string, string>)[value] ?? value;
  const lookups: Record<string, Record<string, string>> = {
    polarity: m.common.polarity,
    'directionOfTravel.compareWith': t.compare,
    'forecast.method': t.forecast,
    'statisticalTrend.preset': t.presets,
    'overallRag.rule': t.overall,
  };
  const table = lookups[what];
  if (table && typeof value === 'string') return table[value] ?? value;
  if (what === 'forecast.yearStartMonth' && typeof value === 'number') return t.months[value - 1] ?? String(value);
  if ((what === 'overallRag.redShareForRed' || what === 'overallRag.redShareForAmber') && typeof value === 'number') return fmt(m.pane.format.percent, { n: value });
  if (Array.isArray(value)) return value.map(String).join(m.pane.format.listJoin);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export interface ChangeLabel {
  /** "Tolerance (all measures)", "Polarity – measure Children CS2". */
  what: string;
  from: string;
  to: string;
}

/** A change-log entry in words. Paths the pane does not know are shown as they are. */
export function describeChange(entry: ChangeLogEntry, m: Catalogue): ChangeLabel {
  const t = m.pane.thresholds;
  let scope: 'settings' | 'table' | 'measure' | null = null;
  let subject = '';
  let rest = entry.what;
  let match: RegExpExecArray | null;
  if ((match = /^settings\.(.+)$/.exec(entry.what))) {
    scope = 'settings';
    rest = match[1]!;
  } else if ((match = /^tables\[(.*)\]\.(.+)$/.exec(entry.what))) {
    scope = 'table';
    subject = match[1]!;
    rest = match[2]!;
  } else if ((match = /^measures\[(.*)\]\.(.+)$/.exec(entry.what))) {
    scope = 'measure';
    subject = match[1]!;
    rest = match[2]!;
  }
  const names = t.what as Record<string, string>;
  let what: string;
  if (rest.startsWith('columns.')) what = fmt(t.what.columns, { column: rest.slice('columns.'.length) });
  else what = names[rest] ?? rest;
  if (scope === 'settings') what = fmt(t.whatScope.settings, { what });
  else if (scope === 'table') what = fmt(t.whatScope.table, { what, table: subject });
  else if (scope === 'measure') what = fmt(t.whatScope.measure, { what, measure: subject });
  const value = (v: unknown): string => {
    // an unset workbook setting is the built-in default: say which
    if ((v === null || v === undefined) && scope === 'settings' && (SETTING_PATHS as readonly string[]).includes(rest)) {
      const d = getSetting(DEFAULT_SETTINGS as SettingsLayer, rest as SettingPath);
      if (d !== undefined) return fmt(t.defaultValue, { value: formatSettingValue(rest, d, m) });
    }
    return formatSettingValue(rest, v, m);
  };
  return { what, from: value(entry.from), to: value(entry.to) };
}

/** Who made a change, in words ("the pane"). */
export function describeBy(by: string | undefined, m: Catalogue): string {
  if (!by) return '';
  const known = m.pane.thresholds.changeLogBySource as Record<string, string>;
  const key = by.split(' ')[0]!;
  return fmt(m.pane.thresholds.changeLogBy, { by: known[by] ?? known[key] ?? by });
}
