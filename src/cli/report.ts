/**
 * The --report JSON, written as the workbooks are refreshed: each workbook's section goes
 * to a temporary file beside the report as soon as it is known, so a call over many
 * workbooks keeps no more than one workbook's results in memory. At the end the failures
 * are added and the file is renamed into place; on any failure the temporary file is
 * removed and no partial report is left behind.
 *
 * The text is exactly JSON.stringify({ files, failed }, null, 2).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** JSON.stringify(value, null, 2) for a value written `depth` levels deep in a 2-space layout. */
function nested(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, '\n' + '  '.repeat(depth));
}

export class ReportWriter {
  private files = 0;
  private error: unknown = null;
  private pending: Promise<void> = Promise.resolve();

  private constructor(
    readonly target: string,
    private readonly tmp: string,
    private readonly handle: fs.FileHandle,
  ) {}

  /** Creates the temporary file beside `target` (fails now when the folder is missing or read-only). */
  static async open(target: string): Promise<ReportWriter> {
    const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
    const handle = await fs.open(tmp, 'wx');
    const writer = new ReportWriter(target, tmp, handle);
    writer.write('{\n  "files": [');
    return writer;
  }

  private write(text: string): void {
    this.pending = this.pending.then(async () => {
      if (this.error !== null) return;
      try {
        await this.handle.writeFile(text, 'utf8');
      } catch (e) {
        this.error = e;
      }
    });
  }

  /** Adds one workbook's section (written in order, in the background). */
  addFile(section: unknown): void {
    this.write(`${this.files++ === 0 ? '\n' : ',\n'}    ${nested(section, 2)}`);
  }

  /** Adds the failures, closes and renames into place; on failure removes the temporary file and throws. */
  async finish(failed: unknown[]): Promise<void> {
    this.write(`${this.files > 0 ? '\n  ' : ''}],\n  "failed": ${nested(failed, 1)}\n}`);
    await this.pending;
    try {
      if (this.error !== null) throw this.error;
      await this.handle.sync();
      await this.handle.close();
      await fs.rename(this.tmp, this.target);
    } catch (e) {
      await this.abort();
      throw e;
    }
  }

  /** Gives up: the temporary file is removed. */
  async abort(): Promise<void> {
    await this.pending;
    await this.handle.close().catch(() => undefined);
    await fs.rm(this.tmp, { force: true }).catch(() => undefined);
  }
}
