/** Layering two configurations: the given one over the saved one, as every refresh with --config or pane edits does. */
import { mergeConfigs, validateConfig } from '../../../src/core/config/resolve';
import type { RagConfig, RagConfigInput } from '../../../src/core/config/schema';

const cfg = (c: RagConfigInput): RagConfig => {
  const r = validateConfig(c);
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.config;
};

describe('mergeConfigs', () => {
  test('settings merge key by key, groups key by key, amounts whole', () => {
    const m = mergeConfigs(cfg({ settings: { tolerance: '10%', brag: { enabled: true } } }), cfg({ settings: { tolerance: '2', brag: { margin: '5%' } } }));
    expect(m.settings).toEqual({ tolerance: { type: 'absolute', value: 2 }, brag: { enabled: true, margin: { type: 'relative', value: 5 } } });
  });
  test('an entry for the same measure is merged into one, the later winning', () => {
    const saved = cfg({ measures: [{ ref: 'CF04', tolerance: '1', polarity: 'higher' }, { name: 'Complaints', polarity: 'lower' }] });
    const given = cfg({ measures: [{ ref: 'cf04 ', polarity: 'lower' }] });
    const m = mergeConfigs(saved, given);
    expect(m.measures).toEqual([
      { name: 'Complaints', polarity: 'lower' },
      { ref: 'cf04 ', tolerance: { type: 'absolute', value: 1 }, polarity: 'lower' },
    ]);
  });
  test('the same configuration given again and again stays the same', () => {
    const given = cfg({ tables: [{ sheet: 'Place', range: 'A15:J22', tolerance: '50%', columns: { H: 'commentary' } }], measures: [{ name: 'X', polarity: 'lower' }] });
    let saved = cfg({});
    for (let i = 0; i < 4; i++) saved = mergeConfigs(saved, given);
    expect(saved.tables).toEqual(given.tables);
    expect(saved.measures).toEqual(given.measures);
  });
  test('entries for different tables or measures are kept, in order; a table’s column roles merge', () => {
    const m = mergeConfigs(
      cfg({ tables: [{ sheet: 'Place', range: 'A5:J11', columns: { H: 'commentary' } }, { sheet: 'Resources', currentPeriod: 'Q2' }] }),
      cfg({ tables: [{ sheet: 'Place', range: '$A$5:$J$11', columns: { I: 'owner' } }, { sheet: 'Place', range: 'A15:J22', include: false }] }),
    );
    expect(m.tables).toEqual([
      { sheet: 'Resources', currentPeriod: 'Q2' },
      { sheet: 'Place', range: '$A$5:$J$11', columns: { H: 'commentary', I: 'owner' } },
      { sheet: 'Place', range: 'A15:J22', include: false },
    ]);
  });
});
