import fc from 'fast-check';
import {
  cellText,
  isDateFormat,
  isMissing,
  isPercentFormat,
  numberOf,
  parseAmountText,
  parseComplete,
  parseTolerance,
  parseValue,
  trimCell,
} from '../../src/core/values';
import type { CellValue, ParsedValue } from '../../src/core/types';

const G = 'General';
const num = (raw: CellValue, fmt = G): { value: number; scale: string } => {
  const p = parseValue(raw, fmt);
  if (p.kind !== 'number') throw new Error(`expected a number from ${JSON.stringify(raw)}, got ${JSON.stringify(p)}`);
  return { value: p.value, scale: p.scale };
};
const kind = (raw: CellValue, fmt = G): ParsedValue['kind'] => parseValue(raw, fmt).kind;

describe('number formats', () => {
  test.each(['0%', '0.0%', '0.00%', '0.00%;[Red]-0.00%', '#,##0.0%', '0%;-0%;"-"', '[Blue]0.0%'])('"%s" is a percentage format', (f) => {
    expect(isPercentFormat(f)).toBe(true);
  });
  test.each(['General', '0', '#,##0', '0.00', '0.0"%"', '0.0\\%', '@', '[$£-809]#,##0.00', '0_%', '0*%', '', 'dd/mm/yyyy'])('"%s" is not a percentage format', (f) => {
    expect(isPercentFormat(f)).toBe(false);
  });
  test.each(['dd/mm/yyyy', 'mmm-yy', 'mm-dd-yy', 'd mmmm yyyy', '[$-809]mmmm yyyy', 'yyyy-mm-dd', 'h:mm', '[h]:mm:ss', 'mmm yyyy'])('"%s" is a date format', (f) => {
    expect(isDateFormat(f)).toBe(true);
  });
  test.each(['General', '0', '0.0%', '#,##0 "days"', '0.0 \\d\\a\\y\\s', '[Red]0.0', '[$£-809]#,##0.00', '0.00E+00', '@'])('"%s" is not a date format', (f) => {
    expect(isDateFormat(f)).toBe(false);
  });
});

describe('numbers', () => {
  test('a plain number is plain', () => {
    expect(num(92)).toEqual({ value: 92, scale: 'plain' });
  });
  test('a fraction with a percentage format is in percentage points', () => {
    expect(num(0.92, '0%')).toEqual({ value: 92, scale: 'percent' });
    expect(num(0.925, '0.0%')).toEqual({ value: 92.5, scale: 'percent' });
    expect(num(0.0123, '0.00%;[Red]-0.00%')).toEqual({ value: 1.23, scale: 'percent' });
  });
  test('a whole-number percentage typed as 92 in a General cell stays plain (the rules reconcile units)', () => {
    expect(num(92)).toEqual({ value: 92, scale: 'plain' });
  });
  test('percentage points carry no binary noise', () => {
    expect(num(0.07, '0%').value).toBe(7);
    expect(num(0.29, '0%').value).toBe(29);
    expect(num(0.57, '0.0%').value).toBe(57);
  });
  test('a quoted % in the format does not make a percentage', () => {
    expect(num(0.92, '0.00"%"')).toEqual({ value: 0.92, scale: 'plain' });
  });
  test('a number with a date format stays a plain number (the serial)', () => {
    expect(num(45383, 'dd/mm/yyyy')).toEqual({ value: 45383, scale: 'plain' });
  });
  test('NaN and Infinity are missing', () => {
    expect(parseValue(NaN, G)).toMatchObject({ kind: 'missing' });
    expect(parseValue(Infinity, G)).toMatchObject({ kind: 'missing' });
    expect(parseValue(-Infinity, '0%')).toMatchObject({ kind: 'missing' });
  });
  test('zero is a number, never missing', () => {
    expect(num(0)).toEqual({ value: 0, scale: 'plain' });
    expect(num('0')).toEqual({ value: 0, scale: 'plain' });
    expect(Object.is(num(-0).value, 0)).toBe(true);
  });
  test('the raw value is kept', () => {
    expect(parseValue(' 92 % ', G).raw).toBe(' 92 % ');
    expect(parseValue(0.5, '0%').raw).toBe(0.5);
  });
});

describe('numbers typed as text', () => {
  test.each([
    ['92%', 92, 'percent'],
    ['92.0 %', 92, 'percent'],
    [' 92 % ', 92, 'percent'],
    ['0.50%', 0.5, 'percent'],
    ['9.5%', 9.5, 'percent'],
    ['121%', 121, 'percent'],
    ['-130%', -130, 'percent'],
    ['1,234', 1234, 'plain'],
    ['1,234.5', 1234.5, 'plain'],
    ['14,100', 14100, 'plain'],
    ['1,234,567.89', 1234567.89, 'plain'],
    ['£1,200', 1200, 'plain'],
    ['$15,200,000 ', 15200000, 'plain'],
    ['$15,200,000\u00a0', 15200000, 'plain'],
    ['€3.50', 3.5, 'plain'],
    ['(1,200)', -1200, 'plain'],
    ['(£1,200.50)', -1200.5, 'plain'],
    ['(5%)', -5, 'percent'],
    ['\u22125', -5, 'plain'],
    ['-5', -5, 'plain'],
    ['+5', 5, 'plain'],
    ['-£5', -5, 'plain'],
    ['  42 ', 42, 'plain'],
    ['\u200b42\u200b', 42, 'plain'],
    ['.5', 0.5, 'plain'],
    ['1.5E+3', 1500, 'plain'],
    ['12 days', 12, 'plain'],
    ['8 days', 8, 'plain'],
    ['8 working days', 8, 'plain'],
    ['752,886.79 Mlls', 752886.79, 'plain'],
    ['5 per cent', 5, 'percent'],
    ['5 percent', 5, 'percent'],
    ['2pp', 2, 'percent'],
  ])('"%s" is %d (%s)', (text, value, scale) => {
    expect(num(text)).toEqual({ value, scale });
  });

  test('"Nil" and "zero" are 0: a nil return is a zero, not missing data', () => {
    expect(num('Nil')).toEqual({ value: 0, scale: 'plain' });
    expect(num('nil')).toEqual({ value: 0, scale: 'plain' });
    expect(num('Zero')).toEqual({ value: 0, scale: 'plain' });
  });

  test.each(['1.2k', '100k', '5m', '£2.1bn', '50% reduction', '95% achieved', '90% of calls', '5 per 1,000', '1.2.3', '1,23', '12,34,567', '1 234'])(
    '"%s" stays text',
    (text) => {
      expect(kind(text)).toBe('text');
    },
  );

  test.each(['about 90', 'Q1', '2016/17', '11-Jun', '1-Mar-10', 'Available in  Q4', '5 - Major impact', '3 - High', 'Complete', 'Date', '£', '%', '+', 'No notes'])(
    '"%s" is text, not a number',
    (text) => {
      expect(kind(text)).toBe('text');
    },
  );

  test('a year-like range such as "2016-17" is text, not a range', () => {
    expect(kind('2016-17')).toBe('text');
  });

  test('booleans are text', () => {
    expect(parseValue(true, G)).toEqual({ kind: 'text', text: 'TRUE', raw: true });
    expect(parseValue(false, G)).toEqual({ kind: 'text', text: 'FALSE', raw: false });
    expect(kind('TRUE')).toBe('text');
  });
});

describe('operator targets (bounds)', () => {
  test.each([
    ['≤3%', '<=', 3, 'percent'],
    ['<= 3%', '<=', 3, 'percent'],
    ['=< 3', '<=', 3, 'plain'],
    ['< 10', '<', 10, 'plain'],
    ['<21%', '<', 21, 'percent'],
    ['≥ 90%', '>=', 90, 'percent'],
    ['>= 90', '>=', 90, 'plain'],
    ['>90', '>', 90, 'plain'],
    ['at least 90%', '>=', 90, 'percent'],
    ['At least 90 %', '>=', 90, 'percent'],
    ['no more than 5', '<=', 5, 'plain'],
    ['No more than 5 days', '<=', 5, 'plain'],
    ['maximum 5', '<=', 5, 'plain'],
    ['max 5', '<=', 5, 'plain'],
    ['minimum 90', '>=', 90, 'plain'],
    ['min. 90%', '>=', 90, 'percent'],
    ['more than 90', '>', 90, 'plain'],
    ['less than 10', '<', 10, 'plain'],
    ['fewer than 10', '<', 10, 'plain'],
    ['under 5', '<', 5, 'plain'],
    ['below 5%', '<', 5, 'percent'],
    ['over 90', '>', 90, 'plain'],
    ['up to 5', '<=', 5, 'plain'],
    ['within 5 working days', '<=', 5, 'plain'],
    ['90% or more', '>=', 90, 'percent'],
    ['90 or above', '>=', 90, 'plain'],
    ['90+', '>=', 90, 'plain'],
    ['5 or less', '<=', 5, 'plain'],
    ['5 or fewer', '<=', 5, 'plain'],
    ['5 and below', '<=', 5, 'plain'],
  ])('"%s" is %s %d (%s)', (text, op, value, scale) => {
    expect(parseValue(text, G)).toEqual({ kind: 'bound', op, value, scale, raw: text });
  });
  test('words that start like an operator but are not one stay text', () => {
    expect(kind('above average')).toBe('text');
    expect(kind('minutes 5')).toBe('text');
    expect(kind('overall 5')).toBe('text');
  });
});

describe('ranges', () => {
  test.each([
    ['95-105', 95, 105, 'plain'],
    ['95 - 105', 95, 105, 'plain'],
    ['95 – 105', 95, 105, 'plain'],
    ['95—105', 95, 105, 'plain'],
    ['95 to 105', 95, 105, 'plain'],
    ['between 95 and 105', 95, 105, 'plain'],
    ['Between 95% and 105%', 95, 105, 'percent'],
    ['95%-105%', 95, 105, 'percent'],
    ['95% - 105%', 95, 105, 'percent'],
    ['95-105%', 95, 105, 'percent'],
    ['-5 - 5', -5, 5, 'plain'],
    ['-5 to 5', -5, 5, 'plain'],
    ['0-5', 0, 5, 'plain'],
    ['5 to 10 days', 5, 10, 'plain'],
    ['between 105 and 95', 95, 105, 'plain'],
  ])('"%s" is %d to %d (%s)', (text, low, high, scale) => {
    expect(parseValue(text, G)).toEqual({ kind: 'range', low, high, scale, raw: text });
  });
  test('a negative number alone is a number, not a range', () => {
    expect(parseValue('-5', G)).toMatchObject({ kind: 'number', value: -5 });
  });
  test('"±2" is a tolerance, not a target: text here', () => {
    expect(kind('±2')).toBe('text');
    expect(kind('± 5.2%')).toBe('text');
  });
});

describe('no data', () => {
  test.each([
    'N/A', 'n/a', 'NA', 'N / A', 'TBC', 'tbc', 'TBD', 'TBA', '-', '–', '—', '--', '..', '...', '?', 'Pending', 'pending',
    'Not available', 'Not yet available', 'Unavailable', 'No data', 'Not applicable', 'Unknown',
    '#N/A', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!', '#GETTING_DATA',
    '< Select >', '<Select>', 'Please select an option', 'Please select', 'Select...', 'Select', '-- Select --',
    'No target', 'No Target', 'No target Required', 'Data only',
  ])('"%s" is missing, and the token is kept', (text) => {
    const p = parseValue(text, G);
    expect(p.kind).toBe('missing');
    if (p.kind === 'missing') expect(p.token).toBe(text.trim());
  });
  test('null is missing with an empty token', () => {
    expect(parseValue(null, G)).toEqual({ kind: 'missing', token: '', raw: null });
  });
  test.each(['', ' ', '   ', '\u00a0', '\t\n', '\u200b'])('whitespace-only %j is missing with an empty token', (text) => {
    expect(parseValue(text, G)).toMatchObject({ kind: 'missing', token: '' });
  });
  test('"None" is not guessed to be missing or zero: text', () => {
    expect(kind('None')).toBe('text');
  });
  test('isMissing agrees with parseValue', () => {
    expect(isMissing(null)).toBe(true);
    expect(isMissing(' ')).toBe(true);
    expect(isMissing('#N/A')).toBe(true);
    expect(isMissing(NaN)).toBe(true);
    expect(isMissing(0)).toBe(false);
    expect(isMissing('0')).toBe(false);
    expect(isMissing(false)).toBe(false);
    expect(isMissing('Green')).toBe(false);
  });
});

describe('very long text', () => {
  test('a 40,000-character string is text, quickly and without error', () => {
    const long = '9'.repeat(20000) + ' days '.repeat(3300);
    const p = parseValue(long, G);
    expect(p.kind).toBe('text');
  });
  test('pathological inputs for backtracking regexes are handled', () => {
    const cases = ['1,'.repeat(20000), ' '.repeat(40000) + 'x', '-'.repeat(40000), '1 '.repeat(20000) + '%', '<'.repeat(40000), 'between '.repeat(5000)];
    for (const c of cases) expect(() => parseValue(c, G)).not.toThrow();
    expect(parseValue(' '.repeat(40000), G)).toMatchObject({ kind: 'missing', token: '' });
  });
  test('trimCell is linear and trims nbsp and zero-width spaces', () => {
    expect(trimCell('\u00a0\u200b x \u3000')).toBe('x');
    const s = 'a' + ' '.repeat(40000) + 'b';
    expect(trimCell(s)).toBe(s);
  });
});

describe('amount text, tolerance and complete', () => {
  test('parseAmountText reads one amount', () => {
    expect(parseAmountText('1,234.5')).toEqual({ value: 1234.5, percent: false });
    expect(parseAmountText(' 92 % ')).toEqual({ value: 92, percent: true });
    expect(parseAmountText('£1,200')).toEqual({ value: 1200, percent: false });
    expect(parseAmountText('95-105')).toBeNull();
    expect(parseAmountText('about 90')).toBeNull();
    expect(parseAmountText('')).toBeNull();
  });
  test.each([
    ['10%', 'relative', 10],
    ['2', 'absolute', 2],
    ['2pp', 'absolute', 2],
    ['2 points', 'absolute', 2],
    ['±2', 'absolute', 2],
    ['± 2', 'absolute', 2],
    ['+/- 2', 'absolute', 2],
    ['± 5.2%', 'relative', 5.2],
    ['1pp', 'absolute', 1],
  ])('tolerance "%s" is %s %d', (text, type, value) => {
    expect(parseTolerance(text)).toEqual({ type, value });
  });
  test('tolerance numbers: a percentage format is relative, a plain number absolute', () => {
    expect(parseTolerance(0.1, '0%')).toEqual({ type: 'relative', value: 10 });
    expect(parseTolerance(2)).toEqual({ type: 'absolute', value: 2 });
  });
  test('a tolerance that cannot be read is null', () => {
    expect(parseTolerance('about 5')).toBeNull();
    expect(parseTolerance(null)).toBeNull();
    expect(parseTolerance('')).toBeNull();
    expect(parseTolerance(true)).toBeNull();
  });
  test.each([
    ['Yes', true], ['Y', true], ['Complete', true], ['Completed', true], ['TRUE', true], ['✓', true], ['✔', true], ['Done', true],
    ['Project complete', true], ['4. Completed', true], [true, true], [1, true],
    ['No', false], ['N', false], ['In progress', false], ['Not started', false], ['Not complete', false], ['Incomplete', false],
    ['On hold', false], ['3. Ongoing - delayed', false], [false, false],
    [null, null], ['', null], ['Maybe', null], ['Project cancelled', null],
  ] as [CellValue, boolean | null][])('complete %j -> %j', (raw, expected) => {
    expect(parseComplete(raw)).toBe(expected);
  });
  test('cellText shows text as given and numbers as digits', () => {
    expect(cellText('  CS01 ')).toBe('CS01');
    expect(cellText(12)).toBe('12');
    expect(cellText(null)).toBeNull();
    expect(cellText('   ')).toBeNull();
  });
  test('numberOf gives numbers only', () => {
    expect(numberOf(parseValue('92%', G))).toBe(92);
    expect(numberOf(parseValue('95-105', G))).toBeNull();
    expect(numberOf(null)).toBeNull();
  });
});

describe('properties', () => {
  const withThousands = (n: number): string => {
    const [int, frac] = Math.abs(n).toFixed(2).split('.');
    const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return `${n < 0 ? '-' : ''}${grouped}.${frac}`;
  };
  const money = fc.integer({ min: -999_999_999_99, max: 999_999_999_99 }).map((c) => c / 100);

  test('a number written with thousands separators reads back', () => {
    fc.assert(
      fc.property(money, (n) => {
        const p = parseValue(withThousands(n), G);
        return p.kind === 'number' && Math.abs(p.value - n) < 1e-9 && p.scale === 'plain';
      }),
    );
  });
  test('a number written with a currency symbol and trailing spaces reads back', () => {
    fc.assert(
      fc.property(money, fc.constantFrom('£', '$', '€'), fc.constantFrom('', ' ', '\u00a0', '  '), (n, cur, pad) => {
        const text = `${n < 0 ? '-' : ''}${cur}${withThousands(Math.abs(n))}${pad}`;
        const p = parseValue(text, G);
        return p.kind === 'number' && Math.abs(p.value - n) < 1e-9;
      }),
    );
  });
  test('a percentage written with % reads back in percentage points', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100000, max: 100000 }).map((x) => x / 100), fc.constantFrom('%', ' %'), (n, sign) => {
        const p = parseValue(`${n}${sign}`, G);
        return p.kind === 'number' && p.scale === 'percent' && Math.abs(p.value - n) < 1e-9;
      }),
    );
  });
  test('a fraction in a percentage format reads as its percentage points', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100000, max: 100000 }), (k) => {
        const p = parseValue(k / 10000, '0.00%');
        return p.kind === 'number' && p.scale === 'percent' && Math.abs(p.value - k / 100) < 1e-9;
      }),
    );
  });
  test('parseValue never throws on any string, number or format', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.double(), fc.boolean(), fc.constant(null)), fc.string({ maxLength: 30 }), (raw, fmt) => {
        const p = parseValue(raw, fmt);
        return ['number', 'range', 'bound', 'missing', 'text'].includes(p.kind);
      }),
    );
  });
  test('parseValue never throws on strings made of number-ish characters', () => {
    const chars = fc.constantFrom('1', '0', '9', ',', '.', '-', '–', '%', ' ', '£', '(', ')', '<', '>', '=', 'e', 'k', 'to ', 'and ', 'between ', '±', '+');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 60 }), (parts) => {
        const p = parseValue(parts.join(''), G);
        return p.kind !== undefined;
      }),
      { numRuns: 2000 },
    );
  });
  test('whitespace-only text is always missing with an empty token', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u2009', '\u3000', '\u200b'), { minLength: 1, maxLength: 50 }), (ws) => {
        const p = parseValue(ws.join(''), G);
        return p.kind === 'missing' && p.token === '';
      }),
    );
  });
  test('a range reads back whatever the separator', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 10000 }), fc.constantFrom('-', ' - ', ' – ', ' to '), (a, b, sep) => {
        const low = Math.min(a, b);
        const high = Math.max(a, b);
        const p = parseValue(`${low}${sep}${high}`, G);
        // "2016-17"-style text (high below low once written) is excluded by construction
        return p.kind === 'range' && p.low === low && p.high === high;
      }),
    );
  });
});
