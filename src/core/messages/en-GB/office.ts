/**
 * Words of the add-in inside Excel: ribbon labels (manifest.xml repeats them; a
 * test keeps the two the same), the Refresh RAG notification, and the Office
 * shell's errors. Placeholders in {braces} are filled with fmt().
 */
export const office = {
  addin: {
    displayName: 'RAG Refresh',
    description:
      'RAG statuses, direction of travel, forecasts and an exception summary for council performance returns.',
  },
  ribbon: {
    groupLabel: 'Performance',
    refreshLabel: 'Refresh RAG',
    refreshTooltip:
      'Work out the RAG status of every measure, write the status columns beside each table and update the exception summary sheet.',
    settingsLabel: 'RAG settings',
    settingsTooltip: 'Open the RAG Refresh pane: tolerances, polarity, columns and a preview before writing.',
    getStartedTitle: 'RAG Refresh is ready',
    getStartedDescription:
      'On the Home tab, select Refresh RAG to add RAG statuses to your measure tables, or RAG settings to adjust the rules first.',
  },
  notice: {
    title: 'RAG Refresh',
    close: 'Close',
    done: 'RAG refreshed: {measures} in {tables}.',
    counts: '{list}.',
    overall: 'Overall RAG: {overall}.',
    exceptionSheet: 'Red and amber measures are listed on the sheet “{sheet}”.',
    changes: '{count} changed status since the last refresh.',
    issues: '{count} data-quality issues to check (see RAG settings).',
    nothingFound:
      'No measure tables were found, so nothing was changed. A table needs a header row with a measure column and an actual (or result) column.',
    failedTitle: 'RAG Refresh could not finish',
    measures: { one: '1 measure', many: '{count} measures' },
    tables: { one: '1 table', many: '{count} tables' },
  },
  degraded: {
    printSetup:
      'Print setup was skipped because this version of Excel lacks page layout (ExcelApi 1.9): set landscape and fit to width by hand before printing.',
    merges: 'Merged cells could not be read in this version of Excel (ExcelApi 1.13), so merged headings are read cell by cell.',
    hiddenRowsColumns:
      'Hidden rows and columns could not be read in this version of Excel (ExcelApi 1.9), so measures in hidden rows are included.',
  },
  errors: {
    nothingChanged: 'Nothing was changed.',
    protectedSheet:
      'The sheet “{sheet}” is protected, so RAG Refresh cannot write {range}. Unprotect it (Review > Unprotect Sheet) and try again.',
    protectedWorkbook:
      'The workbook structure is protected, so RAG Refresh cannot add or remove the sheet “{sheet}”. Unprotect the workbook (Review > Protect Workbook) and try again.',
    occupied:
      'Cells {sheet}!{range} already hold your data where RAG Refresh would write its status columns. Move or clear those cells, or pick other columns in RAG settings.',
    merged:
      'Merged cells at {sheet}!{range} are where RAG Refresh would write its status columns. Unmerge them, or pick other columns in RAG settings.',
    insideTable:
      'The cells {sheet}!{range} belong to the table “{table}”, so RAG Refresh will not write a status column into them.',
    sheetMissing: 'The sheet “{sheet}” is no longer in the workbook. Refresh again.',
    tableMissing: 'The table “{table}” on the sheet “{sheet}” is no longer in the workbook. Refresh again.',
    tableMoved:
      'The table “{table}” on the sheet “{sheet}” has changed shape since it was read ({range}). Refresh again.',
    tableHasNoHeader:
      'The table “{table}” on the sheet “{sheet}” has its header row switched off, so status columns cannot be added to it. Turn on Header Row (Table Design) and try again.',
    columnNameTaken:
      'The table “{table}” already has a column called “{name}”. Rename that column, or rename the status column in RAG settings.',
    tableNeighbours:
      'Taking RAG Refresh’s columns out of the table “{table}” would move your cells {sheet}!{range}, right of the table, to the left: this version of Excel can only remove table columns by shifting the cells beside them (shrinking a table in place needs Excel JavaScript API 1.13). Move those cells out of the table’s rows, or use Excel for Microsoft 365 or Excel on the web, and try again.',
    badSheetName: '“{sheet}” cannot be used as a sheet name in Excel. Choose another name in RAG settings.',
    sheetNameTaken:
      'There is already a sheet called “{sheet}” that RAG Refresh did not create, so the exception summary cannot replace it. Rename that sheet, or choose another name for the summary in RAG settings.',
    tableNameTaken:
      'The workbook already has a table called “{table}”, so the exception summary cannot use that name. Choose another in RAG settings.',
    tableNameIsDefinedName:
      'The workbook already has a defined name “{table}” (Formulas > Name Manager), and a table cannot share a name with one, so the exception summary cannot use it. Rename or delete that name, or choose another summary name in RAG settings.',
    badTableName:
      '“{table}” cannot be used as a table name in Excel (it must start with a letter or underscore, use only letters, digits, full stops and underscores, and not look like a cell reference). Choose another in RAG settings.',
    cellEditMode:
      'Excel is editing a cell. Press Enter or Esc to finish editing, then select Refresh RAG again. Nothing was changed.',
    payload:
      'The workbook is too large to update in one request in Excel on the web, and splitting it did not help. Try Excel for Windows or Mac.',
    apiMissing:
      'This version of Excel lacks features RAG Refresh needs (Excel JavaScript API {version}). Use Excel for Microsoft 365, Excel 2019 or later, or Excel on the web.',
    configErrors:
      'The RAG settings saved in this workbook have problems, so nothing was changed: {errors} Open RAG settings to fix them.',
    excelRejected: 'Excel rejected the update ({code}: {message}). Nothing was changed.',
    partial:
      'Excel stopped part-way through writing ({code}: {message}). Some status columns may be incomplete: select Refresh RAG again to finish the update.',
    unexpected: 'Something went wrong: {message}',
    moreProblems: '({count} more problems of the same kind.)',
  },
} as const;
