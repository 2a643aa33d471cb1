/**
 * What reaches the terminal: no control characters from a workbook, no endless values,
 * and a closed pipe (`rag-refresh … | head`) that stops the printing but not the refresh.
 */
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { consoleWriter, cut, MAX_PRINTED, MAX_QUOTED, show, terminalSafe } from '../../src/cli/console';
import { run } from '../../src/cli/run';
import { ROOT, SAMPLE, workbookOf } from '../helpers/workbooks';
import { copy, editParts, io, tmp } from './helpers';

describe('text for the terminal', () => {
  test('control characters but tab become visible pictures; line breaks in a value become spaces', () => {
    expect(terminalSafe('a\u001b[31;1mred\u0007\tb\nc\r')).toBe('a\u241b[31;1mred\u2407\tb\nc\u240d');
    expect(terminalSafe('C1 \u009b and DEL \u007f')).toBe('C1 \ufffd and DEL \u2421');
    expect(show('two\r\nlines\nand\ra tab\there\u001b')).toBe('two lines and a tab\there\u241b');
  });

  test('long quoted values are cut with "…", and so is a long whole', () => {
    const long = 'x'.repeat(40000);
    const s = show(`"${long}" in C22 is not a number`);
    expect(s).toBe(`"${'x'.repeat(MAX_QUOTED - 1)}…" in C22 is not a number`);
    expect(show('y'.repeat(1000))).toHaveLength(MAX_PRINTED);
    expect(show('y'.repeat(1000)).endsWith('…')).toBe(true);
    expect(show('short "quoted" text')).toBe('short "quoted" text');
    // a character of two UTF-16 units is not split
    expect(cut('ab😀cd', 4)).toBe('ab…');
  });
});

describe('printing to a stream that has gone away', () => {
  class FakeStream extends EventEmitter {
    written: string[] = [];
    write(text: string): boolean {
      this.written.push(text);
      return true;
    }
  }

  test('after an error event the writer stops quietly', () => {
    const stream = new FakeStream();
    const write = consoleWriter(stream);
    write('one');
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    write('two');
    expect(stream.written).toEqual(['one\n']);
  });

  test('a write that throws stops it too, without throwing', () => {
    const stream = new FakeStream();
    stream.write = () => {
      throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    };
    const write = consoleWriter(stream);
    expect(() => write('one')).not.toThrow();
    expect(() => write('two')).not.toThrow();
  });

  test('the command with its output closed early (as `| head` does) refreshes every workbook and exits 0', async () => {
    const dir = tmp();
    const cli = path.join(dir, 'cli.js');
    await build({ entryPoints: [path.join(ROOT, 'src/cli/main.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: cli, logLevel: 'silent' });
    const inputs = ['s1', 's2', 's3', 's4'].map((n) => copy(SAMPLE, dir, `${n}.xlsx`));
    for (const closed of [['stdout'], ['stdout', 'stderr']] as const) {
      const out = path.join(dir, `out-${closed.length}`);
      mkdirSync(out);
      const child = spawn(process.execPath, [cli, ...inputs, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      if (closed.includes('stderr' as never)) child.stderr.destroy();
      else child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout.destroy();
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect({ closed, code, stderr: stderr.replace(/Reading .*\n/g, '') }).toEqual({ closed, code: 0, stderr: '' });
      expect(readdirSync(out).sort()).toEqual(['s1.xlsx', 's2.xlsx', 's3.xlsx', 's4.xlsx']);
    }
  });
});

describe('a workbook with control characters and a huge cell', () => {
  test('prints no control character and no endless line', async () => {
    const dir = tmp();
    const bytes = await workbookOf([
      {
        name: 'KPIs',
        grid: [
          ['Ref', 'Measure', 'Actual', 'Target'],
          ['K1', 'Red ESC[31;1malertBEL measure', 10, 100],
          ['K2', 'Huge cell', 'x'.repeat(40000), 100],
          ['K3', 'Line\nbreak', 5, 100],
        ],
      },
    ]);
    const input = path.join(dir, 'esc.xlsx');
    writeFileSync(input, bytes);
    // ESC and BEL as Excel stores them in text ("_x001B_"), which the reader decodes
    writeFileSync(input, editParts(input, (_parts, text, put) => put('xl/sharedStrings.xml', text('xl/sharedStrings.xml').replace('ESC', '_x001B_').replace('BEL', '_x0007_'))));
    const o = io();
    expect(await run([input], o.cli)).toBe(0);
    const text = o.text();
    expect(text).toMatch(/K1 Red \u241b\[31;1malert\u2407 measure/);
    expect(text).toMatch(/K3 Line break/);
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(text).toMatch(/"x{59}…"/);
    for (const line of text.split('\n')) expect(line.length).toBeLessThan(MAX_PRINTED + 40);
    expect(existsSync(path.join(dir, 'esc-refreshed.xlsx'))).toBe(true);
  });
});
