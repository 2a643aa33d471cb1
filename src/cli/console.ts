/**
 * The terminal side of the command line: text from a workbook made safe to print (no
 * control characters, no endless values), and writers that survive a closed pipe
 * (`rag-refresh … | head`): printing stops, the refresh goes on.
 */

/** Control characters but tab and line feed (what may reach the terminal in the CLI's own layout). */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** Control characters but tab (a value from a workbook prints on one line). */
// eslint-disable-next-line no-control-regex
const VALUE_CONTROLS = /\r\n|[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g;

/** The longest quoted value ("…") printed whole, in characters. */
export const MAX_QUOTED = 60;
/** The longest value or message from a workbook printed whole, in characters. */
export const MAX_PRINTED = 300;

/** A visible stand-in for a control character: its Unicode control picture (␛ for ESC, ␇ for BEL), or � for C1 controls. */
function picture(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c < 0x20) return String.fromCharCode(0x2400 + c);
  if (c === 0x7f) return '\u2421';
  return '\ufffd';
}

/** `text` cut to `max` characters, ending in "…" when cut (a character of two UTF-16 units is never split). */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return text.slice(0, end) + '…';
}

/** Whole text for the terminal: control characters but tab and line feed shown as pictures. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROLS, picture);
}

/**
 * A value or message from a workbook as one printed line: line breaks become spaces, other
 * control characters (but tab) pictures, quoted values longer than MAX_QUOTED are cut, and
 * the whole to `max` characters.
 */
export function show(text: string, max = MAX_PRINTED): string {
  let s = text.replace(VALUE_CONTROLS, (ch) => (ch === '\n' || ch === '\r' || ch === '\r\n' ? ' ' : picture(ch)));
  if (s.length > MAX_QUOTED + 2) s = s.replace(/"([^"]*)"/g, (whole, inner: string) => (inner.length > MAX_QUOTED ? `"${cut(inner, MAX_QUOTED)}"` : whole));
  return cut(s, max);
}

/** What the writers below need of a stream (process.stdout, process.stderr). */
export interface ConsoleStream {
  write(text: string): unknown;
  on(event: 'error', listener: (e: Error) => void): unknown;
}

/**
 * A line writer on a console stream. When the stream fails (EPIPE: the reader went away,
 * as `head` does; EIO: the terminal closed), printing to it stops quietly and nothing is
 * thrown: the workbooks are still refreshed and the exit code is what it would have been.
 */
export function consoleWriter(stream: ConsoleStream): (text: string) => void {
  let open = true;
  stream.on('error', () => {
    open = false;
  });
  return (text) => {
    if (!open) return;
    try {
      stream.write(text.endsWith('\n') ? text : text + '\n');
    } catch {
      open = false;
    }
  };
}
