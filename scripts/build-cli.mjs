// Bundles the command line (src/cli/main.ts) into dist/cli.js with esbuild.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
await build({
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: 'dist/cli.js',
  sourcemap: true,
  minify: true,
  logLevel: 'warning',
  define: { RAG_REFRESH_VERSION: JSON.stringify(pkg.version) },
});

// The library as one CommonJS bundle, for the benchmarks and for plain Node scripts.
await build({
  entryPoints: ['src/index.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: 'dist/rag-refresh.cjs',
  sourcemap: true,
  minify: true,
  logLevel: 'warning',
});
