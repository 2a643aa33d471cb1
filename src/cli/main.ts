/** Entry point of the `rag-refresh` command. */
import { fmt, messages } from '../core/messages';
import { consoleWriter } from './console';
import { localIsoNow, run } from './run';

declare const RAG_REFRESH_VERSION: string;

// A closed pipe (`rag-refresh … | head`) stops the printing, never the refresh.
const stdout = consoleWriter(process.stdout);
const stderr = consoleWriter(process.stderr);

run(process.argv.slice(2), {
  stdout,
  stderr,
  now: () => localIsoNow(),
  version: typeof RAG_REFRESH_VERSION === 'string' ? RAG_REFRESH_VERSION : '0.0.0',
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    stderr(fmt(messages.cli.unexpected, { error: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
    process.exitCode = 1;
  },
);
