/**
 * The pane's only door to a workbook. React components never call Office (or the
 * .xlsx file shell): they are given a WorkbookHost. Two implementations:
 *
 *   host-office.ts  Excel, through the Office shell (src/workbook/office)
 *   host-file.ts    an .xlsx file opened in the browser, through the file shell
 *                   (src/workbook/xlsx, a separate chunk loaded only in file mode)
 *
 * Both do the same two things the core needs — read a WorkbookSnapshot, apply a
 * WritePlan — plus selecting a cell (Excel only) and, in file mode, opening a file
 * and handing back the changed bytes for download.
 */
import type { WorkbookSnapshot, WritePlan } from '../core/types';

export interface WorkbookHost {
  readonly kind: 'excel' | 'file';
  /** Reads the whole workbook. Throws an Error whose message is for the user. */
  read(): Promise<WorkbookSnapshot>;
  /** Applies a plan made from the last read. Throws an Error whose message is for the user. */
  apply(plan: WritePlan): Promise<void>;
  /** Selects a cell (A1 address without the sheet) and shows it. */
  select(sheet: string, cell: string): Promise<void>;
  /** Whether select() shows the user anything (false for a file in the browser). */
  readonly canSelect: boolean;
  /** The workbook file, in file mode. */
  readonly file?: FileWorkbook;
}

/** A workbook held as bytes in the browser (file mode). */
export interface FileWorkbook {
  /** Opens a workbook: reads it straight away, so a file that is not a workbook fails here. */
  open(name: string, bytes: Uint8Array): Promise<WorkbookSnapshot>;
  /** The open workbook, or null. `changed` once a plan was applied. */
  current(): { name: string; changed: boolean } | null;
  /** Offers the current bytes for download under `fileName`. */
  download(fileName: string): void;
}

/** Bytes and a name, as the pane offers a file for download. */
export type SaveFile = (fileName: string, bytes: Uint8Array) => void;

/** An Error whose message is meant for the user as it is. */
export class HostError extends Error {
  constructor(message: string, readonly details: string[] = []) {
    super(message);
    this.name = 'HostError';
  }
}
