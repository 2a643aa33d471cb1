/**
 * The contract between the shells and the pure core.
 *
 *   shell.read()  -> WorkbookSnapshot     (plain data, no Office or package objects)
 *   core          -> WritePlan + Report   (plain data)
 *   shell.apply(WritePlan)
 *
 * Coordinates are 0-based sheet coordinates throughout (row 0 = Excel row 1,
 * col 0 = column A). Ranges are inclusive on all four sides. Only user-facing
 * text (messages, the report) uses A1 addresses.
 */

// ---------------------------------------------------------------- Snapshot

/** A cell's value as Excel's `range.values` gives it: numbers (dates as serials),
 * text, booleans, errors as their text ("#N/A"), and null for an empty cell. */
export type CellValue = string | number | boolean | null;

export interface CellRef {
  row: number;
  col: number;
}

export interface RangeRef {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** An Excel table (ListObject) as the shell found it. */
export interface TableInfo {
  name: string;
  /** The whole table: header row, data rows and totals row. */
  range: RangeRef;
  headerRowCount: number;
  totalsRowCount: number;
  columnNames: string[];
}

export type SheetVisibility = 'visible' | 'hidden' | 'veryHidden';

export interface SheetSnapshot {
  name: string;
  /** 0-based position in the workbook's sheet order. */
  position: number;
  visibility: SheetVisibility;
  /** Top-left cell of the used range. values[i][j] is cell (origin.row + i, origin.col + j). */
  origin: CellRef;
  /** The used range's values, rectangular (every row has the same length). */
  values: CellValue[][];
  /** Same shape as values; "General" where the cell has no number format. */
  numberFormats: string[][];
  merges: RangeRef[];
  hiddenRows: number[];
  hiddenColumns: number[];
  tables: TableInfo[];
  /** The sheet is protected (writing cells would fail). */
  protected: boolean;
  /** Cells holding a formula saved without its result (the file shell can see these; Excel cannot have them). */
  uncachedFormulas?: CellRef[];
}

export interface WorkbookSnapshot {
  /** Every sheet except the add-in's own settings sheet, in workbook order. */
  sheets: SheetSnapshot[];
  /** The text of the saved settings document from the add-in's very hidden sheet, or null when there is none. */
  savedDocument: string | null;
  /** Where the snapshot came from, for messages. */
  source: { host: 'xlsx' | 'excel'; fileName?: string };
  /** The workbook's defined names (a table the add-in adds must not take one). */
  definedNames?: string[];
}

// ---------------------------------------------------------------- values

/** How a number showed it was a percentage. 'percent' values are in percentage points (92 means 92%). */
export type NumberScale = 'percent' | 'plain';

export type ParsedValue =
  | { kind: 'number'; value: number; scale: NumberScale; raw: CellValue }
  /** A target range such as "95-105" or "between 95 and 105". */
  | { kind: 'range'; low: number; high: number; scale: NumberScale; raw: CellValue }
  /** An operator target such as "≤ 3%", "< 10", ">= 90". It implies the polarity. */
  | { kind: 'bound'; op: '<' | '<=' | '>' | '>='; value: number; scale: NumberScale; raw: CellValue }
  /** Blank, N/A, TBC, "-", an Excel error, a placeholder such as "< Select >". `token` is what was there ("" for blank). */
  | { kind: 'missing'; token: string; raw: CellValue }
  /** Text that is not a number and not a recognised no-data token. */
  | { kind: 'text'; text: string; raw: CellValue };

// ---------------------------------------------------------------- detection

export type ColumnRole =
  | 'ref'
  | 'measure'
  | 'actual'
  | 'target'
  | 'annualTarget'
  | 'previous'
  | 'lastYear'
  | 'polarity'
  | 'amberThreshold'
  | 'redThreshold'
  | 'tolerance'
  | 'directorate'
  | 'service'
  | 'priority'
  | 'owner'
  | 'commentary'
  | 'complete'
  | 'unit'
  /** The user's own RAG column: read and reported as "your RAG", never overwritten. */
  | 'userRag'
  /** A period column of a wide layout (Q1, Apr, 2016/17, a date...). */
  | 'period'
  /** A status column the add-in wrote on an earlier refresh. */
  | 'owned'
  | 'ignore';

/** A reporting period recognised from a header. */
export interface PeriodInfo {
  /** The header text as shown (dates formatted "Mar 2024"). */
  label: string;
  /** Sort key: periods of one table are ordered by it. */
  order: number;
  /** Financial year the period belongs to (the year it starts in), when known. */
  year: number | null;
  /** 1-based position within the year (Q3 = 3, the 7th month = 7), when known. */
  indexInYear: number | null;
  /** 4 for quarters, 12 for months, 2 for halves, 1 for years, 52 for weeks; null when unknown. */
  periodsPerYear: number | null;
}

export interface DetectedColumn {
  col: number;
  /** Header text (stacked header rows joined with " "). */
  header: string;
  role: ColumnRole;
  /** How the role was decided. */
  roleSource: 'header' | 'config' | 'excel-table' | 'state';
  period?: PeriodInfo;
}

export interface DetectedTable {
  /** Stable id: `${sheet}!${A1 range}` of the detected block. */
  id: string;
  sheet: string;
  /** The Excel table (ListObject) name when the measures are in one. */
  excelTable: string | null;
  /** First and last header rows (stacked headers span several). */
  headerTop: number;
  headerRow: number;
  firstDataRow: number;
  lastDataRow: number;
  left: number;
  right: number;
  layout: 'long' | 'wide';
  columns: DetectedColumn[];
  /** Wide layouts: the period being reported and the one it is compared with. */
  currentPeriod: PeriodInfo | null;
  previousPeriod: PeriodInfo | null;
  /** Rows of the block that hold measures (section headings, blank and example rows left out). */
  measureRows: number[];
  /** Section heading rows inside the block, with their text (used as the measure's group when no directorate column). */
  sections: { row: number; text: string }[];
  /** A1 addresses in messages use this; the first column used by the block. */
  issues: Issue[];
}

export interface SeriesPoint {
  period: PeriodInfo;
  value: ParsedValue;
  cell: CellRef;
}

/** The colours a RAG can be read as. */
export type RagColour = 'red' | 'amber' | 'green' | 'blue';

/** One of the user's own RAG columns as read on a measure's row (read, never written). */
export interface UserRagCell {
  /** The column's header text. */
  header: string;
  cell: CellRef;
  /** The cell as written ("Amber/Green", "4", "Y"), or null when blank. */
  value: string | null;
  /** The nearest of red, amber, green and blue where the scale is clear (see detect/rag-scale.ts), else null. */
  normalised: RagColour | null;
}

export type Polarity = 'higher' | 'lower' | 'range' | 'none';
export type PolaritySource = 'column' | 'config' | 'target' | 'name' | 'default';

/** One measure as read from its row, before any rule is applied. */
export interface Measure {
  /** Stable identity across refreshes: sheet plus ref (or name, or row when neither is unique). */
  key: string;
  sheet: string;
  tableId: string;
  row: number;
  ref: string | null;
  name: string;
  directorate: string | null;
  service: string | null;
  priority: string | null;
  owner: string | null;
  commentary: string | null;
  /** The value for the period being reported. */
  actual: ParsedValue;
  actualCell: CellRef | null;
  target: ParsedValue | null;
  targetCell: CellRef | null;
  annualTarget: ParsedValue | null;
  /** The comparison value for the direction of travel (previous period, or a Previous column). */
  previous: ParsedValue | null;
  previousLabel: string | null;
  /** The same period a year earlier, when the layout has it. */
  lastYear: ParsedValue | null;
  /** Every period value in period order (wide layouts, or a long table with one row per period). */
  series: SeriesPoint[];
  /** The polarity stated in the sheet (column text), or null when the sheet does not say. */
  polarityText: string | null;
  amberThreshold: ParsedValue | null;
  redThreshold: ParsedValue | null;
  toleranceText: CellValue;
  complete: boolean | null;
  /** "%" or "percent" in a unit column or the measure name. */
  unitHint: 'percent' | null;
  /** The first of the user's RAG columns, as written (kept for compatibility: see userRags). */
  userRag: string | null;
  /** Every one of the user's RAG columns (Delivery, Spend, Risk...), left to right. Absent on measures made elsewhere than detection. */
  userRags?: UserRagCell[];
  issues: Issue[];
}

// ---------------------------------------------------------------- results

export type Status = 'blue' | 'green' | 'amber' | 'red' | 'noData' | 'noTarget' | 'checkData';
export type Direction = 'improved' | 'sustained' | 'declined' | 'none';
export type Forecast = 'likely' | 'may' | 'unlikely' | 'none';

export interface Issue {
  severity: 'error' | 'warning' | 'info';
  sheet: string;
  /** A1 address (no sheet), or "" when the issue is about the whole sheet. */
  cell: string;
  message: string;
  /** Short machine code, e.g. "no-data", "unit-mismatch", "commentary-missing". */
  code: string;
}

export interface SpcPointResult {
  mean: number | null;
  lpl: number | null;
  upl: number | null;
  rule: SpcRuleLabel;
  pointType: SpcPointType;
  shortGroupWarning: boolean;
}

export type SpcRuleLabel =
  | 'Above UCL'
  | 'Below LCL'
  | '7 Point Trend (Increasing)'
  | '7 Point Trend (Decreasing)'
  | '2 in 3 Above CL'
  | '2 in 3 Below CL'
  | '7 Points Above CL'
  | '7 Points Below CL'
  | 'Common Cause';

export type SpcPointType =
  | 'common_cause'
  | 'special_cause_improvement'
  | 'special_cause_concern'
  | 'special_cause_neutral_high'
  | 'special_cause_neutral_low';

export type SpcVariation =
  | 'common_cause'
  | 'improvement_high'
  | 'improvement_low'
  | 'concern_high'
  | 'concern_low'
  | 'neutral_high'
  | 'neutral_low';

export type SpcAssurance = 'consistent_pass' | 'consistent_fail' | 'inconsistent' | 'none';

/** The statistical trend of one measure, as written to the workbook. */
export interface MeasureSpc {
  /** null when the series is too short ("fewer than N points"). */
  variation: SpcVariation | null;
  assurance: SpcAssurance | null;
  points: number;
  text: { variation: string; assurance: string };
  /** Everything worth knowing about the calculation (too few points, no variation, short groups…). */
  warnings: string[];
  /** The part of `warnings` about the data itself: periods left out for want of a value, duplicate periods, rebase periods not found. */
  dataWarnings: string[];
}

export interface StatusChange {
  from: Status | null;
  to: Status;
  /** "new: Amber → Red", "back to Green", "new measure". */
  text: string;
}

export interface MeasureResult {
  measure: Measure;
  polarity: Polarity;
  polaritySource: PolaritySource;
  /** Actual and target in comparable units (percentage points for percentages), or null. */
  actual: number | null;
  target: number | null;
  targetRange: { low: number; high: number } | null;
  scale: NumberScale;
  status: Status;
  /** Plain English, from the rule that decided: "Amber: 85 is 5.6% below the target of 90; amber is within 10%". */
  reason: string;
  direction: Direction;
  directionReason: string;
  /** Up, down or the same against the comparison value (set for data-only measures too, whose direction is 'none'); absent when there was nothing to compare. */
  movement?: 'up' | 'down' | 'same';
  forecast: Forecast;
  forecastReason: string;
  /** actual - target (percentage points for percentages); null without both. */
  variance: number | null;
  /** (actual - target) / |target|; null when the target is 0 or missing. */
  variancePercent: number | null;
  spc: MeasureSpc | null;
  change: StatusChange | null;
  /** Red or amber with no commentary. */
  commentaryMissing: boolean;
  issues: Issue[];
}

export interface StatusCounts {
  blue: number;
  green: number;
  amber: number;
  red: number;
  noData: number;
  noTarget: number;
  checkData: number;
}

export type OverallRag = 'green' | 'amber' | 'red' | 'none';

export interface SummaryFigures {
  label: string;
  measures: number;
  counts: StatusCounts;
  /** Denominator of the percentages: every measure with a target (No target excluded, No data included). */
  withTarget: number;
  metTarget: { count: number; percent: number | null };
  offTarget: { count: number; percent: number | null };
  offByMoreThanTolerance: { count: number; percent: number | null };
  noData: { count: number; percent: number | null };
  overall: OverallRag;
  /** How the overall RAG was decided, in words: "mean score 1.97 (Amber: 1.5 to 2.5 inclusive)". */
  overallReason: string;
  /** Statistical trend figures, when SPC is on. */
  specialCauseConcern?: number;
  consistentlyFailing?: number;
}

export interface Summary {
  whole: SummaryFigures;
  byDirectorate: SummaryFigures[];
  byTable: SummaryFigures[];
}

// ---------------------------------------------------------------- write plan

export type StatusColumnKey =
  | 'rag'
  | 'direction'
  | 'forecast'
  | 'variance'
  | 'variancePercent'
  | 'variation'
  | 'assurance';

export interface CellStyle {
  /** RRGGBB */
  fill?: string;
  /** RRGGBB */
  font?: string;
  bold?: boolean;
}

/** A conditional format on text cells: the colour follows the text, even if someone edits it by hand. */
export interface TextRule {
  match: 'equals' | 'beginsWith' | 'contains';
  text: string;
  style: CellStyle;
}

export interface StatusColumn {
  key: StatusColumnKey;
  header: string;
  /** One per data row, firstDataRow..lastDataRow. Strings are always written as text, never as formulas. */
  values: CellValue[];
  /** Number format for the whole column ("@" for text). */
  numberFormat: string;
  /** Per-cell number formats, overriding numberFormat where given (same length as values). */
  numberFormats?: (string | null)[];
  /** Column width in characters. */
  width: number;
  rules: TextRule[];
}

export interface StatusBlock {
  sheet: string;
  /** Set when the columns are added to this Excel table as table columns (the table grows right). */
  tableName: string | null;
  headerRow: number;
  firstDataRow: number;
  lastDataRow: number;
  /** Column of the first status column; the others follow to the right. */
  firstCol: number;
  columns: StatusColumn[];
  /** Rows of the block that are not measures (section headings, blanks) and get no value. */
  skipRows: number[];
  /** Set when the block had to move away from the table because the user's cells were in the way. */
  note: string | null;
}

/** 'top': a cell of a table row whose other cells wrap, aligned with them at the top. */
export type SheetCellStyle = 'title' | 'subtitle' | 'heading' | 'label' | 'note' | 'header' | 'normal' | 'wrap' | 'top';

export interface SheetCell {
  row: number;
  col: number;
  value: CellValue;
  /** Text from the workbook is written as text (never a formula); numbers as numbers. */
  numberFormat?: string;
  style?: SheetCellStyle;
  /** A link to a cell elsewhere in the workbook. */
  link?: { sheet: string; cell: CellRef };
}

export interface SheetSpec {
  name: string;
  cells: SheetCell[];
  columnWidths: number[];
  table: { name: string; range: RangeRef; style: string } | null;
  rules: { range: RangeRef; rules: TextRule[] }[];
  print: {
    orientation: 'landscape' | 'portrait';
    fitToWidth: boolean;
    /** Rows repeated at the top of every printed page (inclusive). */
    repeatRows: { first: number; last: number } | null;
  };
  freezeRows: number;
  /**
   * Rows whose wrapped text needs more than one line, with the height (points) the text
   * needs at the column widths above: an estimate made without measuring fonts. A shell
   * that cannot measure text writes these heights; one that can (Excel) autofits the rows.
   */
  rowHeights?: { row: number; height: number }[];
}

/** What the add-in wrote on a refresh, remembered in the saved document so the next refresh updates it in place. */
export interface OwnedBlock {
  sheet: string;
  tableName: string | null;
  /** For a table that grew: its right-most column before the add-in's columns. */
  tableOriginalRight: number | null;
  headerRow: number;
  firstDataRow: number;
  lastDataRow: number;
  firstCol: number;
  keys: StatusColumnKey[];
  headers: string[];
}

export interface WritePlan {
  /** Blocks written by an earlier refresh: their cells, conditional formats and table columns are removed first. */
  clear: OwnedBlock[];
  statusBlocks: StatusBlock[];
  /** Replaced whole; null removes it (Clear RAG) or leaves none. */
  exceptionSheet: SheetSpec | null;
  /** Sheets the add-in created earlier that go (an exception sheet by its old name). */
  removeSheets: string[];
  /** The saved settings document to store in the very hidden sheet; null removes the sheet. */
  savedDocument: string | null;
}

/** Name of the very hidden sheet holding the saved settings document. Both shells use it. */
export const SETTINGS_SHEET_NAME = 'RAGRefresh_Settings';
/** First cell of the settings sheet; the JSON follows in A2, A3... in chunks. */
export const SETTINGS_MARKER = 'RAG Refresh saved settings. Do not edit: change settings in the RAG Refresh pane.';
/** Excel's limit on the characters in one cell. */
export const EXCEL_CELL_TEXT_LIMIT = 32767;
/** Chunk size for the saved settings document. */
export const SETTINGS_CHUNK = 30000;

// ---------------------------------------------------------------- refresh

/** What one refresh found and decided: the basis of the CLI summary, the --report JSON and the pane. */
export interface RefreshReport {
  /** ISO time of the refresh (passed in; the core reads no clock). */
  refreshedAt: string;
  tables: DetectedTable[];
  /** Sheets with no measure table, and why ("no header row with a measure and an actual column", "hidden"). */
  skippedSheets: { sheet: string; reason: string }[];
  results: MeasureResult[];
  summary: Summary;
  /** Data-quality issues and other findings, each naming sheet and cell. */
  issues: Issue[];
  /** Measures whose status changed since the last refresh. */
  changes: { key: string; name: string; sheet: string; change: StatusChange }[];
  /** The configuration in force (after layering the saved and given documents). */
  configErrors: string[];
}

export interface RefreshOutcome {
  plan: WritePlan;
  report: RefreshReport;
}
