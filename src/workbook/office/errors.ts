/**
 * Errors of the Office shell, each with a message the user can act on.
 */
import { fmt, messages } from '../../core/messages';

/** One reason the plan cannot be written, found after the read and before any write. */
export interface PlanProblem {
  code:
    | 'protected-sheet'
    | 'protected-workbook'
    | 'occupied'
    | 'merged'
    | 'inside-table'
    | 'sheet-missing'
    | 'table-missing'
    | 'table-moved'
    | 'table-no-header'
    | 'column-name-taken'
    | 'table-neighbours'
    | 'bad-sheet-name'
    | 'sheet-name-taken'
    | 'table-name-taken'
    | 'bad-table-name'
    | 'api-missing';
  sheet: string;
  /** A1 range (no sheet), or "" when the problem is about the whole sheet. */
  range: string;
  message: string;
}

export type OfficeShellErrorCode =
  /** Checks found problems: nothing was written. */
  | 'blocked'
  /** The user is editing a cell: Excel rejected the whole batch, nothing was written. */
  | 'cell-edit'
  /** A request or response passed Excel on the web's payload limit even after splitting. */
  | 'payload'
  /** The host lacks the requirement set the add-in declares. */
  | 'api-missing'
  /** Excel rejected a request before running any of it. */
  | 'rejected'
  /** Excel failed part-way through a write batch: earlier operations of it may stand. */
  | 'partial'
  /** The saved settings are invalid; nothing was written. */
  | 'config';

export class OfficeShellError extends Error {
  readonly code: OfficeShellErrorCode;
  readonly problems: PlanProblem[];
  /** The Office error code ("InvalidOperationInCellEditMode"...), when Excel raised it. */
  readonly officeCode: string | null;
  /** True when the workbook is known to be unchanged. */
  readonly nothingWritten: boolean;

  constructor(
    code: OfficeShellErrorCode,
    message: string,
    options: { problems?: PlanProblem[]; officeCode?: string | null; nothingWritten: boolean },
  ) {
    super(message);
    this.name = 'OfficeShellError';
    this.code = code;
    this.problems = options.problems ?? [];
    this.officeCode = options.officeCode ?? null;
    this.nothingWritten = options.nothingWritten;
  }
}

/** The error code of an OfficeExtension.Error (or anything that looks like one). */
export function officeErrorCode(error: unknown): string | null {
  if (error && typeof error === 'object' && 'code' in error && typeof (error as { code: unknown }).code === 'string') {
    return (error as { code: string }).code;
  }
  return null;
}

function officeErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}

/** Codes Excel raises before running any operation of the batch. */
const REQUEST_LEVEL = new Set([
  'InvalidOperationInCellEditMode',
  'RequestPayloadSizeLimitExceeded',
  'ResponsePayloadSizeLimitExceeded',
  'RequestAborted',
  'ServiceNotAvailable',
  'Unauthenticated',
]);

export function isPayloadError(error: unknown): boolean {
  const code = officeErrorCode(error);
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}

/**
 * Turns an error from context.sync() into an OfficeShellError with a clear message.
 * `wroteBefore` says whether an earlier write batch of this refresh had already succeeded.
 */
export function fromSyncError(error: unknown, phase: 'read' | 'write', wroteBefore: boolean): OfficeShellError {
  if (error instanceof OfficeShellError) return error;
  const e = messages.office.errors;
  const code = officeErrorCode(error);
  const text = officeErrorMessage(error);
  const untouched = phase === 'read' || (!wroteBefore && code !== null && REQUEST_LEVEL.has(code));
  if (code === 'InvalidOperationInCellEditMode') {
    return new OfficeShellError('cell-edit', wroteBefore ? fmt(e.partial, { code, message: text }) : e.cellEditMode, {
      officeCode: code,
      nothingWritten: untouched,
    });
  }
  if (code && isPayloadError(error)) {
    return new OfficeShellError('payload', e.payload, { officeCode: code, nothingWritten: untouched });
  }
  if (phase === 'read') {
    return new OfficeShellError('rejected', fmt(e.excelRejected, { code: code ?? 'Error', message: text }), {
      officeCode: code,
      nothingWritten: true,
    });
  }
  if (untouched) {
    return new OfficeShellError('rejected', fmt(e.excelRejected, { code: code ?? 'Error', message: text }), {
      officeCode: code,
      nothingWritten: true,
    });
  }
  return new OfficeShellError('partial', fmt(e.partial, { code: code ?? 'Error', message: text }), {
    officeCode: code,
    nothingWritten: false,
  });
}

/** The message for a blocked plan: the first problems in full, then how many more. */
export function blockedMessage(problems: PlanProblem[], limit = 3): string {
  const shown = problems.slice(0, limit).map((p) => p.message);
  if (problems.length > limit) shown.push(fmt(messages.office.errors.moreProblems, { count: problems.length - limit }));
  shown.push(messages.office.errors.nothingChanged);
  return shown.join(' ');
}
