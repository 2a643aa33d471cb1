/** DOMAIN rule 4: direction of travel. */
import { compareDirection } from '../../../src/core/rules';
import { abs, evaluate, missing, num, pct, period, quarters, range, rel, text } from './helpers';

const band1 = rel(1);

describe('rule 4: the sustained band (default ±1% of the previous value, inclusive)', () => {
  test.each([
    [100, 100, 'sustained', 'equal'],
    [101, 100, 'sustained', 'band'],
    [99, 100, 'sustained', 'band'],
    [101.01, 100, 'improved', 'polarity'],
    [98.99, 100, 'declined', 'polarity'],
    [0.707, 0.7, 'sustained', 'band'], // 0.7 * 1.01 = 0.707 decimally
    [0.693, 0.7, 'sustained', 'band'],
    [1.111, 1.1, 'sustained', 'band'],
    [1.089, 1.1, 'sustained', 'band'],
  ])('higher: %p after %p is %s (%s)', (a, p, direction, decidedBy) => {
    expect(compareDirection(a, p, 'higher', band1)).toMatchObject({ direction, decidedBy });
  });
  test.each([
    [100, 100, 'sustained'],
    [101, 100, 'sustained'],
    [101.01, 100, 'declined'],
    [98.99, 100, 'improved'],
  ])('lower: %p after %p is %s', (a, p, direction) => {
    expect(compareDirection(a, p, 'lower', band1).direction).toBe(direction);
  });
  test('absolute band', () => {
    expect(compareDirection(92, 90, 'higher', abs(2)).direction).toBe('sustained');
    expect(compareDirection(88, 90, 'higher', abs(2)).direction).toBe('sustained');
    expect(compareDirection(92.01, 90, 'higher', abs(2)).direction).toBe('improved');
    expect(compareDirection(87.99, 90, 'lower', abs(2)).direction).toBe('improved');
  });
  test('a zero band: only equal is sustained', () => {
    expect(compareDirection(100, 100, 'higher', rel(0)).direction).toBe('sustained');
    expect(compareDirection(100.001, 100, 'higher', rel(0)).direction).toBe('improved');
  });
  test('previous 0 with a relative band: only an equal value is sustained', () => {
    expect(compareDirection(0, 0, 'higher', band1)).toMatchObject({ direction: 'sustained', decidedBy: 'equal' });
    expect(compareDirection(0.001, 0, 'higher', band1).direction).toBe('improved');
    expect(compareDirection(0.001, 0, 'lower', band1).direction).toBe('declined');
    expect(compareDirection(-0.001, 0, 'lower', band1).direction).toBe('improved');
  });
  test('previous 0 with an absolute band', () => {
    expect(compareDirection(0.5, 0, 'higher', abs(1)).direction).toBe('sustained');
  });
  test('a negative previous value: the band is a % of its size', () => {
    expect(compareDirection(-101, -100, 'higher', band1).direction).toBe('sustained');
    expect(compareDirection(-102, -100, 'higher', band1).direction).toBe('declined');
  });
  test('floating residue: 0.1 + 0.2 after 0.3 is the same', () => {
    expect(compareDirection(0.1 + 0.2, 0.3, 'higher', rel(0))).toMatchObject({ direction: 'sustained', movement: 'same' });
  });
});

describe('rule 4: a target range', () => {
  const r = { low: 95, high: 105 };
  test('closer to the range is improved, further is declined', () => {
    expect(compareDirection(107, 110, 'range', band1, r).direction).toBe('improved');
    expect(compareDirection(90, 93, 'range', band1, r).direction).toBe('declined');
    expect(compareDirection(100, 90, 'range', band1, r).direction).toBe('improved');
    expect(compareDirection(120, 100, 'range', band1, r).direction).toBe('declined');
  });
  test('both inside the range is sustained, even when it moved more than the band', () => {
    expect(compareDirection(104, 96, 'range', band1, r)).toMatchObject({ direction: 'sustained', decidedBy: 'range-inside' });
  });
  test('equally far on the other side is sustained', () => {
    expect(compareDirection(90, 110, 'range', band1, r)).toMatchObject({ direction: 'sustained', decidedBy: 'range-distance' });
  });
  test('within the band is sustained', () => {
    expect(compareDirection(110.5, 110, 'range', band1, r).direction).toBe('sustained');
  });
});

describe('rule 4: data only has no good direction', () => {
  test('direction none, with the movement', () => {
    expect(compareDirection(110, 100, 'none', band1)).toEqual({ direction: 'none', movement: 'up', decidedBy: 'data-only' });
    expect(compareDirection(90, 100, 'none', band1)).toEqual({ direction: 'none', movement: 'down', decidedBy: 'data-only' });
    expect(compareDirection(100, 100, 'none', band1)).toEqual({ direction: 'none', movement: 'same', decidedBy: 'data-only' });
  });
});

describe('rule 4 for a measure: reasons and the comparison value', () => {
  test('improved, higher is better', () => {
    const r = evaluate({ actual: num(85), previous: num(80), previousLabel: 'Q2' });
    expect(r.direction).toBe('improved');
    expect(r.movement).toBe('up');
    expect(r.directionReason).toBe('Improved: 85 up from 80 in Q2 (higher is better)');
  });
  test('declined, higher is better', () => {
    expect(evaluate({ actual: num(85), previous: num(90), previousLabel: 'Q2' }).directionReason).toBe(
      'Declined: 85 down from 90 in Q2 (higher is better)',
    );
  });
  test('lower is better: a fall is improved', () => {
    const r = evaluate({ polarityText: 'Lower is better', actual: num(8), previous: num(10), previousLabel: '2023/24' });
    expect(r.direction).toBe('improved');
    expect(r.movement).toBe('down');
    expect(r.directionReason).toBe('Improved: 8 down from 10 in 2023/24 (lower is better)');
    expect(evaluate({ polarityText: 'Lower is better', actual: num(12), previous: num(10) }).direction).toBe('declined');
  });
  test('lower from the name says so', () => {
    expect(evaluate({ name: 'Number of complaints', actual: num(8), previous: num(10) }).directionReason).toBe(
      "Improved: 8 down from 10 (lower is better, assumed from the name ('complaints'))",
    );
  });
  test('sustained: the same, and within the band', () => {
    expect(evaluate({ actual: num(85), previous: num(85), previousLabel: 'Q2' }).directionReason).toBe('Sustained: 85, the same as in Q2');
    expect(evaluate({ actual: num(85), previous: num(85) }).directionReason).toBe('Sustained: 85, the same as in the previous period');
    expect(evaluate({ actual: num(85), previous: num(84.5), previousLabel: 'Q2' }).directionReason).toBe(
      'Sustained: 85 is within 1% of 84.5 in Q2',
    );
    expect(evaluate({ actual: pct(85), target: pct(90), previous: pct(84) }, { directionOfTravel: { sustainedBand: abs(2) } }).directionReason).toBe(
      'Sustained: 85% is within 2 points of 84%',
    );
  });
  test('percentages', () => {
    expect(evaluate({ actual: pct(72), target: pct(90), previous: pct(80), previousLabel: 'Q2' }).directionReason).toBe(
      'Declined: 72% down from 80% in Q2 (higher is better)',
    );
  });
  test('a previous value stored as a fraction is compared in points', () => {
    const r = evaluate({ actual: pct(85), target: pct(90), previous: num(0.8) });
    expect(r.direction).toBe('improved');
    expect(r.directionReason).toBe('Improved: 85% up from 80% (higher is better)');
  });
  test('a previous value 100× the actual with no percent evidence: no comparison', () => {
    const r = evaluate({ actual: num(92), target: null, previous: num(0.9) });
    expect(r.direction).toBe('none');
    expect(r.directionReason).toMatch(/look like different units/);
  });
  test('range reasons', () => {
    const base = { target: range(95, 105) };
    expect(evaluate({ ...base, actual: num(100), previous: num(98), previousLabel: 'Q2' }).directionReason).toBe(
      'Sustained: 100 and 98 in Q2 are both within the range 95–105',
    );
    expect(evaluate({ ...base, actual: num(107), previous: num(110), previousLabel: 'Q2' }).directionReason).toBe(
      'Improved: 107 is closer to the range 95–105 than 110 in Q2',
    );
    expect(evaluate({ ...base, actual: num(90), previous: num(93), previousLabel: 'Q2' }).directionReason).toBe(
      'Declined: 90 is further from the range 95–105 than 93 in Q2',
    );
  });
  test('data only: the movement in words', () => {
    expect(evaluate({ polarityText: 'Data only', actual: num(85), previous: num(80) }).directionReason).toBe(
      'No direction: data only; up 6.3% on the previous period (85 from 80)',
    );
    expect(evaluate({ polarityText: 'Data only', actual: pct(85), previous: pct(88), previousLabel: 'Q2' }).directionReason).toBe(
      'No direction: data only; down 3 points on Q2 (85% from 88%)',
    );
    const same = evaluate({ polarityText: 'Data only', actual: num(85), previous: num(85), previousLabel: 'Q2' });
    expect(same.movement).toBe('same');
    expect(same.directionReason).toBe('No direction: data only; the same as Q2 (85)');
    expect(evaluate({ polarityText: 'Data only', actual: num(5), previous: num(0) }).directionReason).toBe(
      'No direction: data only; up 5 on the previous period (5 from 0)',
    );
  });
  test('no previous value', () => {
    for (const previous of [null, missing(''), missing('N/A'), text('new'), range(1, 2)]) {
      const r = evaluate({ previous });
      expect(r.direction).toBe('none');
      expect(r.directionReason).toBe('No comparison: no previous value to compare');
      expect(r.movement).toBeUndefined();
    }
  });
  test('no actual', () => {
    const r = evaluate({ actual: missing(''), previous: num(80) });
    expect(r.direction).toBe('none');
    expect(r.directionReason).toBe('No comparison: no actual this period');
  });
  test('no target still gets a trend', () => {
    expect(evaluate({ target: null, actual: num(85), previous: num(80) }).direction).toBe('improved');
  });
  test('Check data still gets a trend on its own numbers', () => {
    const r = evaluate({ actual: num(0.92), target: num(90), previous: num(0.9) });
    expect(r.status).toBe('checkData');
    expect(r.direction).toBe('improved');
  });
});

describe('rule 4: same period last year', () => {
  const lastYear = { directionOfTravel: { compareWith: 'same-period-last-year' as const } };
  test('uses the lastYear value', () => {
    const r = evaluate({ actual: num(85), previous: num(90), lastYear: num(80) }, lastYear);
    expect(r.direction).toBe('improved');
    expect(r.directionReason).toBe('Improved: 85 up from 80 in the same period last year (higher is better)');
  });
  test('no lastYear value: none, even with a previous value', () => {
    const r = evaluate({ actual: num(85), previous: num(90) }, lastYear);
    expect(r.direction).toBe('none');
    expect(r.directionReason).toBe('No comparison: no value for the same period last year');
  });
  test('found in the series when the sheet has no column for it', () => {
    const series = [
      ...quarters([70, 75, 80, 82], 2023).map((p) => ({ ...p, period: { ...p.period, label: `${p.period.label} 2023/24` } })),
      ...quarters([84, 86, 85], 2024).map((p) => ({ ...p, cell: { row: 13, col: 8 + p.period.indexInYear! } })),
    ];
    const actualCell = series[series.length - 1]!.cell;
    const r = evaluate({ actual: num(85), actualCell, previous: null, series }, lastYear);
    expect(r.direction).toBe('improved');
    expect(r.directionReason).toBe('Improved: 85 up from 80 in Q3 2023/24 (higher is better)');
  });
});

describe('rule 4: the previous value from the series when the sheet gives none', () => {
  test('the period before the current one', () => {
    const series = quarters([80, 82, 90]);
    const r = evaluate({ actual: num(90), actualCell: series[2]!.cell, previous: null, series });
    expect(r.direction).toBe('improved');
    expect(r.directionReason).toBe('Improved: 90 up from 82 in Q2 (higher is better)');
  });
  test('the series order is by period, not by position', () => {
    const series = quarters([80, 82, 90]).reverse();
    const r = evaluate({ actual: num(90), actualCell: { row: 13, col: 6 }, previous: null, series });
    expect(r.directionReason).toBe('Improved: 90 up from 82 in Q2 (higher is better)');
  });
  test('without the actual cell in the series, the last period with data is current', () => {
    const series = [...quarters([80, 82, 90]), { period: period('Q4', 2024, 4, 4), value: missing(''), cell: { row: 13, col: 7 } }];
    const r = evaluate({ actual: num(90), actualCell: { row: 13, col: 2 }, previous: null, series });
    expect(r.directionReason).toBe('Improved: 90 up from 82 in Q2 (higher is better)');
  });
  test('a missing previous period gives no comparison', () => {
    const series = quarters([80, missing('TBC'), 90]);
    const r = evaluate({ actual: num(90), actualCell: series[2]!.cell, previous: null, series });
    expect(r.direction).toBe('none');
  });
});
