/** Status changes since the last refresh, variance, and number formatting for people. */
import { cmp, computeVariance, formatNumber, formatPercent, formatPoints, formatValue, parseToleranceCell, statusChange } from '../../../src/core/rules';
import type { Status } from '../../../src/core/types';
import { evaluate, num, pct, range } from './helpers';

describe('status change since the last refresh', () => {
  test('no earlier refresh: no change', () => {
    expect(statusChange(undefined, 'red')).toBeNull();
  });
  test('a measure new since the last refresh', () => {
    expect(statusChange(null, 'red')).toEqual({ from: null, to: 'red', text: 'new measure' });
  });
  test('unchanged: no change', () => {
    for (const s of ['blue', 'green', 'amber', 'red', 'noData', 'noTarget', 'checkData'] as Status[]) expect(statusChange(s, s)).toBeNull();
  });
  test.each([
    ['green', 'amber', 'new: Green → Amber'],
    ['green', 'red', 'new: Green → Red'],
    ['blue', 'red', 'new: Blue → Red'],
    ['noData', 'red', 'new: No data → Red'],
    ['noTarget', 'amber', 'new: No target → Amber'],
    ['checkData', 'amber', 'new: Check data → Amber'],
    ['amber', 'red', 'Amber → Red'],
    ['red', 'amber', 'Red → Amber'],
    ['amber', 'green', 'back to Green'],
    ['red', 'green', 'back to Green'],
    ['red', 'blue', 'back to Blue'],
    ['green', 'blue', 'Green → Blue'],
    ['blue', 'green', 'Blue → Green'],
    ['red', 'noData', 'Red → No data'],
    ['noData', 'green', 'No data → Green'],
    ['green', 'noTarget', 'Green → No target'],
  ])('%s → %s: "%s"', (from, to, text) => {
    expect(statusChange(from as Status, to as Status)).toEqual({ from, to, text });
  });
  test('through evaluateMeasure', () => {
    expect(evaluate({ actual: num(70) }, {}, { previousStatus: 'amber' }).change).toEqual({ from: 'amber', to: 'red', text: 'Amber → Red' });
    expect(evaluate({ actual: num(95) }, {}, { previousStatus: 'red' }).change?.text).toBe('back to Green');
    expect(evaluate({ actual: num(85) }, {}, { previousStatus: 'green' }).change?.text).toBe('new: Green → Amber');
    expect(evaluate({ actual: num(85) }, {}, { previousStatus: null }).change?.text).toBe('new measure');
    expect(evaluate({ actual: num(85) }, {}, { previousStatus: undefined }).change).toBeNull();
    expect(evaluate({ actual: num(85) }, {}, { previousStatus: 'amber' }).change).toBeNull();
  });
});

describe('variance', () => {
  test('actual − target and as a fraction of |target|', () => {
    expect(computeVariance(85, 90)).toEqual({ variance: -5, variancePercent: expect.closeTo(-5 / 90, 10) });
    expect(computeVariance(110, 100)).toEqual({ variance: 10, variancePercent: 0.1 });
    expect(computeVariance(-11, -10)).toEqual({ variance: -1, variancePercent: -0.1 });
  });
  test('decimal-clean: 0.7 − 0.63 is 0.07', () => {
    expect(computeVariance(0.7, 0.63).variance).toBe(0.07);
    expect(computeVariance(0.1 + 0.2, 0.3)).toEqual({ variance: 0, variancePercent: 0 });
  });
  test('a zero or missing target', () => {
    expect(computeVariance(3, 0)).toEqual({ variance: 3, variancePercent: null });
    expect(computeVariance(3, null)).toEqual({ variance: null, variancePercent: null });
    expect(computeVariance(null, 3)).toEqual({ variance: null, variancePercent: null });
  });
  test('a range: distance to the nearer bound, 0 inside', () => {
    const r = { low: 95, high: 105 };
    expect(computeVariance(100, null, r)).toEqual({ variance: 0, variancePercent: 0 });
    expect(computeVariance(95, null, r)).toEqual({ variance: 0, variancePercent: 0 });
    expect(computeVariance(90, null, r)).toEqual({ variance: -5, variancePercent: expect.closeTo(-5 / 95, 10) });
    expect(computeVariance(110, null, r)).toEqual({ variance: 5, variancePercent: expect.closeTo(5 / 105, 10) });
    expect(computeVariance(-1, null, { low: 0, high: 5 })).toEqual({ variance: -1, variancePercent: null });
  });
  test('percent measures: in points', () => {
    const r = evaluate({ actual: pct(72), target: pct(90) });
    expect(r.variance).toBe(-18);
    expect(r.variancePercent).toBe(-0.2);
  });
  test('a range measure', () => {
    expect(evaluate({ actual: num(93), target: range(95, 105) }).variance).toBe(-2);
  });
  test('no variance without a rating', () => {
    expect(evaluate({ actual: num(0.92), target: num(90) }).variance).toBeNull(); // check data
    expect(evaluate({ target: null }).variance).toBeNull();
    expect(evaluate({ polarityText: 'Data only' }).variance).toBeNull();
  });
});

describe('numbers for people', () => {
  test.each([
    [0, '0'],
    [81, '81'],
    [81.5, '81.5'],
    [81.456, '81.46'],
    [1.005, '1.01'],
    [1234, '1,234'],
    [1234567.891, '1,234,567.89'],
    [-1234.5, '-1,234.5'],
    [0.92, '0.92'],
    [0.0045, '0.0045'],
    [0.00001234, '0.000012'],
    [-0.001, '-0.001'],
    [99.999, '100'],
    [0.1 + 0.2, '0.3'],
    [-0.001 + 0.001, '0'],
    [1e-7, '0.0000001'],
    [-4.5e-8, '-0.000000045'],
    [1e20, '100,000,000,000,000,000,000'],
    [1e21, '1E+21'],
    [1.5e300, '1.5E+300'],
    [-2.5e22, '-2.5E+22'],
    [9.9e-10, '9.9E-10'],
    [1e-300, '1E-300'],
  ])('%p → "%s"', (x, expected) => {
    expect(formatNumber(x)).toBe(expected);
  });
  test('values, percentages and points', () => {
    expect(formatValue(92, 'percent')).toBe('92%');
    expect(formatValue(92.456, 'plain')).toBe('92.46');
    expect(formatPercent(5.5555)).toBe('5.6%');
    expect(formatPercent(10)).toBe('10%');
    expect(formatPoints(18)).toBe('18 points');
    expect(formatPoints(1)).toBe('1 point');
    expect(formatPoints(-2.5)).toBe('2.5 points');
  });
});

describe('decimal-safe comparison', () => {
  test('equal to about ten significant digits', () => {
    expect(cmp(0.1 + 0.2, 0.3)).toBe(0);
    expect(cmp(1.1 * 0.9, 0.99)).toBe(0);
    expect(cmp(1e9 + 0.01, 1e9)).toBe(0);
    expect(cmp(1e9 + 1, 1e9)).toBe(1);
    expect(cmp(100.000001, 100)).toBe(1);
    expect(cmp(5.5e-17, 0)).toBe(0);
    expect(cmp(1e-9, 0)).toBe(1);
    expect(cmp(-1, 1)).toBe(-1);
  });
});

describe('tolerance cell forms', () => {
  test.each([
    ['10%', { type: 'relative', value: 10 }],
    ['10 %', { type: 'relative', value: 10 }],
    ['2.5%', { type: 'relative', value: 2.5 }],
    ['2', { type: 'absolute', value: 2 }],
    ['2pp', { type: 'absolute', value: 2 }],
    ['2 pp', { type: 'absolute', value: 2 }],
    ['2 points', { type: 'absolute', value: 2 }],
    ['1 point', { type: 'absolute', value: 1 }],
    ['2 percentage points', { type: 'absolute', value: 2 }],
    ['±2', { type: 'absolute', value: 2 }],
    ['± 2', { type: 'absolute', value: 2 }],
    ['+/- 2', { type: 'absolute', value: 2 }],
    ['+/-5%', { type: 'relative', value: 5 }],
    ['±5%', { type: 'relative', value: 5 }],
    ['.5', { type: 'absolute', value: 0.5 }],
  ])('"%s"', (cell, amount) => {
    expect(parseToleranceCell(cell)).toEqual({ ok: true, amount });
  });
  test('numbers are absolute', () => {
    expect(parseToleranceCell(2)).toEqual({ ok: true, amount: { type: 'absolute', value: 2 } });
    expect(parseToleranceCell(0)).toEqual({ ok: true, amount: { type: 'absolute', value: 0 } });
  });
  test('empty cells', () => {
    for (const c of [null, undefined, '', '  ', '-', 'N/A', 'n/a']) expect(parseToleranceCell(c as string | null)).toBeNull();
  });
  test('unreadable cells', () => {
    for (const c of ['about 2', '2-3', '-2', true, -1, Number.NaN]) expect(parseToleranceCell(c as string)).toMatchObject({ ok: false });
  });
});
