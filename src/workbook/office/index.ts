/** The Office shell: the Excel JavaScript API side of RAG Refresh. */
export { readExcel, writeExcel, refreshExcel } from './shell';
export type { OfficeRefreshOptions, OfficeRefreshResult, OfficeShellOptions } from './shell';
export type { OfficeRead, OfficeFacts } from './read';
export type { ApplyResult } from './write';
export type { OfficeHostContext, ReadHint } from './hint';
export { OfficeShellError } from './errors';
export type { PlanProblem } from './errors';
export { checkPlan } from './check';
export { DECLARED_EXCEL_API, OPTIONAL_FEATURES, detectCapabilities } from './features';
export type { Capabilities, OptionalFeature } from './features';
