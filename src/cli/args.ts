/** Command-line arguments of `rag-refresh`. */
import { parseArgs } from 'node:util';

export interface CliOptions {
  inputs: string[];
  out: string | null;
  inPlace: boolean;
  config: string | null;
  report: string | null;
  dryRun: boolean;
  ignoreSavedConfig: boolean;
  quiet: boolean;
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: rag-refresh <workbook.xlsx>... [options]

Refreshes the RAG statuses, direction of travel, forecasts and the exception
summary of council performance returns (.xlsx, .xlsm, .csv).

Options:
  --out FILE|DIR          where to write (a file for one workbook, a folder for several);
                          default: "<name>-refreshed.xlsx" beside each input
  --in-place              overwrite each input (atomically: a temporary file, then a rename),
                          keeping its permissions; not for CSV files or read-only files
  --config FILE           a configuration (JSON) layered over the one saved in each workbook
  --report FILE.json      write a JSON report: every measure and the summary
  --dry-run               work everything out and print the summary, write nothing
  --ignore-saved-config   refresh with the default settings when a workbook's saved
                          settings cannot be read (they are kept aside, not lost)
  --quiet                 print only problems and the combined summary
  -h, --help              show this help
  -v, --version           show the version

Exit codes: 0 done, 1 a problem with an input (the message names file, sheet and cell), 2 usage.`;

export class UsageError extends Error {}

export function parseCliArgs(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string', short: 'o' },
        'in-place': { type: 'boolean' },
        config: { type: 'string', short: 'c' },
        report: { type: 'string', short: 'r' },
        'dry-run': { type: 'boolean' },
        'ignore-saved-config': { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values;
  const opts: CliOptions = {
    inputs: parsed.positionals,
    out: v.out ?? null,
    inPlace: v['in-place'] ?? false,
    config: v.config ?? null,
    report: v.report ?? null,
    dryRun: v['dry-run'] ?? false,
    ignoreSavedConfig: v['ignore-saved-config'] ?? false,
    quiet: v.quiet ?? false,
    help: v.help ?? false,
    version: v.version ?? false,
  };
  if (opts.help || opts.version) return opts;
  if (opts.inputs.length === 0) throw new UsageError('no workbook given');
  if (opts.inPlace && opts.out !== null) throw new UsageError('--in-place and --out cannot be used together');
  if (opts.report !== null && !/\.json$/i.test(opts.report)) throw new UsageError(`--report takes a .json file name, got "${opts.report}"`);
  return opts;
}
