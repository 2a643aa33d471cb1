/**
 * Random council returns for the property tests, generated at the .xlsx level.
 *
 * A fast-check arbitrary gives a plain recipe (`BookRecipe`): sheets, measure
 * tables (plain ranges and Excel tables) with headers drawn from the synonyms
 * councils use, long and wide (quarter / month) layouts, values typed every
 * which way, user content beside the tables, other sheets of arbitrary
 * content, merged cells, formulas with cached results, and a configuration.
 * `layOut` turns a recipe into a grid of cells (`BookModel`), and `toXlsx`
 * writes the model out part by part (shared and inline strings, styles with
 * number formats, table parts, protection, defined names, calcChain), so the
 * file shell reads exactly what Excel would have saved.
 *
 * Recipes are plain data and shrink: a failing case comes down to a small
 * workbook, which `describeBook` prints as a grid.
 */
import { columnLetters } from '../../src/core/a1';
import fc from 'fast-check';
import { configSchema, type RagConfig, type RagConfigInput } from '../../src/core/config/schema';
import { SETTINGS_MARKER, SETTINGS_SHEET_NAME, type RangeRef } from '../../src/core/types';
import { buildWorkbook, sharedStrings, type FixturePart, type FixtureRel, type FixtureSheet } from '../fixtures/xlsx/workbook-builder';

// ------------------------------------------------------------------ cells

/** Style indices of STYLES below (cellXfs). */
export const S = {
  general: 0,
  pct0: 1,
  pct1: 2,
  date: 3,
  bold: 4,
  text: 5,
  thousands: 6,
  fill: 7,
  twoDp: 8,
  monthYear: 9,
  wrap: 10,
} as const;

export const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="mmm\\ yyyy"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="11">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/>' +
  '<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1"/></xf>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>' +
  '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
  '</styleSheet>';

/** A cell as it is saved. */
export type Cell =
  | { t: 'n'; v: number; s?: number }
  /** Text: a shared string (rich text when `rich`) or an inline string. */
  | { t: 'str'; v: string; inline?: boolean; rich?: boolean; s?: number }
  | { t: 'b'; v: boolean }
  | { t: 'e'; v: string }
  /** A formula with its cached result (null: saved without one, as some writers do). */
  | { t: 'f'; f: string; cached: number | string | null; s?: number }
  /** A blank cell that only carries formatting. */
  | { t: 'blank'; s: number };

const str = (v: string, extra: Partial<{ inline: boolean; rich: boolean; s: number }> = {}): Cell => ({ t: 'str', v, ...extra });

// ------------------------------------------------------------------ recipes

export type Layout = 'long' | 'wide';

export interface RowRecipe {
  kind: 'measure' | 'section' | 'blank';
  ref: Cell | null;
  name: Cell | null;
  actual: Cell | null;
  target: Cell | null;
  previous: Cell | null;
  lastYear: Cell | null;
  polarity: Cell | null;
  commentary: Cell | null;
  owner: Cell | null;
  directorate: Cell | null;
  amber: Cell | null;
  red: Cell | null;
  periods: (Cell | null)[];
}

export type OptionalRole = 'target' | 'previous' | 'lastYear' | 'polarity' | 'commentary' | 'owner' | 'directorate' | 'amber' | 'red';

export interface TableRecipe {
  refHeader: string | null;
  nameHeader: string;
  layout: Layout;
  actualHeader: string;
  periodKind: 'quarter' | 'month' | 'date';
  periodCount: number;
  /** Optional columns, in the order they appear. */
  optional: { role: OptionalRole; header: string }[];
  rows: RowRecipe[];
  excelTable: boolean;
  totalsRow: boolean;
  leftMargin: number;
  /** Headings above the table (a section title), merged across it or not. */
  heading: string | null;
  headingMerged: boolean;
  /** The user's own cells right of the table, where status columns would go: [row index, columns right of the table, cell]. */
  beside: { row: number; offset: number; cell: Cell }[];
  /** A merged area right of the table (the status columns must go round it). */
  mergeBeside: boolean;
  /** A conditional format of the user's over the actual column. */
  userCf: boolean;
}

export interface OtherRecipe {
  rows: (Cell | null)[][];
  merge: boolean;
  /** An Excel table over the grid (not a measure table: its headers are not the words of one). */
  table: boolean;
}

export interface SheetRecipe {
  name: string;
  hidden: boolean;
  protected: boolean;
  title: string | null;
  titleMerged: boolean;
  tables: TableRecipe[];
  gap: number;
  other: OtherRecipe | null;
  widths: boolean;
  /** More of what Excel writes in a sheet part, round the cells the add-in patches. */
  xml: SheetXmlExtras;
}

export interface SheetXmlExtras {
  /** Rows with a height of their own (a row the clear must keep even when it empties it). */
  rowHeights: boolean;
  /** One <col> over every column (the add-in then adds no widths). */
  wholeCols: boolean;
  dataValidation: boolean;
  hyperlink: boolean;
  pageSetup: boolean;
  /** An x14 data bar in extLst (its priority counts when the add-in numbers its rules). */
  x14DataBar: boolean;
  /** Rows and cells without `r` where they follow the one before (as some writers save them). */
  omitRefs: boolean;
}

export interface ConfigRecipe {
  tolerance: { type: 'relative' | 'absolute'; value: number } | null;
  brag: { type: 'relative' | 'absolute'; value: number } | null;
  polarity: 'higher' | 'lower' | 'range' | 'none' | null;
  tablePolarity: { sheet: number; polarity: 'higher' | 'lower' } | null;
  measurePolarity: { ref: string; polarity: 'higher' | 'lower' | 'none' } | null;
  statisticalTrend: boolean;
  forecast: 'linear' | 'average' | 'latest' | 'cumulative' | 'off' | null;
  compareWith: 'previous' | 'same-period-last-year' | null;
  overall: 'mean-score' | 'worst' | 'majority' | 'red-share' | null;
  columns: ('rag' | 'direction' | 'forecast' | 'variance' | 'variancePercent' | 'variation' | 'assurance')[] | null;
  groupBy: 'directorate' | 'service' | 'priority' | 'table' | null;
  exceptionSheet: string | null;
}

export interface BookRecipe {
  sheets: SheetRecipe[];
  structureLocked: boolean;
  definedNames: boolean;
  /** null: refresh with the workbook's own (default) settings. */
  config: ConfigRecipe | null;
}

// ------------------------------------------------------------------ arbitraries

const pick = <T>(xs: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);

/** Text people type, including what a formula-minded writer would take for a formula. */
const TEXTS = [
  'see note', 'awaiting data', 'approx 12', 'Q3 data late', '=SUM(A1:A3)', '=1+2', '+44 1632 960000', '@home', '-5 (est)',
  'A & B <c> "quoted"', "O'Brien's", '  padded  ', 'Ünïcödé ✓', '1,234', '92%', 'TBC', 'N/A', '-', 'n/a', '#N/A',
  '=HYPERLINK("http://example.com")', '€5', 'Line one\nline two',
] as const;
const NO_DATA = ['TBC', 'N/A', '-', 'n/a', 'Pending', '', '< Select >', 'Not yet available', '...'] as const;
const ERRORS = ['#N/A', '#DIV/0!', '#VALUE!', '#REF!'] as const;

const textCell = (texts: readonly string[]): fc.Arbitrary<Cell> =>
  fc.record({ v: pick(texts), inline: fc.boolean(), rich: fc.boolean() }).map(({ v, inline, rich }) => str(v, inline ? { inline } : rich ? { rich } : {}));

const decimal = fc.integer({ min: -2000, max: 200000 }).map((n) => n / 100);

/** A figure as people type it into an actual, target or period column. */
export const valueCell: fc.Arbitrary<Cell | null> = fc.oneof(
  { weight: 8, arbitrary: decimal.map((v): Cell => ({ t: 'n', v })) },
  { weight: 4, arbitrary: fc.record({ n: fc.integer({ min: 0, max: 1000 }), s: pick([S.pct0, S.pct1]) }).map(({ n, s }): Cell => ({ t: 'n', v: n / 1000, s })) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 120 }).map((n): Cell => str(`${n}%`)) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 99999 }).map((n): Cell => str(n.toLocaleString('en-GB'))) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 99999 }).map((n): Cell => ({ t: 'n', v: n, s: S.thousands })) },
  { weight: 3, arbitrary: textCell(NO_DATA) },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: pick(ERRORS).map((v): Cell => ({ t: 'e', v })) },
  { weight: 1, arbitrary: textCell(TEXTS) },
  {
    weight: 2,
    arbitrary: fc
      .record({ v: decimal, kind: pick(['num', 'str', 'err', 'uncached'] as const) })
      .map(({ v, kind }): Cell =>
        kind === 'num'
          ? { t: 'f', f: `${v}*1`, cached: v }
          : kind === 'str'
            ? { t: 'f', f: 'IF(TRUE,"TBC","")', cached: 'TBC' }
            : kind === 'err'
              ? { t: 'f', f: 'NA()', cached: '#N/A' }
              : { t: 'f', f: `${v}+0`, cached: null },
      ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 44000, max: 46000 }).map((v): Cell => ({ t: 'n', v, s: S.date })) },
  { weight: 1, arbitrary: fc.boolean().map((v): Cell => ({ t: 'b', v })) },
);

const POLARITY = ['Higher is better', 'Lower is better', 'High', 'Low', '↑', '↓', 'Bigger is better', 'Smaller is better', 'Range', 'Data only', '', 'weird', 'N/A'] as const;
const NAMES = [
  'Sickness absence days', 'Days to process benefit claims', '% of household waste recycled', '% of calls answered',
  'Number of complaints', 'Missed bin collections', 'Visitors to libraries', 'Average time to relet', 'Council tax collected %',
  'Fly-tipping incidents', 'Staff turnover', 'Re-offending rate', 'Rent arrears', 'Satisfaction with services',
  '=Formula-looking name', '+Plus name', '@At name', "O'Brien's & Co <measure>", 'Ünïcödé measure ✓', '  Spaced measure  ',
] as const;
const SECTIONS = ['Housing', 'SECTION A: Environment', 'Adults', 'CHILDREN', 'Theme 2', 'Source: internal data'] as const;

const MAX_PERIODS = 15;

const opt = <T>(a: fc.Arbitrary<T>, nullWeight = 1): fc.Arbitrary<T | null> => fc.option(a, { freq: nullWeight + 3, nil: null }) as fc.Arbitrary<T | null>;

const rowArb: fc.Arbitrary<RowRecipe> = fc.record({
  kind: fc.oneof({ weight: 12, arbitrary: fc.constant('measure' as const) }, { weight: 1, arbitrary: fc.constant('section' as const) }, { weight: 1, arbitrary: fc.constant('blank' as const) }),
  // Mostly distinct refs and names, sometimes the same (a duplicate ref, two tables with one name).
  ref: fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 300 }).map((n): Cell | null => str(`PI${n}`)) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 300 }).map((n): Cell | null => ({ t: 'n', v: n })) },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
  name: fc.oneof(
    {
      weight: 10,
      arbitrary: fc
        .tuple(textCell(NAMES), fc.option(fc.integer({ min: 1, max: 999 }), { nil: null, freq: 6 }))
        .map(([c, n]): Cell => (n === null || c.t !== 'str' ? c : { ...c, v: `${c.v} ${n}` })),
    },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
  actual: valueCell,
  target: valueCell,
  previous: valueCell,
  lastYear: valueCell,
  polarity: opt(textCell(POLARITY)),
  commentary: opt(textCell(['On track', 'Improving', '', 'Recovery plan agreed', '=not a formula', '+not a sum', '@not a mention', 'Line one\nline two'])),
  owner: opt(textCell(['A Smith', 'B Jones', 'C Patel'])),
  directorate: opt(textCell(['Adults', 'Children', 'Place', 'Resources'])),
  amber: opt(decimal.map((v): Cell => ({ t: 'n', v }))),
  red: opt(decimal.map((v): Cell => ({ t: 'n', v }))),
  periods: fc.array(valueCell, { minLength: MAX_PERIODS, maxLength: MAX_PERIODS }),
});

const HEADERS: Record<OptionalRole, readonly string[]> = {
  target: ['Target', 'Target', 'Annual target', 'Goal'],
  previous: ['Previous', 'Last year', 'Previous quarter', 'Baseline'],
  lastYear: ['Same period last year', 'SPLY'],
  polarity: ['Polarity', 'Good is', 'Higher is better', 'Direction of improvement'],
  commentary: ['Commentary', 'Comments', 'Notes'],
  owner: ['Owner', 'Lead officer'],
  directorate: ['Directorate', 'Department'],
  amber: ['Amber threshold', 'Amber'],
  red: ['Red threshold', 'Red'],
};
const OPTIONAL_ROLES = Object.keys(HEADERS) as OptionalRole[];

const besideCell: fc.Arbitrary<Cell> = fc.oneof(
  textCell(['my note', 'Check with finance', '=looks like a formula', 'x', 'Notes: see tab 3']),
  fc.constant<Cell>({ t: 'blank', s: S.fill }),
  fc.constant<Cell>({ t: 'n', v: 42 }),
);

export const tableArb: fc.Arbitrary<TableRecipe> = fc.record({
  refHeader: fc.option(pick(['Ref', 'PI Ref', 'Code', 'KPI ID']), { nil: null, freq: 5 }),
  nameHeader: pick(['Measure', 'Indicator', 'KPI', 'Performance indicator', 'Measure name']),
  layout: pick(['long', 'long', 'wide'] as const),
  actualHeader: pick(['Actual', 'Outturn', 'Result', 'Actual']),
  periodKind: pick(['quarter', 'month', 'date'] as const),
  // up to 15: enough points for the statistical trend (13 by default)
  periodCount: fc.integer({ min: 2, max: MAX_PERIODS }),
  optional: fc
    .shuffledSubarray(OPTIONAL_ROLES, { minLength: 0, maxLength: 6 })
    .chain((roles) => fc.tuple(...roles.map((role) => pick(HEADERS[role]).map((header) => ({ role, header }))))),
  rows: fc.array(rowArb, { minLength: 1, maxLength: 10 }),
  excelTable: fc.boolean(),
  totalsRow: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  leftMargin: fc.integer({ min: 0, max: 2 }),
  heading: fc.option(pick(['Corporate measures', 'Quarter 3 return', 'Table two: Children services']), { nil: null }),
  headingMerged: fc.boolean(),
  beside: fc.array(fc.record({ row: fc.integer({ min: 0, max: 11 }), offset: fc.integer({ min: 0, max: 3 }), cell: besideCell }), { maxLength: 3 }),
  mergeBeside: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  userCf: fc.boolean(),
});

const otherArb: fc.Arbitrary<OtherRecipe> = fc.record({
  rows: fc.array(
    fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constant(null) },
        { weight: 2, arbitrary: textCell(['Name', 'Value', 'Notes', 'Budget', 'Spend', 'Total', '=SUM(B2:B9)', 'Q1', 'Apr-24']) },
        { weight: 2, arbitrary: decimal.map((v): Cell => ({ t: 'n', v })) },
        { weight: 1, arbitrary: fc.constant<Cell>({ t: 'f', f: 'SUM(B2:B4)', cached: 12 }) },
        { weight: 1, arbitrary: fc.constant<Cell>({ t: 'blank', s: S.fill }) },
        { weight: 1, arbitrary: pick(ERRORS).map((v): Cell => ({ t: 'e', v })) },
      ),
      { minLength: 1, maxLength: 6 },
    ),
    { minLength: 1, maxLength: 8 },
  ),
  merge: fc.boolean(),
  table: fc.boolean(),
});

const SHEET_NAMES = ['Measures', 'Q3 return', "O'Brien's KPIs", 'Adults & Health', 'Scorecard', 'Data', 'Notes', 'RAG exceptions', 'Ünïcödé', 'Sheet1', 'Front page'] as const;

export const sheetArb: fc.Arbitrary<SheetRecipe> = fc.record({
  name: pick(SHEET_NAMES),
  hidden: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  protected: fc.oneof({ weight: 8, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  title: fc.option(pick(['Performance report Q3', 'Council plan measures 2024/25', '=Title?']), { nil: null }),
  titleMerged: fc.boolean(),
  tables: fc.array(tableArb, { minLength: 0, maxLength: 3 }),
  gap: fc.integer({ min: 1, max: 2 }),
  other: fc.option(otherArb, { nil: null, freq: 3 }),
  widths: fc.boolean(),
  xml: fc.record({
    rowHeights: fc.boolean(),
    wholeCols: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    dataValidation: fc.boolean(),
    hyperlink: fc.boolean(),
    pageSetup: fc.boolean(),
    x14DataBar: fc.boolean(),
    omitRefs: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  }),
});

const amountArb = fc.record({ type: pick(['relative', 'absolute'] as const), value: fc.integer({ min: 0, max: 20 }) });

export const configArb: fc.Arbitrary<ConfigRecipe> = fc.record({
  tolerance: fc.option(amountArb, { nil: null }),
  brag: fc.option(amountArb, { nil: null }),
  polarity: fc.option(pick(['higher', 'lower', 'range', 'none'] as const), { nil: null, freq: 3 }),
  tablePolarity: fc.option(fc.record({ sheet: fc.integer({ min: 0, max: 3 }), polarity: pick(['higher', 'lower'] as const) }), { nil: null, freq: 3 }),
  measurePolarity: fc.option(fc.record({ ref: pick(['PI1', 'PI2', 'PI3']), polarity: pick(['higher', 'lower', 'none'] as const) }), { nil: null, freq: 3 }),
  statisticalTrend: fc.boolean(),
  forecast: fc.option(pick(['linear', 'average', 'latest', 'cumulative', 'off'] as const), { nil: null }),
  compareWith: fc.option(pick(['previous', 'same-period-last-year'] as const), { nil: null }),
  overall: fc.option(pick(['mean-score', 'worst', 'majority', 'red-share'] as const), { nil: null }),
  columns: fc.option(
    fc.shuffledSubarray(['rag', 'direction', 'forecast', 'variance', 'variancePercent', 'variation', 'assurance'] as const, { minLength: 1 }),
    { nil: null, freq: 3 },
  ),
  groupBy: fc.option(pick(['directorate', 'service', 'priority', 'table'] as const), { nil: null }),
  exceptionSheet: fc.option(pick(['Exceptions', "RAG O'Brien", 'Measures']), { nil: null, freq: 4 }),
});

export const bookArb: fc.Arbitrary<BookRecipe> = fc.record({
  sheets: fc.array(sheetArb, { minLength: 1, maxLength: 4 }),
  structureLocked: fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  definedNames: fc.boolean(),
  config: fc.option(configArb, { nil: null, freq: 3 }),
});

// ------------------------------------------------------------------ the configuration

export function configOf(book: BookModel): RagConfig | undefined {
  const c = book.config;
  if (!c) return undefined;
  const settings: NonNullable<RagConfigInput['settings']> = {};
  if (c.tolerance) settings.tolerance = c.tolerance;
  if (c.brag) settings.brag = { enabled: true, margin: c.brag };
  if (c.polarity) settings.polarity = c.polarity;
  if (c.statisticalTrend) settings.statisticalTrend = { enabled: true };
  if (c.forecast) settings.forecast = { method: c.forecast };
  if (c.compareWith) settings.directionOfTravel = { compareWith: c.compareWith };
  if (c.overall) settings.overallRag = { rule: c.overall };
  const input: RagConfigInput = {};
  if (Object.keys(settings).length) input.settings = settings;
  const sheet = c.tablePolarity ? book.sheets[c.tablePolarity.sheet % book.sheets.length].name : null;
  if (c.tablePolarity && sheet) input.tables = [{ sheet, polarity: c.tablePolarity.polarity }];
  if (c.measurePolarity) input.measures = [{ ref: c.measurePolarity.ref, polarity: c.measurePolarity.polarity }];
  const output: NonNullable<RagConfigInput['output']> = {};
  if (c.columns) output.columns = [...c.columns];
  if (c.groupBy) output.groupBy = c.groupBy;
  if (c.exceptionSheet) output.exceptionSheet = c.exceptionSheet;
  if (Object.keys(output).length) input.output = output;
  return configSchema.parse(input);
}

// ------------------------------------------------------------------ layout: recipe -> grid

export interface ModelTable {
  name: string;
  range: RangeRef;
  columns: string[];
  totalsRow: boolean;
}

export interface ModelSheet {
  name: string;
  hidden: boolean;
  protected: boolean;
  /** key `${row},${col}` */
  cells: Map<string, Cell>;
  merges: RangeRef[];
  tables: ModelTable[];
  /** Conditional formats of the user's: sqref and one rule. */
  cfs: string[];
  widths: { min: number; max: number; width: number }[];
  xml?: SheetXmlExtras;
}

export interface BookModel {
  sheets: ModelSheet[];
  structureLocked: boolean;
  definedNames: boolean;
  config: ConfigRecipe | null;
  /** Text for the add-in's very hidden settings sheet (A2), as an earlier refresh or a user left it. */
  savedSettings?: string;
}

const key = (row: number, col: number): string => `${row},${col}`;

function periodLabels(kind: TableRecipe['periodKind'], n: number): Cell[] {
  const out: Cell[] = [];
  const months = ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'];
  for (let i = 0; i < n; i++) {
    if (kind === 'quarter') out.push(str(`Q${(i % 4) + 1} ${2024 + Math.floor(i / 4)}/${25 + Math.floor(i / 4)}`));
    else if (kind === 'month') out.push(str(`${months[i % 12]}-${24 + Math.floor((i + 3) / 12)}`));
    // the first of each month from April 2024, as a date serial shown "mmm yyyy"
    else out.push({ t: 'n', v: (Date.UTC(2024, 3 + i, 1) - Date.UTC(1899, 11, 30)) / 86400000, s: S.monthYear });
  }
  return out;
}

function cellText(c: Cell | null): string | null {
  if (!c) return null;
  if (c.t === 'str') return c.v;
  if (c.t === 'n') return String(c.v);
  return null;
}

const TABLE_NAME_OK = /^[A-Za-z_][A-Za-z0-9_.]*$/;

function layOutTable(sheet: ModelSheet, t: TableRecipe, top: number, tableNo: () => number): number {
  let row = top;
  const left = t.leftMargin;
  // Columns: [ref] name [actual | periods] optional...
  const cols: { header: Cell; role: string; period?: number }[] = [];
  if (t.refHeader) cols.push({ header: str(t.refHeader), role: 'ref' });
  cols.push({ header: str(t.nameHeader), role: 'name' });
  if (t.layout === 'long') cols.push({ header: str(t.actualHeader), role: 'actual' });
  else periodLabels(t.periodKind, t.periodCount).forEach((h, i) => cols.push({ header: h, role: 'period', period: i }));
  for (const o of t.optional) cols.push({ header: str(o.header), role: o.role });
  const right = left + cols.length - 1;
  const excel = t.excelTable;
  // An Excel table's header cells are its unique column names, as text.
  const names: string[] = [];
  if (excel) {
    const seen = new Set<string>();
    for (const c of cols) {
      let name = (cellText(c.header) ?? 'Column').trim() || 'Column';
      if (c.header.t === 'n') name = `Period ${c.period! + 1}`;
      let n = name;
      for (let k = 2; seen.has(n.toLowerCase()); k++) n = `${name}${k}`;
      seen.add(n.toLowerCase());
      names.push(n);
      c.header = str(n);
    }
  }
  if (t.heading) {
    sheet.cells.set(key(row, left), str(t.heading, { s: S.bold }));
    if (t.headingMerged && right > left) sheet.merges.push({ top: row, left, bottom: row, right });
    row += 1;
  }
  const headerRow = row;
  cols.forEach((c, j) => sheet.cells.set(key(headerRow, left + j), c.header));
  row++;
  const firstData = row;
  t.rows.forEach((r) => {
    if (r.kind === 'blank') {
      row++;
      return;
    }
    if (r.kind === 'section') {
      const text = SECTIONS[(r.ref && r.ref.t === 'n' ? r.ref.v : 0) % SECTIONS.length];
      sheet.cells.set(key(row, left), str(text, { s: S.bold }));
      row++;
      return;
    }
    cols.forEach((c, j) => {
      const cell =
        c.role === 'period'
          ? r.periods[c.period!]
          : (r[c.role as keyof RowRecipe] as Cell | null | undefined) ?? null;
      if (cell) sheet.cells.set(key(row, left + j), cell);
    });
    row++;
  });
  let last = row - 1;
  if (excel && t.totalsRow) {
    sheet.cells.set(key(row, left), str('Total'));
    last = row;
    row++;
  }
  if (last < firstData) {
    // A table needs a data row: an empty one.
    last = firstData;
    row = firstData + 1;
  }
  if (excel) {
    const n = tableNo();
    const name = `Tbl${n}_${sheet.name.replace(/[^A-Za-z0-9_]/g, '')}`;
    sheet.tables.push({ name: TABLE_NAME_OK.test(name) ? name : `Tbl${n}`, range: { top: headerRow, left, bottom: last, right }, columns: names, totalsRow: t.totalsRow });
  }
  for (const b of t.beside) {
    const r = firstData + (b.row % Math.max(1, last - firstData + 1));
    const c = right + 1 + b.offset;
    if (!sheet.cells.has(key(r, c))) sheet.cells.set(key(r, c), b.cell);
  }
  if (t.mergeBeside && last > firstData) sheet.merges.push({ top: firstData, left: right + 2, bottom: firstData + 1, right: right + 3 });
  if (t.userCf) {
    const actualCol = cols.findIndex((c) => c.role === 'actual' || c.role === 'period');
    if (actualCol >= 0) sheet.cfs.push(`${colLetters(left + actualCol)}${firstData + 1}:${colLetters(left + actualCol)}${last + 1}`);
  }
  return row;
}

export function layOut(recipe: BookRecipe): BookModel {
  const taken = new Set<string>();
  let tables = 0;
  const tableNo = (): number => ++tables;
  const sheets = recipe.sheets.map((s, i): ModelSheet => {
    let name = s.name;
    for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${s.name} ${k}`;
    taken.add(name.toLowerCase());
    const sheet: ModelSheet = { name, hidden: s.hidden && i > 0, protected: s.protected, cells: new Map(), merges: [], tables: [], cfs: [], widths: [] };
    let row = 0;
    if (s.title) {
      sheet.cells.set(key(0, 0), str(s.title, { s: S.bold }));
      if (s.titleMerged) sheet.merges.push({ top: 0, left: 0, bottom: 0, right: 3 });
      row = 1 + s.gap;
    }
    for (const t of s.tables) row = layOutTable(sheet, t, row, tableNo) + s.gap;
    if (s.other) {
      const top = row;
      s.other.rows.forEach((line, i) => line.forEach((c, j) => c && sheet.cells.set(key(top + i, j), c)));
      const width = Math.max(...s.other.rows.map((l) => l.length));
      if (s.other.table && width >= 1) {
        // Text headers, unique: the table's column names.
        const names: string[] = [];
        for (let j = 0; j < width; j++) {
          const n = `Col ${j + 1}`;
          names.push(n);
          sheet.cells.set(key(top, j), str(n));
        }
        const bottom = top + Math.max(1, s.other.rows.length - 1);
        sheet.tables.push({ name: `Other${tableNo()}`, range: { top, left: 0, bottom, right: width - 1 }, columns: names, totalsRow: false });
      } else if (s.other.merge && s.other.rows.length >= 2 && width >= 2) {
        sheet.merges.push({ top: top + 1, left: 0, bottom: top + 1, right: 1 });
      }
    }
    if (s.xml.wholeCols) sheet.widths.push({ min: 1, max: 16384, width: 14 });
    else if (s.widths) sheet.widths.push({ min: 1, max: 2, width: 24 });
    sheet.xml = s.xml;
    // Merged areas must not overlap each other or a table (Excel refuses both), and only their
    // top-left cell holds a value (merging in Excel keeps that one).
    const kept: RangeRef[] = [];
    const hits = (a: RangeRef, b: RangeRef): boolean => a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
    const hidesValue = (m: RangeRef): boolean =>
      [...sheet.cells].some(([k, c]) => {
        const [r, col] = k.split(',').map(Number);
        return c.t !== 'blank' && r >= m.top && r <= m.bottom && col >= m.left && col <= m.right && (r !== m.top || col !== m.left);
      });
    for (const m of sheet.merges) if (!kept.some((k) => hits(k, m)) && !sheet.tables.some((t) => hits(t.range, m)) && !hidesValue(m)) kept.push(m);
    sheet.merges = kept;
    return sheet;
  });
  if (sheets.every((s) => s.hidden)) sheets[0].hidden = false;
  return { sheets, structureLocked: recipe.structureLocked, definedNames: recipe.definedNames, config: recipe.config };
}

// ------------------------------------------------------------------ variants of a model

export function cloneModel(m: BookModel): BookModel {
  return {
    ...m,
    sheets: m.sheets.map((s) => ({
      ...s,
      cells: new Map(s.cells),
      merges: s.merges.map((r) => ({ ...r })),
      tables: s.tables.map((t) => ({ ...t, range: { ...t.range }, columns: [...t.columns] })),
      cfs: [...s.cfs],
      widths: s.widths.map((w) => ({ ...w })),
    })),
  };
}

/** The same recipe with every table's measure rows repeated `times` times (for size-independence). */
export function scaled(recipe: BookRecipe, times: number): BookRecipe {
  return {
    ...recipe,
    sheets: recipe.sheets.map((s) => ({
      ...s,
      tables: s.tables.map((t) => ({ ...t, rows: Array.from({ length: times }, () => t.rows).flat() })),
    })),
  };
}

// ------------------------------------------------------------------ model -> .xlsx

/** Column letters as Excel writes them (the core's, well tested; the generator only needs them right). */
export const colLetters = columnLetters;

const addr = (row: number, col: number): string => `${colLetters(col)}${row + 1}`;
const rangeA1 = (r: RangeRef): string => (r.top === r.bottom && r.left === r.right ? addr(r.top, r.left) : `${addr(r.top, r.left)}:${addr(r.bottom, r.right)}`);

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s: string): string => esc(s).replace(/"/g, '&quot;');
const tText = (s: string): string => `<t${/^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : ''}>${esc(s)}</t>`;

class Strings {
  readonly items: string[] = [];
  private readonly index = new Map<string, number>();
  add(text: string, rich: boolean): number {
    const k = `${rich ? 'r' : 'p'}:${text}`;
    let i = this.index.get(k);
    if (i === undefined) {
      i = this.items.length;
      this.index.set(k, i);
      if (rich && text.length >= 2) {
        const cut = Math.ceil(text.length / 2);
        this.items.push(`<si><r>${tText(text.slice(0, cut))}</r><r><rPr><b/><sz val="11"/></rPr>${tText(text.slice(cut))}</r></si>`);
      } else this.items.push(`<si>${tText(text)}</si>`);
    }
    return i;
  }
}

function cellXml(row: number, col: number, c: Cell, strings: Strings, withRef = true): string {
  const r = addr(row, col);
  const s = 's' in c && c.s ? ` s="${c.s}"` : '';
  const at = withRef ? ` r="${r}"` : '';
  switch (c.t) {
    case 'n':
      return `<c${at}${s}><v>${String(c.v)}</v></c>`;
    case 'str':
      if (c.inline) return `<c${at}${s} t="inlineStr"><is>${tText(c.v)}</is></c>`;
      return `<c${at}${s} t="s"><v>${strings.add(c.v, !!c.rich)}</v></c>`;
    case 'b':
      return `<c${at} t="b"><v>${c.v ? 1 : 0}</v></c>`;
    case 'e':
      return `<c${at} t="e"><v>${esc(c.v)}</v></c>`;
    case 'f': {
      const f = `<f>${esc(c.f)}</f>`;
      if (c.cached === null) return `<c${at}${s}>${f}</c>`;
      if (typeof c.cached === 'number') return `<c${at}${s}>${f}<v>${c.cached}</v></c>`;
      if (c.cached.startsWith('#')) return `<c${at}${s} t="e">${f}<v>${esc(c.cached)}</v></c>`;
      return `<c${at}${s} t="str">${f}<v>${esc(c.cached)}</v></c>`;
    }
    case 'blank':
      return `<c${at} s="${c.s}"/>`;
  }
}

function sheetXml(s: ModelSheet, strings: Strings, tableRelIds: string[]): string {
  const byRow = new Map<number, [number, Cell][]>();
  for (const [k, c] of s.cells) {
    const [r, col] = k.split(',').map(Number);
    const list = byRow.get(r) ?? [];
    list.push([col, c]);
    byRow.set(r, list);
  }
  const rows = [...byRow.keys()].sort((a, b) => a - b);
  let box: RangeRef | null = null;
  for (const [k] of s.cells) {
    const [r, c] = k.split(',').map(Number);
    box = box ? { top: Math.min(box.top, r), left: Math.min(box.left, c), bottom: Math.max(box.bottom, r), right: Math.max(box.right, c) } : { top: r, left: c, bottom: r, right: c };
  }
  const omit = !!s.xml?.omitRefs;
  const body = rows
    .map((r, k) => {
      const cells = byRow.get(r)!.sort((a, b) => a[0] - b[0]);
      const spans = `${cells[0][0] + 1}:${cells[cells.length - 1][0] + 1}`;
      const height = s.xml?.rowHeights && r % 3 === 1 ? ' ht="21" customHeight="1"' : '';
      // Without `r`, a row is the one after the row before, a cell the one after the cell before.
      const rowRef = omit && r === (k === 0 ? 0 : rows[k - 1] + 1) ? '' : ` r="${r + 1}"`;
      const xmlCells = cells.map(([c, cell], j) => cellXml(r, c, cell, strings, !(omit && c === (j === 0 ? 0 : cells[j - 1][0] + 1))));
      return `<row${rowRef} spans="${spans}"${height}>${xmlCells.join('')}</row>`;
    })
    .join('');
  const cols = s.widths.length ? `<cols>${s.widths.map((w) => `<col min="${w.min}" max="${w.max}" width="${w.width}" customWidth="1"/>`).join('')}</cols>` : '';
  const protection = s.protected ? '<sheetProtection sheet="1" objects="1" scenarios="1"/>' : '';
  const merges = s.merges.length ? `<mergeCells count="${s.merges.length}">${s.merges.map((m) => `<mergeCell ref="${rangeA1(m)}"/>`).join('')}</mergeCells>` : '';
  const cfs = s.cfs
    .map((sqref, i) => `<conditionalFormatting sqref="${sqref}"><cfRule type="cellIs" dxfId="0" priority="${i + 1}" operator="lessThan"><formula>0</formula></cfRule></conditionalFormatting>`)
    .join('');
  const x = s.xml;
  const first = box ? addr(box.top, box.left) : 'A1';
  const validation = x?.dataValidation ? `<dataValidations count="1"><dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="${first}"><formula1>"Yes,No"</formula1></dataValidation></dataValidations>` : '';
  const hyperlink = x?.hyperlink ? `<hyperlinks><hyperlink ref="${first}" location="${escAttr(`'${s.name.replace(/'/g, "''")}'!A1`)}" display="top"/></hyperlinks>` : '';
  const pageSetup = x?.pageSetup ? '<pageSetup paperSize="9" orientation="portrait"/>' : '';
  const ext = x?.x14DataBar
    ? '<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings>' +
      '<x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:cfRule type="dataBar" priority="7" id="{8C1E0F5A-0000-4000-8000-000000000001}">' +
      `<x14:dataBar minLength="0" maxLength="100"><x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/></x14:dataBar></x14:cfRule><xm:sqref>${first}</xm:sqref></x14:conditionalFormatting>` +
      '</x14:conditionalFormattings></ext></extLst>'
    : '';
  const tableParts = tableRelIds.length ? `<tableParts count="${tableRelIds.length}">${tableRelIds.map((id) => `<tablePart r:id="${id}"/>`).join('')}</tableParts>` : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<dimension ref="${box ? rangeA1(box) : 'A1'}"/>` +
    '<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>' +
    cols +
    `<sheetData>${body}</sheetData>` +
    protection +
    merges +
    cfs +
    validation +
    hyperlink +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    pageSetup +
    tableParts +
    ext +
    '</worksheet>'
  );
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const TABLE_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml';

function tableXml(id: number, t: ModelTable): string {
  const dataRef = rangeA1(t.range);
  const filterRef = rangeA1({ ...t.range, bottom: t.totalsRow ? t.range.bottom - 1 : t.range.bottom });
  const totals = t.totalsRow ? ' totalsRowCount="1"' : ' totalsRowShown="0"';
  const columns = t.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${escAttr(c)}"${t.totalsRow && i === 0 ? ' totalsRowLabel="Total"' : ''}/>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="${t.name}" displayName="${t.name}" ref="${dataRef}"${totals}>` +
    `<autoFilter ref="${filterRef}"/><tableColumns count="${t.columns.length}">${columns}</tableColumns>` +
    '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>'
  );
}

export function toXlsx(m: BookModel): Uint8Array {
  const strings = new Strings();
  const extraParts: FixturePart[] = [];
  let tableId = 0;
  const sheets: FixtureSheet[] = m.sheets.map((s) => {
    const rels: FixtureRel[] = [];
    for (const t of s.tables) {
      const id = ++tableId;
      const relId = `rId${rels.length + 1}`;
      rels.push({ id: relId, type: `${REL}/table`, target: `../tables/table${id}.xml` });
      extraParts.push({ path: `xl/tables/table${id}.xml`, data: tableXml(id, t), contentType: TABLE_CT });
    }
    return {
      name: s.name,
      xml: sheetXml(s, strings, rels.map((r) => r.id)),
      ...(s.hidden ? { state: 'hidden' as const } : {}),
      ...(rels.length ? { rels } : {}),
    };
  });
  // calcChain for the formulas of the first sheet that has any
  const formulaCells: string[] = [];
  m.sheets.forEach((s, i) => {
    for (const [k, c] of s.cells) {
      if (c.t !== 'f') continue;
      const [r, col] = k.split(',').map(Number);
      formulaCells.push(`<c r="${addr(r, col)}" i="${i + 1}"/>`);
    }
  });
  const extraWorkbookRels: FixtureRel[] = [];
  if (formulaCells.length) {
    extraParts.push({
      path: 'xl/calcChain.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${formulaCells.join('')}</calcChain>`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml',
    });
    extraWorkbookRels.push({ id: 'rId90', type: `${REL}/calcChain`, target: 'calcChain.xml' });
  }
  const quoted = (name: string): string => `'${name.replace(/'/g, "''")}'`;
  const names = m.definedNames
    ? `<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">${esc(quoted(m.sheets[0].name))}!$A$1:$H$40</definedName><definedName name="ReportDate">${esc(quoted(m.sheets[0].name))}!$A$1</definedName></definedNames>`
    : '';
  if (m.savedSettings !== undefined) {
    const cells = new Map<string, Cell>([
      [key(0, 0), str(SETTINGS_MARKER, { inline: true })],
      [key(1, 0), str(m.savedSettings, { inline: true })],
    ]);
    const settings: ModelSheet = { name: SETTINGS_SHEET_NAME, hidden: true, protected: false, cells, merges: [], tables: [], cfs: [], widths: [] };
    sheets.push({ name: SETTINGS_SHEET_NAME, xml: sheetXml(settings, strings, []), state: 'veryHidden' });
  }
  return buildWorkbook({
    sheets,
    styles: STYLES,
    sharedStrings: strings.items.length ? sharedStrings(strings.items) : undefined,
    workbookPr: m.structureLocked ? '<workbookPr/><workbookProtection lockStructure="1"/>' : '<workbookPr defaultThemeVersion="166925"/>',
    afterSheets: `${names}<calcPr calcId="191029"/>`,
    extraParts,
    extraWorkbookRels,
  });
}

// ------------------------------------------------------------------ for failure messages

/** The model as text: each sheet's cells as a grid (for a shrunk counterexample). */
export function describeBook(m: BookModel): string {
  const show = (c: Cell): string => {
    switch (c.t) {
      case 'n':
        return c.s ? `${c.v}[s${c.s}]` : String(c.v);
      case 'str':
        return JSON.stringify(c.v) + (c.inline ? '[inline]' : c.rich ? '[rich]' : '') + (c.s ? `[s${c.s}]` : '');
      case 'b':
        return String(c.v).toUpperCase();
      case 'e':
        return c.v;
      case 'f':
        return `=${c.f}→${JSON.stringify(c.cached)}`;
      case 'blank':
        return `[blank s${c.s}]`;
    }
  };
  const out: string[] = [];
  if (m.structureLocked) out.push('(workbook structure protected)');
  if (m.config) out.push(`config: ${JSON.stringify(m.config)}`);
  for (const s of m.sheets) {
    out.push(`--- ${JSON.stringify(s.name)}${s.hidden ? ' (hidden)' : ''}${s.protected ? ' (protected)' : ''}`);
    for (const t of s.tables) out.push(`  table ${t.name} ${rangeA1(t.range)}${t.totalsRow ? ' with totals' : ''}`);
    for (const mg of s.merges) out.push(`  merged ${rangeA1(mg)}`);
    for (const cf of s.cfs) out.push(`  conditional format ${cf}`);
    const byRow = new Map<number, string[]>();
    for (const [k, c] of [...s.cells].sort((a, b) => {
      const [ra, ca] = a[0].split(',').map(Number);
      const [rb, cb] = b[0].split(',').map(Number);
      return ra - rb || ca - cb;
    })) {
      const [r, col] = k.split(',').map(Number);
      const list = byRow.get(r) ?? [];
      list.push(`${addr(r, col)}=${show(c)}`);
      byRow.set(r, list);
    }
    for (const [, list] of byRow) out.push(`  ${list.join('  ')}`);
  }
  return out.join('\n');
}

// ------------------------------------------------------------------ small hand-made cases

/** A one-sheet workbook from A1 cells ("A1": "Measure", "B2": 5), for the minimal cases of a failure. */
export function gridBook(cells: Record<string, string | number>, sheet = 'Measures'): BookModel {
  const m = new Map<string, Cell>();
  for (const [a, v] of Object.entries(cells)) {
    const match = /^([A-Z]+)(\d+)$/.exec(a);
    if (!match) throw new Error(`not a cell address: ${a}`);
    let col = 0;
    for (const ch of match[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    m.set(key(Number(match[2]) - 1, col - 1), typeof v === 'number' ? { t: 'n', v } : str(v));
  }
  return { sheets: [{ name: sheet, hidden: false, protected: false, cells: m, merges: [], tables: [], cfs: [], widths: [] }], structureLocked: false, definedNames: false, config: null };
}
