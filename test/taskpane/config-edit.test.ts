import {
  amountText,
  columnKeyOf,
  excludedTables,
  parseAmountInput,
  parsePercentInput,
  setColumnRole,
  setCurrentPeriod,
  setScopedSetting,
  setTableIncluded,
  tableIdentityOf,
  tableKeyOf,
  tableRange,
} from '../../src/taskpane/config-edit';
import { tableSettings } from '../../src/core/config/resolve';
import { tablesFor, MEASURES } from './helpers';

describe('amount input', () => {
  it.each([
    ['10%', { type: 'relative', value: 10 }],
    [' 2.5 % ', { type: 'relative', value: 2.5 }],
    ['2', { type: 'absolute', value: 2 }],
    ['2pp', { type: 'absolute', value: 2 }],
    ['3 points', { type: 'absolute', value: 3 }],
    ['0', { type: 'absolute', value: 0 }],
  ])('%s is valid', (text, amount) => {
    expect(parseAmountInput(text)).toEqual({ ok: true, amount });
  });
  it.each([
    ['', 'empty'],
    ['  ', 'empty'],
    ['-5%', 'negative'],
    ['ten', 'format'],
    ['10%%', 'format'],
    ['5 apples', 'format'],
  ])('%j is invalid (%s)', (text, reason) => {
    expect(parseAmountInput(text)).toEqual({ ok: false, reason });
  });
  it('shows amounts as they are typed', () => {
    expect(amountText({ type: 'relative', value: 10 })).toBe('10%');
    expect(amountText({ type: 'absolute', value: 2 })).toBe('2');
    expect(amountText(undefined)).toBe('');
  });
  it('percent input is 0 to 100', () => {
    expect(parsePercentInput('25')).toEqual({ ok: true, value: 25 });
    expect(parsePercentInput('25%')).toEqual({ ok: true, value: 25 });
    expect(parsePercentInput('101')).toEqual({ ok: false, reason: 'range' });
    expect(parsePercentInput('-1')).toEqual({ ok: false, reason: 'range' });
    expect(parsePercentInput('a')).toEqual({ ok: false, reason: 'format' });
  });
});

describe('scoped settings', () => {
  it('sets and removes workbook settings, dropping empty groups', () => {
    let c = setScopedSetting({}, { level: 'workbook' }, 'brag.enabled', true);
    expect(c).toEqual({ version: 1, settings: { brag: { enabled: true } } });
    c = setScopedSetting(c, { level: 'workbook' }, 'brag.margin', { type: 'relative', value: 5 });
    expect(c.settings).toEqual({ brag: { enabled: true, margin: { type: 'relative', value: 5 } } });
    c = setScopedSetting(c, { level: 'workbook' }, 'brag.enabled', undefined);
    c = setScopedSetting(c, { level: 'workbook' }, 'brag.margin', undefined);
    expect(c).toEqual({ version: 1 });
  });

  it('edits the table entry with the same key, adds one when there is none, and removes it when empty', () => {
    const key = { sheet: 'Children' };
    let c = setScopedSetting({ tables: [{ sheet: 'Adults', polarity: 'lower' }] }, { level: 'table', key }, 'tolerance', { type: 'absolute', value: 2 });
    expect(c.tables).toEqual([{ sheet: 'Adults', polarity: 'lower' }, { sheet: 'Children', tolerance: { type: 'absolute', value: 2 } }]);
    c = setScopedSetting(c, { level: 'table', key }, 'tolerance', { type: 'absolute', value: 3 });
    expect(c.tables).toHaveLength(2);
    c = setScopedSetting(c, { level: 'table', key }, 'tolerance', undefined);
    expect(c.tables).toEqual([{ sheet: 'Adults', polarity: 'lower' }]);
  });

  it('measure entries by sheet and ref', () => {
    const c = setScopedSetting({}, { level: 'measure', key: { sheet: 'Adults', ref: 'AD2' } }, 'polarity', 'lower');
    expect(c.measures).toEqual([{ sheet: 'Adults', ref: 'AD2', polarity: 'lower' }]);
    expect(setScopedSetting(c, { level: 'measure', key: { sheet: 'Adults', ref: 'ad2' } }, 'polarity', undefined).measures).toBeUndefined();
  });
});

describe('tables', () => {
  const tables = tablesFor(MEASURES);
  it('keys a table by its sheet when alone there, by its range otherwise, by its Excel table name when it has one', () => {
    expect(tableKeyOf(tables[0]!, tables)).toEqual({ sheet: 'Children' });
    const two = [tables[0]!, { ...tables[0]!, id: 'Children!A20:E30', headerTop: 19, headerRow: 19, firstDataRow: 20, lastDataRow: 29 }];
    expect(tableKeyOf(two[1]!, two)).toEqual({ sheet: 'Children', range: 'A20:E30' });
    expect(tableKeyOf({ ...tables[0]!, excelTable: 'KPIs' }, tables)).toEqual({ sheet: 'Children', excelTable: 'KPIs' });
  });

  it('keys a table by the user’s range, header to last row, without the status columns RAG Refresh wrote beside it', () => {
    const owned = (col: number) => ({ col, header: `Status ${col}`, role: 'owned' as const, roleSource: 'state' as const });
    // after a refresh the block the detection saw may reach over the status columns (F:J); the table ends at E
    const refreshed = { ...tables[0]!, id: 'Children!A20:J30', headerTop: 19, headerRow: 19, firstDataRow: 20, lastDataRow: 29, columns: [...tables[0]!.columns, ...[5, 6, 7, 8, 9].map(owned)] };
    const two = [tables[0]!, refreshed];
    expect(tableRange(refreshed)).toBe('A20:E30');
    expect(tableKeyOf(refreshed, two)).toEqual({ sheet: 'Children', range: 'A20:E30' });
    expect(tableIdentityOf(refreshed)).toEqual({ sheet: 'Children', excelTable: null, range: 'A20:E30' });
    // which is the range the core resolves the table's settings with
    const config = setScopedSetting({}, { level: 'table', key: tableKeyOf(refreshed, two) }, 'tolerance', { type: 'relative', value: 50 });
    expect(tableSettings(config, tableIdentityOf(refreshed)).tolerance).toEqual({ type: 'relative', value: 50 });
  });

  it('names a column by its header text when unique, by its letter otherwise', () => {
    expect(columnKeyOf(tables[0]!, 4)).toBe('Lead officer');
    const dup = { ...tables[0]!, columns: [...tables[0]!.columns, { col: 5, header: 'Lead officer', role: 'owner' as const, roleSource: 'header' as const }] };
    expect(columnKeyOf(dup, 5)).toBe('F');
    const blank = { ...tables[0]!, columns: [{ col: 6, header: '', role: 'ignore' as const, roleSource: 'header' as const }] };
    expect(columnKeyOf(blank, 6)).toBe('G');
  });

  it('column roles, inclusion and the current period go to the table entry', () => {
    const key = { sheet: 'Children' };
    let c = setColumnRole({}, key, 'Lead officer', 'ignore');
    c = setCurrentPeriod(c, key, 'Q3 2025/26');
    expect(c.tables).toEqual([{ sheet: 'Children', columns: { 'Lead officer': 'ignore' }, currentPeriod: 'Q3 2025/26' }]);
    c = setColumnRole(c, key, 'lead officer', undefined);
    c = setCurrentPeriod(c, key, undefined);
    expect(c.tables).toBeUndefined();
    c = setTableIncluded(c, key, false);
    expect(excludedTables(c)).toEqual([{ sheet: 'Children' }]);
    expect(setTableIncluded(c, key, true).tables).toBeUndefined();
  });
});
