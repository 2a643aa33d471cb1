/**
 * Rough timings for the file shell on the real workbooks (a script, not a
 * test: tests never assert wall-clock time). Run it with:
 *   npx esbuild test/workbook/xlsx/timing.ts --bundle --platform=node --outfile=/tmp/xlsx-timing.js && node /tmp/xlsx-timing.js
 * Prints the median of several runs of: reading (snapshot), applying a
 * representative plan, and, for comparison, a bare fflate unzip + rezip of the
 * same file (deflate level 6).
 */
import { unzipSync, zipSync } from 'fflate';
import { applyPlan } from '../../../src/workbook/xlsx/apply';
import { readWorkbook } from '../../../src/workbook/xlsx/read';
import { realWorkbooks } from './helpers';
import { representativePlan } from './plans';

function median(f: () => void, runs = 7): number {
  const times: number[] = [];
  f();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

const rows: string[] = [];
for (const w of realWorkbooks()) {
  const read = median(() => readWorkbook(w.bytes));
  const wb = readWorkbook(w.bytes);
  const { plan } = representativePlan(wb.snapshot, { structureLocked: wb.pkg.structureLocked });
  const apply = median(() => applyPlan(wb.pkg, plan));
  const both = median(() => {
    const x = readWorkbook(w.bytes);
    applyPlan(x.pkg, plan);
  });
  const rezip = median(() => zipSync(unzipSync(w.bytes), { level: 6 }));
  rows.push(
    [w.name.padEnd(50), `${(w.bytes.length / 1024).toFixed(0)} KB`.padStart(7), `${read.toFixed(0)} ms`.padStart(8), `${apply.toFixed(0)} ms`.padStart(8), `${both.toFixed(0)} ms`.padStart(8), `${rezip.toFixed(0)} ms`.padStart(8)].join(' '),
  );
}
console.log(`${'workbook'.padEnd(50)} ${'size'.padStart(7)} ${'read'.padStart(8)} ${'apply'.padStart(8)} ${'both'.padStart(8)} ${'rezip'.padStart(8)}\n${rows.join('\n')}`);
