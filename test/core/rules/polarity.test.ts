/** Polarity: the sheet's column, the target's operator, configuration, the name, the default — in that order. */
import { inferPolarityFromName, parsePolarityText, resolvePolarity, LOWER_IS_BETTER_KEYWORDS } from '../../../src/core/rules';
import { bound, evaluate, measure, num, range, settings } from './helpers';

describe('reading a polarity column', () => {
  test.each([
    ['Higher is better', 'higher'],
    ['higher is better.', 'higher'],
    ['Higher', 'higher'],
    ['HIGH', 'higher'],
    ['High is good', 'higher'],
    ['Bigger is better', 'higher'],
    ['Bigger', 'higher'],
    ['Up', 'higher'],
    ['↑', 'higher'],
    ['▲', 'higher'],
    ['Increase', 'higher'],
    ['Maximise', 'higher'],
    ['Yes', 'higher'],
    ['Good performance is high', 'higher'],
    ['Higher is better, lower is worse', 'higher'],
    ['Lower is better', 'lower'],
    ['Lower', 'lower'],
    ['low', 'lower'],
    ['Low is good', 'lower'],
    ['Smaller', 'lower'],
    ['Smaller is better', 'lower'],
    ['Down', 'lower'],
    ['↓', 'lower'],
    ['▼', 'lower'],
    ['Decrease', 'lower'],
    ['Minimise', 'lower'],
    ['Fewer is better', 'lower'],
    ['No', 'lower'],
    ['Lower is better, higher is worse', 'lower'],
    ['Range', 'range'],
    ['Within range', 'range'],
    ['Target range', 'range'],
    ['Between', 'range'],
    ['Data only', 'none'],
    ['Data Only', 'none'],
    ['N/A', 'none'],
    ['n/a', 'none'],
    ['None', 'none'],
    ['For information', 'none'],
    ['Monitoring', 'none'],
    ['Context', 'none'],
  ])('"%s" → %s', (t, expected) => {
    expect(parsePolarityText(t)).toBe(expected);
  });
  test.each(['', '  ', '-', '–', 'TBC', '?'])('"%s" says nothing (null): the next source decides', (t) => {
    expect(parsePolarityText(t)).toBeNull();
  });
  test.each(['Blue', 'Sometimes', 'up and down'])('"%s" is not recognised (undefined)', (t) => {
    expect(parsePolarityText(t)).toBeUndefined();
  });
});

describe('inferring lower-is-better from the name (conservative)', () => {
  test.each([
    ['Sickness absence (days lost per FTE)', 'sickness'],
    ['Average number of working days lost to sickness absence', 'days lost'],
    ['Average days to process new benefit claims', 'days to'],
    ['Time taken to re-let council homes', 'time taken'],
    ['Average time to answer calls', 'average time'],
    ['Number of people waiting for assessment', 'waiting'],
    ['Delayed transfers of care per 1,000 population', 'delayed transfers'],
    ['Number of missed bin collections', 'missed'],
    ['Number of complaints received', 'complaints'],
    ['Cost per visit', 'cost per'],
    ['Re-offending rate', 're-offending'],
    ['Proven reoffending', 'reoffending'],
    ['Vacancy rate', 'vacancy rate'],
    ['The number of permanent exclusions in secondary schools (per 1,000 pupils)', 'exclusions'],
    ['Overdue actions', 'overdue'],
    ['Housing repairs backlog', 'backlog'],
    ['Reportable incidents', 'incidents'],
    ['Falls in care homes', 'falls'],
    ['Drug-related deaths', 'deaths'],
    ['Current rent arrears', 'arrears'],
    ['The percentage of 15 year olds leaving full time education without a recognised qualification', 'without a recognised qualification'],
  ])('"%s" → lower (%s)', (name, keyword) => {
    expect(inferPolarityFromName(name)).toEqual({ polarity: 'lower', keyword });
  });
  test.each([
    'Percentage of planning applications determined within 8 weeks',
    '% of complaints responded to within 20 working days',
    'Missed bins collected on time',
    'Falls prevented by the reablement service',
    '% reduction in sickness absence',
    'Number of affordable homes delivered',
    'Customer satisfaction with complaints handling',
    'Waitrose partnership income', // word boundary: not "waiting"
    'Freefalls ticket sales', // word boundary: not "falls"
    'Mismissed', // not "missed"
    '',
  ])('"%s" → no inference', (name) => {
    expect(inferPolarityFromName(name)).toBeNull();
  });
  test('every keyword in the list is found by itself', () => {
    for (const k of LOWER_IS_BETTER_KEYWORDS) expect(inferPolarityFromName(`Number of ${k} this year`)?.keyword).toBe(k);
  });
  test('an en dash in "re–offending" still matches', () => {
    expect(inferPolarityFromName('Re‐offending rate')?.keyword).toBe('re-offending');
  });
});

describe('resolution order: column > operator target > configuration > name > default', () => {
  const s = settings();
  const base = measure({ name: 'Sickness absence days', target: num(10) });
  test('default: higher', () => {
    const r = resolvePolarity(measure({ name: 'Visits' }), s, null);
    expect(r).toMatchObject({ polarity: 'higher', source: 'default', keyword: null });
  });
  test('the default follows settings.polarity when no layer is named', () => {
    expect(resolvePolarity(measure({ name: 'Visits' }), settings({ polarity: 'lower' }), null)).toMatchObject({ polarity: 'lower', source: 'default' });
  });
  test('name beats default', () => {
    expect(resolvePolarity(base, s, null)).toMatchObject({ polarity: 'lower', source: 'name', keyword: 'sickness' });
  });
  test('name inference can be switched off', () => {
    expect(resolvePolarity(base, settings({ inferPolarityFromName: false }), null)).toMatchObject({ polarity: 'higher', source: 'default' });
  });
  test('configuration beats the name', () => {
    expect(resolvePolarity(base, s, 'higher')).toMatchObject({ polarity: 'higher', source: 'config' });
  });
  test('an operator target beats configuration', () => {
    expect(resolvePolarity({ ...base, target: bound('<=', 3) }, s, 'higher')).toMatchObject({ polarity: 'lower', source: 'target' });
    expect(resolvePolarity({ ...base, target: bound('>', 3) }, s, 'lower')).toMatchObject({ polarity: 'higher', source: 'target' });
  });
  test('an operator annual target counts when the period target has none', () => {
    expect(resolvePolarity({ ...base, target: num(3), annualTarget: bound('<', 3) }, s, 'higher')).toMatchObject({ polarity: 'lower', source: 'target' });
  });
  test('the sheet column beats everything', () => {
    expect(resolvePolarity({ ...base, target: bound('<=', 3), polarityText: 'Higher is better' }, s, 'lower')).toMatchObject({
      polarity: 'higher',
      source: 'column',
    });
  });
  test('a blank column text falls through silently', () => {
    const r = resolvePolarity({ ...base, polarityText: '-' }, s, null);
    expect(r).toMatchObject({ polarity: 'lower', source: 'name' });
    expect(r.notes).toEqual([]);
  });
  test('an unreadable column text falls through with a warning', () => {
    const r = resolvePolarity({ ...base, polarityText: 'Sometimes' }, s, null);
    expect(r).toMatchObject({ polarity: 'lower', source: 'name' });
    expect(r.notes.map((n) => n.code)).toEqual(['polarity-unreadable']);
  });
  test('a range target makes the polarity range (unless data only)', () => {
    expect(resolvePolarity({ ...base, target: range(95, 105) }, s, null)).toMatchObject({ polarity: 'range', source: 'target' });
    expect(resolvePolarity({ ...base, target: range(95, 105), polarityText: 'Higher' }, s, null)).toMatchObject({ polarity: 'range', source: 'target' });
    expect(resolvePolarity({ ...base, target: range(95, 105), polarityText: 'Range' }, s, null)).toMatchObject({ polarity: 'range', source: 'column' });
    expect(resolvePolarity({ ...base, target: range(95, 105), polarityText: 'Data only' }, s, null)).toMatchObject({ polarity: 'none', source: 'column' });
    expect(resolvePolarity({ ...base, target: range(95, 105) }, s, 'none')).toMatchObject({ polarity: 'none', source: 'config' });
  });
});

describe('polarity in the evaluated result and its reasons', () => {
  test('lower, assumed from the name, is said in the reason', () => {
    const r = evaluate({ name: 'Sickness absence (days lost per FTE)', actual: num(3), target: num(5) });
    expect(r.polaritySource).toBe('name');
    expect(r.reason).toBe("Green: 3 is at or below the target of 5 (lower is better, assumed from the name ('sickness'))");
  });
  test('lower from the column', () => {
    const r = evaluate({ polarityText: 'Lower is better', actual: num(3), target: num(5) });
    expect(r.reason).toBe('Green: 3 is at or below the target of 5 (lower is better)');
    expect(r.polaritySource).toBe('column');
  });
  test('lower from configuration', () => {
    const r = evaluate({ actual: num(6), target: num(5) }, {}, { polarityFromConfig: 'lower' });
    expect(r.polaritySource).toBe('config');
    expect(r.status).toBe('red');
  });
  test('an unreadable polarity is an issue on the measure', () => {
    const r = evaluate({ polarityText: 'Sometimes' });
    expect(r.issues.map((i) => i.code)).toEqual(['polarity-unreadable']);
    expect(r.issues[0]!.message).toContain('"Sometimes"');
  });
});
