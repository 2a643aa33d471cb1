// Engine benchmark, one size per process (so peak memory is this size's own):
//   node --expose-gc scripts/bench/engine.mjs <measures>
// Builds an in-memory snapshot of one sheet with <measures> rows of 12 monthly periods
// and times the core: detection + extraction, the rules, and the whole refresh (plan included).
// Medians of several runs, in milliseconds:
//   detectExtractMs  detection + extraction (detectMs + extractMs)
//   rulesMs          the rules on the measures just extracted (this includes the collector moving
//                    them out of the young generation, which the rules' first allocations set off)
//   refreshMs        the whole refresh; refreshPhases splits it by stage (RefreshOptions.onPhase)
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const lib = require('../../dist/rag-refresh.cjs');

const n = Number(process.argv[2] ?? 1000);
const MONTHS = ['Apr-25', 'May-25', 'Jun-25', 'Jul-25', 'Aug-25', 'Sep-25', 'Oct-25', 'Nov-25', 'Dec-25', 'Jan-26', 'Feb-26', 'Mar-26'];
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

function snapshot() {
  const header = ['Ref', 'Measure', 'Good is', 'Target', 'Owner', 'Commentary', ...MONTHS];
  const values = [header];
  const formats = [header.map(() => 'General')];
  for (let i = 0; i < n; i++) {
    const lower = i % 3 === 0;
    const target = 50 + Math.round(rand() * 50);
    const row = [`M${i + 1}`, `Measure number ${i + 1}`, lower ? 'Low' : 'High', target, `Officer ${i % 40}`, i % 4 === 0 ? '' : 'Commentary text'];
    for (let p = 0; p < 12; p++) row.push(i % 97 === 0 && p === 11 ? null : Math.round((target * (0.8 + rand() * 0.4)) * 10) / 10);
    values.push(row);
    formats.push(row.map(() => 'General'));
  }
  return {
    sheets: [{ name: 'Measures', position: 0, visibility: 'visible', origin: { row: 0, col: 0 }, values, numberFormats: formats, merges: [], hiddenRows: [], hiddenColumns: [], tables: [], protected: false }],
    savedDocument: null,
    source: { host: 'xlsx', fileName: 'bench.xlsx' },
  };
}

const snap = snapshot();
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const now = () => Number(process.hrtime.bigint()) / 1e6;
const time = (f) => {
  const t = now();
  const r = f();
  return [now() - t, r];
};
// the refresh, with the time each stage took
const phases = {};
let last = 0;
const opts = {
  now: '2026-01-15T09:30:00+00:00',
  appVersion: 'bench',
  onPhase: (phase) => {
    const t = now();
    (phases[phase] ??= []).push(t - last);
    last = t;
  },
};
const refresh = () => {
  last = now();
  return lib.refresh(snap, opts);
};

// warm up
refresh();
for (const k of Object.keys(phases)) delete phases[k];
const runs = n >= 100000 ? 3 : 5;
const detect = [];
const extract = [];
const rules = [];
const total = [];
const settings = lib.workbookSettings({});
const ctx = { polarityFromConfig: null, previousStatus: undefined };
for (let k = 0; k < runs; k++) {
  globalThis.gc?.();
  const [dt, det] = time(() => lib.detectTables(snap, {}, []));
  const [et, measures] = time(() => lib.extractMeasures(det.tables[0], snap.sheets[0], {}));
  const [rt] = time(() => {
    for (const m of measures) lib.evaluateMeasure(m, settings, ctx);
  });
  const [tt] = time(refresh);
  detect.push(dt);
  extract.push(et);
  rules.push(rt);
  total.push(tt);
}
const mem = process.memoryUsage();
const round = (x) => Math.round(x * 10) / 10;
process.stdout.write(
  JSON.stringify({
    measures: n,
    detectExtractMs: round(median(detect.map((d, i) => d + extract[i]))),
    rulesMs: round(median(rules)),
    refreshMs: round(median(total)),
    peakRssMB: round(process.resourceUsage().maxRSS / 1024),
    heapUsedMB: round(mem.heapUsed / 1048576),
    detectMs: round(median(detect)),
    extractMs: round(median(extract)),
    refreshPhases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, round(median(v))])),
  }),
);
