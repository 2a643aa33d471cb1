import {
  dateToSerial,
  parsePeriodCell,
  parsePeriodText,
  periodOfDate,
  periodsPerYearFromSpacing,
  samePeriod,
  serialToDate,
} from '../../../src/core/detect/periods';
import { serial } from '../../fixtures/snapshots/build';

const p = (text: string, ysm = 4) => {
  const m = parsePeriodText(text, ysm);
  if (!m) throw new Error(`no period in "${text}"`);
  return m.period;
};

describe('period headers', () => {
  test.each([
    ['Q1', null, 1, 4],
    ['Q4', null, 4, 4],
    ['Quarter 1', null, 1, 4],
    ['Qtr 3', null, 3, 4],
    ['2nd quarter', null, 2, 4],
    ['Q1 2017/18', 2017, 1, 4],
    ['Q3 2017/18', 2017, 3, 4],
    ['2017/18 Q3', 2017, 3, 4],
    ['Q3 17/18', 2017, 3, 4],
    ['Apr', null, 1, 12],
    ['April', null, 1, 12],
    ['Mar', null, 12, 12],
    ['Apr-24', 2024, 1, 12],
    ['Apr 2024', 2024, 1, 12],
    ['Jan 2025', 2024, 10, 12],
    ['Mar-25', 2024, 12, 12],
    ['2016/17', 2016, 1, 1],
    ['2016-17', 2016, 1, 1],
    ['FY2021/22', 2021, 1, 1],
    ['FY 21/22', 2021, 1, 1],
    ['2023-2024', 2023, 1, 1],
    ['Financial year 2024 to 2025', 2024, 1, 1],
    ['H1 (Apr-Sep)', null, 1, 2],
    ['H2 (Oct-Mar)', null, 2, 2],
    ['Financial Year 2021/22 H1 (Apr-Sep)', 2021, 1, 2],
    ['Financial year 2024 to 2025 (Apr to Jun)', 2024, 1, 4],
    ['Financial year 2024 to 2025 (Jan to Mar) Actual', 2024, 4, 4],
    ['Week 12', null, 12, 52],
    ['Wk 3', null, 3, 52],
    ['2024', 2024, 1, 1],
  ] as [string, number | null, number, number][])('"%s" -> year %s, %d of %d', (text, year, index, per) => {
    const info = p(text);
    expect(info.year).toBe(year);
    expect(info.indexInYear).toBe(index);
    expect(info.periodsPerYear).toBe(per);
    expect(info.label).toBe(text);
  });

  test('the words around the period are returned for the role', () => {
    expect(parsePeriodText('Q1 Actual')!.rest).toBe('actual');
    expect(parsePeriodText('Q3 Target')!.rest).toBe('target');
    expect(parsePeriodText('Outturn 2023/24')!.rest).toBe('outturn');
    expect(parsePeriodText('Target 2024/25')!.rest).toBe('target');
  });

  test('the financial year follows the year start month', () => {
    expect(p('Jan 2025', 1)).toMatchObject({ year: 2025, indexInYear: 1 });
    expect(p('Jan 2025', 4)).toMatchObject({ year: 2024, indexInYear: 10 });
    expect(p('Apr 2024', 4)).toMatchObject({ year: 2024, indexInYear: 1 });
  });

  test('periods sort by time: Q3 2024/25 before Q1 2025/26, Mar 2025 before Apr 2025', () => {
    expect(p('Q3 2024/25').order).toBeLessThan(p('Q1 2025/26').order);
    expect(p('Mar 2025').order).toBeLessThan(p('Apr 2025').order);
    expect(p('2016/17').order).toBeLessThan(p('2017/18').order);
    expect(p('Apr 2024').order).toBeCloseTo(p('Q1 2024/25').order, 6);
  });

  test('periods without a year have no order yet (the table orders them by column)', () => {
    expect(Number.isNaN(p('Q1').order)).toBe(true);
  });

  test.each(['Ref', 'Measure', 'Target', 'Performance indicator', '95-105', 'Marketing spend', 'Quarterly'])('"%s" is not a period', (text) => {
    expect(parsePeriodText(text)).toBeNull();
  });

  test('a year range that is not consecutive is not a financial year', () => {
    const m = parsePeriodText('2016/19');
    expect(m === null || m.period.periodsPerYear !== 1 || m.period.year !== 2016).toBe(true);
  });

  test('long text is not searched', () => {
    expect(parsePeriodText('Q1 '.repeat(20000))).toBeNull();
  });
});

describe('dates', () => {
  test('serials and dates round-trip (1900 system)', () => {
    expect(serialToDate(45383)).toEqual({ y: 2024, m: 4, d: 1 });
    expect(dateToSerial(2024, 4, 1)).toBe(45383);
    expect(serialToDate(serial(2020, 1, 1))).toEqual({ y: 2020, m: 1, d: 1 });
  });
  test('a monthly date is labelled "Mar 2024"', () => {
    expect(periodOfDate(serial(2024, 3, 1), 12)).toMatchObject({ label: 'Mar 2024', year: 2023, indexInYear: 12, periodsPerYear: 12 });
  });
  test('a weekly date is labelled with its day', () => {
    expect(periodOfDate(serial(2020, 1, 6), 52).label).toBe('6 Jan 2020');
  });
  test('spacing says the granularity', () => {
    expect(periodsPerYearFromSpacing([serial(2020, 1, 6), serial(2020, 1, 13), serial(2020, 1, 20)])).toBe(52);
    expect(periodsPerYearFromSpacing([serial(2020, 1, 1), serial(2020, 2, 1), serial(2020, 3, 1)])).toBe(12);
    expect(periodsPerYearFromSpacing([serial(2020, 1, 1), serial(2020, 4, 1), serial(2020, 7, 1)])).toBe(4);
    expect(periodsPerYearFromSpacing([serial(2020, 1, 1), serial(2021, 1, 1)])).toBe(1);
  });
  test('a period cell may be a date or a label', () => {
    expect(parsePeriodCell(serial(2024, 5, 1), 'mmm-yy')!.period.label).toBe('May 2024');
    expect(parsePeriodCell('2010/11', 'General')!.period).toMatchObject({ year: 2010, periodsPerYear: 1 });
    expect(parsePeriodCell(2024, 'General')!.period).toMatchObject({ year: 2024 });
    expect(parsePeriodCell(42, 'General')).toBeNull();
    expect(parsePeriodCell('Household waste 2010/11', 'General')).toBeNull();
    expect(parsePeriodCell('Household waste 2010/11', 'General', 4, false)).not.toBeNull();
  });
  test('two periods are the same by year and index, or by label', () => {
    expect(samePeriod(p('Q1 Actual'), p('Q1 Target'))).toBe(true);
    expect(samePeriod(p('Q1 2024/25'), p('Q1 2023/24'))).toBe(false);
    expect(samePeriod(p('Q1'), p('Q2'))).toBe(false);
  });
});
