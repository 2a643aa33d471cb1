/**
 * The WorkbookHost in an ordinary browser: an .xlsx file held as bytes, read and
 * written by the .xlsx file shell (src/workbook/xlsx) — the same code the CLI uses.
 *
 * The file shell is loaded with a dynamic import(), so webpack puts it in its own
 * chunk ("xlsx-shell") that only file mode ever downloads.
 */
import type { WorkbookSnapshot, WritePlan } from '../core/types';
import { HostError, type FileWorkbook, type SaveFile, type WorkbookHost } from './host';

/** What the pane uses of the file shell. */
export interface FileShell {
  readWorkbook(bytes: Uint8Array, options?: { fileName?: string }): { snapshot: WorkbookSnapshot; pkg: unknown };
  applyPlan(pkg: never, plan: WritePlan): Uint8Array;
}

export type LoadFileShell = () => Promise<FileShell>;

export const loadFileShell: LoadFileShell = async () => {
  const shell = await import(/* webpackChunkName: "xlsx-shell" */ '../workbook/xlsx');
  return shell as unknown as FileShell;
};

/** Offers bytes as a download (a Blob and a temporary link). */
export const saveWithLink: SaveFile = (fileName, bytes) => {
  const blob = new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};

export interface FileHostOptions {
  load?: LoadFileShell;
  save?: SaveFile;
  /** Text of the error when a plan is applied before a workbook is open (never shown in normal use). */
  noWorkbook?: string;
}

export interface FileHost extends WorkbookHost {
  readonly kind: 'file';
  readonly file: FileWorkbook;
}

export function createFileHost(options: FileHostOptions = {}): FileHost {
  const load = options.load ?? loadFileShell;
  const save = options.save ?? saveWithLink;
  let shellPromise: Promise<FileShell> | null = null;
  const shell = (): Promise<FileShell> => (shellPromise ??= load().catch((e: unknown) => {
    shellPromise = null;
    throw e;
  }));

  let name: string | null = null;
  let bytes: Uint8Array | null = null;
  let changed = false;
  /** The package and snapshot of `bytes`, while they are current. */
  let opened: { snapshot: WorkbookSnapshot; pkg: unknown } | null = null;

  const readCurrent = async (): Promise<{ snapshot: WorkbookSnapshot; pkg: unknown }> => {
    if (!bytes || name === null) throw new HostError(options.noWorkbook ?? 'No workbook is open.');
    if (!opened) {
      const s = await shell();
      opened = s.readWorkbook(bytes, { fileName: name });
    }
    return opened;
  };

  const file: FileWorkbook = {
    async open(fileName: string, data: Uint8Array): Promise<WorkbookSnapshot> {
      const s = await shell();
      const read = s.readWorkbook(data, { fileName });
      name = fileName;
      bytes = data;
      changed = false;
      opened = read;
      return read.snapshot;
    },
    current: () => (name === null ? null : { name, changed }),
    download(fileName: string): void {
      if (!bytes) return;
      save(fileName, bytes);
    },
  };

  return {
    kind: 'file',
    canSelect: false,
    file,
    async read(): Promise<WorkbookSnapshot> {
      return (await readCurrent()).snapshot;
    },
    async apply(plan: WritePlan): Promise<void> {
      const { pkg } = await readCurrent();
      const s = await shell();
      const out = s.applyPlan(pkg as never, plan);
      bytes = out;
      changed = true;
      // the package may have been changed in place: the next read opens the new bytes
      opened = null;
    },
    async select(): Promise<void> {
      // Nothing to show in a browser: the pane shows where the measure is instead.
    },
  };
}
