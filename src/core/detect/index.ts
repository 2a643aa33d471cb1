/**
 * Reading measure tables as people keep them: finding the tables in a workbook
 * snapshot (detectTables) and reading one Measure per row (extractMeasures).
 */
export { detectTables, type DetectResult } from './tables';
export { extractMeasures, extractWorkbookMeasures, assignKeys } from './extract';
export { normHeader, roleOfHeader, roleOfNormalised, periodSubRole, type RoleMatch } from './headers';
export { parsePeriodText, parsePeriodCell, periodOfDate, serialToDate, dateToSerial, isDateCell, samePeriod, type PeriodMatch } from './periods';
export { analyseColumns, isRagWord, type ColumnAnalysis } from './columns';
export { Grid, gridOf, a1, a1Range, parseA1Range, lettersToCol } from './grid';
