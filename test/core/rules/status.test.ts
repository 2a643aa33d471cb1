/** DOMAIN rule 1: Red / Amber / Green (and Blue) against a target, at the level of numbers. */
import { rateStatus, type RatingInput } from '../../../src/core/rules';
import { abs, rel } from './helpers';

const base: RatingInput = { actual: 0, polarity: 'higher', target: 100, tolerance: rel(10) };
const rate = (over: Partial<RatingInput>) => rateStatus({ ...base, ...over });
const status = (over: Partial<RatingInput>) => rate(over).status;

describe('rule 1: higher is better, relative tolerance (default 10% of target)', () => {
  test.each([
    [120, 'green'],
    [100.01, 'green'],
    [100, 'green'],
    [99.99, 'amber'],
    [95, 'amber'],
    [90.01, 'amber'],
    [90, 'amber'],
    [89.99, 'red'],
    [50, 'red'],
    [0, 'red'],
    [-5, 'red'],
  ])('actual %p against 100 is %s', (actual, expected) => {
    expect(status({ actual })).toBe(expected);
  });

  test('boundaries are decimal: 0.99 against 1.1 with 10% is Amber, though 1.1 * 0.9 is 0.9900000000000001 in doubles', () => {
    expect(1.1 * 0.9).toBeGreaterThan(0.99);
    expect(1.1 - 1.1 * 0.1).toBeGreaterThan(0.99);
    expect(status({ actual: 0.99, target: 1.1 })).toBe('amber');
    expect(status({ actual: 0.72, target: 0.8 })).toBe('amber');
    expect(status({ actual: 1.89, target: 2.1 })).toBe('amber');
    expect(status({ actual: 0.09, target: 0.1 })).toBe('amber');
    expect(status({ actual: 81, target: 90 })).toBe('amber');
    expect(status({ actual: 80.99, target: 90 })).toBe('red');
    expect(status({ actual: 0.9899, target: 1.1 })).toBe('red');
  });

  test('reasons name the rule that decided', () => {
    expect(rate({ actual: 85, target: 90 }).reason).toBe('Amber: 85 is 5.6% below the target of 90; amber is within 10%');
    expect(rate({ actual: 80, target: 90 }).reason).toBe('Red: 80 is 11.1% below the target of 90; amber is within 10%');
    expect(rate({ actual: 95, target: 90 }).reason).toBe('Green: 95 is at or above the target of 90');
    expect(rate({ actual: 90, target: 90 }).reason).toBe('Green: 90 meets the target of 90');
    expect(rate({ actual: 85, target: 90 }).decidedBy).toBe('tolerance');
    expect(rate({ actual: 95, target: 90 }).decidedBy).toBe('target');
  });

  test('percentages are described in points', () => {
    expect(rate({ actual: 72, target: 90, scale: 'percent' }).reason).toBe(
      'Red: 72% is 18 points below the target of 90%; amber is within 10% (9 points)',
    );
    expect(rate({ actual: 89, target: 90, scale: 'percent' }).reason).toBe(
      'Amber: 89% is 1 point below the target of 90%; amber is within 10% (9 points)',
    );
  });

  test('large numbers get thousands separators', () => {
    expect(rate({ actual: 1234567.891, target: 1300000 }).reason).toBe(
      'Amber: 1,234,567.89 is 5% below the target of 1,300,000; amber is within 10%',
    );
  });

  test('a negative target: the tolerance is a % of |target|', () => {
    // target -10, tolerance 1 → amber down to -11
    expect(status({ actual: -10, target: -10 })).toBe('green');
    expect(status({ actual: -11, target: -10 })).toBe('amber');
    expect(status({ actual: -11.01, target: -10 })).toBe('red');
  });
});

describe('rule 1: lower is better mirrors higher is better', () => {
  test.each([
    [50, 'green'],
    [100, 'green'],
    [100.01, 'amber'],
    [110, 'amber'],
    [110.01, 'red'],
    [200, 'red'],
  ])('actual %p against 100 is %s', (actual, expected) => {
    expect(status({ actual, polarity: 'lower' })).toBe(expected);
  });

  test('reasons say lower is better when told', () => {
    expect(rate({ actual: 3, target: 5, polarity: 'lower', note: ' (lower is better)' }).reason).toBe(
      'Green: 3 is at or below the target of 5 (lower is better)',
    );
    expect(rate({ actual: 5.3, target: 5, polarity: 'lower', note: ' (lower is better)' }).reason).toBe(
      'Amber: 5.3 is 6% above the target of 5 (lower is better); amber is within 10%',
    );
    expect(rate({ actual: 6, target: 5, polarity: 'lower', note: ' (lower is better)' }).reason).toBe(
      'Red: 6 is 20% above the target of 5 (lower is better); amber is within 10%',
    );
  });

  test('decimal boundaries: 5.5 against 5, 1.21 against 1.1, 0.11 against 0.1 are Amber', () => {
    expect(status({ actual: 5.5, target: 5, polarity: 'lower' })).toBe('amber');
    expect(status({ actual: 1.21, target: 1.1, polarity: 'lower' })).toBe('amber');
    expect(status({ actual: 0.11, target: 0.1, polarity: 'lower' })).toBe('amber');
    expect(status({ actual: 0.1101, target: 0.1, polarity: 'lower' })).toBe('red');
  });
});

describe('rule 1: absolute tolerance', () => {
  test('higher: 2 points below is Amber, more is Red', () => {
    const t = abs(2);
    expect(status({ actual: 90, target: 90, tolerance: t, scale: 'percent' })).toBe('green');
    expect(status({ actual: 88, target: 90, tolerance: t, scale: 'percent' })).toBe('amber');
    expect(status({ actual: 87.99, target: 90, tolerance: t, scale: 'percent' })).toBe('red');
  });
  test('lower: 2 above is Amber, more is Red', () => {
    expect(status({ actual: 7, target: 5, polarity: 'lower', tolerance: abs(2) })).toBe('amber');
    expect(status({ actual: 7.01, target: 5, polarity: 'lower', tolerance: abs(2) })).toBe('red');
  });
  test('decimal boundaries: 0.3 against 0.5 with 0.2 (0.5 - 0.2 = 0.3 exactly? 0.1 + 0.2 is not 0.3)', () => {
    expect(status({ actual: 0.1 + 0.2, target: 0.5, tolerance: abs(0.2) })).toBe('amber');
    expect(status({ actual: 0.3, target: 0.1 + 0.2 + 0.2, tolerance: abs(0.2) })).toBe('amber');
  });
  test('reasons: plain absolute tolerances are described in units, percentages in points', () => {
    expect(rate({ actual: 85, target: 90, tolerance: abs(10) }).reason).toBe('Amber: 85 is 5 below the target of 90; amber is within 10');
    expect(rate({ actual: 88, target: 90, tolerance: abs(2), scale: 'percent' }).reason).toBe(
      'Amber: 88% is 2 points below the target of 90%; amber is within 2 points',
    );
    expect(rate({ actual: 89, target: 90, tolerance: abs(1), scale: 'percent' }).reason).toBe(
      'Amber: 89% is 1 point below the target of 90%; amber is within 1 point',
    );
  });
  test('a zero tolerance: anything below target is Red', () => {
    expect(status({ actual: 99.99, tolerance: abs(0) })).toBe('red');
    expect(status({ actual: 99.99, tolerance: rel(0) })).toBe('red');
    expect(status({ actual: 100, tolerance: rel(0) })).toBe('green');
  });
});

describe('rule 1: decimal boundary cases are Amber', () => {
  test.each([
    // [actual, target, tolerance %, polarity]
    [0.63, 0.7, 10, 'higher'],
    [0.99, 1.1, 10, 'higher'],
    [0.88, 1.1, 20, 'higher'],
    [1.44, 1.6, 10, 'higher'],
    [0.36, 0.4, 10, 'higher'],
    [0.77, 0.7, 10, 'lower'],
    [30, 33.3333, 10, 'higher'],
    [29.97, 33.3, 10, 'higher'],
    [36.63, 33.3, 10, 'lower'],
    [81, 90, 10, 'higher'],
    [99, 90, 10, 'lower'],
    [0.9, 1, 10, 'higher'],
    [1.1, 1, 10, 'lower'],
    [6.3, 7, 10, 'higher'],
    [7.7, 7, 10, 'lower'],
    [85.5, 90, 5, 'higher'],
    [94.5, 90, 5, 'lower'],
    [0.285, 0.3, 5, 'higher'],
    [0.315, 0.3, 5, 'lower'],
    [12.06, 13.4, 10, 'higher'],
    [14.74, 13.4, 10, 'lower'],
    [0.0009, 0.001, 10, 'higher'],
    [1.1e9, 1e9, 10, 'lower'],
    [71.12, 88.9, 20, 'higher'],
    [106.68, 88.9, 20, 'lower'],
    [57.3, 57.9, 1.0362694300518136, 'higher'],
  ])('%p against %p with %p%% (%s) is Amber', (actual, target, tol, polarity) => {
    expect(status({ actual, target, tolerance: rel(tol), polarity: polarity as 'higher' | 'lower' })).toBe('amber');
  });

  test('just beyond those boundaries is Red', () => {
    expect(status({ actual: 0.6299, target: 0.7 })).toBe('red');
    expect(status({ actual: 0.7701, target: 0.7, polarity: 'lower' })).toBe('red');
    expect(status({ actual: 80.999, target: 90 })).toBe('red');
  });

  test('equal to the target after floating arithmetic is Green (0.1 + 0.2 against 0.3)', () => {
    expect(status({ actual: 0.1 + 0.2, target: 0.3, polarity: 'lower' })).toBe('green');
    expect(status({ actual: 0.3, target: 0.1 + 0.2 })).toBe('green');
    expect(rate({ actual: 0.1 + 0.2, target: 0.3 }).reason).toBe('Green: 0.3 meets the target of 0.3');
  });
});

describe('rule 1: target range', () => {
  const r = { low: 95, high: 105 };
  test.each([
    [95, 'green'],
    [100, 'green'],
    [105, 'green'],
    [94.99, 'amber'],
    [85.5, 'amber'], // 10% of 95 = 9.5
    [85.49, 'red'],
    [105.01, 'amber'],
    [115.5, 'amber'], // 10% of 105 = 10.5
    [115.51, 'red'],
  ])('%p against 95–105 is %s', (actual, expected) => {
    expect(status({ actual, polarity: 'range', target: r })).toBe(expected);
  });
  test('a range reversed (105–95) is the same range', () => {
    expect(status({ actual: 100, polarity: 'range', target: { low: 105, high: 95 } })).toBe('green');
    expect(status({ actual: 115.5, polarity: 'range', target: { low: 105, high: 95 } })).toBe('amber');
  });
  test('a range target is a range whatever the polarity says', () => {
    expect(status({ actual: 100, polarity: 'higher', target: r })).toBe('green');
    expect(status({ actual: 110, polarity: 'lower', target: r })).toBe('amber');
  });
  test('a single target with polarity range is the range [t, t]', () => {
    expect(status({ actual: 100, polarity: 'range', target: 100 })).toBe('green');
    expect(status({ actual: 109, polarity: 'range', target: 100 })).toBe('amber');
    expect(status({ actual: 91, polarity: 'range', target: 100 })).toBe('amber');
    expect(status({ actual: 111, polarity: 'range', target: 100 })).toBe('red');
  });
  test('absolute tolerance around a range', () => {
    expect(status({ actual: 93, polarity: 'range', target: r, tolerance: abs(2) })).toBe('amber');
    expect(status({ actual: 92.99, polarity: 'range', target: r, tolerance: abs(2) })).toBe('red');
    expect(status({ actual: 107, polarity: 'range', target: r, tolerance: abs(2) })).toBe('amber');
    expect(status({ actual: 107.01, polarity: 'range', target: r, tolerance: abs(2) })).toBe('red');
  });
  test('reasons', () => {
    expect(rate({ actual: 100, polarity: 'range', target: r }).reason).toBe('Green: 100 is within the target range 95–105');
    expect(rate({ actual: 93, polarity: 'range', target: r }).reason).toBe(
      'Amber: 93 is 2.1% below the target range 95–105; amber is within 10%',
    );
    expect(rate({ actual: 120, polarity: 'range', target: r }).reason).toBe(
      'Red: 120 is 14.3% above the target range 95–105; amber is within 10%',
    );
    expect(rate({ actual: 97, polarity: 'range', target: r, scale: 'percent' }).reason).toBe('Green: 97% is within the target range 95%–105%');
  });
  test('a zero bound with a relative tolerance: any miss on that side is Red, with a warning', () => {
    const z = rate({ actual: -0.5, polarity: 'range', target: { low: 0, high: 5 } });
    expect(z.status).toBe('red');
    expect(z.notes.map((n) => n.code)).toEqual(['zero-target-relative-tolerance']);
    expect(z.reason).toContain('zero bound');
    // the other bound still has its tolerance
    expect(status({ actual: 5.5, polarity: 'range', target: { low: 0, high: 5 } })).toBe('amber');
    expect(status({ actual: 0, polarity: 'range', target: { low: 0, high: 5 } })).toBe('green');
  });
  test('BRAG: a range has no blue margin, only a complete row is Blue', () => {
    expect(status({ actual: 100, polarity: 'range', target: r, brag: { enabled: true, margin: rel(0) } })).toBe('green');
    expect(status({ actual: 200, polarity: 'range', target: r, brag: { enabled: true, margin: rel(10) }, complete: true })).toBe('blue');
  });
});

describe('rule 1: zero targets', () => {
  test('relative tolerance of a zero target is zero: meeting it is Green, any miss Red, with a warning', () => {
    const met = rate({ actual: 0, target: 0, polarity: 'lower' });
    expect(met.status).toBe('green');
    expect(met.reason).toBe('Green: 0 meets the target of 0');
    expect(met.notes.map((n) => n.code)).toEqual(['zero-target-relative-tolerance']);
    expect(met.notes[0]!.severity).toBe('warning');
    expect(met.notes[0]!.message).toMatch(/absolute tolerance/);

    const missed = rate({ actual: 1, target: 0, polarity: 'lower', note: ' (lower is better)' });
    expect(missed.status).toBe('red');
    expect(missed.decidedBy).toBe('zero-target');
    expect(missed.reason).toBe('Red: 1 misses the target of 0 (lower is better); a relative tolerance of a zero target allows no miss');
    expect(status({ actual: 0.0001, target: 0, polarity: 'lower' })).toBe('red');
    expect(status({ actual: -0.0001, target: 0 })).toBe('red');
    expect(status({ actual: 3, target: 0 })).toBe('green');
  });
  test('floating residue around zero counts as zero (0.1 + 0.2 - 0.3)', () => {
    expect(status({ actual: 0.1 + 0.2 - 0.3, target: 0, polarity: 'lower' })).toBe('green');
  });
  test('an absolute tolerance applies instead, with no warning', () => {
    const r = rate({ actual: 1, target: 0, polarity: 'lower', tolerance: abs(2) });
    expect(r.status).toBe('amber');
    expect(r.notes).toEqual([]);
    expect(r.reason).toBe('Amber: 1 is 1 above the target of 0; amber is within 2');
    expect(status({ actual: 2, target: 0, polarity: 'lower', tolerance: abs(2) })).toBe('amber');
    expect(status({ actual: 2.01, target: 0, polarity: 'lower', tolerance: abs(2) })).toBe('red');
  });
  test('a zero relative tolerance raises no warning', () => {
    expect(rate({ actual: 0, target: 0, tolerance: rel(0) }).notes).toEqual([]);
  });
  test('no division by zero anywhere: reasons are finite text', () => {
    for (const actual of [-1, 0, 1]) {
      for (const polarity of ['higher', 'lower'] as const) {
        const r = rate({ actual, target: 0, polarity, brag: { enabled: true, margin: rel(10) } });
        expect(r.reason).not.toMatch(/NaN|Infinity/);
      }
    }
  });
});

describe('rule 1: Blue (BRAG)', () => {
  const brag = { enabled: true, margin: rel(10) };
  test('off by default: beating the target by far is Green', () => {
    expect(status({ actual: 200 })).toBe('green');
    expect(status({ actual: 200, brag: { enabled: false, margin: rel(10) } })).toBe('green');
    expect(status({ actual: 200, complete: true })).toBe('green');
  });
  test.each([
    [110, 'blue'],
    [109.99, 'green'],
    [150, 'blue'],
    [100, 'green'],
    [95, 'amber'],
  ])('higher: %p against 100 with a 10%% margin is %s', (actual, expected) => {
    expect(status({ actual, brag })).toBe(expected);
  });
  test.each([
    [90, 'blue'],
    [90.01, 'green'],
    [100, 'green'],
    [105, 'amber'],
  ])('lower: %p against 100 with a 10%% margin is %s', (actual, expected) => {
    expect(status({ actual, brag, polarity: 'lower' })).toBe(expected);
  });
  test('decimal boundary: 0.77 against 0.7 with a 10% margin is Blue', () => {
    expect(status({ actual: 0.77, target: 0.7, brag })).toBe('blue');
    expect(status({ actual: 0.63, target: 0.7, brag, polarity: 'lower' })).toBe('blue');
  });
  test('absolute margin', () => {
    expect(status({ actual: 92, target: 90, brag: { enabled: true, margin: abs(2) } })).toBe('blue');
    expect(status({ actual: 91.99, target: 90, brag: { enabled: true, margin: abs(2) } })).toBe('green');
  });
  test('a margin of 0 still needs the target beaten, not just met', () => {
    expect(status({ actual: 100, brag: { enabled: true, margin: abs(0) } })).toBe('green');
    expect(status({ actual: 100.5, brag: { enabled: true, margin: abs(0) } })).toBe('blue');
  });
  test('a relative margin of a zero target gives no Blue', () => {
    expect(status({ actual: 5, target: 0, brag })).toBe('green');
    expect(status({ actual: 5, target: 0, brag: { enabled: true, margin: abs(2) } })).toBe('blue');
  });
  test('a complete row is Blue whatever the numbers', () => {
    const r = rate({ actual: 0, brag, complete: true });
    expect(r.status).toBe('blue');
    expect(r.reason).toBe('Blue: marked complete');
    expect(r.decidedBy).toBe('complete');
  });
  test('reasons', () => {
    expect(rate({ actual: 112, target: 100, brag }).reason).toBe('Blue: 112 beats the target of 100 by 12%; blue is 10% or more');
    expect(rate({ actual: 98, target: 85, brag, scale: 'percent' }).reason).toBe(
      'Blue: 98% beats the target of 85% by 13 points; blue is 10% (8.5 points) or more',
    );
    expect(rate({ actual: 4, target: 5, brag, polarity: 'lower', note: ' (lower is better)' }).reason).toBe(
      'Blue: 4 beats the target of 5 by 20% (lower is better); blue is 10% or more',
    );
  });
});

describe('rule 1: operator targets ("< 3", "> 90") need beating; equal is Amber', () => {
  test('lower, strict', () => {
    expect(status({ actual: 2.9, target: 3, polarity: 'lower', strict: true })).toBe('green');
    expect(status({ actual: 3, target: 3, polarity: 'lower', strict: true })).toBe('amber');
    expect(status({ actual: 3.3, target: 3, polarity: 'lower', strict: true })).toBe('amber');
    expect(status({ actual: 3.31, target: 3, polarity: 'lower', strict: true })).toBe('red');
  });
  test('higher, strict', () => {
    expect(status({ actual: 90.1, target: 90, strict: true })).toBe('green');
    expect(status({ actual: 90, target: 90, strict: true })).toBe('amber');
  });
  test('reasons show the operator', () => {
    expect(rate({ actual: 2, target: 3, polarity: 'lower', strict: true, scale: 'percent' }).reason).toBe('Green: 2% is below the target of < 3%');
    expect(rate({ actual: 3, target: 3, polarity: 'lower', strict: true, scale: 'percent' }).reason).toBe(
      'Amber: 3% equals the target of < 3% but does not beat it; amber is within 10% (0.3 points)',
    );
  });
  test('a strict target with a threshold column', () => {
    const r = rate({ actual: 3, target: 3, polarity: 'lower', strict: true, thresholds: { amber: null, red: 5 } });
    expect(r.status).toBe('amber');
    expect(r.reason).toBe('Amber: 3 equals the target of < 3 but does not beat it, and is not above the red threshold of 5');
    expect(status({ actual: 5.01, target: 3, polarity: 'lower', strict: true, thresholds: { amber: null, red: 5 } })).toBe('red');
  });
  test('a strict zero target: equal is Amber, worse is Red', () => {
    expect(status({ actual: 0, target: 0, polarity: 'lower', strict: true })).toBe('amber');
    expect(status({ actual: 1, target: 0, polarity: 'lower', strict: true })).toBe('red');
    expect(status({ actual: -1, target: 0, polarity: 'lower', strict: true })).toBe('green');
  });
});

describe('rule 1: explicit thresholds from the sheet win over the tolerance', () => {
  describe('one threshold column: the Amber/Red boundary, itself Amber', () => {
    test.each([
      ['red', 95, 'green'],
      ['red', 90, 'green'],
      ['red', 85, 'amber'],
      ['red', 80, 'amber'],
      ['red', 79.99, 'red'],
      ['amber', 85, 'amber'],
      ['amber', 80, 'amber'],
      ['amber', 79.99, 'red'],
    ])('higher, %s threshold 80, target 90: actual %p is %s', (which, actual, expected) => {
      const thresholds = which === 'red' ? { amber: null, red: 80 } : { amber: 80, red: null };
      expect(status({ actual, target: 90, thresholds })).toBe(expected);
    });
    test('the threshold overrides a wider tolerance', () => {
      // tolerance 10% would make 82 Amber; threshold 85 makes it Red
      expect(status({ actual: 82, target: 90, thresholds: { amber: null, red: 85 } })).toBe('red');
      // tolerance 10% would make 75 Red; threshold 70 makes it Amber
      expect(status({ actual: 75, target: 90, thresholds: { amber: null, red: 70 } })).toBe('amber');
    });
    test.each([
      [4, 'green'],
      [5, 'green'],
      [6, 'amber'],
      [8, 'amber'],
      [8.01, 'red'],
    ])('lower, red threshold 8, target 5: actual %p is %s', (actual, expected) => {
      expect(status({ actual, target: 5, polarity: 'lower', thresholds: { amber: null, red: 8 } })).toBe(expected);
    });
    test('a threshold equal to the target leaves no amber band', () => {
      expect(status({ actual: 89.99, target: 90, thresholds: { amber: null, red: 90 } })).toBe('red');
      expect(status({ actual: 90, target: 90, thresholds: { amber: null, red: 90 } })).toBe('green');
    });
    test('reasons', () => {
      expect(rate({ actual: 84, target: 90, thresholds: { amber: null, red: 80 } }).reason).toBe(
        'Amber: 84 is below the target of 90 but not below the red threshold of 80',
      );
      expect(rate({ actual: 78, target: 90, thresholds: { amber: null, red: 80 } }).reason).toBe('Red: 78 is below the red threshold of 80');
      expect(rate({ actual: 78, target: 90, thresholds: { amber: 80, red: null } }).reason).toBe('Red: 78 is below the amber threshold of 80');
      expect(rate({ actual: 78, target: 90, thresholds: { amber: null, red: 80 } }).decidedBy).toBe('thresholds');
    });
  });

  describe('both columns: amber threshold = Green/Amber, red threshold = Amber/Red', () => {
    const thresholds = { amber: 85, red: 80 };
    test.each([
      [95, 'green'],
      [90, 'green'],
      [87, 'green'],
      [85, 'green'],
      [84.99, 'amber'],
      [80, 'amber'],
      [79.99, 'red'],
    ])('higher, target 90, amber 85, red 80: %p is %s', (actual, expected) => {
      expect(status({ actual, target: 90, thresholds })).toBe(expected);
    });
    test.each([
      [3, 'green'],
      [6, 'green'],
      [6.01, 'amber'],
      [8, 'amber'],
      [8.01, 'red'],
    ])('lower, target 5, amber 6, red 8: %p is %s', (actual, expected) => {
      expect(status({ actual, target: 5, polarity: 'lower', thresholds: { amber: 6, red: 8 } })).toBe(expected);
    });
    test('amber equal to the target', () => {
      expect(status({ actual: 89, target: 90, thresholds: { amber: 90, red: 80 } })).toBe('amber');
    });
    test('reasons', () => {
      expect(rate({ actual: 87, target: 90, thresholds }).reason).toBe('Green: 87 is at or above the amber threshold of 85');
      expect(rate({ actual: 82, target: 90, thresholds }).reason).toBe(
        'Amber: 82 is below the amber threshold of 85 but not below the red threshold of 80',
      );
      expect(rate({ actual: 78, target: 90, thresholds }).reason).toBe('Red: 78 is below the red threshold of 80');
      expect(rate({ actual: 95, target: 90, thresholds }).reason).toBe('Green: 95 is at or above the target of 90');
    });
    test('Blue still beats the target by the margin', () => {
      expect(status({ actual: 99, target: 90, thresholds, brag: { enabled: true, margin: rel(10) } })).toBe('blue');
    });
  });

  describe('inconsistent thresholds: a warning and the tolerance rule', () => {
    test.each([
      ['red better than amber', { amber: 80, red: 85 }, 'higher', 90],
      ['amber above the target', { amber: 95, red: 80 }, 'higher', 90],
      ['red above the target', { amber: null, red: 95 }, 'higher', 90],
      ['amber-only above the target', { amber: 95, red: null }, 'higher', 90],
      ['lower: red below amber', { amber: 8, red: 6 }, 'lower', 5],
      ['lower: threshold below the target', { amber: null, red: 4 }, 'lower', 5],
    ])('%s', (_name, thresholds, polarity, target) => {
      const r = rate({ actual: target, target, thresholds, polarity: polarity as 'higher' | 'lower' });
      expect(r.notes.map((n) => n.code)).toEqual(['thresholds-inconsistent']);
      expect(r.notes[0]!.severity).toBe('warning');
      // falls back to the 10% tolerance
      const sign = polarity === 'lower' ? 1 : -1;
      expect(status({ actual: target + sign * target * 0.1, target, thresholds, polarity: polarity as 'higher' | 'lower' })).toBe('amber');
      expect(status({ actual: target + sign * target * 0.11, target, thresholds, polarity: polarity as 'higher' | 'lower' })).toBe('red');
    });
    test('the warning says what is wrong', () => {
      const r = rate({ actual: 90, target: 90, thresholds: { amber: 80, red: 85 } });
      expect(r.notes[0]!.message).toBe(
        'the thresholds in the sheet are inconsistent (the red threshold 85 is above the amber threshold 80); the tolerance rule was used instead.',
      );
    });
  });

  test('thresholds do not apply to a range: a warning and the tolerance rule', () => {
    const r = rate({ actual: 93, polarity: 'range', target: { low: 95, high: 105 }, thresholds: { amber: null, red: 94 } });
    expect(r.status).toBe('amber');
    expect(r.notes.map((n) => n.code)).toEqual(['thresholds-not-for-range']);
  });
});
