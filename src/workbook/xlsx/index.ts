/**
 * The .xlsx file shell: read a workbook into a WorkbookSnapshot, apply a
 * WritePlan by patching the package. Bytes in, bytes out; runs in Node and in
 * the browser (no Node APIs).
 */
export { readWorkbook, openPackage, MAX_SNAPSHOT_CELLS } from './read';
export type { XlsxWorkbook } from './read';
export { applyPlan } from './apply';
export { XlsxError } from './errors';
export type { XlsxErrorCode } from './errors';
export type { XlsxPackage } from './package';
