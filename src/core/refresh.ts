/**
 * The whole refresh, pure: Snapshot in, WritePlan + Report out.
 * (Being built: the orchestrator lands with the rules and detection.)
 */
import type { RagConfig } from './config/schema';
import type { RefreshOutcome, WorkbookSnapshot, WritePlan } from './types';

export interface RefreshOptions {
  /** ISO time of the refresh; the core reads no clock. */
  now: string;
  /** Configuration layered over the workbook's saved one (the CLI's --config, the pane's edits). */
  config?: RagConfig;
  /** Refresh with the defaults, ignoring a saved configuration that is invalid (after the user confirmed). */
  ignoreSavedConfig?: boolean;
  /** Version of RAG Refresh, recorded in the saved document. */
  appVersion: string;
}

export function refresh(snapshot: WorkbookSnapshot, options: RefreshOptions): RefreshOutcome {
  void snapshot;
  void options;
  throw new Error('refresh: not built yet');
}

/** The plan for Clear RAG: remove every column, format, sheet and setting the add-in added. */
export function clearPlan(snapshot: WorkbookSnapshot): WritePlan {
  void snapshot;
  throw new Error('clearPlan: not built yet');
}
