// SPC over 10k measures of 60 points: node scripts/bench/spc.mjs
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { measureSpc, DEFAULT_SETTINGS } = require('../../dist/rag-refresh.cjs');
let seed = 3;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const series = [];
for (let i = 0; i < 10000; i++) series.push(Array.from({ length: 60 }, (_, k) => Math.round(100 + rand() * 20 + (i % 7 === 0 && k > 40 ? 15 : 0))));
const labels = Array.from({ length: 60 }, (_, k) => `P${k + 1}`);
const settings = { ...DEFAULT_SETTINGS.statisticalTrend, enabled: true };
const run = () => {
  const t = process.hrtime.bigint();
  for (const s of series) measureSpc(s, labels, 'increase', 105, settings);
  return Number(process.hrtime.bigint() - t) / 1e6;
};
run();
const times = [run(), run(), run()].sort((a, b) => a - b);
process.stdout.write(JSON.stringify({ measures: 10000, points: 60, ms: times[1] }));
