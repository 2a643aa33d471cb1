/**
 * The command line's work: read each workbook, refresh it, write it (atomically), print
 * a summary a manager can read, and optionally a JSON report. File-system access lives
 * here, at the CLI's edge; the engine and the file shell work on bytes.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseConfigText } from '../core/config/resolve';
import type { RagConfig } from '../core/config/schema';
import { fmt, messages } from '../core/messages';
import { refresh, RefreshError } from '../core/refresh';
import { summarise } from '../core/rules/summary';
import { workbookSettings } from '../core/config/resolve';
import type { MeasureResult, RefreshReport } from '../core/types';
import { XlsxError } from '../workbook/xlsx/errors';
import { applyPlan, readWorkbook } from '../workbook/xlsx';
import { readCsvWorkbook } from '../workbook/csv';
import { parseCliArgs, USAGE, UsageError, type CliOptions } from './args';
import { formatFileSummary, formatCombined, reportJson, type FileOutcome } from './summary';

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

function outputFor(input: string, opts: CliOptions, outIsDir: boolean, csv: boolean): string {
  const ext = csv ? '.xlsx' : path.extname(input).toLowerCase() === '.xlsm' ? '.xlsm' : '.xlsx';
  const base = path.basename(input, path.extname(input));
  if (opts.inPlace) return csv ? path.join(path.dirname(input), base + '.xlsx') : input;
  if (opts.out !== null) return outIsDir ? path.join(opts.out, base + ext) : opts.out;
  return path.join(path.dirname(input), `${base}-refreshed${ext}`);
}

/** Writes bytes to `target` atomically: a temporary file beside it, then a rename. No partial file is left on failure. */
export async function writeAtomically(target: string, bytes: Uint8Array): Promise<void> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(tmp, bytes, { flag: 'wx' });
    await fs.rename(tmp, target);
  } catch (e) {
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
    throw new InputError(fmt(messages.cli.inputMissing, { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) }));
  }
  const parsed = parseConfigText(text);
  if (!parsed.ok) throw new InputError(fmt(messages.cli.configInvalid, { file }), parsed.errors);
  return parsed.config;
}

async function refreshOne(input: string, opts: CliOptions, config: RagConfig | undefined, io: CliIO, outIsDir: boolean): Promise<FileOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(input));
  } catch (e) {
    throw new InputError(fmt(messages.cli.inputMissing, { file: input, reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((e as Error).message) }));
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
  const output = opts.dryRun ? null : outputFor(input, opts, outIsDir, csv);
  if (output !== null) {
    if (!opts.inPlace && path.resolve(output) === path.resolve(input)) {
      throw new InputError(fmt(messages.cli.sameAsInput, { output }));
    }
    let written: Uint8Array;
    try {
      written = applyPlan(book.pkg, outcome.plan);
    } catch (e) {
      if (e instanceof XlsxError) throw new InputError(`${fileName}: ${e.message}`);
      throw e;
    }
    try {
      await writeAtomically(output, written);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const reason = err.code === 'ENOSPC' ? 'the disk is full' : err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS' ? 'permission denied (read-only)' : err.code === 'ENOENT' ? 'the folder does not exist' : err.message;
      throw new InputError(fmt(messages.cli.writeFailed, { output, reason }));
    }
  }
  return { input, output, report: outcome.report, exceptionSheet: outcome.plan.exceptionSheet?.name ?? null };
}

export async function run(argv: string[], io: CliIO): Promise<number> {
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

  let config: RagConfig | undefined;
  if (opts.config !== null) {
    try {
      config = await loadConfig(opts.config);
    } catch (e) {
      if (e instanceof InputError) {
        io.stderr([e.message, ...e.details.map((d) => `  ${d}`)].join('\n'));
        return EXIT.input;
      }
      throw e;
    }
  }

  const done: FileOutcome[] = [];
  const failed: { file: string; message: string; details: string[] }[] = [];
  const total = opts.inputs.length;
  for (let i = 0; i < total; i++) {
    const input = opts.inputs[i]!;
    if (total > 1 && !opts.quiet) io.stderr(fmt(messages.cli.reading, { file: input, index: i + 1, total }));
    try {
      const outcome = await refreshOne(input, opts, config, io, outIsDir);
      done.push(outcome);
      if (!opts.quiet) io.stdout(formatFileSummary(outcome));
    } catch (e) {
      if (e instanceof InputError) {
        failed.push({ file: input, message: e.message, details: e.details });
        io.stderr([e.message, ...e.details.map((d) => `  ${d}`)].join('\n'));
      } else {
        throw e;
      }
    }
  }

  if (done.length > 1 || (opts.quiet && done.length > 0)) {
    const all: MeasureResult[] = done.flatMap((d) => d.report.results);
    const whole = summarise(all, messages.refresh.allMeasures, workbookSettings(config ?? {}).overallRag);
    io.stdout(formatCombined(done, whole));
  }
  if (failed.length > 0 && total > 1) {
    io.stderr(
      [fmt(messages.cli.failedHeading, { count: failed.length }), ...failed.map((f) => fmt(messages.cli.failedLine, { file: f.file, message: f.message }))].join('\n'),
    );
  }
  if (opts.report !== null) {
    try {
      await writeAtomically(opts.report, new TextEncoder().encode(JSON.stringify(reportJson(done, failed), null, 2)));
      if (!opts.quiet) io.stdout(fmt(messages.cli.reportWritten, { file: opts.report }));
    } catch (e) {
      io.stderr(fmt(messages.cli.writeFailed, { output: opts.report, reason: (e as Error).message }));
      return EXIT.input;
    }
  }
  return failed.length > 0 ? EXIT.input : EXIT.ok;
}

export type { RefreshReport };
