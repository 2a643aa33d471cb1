/** Rules 1–3 for a measure as the sheet gives it: no data, no target, units, the tolerance cell, threshold columns, BRAG. */
import { evaluate, missing, num, pct, range, bound, text, statusOf, abs } from './helpers';

const codes = (r: { issues: { code: string }[] }) => r.issues.map((i) => i.code);

describe('rule 2: no data', () => {
  test.each([
    ['blank', missing(''), 'No data: C14 is blank'],
    ['N/A', missing('N/A'), 'No data: C14 holds "N/A"'],
    ['TBC', missing('TBC'), 'No data: C14 holds "TBC"'],
    ['dash', missing('-'), 'No data: C14 holds "-"'],
    ['#N/A', missing('#N/A'), 'No data: C14 holds "#N/A"'],
    ['#DIV/0!', missing('#DIV/0!'), 'No data: C14 holds "#DIV/0!"'],
    ['text', text('about 90'), 'No data: "about 90" in C14 is not a number'],
    ['a range as an actual', range(80, 90), 'No data: "80-90" in C14 is not a number'],
    ['a bound as an actual (suppressed "<5")', bound('<', 5), 'No data: "<5" in C14 is not a number'],
    ['NaN', num(Number.NaN), 'No data: the actual in C14 is not a finite number'],
    ['Infinity', num(Number.POSITIVE_INFINITY), 'No data: the actual in C14 is not a finite number'],
  ])('%s → No data, listed as a data-quality issue naming the cell', (_name, actual, reason) => {
    const r = evaluate({ actual });
    expect(r.status).toBe('noData');
    expect(r.reason).toBe(reason);
    expect(r.actual).toBeNull();
    expect(r.variance).toBeNull();
    const issue = r.issues.find((i) => i.code === 'no-data')!;
    expect(issue).toBeDefined();
    expect(issue.cell).toBe('C14');
    expect(issue.sheet).toBe('Sheet1');
    expect(issue.severity).toBe('warning');
    expect(issue.message).toBe(`Visits completed: no data: ${reason.replace('No data: ', '')}`);
  });

  test('without a known cell the reason still says what was there', () => {
    expect(evaluate({ actual: missing(''), actualCell: null }).reason).toBe('No data: the actual is blank');
    expect(evaluate({ actual: missing('TBC'), actualCell: null }).reason).toBe('No data: the actual is "TBC"');
    expect(evaluate({ actual: text('n/k yet'), actualCell: null }).reason).toBe('No data: the actual "n/k yet" is not a number');
    expect(evaluate({ actual: missing(''), actualCell: null }).issues[0]!.cell).toBe('');
  });

  test('no data is never green or red, whatever the target and polarity', () => {
    for (const target of [num(0), num(90), pct(90), range(1, 2), bound('<=', 3), null, missing('')]) {
      for (const polarityText of [null, 'Lower', 'Range', 'Data only']) {
        expect(statusOf({ actual: missing('N/A'), target, polarityText })).toBe('noData');
      }
    }
  });

  test('no data for a data-only measure is still No data', () => {
    expect(statusOf({ actual: missing(''), polarityText: 'Data only' })).toBe('noData');
  });

  test('no data needs no commentary', () => {
    expect(evaluate({ actual: missing(''), commentary: null }).commentaryMissing).toBe(false);
  });
});

describe('rule 2: no target (data only)', () => {
  test('polarity "Data only" → No target, trend still computed', () => {
    const r = evaluate({ actual: num(85), target: num(90), polarityText: 'Data only', previous: num(80), previousLabel: 'Q2' });
    expect(r.status).toBe('noTarget');
    expect(r.reason).toBe('No target: data only');
    expect(r.polarity).toBe('none');
    expect(r.actual).toBe(85);
    expect(r.variance).toBeNull();
    expect(r.direction).toBe('none');
    expect(r.movement).toBe('up');
    expect(r.directionReason).toBe('No direction: data only; up 6.3% on Q2 (85 from 80)');
    expect(r.issues).toEqual([]);
  });
  test('polarity none from configuration', () => {
    expect(evaluate({}, {}, { polarityFromConfig: 'none' }).status).toBe('noTarget');
  });
  test('no target cell', () => {
    const r = evaluate({ target: null, previous: num(80) });
    expect(r.status).toBe('noTarget');
    expect(r.reason).toBe('No target: no target set');
    expect(r.direction).toBe('improved');
    expect(r.issues).toEqual([]);
  });
  test('a blank target', () => {
    expect(evaluate({ target: missing('') }).reason).toBe('No target: no target set');
  });
  test('a target of "TBC"', () => {
    const r = evaluate({ target: missing('TBC') });
    expect(r.status).toBe('noTarget');
    expect(r.reason).toBe('No target: D14 holds "TBC"');
    expect(evaluate({ target: missing('TBC'), targetCell: null }).reason).toBe('No target: the target is "TBC"');
  });
  test('a text target → No target with a warning on the target cell', () => {
    const r = evaluate({ target: text('see note') });
    expect(r.status).toBe('noTarget');
    expect(r.reason).toBe('No target: the target "see note" is not a number');
    expect(codes(r)).toEqual(['target-not-number']);
    expect(r.issues[0]!.cell).toBe('D14');
    expect(r.issues[0]!.severity).toBe('warning');
  });
  test('no target needs no commentary', () => {
    expect(evaluate({ target: null, commentary: '' }).commentaryMissing).toBe(false);
  });
});

describe('rule 3: percentages compared in the same units', () => {
  test('both percent: points', () => {
    const r = evaluate({ actual: pct(85), target: pct(90) });
    expect(r.status).toBe('amber');
    expect(r.scale).toBe('percent');
    expect(r.actual).toBe(85);
    expect(r.target).toBe(90);
    expect(r.variance).toBe(-5);
    expect(r.issues).toEqual([]);
  });
  test('actual a fraction (0.92), target a formatted percentage (90%) → compared as 92% against 90%, info', () => {
    const r = evaluate({ actual: num(0.92), target: pct(90) });
    expect(r.status).toBe('green');
    expect(r.actual).toBe(92);
    expect(r.scale).toBe('percent');
    expect(r.reason).toBe('Green: 92% is at or above the target of 90%');
    expect(codes(r)).toEqual(['units-reconciled']);
    expect(r.issues[0]!.severity).toBe('info');
    expect(r.issues[0]!.message).toContain('compared as 92% against 90%');
  });
  test('actual a formatted percentage, target a fraction', () => {
    const r = evaluate({ actual: pct(85), target: num(0.9) });
    expect(r.status).toBe('amber');
    expect(r.target).toBe(90);
    expect(r.issues[0]!.message).toContain('compared as 85% against 90%');
    expect(r.issues[0]!.cell).toBe('D14');
  });
  test('a plain whole number against a percentage is already points (no note)', () => {
    const r = evaluate({ actual: pct(85), target: num(90) });
    expect(r.status).toBe('amber');
    expect(r.target).toBe(90);
    expect(r.issues).toEqual([]);
  });
  test('0.07 × 100 is 7, not 7.000000000000001', () => {
    const r = evaluate({ actual: num(0.07), target: pct(7) });
    expect(r.actual).toBe(7);
    expect(r.status).toBe('green');
    expect(r.reason).toBe('Green: 7% meets the target of 7%');
  });
  test('1 against 100% is 100%', () => {
    expect(evaluate({ actual: num(1), target: pct(100) }).actual).toBe(100);
  });
  test('a small plain value against a small percentage is read as points when that is nearer (0.8 against 0.9%)', () => {
    const r = evaluate({ actual: num(0.8), target: pct(0.9), polarityText: 'Lower' });
    expect(r.actual).toBe(0.8);
    expect(r.status).toBe('green');
    expect(r.issues).toEqual([]);
  });
  test('a percent range target with a fractional actual', () => {
    const r = evaluate({ actual: num(0.97), target: range(95, 105, 'percent') });
    expect(r.targetRange).toEqual({ low: 95, high: 105 });
    expect(r.actual).toBe(97);
    expect(r.status).toBe('green');
  });
  test('a fractional range target with a percent actual', () => {
    const r = evaluate({ actual: pct(97), target: range(0.95, 1.05) });
    expect(r.targetRange).toEqual({ low: 95, high: 105 });
    expect(r.status).toBe('green');
  });
  test('no percent format but the measure is a percentage (unit hint): a fraction against a whole number is reconciled, with a warning', () => {
    const r = evaluate({ actual: num(0.92), target: num(90), unitHint: 'percent' });
    expect(r.status).toBe('green');
    expect(r.actual).toBe(92);
    expect(r.scale).toBe('percent');
    expect(codes(r)).toEqual(['units-reconciled']);
    expect(r.issues[0]!.severity).toBe('warning');
    expect(r.issues[0]!.message).toContain('compared as 92% against 90%');
    const t = evaluate({ actual: num(85), target: num(0.9), unitHint: 'percent' });
    expect(t.target).toBe(90);
    expect(t.status).toBe('amber');
  });
  test('unit hint, both fractions: both shown as percentages, no note', () => {
    const r = evaluate({ actual: num(0.85), target: num(0.9), unitHint: 'percent' });
    expect(r.actual).toBe(85);
    expect(r.target).toBe(90);
    expect(r.scale).toBe('percent');
    expect(r.reason).toBe('Amber: 85% is 5 points below the target of 90%; amber is within 10% (9 points)');
    expect(r.issues).toEqual([]);
  });
  test('unit hint, both whole numbers: percentages, no note', () => {
    const r = evaluate({ actual: num(85), target: num(90), unitHint: 'percent' });
    expect(r.scale).toBe('percent');
    expect(r.issues).toEqual([]);
  });
  test('no percent evidence and 100× apart → Check data, never a silent red', () => {
    const r = evaluate({ actual: num(0.92), target: num(90) });
    expect(r.status).toBe('checkData');
    expect(r.reason).toBe('Check data: the actual 0.92 looks like a fraction and the target 90 like a whole-number percentage');
    expect(codes(r)).toEqual(['unit-mismatch']);
    expect(r.issues[0]!.severity).toBe('warning');
    expect(r.variance).toBeNull();
    const t = evaluate({ actual: num(92), target: num(0.9) });
    expect(t.status).toBe('checkData');
    expect(t.reason).toBe('Check data: the target 0.9 looks like a fraction and the actual 92 like a whole-number percentage');
  });
  test.each([
    [0.5, 90], // ratio 1.8
    [1.5, 75], // ratio 0.5
    [0.45, 90], // ratio 2
  ])('mismatch edges: %p against %p is Check data', (a, t) => {
    expect(statusOf({ actual: num(a), target: num(t) })).toBe('checkData');
  });
  test.each([
    [0.4, 90], // ratio 2.25
    [1.6, 90], // small above 1.5
    [1.5, 74], // ratio 0.49
    [0, 90], // zero is not a fraction of anything
    [0.9, 0.95], // both small: plain comparison
    [92, 90],
  ])('not a mismatch: %p against %p', (a, t) => {
    expect(statusOf({ actual: num(a), target: num(t) })).not.toBe('checkData');
  });
  test('Check data needs no commentary and is not rated', () => {
    const r = evaluate({ actual: num(0.92), target: num(90), commentary: null });
    expect(r.commentaryMissing).toBe(false);
  });
});

describe('rule 1 at measure level: the Tolerance cell overrides the configured tolerance', () => {
  test.each([
    ['10%', 81, 'amber'],
    ['10%', 80.99, 'red'],
    ['5%', 85.5, 'amber'],
    ['5%', 85, 'red'],
    ['2', 88, 'amber'],
    ['2', 87.9, 'red'],
    ['2pp', 88, 'amber'],
    ['2 points', 88, 'amber'],
    ['±2', 88, 'amber'],
    ['± 2', 87.9, 'red'],
    ['+/- 2', 88, 'amber'],
    ['+/-5%', 85.5, 'amber'],
    ['0', 89.99, 'red'],
  ])('tolerance "%s": %p against 90', (tol, actual, expected) => {
    expect(statusOf({ actual: num(actual), target: num(90), toleranceText: tol })).toBe(expected);
  });
  test('a number in the Tolerance cell is absolute', () => {
    expect(statusOf({ actual: num(87), target: num(90), toleranceText: 3 })).toBe('amber');
    expect(statusOf({ actual: num(86.9), target: num(90), toleranceText: 3 })).toBe('red');
  });
  test('the cell beats the configuration', () => {
    expect(statusOf({ actual: num(85), target: num(90), toleranceText: '2' }, { tolerance: { type: 'relative', value: 20 } })).toBe('red');
  });
  test('a blank or "-" cell leaves the configured tolerance', () => {
    expect(statusOf({ actual: num(81), target: num(90), toleranceText: '' })).toBe('amber');
    expect(statusOf({ actual: num(81), target: num(90), toleranceText: '-' })).toBe('amber');
    expect(statusOf({ actual: num(81), target: num(90), toleranceText: null })).toBe('amber');
  });
  test('an unreadable cell: a warning and the configured tolerance', () => {
    const r = evaluate({ actual: num(81), target: num(90), toleranceText: 'about two' });
    expect(r.status).toBe('amber');
    expect(codes(r)).toEqual(['tolerance-unreadable']);
    expect(evaluate({ toleranceText: -2 }).issues.map((i) => i.code)).toEqual(['tolerance-unreadable']);
  });
  test('configured absolute tolerance in points for percentages', () => {
    const r = evaluate({ actual: pct(88), target: pct(90) }, { tolerance: abs(2) });
    expect(r.status).toBe('amber');
    expect(r.reason).toBe('Amber: 88% is 2 points below the target of 90%; amber is within 2 points');
  });
  test('zero target with the default relative tolerance: Green when met, Red when missed, warning on the target cell', () => {
    const met = evaluate({ name: 'Permanent exclusions', actual: num(0), target: num(0) });
    expect(met.status).toBe('green');
    expect(met.polarity).toBe('lower');
    expect(met.reason).toBe("Green: 0 meets the target of 0 (lower is better, assumed from the name ('exclusions'))");
    expect(codes(met)).toEqual(['zero-target-relative-tolerance']);
    expect(met.issues[0]!.cell).toBe('D14');
    const missed = evaluate({ name: 'Permanent exclusions', actual: num(1), target: num(0) });
    expect(missed.status).toBe('red');
    expect(missed.variance).toBe(1);
    expect(missed.variancePercent).toBeNull();
  });
  test('zero target with an absolute tolerance cell: no warning', () => {
    const r = evaluate({ name: 'Permanent exclusions', actual: num(1), target: num(0), toleranceText: '2' });
    expect(r.status).toBe('amber');
    expect(r.issues.filter((i) => i.code === 'zero-target-relative-tolerance')).toEqual([]);
  });
});

describe('rule 1 at measure level: threshold columns', () => {
  test('one threshold column (red): Amber down to it, inclusive', () => {
    expect(statusOf({ actual: num(70), target: num(90), redThreshold: num(70) })).toBe('amber');
    expect(statusOf({ actual: num(69), target: num(90), redThreshold: num(70) })).toBe('red');
  });
  test('one threshold column (amber) means the same boundary', () => {
    expect(statusOf({ actual: num(70), target: num(90), amberThreshold: num(70) })).toBe('amber');
    expect(statusOf({ actual: num(69), target: num(90), amberThreshold: num(70) })).toBe('red');
  });
  test('both threshold columns', () => {
    const m = { target: num(90), amberThreshold: num(85), redThreshold: num(80) };
    expect(statusOf({ ...m, actual: num(86) })).toBe('green');
    expect(statusOf({ ...m, actual: num(82) })).toBe('amber');
    expect(statusOf({ ...m, actual: num(79) })).toBe('red');
  });
  test('lower is better with thresholds', () => {
    const m = { target: num(5), polarityText: 'Lower is better', redThreshold: num(8) };
    expect(statusOf({ ...m, actual: num(8) })).toBe('amber');
    expect(statusOf({ ...m, actual: num(8.5) })).toBe('red');
  });
  test('thresholds as fractions against percentages are reconciled', () => {
    expect(statusOf({ actual: pct(72), target: pct(90), redThreshold: num(0.7) })).toBe('amber');
    expect(statusOf({ actual: pct(69), target: pct(90), redThreshold: num(0.7) })).toBe('red');
    expect(statusOf({ actual: pct(72), target: pct(90), redThreshold: pct(70) })).toBe('amber');
  });
  test('an operator threshold ("< 70") uses its number', () => {
    expect(statusOf({ actual: num(72), target: num(90), redThreshold: bound('<', 70) })).toBe('amber');
  });
  test('a blank threshold is no threshold', () => {
    const r = evaluate({ actual: num(81), target: num(90), redThreshold: missing('') });
    expect(r.status).toBe('amber');
    expect(r.issues).toEqual([]);
  });
  test('a text threshold: a warning and ignored', () => {
    const r = evaluate({ actual: num(81), target: num(90), redThreshold: text('see note') });
    expect(r.status).toBe('amber');
    expect(codes(r)).toEqual(['threshold-unreadable']);
  });
  test('inconsistent thresholds: a warning on the measure and the tolerance rule', () => {
    const r = evaluate({ actual: num(82), target: num(90), amberThreshold: num(80), redThreshold: num(85) });
    expect(r.status).toBe('amber'); // 10% tolerance
    expect(codes(r)).toEqual(['thresholds-inconsistent']);
    expect(r.issues[0]!.message).toMatch(/^Visits completed: the thresholds in the sheet are inconsistent/);
    const wrongSide = evaluate({ actual: num(95), target: num(90), redThreshold: num(95) });
    expect(wrongSide.status).toBe('green');
    expect(codes(wrongSide)).toEqual(['thresholds-inconsistent']);
  });
});

describe('rule 1 at measure level: BRAG', () => {
  const brag = { brag: { enabled: true } };
  test('a complete row is Blue when BRAG is on, Green/Red as usual when off', () => {
    expect(statusOf({ actual: num(50), target: num(90), complete: true }, brag)).toBe('blue');
    expect(statusOf({ actual: num(50), target: num(90), complete: true })).toBe('red');
    expect(statusOf({ actual: num(50), target: num(90), complete: false }, brag)).toBe('red');
  });
  test('a complete row with no actual (planned work) is Blue, and no no-data issue is raised', () => {
    const r = evaluate({ actual: missing(''), target: null, complete: true }, brag);
    expect(r.status).toBe('blue');
    expect(r.reason).toBe('Blue: marked complete');
    expect(r.issues).toEqual([]);
  });
  test('beats the target by the margin', () => {
    expect(statusOf({ actual: num(99), target: num(90) }, brag)).toBe('blue');
    expect(statusOf({ actual: num(98.99), target: num(90) }, brag)).toBe('green');
    expect(statusOf({ actual: num(12), target: num(10) }, { brag: { enabled: true, margin: abs(2) } })).toBe('blue');
  });
  test('lower is better', () => {
    expect(statusOf({ actual: num(4.5), target: num(5), polarityText: 'Lower' }, brag)).toBe('blue');
    expect(statusOf({ actual: num(4.51), target: num(5), polarityText: 'Lower' }, brag)).toBe('green');
  });
});

describe('operator targets at measure level', () => {
  test('"≤ 3%" means lower is better and 3% is Green', () => {
    const r = evaluate({ actual: pct(3), target: bound('<=', 3, 'percent') });
    expect(r.polarity).toBe('lower');
    expect(r.polaritySource).toBe('target');
    expect(r.status).toBe('green');
    expect(r.target).toBe(3);
  });
  test('"< 3%": 3% is Amber, 2.9% Green', () => {
    expect(statusOf({ actual: pct(3), target: bound('<', 3, 'percent') })).toBe('amber');
    expect(statusOf({ actual: pct(2.9), target: bound('<', 3, 'percent') })).toBe('green');
  });
  test('">= 90" means higher is better', () => {
    const r = evaluate({ name: 'Sickness days lost', actual: num(85), target: bound('>=', 90) });
    expect(r.polarity).toBe('higher');
    expect(r.status).toBe('amber');
  });
  test('the sheet column beats the operator', () => {
    const r = evaluate({ actual: num(4), target: bound('<=', 3), polarityText: 'Higher is better' });
    expect(r.polarity).toBe('higher');
    expect(r.status).toBe('green');
  });
  test('a range target "95-105" is rated as a range', () => {
    const r = evaluate({ actual: num(107), target: range(95, 105) });
    expect(r.polarity).toBe('range');
    expect(r.status).toBe('amber');
    expect(r.target).toBeNull();
    expect(r.targetRange).toEqual({ low: 95, high: 105 });
    expect(r.variance).toBe(2);
  });
});

describe('commentary missing', () => {
  test.each([
    [num(70), null, true],
    [num(70), '', true],
    [num(70), '   ', true],
    [num(85), null, true],
    [num(95), null, false],
    [num(70), 'Recovery plan agreed.', false],
  ])('actual %p, commentary %p → %p', (actual, commentary, expected) => {
    const r = evaluate({ actual, target: num(90), commentary });
    expect(r.commentaryMissing).toBe(expected);
    expect(r.issues.some((i) => i.code === 'commentary-missing')).toBe(expected);
  });
  test('the issue says why', () => {
    const r = evaluate({ actual: num(70), target: num(90), commentary: null });
    const issue = r.issues.find((i) => i.code === 'commentary-missing')!;
    expect(issue.message).toBe('Visits completed: commentary missing: Red measures need an explanation for the committee');
    expect(issue.severity).toBe('warning');
    expect(evaluate({ actual: num(85), target: num(90), commentary: null }).issues[0]!.message).toContain('Amber measures need');
  });
});

describe('threshold units', () => {
  test('a threshold 100× off the target with no percent evidence is ignored with a warning', () => {
    const r = evaluate({ actual: num(82), target: num(90), redThreshold: num(0.85) });
    expect(r.status).toBe('amber'); // the 10% tolerance, not "Amber down to 0.85"
    expect(r.issues.map((i) => i.code)).toEqual(['threshold-unit-mismatch']);
    expect(r.issues[0]!.message).toContain('the red threshold 0.85 and the target 90 look like different units');
    const low = evaluate({ actual: num(0.5), target: num(0.9), redThreshold: num(80) });
    expect(low.issues.map((i) => i.code)).toEqual(['threshold-unit-mismatch']);
    expect(low.status).toBe('red');
  });
});
