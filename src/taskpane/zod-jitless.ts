/**
 * The first import of the pane's entry (index.tsx) and of the ribbon command's
 * (webpack.config.js puts it before src/commands/commands.ts).
 *
 * zod 4 compiles object parsers with `new Function` where it may, and finds out whether it
 * may by trying it when each object schema is made: at module load, for the configuration
 * schemas. The pages' Content Security Policy has no 'unsafe-eval', so the try would be
 * refused and reported as a violation (zod then falls back). With `jitless`, zod never tries:
 * this must run before any schema module is evaluated, hence its own module, imported first.
 */
import { z } from 'zod';

z.config({ jitless: true });
