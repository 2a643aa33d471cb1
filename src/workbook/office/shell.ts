/**
 * The Office shell: read -> core -> apply, inside one Excel.run context.
 *
 * Used by the ribbon's Refresh RAG (src/commands) and by the task pane. The
 * core's functions are passed in, so the shell is tested with hand-written
 * plans and the ribbon bundle decides what it imports.
 */
import { fmt, messages } from '../../core/messages';
import type { RagConfig } from '../../core/config/schema';
import type { RefreshOptions } from '../../core/refresh';
import type { RefreshOutcome, RefreshReport, WorkbookSnapshot, WritePlan } from '../../core/types';
import { OfficeShellError } from './errors';
import { DECLARED_EXCEL_API, detectCapabilities, hostHasDeclaredSet, type IsSetSupported, type DegradedFeature } from './features';
import { readWorkbook, type OfficeRead } from './read';
import { applyPlan, type ApplyResult } from './write';

export interface OfficeShellOptions {
  isSetSupported: IsSetSupported;
  /** Largest request or response per round trip (Excel on the web refuses more than 5 MB). */
  budgetBytes?: number;
  fileName?: string;
}

export interface OfficeRefreshOptions extends OfficeShellOptions {
  refresh: (snapshot: WorkbookSnapshot, options: RefreshOptions) => RefreshOutcome;
  now: string;
  appVersion: string;
  config?: RagConfig;
  ignoreSavedConfig?: boolean;
}

export interface OfficeRefreshResult {
  report: RefreshReport;
  plan: WritePlan;
  read: OfficeRead;
  write: ApplyResult;
  /** Optional features the host lacked (each has a message in messages.office.degraded). */
  degraded: DegradedFeature[];
  /** Round trips in all: read and write. */
  syncs: number;
}

/** Reads the workbook into a snapshot, after checking the host has the API level the add-in declares. */
export async function readExcel(context: Excel.RequestContext, options: OfficeShellOptions): Promise<OfficeRead> {
  if (!hostHasDeclaredSet(options.isSetSupported)) {
    throw new OfficeShellError('api-missing', fmt(messages.office.errors.apiMissing, { version: DECLARED_EXCEL_API }), {
      nothingWritten: true,
    });
  }
  return readWorkbook(context, {
    capabilities: detectCapabilities(options.isSetSupported),
    budgetBytes: options.budgetBytes,
    fileName: options.fileName,
  });
}

/** Applies a plan made from `read` (the pane's preview-then-write, Clear RAG). */
export async function writeExcel(context: Excel.RequestContext, plan: WritePlan, read: OfficeRead, options: { budgetBytes?: number } = {}): Promise<ApplyResult> {
  return applyPlan(context, plan, read, { budgetBytes: options.budgetBytes });
}

/** The whole Refresh RAG: read, work out, write. Throws OfficeShellError with a message for the user. */
export async function refreshExcel(context: Excel.RequestContext, options: OfficeRefreshOptions): Promise<OfficeRefreshResult> {
  const read = await readExcel(context, options);
  const outcome = options.refresh(read.snapshot, {
    now: options.now,
    appVersion: options.appVersion,
    ...(options.config ? { config: options.config } : {}),
    ...(options.ignoreSavedConfig ? { ignoreSavedConfig: true } : {}),
  });
  if (outcome.report.configErrors.length > 0 && !options.ignoreSavedConfig) {
    throw new OfficeShellError('config', fmt(messages.office.errors.configErrors, { errors: outcome.report.configErrors.join(' ') }), {
      nothingWritten: true,
    });
  }
  const write = await applyPlan(context, outcome.plan, read, { budgetBytes: options.budgetBytes });
  return {
    report: outcome.report,
    plan: outcome.plan,
    read,
    write,
    degraded: [...read.facts.degraded, ...write.degraded],
    syncs: read.facts.syncs + write.syncs,
  };
}
