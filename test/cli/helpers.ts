/** Shared by the command-line tests: a captured console, temporary folders, workbooks changed at the zip level. */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CliIO } from '../../src/cli/run';

export function io() {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIO = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), now: () => '2026-01-15T09:30:00+00:00', version: '9.9.9' };
  return { cli, out, err, text: () => out.join('\n'), errors: () => err.join('\n') };
}

export function tmp(): string {
  return mkdtempSync(path.join(tmpdir(), 'rag-cli-'));
}

export function copy(src: string, dir: string, name = path.basename(src)): string {
  const to = path.join(dir, name);
  copyFileSync(src, to);
  return to;
}

/** A workbook's parts changed: `edit` gets every part's text (or bytes) by name and may add, change or delete. */
export function editParts(file: string, edit: (parts: Record<string, Uint8Array>, text: (name: string) => string, put: (name: string, text: string) => void) => void): Uint8Array {
  const parts = unzipSync(new Uint8Array(readFileSync(file)));
  edit(
    parts,
    (name) => strFromU8(parts[name]!),
    (name, text) => {
      parts[name] = strToU8(text);
    },
  );
  return zipSync(parts);
}
