/** Texts of the refresh itself. */
export const refresh = {
  allMeasures: 'All measures',
  languageUnavailable: 'The workbook asks for its RAG Refresh text in "{language}", which this version does not have; it is written in {used}.',
  savedInvalid:
    'The RAG Refresh settings saved in this workbook cannot be used ({count} problem(s), listed below). Nothing has been changed. You can refresh with the default settings instead: your saved settings will be kept aside in the workbook, not lost.',
  savedSetAside: 'The saved settings could not be used, so this refresh used the default settings. The old settings are kept in the workbook.',
} as const;
