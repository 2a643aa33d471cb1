/** Entry point of the `rag-refresh` command. */
import { localIsoNow, run } from './run';

declare const RAG_REFRESH_VERSION: string;

run(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  stderr: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
  now: () => localIsoNow(),
  version: typeof RAG_REFRESH_VERSION === 'string' ? RAG_REFRESH_VERSION : '0.0.0',
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`rag-refresh: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
