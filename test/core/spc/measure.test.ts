/** measureSpc: what the engine writes for one measure. */
import { DEFAULT_SETTINGS, SPC_PRESETS } from '../../../src/core/config/resolve';
import type { Settings } from '../../../src/core/config/schema';
import { directionFromPolarity, measureSpc, spc, spcSettingsFromConfig } from '../../../src/core/spc';

const VIGNETTE = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const labelsFor = (n: number) => Array.from({ length: n }, (_, i) => `${MONTHS[i % 12]} ${2023 + Math.floor(i / 12)}`);

function trend(over: Partial<Settings['statisticalTrend']> = {}): Settings['statisticalTrend'] {
  return { ...DEFAULT_SETTINGS.statisticalTrend, enabled: true, ...over };
}
function nhse(over: Partial<Settings['statisticalTrend']> = {}): Settings['statisticalTrend'] {
  return trend({ preset: 'nhse-2024', ...SPC_PRESETS['nhse-2024'], ...over });
}

describe('measureSpc', () => {
  it('maps the verdicts to the catalogue texts', () => {
    const r = measureSpc(VIGNETTE, labelsFor(18), 'increase', -1, trend()); // LPL ≈ −0.72
    expect(r).toEqual({
      variation: 'common_cause',
      assurance: 'consistent_pass',
      points: 18,
      text: { variation: '● Common cause', assurance: '✓ Consistently passing' },
      warnings: [],
      dataWarnings: [],
    });
  });
  it('names the periods left out for want of a value among the warnings about the data', () => {
    const values = [...VIGNETTE.slice(0, 17), null, 1];
    const r = measureSpc(values, labelsFor(19), 'increase', null, trend());
    expect(r.dataWarnings).toHaveLength(1);
    expect(r.dataWarnings[0]).toContain(labelsFor(19)[17]);
    expect(r.warnings).toEqual(expect.arrayContaining(r.dataWarnings));
  });
  it('special cause at the last point', () => {
    const values = [...VIGNETTE.slice(0, 17), 10];
    expect(measureSpc(values, labelsFor(18), 'decrease', null, trend())).toMatchObject({
      variation: 'concern_high',
      assurance: 'none',
      text: { variation: '▲ Special cause – concerning (high)', assurance: '– No target' },
    });
  });
  it('neutral direction: no assurance, said so', () => {
    expect(measureSpc(VIGNETTE, labelsFor(18), 'neutral', 3, trend())).toMatchObject({
      variation: 'common_cause',
      assurance: 'none',
      text: { assurance: '– No assurance (no preferred direction)' },
    });
  });
  it('fewer than the minimum: null verdicts and "Fewer than 13 points", in both presets', () => {
    const twelve = VIGNETTE.slice(0, 12);
    for (const s of [trend(), nhse()]) {
      const r = measureSpc(twelve, labelsFor(12), 'increase', 3, s);
      expect(r.variation).toBeNull();
      expect(r.assurance).toBeNull();
      expect(r.points).toBe(12);
      expect(r.text).toEqual({ variation: '– Fewer than 13 points', assurance: '– Fewer than 13 points' });
      expect(r.warnings).toHaveLength(1);
    }
    // The minimum is a setting, and the text follows it.
    expect(measureSpc(twelve, labelsFor(12), 'increase', 3, trend({ minimumPoints: 20 })).text.variation).toBe('– Fewer than 20 points');
  });
  it('missing values are left out and counted out, with the periods named', () => {
    const values: (number | null)[] = [...VIGNETTE];
    values[2] = null;
    values[5] = null;
    const r = measureSpc(values, labelsFor(18), 'increase', null, trend());
    expect(r.points).toBe(16);
    expect(r.warnings).toEqual(['Periods left out of the statistical trend (no value): Mar 2023, Jun 2023']);
  });
  it('"no variation in the baseline" for a flat-with-one-blip series (plotthedots)', () => {
    const values = [5, 5, 5, 5, 5, 5, 5, 9, 5, 5, 5, 5, 5, 5, 5];
    const r = measureSpc(values, labelsFor(15), 'increase', null, trend());
    expect(r.variation).toBe('concern_low');
    expect(r.warnings).toEqual([
      'No variation in the baseline once the outlier is screened out: the process limits equal the mean, so every point off the mean counts as outside them',
    ]);
  });
  it('rebaseAt names periods by their headers (ignoring case and spacing); unknown ones are reported', () => {
    const values = [...VIGNETTE, 3, 4, 3, 4, 3];
    const labels = labelsFor(values.length);
    const r = measureSpc(values, labels, 'increase', null, trend({ rebaseAt: ['  jul   2024', 'Feb 1999'] }));
    const direct = spc({ values, labels, direction: 'increase', rebase: [18] });
    expect(r.variation).toBe(direct.variation);
    expect(r.warnings).toEqual([
      'Rebase period "Feb 1999" is not in the series; it was ignored',
      'Only 5 points from Jul 2024 on: fewer than 13, so those limits are provisional',
    ]);
  });
  it('passes the configuration settings through (baseline, presets)', () => {
    expect(spcSettingsFromConfig(nhse())).toEqual({ ...SPC_PRESETS['nhse-2024'], belowMinimum: 'run-chart', baselinePoints: null, shortGroupThreshold: 13 });
    expect(spcSettingsFromConfig(trend({ baselinePoints: 12 })).baselinePoints).toBe(12);
    expect(() => spcSettingsFromConfig(trend({ baselinePoints: 6 }))).toThrow(/at least 12/);
  });
  it('directionFromPolarity', () => {
    expect(['higher', 'lower', 'range', 'none'].map((p) => directionFromPolarity(p as never))).toEqual(['increase', 'decrease', 'neutral', 'neutral']);
  });
});
