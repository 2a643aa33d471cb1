/** DOMAIN rules 7 and 8: summary figures and the overall RAG. */
import { DEFAULT_SETTINGS } from '../../../src/core/config/resolve';
import { decideOverall, emptyCounts, groupSummaries, overallRag, summarise } from '../../../src/core/rules';
import type { Status, StatusCounts } from '../../../src/core/types';

const counts = (c: Partial<StatusCounts>): StatusCounts => ({ ...emptyCounts(), ...c });
const results = (c: Partial<StatusCounts>) =>
  (Object.entries(c) as [Status, number][]).flatMap(([status, n]) => Array.from({ length: n }, () => ({ status })));
const rule = (r: Partial<typeof DEFAULT_SETTINGS.overallRag>) => ({ ...DEFAULT_SETTINGS.overallRag, ...r });

describe('rule 7: summary figures', () => {
  test('Powys Q4 2017-18: 35 measures, 11 met, 20 off target (57%), 12 off by more than 10% (34%), overall Amber', () => {
    const s = summarise(results({ green: 11, amber: 8, red: 12, noData: 4 }), 'Corporate Improvement Plan');
    expect(s.label).toBe('Corporate Improvement Plan');
    expect(s.measures).toBe(35);
    expect(s.withTarget).toBe(35);
    expect(s.metTarget.count).toBe(11);
    expect(s.offTarget.count).toBe(20);
    expect(Math.round(s.offTarget.percent!)).toBe(57);
    expect(s.offByMoreThanTolerance.count).toBe(12);
    expect(Math.round(s.offByMoreThanTolerance.percent!)).toBe(34);
    expect(s.noData.count).toBe(4);
    // The report says 32% met: 11 of 35 is 31.4%; the figures above are the ones that agree with 57% and 34%.
    expect(s.metTarget.percent).toBeCloseTo((11 / 35) * 100, 10);
    expect(s.overall).toBe('amber');
    expect(s.overallReason).toBe('mean score 2.03 over 31 rated measures: Amber (1.5 to 2.5 inclusive); 4 without data not rated');
  });
  test('met target is green + blue; percentages leave out No target and include No data and Check data', () => {
    const s = summarise(results({ blue: 2, green: 3, amber: 1, red: 2, noData: 1, checkData: 1, noTarget: 5 }), 'x');
    expect(s.measures).toBe(15);
    expect(s.withTarget).toBe(10);
    expect(s.metTarget).toEqual({ count: 5, percent: 50 });
    expect(s.offTarget).toEqual({ count: 3, percent: 30 });
    expect(s.offByMoreThanTolerance).toEqual({ count: 2, percent: 20 });
    expect(s.noData).toEqual({ count: 2, percent: 20 });
    expect(s.counts).toEqual({ blue: 2, green: 3, amber: 1, red: 2, noData: 1, checkData: 1, noTarget: 5 });
  });
  test('no measures with a target: percentages are null, overall none', () => {
    const s = summarise(results({ noTarget: 3 }), 'x');
    expect(s.withTarget).toBe(0);
    expect(s.metTarget.percent).toBeNull();
    expect(s.overall).toBe('none');
    expect(s.overallReason).toBe('not rated: no rated measures; 3 data only not rated');
    expect(summarise([], 'empty')).toMatchObject({ measures: 0, overall: 'none', overallReason: 'not rated: no rated measures' });
  });
  test('the overall rule is the one given', () => {
    expect(summarise(results({ green: 10, red: 1 }), 'x', rule({ rule: 'worst' })).overall).toBe('red');
  });
});

describe('rule 8: overall RAG, mean score (default)', () => {
  test.each([
    [{ green: 1 }, 'green', 1],
    [{ blue: 3, green: 1 }, 'green', 1],
    [{ green: 3, amber: 1 }, 'green', 1.25],
    [{ green: 1, amber: 1 }, 'amber', 1.5], // exactly 1.5 is Amber (inclusive)
    [{ green: 11, amber: 8, red: 12 }, 'amber', 63 / 31],
    [{ amber: 1, red: 1 }, 'amber', 2.5], // exactly 2.5 is Amber (inclusive)
    [{ amber: 1, red: 3 }, 'red', 2.75],
    [{ red: 1 }, 'red', 3],
    [{ green: 1, red: 1 }, 'amber', 2],
    [{ blue: 1, red: 1 }, 'amber', 2],
    [{ green: 49, amber: 1, red: 50 }, 'amber', 2.01],
  ])('%j → %s (score %p)', (c, expected, score) => {
    const d = decideOverall(counts(c), rule({}));
    expect(d.overall).toBe(expected);
    expect(d.score).toBeCloseTo(score as number, 12);
    expect(overallRag(counts(c), rule({}))).toBe(expected);
  });
  test('exact boundaries with many measures are decided in integers', () => {
    // 7 green + 7 amber = 21/14 = 1.5 exactly → Amber
    expect(overallRag(counts({ green: 7, amber: 7 }), rule({}))).toBe('amber');
    // 10 amber 10 red = 50/20 = 2.5 → Amber; one more red → Red
    expect(overallRag(counts({ amber: 10, red: 10 }), rule({}))).toBe('amber');
    expect(overallRag(counts({ amber: 10, red: 11 }), rule({}))).toBe('red');
    // 3 green 1 red = 6/4 = 1.5 → Amber
    expect(overallRag(counts({ green: 3, red: 1 }), rule({}))).toBe('amber');
  });
  test('No data, Check data and No target are not rated, and counted in the reason', () => {
    const d = decideOverall(counts({ green: 2, noData: 5, checkData: 1, noTarget: 2 }), rule({}));
    expect(d.overall).toBe('green');
    expect(d.reason).toBe('mean score 1 over 2 rated measures: Green (below 1.5); 5 without data not rated; 1 to check not rated; 2 data only not rated');
  });
  test('reasons for green and red', () => {
    expect(decideOverall(counts({ green: 3, amber: 1 }), rule({})).reason).toBe('mean score 1.25 over 4 rated measures: Green (below 1.5)');
    expect(decideOverall(counts({ red: 2, amber: 1 }), rule({})).reason).toBe('mean score 2.67 over 3 rated measures: Red (above 2.5)');
  });
  test('no rated measures', () => {
    expect(decideOverall(counts({ noData: 2 }), rule({}))).toEqual({
      overall: 'none',
      reason: 'not rated: no rated measures; 2 without data not rated',
      score: null,
    });
  });
});

describe('rule 8: other rules', () => {
  test('worst-of', () => {
    const r = rule({ rule: 'worst' });
    expect(overallRag(counts({ green: 30, red: 1 }), r)).toBe('red');
    expect(overallRag(counts({ green: 30, amber: 1 }), r)).toBe('amber');
    expect(overallRag(counts({ green: 30, blue: 2 }), r)).toBe('green');
    expect(overallRag(counts({ noData: 3 }), r)).toBe('none');
    expect(decideOverall(counts({ green: 11, amber: 8, red: 12, noData: 4 }), r).reason).toBe(
      'worst of 31 rated measures: Red (12 red); 4 without data not rated',
    );
    expect(decideOverall(counts({ green: 1, amber: 2 }), r).reason).toBe('worst of 3 rated measures: Amber (no red, 2 amber)');
    expect(decideOverall(counts({ green: 1 }), r).reason).toBe('worst of 1 rated measures: Green (no red or amber)');
  });
  test('majority, ties to the worse', () => {
    const r = rule({ rule: 'majority' });
    expect(overallRag(counts({ green: 11, amber: 8, red: 12 }), r)).toBe('red');
    expect(overallRag(counts({ green: 5, blue: 3, amber: 7 }), r)).toBe('green'); // green + blue = 8
    expect(overallRag(counts({ green: 5, amber: 5 }), r)).toBe('amber');
    expect(overallRag(counts({ green: 5, red: 5 }), r)).toBe('red');
    expect(overallRag(counts({ amber: 5, red: 5 }), r)).toBe('red');
    expect(overallRag(counts({ green: 5, amber: 5, red: 5 }), r)).toBe('red');
    expect(overallRag(counts({ green: 4, amber: 5, red: 3 }), r)).toBe('amber');
    expect(decideOverall(counts({ green: 5, amber: 5 }), r).reason).toBe(
      'majority of 10 rated measures: Amber (5 green or blue, 5 amber, 0 red); a tie goes to the worse',
    );
    expect(decideOverall(counts({ green: 6, amber: 5 }), r).reason).toBe('majority of 11 rated measures: Green (6 green or blue, 5 amber, 0 red)');
  });
  test('red share: Red at 25% or more, Amber at 10% or more (inclusive), else Green', () => {
    const r = rule({ rule: 'red-share' });
    expect(overallRag(counts({ green: 3, red: 1 }), r)).toBe('red'); // 25%
    expect(overallRag(counts({ green: 4, red: 1 }), r)).toBe('amber'); // 20%
    expect(overallRag(counts({ green: 9, red: 1 }), r)).toBe('amber'); // 10%
    expect(overallRag(counts({ green: 10, red: 1 }), r)).toBe('green'); // 9.1%
    expect(overallRag(counts({ amber: 20 }), r)).toBe('green'); // amber does not count
    expect(overallRag(counts({ green: 11, amber: 8, red: 12 }), r)).toBe('red');
    expect(decideOverall(counts({ green: 11, amber: 8, red: 12 }), r).reason).toBe(
      '12 of 31 rated measures red (38.7%): Red (25% or more)',
    );
    expect(decideOverall(counts({ green: 9, red: 1 }), r).reason).toBe('1 of 10 rated measures red (10%): Amber (10% or more, below 25%)');
    expect(decideOverall(counts({ green: 10 }), r).reason).toBe('0 of 10 rated measures red (0%): Green (below 10%)');
  });
  test('red share with configured thresholds, decimal-safe (1 in 3 against 33.3333333333%)', () => {
    const r = rule({ rule: 'red-share', redShareForRed: 100 / 3, redShareForAmber: 5 });
    expect(overallRag(counts({ green: 2, red: 1 }), r)).toBe('red');
    expect(overallRag(counts({ green: 3, red: 1 }), r)).toBe('amber');
  });
});

describe('group summaries', () => {
  const rs = [
    { status: 'green' as Status, d: 'Place' },
    { status: 'red' as Status, d: 'People' },
    { status: 'amber' as Status, d: 'people' },
    { status: 'red' as Status, d: 'Resources' },
    { status: 'green' as Status, d: null },
    { status: 'red' as Status, d: '  ' },
    { status: 'green' as Status, d: 'Place' },
  ];
  test('one summary per group, sorted by name, ungrouped last', () => {
    const g = groupSummaries(rs, (r) => r.d);
    expect(g.map((s) => s.label)).toEqual(['People', 'people', 'Place', 'Resources', '(not stated)']);
    expect(g.map((s) => s.measures)).toEqual([1, 1, 2, 1, 2]);
    expect(g[2]!.overall).toBe('green');
    expect(g[3]!.overall).toBe('red');
    expect(g[4]!.counts.red).toBe(1);
  });
  test('the overall rule applies to each group', () => {
    const g = groupSummaries(rs, (r) => (r.d ?? '').trim() || null, rule({ rule: 'worst' }));
    expect(g.find((s) => s.label === '(not stated)')!.overall).toBe('red');
  });
  test('no results, no groups', () => {
    expect(groupSummaries([], () => 'x')).toEqual([]);
  });
});

describe('summary figures of the statistical trend', () => {
  const withSpc = (variation: string | null, assurance: string | null) =>
    ({ status: 'green', spc: { variation, assurance, points: 20, text: { variation: '', assurance: '' }, warnings: [], dataWarnings: [] } }) as unknown as Parameters<typeof summarise>[0][number];
  test('count the special-cause concerns (high or low) and the consistently failing measures', () => {
    const f = summarise(
      [withSpc('concern_low', 'consistent_fail'), withSpc('concern_high', 'inconsistent'), withSpc('improvement_high', 'consistent_fail'), withSpc(null, null), { status: 'red' }],
      'All',
    );
    expect(f.specialCauseConcern).toBe(2);
    expect(f.consistentlyFailing).toBe(2);
  });
  test('are left out when no measure has a statistical trend', () => {
    const f = summarise([{ status: 'red' }, { status: 'green' }], 'All');
    expect(f).not.toHaveProperty('specialCauseConcern');
    expect(f).not.toHaveProperty('consistentlyFailing');
  });
});
