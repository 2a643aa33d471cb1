/**
 * RAG Refresh as a library, for other Node (or bundled browser) code:
 *
 *   import { refresh, spc } from 'rag-refresh';
 *   import { spc } from 'rag-refresh/spc';
 */
export { refresh, clearPlan, RefreshError, type RefreshOptions } from './core/refresh';
export { spc, measureSpc, directionFromPolarity, SpcInputError } from './core/spc';
export type { SpcInput, SpcOutput, SpcOutputPoint } from './core/spc';
export { parseConfigText, validateConfig, DEFAULT_SETTINGS, SPC_PRESETS, mergeConfigs } from './core/config/resolve';
export type { RagConfig, RagConfigInput, Settings, Amount } from './core/config/schema';
export { parseValue } from './core/values';
export { detectTables, extractMeasures } from './core/detect';
export { evaluateMeasure, summarise } from './core/rules';
export { settingsFor, workbookSettings } from './core/config/resolve';
export { readWorkbook, applyPlan, XlsxError } from './workbook/xlsx';
export { csvToXlsx, readCsvWorkbook } from './workbook/csv';
export * from './core/types';
