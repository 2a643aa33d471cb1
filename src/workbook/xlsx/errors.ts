/**
 * Errors the .xlsx file shell raises. `code` is stable (the CLI and the pane
 * map it to a message and an exit status); `message` is plain English for the user.
 */
export type XlsxErrorCode =
  /** A password-protected workbook (an encrypted CFB container). */
  | 'encrypted'
  /** An Excel 97-2003 .xls workbook (a CFB container without encryption). */
  | 'xls'
  /** A zip (or other file) that is not an Excel workbook. */
  | 'not-xlsx'
  /** Truncated or damaged: the reason says where. */
  | 'corrupt'
  /** The workbook lists no sheets. */
  | 'no-sheets'
  /** A valid package using something this shell does not handle (ZIP64, Strict OOXML writing...). */
  | 'unsupported'
  /** A write plan would overwrite a cell the user owns. Nothing is written. */
  | 'cell-in-use'
  /** A write plan would write to a protected sheet (Excel would refuse too). */
  | 'sheet-protected'
  /** A write plan would add or remove sheets in a workbook whose structure is protected. */
  | 'workbook-protected'
  /** A write plan that does not fit the workbook (unknown sheet or table, a name clash...). */
  | 'invalid-plan';

export class XlsxError extends Error {
  readonly code: XlsxErrorCode;

  constructor(code: XlsxErrorCode, message: string) {
    super(message);
    this.name = 'XlsxError';
    this.code = code;
  }
}

export const ENCRYPTED_MESSAGE =
  'This workbook is password-protected. Remove the password in Excel (File > Info > Protect Workbook), save, and try again.';
export const XLS_MESSAGE =
  'This is an Excel 97-2003 .xls workbook: open it in Excel and save it as .xlsx, then try again.';
