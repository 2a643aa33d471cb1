/**
 * The configuration document: one JSON object, validated with zod.
 *
 * Layers, later wins: built-in defaults < workbook ("settings") < table ("tables[]")
 * < measure ("measures[]") < threshold columns in the sheet (applied by the rules).
 */
import { z } from 'zod';

export const CONFIG_VERSION = 1;

/** A tolerance, margin or band: relative (% of the target / previous value) or absolute (same units as the value; percentage points for percentages). */
export interface Amount {
  type: 'relative' | 'absolute';
  value: number;
}

const AMOUNT_TEXT = /^\s*([+-]?\d+(?:\.\d+)?)\s*(%|pp|pts?|points?|percentage points?)?\s*$/i;

/** "10%" is relative; "2", "2pp", "2 points" are absolute; {"relative":10} / {"absolute":2} also work. */
export const amountSchema = z.union([
  z.number().nonnegative().transform((value): Amount => ({ type: 'absolute', value })),
  z.string().transform((text, ctx): Amount => {
    const m = AMOUNT_TEXT.exec(text);
    if (!m || Number(m[1]) < 0) {
      ctx.addIssue({
        code: 'custom',
        message: `expected an amount such as "10%" (relative to the target) or "2" / "2pp" (absolute), got "${text}"`,
      });
      return z.NEVER;
    }
    const unit = (m[2] ?? '').toLowerCase();
    return { type: unit === '%' ? 'relative' : 'absolute', value: Number(m[1]) };
  }),
  z.object({ relative: z.number().nonnegative() }).strict().transform((o): Amount => ({ type: 'relative', value: o.relative })),
  z.object({ absolute: z.number().nonnegative() }).strict().transform((o): Amount => ({ type: 'absolute', value: o.absolute })),
  z.object({ type: z.enum(['relative', 'absolute']), value: z.number().nonnegative() }).strict(),
]);

export const polaritySchema = z.enum(['higher', 'lower', 'range', 'none']);
export const spcPresetSchema = z.enum(['plotthedots', 'nhse-2024']);
export const overallRuleSchema = z.enum(['mean-score', 'worst', 'majority', 'red-share']);
export const forecastMethodSchema = z.enum(['linear', 'average', 'latest', 'cumulative', 'off']);
export const statusColumnKeySchema = z.enum(['rag', 'direction', 'forecast', 'variance', 'variancePercent', 'variation', 'assurance']);
export const roleSchema = z.enum([
  'ref', 'measure', 'actual', 'target', 'annualTarget', 'previous', 'lastYear', 'polarity', 'amberThreshold',
  'redThreshold', 'tolerance', 'directorate', 'service', 'priority', 'owner', 'commentary', 'complete', 'unit',
  'userRag', 'period', 'ignore',
]);

/** Settings that every layer may set. All optional here; defaults fill the gaps. */
export const settingsShape = {
  tolerance: amountSchema.optional(),
  polarity: polaritySchema.optional(),
  inferPolarityFromName: z.boolean().optional(),
  brag: z
    .object({ enabled: z.boolean().optional(), margin: amountSchema.optional() })
    .strict()
    .optional(),
  directionOfTravel: z
    .object({
      compareWith: z.enum(['previous', 'same-period-last-year']).optional(),
      sustainedBand: amountSchema.optional(),
    })
    .strict()
    .optional(),
  forecast: z
    .object({ method: forecastMethodSchema.optional(), yearStartMonth: z.number().int().min(1).max(12).optional() })
    .strict()
    .optional(),
  statisticalTrend: z
    .object({
      enabled: z.boolean().optional(),
      preset: spcPresetSchema.optional(),
      shiftLength: z.number().int().min(2).max(30).optional(),
      trendLength: z.number().int().min(2).max(30).optional(),
      screenOutliers: z.boolean().optional(),
      twoOfThreeIncludesBeyondLimits: z.boolean().optional(),
      targetOnLimit: z.enum(['hit-and-miss', 'pass-fail']).optional(),
      minimumPoints: z.number().int().min(2).max(1000).optional(),
      baselinePoints: z.number().int().min(12).optional(),
      /** Period labels (as in the headers) where a new process starts. */
      rebaseAt: z.array(z.string()).optional(),
    })
    .strict()
    .optional(),
  overallRag: z
    .object({
      rule: overallRuleSchema.optional(),
      /** red-share rule: Red when at least this % of rated measures are red. */
      redShareForRed: z.number().min(0).max(100).optional(),
      /** red-share rule: Amber when at least this % are red (and not Red). */
      redShareForAmber: z.number().min(0).max(100).optional(),
    })
    .strict()
    .optional(),
};

export const settingsSchema = z.object(settingsShape).strict();

export const tableConfigSchema = z
  .object({
    sheet: z.string().min(1),
    /** A1 range of the table including its header row(s), e.g. "A4:M40". Forces a table where detection finds none. */
    range: z.string().regex(/^\$?[A-Za-z]{1,3}\$?\d+:\$?[A-Za-z]{1,3}\$?\d+$/, 'expected an A1 range such as "A4:M40"').optional(),
    /** Name of the Excel table (ListObject). */
    excelTable: z.string().optional(),
    /** false leaves a detected table alone. */
    include: z.boolean().optional(),
    /** 1-based row number of the (last) header row. */
    headerRow: z.number().int().min(1).optional(),
    /** Header text or column letter -> role. */
    columns: z.record(z.string(), roleSchema).optional(),
    /** Header text of the period column to report (wide layouts). */
    currentPeriod: z.string().optional(),
    ...settingsShape,
  })
  .strict();

export const measureConfigSchema = z
  .object({
    ref: z.string().optional(),
    name: z.string().optional(),
    sheet: z.string().optional(),
    target: z.union([z.number(), z.string()]).optional(),
    ...settingsShape,
  })
  .strict()
  .refine((m) => m.ref !== undefined || m.name !== undefined, { message: 'a measure entry needs "ref" or "name"' });

export const outputSchema = z
  .object({
    exceptionSheet: z.string().min(1).max(31).regex(/^[^\\/?*[\]:]+$/, 'a sheet name cannot contain \\ / ? * [ ] :').optional(),
    columns: z.array(statusColumnKeySchema).optional(),
    groupBy: z.enum(['directorate', 'service', 'priority', 'table']).optional(),
    language: z.string().optional(),
  })
  .strict();

export const detectionSchema = z
  .object({
    includeHiddenSheets: z.boolean().optional(),
    excludeSheets: z.array(z.string()).optional(),
    onlySheets: z.array(z.string()).optional(),
  })
  .strict();

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    version: z.number().int().min(1).optional(),
    settings: settingsSchema.optional(),
    tables: z.array(tableConfigSchema).optional(),
    measures: z.array(measureConfigSchema).optional(),
    output: outputSchema.optional(),
    detection: detectionSchema.optional(),
  })
  .strict();

export type SettingsLayer = z.output<typeof settingsSchema>;
export type TableConfig = z.output<typeof tableConfigSchema>;
export type MeasureConfig = z.output<typeof measureConfigSchema>;
export type RagConfig = z.output<typeof configSchema>;
/** The configuration as written in JSON (before amounts are normalised). */
export type RagConfigInput = z.input<typeof configSchema>;

export type SpcPreset = z.output<typeof spcPresetSchema>;
export type OverallRule = z.output<typeof overallRuleSchema>;
export type ForecastMethod = z.output<typeof forecastMethodSchema>;

/** Fully resolved settings for one measure (every layer applied). */
export interface Settings {
  tolerance: Amount;
  polarity: 'higher' | 'lower' | 'range' | 'none';
  inferPolarityFromName: boolean;
  brag: { enabled: boolean; margin: Amount };
  directionOfTravel: { compareWith: 'previous' | 'same-period-last-year'; sustainedBand: Amount };
  forecast: { method: ForecastMethod; yearStartMonth: number };
  statisticalTrend: {
    enabled: boolean;
    preset: SpcPreset;
    shiftLength: number;
    trendLength: number;
    screenOutliers: boolean;
    twoOfThreeIncludesBeyondLimits: boolean;
    targetOnLimit: 'hit-and-miss' | 'pass-fail';
    minimumPoints: number;
    baselinePoints: number | null;
    rebaseAt: string[];
  };
  overallRag: { rule: OverallRule; redShareForRed: number; redShareForAmber: number };
}
