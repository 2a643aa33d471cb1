/** Running the real refresh over a generated workbook, through the file shell and through the Office shell's double. */
import { clearPlan, refresh } from '../../src/core/refresh';
import type { RagConfig } from '../../src/core/config/schema';
import type { RefreshOutcome, WorkbookSnapshot } from '../../src/core/types';
import { applyPlan, readWorkbook } from '../../src/workbook/xlsx';
import type { ExcelDouble } from '../office/double/excel-double';
import { doubleFromSnapshot } from '../office/helpers';
import { configOf, layOut, toXlsx, type BookModel, type BookRecipe } from './workbook-gen';

export const NOW = '2025-04-01T09:00:00+01:00';
export const APP_VERSION = '0.1.0';

/** Runs and seed: fixed, so CI sees the same cases; PROPERTY_RUNS / PROPERTY_SEED to explore. fast-check prints the seed and path of a failure. */
export function runs(numRuns: number): { numRuns: number; seed: number } {
  return { numRuns: Number(process.env.PROPERTY_RUNS ?? numRuns), seed: Number(process.env.PROPERTY_SEED ?? 20250401) };
}

export interface Generated {
  model: BookModel;
  bytes: Uint8Array;
  config: RagConfig | undefined;
}

export function generate(recipe: BookRecipe): Generated {
  const model = layOut(recipe);
  return { model, bytes: toXlsx(model), config: configOf(model) };
}

export function refreshFile(bytes: Uint8Array, config: RagConfig | undefined): { outcome: RefreshOutcome; out: Uint8Array } {
  const book = readWorkbook(bytes);
  const outcome = refresh(book.snapshot, { now: NOW, appVersion: APP_VERSION, ...(config ? { config } : {}) });
  return { outcome, out: applyPlan(book.pkg, outcome.plan) };
}

export function clearFile(bytes: Uint8Array): Uint8Array {
  const book = readWorkbook(bytes);
  return applyPlan(book.pkg, clearPlan(book.snapshot));
}

/** An Excel double holding what the snapshot holds (the Office tests' own seeding). */
export const doubleFrom = (snapshot: WorkbookSnapshot, options: { workbookProtected?: boolean } = {}): ExcelDouble => doubleFromSnapshot(snapshot, options);
