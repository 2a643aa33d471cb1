/**
 * The figure decimals told from the numbers (not their text) and the formats made once give
 * exactly what the originals give (kept verbatim in test/core/reference/statusColumns.ts).
 */
import fc from 'fast-check';
import { figureDecimals, plainFormat, varianceFormat } from '../../src/core/plan/statusColumns';
import type { MeasureResult } from '../../src/core/types';
import * as ref from './reference/statusColumns';

const figure = fc.oneof(
  fc.constant(null),
  fc.tuple(fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }), fc.integer({ min: 0, max: 6 })).map(([n, d]) => n / 10 ** d),
  fc.tuple(fc.double({ min: -1e16, max: 1e16, noNaN: true }), fc.constantFrom(1, 10, 100)).map(([x, k]) => Math.round(x * k) / k),
  fc.double(),
  fc.constantFrom(0.1, 0.3, 0.30000000000000004, 1e-6, 9.99e-7, 1e-7, 1e14 + 0.5, 99999999999999.9, 1e15, 1e21, -0, 12.5, 0.05, 81.00000000000001),
);

test('figureDecimals and varianceFormat equal the originals', () => {
  fc.assert(
    fc.property(figure, figure, fc.constantFrom('plain' as const, 'percent' as const), (actual, target, scale) => {
      const r = { actual, target, scale } as unknown as MeasureResult;
      expect(figureDecimals(r)).toBe(ref.figureDecimals(r));
      expect(varianceFormat(r)).toBe(ref.varianceFormat(r));
    }),
    { numRuns: 50000 },
  );
});

test('plainFormat equals the original', () => {
  for (const d of [0, -0, 1, 2, 3, 5, 10]) expect(plainFormat(d)).toBe(ref.plainFormat(d));
});
