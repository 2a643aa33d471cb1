// Random workbook snapshots and configurations for scripts/bench/equivalence.mjs: tables of
// every layout the detector knows (wide and long, Excel tables, merged headings, sections, totals,
// END rows, example rows, formulas without results), values as people type them (percentages,
// ranges, operator targets, no-data tokens, text), polarities, tolerances and thresholds.
// Deterministic: the same seed gives the same workbook.
// Random workbook snapshots for differential testing.
export function makeRng(seed) {
  let s = seed >>> 0 || 1;
  const next = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
  const int = (a, b) => a + Math.floor(next() * (b - a + 1));
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const chance = (p) => next() < p;
  return { next, int, pick, chance };
}
const REF_H = ['Ref', 'PI Ref', 'Code', 'KPI ID', 'Reference'];
const NAME_H = ['Measure', 'Indicator', 'KPI', 'Performance Indicator', 'Measure name', 'Description'];
const OPT_H = [
  ['Actual', 'actual'], ['Target', 'target'], ['Annual target', 'annual'], ['Previous', 'previous'], ['Same period last year', 'lastYear'],
  ['Good is', 'polarity'], ['Polarity', 'polarity'], ['Higher is better', 'yesno'], ['Amber threshold', 'amber'], ['Red threshold', 'red'],
  ['Tolerance', 'tolerance'], ['Directorate', 'dir'], ['Service', 'service'], ['Priority', 'priority'], ['Owner', 'owner'],
  ['Commentary', 'comment'], ['Comments', 'comment'], ['Complete', 'complete'], ['Unit', 'unit'], ['RAG', 'rag'],
];
const NAMES = ['Sickness absence days', 'Days to process benefit claims', 'Percentage of household waste recycled', '% of calls answered', 'Number of complaints',
  'Complaints responded to within 20 days', 'Missed bin collections', 'Visitors to libraries', 'Average time to relet', 'Falls prevented',
  'Council tax collected %', 'Cost per transaction', 'Fly-tipping incidents', 'Staff turnover', 'Re-offending rate', 'Rent arrears', 'Satisfaction with services'];
const POL = ['High', 'Low', 'Higher is better', 'Lower is better', 'Data only', '↑', '↓', 'Range', 'Bigger is better', '', '-', 'Yes', 'No', 'weird text', 'N/A', 'Smaller is better', 'up', 'down'];
const TOKENS = ['N/A', 'TBC', '-', 'n/a', 'Pending', '#N/A', '#DIV/0!', '', '  ', '< Select >', '...', 'Not yet available', 'nil', 'zero'];
const TEXTS = ['see note', 'awaiting', 'approx 12', 'Q3 data late', 'TRUE', '±2', 'about 5'];
const FORMATS_PCT = ['0%', '0.0%', '0.00%'];

function num(r, scale) {
  const kind = r.int(0, 9);
  let x;
  if (kind === 0) x = r.int(0, 5);
  else if (kind === 1) x = Math.round(r.next() * 1000) / 10;
  else if (kind === 2) x = Math.round(r.next() * 100000) / 100;
  else if (kind === 3) x = Math.round(r.next() * 1e6);
  else if (kind === 4) x = r.next() * 100;
  else if (kind === 5) x = Math.round(r.next() * 10000) / 10000;
  else if (kind === 6) x = (r.next() - 0.5) * 200;
  else if (kind === 7) x = r.int(0, 120);
  else if (kind === 8) x = Math.round(r.next() * 1e4) / 1e6;
  else x = r.pick([0.005, 1.005, 2.675, 1.45, 0.045, 81, 90, 99.995, 1e-7, 123456789.125, 0.0001234, 1e21, 5e-324, 1.5e15, 0.1 + 0.2]);
  return scale ? x * scale : x;
}
function valueCell(r, base, percent) {
  const k = r.next();
  if (k < 0.6) {
    const v = base === null ? num(r) : base * (0.7 + r.next() * 0.6);
    const rounded = r.chance(0.5) ? Math.round(v * 10) / 10 : v;
    if (percent === 'fraction') return { v: Math.round(rounded) / 100 || rounded / 100, f: r.pick(FORMATS_PCT) };
    if (percent === 'fracplain') return { v: Math.round(rounded) / 100, f: 'General' };
    return { v: rounded, f: r.chance(0.1) ? '#,##0.00' : 'General' };
  }
  if (k < 0.72) {
    const v = base === null ? num(r) : Math.round(base * (0.8 + r.next() * 0.4));
    return { v: r.pick([`${v}%`, ` ${v} % `, `${v}`, `£${v}`, `${v} days`, `(${v})`, `${v} per cent`, `${v}pp`]), f: 'General' };
  }
  if (k < 0.86) return { v: r.pick(TOKENS), f: 'General' };
  if (k < 0.93) return { v: null, f: 'General' };
  return { v: r.pick(TEXTS), f: 'General' };
}
function targetCell(r, base, percent) {
  const k = r.next();
  if (k < 0.55) {
    if (percent === 'fraction') return { v: base / 100, f: r.pick(FORMATS_PCT) };
    return { v: base, f: 'General' };
  }
  if (k < 0.62) return { v: `${base}%`, f: 'General' };
  if (k < 0.7) return { v: r.pick([`≤${base}`, `< ${base}`, `>= ${base}`, `at least ${base}`, `no more than ${base}`, `${base} or more`, `> ${base}`]), f: 'General' };
  if (k < 0.77) return { v: r.pick([`${Math.round(base * 0.9)}-${Math.round(base * 1.1)}`, `between ${Math.round(base * 0.9)} and ${base}`, `${base} to ${base + 5}`]), f: 'General' };
  if (k < 0.82) return { v: 0, f: 'General' };
  if (k < 0.88) return { v: r.pick(TOKENS), f: 'General' };
  if (k < 0.92) return { v: null, f: 'General' };
  if (k < 0.96) return { v: r.pick(TEXTS), f: 'General' };
  return { v: -base, f: 'General' };
}

function table(r, opts) {
  const wide = r.chance(0.7);
  const long = !wide && r.chance(0.3);
  const cols = [];
  if (r.chance(0.85)) cols.push([r.pick(REF_H), 'ref']);
  cols.push([r.pick(NAME_H), 'name']);
  const extra = OPT_H.filter(() => r.chance(0.3));
  const seen = new Set();
  for (const e of extra) if (!seen.has(e[1])) { seen.add(e[1]); cols.push(e); }
  const nPeriods = wide ? r.int(0, 14) : 0;
  if (!wide && !seen.has('actual')) cols.push(['Actual', 'actual']);
  if (!seen.has('target') && r.chance(0.8)) cols.push(['Target', 'target']);
  const startMonth = r.int(0, 11);
  let year = 24;
  const quarterly = r.chance(0.25);
  const periodLabels = [];
  for (let p = 0; p < nPeriods; p++) {
    if (quarterly) periodLabels.push(`Q${(p % 4) + 1} ${2023 + Math.floor(p / 4)}/${24 + Math.floor(p / 4)}`);
    else {
      const m = (startMonth + p) % 12;
      if (p > 0 && m === 0) year++;
      periodLabels.push(`${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m]}-${year}`);
    }
  }
  for (const l of periodLabels) cols.push([l, 'period']);
  if (long) cols.push(['Period', 'longperiod']);
  const header = cols.map((c) => c[0]);
  const rows = [header];
  const fmts = [header.map(() => 'General')];
  const n = r.int(opts.minRows ?? 1, opts.maxRows ?? 30);
  for (let i = 0; i < n; i++) {
    if (r.chance(0.04)) { rows.push(header.map(() => null)); fmts.push(header.map(() => 'General')); continue; }
    if (r.chance(0.04)) { const row = header.map(() => null); row[r.chance(0.7) ? 0 : 1] = r.pick(['Housing', 'SECTION A: Environment', 'Adults', 'Source: internal data', 'Total', 'Totals', 'END', 'Example: how to fill', 'e.g. M1', 'CHILDREN', 'Theme 2', 'Notes:', 'PF-USER_PROJECT-END', 'Grand total', "To'tal"]); rows.push(row); fmts.push(header.map(() => 'General')); continue; }
    if (r.chance(0.02)) { const row = header.map(() => null); row[0] = 0; row[1] = 'Example of how to complete >'; rows.push(row); fmts.push(header.map(() => 'General')); continue; }
    if (r.chance(0.02)) { const row = header.map((h, k) => (k === 1 ? 'Total' : k > 1 && r.chance(0.5) ? r.int(1, 100) : null)); rows.push(row); fmts.push(header.map(() => 'General')); continue; }
    const percent = r.pick([null, null, 'fraction', 'fracplain', null]);
    const base = r.pick([r.int(1, 100), r.int(1, 10000), Math.round(r.next() * 1000) / 10, 0, r.int(1, 5)]);
    const periodsCount = long ? r.int(1, 4) : 1;
    for (let lp = 0; lp < periodsCount; lp++) {
      const rr = [];
      const ff = [];
      for (const [, kind] of cols) {
        let c = { v: null, f: 'General' };
        switch (kind) {
          case 'ref': c = { v: r.chance(0.05) ? null : r.chance(0.1) ? i + 1 : `M${r.chance(0.05) ? 1 : i + 1}`, f: 'General' }; break;
          case 'name': c = { v: r.chance(0.03) ? null : `${r.pick(NAMES)}${r.chance(0.5) ? ' ' + i : ''}`, f: 'General' }; break;
          case 'actual': case 'previous': case 'lastYear': case 'period': c = valueCell(r, base, percent); break;
          case 'target': c = targetCell(r, base, percent); break;
          case 'annual': c = r.chance(0.5) ? targetCell(r, base, percent) : { v: null, f: 'General' }; break;
          case 'polarity': c = { v: r.pick(POL), f: 'General' }; break;
          case 'yesno': c = { v: r.pick(['Yes', 'No', 'Y', 'N', '', 'maybe']), f: 'General' }; break;
          case 'amber': c = r.chance(0.4) ? { v: Math.round(base * (0.8 + r.next() * 0.3)), f: 'General' } : r.chance(0.2) ? { v: 'x', f: 'General' } : { v: null, f: 'General' }; break;
          case 'red': c = r.chance(0.4) ? { v: Math.round(base * (0.6 + r.next() * 0.3)), f: 'General' } : { v: null, f: 'General' }; break;
          case 'tolerance': c = { v: r.pick([null, '10%', '5', '2pp', '±2', 5, 0.1, 'lots', '5 points', '', 'N/A']), f: 'General' }; break;
          case 'dir': c = { v: r.pick(['Adults', 'Children', 'Place', null, 'Resources']), f: 'General' }; break;
          case 'service': c = { v: r.pick(['Waste', 'Housing', null, 'Finance']), f: 'General' }; break;
          case 'priority': c = { v: r.pick(['P1', 'P2', null]), f: 'General' }; break;
          case 'owner': c = { v: r.pick(['A Smith', 'B Jones', null]), f: 'General' }; break;
          case 'comment': c = { v: r.pick(['', 'On track', null, 'Improving', '   ']), f: 'General' }; break;
          case 'complete': c = { v: r.pick(['Yes', 'No', null, 'Complete', 'In progress', true, 1]), f: 'General' }; break;
          case 'unit': c = { v: r.pick(['%', 'Number', 'Days', null, 'Percentage', '£']), f: 'General' }; break;
          case 'rag': c = { v: r.pick(['R', 'A', 'G', null, 'Green']), f: 'General' }; break;
          case 'longperiod': c = { v: `Q${lp + 1} 2024/25`, f: 'General' }; break;
        }
        rr.push(c.v);
        ff.push(c.f);
      }
      rows.push(rr);
      fmts.push(ff);
    }
  }
  return { rows, fmts };
}

export function workbook(seed, opts = {}) {
  const r = makeRng(seed);
  const sheets = [];
  const nSheets = r.int(1, 3);
  for (let s = 0; s < nSheets; s++) {
    const grid = [];
    const fgrid = [];
    const merges = [];
    if (r.chance(0.4)) { grid.push(['Performance report Q3']); fgrid.push(['General']); if (r.chance(0.5)) { grid.push([]); fgrid.push([]); } }
    const nTables = r.int(1, 2);
    for (let t = 0; t < nTables; t++) {
      if (t > 0) { grid.push([]); fgrid.push([]); grid.push([]); fgrid.push([]); if (r.chance(0.5)) { grid.push([r.pick(['Table two', 'Children services'])]); fgrid.push(['General']); } }
      const tb = table(r, opts);
      const offset = r.chance(0.2) ? 1 : 0;
      for (let i = 0; i < tb.rows.length; i++) {
        grid.push([...Array(offset).fill(null), ...tb.rows[i]]);
        fgrid.push([...Array(offset).fill('General'), ...tb.fmts[i]]);
      }
      if (r.chance(0.2)) { grid.push(['Source: council data']); fgrid.push(['General']); }
    }
    const width = grid.reduce((w, row) => Math.max(w, row.length), 0);
    const values = grid.map((row) => { const x = row.slice(); while (x.length < width) x.push(null); return x; });
    const numberFormats = fgrid.map((row) => { const x = row.slice(); while (x.length < width) x.push('General'); return x; });
    const tables = [];
    if (r.chance(0.15) && values.length > 2) {
      // an Excel table over the whole first block
      const hdr = values.findIndex((row) => row.some((v) => typeof v === 'string' && /Measure|Indicator|KPI|Description/.test(v)));
      if (hdr >= 0) {
        let last = hdr;
        while (last + 1 < values.length && values[last + 1].some((v) => v !== null)) last++;
        if (last > hdr) tables.push({ name: `Table${s + 1}`, range: { top: hdr, left: 0, bottom: last, right: width - 1 }, headerRowCount: 1, totalsRowCount: 0, columnNames: values[hdr].map((v, i) => (v === null ? `Column${i + 1}` : String(v))) });
      }
    }
    if (r.chance(0.1) && values.length > 0 && width > 2) merges.push({ top: 0, left: 0, bottom: 0, right: 2 });
    if (r.chance(0.15) && values.length > 6 && width > 3) { const top = r.int(1, values.length - 2); merges.push({ top, left: 0, bottom: top, right: r.int(1, width - 1) }); }
    const uncachedFormulas = [];
    if (r.chance(0.1)) for (let k = 0; k < 4; k++) uncachedFormulas.push({ row: r.int(0, values.length + 1), col: r.int(0, width + 1) });
    const hiddenRows = r.chance(0.1) ? [r.int(0, values.length)] : [];
    sheets.push({ name: `Sheet ${s + 1}`, position: s, visibility: r.chance(0.05) ? 'hidden' : 'visible', origin: { row: r.chance(0.2) ? 2 : 0, col: r.chance(0.2) ? 1 : 0 }, values, numberFormats, merges, hiddenRows, hiddenColumns: [], tables, protected: r.chance(0.05), ...(uncachedFormulas.length ? { uncachedFormulas } : {}) });
  }
  return { sheets, savedDocument: null, source: { host: 'xlsx', fileName: 'fuzz.xlsx' } };
}

export function config(seed) {
  const r = makeRng(seed * 7 + 3);
  const c = {};
  const s = {};
  if (r.chance(0.3)) s.brag = { enabled: true, margin: r.pick([{ type: 'relative', value: 10 }, { type: 'absolute', value: 2 }, { type: 'relative', value: 0 }]) };
  if (r.chance(0.3)) s.tolerance = r.pick([{ type: 'relative', value: 5 }, { type: 'absolute', value: 1.5 }, { type: 'relative', value: 0 }, { type: 'relative', value: 12.5 }]);
  if (r.chance(0.3)) s.forecast = { method: r.pick(['linear', 'average', 'latest', 'cumulative', 'off']), yearStartMonth: r.pick([1, 4, 4, 9]) };
  if (r.chance(0.3)) s.directionOfTravel = { compareWith: r.pick(['previous', 'same-period-last-year']), sustainedBand: r.pick([{ type: 'relative', value: 1 }, { type: 'absolute', value: 0.5 }, { type: 'relative', value: 0 }]) };
  if (r.chance(0.2)) s.statisticalTrend = { enabled: true };
  if (r.chance(0.2)) s.overallRag = { rule: r.pick(['mean-score', 'worst', 'majority', 'red-share']) };
  if (r.chance(0.2)) s.polarity = r.pick(['higher', 'lower', 'none', 'range']);
  if (r.chance(0.15)) s.inferPolarityFromName = false;
  if (Object.keys(s).length) c.settings = s;
  if (r.chance(0.2)) c.measures = [{ ref: 'M2', target: r.pick([50, '90%', '< 5']) }, { name: 'Staff turnover', polarity: 'lower' }];
  if (r.chance(0.15)) c.tables = [{ sheet: 'Sheet 1', polarity: r.pick(['lower', 'higher']), tolerance: { type: 'absolute', value: 3 } }];
  if (r.chance(0.2)) c.output = { groupBy: r.pick(['directorate', 'service', 'priority', 'table']), columns: r.chance(0.5) ? ['rag', 'direction', 'forecast', 'variance', 'variancePercent', 'variation', 'assurance'] : ['rag', 'variance'] };
  return c;
}
