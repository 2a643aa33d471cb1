/**
 * The command line's work: read each workbook, refresh it, write it (atomically), print
 * a summary a manager can read, and optionally a JSON report. File-system access lives
 * here, at the CLI's edge; the engine and the file shell work on bytes.
 */
import { promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import { parseConfigText } from '../core/config/resolve';
import type { RagConfig } from '../core/config/schema';
import { fmt, messages } from '../core/messages';
import { refresh, RefreshError } from '../core/refresh';
import { summarise } from '../core/rules/summary';
import { workbookSettings } from '../core/config/resolve';
import type { MeasureResult, RefreshReport, Status } from '../core/types';
import { XlsxError } from '../workbook/xlsx/errors';
import { applyPlan, readWorkbook, type XlsxPackage } from '../workbook/xlsx';
import { contentTypeOf, relsPathFor } from '../workbook/xlsx/opc';
import { readCsvWorkbook } from '../workbook/csv';
import { parseCliArgs, USAGE, UsageError, type CliOptions } from './args';
import { show, terminalSafe } from './console';
import { ReportWriter } from './report';
import { fileReportJson, formatFileSummary, formatCombined, type FailedFile, type FileOutcome } from './summary';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Local time with its offset, e.g. "2026-11-23T18:50:00+00:00". */
  now: () => string;
  version: string;
}

export const EXIT = { ok: 0, input: 1, usage: 2 } as const;

/** Local ISO time with offset (the engine shows the time as written, so it must be local). */
export function localIsoNow(d = new Date()): string {
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`
  );
}

class InputError extends Error {
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

/** Why a file could not be read or written, in words ("the disk is full"). */
export function fileErrorReason(e: unknown): string {
  const t = messages.cli;
  const code = (e as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return t.reasonDiskFull;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return t.reasonReadOnly;
    case 'ENOENT':
    case 'ENOTDIR':
      return t.reasonNoFolder;
    case 'EISDIR':
      return t.reasonIsFolder;
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

function readErrorReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return messages.cli.reasonNoSuchFile;
  if (code === 'EISDIR') return messages.cli.reasonIsFolder;
  if (code === 'EACCES' || code === 'EPERM') return messages.cli.reasonPermission;
  return e instanceof Error ? e.message : String(e);
}

/** The kinds of Excel package, by the content type of the workbook part, with the extension Excel insists on. */
const KINDS: { contentType: string; ext: string; kind: keyof typeof messages.cli.kind }[] = [
  { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', ext: '.xlsx', kind: 'workbook' },
  { contentType: 'application/vnd.ms-excel.sheet.macroenabled.main+xml', ext: '.xlsm', kind: 'macroWorkbook' },
  { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml', ext: '.xltx', kind: 'template' },
  { contentType: 'application/vnd.ms-excel.template.macroenabled.main+xml', ext: '.xltm', kind: 'macroTemplate' },
  { contentType: 'application/vnd.ms-excel.addin.macroenabled.main+xml', ext: '.xlam', kind: 'addIn' },
];
const EXCEL_EXTENSIONS = new Set(KINDS.map((k) => k.ext));

/** The kind of a package (an unknown content type counts as a plain workbook). */
function packageKind(pkg: XlsxPackage): (typeof KINDS)[number] {
  const ct = (contentTypeOf(pkg.contentTypes, pkg.workbookPath) ?? '').toLowerCase();
  return KINDS.find((k) => k.contentType === ct) ?? KINDS[0]!;
}

/** The extension an output is expected to take, from the input's name (the package's content type settles it once read). */
function extensionFromName(input: string, csv: boolean): string {
  const ext = path.extname(input).toLowerCase();
  return !csv && EXCEL_EXTENSIONS.has(ext) ? ext : '.xlsx';
}

function isCsv(input: string): boolean {
  return path.extname(input).toLowerCase() === '.csv';
}

/** Where an input is written: null for a dry run; the input itself for --in-place. */
function outputFor(input: string, opts: CliOptions, outIsDir: boolean, ext: string): string | null {
  if (opts.dryRun) return null;
  if (opts.inPlace) return input;
  const base = path.basename(input, path.extname(input));
  if (opts.out !== null) return outIsDir ? path.join(opts.out, base + ext) : opts.out;
  return path.join(path.dirname(input), `${base}-refreshed${ext}`);
}

/** A path as the file system sees it (links followed, as far as the path exists), to tell when two paths are one file. */
async function fileKey(p: string): Promise<string> {
  let real: string;
  try {
    real = await fs.realpath(p);
  } catch {
    try {
      real = path.join(await fs.realpath(path.dirname(p)), path.basename(p));
    } catch {
      real = path.resolve(p);
    }
  }
  return process.platform === 'win32' || process.platform === 'darwin' ? real.toLowerCase() : real;
}

/**
 * Refuses, before any work, a call whose outputs would clash: a CSV file with --in-place
 * (it would become a workbook beside it, over whatever has that name), an input given
 * twice, two inputs written to one output, an output that is another input.
 * Returns the problem, or null.
 */
async function outputClash(opts: CliOptions, outIsDir: boolean): Promise<string | null> {
  const t = messages.cli;
  const csvInput = opts.inputs.find(isCsv);
  if (opts.inPlace && csvInput !== undefined) {
    const base = path.basename(csvInput, path.extname(csvInput));
    return fmt(t.csvInPlace, { file: csvInput, output: path.join(path.dirname(csvInput), `${base}-refreshed.xlsx`) });
  }
  if (opts.dryRun) return null;
  const inputs = new Map<string, string>();
  const outputs = new Map<string, string>();
  for (const input of opts.inputs) {
    const key = await fileKey(input);
    const output = outputFor(input, opts, outIsDir, extensionFromName(input, isCsv(input)))!;
    const outKey = await fileKey(output);
    const earlier = outputs.get(outKey);
    if (earlier !== undefined) {
      return (await fileKey(earlier)) === key ? fmt(t.givenTwice, { file: input, output }) : fmt(t.duplicateOutput, { first: earlier, second: input, output });
    }
    outputs.set(outKey, input);
    if (!inputs.has(key)) inputs.set(key, input);
  }
  for (const [outKey, input] of outputs) {
    const other = inputs.get(outKey);
    if (other !== undefined && (await fileKey(other)) !== (await fileKey(input))) {
      return fmt(t.outputIsInput, { first: input, output: outputFor(input, opts, outIsDir, extensionFromName(input, isCsv(input)))!, second: other });
    }
  }
  return null;
}

/** What a replacement keeps of the file it replaces. */
interface Keep {
  mode: number;
  uid: number;
  gid: number;
}

/**
 * Writes bytes to `target` atomically: a temporary file beside it, flushed to disk, then a
 * rename. No partial file is left on failure. With `keep`, the new file takes the old
 * one's permissions (and, where allowed, its owner).
 */
export async function writeAtomically(target: string, bytes: Uint8Array, keep?: Keep): Promise<void> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  let handle: fs.FileHandle | null = null;
  try {
    handle = await fs.open(tmp, 'wx', keep ? (keep.mode & 0o777) | 0o600 : 0o666);
    await handle.writeFile(bytes);
    if (keep) {
      // Only root may give a file away; anyone else keeps their own file, which is theirs already.
      await handle.chown(keep.uid, keep.gid).catch(() => undefined);
      await handle.chmod(keep.mode);
    }
    await handle.sync();
    await handle.close();
    handle = null;
    await fs.rename(tmp, target);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function loadConfig(file: string): Promise<RagConfig> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(fmt(messages.cli.inputMissing, { file, reason: readErrorReason(e) }));
  }
  const parsed = parseConfigText(text);
  if (!parsed.ok) throw new InputError(fmt(messages.cli.configInvalid, { file }), parsed.errors);
  return parsed.config;
}

/** A sheet the workbook lists whose part is not in the package: the file is damaged. */
function missingSheetPart(pkg: XlsxPackage, fileName: string): string | null {
  for (const sheet of pkg.sheets) {
    if (sheet.path !== null) continue;
    const rel = pkg.workbookRels.find((r) => r.id === sheet.rId);
    if (rel && !rel.external && rel.path) return fmt(messages.cli.missingPart, { file: fileName, part: rel.path, sheet: sheet.name });
    return fmt(messages.cli.missingRelationship, { file: fileName, sheet: sheet.name, id: sheet.rId, rels: relsPathFor(pkg.workbookPath) });
  }
  return null;
}

/** For --in-place: the file really replaced (a link's target) and what the replacement keeps of it. */
async function inPlaceTarget(input: string): Promise<{ target: string; keep: Keep }> {
  let st: Stats;
  let target: string;
  try {
    target = await fs.realpath(input);
    st = await fs.stat(target);
  } catch (e) {
    throw new InputError(fmt(messages.cli.inputMissing, { file: input, reason: readErrorReason(e) }));
  }
  if (!st.isFile()) throw new InputError(fmt(messages.cli.notRegularFile, { file: input }));
  // The owner's write bit, not access(2): root may write anything, but a file marked read-only stays so.
  if ((st.mode & 0o200) === 0) throw new InputError(fmt(messages.cli.readOnly, { file: input }));
  return { target, keep: { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid } };
}

interface RunState {
  /** Outputs written by this call (by fileKey), and for which input. */
  written: Map<string, string>;
}

async function refreshOne(input: string, opts: CliOptions, config: RagConfig | undefined, io: CliIO, outIsDir: boolean, state: RunState): Promise<FileOutcome> {
  const inPlace = opts.inPlace ? await inPlaceTarget(input) : null;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(input));
  } catch (e) {
    throw new InputError(fmt(messages.cli.inputMissing, { file: input, reason: readErrorReason(e) }));
  }
  const ext = path.extname(input).toLowerCase();
  const fileName = path.basename(input);
  if (ext === '.xls') throw new InputError(fmt(messages.cli.xls, { file: fileName }));
  const csv = ext === '.csv';
  let book;
  try {
    book = csv ? readCsvWorkbook(bytes, { fileName }) : readWorkbook(bytes, { fileName });
  } catch (e) {
    if (e instanceof XlsxError) {
      if (e.code === 'xls') throw new InputError(fmt(messages.cli.xls, { file: fileName }));
      throw new InputError(`${fileName}: ${e.message}`);
    }
    throw e;
  }
  const damaged = missingSheetPart(book.pkg, fileName);
  if (damaged !== null) throw new InputError(damaged);

  const kind = csv ? KINDS[0]! : packageKind(book.pkg);
  const output = opts.dryRun ? null : inPlace ? inPlace.target : outputFor(input, opts, outIsDir, kind.ext);
  if (output !== null && !inPlace) {
    if (opts.out !== null && !outIsDir && path.extname(output).toLowerCase() !== kind.ext) {
      const suggestion = path.join(path.dirname(output), path.basename(output, path.extname(output)) + kind.ext);
      throw new InputError(fmt(messages.cli.wrongExtension, { file: fileName, kind: messages.cli.kind[kind.kind], ext: kind.ext, output, suggestion }));
    }
    if (path.resolve(output) === path.resolve(input)) throw new InputError(fmt(messages.cli.sameAsInput, { output }));
  }

  let outcome;
  try {
    outcome = refresh(book.snapshot, {
      now: io.now(),
      appVersion: io.version,
      ignoreSavedConfig: opts.ignoreSavedConfig,
      ...(config ? { config, changedBy: `cli --config ${path.basename(opts.config ?? '')}` } : {}),
    });
  } catch (e) {
    if (e instanceof RefreshError) {
      const details = [...e.details];
      if (e.code === 'saved-config-invalid') details.push(messages.cli.savedInvalidHint);
      throw new InputError(`${fileName}: ${e.message}`, details);
    }
    throw e;
  }
  if (output !== null) {
    const key = await fileKey(output);
    const other = state.written.get(key);
    if (other !== undefined) throw new InputError(fmt(messages.cli.writtenTwice, { file: input, output, other }));
    let written: Uint8Array;
    try {
      written = applyPlan(book.pkg, outcome.plan);
    } catch (e) {
      if (e instanceof XlsxError) throw new InputError(`${fileName}: ${e.message}`);
      throw e;
    }
    try {
      await writeAtomically(output, written, inPlace?.keep);
    } catch (e) {
      throw new InputError(fmt(messages.cli.writeFailed, { output, reason: fileErrorReason(e) }));
    }
    state.written.set(key, input);
  }
  return {
    input,
    output: output === null ? null : inPlace ? input : output,
    report: outcome.report,
    exceptionSheet: outcome.plan.exceptionSheet?.name ?? null,
    warnings: book.warnings,
  };
}

/** The same status objects for every measure: the combined summary needs only the statuses. */
const STATUS: { readonly [S in Status]: { readonly status: S } } = {
  blue: { status: 'blue' },
  green: { status: 'green' },
  amber: { status: 'amber' },
  red: { status: 'red' },
  noData: { status: 'noData' },
  noTarget: { status: 'noTarget' },
  checkData: { status: 'checkData' },
};

function problemText(message: string, details: string[]): string {
  return [show(message, 2000), ...details.map((d) => `  ${show(d, 2000)}`)].join('\n');
}

export async function run(argv: string[], rawIo: CliIO): Promise<number> {
  // Everything printed goes through here: no control character from a workbook or a file name reaches the terminal.
  const io: CliIO = { ...rawIo, stdout: (t) => rawIo.stdout(terminalSafe(t)), stderr: (t) => rawIo.stderr(terminalSafe(t)) };
  let opts: CliOptions;
  try {
    opts = parseCliArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(fmt(messages.cli.usageError, { message: e.message }));
      return EXIT.usage;
    }
    throw e;
  }
  if (opts.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  if (opts.version) {
    io.stdout(io.version);
    return EXIT.ok;
  }
  const outIsDir = opts.out !== null && (opts.inputs.length > 1 || (await isDirectory(opts.out)));
  if (opts.out !== null && opts.inputs.length > 1 && !(await isDirectory(opts.out))) {
    io.stderr(fmt(messages.cli.usageError, { message: fmt(messages.cli.outIsNotDir, { out: opts.out }) }));
    return EXIT.usage;
  }
  const clash = await outputClash(opts, outIsDir);
  if (clash !== null) {
    io.stderr(fmt(messages.cli.usageError, { message: clash }));
    return EXIT.usage;
  }

  let config: RagConfig | undefined;
  if (opts.config !== null) {
    try {
      config = await loadConfig(opts.config);
    } catch (e) {
      if (e instanceof InputError) {
        io.stderr(problemText(e.message, e.details));
        return EXIT.input;
      }
      throw e;
    }
  }

  let report: ReportWriter | null = null;
  if (opts.report !== null) {
    try {
      report = await ReportWriter.open(opts.report);
    } catch (e) {
      io.stderr(fmt(messages.cli.reportNotStarted, { output: opts.report, reason: fileErrorReason(e) }));
      return EXIT.input;
    }
  }

  // Per workbook only what the combined summary needs is kept (its statuses); its report section is written as it is done.
  const statuses: { readonly status: Status }[] = [];
  let doneCount = 0;
  const failed: FailedFile[] = [];
  const state: RunState = { written: new Map() };
  const total = opts.inputs.length;
  try {
    for (let i = 0; i < total; i++) {
      const input = opts.inputs[i]!;
      if (total > 1 && !opts.quiet) io.stderr(fmt(messages.cli.reading, { file: input, index: i + 1, total }));
      let outcome: FileOutcome;
      try {
        outcome = await refreshOne(input, opts, config, io, outIsDir, state);
      } catch (e) {
        if (e instanceof InputError) {
          failed.push({ file: input, message: e.message, details: e.details });
          io.stderr(problemText(e.message, e.details));
          continue;
        }
        throw e;
      }
      doneCount++;
      for (const r of outcome.report.results) statuses.push(STATUS[r.status]);
      if (!opts.quiet) io.stdout(formatFileSummary(outcome));
      report?.addFile(fileReportJson(outcome));
    }
  } catch (e) {
    await report?.abort();
    throw e;
  }

  if (doneCount > 1 || (opts.quiet && doneCount > 0)) {
    const whole = summarise(statuses as Pick<MeasureResult, 'status'>[], messages.refresh.allMeasures, workbookSettings(config ?? {}).overallRag);
    io.stdout(formatCombined(doneCount, whole));
  }
  if (failed.length > 0 && total > 1) {
    io.stderr(
      [fmt(messages.cli.failedHeading, { count: failed.length }), ...failed.map((f) => fmt(messages.cli.failedLine, { file: f.file, message: show(f.message, 2000) }))].join('\n'),
    );
  }
  if (report !== null) {
    try {
      await report.finish(failed);
      if (!opts.quiet) io.stdout(fmt(messages.cli.reportWritten, { file: report.target }));
    } catch (e) {
      io.stderr(fmt(messages.cli.reportFailed, { output: report.target, reason: fileErrorReason(e) }));
      return EXIT.input;
    }
  }
  return failed.length > 0 ? EXIT.input : EXIT.ok;
}

export type { RefreshReport };
