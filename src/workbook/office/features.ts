/**
 * Which Excel JavaScript API requirement sets the Office shell needs.
 *
 * The manifest declares DECLARED_EXCEL_API: the lowest set that covers every
 * API the core flow uses without a guard (the first and next worksheet for the
 * one-round-trip read are 1.5; conditional formats and calculation suspension are
 * 1.6; a hyperlink to a cell, freeze panes and workbook protection are 1.7; the
 * shell addresses ranges in A1 with getRange, never getRangeByIndexes). Office
 * 2019 stops at 1.8, so anything newer is
 * an OPTIONAL feature: detected at run time with isSetSupported and, where the
 * host lacks it, skipped with a note to the user instead of failing.
 *
 * test/manifest/requirements.test.ts resolves every Excel API member the shell
 * and the ribbon command use against @types/office-js and fails when one needs
 * more than DECLARED_EXCEL_API outside an `if (caps.<feature>)` guard whose
 * feature below is at least as new.
 */

export const DECLARED_EXCEL_API = '1.7';

export const OPTIONAL_FEATURES = {
  /** Landscape, fit to width and repeated header rows on the exception sheet (PageLayout). */
  printSetup: '1.9',
  /** Hidden rows and columns, read from the visible cells of the used range (getSpecialCells). */
  hiddenRowsColumns: '1.9',
  /** All the exception sheet's links in one call (setCellProperties) instead of one call per link. */
  cellProperties: '1.9',
  /** Merged areas of the used range (getMergedAreasOrNullObject). */
  merges: '1.13',
  /**
   * Table.resize: shrinks a table back without moving the cells right of it (write.ts
   * tableEditSteps; without it, table columns are deleted when nothing is in the way).
   */
  tableResize: '1.13',
} as const;

export type OptionalFeature = keyof typeof OPTIONAL_FEATURES;
/** Optional features whose absence the user is told about (the others only cost speed). */
export type DegradedFeature = Exclude<OptionalFeature, 'cellProperties' | 'tableResize'>;
export type Capabilities = Record<OptionalFeature, boolean>;

/** Office.context.requirements.isSetSupported, or a stand-in in tests. */
export type IsSetSupported = (name: string, minVersion?: string) => boolean;

export function detectCapabilities(isSetSupported: IsSetSupported): Capabilities {
  const caps = {} as Capabilities;
  for (const key of Object.keys(OPTIONAL_FEATURES) as OptionalFeature[]) {
    caps[key] = safeCheck(isSetSupported, OPTIONAL_FEATURES[key]);
  }
  return caps;
}

/** True when the host has every API the core flow uses. */
export function hostHasDeclaredSet(isSetSupported: IsSetSupported): boolean {
  return safeCheck(isSetSupported, DECLARED_EXCEL_API);
}

function safeCheck(isSetSupported: IsSetSupported, version: string): boolean {
  try {
    return isSetSupported('ExcelApi', version) === true;
  } catch {
    return false;
  }
}

/** Every optional feature on: a host with the newest sets (tests, benchmarks). */
export const ALL_CAPABILITIES: Capabilities = { printSetup: true, hiddenRowsColumns: true, cellProperties: true, merges: true, tableResize: true };

export function compareVersions(a: string, b: string): number {
  const [am, an = '0'] = a.split('.');
  const [bm, bn = '0'] = b.split('.');
  return Number(am) - Number(bm) || Number(an) - Number(bn);
}
