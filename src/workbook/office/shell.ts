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
import { hintFromRead, loadHint, officeHostContext, predictHint, saveHint, type OfficeHostContext } from './hint';
import { budgetFor } from './payload';
import { readWorkbook, type OfficeRead } from './read';
import { applyPlan, type ApplyResult } from './write';

export interface OfficeShellOptions {
  isSetSupported: IsSetSupported;
  /** Largest request or response per round trip; by default from the platform (payload.ts budgetFor). */
  budgetBytes?: number;
  fileName?: string;
  /**
   * Office.context's document settings (where the read hint is kept) and platform. By default the
   * page's Office.context; `{}` for neither (the read then takes two round trips, the budget is the web's).
   */
  office?: OfficeHostContext;
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
  /** A new read hint was handed to the document settings (saved without waiting). */
  hintSaved: boolean;
}

function hostOf(options: { office?: OfficeHostContext }): OfficeHostContext {
  return options.office ?? officeHostContext();
}

async function readWith(context: Excel.RequestContext, options: OfficeShellOptions, office: OfficeHostContext): Promise<OfficeRead> {
  if (!hostHasDeclaredSet(options.isSetSupported)) {
    throw new OfficeShellError('api-missing', fmt(messages.office.errors.apiMissing, { version: DECLARED_EXCEL_API }), {
      nothingWritten: true,
    });
  }
  return readWorkbook(context, {
    capabilities: detectCapabilities(options.isSetSupported),
    budgetBytes: options.budgetBytes ?? budgetFor(office.platform),
    fileName: options.fileName,
    hint: loadHint(office.settings),
  });
}

/**
 * Reads the workbook into a snapshot, after checking the host has the API level the add-in
 * declares; remembers what it found for the next read (hint.ts).
 */
export async function readExcel(context: Excel.RequestContext, options: OfficeShellOptions): Promise<OfficeRead> {
  const office = hostOf(options);
  const result = await readWith(context, options, office);
  saveHint(office.settings, hintFromRead(result));
  return result;
}

/** Applies a plan made from `read` (the pane's preview-then-write, Clear RAG); remembers the workbook as written. */
export async function writeExcel(
  context: Excel.RequestContext,
  plan: WritePlan,
  read: OfficeRead,
  options: { budgetBytes?: number; office?: OfficeHostContext } = {},
): Promise<ApplyResult> {
  const result = await applyPlan(context, plan, read, { budgetBytes: options.budgetBytes });
  saveHint(hostOf(options).settings, predictHint(read, plan));
  return result;
}

/**
 * The whole Refresh RAG: read, work out, write. Throws OfficeShellError with a message for the user.
 * With the read hint, one round trip reads and one writes; without it (the first refresh of a
 * workbook), two read. After a successful write, the hint describes the workbook as written.
 */
export async function refreshExcel(context: Excel.RequestContext, options: OfficeRefreshOptions): Promise<OfficeRefreshResult> {
  const office = hostOf(options);
  const read = await readWith(context, options, office);
  let write: ApplyResult;
  let outcome: RefreshOutcome;
  try {
    outcome = options.refresh(read.snapshot, {
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
    write = await applyPlan(context, outcome.plan, read, { budgetBytes: options.budgetBytes });
  } catch (error) {
    // Stopped with the workbook as read (checks, settings, Excel refusing the whole write): the next read starts from it.
    if (read.facts.readPath !== 'hinted' && (!(error instanceof OfficeShellError) || error.nothingWritten)) saveHint(office.settings, hintFromRead(read));
    throw error;
  }
  // Not awaited: the save is the document settings' own (saveAsync), and a failed one costs only a round trip next time.
  const hintSaved = saveHint(office.settings, predictHint(read, outcome.plan));
  return {
    report: outcome.report,
    plan: outcome.plan,
    read,
    write,
    degraded: [...read.facts.degraded, ...write.degraded],
    syncs: read.facts.syncs + write.syncs,
    hintSaved,
  };
}
