/** Texts of the command line. */
export const cli = {
  usageError: 'rag-refresh: {message}\nRun "rag-refresh --help" for the options.',
  reading: 'Reading {file} ({index} of {total})…',
  wrote: '{file} → {output}',
  dryRun: '{file}: dry run, nothing written',
  measuresLine: '  {measures} measures in {tables} table(s)',
  skipped: '  Skipped: {list}',
  countsLine: '  {counts}',
  figuresLine:
    '  Met target {met} of {withTarget} ({metPct}) · off target {off} ({offPct}) · off by more than the tolerance {red} ({redPct}) · no data {noData} ({noDataPct})',
  overallLine: '  Overall RAG: {overall} ({reason})',
  exceptionsHeading: '  Red and amber ({count}):',
  exceptionLine: '    {status} {label}: {reason}{missing}',
  commentaryMissing: ' [commentary missing]',
  more: '    … and {count} more (see the "{sheet}" sheet)',
  moreIssues: '    … and {count} more (see the report or the exception sheet)',
  changesHeading: '  Changes since the last refresh ({count}):',
  changeLine: '    {label}: {text}',
  issuesHeading: '  Data-quality issues ({count}):',
  issueLine: '    {where}: {message}',
  warningsHeading: '  Warnings from reading the file ({count}):',
  warningLine: '    {message}',
  moreWarnings: '    … and {count} more (see the report)',
  combinedHeading: 'All {files} workbooks: {measures} measures',
  failedHeading: '{count} workbook(s) could not be refreshed:',
  failedLine: '  {file}: {message}',
  reportWritten: 'Report written to {file}',
  inputMissing: 'cannot read "{file}": {reason}',
  notWorkbook: '"{file}" is not an Excel workbook (.xlsx, .xlsm or .csv); nothing was written.',
  xls: '"{file}" is an Excel 97-2003 workbook (.xls). Open it in Excel and save it as an .xlsx workbook, then run RAG Refresh on that. Nothing was written.',
  outIsNotDir: '--out "{out}" must be a folder when several workbooks are given',
  sameAsInput: 'the output "{output}" is the input itself; use --in-place to overwrite an input',
  writeFailed: 'could not write "{output}": {reason}. The input is untouched and no partial file was left behind.',
  savedInvalidHint: 'Run again with --ignore-saved-config to refresh with the default settings (the saved settings are kept aside in the workbook).',
  configInvalid: 'the configuration file "{file}" cannot be used:',
  unexpected: 'rag-refresh: unexpected error: {error}',

  // Why a file could not be read or written
  reasonNoSuchFile: 'no such file',
  reasonIsFolder: 'it is a folder',
  reasonPermission: 'permission denied',
  reasonDiskFull: 'the disk is full',
  reasonReadOnly: 'permission denied (read-only)',
  reasonNoFolder: 'the folder does not exist',
  reportFailed: 'could not write the report "{output}": {reason}. No partial file was left behind.',
  reportNotStarted: 'could not write the report "{output}": {reason}. Nothing was refreshed.',

  // Outputs: refused before any work (usage errors)
  csvInPlace: '--in-place cannot be used for "{file}": a CSV file is refreshed into a new .xlsx workbook, never over itself. Leave out --in-place (the result goes to "{output}"), or give --out.',
  givenTwice: '"{file}" is given twice; it would be refreshed twice into "{output}"',
  duplicateOutput: '"{first}" and "{second}" would both be written to "{output}", one over the other. Refresh them in separate calls, or give them different names.',
  outputIsInput: 'the output of "{first}" would be "{output}", which is another input of this call ("{second}"). Rename one of them, or use --out.',

  // Outputs: refused for one workbook (nothing written for it)
  writtenTwice: '"{file}" would be written to "{output}", which this call has already written for "{other}"; nothing was written for "{file}".',
  readOnly: '"{file}" is read-only, so it cannot be refreshed in place; nothing was written. Make it writable, or use --out to write the refreshed workbook elsewhere.',
  notRegularFile: '"{file}" is not a regular file, so it cannot be refreshed in place; nothing was written.',
  wrongExtension: '"{file}" is {kind}: Excel opens it only under a name ending in {ext}, not "{output}". Give --out a name ending in {ext} (for example "{suggestion}"); nothing was written.',
  kind: {
    workbook: 'an Excel workbook',
    macroWorkbook: 'a macro-enabled workbook',
    template: 'an Excel template',
    macroTemplate: 'a macro-enabled template',
    addIn: 'an Excel add-in',
  },
  missingPart:
    '{file}: the package is damaged: {part} (sheet "{sheet}") is missing, so that sheet cannot be read and the refreshed workbook would be damaged too. Nothing was written. Open the workbook in Excel, let it repair the file, save it, and try again.',
  missingRelationship:
    '{file}: the package is damaged: the sheet "{sheet}" has no part (its relationship "{id}" is missing from {rels}). Nothing was written. Open the workbook in Excel, let it repair the file, save it, and try again.',

  // CSV input
  csvNotUtf8: '{file}, {lines}: the file is UTF-8 but these bytes are not; they were read as Windows-1252 ("{sample}"). Check those characters in the refreshed workbook.',
  csvLine: 'line {line}',
  csvLines: 'lines {list}',
  csvLastLine: '{list} and {last}',
  csvMoreLines: '{list} and {count} more',
  csvCut: '{file}, row {row}, column {column} (cell {cell}): the text is {length} characters long, more than the {max} an Excel cell holds, so it was cut to {max} characters.',
} as const;
