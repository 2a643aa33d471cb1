/**
 * A test double of the Excel JavaScript API, behaving like Excel where the
 * Office shell depends on it:
 *
 * - Proxy objects. Reading a property throws PropertyNotLoaded until it was
 *   loaded AND a context.sync() ran; loaded values are what the workbook held
 *   when the load ran in the batch.
 * - Writes are queued and take effect at sync, in order.
 * - A request refused as a whole (cell-edit mode, a payload over Excel on the
 *   web's 5 MB, an injected failure) changes nothing. An operation failing
 *   inside a batch (a protected sheet, a very hidden sheet deleted, a bad
 *   argument) stops the batch there: the operations before it stand, as in
 *   Excel, which has no transactions.
 * - Counters: syncs, queued operations, request and response bytes (as JSON).
 * - Typed against @types/office-js: every class implements Pick<Excel.X, ...>
 *   of the members it has, so its signatures are Excel's; the shell sees only
 *   Excel types.
 * - With `apiVersion`, members from a newer ExcelApi requirement set fail with
 *   ApiNotFound, as on an older Excel; isSetSupported answers accordingly.
 * - Office.context as the shell uses it (`office`): the document settings
 *   (Office.Settings: an in-memory copy, get/set/remove, saveAsync that
 *   persists it without a context.sync()) and the platform ("OfficeOnline" on
 *   the web, "PC" on the desktop); `documentSettings: false` for a host
 *   without them.
 * - Calculation: a batch run with calculation suspended
 *   (suspendApiCalculationUntilNextSync) is followed by a recalculation when
 *   the sync ends, as Microsoft's performance article shows ("calculation is
 *   resumed after last sync"); `recalculations` counts them.
 */
import {
  MAX_COL,
  MAX_ROW,
  a1,
  cellKey,
  colName,
  isEmptyCell,
  keyCol,
  keyRow,
  newSheet,
  parseA1,
  rectA1,
  rectInside,
  rectIntersects,
  sheetRef,
  type CellFormat,
  type CellModel,
  type ConditionalFormatModel,
  type HyperlinkModel,
  type Rect,
  type SheetModel,
  type TableModel,
  type WorkbookModel,
} from './model';

export class DoubleOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message: string, location?: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, ...(location ? { errorLocation: location } : {}) };
  }
}

const fail = (code: string, message: string, location?: string): never => {
  throw new DoubleOfficeError(code, message, location);
};

export interface ExcelDoubleOptions {
  /** 'web' enforces Excel on the web's payload limits. Default 'desktop'. */
  host?: 'desktop' | 'web';
  /** The newest ExcelApi set the host has, e.g. '1.8' for Office 2019. Default: every set. */
  apiVersion?: string;
  /** Request and response limit on the web (bytes). Default 5 MB. */
  payloadLimitBytes?: number;
  /** Cells one read may return. Default 5,000,000. */
  maxCellsPerRead?: number;
  /** Office.context.document.settings exists (false: an old host without it). Default true. */
  documentSettings?: boolean;
}

export interface SyncStats {
  operations: number;
  writes: number;
  requestBytes: number;
  responseBytes: number;
  /** suspendApiCalculationUntilNextSync() was called in this batch. */
  calculationSuspended: boolean;
  /** The request was refused or an operation failed. */
  error: string | null;
}

export interface DoubleStats {
  syncs: number;
  operations: number;
  requestBytes: number;
  responseBytes: number;
  perSync: SyncStats[];
}

interface Op {
  kind: 'load' | 'set' | 'method';
  path: string;
  name: string;
  args: unknown;
  write: boolean;
  /** Member key "Interface.member" for the requirement-set check. */
  member: string;
  apply: () => void;
}

type ApiSetLookup = (member: string) => string | null;

/** Office.context.document.settings: an in-memory copy of the add-in's settings, persisted to the document by saveAsync. */
export class DSettings implements Pick<Office.Settings, 'get' | 'set' | 'remove' | 'saveAsync'> {
  private memory = new Map<string, string>();
  /** What saveAsync last persisted in the document (JSON per setting). */
  document = new Map<string, string>();
  saves = 0;
  private failNext: string | null = null;

  get(name: string): any {
    const v = this.memory.get(name);
    return v === undefined ? null : JSON.parse(v);
  }
  set(name: string, value: any): void {
    // Stored as the serialised JSON of its value, as Office does.
    this.memory.set(name, JSON.stringify(value));
  }
  remove(name: string): void {
    this.memory.delete(name);
  }
  saveAsync(
    optionsOrCallback?: Office.SaveSettingsOptions | ((result: Office.AsyncResult<void>) => void),
    callback?: (result: Office.AsyncResult<void>) => void,
  ): void {
    const cb = typeof optionsOrCallback === 'function' ? optionsOrCallback : callback;
    const failure = this.failNext;
    this.failNext = null;
    void Promise.resolve().then(() => {
      if (failure === null) {
        this.saves++;
        this.document = new Map(this.memory);
      }
      const result = failure === null ? { status: 'succeeded', value: undefined } : { status: 'failed', value: undefined, error: { name: failure, message: failure, code: 5001 } };
      cb?.(result as unknown as Office.AsyncResult<void>);
    });
  }
  /** The next saveAsync fails (its callback gets a failed result; nothing is persisted). */
  failNextSave(name = 'Internal Error'): this {
    this.failNext = name;
    return this;
  }
  /** The document reopened: the in-memory copy is what was last saved. */
  reopen(): void {
    this.memory = new Map(this.document);
  }
}

export class ExcelDouble {
  readonly model: WorkbookModel = { sheets: [], tables: [], names: [], protected: false, nextId: 1 };
  readonly options: Required<Omit<ExcelDoubleOptions, 'apiVersion'>> & { apiVersion: string | null };
  /** Office.context.document.settings, or null on a host without them. */
  readonly settings: DSettings | null;
  /** Recalculations that ran: after a suspended batch, or asked for by calculate() outside one. */
  recalculations = 0;
  stats: DoubleStats = { syncs: 0, operations: 0, requestBytes: 0, responseBytes: 0, perSync: [] };
  /** Every operation of the last batch sent, for tests that look at what was queued. */
  lastBatch: { kind: string; path: string; name: string }[] = [];
  /** Number of Recalculate requests. */
  calculations = 0;

  private queue: Op[] = [];
  /** Proxies holding values loaded in the batch being synced, delivered when it succeeds. */
  readonly pendingLoads = new Set<{ commitPending(): void; discardPending(): void }>();
  private responseBytes = 0;
  private suspended = false;
  private cellEditMode = false;
  private nextSyncFailure: { code: string; message: string } | null = null;
  private scheduledFailure: { at: number; code: string; message: string } | null = null;
  private operationFailure: { match: (op: { kind: string; name: string; path: string; index: number }) => boolean; code: string } | null = null;
  private apiSetOf: ApiSetLookup | null = null;
  readonly context: DContext;

  constructor(options: ExcelDoubleOptions = {}) {
    this.options = {
      host: options.host ?? 'desktop',
      apiVersion: options.apiVersion ?? null,
      payloadLimitBytes: options.payloadLimitBytes ?? 5 * 1024 * 1024,
      maxCellsPerRead: options.maxCellsPerRead ?? 5_000_000,
      documentSettings: options.documentSettings ?? true,
    };
    this.settings = this.options.documentSettings ? new DSettings() : null;
    this.context = new DContext(this);
  }

  /** Office.context as the shell takes it: the document settings and the platform. */
  get office(): { settings: DSettings | null; platform: string } {
    return { settings: this.settings, platform: this.options.host === 'web' ? 'OfficeOnline' : 'PC' };
  }

  /** True while the batch being run has calculation suspended. */
  get calculationSuspended(): boolean {
    return this.suspended;
  }

  /** The context as the shell sees it. */
  get requestContext(): Excel.RequestContext {
    return this.context as unknown as Excel.RequestContext;
  }

  /** Office.context.requirements.isSetSupported for this host. */
  isSetSupported = (name: string, minVersion?: string): boolean => {
    if (name !== 'ExcelApi') return false;
    if (!this.options.apiVersion || !minVersion) return true;
    return compareVersions(minVersion, this.options.apiVersion) <= 0;
  };

  /** Used by the requirement-set check when apiVersion is set (see api-sets.ts). */
  useApiSets(lookup: ApiSetLookup): this {
    this.apiSetOf = lookup;
    return this;
  }

  // ---------------------------------------------------------------- building a workbook (applies at once)

  addSheet(
    name: string,
    content: {
      rows?: (string | number | boolean | null)[][];
      origin?: string;
      numberFormats?: (string | null)[][];
      visibility?: 'Visible' | 'Hidden' | 'VeryHidden';
      protected?: boolean;
    } = {},
  ): SheetModel {
    const sheet = newSheet(this.model, name);
    sheet.visibility = content.visibility ?? 'Visible';
    sheet.protected = content.protected ?? false;
    const origin = parseA1(content.origin ?? 'A1').rect;
    (content.rows ?? []).forEach((row, i) =>
      row.forEach((v, j) => {
        const fmt = content.numberFormats?.[i]?.[j] ?? 'General';
        if ((v === null || v === '') && fmt === 'General') return;
        sheet.cells.set(cellKey(origin.top + i, origin.left + j), { value: v ?? '', numberFormat: fmt });
      }),
    );
    this.model.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): SheetModel {
    const s = this.model.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  addTable(sheetName: string, name: string, address: string, options: { showTotals?: boolean; style?: string } = {}): TableModel {
    const sheet = this.sheet(sheetName);
    const rect = parseA1(address).rect;
    const columns: string[] = [];
    for (let c = rect.left; c <= rect.right; c++) columns.push(String(sheet.cells.get(cellKey(rect.top, c))?.value ?? `Column${c - rect.left + 1}`));
    const table: TableModel = {
      id: this.model.nextId++,
      name,
      sheetId: sheet.id,
      range: rect,
      showHeaders: true,
      showTotals: options.showTotals ?? false,
      columns,
      style: options.style ?? 'TableStyleMedium2',
    };
    this.model.tables.push(table);
    return table;
  }

  cell(sheetName: string, address: string): CellModel | undefined {
    const r = parseA1(address).rect;
    return this.sheet(sheetName).cells.get(cellKey(r.top, r.left));
  }

  /** The value Excel's `values` would give (''-for-empty). */
  value(sheetName: string, address: string): string | number | boolean {
    return this.cell(sheetName, address)?.value ?? '';
  }

  // ---------------------------------------------------------------- failures

  /** The next sync is refused as a whole with this error: nothing of its batch is applied. */
  failNextSync(code: string, message = `Injected ${code}`): this {
    this.nextSyncFailure = { code, message };
    return this;
  }

  /** The sync with this 1-based number (counting from now) is refused as a whole. */
  failSyncNumber(n: number, code: string, message = `Injected ${code}`): this {
    this.scheduledFailure = { at: this.stats.syncs + n, code, message };
    return this;
  }

  /** The first queued operation matching fails (with the operations before it applied, as in Excel). */
  failOperation(match: (op: { kind: string; name: string; path: string; index: number }) => boolean, code = 'GeneralException'): this {
    this.operationFailure = { match, code };
    return this;
  }

  /** While on, every request is refused with InvalidOperationInCellEditMode. */
  setCellEditMode(on: boolean): this {
    this.cellEditMode = on;
    return this;
  }

  resetStats(): void {
    this.stats = { syncs: 0, operations: 0, requestBytes: 0, responseBytes: 0, perSync: [] };
  }

  // ---------------------------------------------------------------- the engine

  enqueue(op: Omit<Op, 'member'> & { member?: string }): void {
    this.queue.push({ member: op.member ?? op.name, ...op } as Op);
  }

  addResponseBytes(n: number): void {
    this.responseBytes += n;
  }

  markSuspended(): void {
    this.suspended = true;
  }

  async sync(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.responseBytes = 0;
    this.suspended = false;
    this.stats.syncs++;
    this.lastBatch = batch.map((o) => ({ kind: o.kind, path: o.path, name: o.name }));
    const requestBytes = batch.reduce((n, op) => n + JSON.stringify({ p: op.path, n: op.name, a: op.args ?? null }).length, 0);
    const entry: SyncStats = {
      operations: batch.length,
      writes: batch.filter((o) => o.write).length,
      requestBytes,
      responseBytes: 0,
      calculationSuspended: false,
      error: null,
    };
    this.stats.perSync.push(entry);
    this.stats.operations += batch.length;
    this.stats.requestBytes += requestBytes;
    await Promise.resolve();

    // Refusals of the whole request: nothing runs.
    const refuse = (code: string, message: string) => {
      entry.error = code;
      this.pendingLoads.clear();
      throw new DoubleOfficeError(code, message);
    };
    if (this.cellEditMode) refuse('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode.');
    if (this.scheduledFailure && this.scheduledFailure.at === this.stats.syncs) {
      const f = this.scheduledFailure;
      this.scheduledFailure = null;
      refuse(f.code, f.message);
    }
    if (this.nextSyncFailure) {
      const f = this.nextSyncFailure;
      this.nextSyncFailure = null;
      refuse(f.code, f.message);
    }
    if (this.options.host === 'web' && requestBytes > this.options.payloadLimitBytes) {
      refuse('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
    }

    // Run the operations in order; one failing stops the batch, earlier ones stand.
    for (let index = 0; index < batch.length; index++) {
      const op = batch[index];
      try {
        this.checkApiSet(op);
        const f = this.operationFailure;
        if (f && f.match({ kind: op.kind, name: op.name, path: op.path, index })) {
          this.operationFailure = null;
          fail(f.code, `Injected ${f.code} at ${op.path}.${op.name}`, op.path);
        }
        op.apply();
      } catch (error) {
        entry.error = error instanceof DoubleOfficeError ? error.code : 'GeneralException';
        entry.calculationSuspended = this.suspended;
        this.dropPendingLoads();
        if (error instanceof DoubleOfficeError) throw error;
        throw new DoubleOfficeError('GeneralException', String(error), op.path);
      }
    }
    entry.calculationSuspended = this.suspended;
    // Calculation resumes when the suspended batch's sync ends, and what it changed recalculates.
    if (this.suspended && entry.writes > 0) this.recalculations++;
    entry.responseBytes = this.responseBytes;
    this.stats.responseBytes += this.responseBytes;
    if (this.options.host === 'web' && this.responseBytes > this.options.payloadLimitBytes) {
      entry.error = 'ResponsePayloadSizeLimitExceeded';
      // The loaded values never arrive.
      this.dropPendingLoads();
      throw new DoubleOfficeError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
    }
    for (const o of this.pendingLoads) o.commitPending();
    this.pendingLoads.clear();
  }

  private dropPendingLoads(): void {
    for (const o of this.pendingLoads) o.discardPending();
    this.pendingLoads.clear();
  }

  private checkApiSet(op: Op): void {
    if (!this.options.apiVersion || !this.apiSetOf) return;
    const set = this.apiSetOf(op.member);
    if (set && compareVersions(set, this.options.apiVersion) > 0) {
      fail('ApiNotFound', `${op.member} needs ExcelApi ${set}; this host has ${this.options.apiVersion}.`, op.path);
    }
  }

  // ---------------------------------------------------------------- model helpers used by the proxies

  sheetById(id: number, path: string): SheetModel {
    return this.model.sheets.find((s) => s.id === id) ?? fail('ItemNotFound', 'The requested worksheet does not exist.', path);
  }

  tableById(id: number, path: string): TableModel {
    return this.model.tables.find((t) => t.id === id) ?? fail('ItemNotFound', 'The requested table does not exist.', path);
  }

  assertWritable(sheet: SheetModel, path: string): void {
    if (sheet.protected) fail('AccessDenied', `The sheet ${sheet.name} is protected.`, path);
  }

  assertStructureWritable(path: string): void {
    if (this.model.protected) fail('InvalidOperation', 'The workbook structure is protected.', path);
  }

  /** Counts cells read by a load and refuses more than Excel allows. */
  countRead(cells: number, path: string): void {
    if (cells > this.options.maxCellsPerRead) fail('ResponsePayloadSizeLimitExceeded', `A read of ${cells} cells is over the limit.`, path);
  }

  // ---------------------------------------------------------------- exporting the state (for the shells' contract test)

  exportState(): ExportedWorkbook {
    return exportWorkbook(this.model);
  }
}

// ==================================================================== export

export interface ExportedCell {
  value: string | number | boolean;
  numberFormat: string;
  formula?: string;
  hyperlink?: HyperlinkModel;
  format?: CellFormat;
}

export interface ExportedSheet {
  name: string;
  position: number;
  visibility: string;
  cells: Record<string, ExportedCell>;
  columnWidths: Record<string, number>;
  conditionalFormats: { range: string; type: string; rule: ConditionalFormatModel['rule']; format: ConditionalFormatModel['format'] }[];
  tables: { name: string; range: string; columns: string[]; style: string; showTotals: boolean }[];
  print: { orientation: string; fitToWidth: boolean; printTitleRows: string | null };
  freezeRows: number;
}

export interface ExportedWorkbook {
  sheets: ExportedSheet[];
}

export function exportWorkbook(model: WorkbookModel): ExportedWorkbook {
  return {
    sheets: model.sheets.map((s, position) => {
      const cells: Record<string, ExportedCell> = {};
      for (const [key, c] of [...s.cells].sort((a, b) => a[0] - b[0])) {
        if (isEmptyCell(c) && c.numberFormat === 'General' && !c.format && !c.hyperlink) continue;
        cells[a1(keyRow(key), keyCol(key))] = {
          value: c.value,
          numberFormat: c.numberFormat,
          ...(c.formula ? { formula: c.formula } : {}),
          ...(c.hyperlink ? { hyperlink: c.hyperlink } : {}),
          ...(c.format && Object.keys(c.format).length ? { format: c.format } : {}),
        };
      }
      const columnWidths: Record<string, number> = {};
      for (const [col, pts] of [...s.columnWidths].sort((a, b) => a[0] - b[0])) columnWidths[colName(col)] = pts;
      return {
        name: s.name,
        position,
        visibility: s.visibility,
        cells,
        columnWidths,
        conditionalFormats: s.conditionalFormats.map((cf) => ({ range: rectA1(cf.range), type: cf.type, rule: cf.rule, format: cf.format })),
        tables: model.tables
          .filter((t) => t.sheetId === s.id)
          .map((t) => ({ name: t.name, range: rectA1(t.range), columns: [...t.columns], style: t.style, showTotals: t.showTotals })),
        print: {
          orientation: s.pageLayout.orientation,
          fitToWidth: s.pageLayout.zoom?.horizontalFitToPages === 1,
          printTitleRows: s.pageLayout.printTitleRows,
        },
        freezeRows: s.freezeRows,
      };
    }),
  };
}

// ==================================================================== proxies

function compareVersions(a: string, b: string): number {
  const [am, an = '0'] = a.split('.');
  const [bm, bn = '0'] = b.split('.');
  return Number(am) - Number(bm) || Number(an) - Number(bn);
}

function parseLoad(arg: unknown): string[] {
  if (arg === undefined || arg === null) return [];
  if (typeof arg === 'string') return arg.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(arg)) return arg.flatMap((a) => parseLoad(a));
  if (typeof arg === 'object' && 'select' in (arg as object)) return parseLoad((arg as { select?: string }).select);
  if (typeof arg === 'object') return Object.keys(arg as object).filter((k) => (arg as Record<string, unknown>)[k]);
  return [];
}

const ex = <T>(o: unknown): T => o as T;

/** Base of every proxy: loaded properties, queued loads, null objects. */
abstract class DObject {
  private loaded = new Map<string, unknown>();
  private pending = new Map<string, unknown>();
  protected nullState: boolean | undefined = undefined;
  private pendingNull: boolean | undefined = undefined;

  constructor(
    readonly x: ExcelDouble,
    readonly path: string,
    readonly typeName: string,
  ) {}

  /** Scalar properties `load()` with no argument loads. */
  protected abstract scalarNames(): string[];
  /** The scalar's value now, from the model. */
  protected abstract scalar(name: string): unknown;
  /** Navigation properties (child objects). */
  protected nav(_name: string): DObject | undefined {
    return undefined;
  }

  /** The object does not exist (an *OrNullObject that found nothing). */
  protected isNullNow(): boolean {
    return false;
  }

  protected prop<T>(name: string): T {
    if (this.nullState === true) return null as T;
    if (!this.loaded.has(name)) {
      throw new DoubleOfficeError(
        'PropertyNotLoaded',
        `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
        `${this.typeName}.${name}`,
      );
    }
    return this.loaded.get(name) as T;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) {
      throw new DoubleOfficeError('PropertyNotLoaded', 'isNullObject is known only after context.sync().', `${this.typeName}.isNullObject`);
    }
    return this.nullState;
  }

  setLoaded(name: string, value: unknown): void {
    this.pending.set(name, value);
    this.x.pendingLoads.add(this);
  }

  setNull(isNull: boolean): void {
    this.pendingNull = isNull;
    this.x.pendingLoads.add(this);
  }

  commitPending(): void {
    for (const [k, v] of this.pending) this.loaded.set(k, v);
    this.pending.clear();
    if (this.pendingNull !== undefined) this.nullState = this.pendingNull;
    this.pendingNull = undefined;
  }

  discardPending(): void {
    this.pending.clear();
    this.pendingNull = undefined;
  }

  /** Loads one path ("name", "protection/protected", "items/name") into this object, now. */
  loadPath(segs: string[]): void {
    if (this.isNullNow()) {
      this.setNull(true);
      return;
    }
    const [head, ...rest] = segs;
    const child = this.nav(head);
    if (child) {
      if (rest.length === 0) child.loadAll();
      else child.loadPath(rest);
      return;
    }
    if (rest.length > 0) fail('InvalidArgument', `Cannot load ${segs.join('/')}`, this.path);
    const value = this.scalar(head);
    this.x.addResponseBytes(JSON.stringify({ [head]: value ?? null }).length);
    this.setLoaded(head, value);
  }

  loadAll(): void {
    for (const name of this.scalarNames()) this.loadPath([name]);
  }

  protected queueLoad(arg: unknown): void {
    const props = parseLoad(arg);
    this.x.enqueue({
      kind: 'load',
      path: this.path,
      name: 'load',
      member: `${this.typeName}.load`,
      args: props,
      write: false,
      apply: () => {
        if (this.isNullNow()) {
          this.setNull(true);
          return;
        }
        this.setNull(false);
        if (props.length === 0) this.loadAll();
        else for (const p of props) this.loadPath(p.split('/'));
      },
    });
  }

  protected queue(kind: 'set' | 'method', name: string, args: unknown, write: boolean, apply: () => void): void {
    this.x.enqueue({ kind, path: this.path, name, member: `${this.typeName}.${name}`, args, write, apply });
  }

  toJSON(): unknown {
    return { path: this.path };
  }
}

/** Collections: `items` after a load; loading "name" means "items/name". */
abstract class DCollection<T extends DObject> extends DObject {
  private itemCache = new Map<number, T>();
  protected abstract ids(): number[];
  protected abstract makeItem(id: number): T;

  protected scalarNames(): string[] {
    return [];
  }
  protected scalar(name: string): unknown {
    if (name === 'count') return this.ids().length;
    return fail('InvalidArgument', `Unknown property ${name}`, this.path);
  }

  item(id: number): T {
    let it = this.itemCache.get(id);
    if (!it) {
      it = this.makeItem(id);
      this.itemCache.set(id, it);
    }
    return it;
  }

  override loadPath(segs: string[]): void {
    if (segs[0] === 'count') return super.loadPath(segs);
    const rest = segs[0] === 'items' ? segs.slice(1) : segs;
    const items = this.ids().map((id) => this.item(id));
    this.setLoaded('items', items);
    for (const it of items) {
      it.setNull(false);
      if (rest.length === 0) it.loadAll();
      else it.loadPath(rest);
    }
  }

  override loadAll(): void {
    this.loadPath(['items']);
  }

  protected loadedItems(): T[] {
    return this.prop<T[]>('items');
  }
}

// -------------------------------------------------------------------- context, workbook, application

export class DContext implements Pick<Excel.RequestContext, 'sync' | 'workbook'> {
  readonly workbookDouble: DWorkbook;
  constructor(readonly x: ExcelDouble) {
    this.workbookDouble = new DWorkbook(x);
  }
  get workbook(): Excel.Workbook {
    return ex(this.workbookDouble);
  }
  sync<T>(passThroughValue?: T): Promise<T> {
    return this.x.sync().then(() => passThroughValue as T);
  }
}

type WorkbookMembers = 'worksheets' | 'tables' | 'protection' | 'application' | 'names';
export class DWorkbook extends DObject implements Pick<Excel.Workbook, WorkbookMembers> {
  readonly worksheetsDouble: DWorksheetCollection;
  readonly tablesDouble: DTableCollection;
  readonly protectionDouble: DWorkbookProtection;
  readonly applicationDouble: DApplication;
  readonly namesDouble: DNamedItemCollection;
  constructor(x: ExcelDouble) {
    super(x, 'workbook', 'Workbook');
    this.namesDouble = new DNamedItemCollection(x);
    this.worksheetsDouble = new DWorksheetCollection(x);
    this.tablesDouble = new DTableCollection(x, null, 'workbook.tables');
    this.protectionDouble = new DWorkbookProtection(x);
    this.applicationDouble = new DApplication(x);
  }
  protected scalarNames(): string[] {
    return [];
  }
  protected scalar(name: string): unknown {
    return fail('InvalidArgument', `Unknown property ${name}`, this.path);
  }
  get worksheets(): Excel.WorksheetCollection {
    return ex(this.worksheetsDouble);
  }
  get tables(): Excel.TableCollection {
    return ex(this.tablesDouble);
  }
  get protection(): Excel.WorkbookProtection {
    return ex(this.protectionDouble);
  }
  get application(): Excel.Application {
    return ex(this.applicationDouble);
  }
  get names(): Excel.NamedItemCollection {
    return ex(this.namesDouble);
  }
}

/** The workbook's defined names (only their names). */
export class DNamedItemCollection extends DCollection<DNamedItem> implements Pick<Excel.NamedItemCollection, 'items' | 'load'> {
  constructor(x: ExcelDouble) {
    super(x, 'workbook.names', 'NamedItemCollection');
  }
  protected ids(): number[] {
    return this.x.model.names.map((_, i) => i);
  }
  protected makeItem(index: number): DNamedItem {
    return new DNamedItem(this.x, `names.getItemAt(${index})`, () => this.x.model.names[index]);
  }
  get items(): Excel.NamedItem[] {
    return ex(this.loadedItems());
  }
  load(arg?: unknown): Excel.NamedItemCollection {
    this.queueLoad(arg);
    return ex(this);
  }
}

export class DNamedItem extends DObject implements Pick<Excel.NamedItem, 'name'> {
  constructor(
    x: ExcelDouble,
    path: string,
    private nameOf: () => string,
  ) {
    super(x, path, 'NamedItem');
  }
  protected scalarNames(): string[] {
    return ['name'];
  }
  protected scalar(name: string): unknown {
    if (name === 'name') return this.nameOf();
    return fail('InvalidArgument', `Unknown property ${name}`, this.path);
  }
  get name(): string {
    return this.prop('name');
  }
}

export class DWorkbookProtection extends DObject implements Pick<Excel.WorkbookProtection, 'protected' | 'load'> {
  constructor(x: ExcelDouble) {
    super(x, 'workbook.protection', 'WorkbookProtection');
  }
  protected scalarNames(): string[] {
    return ['protected'];
  }
  protected scalar(name: string): unknown {
    if (name === 'protected') return this.x.model.protected;
    return fail('InvalidArgument', `Unknown property ${name}`, this.path);
  }
  get protected(): boolean {
    return this.prop('protected');
  }
  load(arg?: unknown): Excel.WorkbookProtection {
    this.queueLoad(arg);
    return ex(this);
  }
}

export class DApplication extends DObject implements Pick<Excel.Application, 'suspendApiCalculationUntilNextSync' | 'calculate'> {
  constructor(x: ExcelDouble) {
    super(x, 'application', 'Application');
  }
  protected scalarNames(): string[] {
    return [];
  }
  protected scalar(name: string): unknown {
    return fail('InvalidArgument', `Unknown property ${name}`, this.path);
  }
  suspendApiCalculationUntilNextSync(): void {
    this.queue('method', 'suspendApiCalculationUntilNextSync', null, false, () => this.x.markSuspended());
  }
  calculate(calculationType: Excel.CalculationType | 'Recalculate' | 'Full' | 'FullRebuild'): void {
    this.queue('method', 'calculate', calculationType, false, () => {
      this.x.calculations++;
      // What calculate() does while calculation is suspended is not documented; outside, it recalculates.
      if (!this.x.calculationSuspended) this.x.recalculations++;
    });
  }
}

// -------------------------------------------------------------------- worksheets

type WorksheetCollectionMembers = 'items' | 'getItem' | 'getItemOrNullObject' | 'getFirst' | 'add' | 'load';
export class DWorksheetCollection extends DCollection<DWorksheet> implements Pick<Excel.WorksheetCollection, WorksheetCollectionMembers> {
  constructor(x: ExcelDouble) {
    super(x, 'workbook.worksheets', 'WorksheetCollection');
  }
  protected ids(): number[] {
    return this.x.model.sheets.map((s) => s.id);
  }
  protected makeItem(id: number): DWorksheet {
    const s = this.x.model.sheets.find((m) => m.id === id);
    const ws = new DWorksheet(this.x, `worksheets.getItem(${JSON.stringify(s?.name ?? id)})`);
    ws.bind(id);
    return ws;
  }
  get items(): Excel.Worksheet[] {
    return ex(this.loadedItems());
  }
  getItem(key: string): Excel.Worksheet {
    const ws = new DWorksheet(this.x, `worksheets.getItem(${JSON.stringify(key)})`);
    this.queue('method', 'getItem', key, false, () => {
      const s = this.x.model.sheets.find((m) => m.name.toLowerCase() === key.toLowerCase());
      if (!s) fail('ItemNotFound', `The worksheet ${key} does not exist.`, ws.path);
      ws.bind((s as SheetModel).id);
    });
    return ex(ws);
  }
  getFirst(visibleOnly?: boolean): Excel.Worksheet {
    const ws = new DWorksheet(this.x, `worksheets.getFirst(${visibleOnly ? 'true' : ''})`);
    this.queue('method', 'getFirst', visibleOnly ?? false, false, () => {
      const s = this.x.model.sheets.find((m) => !visibleOnly || m.visibility === 'Visible');
      if (!s) fail('ItemNotFound', 'There is no worksheet.', ws.path);
      ws.bind((s as SheetModel).id);
    });
    return ex(ws);
  }
  getItemOrNullObject(key: string): Excel.Worksheet {
    const ws = new DWorksheet(this.x, `worksheets.getItemOrNullObject(${JSON.stringify(key)})`);
    this.queue('method', 'getItemOrNullObject', key, false, () => {
      const s = this.x.model.sheets.find((m) => m.name.toLowerCase() === key.toLowerCase());
      ws.bind(s ? s.id : null);
      ws.setNull(!s);
    });
    return ex(ws);
  }
  add(name?: string): Excel.Worksheet {
    const ws = new DWorksheet(this.x, `worksheets.add(${JSON.stringify(name ?? null)})`);
    this.queue('method', 'add', name ?? null, true, () => {
      this.x.assertStructureWritable(ws.path);
      const wanted = name ?? `Sheet${this.x.model.sheets.length + 1}`;
      if (wanted.length > 31 || /[\\/?*[\]:]/.test(wanted)) fail('InvalidArgument', `Bad sheet name ${wanted}`, ws.path);
      if (this.x.model.sheets.some((s) => s.name.toLowerCase() === wanted.toLowerCase())) {
        fail('ItemAlreadyExists', `A sheet called ${wanted} already exists.`, ws.path);
      }
      const sheet = newSheet(this.x.model, wanted);
      this.x.model.sheets.push(sheet);
      ws.bind(sheet.id);
    });
    return ex(ws);
  }
  load(arg?: unknown): Excel.WorksheetCollection {
    this.queueLoad(arg);
    return ex(this);
  }
}

type WorksheetMembers =
  | 'name'
  | 'position'
  | 'visibility'
  | 'protection'
  | 'tables'
  | 'freezePanes'
  | 'pageLayout'
  | 'getRange'
  | 'getRangeByIndexes'
  | 'getUsedRangeOrNullObject'
  | 'getNext'
  | 'delete'
  | 'load';
export class DWorksheet extends DObject implements Pick<Excel.Worksheet, WorksheetMembers> {
  private sheetId: number | null | undefined = undefined;
  private children = new Map<string, DObject>();
  constructor(x: ExcelDouble, path: string) {
    super(x, path, 'Worksheet');
  }
  bind(id: number | null): void {
    this.sheetId = id;
  }
  /** The sheet, at the time an operation runs. */
  model(): SheetModel {
    if (this.sheetId === undefined) return fail('GeneralException', 'The worksheet proxy was not resolved.', this.path);
    if (this.sheetId === null) return fail('ItemNotFound', 'The worksheet does not exist.', this.path);
    return this.x.sheetById(this.sheetId, this.path);
  }
  protected override isNullNow(): boolean {
    return this.sheetId === null;
  }
  protected scalarNames(): string[] {
    return ['name', 'position', 'visibility', 'id'];
  }
  protected scalar(name: string): unknown {
    const s = this.model();
    switch (name) {
      case 'name':
        return s.name;
      case 'id':
        return `{${s.id}}`;
      case 'position':
        return this.x.model.sheets.indexOf(s);
      case 'visibility':
        return s.visibility;
      default:
        return fail('InvalidArgument', `Unknown property ${name}`, this.path);
    }
  }
  protected override nav(name: string): DObject | undefined {
    const make = (): DObject | undefined => {
      switch (name) {
        case 'protection':
          return new DWorksheetProtection(this.x, this);
        case 'tables':
          return new DTableCollection(this.x, this, `${this.path}.tables`);
        case 'freezePanes':
          return new DFreezePanes(this.x, this);
        case 'pageLayout':
          return new DPageLayout(this.x, this);
        default:
          return undefined;
      }
    };
    let child = this.children.get(name);
    if (!child) {
      child = make();
      if (child) this.children.set(name, child);
    }
    return child;
  }
  get name(): string {
    return this.prop('name');
  }
  get position(): number {
    return this.prop('position');
  }
  set position(value: number) {
    this.queue('set', 'position', value, true, () => {
      this.x.assertStructureWritable(this.path);
      const s = this.model();
      const list = this.x.model.sheets;
      list.splice(list.indexOf(s), 1);
      list.splice(Math.max(0, Math.min(value, list.length)), 0, s);
    });
  }
  get visibility(): Excel.SheetVisibility | 'Visible' | 'Hidden' | 'VeryHidden' {
    return this.prop('visibility');
  }
  set visibility(value: Excel.SheetVisibility | 'Visible' | 'Hidden' | 'VeryHidden') {
    this.queue('set', 'visibility', value, true, () => {
      const s = this.model();
      if (value !== 'Visible' && !this.x.model.sheets.some((o) => o !== s && o.visibility === 'Visible')) {
        fail('InvalidOperation', 'A workbook must keep at least one visible sheet.', this.path);
      }
      s.visibility = value as SheetModel['visibility'];
    });
  }
  get protection(): Excel.WorksheetProtection {
    return ex(this.nav('protection'));
  }
  get tables(): Excel.TableCollection {
    return ex(this.nav('tables'));
  }
  get freezePanes(): Excel.WorksheetFreezePanes {
    return ex(this.nav('freezePanes'));
  }
  get pageLayout(): Excel.PageLayout {
    return ex(this.nav('pageLayout'));
  }
  getRange(address?: string): Excel.Range {
    const range = new DRange(this.x, `${this.path}.getRange(${JSON.stringify(address ?? '')})`);
    this.queue('method', 'getRange', address ?? null, false, () => {
      const s = this.model();
      let rect: Rect = { top: 0, left: 0, bottom: MAX_ROW, right: MAX_COL };
      if (address) {
        const parsed = parseA1(address);
        if (parsed.sheet && parsed.sheet !== s.name) fail('InvalidArgument', `Address ${address} is on another sheet.`, range.path);
        rect = parsed.rect;
      }
      range.bind(s.id, rect);
    });
    return ex(range);
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Excel.Range {
    const range = new DRange(this.x, `${this.path}.getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`);
    this.queue('method', 'getRangeByIndexes', [startRow, startColumn, rowCount, columnCount], false, () => {
      range.bind(this.model().id, { top: startRow, left: startColumn, bottom: startRow + rowCount - 1, right: startColumn + columnCount - 1 });
    });
    return ex(range);
  }
  /** The sheet after this one in workbook order; throws ItemNotFound after the last, as Excel does. */
  getNext(visibleOnly?: boolean): Excel.Worksheet {
    const ws = new DWorksheet(this.x, `${this.path}.getNext(${visibleOnly ? 'true' : ''})`);
    this.queue('method', 'getNext', visibleOnly ?? false, false, () => {
      const list = this.x.model.sheets;
      const next = list.slice(list.indexOf(this.model()) + 1).find((m) => !visibleOnly || m.visibility === 'Visible');
      if (!next) fail('ItemNotFound', 'There is no worksheet after this one.', ws.path);
      ws.bind((next as SheetModel).id);
    });
    return ex(ws);
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): Excel.Range {
    const range = new DRange(this.x, `${this.path}.getUsedRangeOrNullObject(${valuesOnly ? 'true' : ''})`);
    this.queue('method', 'getUsedRangeOrNullObject', valuesOnly ?? false, false, () => {
      const s = this.model();
      let rect: Rect | null = null;
      for (const [key, c] of s.cells) {
        if (valuesOnly ? isEmptyCell(c) : isEmptyCell(c) && c.numberFormat === 'General' && !c.format) continue;
        const r = keyRow(key);
        const col = keyCol(key);
        if (!rect) rect = { top: r, bottom: r, left: col, right: col };
        else {
          rect.top = Math.min(rect.top, r);
          rect.bottom = Math.max(rect.bottom, r);
          rect.left = Math.min(rect.left, col);
          rect.right = Math.max(rect.right, col);
        }
      }
      if (rect) range.bind(s.id, rect);
      else range.bindNull();
      range.setNull(!rect);
    });
    return ex(range);
  }
  delete(): void {
    this.queue('method', 'delete', null, true, () => {
      this.x.assertStructureWritable(this.path);
      const s = this.model();
      if (s.visibility === 'VeryHidden') fail('InvalidOperation', 'A very hidden sheet cannot be deleted; change its visibility first.', this.path);
      if (s.visibility === 'Visible' && !this.x.model.sheets.some((o) => o !== s && o.visibility === 'Visible')) {
        fail('InvalidOperation', 'The last visible sheet cannot be deleted.', this.path);
      }
      this.x.model.sheets.splice(this.x.model.sheets.indexOf(s), 1);
      this.x.model.tables = this.x.model.tables.filter((t) => t.sheetId !== s.id);
    });
  }
  load(arg?: unknown): Excel.Worksheet {
    this.queueLoad(arg);
    return ex(this);
  }
}

export class DWorksheetProtection extends DObject implements Pick<Excel.WorksheetProtection, 'protected' | 'load'> {
  constructor(
    x: ExcelDouble,
    private ws: DWorksheet,
  ) {
    super(x, `${ws.path}.protection`, 'WorksheetProtection');
  }
  protected scalarNames(): string[] {
    return ['protected'];
  }
  protected scalar(name: string): unknown {
    if (name === 'protected') return this.ws.model().protected;
    return fail('InvalidArgument', `Unknown property ${name}`, this.path);
  }
  get protected(): boolean {
    return this.prop('protected');
  }
  load(arg?: unknown): Excel.WorksheetProtection {
    this.queueLoad(arg);
    return ex(this);
  }
}

export class DFreezePanes extends DObject implements Pick<Excel.WorksheetFreezePanes, 'freezeRows'> {
  constructor(
    x: ExcelDouble,
    private ws: DWorksheet,
  ) {
    super(x, `${ws.path}.freezePanes`, 'WorksheetFreezePanes');
  }
  protected scalarNames(): string[] {
    return [];
  }
  protected scalar(name: string): unknown {
    return fail('InvalidArgument', `Unknown property ${name}`, this.path);
  }
  freezeRows(count?: number): void {
    this.queue('method', 'freezeRows', count ?? 1, true, () => {
      this.ws.model().freezeRows = count ?? 1;
    });
  }
}

export class DPageLayout extends DObject implements Pick<Excel.PageLayout, 'orientation' | 'zoom' | 'setPrintTitleRows'> {
  constructor(
    x: ExcelDouble,
    private ws: DWorksheet,
  ) {
    super(x, `${ws.path}.pageLayout`, 'PageLayout');
  }
  protected scalarNames(): string[] {
    return ['orientation', 'zoom'];
  }
  protected scalar(name: string): unknown {
    const p = this.ws.model().pageLayout;
    if (name === 'orientation') return p.orientation;
    if (name === 'zoom') return p.zoom;
    return fail('InvalidArgument', `Unknown property ${name}`, this.path);
  }
  get orientation(): Excel.PageOrientation | 'Portrait' | 'Landscape' {
    return this.prop('orientation');
  }
  set orientation(value: Excel.PageOrientation | 'Portrait' | 'Landscape') {
    this.queue('set', 'orientation', value, true, () => {
      const s = this.ws.model();
      this.x.assertWritable(s, this.path);
      s.pageLayout.orientation = value as 'Portrait' | 'Landscape';
    });
  }
  get zoom(): Excel.PageLayoutZoomOptions {
    return this.prop('zoom');
  }
  set zoom(value: Excel.PageLayoutZoomOptions) {
    this.queue('set', 'zoom', value, true, () => {
      const s = this.ws.model();
      this.x.assertWritable(s, this.path);
      s.pageLayout.zoom = { ...value };
    });
  }
  setPrintTitleRows(printTitleRows: Excel.Range | string): void {
    const text = typeof printTitleRows === 'string' ? printTitleRows : (printTitleRows as unknown as DRange).path;
    this.queue('method', 'setPrintTitleRows', text, true, () => {
      const s = this.ws.model();
      this.x.assertWritable(s, this.path);
      const rect = parseA1(String(text)).rect;
      if (rect.left !== 0 || rect.right !== MAX_COL) fail('InvalidArgument', 'Print title rows must be whole rows.', this.path);
      s.pageLayout.printTitleRows = String(text);
    });
  }
}

// -------------------------------------------------------------------- ranges

type RangeMembers =
  | 'address'
  | 'values'
  | 'numberFormat'
  | 'rowIndex'
  | 'columnIndex'
  | 'rowCount'
  | 'columnCount'
  | 'hyperlink'
  | 'format'
  | 'conditionalFormats'
  | 'isNullObject'
  | 'clear'
  | 'getMergedAreasOrNullObject'
  | 'getSpecialCellsOrNullObject'
  | 'setCellProperties'
  | 'getResizedRange'
  | 'getOffsetRange'
  | 'getCell'
  | 'load';
export class DRange extends DObject implements Pick<Excel.Range, RangeMembers> {
  private bound: { sheetId: number; rect: Rect } | null | undefined = undefined;
  private formatDouble: DRangeFormat | null = null;
  private cfDouble: DConditionalFormatCollection | null = null;
  constructor(x: ExcelDouble, path: string) {
    super(x, path, 'Range');
  }
  bind(sheetId: number, rect: Rect): void {
    this.bound = { sheetId, rect };
  }
  bindNull(): void {
    this.bound = null;
  }
  protected override isNullNow(): boolean {
    return this.bound === null;
  }
  where(): { sheet: SheetModel; rect: Rect } {
    if (this.bound === undefined) return fail('GeneralException', 'The range proxy was not resolved.', this.path);
    if (this.bound === null) return fail('ItemNotFound', 'The range does not exist.', this.path);
    return { sheet: this.x.sheetById(this.bound.sheetId, this.path), rect: this.bound.rect };
  }
  private derived(name: string, args: unknown, make: (sheet: SheetModel, rect: Rect) => Rect): Excel.Range {
    const r = new DRange(this.x, `${this.path}.${name}(${JSON.stringify(args)})`);
    this.queue('method', name, args, false, () => {
      const { sheet, rect } = this.where();
      const next = make(sheet, rect);
      if (next.top < 0 || next.left < 0 || next.bottom > MAX_ROW || next.right > MAX_COL || next.top > next.bottom || next.left > next.right) {
        fail('InvalidArgument', 'The range is outside the sheet.', r.path);
      }
      r.bind(sheet.id, next);
    });
    return ex(r);
  }
  protected scalarNames(): string[] {
    return ['address', 'values', 'numberFormat', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount'];
  }
  protected scalar(name: string): unknown {
    const { sheet, rect } = this.where();
    switch (name) {
      case 'address':
        return `${sheetRef(sheet.name)}!${rectA1(rect)}`;
      case 'rowIndex':
        return rect.top;
      case 'columnIndex':
        return rect.left;
      case 'rowCount':
        return rect.bottom - rect.top + 1;
      case 'columnCount':
        return rect.right - rect.left + 1;
      case 'values':
      case 'numberFormat': {
        const cells = (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1);
        this.x.countRead(cells, this.path);
        const out: unknown[][] = [];
        for (let r = rect.top; r <= rect.bottom; r++) {
          const row: unknown[] = [];
          for (let c = rect.left; c <= rect.right; c++) {
            const cell = sheet.cells.get(cellKey(r, c));
            row.push(name === 'values' ? cell?.value ?? '' : cell?.numberFormat ?? 'General');
          }
          out.push(row);
        }
        return out;
      }
      default:
        return fail('InvalidArgument', `Unknown property ${name}`, this.path);
    }
  }
  get address(): string {
    return this.prop('address');
  }
  get rowIndex(): number {
    return this.prop('rowIndex');
  }
  get columnIndex(): number {
    return this.prop('columnIndex');
  }
  get rowCount(): number {
    return this.prop('rowCount');
  }
  get columnCount(): number {
    return this.prop('columnCount');
  }
  get values(): any[][] {
    return this.prop('values');
  }
  set values(input: any[][]) {
    this.queue('set', 'values', input, true, () => {
      const { sheet, rect } = this.where();
      this.x.assertWritable(sheet, this.path);
      checkShape(input, rect, this.path);
      input.forEach((row, i) =>
        row.forEach((v: unknown, j: number) => {
          if (v === null || v === undefined) return; // null leaves the cell as it is
          writeValue(sheet, rect.top + i, rect.left + j, v);
        }),
      );
    });
  }
  get numberFormat(): any[][] {
    return this.prop('numberFormat');
  }
  set numberFormat(input: any[][]) {
    this.queue('set', 'numberFormat', input, true, () => {
      const { sheet, rect } = this.where();
      this.x.assertWritable(sheet, this.path);
      checkShape(input, rect, this.path);
      input.forEach((row, i) =>
        row.forEach((f: unknown, j: number) => {
          if (f === null || f === undefined) return;
          const key = cellKey(rect.top + i, rect.left + j);
          const cell = sheet.cells.get(key) ?? { value: '', numberFormat: 'General' };
          cell.numberFormat = String(f);
          sheet.cells.set(key, cell);
        }),
      );
    });
  }
  get hyperlink(): Excel.RangeHyperlink {
    return this.prop('hyperlink');
  }
  set hyperlink(value: Excel.RangeHyperlink) {
    this.queue('set', 'hyperlink', value, true, () => {
      const { sheet, rect } = this.where();
      this.x.assertWritable(sheet, this.path);
      forEachCell(rect, (r, c) => setHyperlink(sheet, r, c, value));
    });
  }
  get format(): Excel.RangeFormat {
    this.formatDouble ??= new DRangeFormat(this.x, this);
    return ex(this.formatDouble);
  }
  get conditionalFormats(): Excel.ConditionalFormatCollection {
    this.cfDouble ??= new DConditionalFormatCollection(this.x, this);
    return ex(this.cfDouble);
  }
  clear(applyTo?: Excel.ClearApplyTo | 'All' | 'Formats' | 'Contents' | 'Hyperlinks' | 'RemoveHyperlinks' | 'ResetContents'): void {
    const mode = applyTo ?? 'All';
    this.queue('method', 'clear', mode, true, () => {
      const { sheet, rect } = this.where();
      this.x.assertWritable(sheet, this.path);
      const keys: number[] = [];
      const area = (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1);
      if (area <= sheet.cells.size) forEachCell(rect, (r, c) => keys.push(cellKey(r, c)));
      else for (const key of sheet.cells.keys()) if (rect.top <= keyRow(key) && keyRow(key) <= rect.bottom && rect.left <= keyCol(key) && keyCol(key) <= rect.right) keys.push(key);
      for (const key of keys) {
        const cell = sheet.cells.get(key);
        if (!cell) continue;
        if (mode === 'All' || mode === 'Contents') {
          cell.value = '';
          delete cell.formula;
        }
        if (mode === 'All' || mode === 'Formats') {
          cell.numberFormat = 'General';
          delete cell.format;
        }
        if (mode === 'All' || mode === 'Hyperlinks' || mode === 'RemoveHyperlinks') delete cell.hyperlink;
        if (isEmptyCell(cell) && cell.numberFormat === 'General' && !cell.format && !cell.hyperlink) sheet.cells.delete(key);
      }
      if (mode === 'All' || mode === 'Formats') removeConditionalFormats(sheet, rect);
    });
  }
  getMergedAreasOrNullObject(): Excel.RangeAreas {
    const areas = new DRangeAreas(this.x, `${this.path}.getMergedAreasOrNullObject()`);
    this.queue('method', 'getMergedAreasOrNullObject', null, false, () => {
      const { sheet, rect } = this.where();
      const hits = sheet.merges.filter((m) => rectIntersects(m, rect));
      areas.bindAreas(hits.length ? sheet : null, hits);
    });
    return ex(areas);
  }
  getSpecialCellsOrNullObject(
    cellType: Excel.SpecialCellType | 'ConditionalFormats' | 'DataValidations' | 'Blanks' | 'Constants' | 'Formulas' | 'SameConditionalFormat' | 'SameDataValidation' | 'Visible',
  ): Excel.RangeAreas {
    const areas = new DRangeAreas(this.x, `${this.path}.getSpecialCellsOrNullObject(${JSON.stringify(cellType)})`);
    this.queue('method', 'getSpecialCellsOrNullObject', cellType, false, () => {
      if (cellType !== 'Visible') fail('InvalidArgument', 'The double knows only visible cells.', areas.path);
      const { sheet, rect } = this.where();
      const rowRuns = runs(rect.top, rect.bottom, sheet.hiddenRows);
      const colRuns = runs(rect.left, rect.right, sheet.hiddenColumns);
      const list: Rect[] = [];
      for (const [top, bottom] of rowRuns) for (const [left, right] of colRuns) list.push({ top, bottom, left, right });
      areas.bindAreas(list.length ? sheet : null, list);
    });
    return ex(areas);
  }
  setCellProperties(cellPropertiesData: Excel.SettableCellProperties[][]): void {
    this.queue('method', 'setCellProperties', cellPropertiesData, true, () => {
      const { sheet, rect } = this.where();
      this.x.assertWritable(sheet, this.path);
      checkShape(cellPropertiesData, rect, this.path);
      cellPropertiesData.forEach((row, i) =>
        row.forEach((p, j) => {
          if (p.hyperlink) setHyperlink(sheet, rect.top + i, rect.left + j, p.hyperlink);
          if (p.format) {
            const f: CellFormat = {};
            if (p.format.fill?.color) f.fill = p.format.fill.color;
            if (p.format.font?.color) f.fontColor = p.format.font.color;
            if (p.format.font?.bold !== undefined) f.bold = p.format.font.bold;
            if (p.format.font?.underline !== undefined) f.underline = p.format.font.underline !== 'None';
            if (p.format.wrapText !== undefined) f.wrap = p.format.wrapText;
            setFormat(sheet, rect.top + i, rect.left + j, f);
          }
        }),
      );
    });
  }
  getResizedRange(deltaRows: number, deltaColumns: number): Excel.Range {
    return this.derived('getResizedRange', [deltaRows, deltaColumns], (_s, r) => ({ ...r, bottom: r.bottom + deltaRows, right: r.right + deltaColumns }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): Excel.Range {
    return this.derived('getOffsetRange', [rowOffset, columnOffset], (_s, r) => ({
      top: r.top + rowOffset,
      bottom: r.bottom + rowOffset,
      left: r.left + columnOffset,
      right: r.right + columnOffset,
    }));
  }
  getCell(row: number, column: number): Excel.Range {
    return this.derived('getCell', [row, column], (_s, r) => ({ top: r.top + row, bottom: r.top + row, left: r.left + column, right: r.left + column }));
  }
  load(arg?: unknown): Excel.Range {
    this.queueLoad(arg);
    return ex(this);
  }
}

export class DRangeAreas extends DObject implements Pick<Excel.RangeAreas, 'address' | 'isNullObject' | 'load'> {
  private areas: { sheet: SheetModel; list: Rect[] } | null | undefined = undefined;
  constructor(x: ExcelDouble, path: string) {
    super(x, path, 'RangeAreas');
  }
  bindAreas(sheet: SheetModel | null, list: Rect[]): void {
    this.areas = sheet ? { sheet, list } : null;
    this.setNull(sheet === null);
  }
  protected override isNullNow(): boolean {
    return this.areas === null;
  }
  protected scalarNames(): string[] {
    return ['address'];
  }
  protected scalar(name: string): unknown {
    if (name !== 'address') return fail('InvalidArgument', `Unknown property ${name}`, this.path);
    if (!this.areas) return null;
    const { sheet, list } = this.areas;
    return list.map((r) => `${sheetRef(sheet.name)}!${rectA1(r)}`).join(',');
  }
  get address(): string {
    return this.prop('address');
  }
  load(arg?: unknown): Excel.RangeAreas {
    this.queueLoad(arg);
    return ex(this);
  }
}

type RangeFormatMembers = 'columnWidth' | 'wrapText' | 'verticalAlignment' | 'fill' | 'font' | 'autofitRows';
export class DRangeFormat extends DObject implements Pick<Excel.RangeFormat, RangeFormatMembers> {
  readonly fillDouble: DRangeFill;
  readonly fontDouble: DRangeFont;
  constructor(
    x: ExcelDouble,
    readonly range: DRange,
  ) {
    super(x, `${range.path}.format`, 'RangeFormat');
    this.fillDouble = new DRangeFill(x, this);
    this.fontDouble = new DRangeFont(x, this);
  }
  protected scalarNames(): string[] {
    return ['columnWidth', 'wrapText'];
  }
  protected scalar(name: string): unknown {
    const { sheet, rect } = this.range.where();
    if (name === 'columnWidth') return sheet.columnWidths.get(rect.left) ?? 48;
    if (name === 'wrapText') return sheet.cells.get(cellKey(rect.top, rect.left))?.format?.wrap ?? false;
    return fail('InvalidArgument', `Unknown property ${name}`, this.path);
  }
  /** Sets a format property on every cell of the range. */
  apply(name: string, value: unknown, change: CellFormat): void {
    this.queue('set', name, value, true, () => {
      const { sheet, rect } = this.range.where();
      this.x.assertWritable(sheet, this.path);
      forEachCell(rect, (r, c) => setFormat(sheet, r, c, change));
    });
  }
  get columnWidth(): number {
    return this.prop('columnWidth');
  }
  set columnWidth(value: number) {
    this.queue('set', 'columnWidth', value, true, () => {
      const { sheet, rect } = this.range.where();
      this.x.assertWritable(sheet, this.path);
      for (let c = rect.left; c <= rect.right; c++) sheet.columnWidths.set(c, value);
    });
  }
  /** Excel fits each row's height to its wrapped text; the double records which rows were fitted. */
  autofitRows(): void {
    this.queue('method', 'autofitRows', undefined, true, () => {
      const { sheet, rect } = this.range.where();
      this.x.assertWritable(sheet, this.path);
      for (let r = rect.top; r <= rect.bottom; r++) sheet.autofitRows.add(r);
    });
  }
  get wrapText(): boolean {
    return this.prop('wrapText');
  }
  set wrapText(value: boolean) {
    this.apply('wrapText', value, { wrap: value });
  }
  get verticalAlignment(): Excel.VerticalAlignment | 'Center' | 'Bottom' | 'Top' | 'Justify' | 'Distributed' {
    return this.prop('verticalAlignment');
  }
  set verticalAlignment(value: Excel.VerticalAlignment | 'Center' | 'Bottom' | 'Top' | 'Justify' | 'Distributed') {
    this.apply('verticalAlignment', value, { verticalAlignment: value });
  }
  get fill(): Excel.RangeFill {
    return ex(this.fillDouble);
  }
  get font(): Excel.RangeFont {
    return ex(this.fontDouble);
  }
}

export class DRangeFill extends DObject implements Pick<Excel.RangeFill, 'color'> {
  constructor(
    x: ExcelDouble,
    private owner: DRangeFormat,
  ) {
    super(x, `${owner.path}.fill`, 'RangeFill');
  }
  protected scalarNames(): string[] {
    return ['color'];
  }
  protected scalar(name: string): unknown {
    const { sheet, rect } = this.owner.range.where();
    if (name === 'color') return sheet.cells.get(cellKey(rect.top, rect.left))?.format?.fill ?? '#FFFFFF';
    return fail('InvalidArgument', `Unknown property ${name}`, this.path);
  }
  get color(): string {
    return this.prop('color');
  }
  set color(value: string) {
    this.owner.apply('fill.color', value, { fill: value });
  }
}

export class DRangeFont extends DObject implements Pick<Excel.RangeFont, 'bold' | 'italic' | 'size' | 'color' | 'underline'> {
  constructor(
    x: ExcelDouble,
    private owner: DRangeFormat,
  ) {
    super(x, `${owner.path}.font`, 'RangeFont');
  }
  protected scalarNames(): string[] {
    return ['bold', 'italic', 'size', 'color', 'underline'];
  }
  protected scalar(name: string): unknown {
    const { sheet, rect } = this.owner.range.where();
    const f = sheet.cells.get(cellKey(rect.top, rect.left))?.format ?? {};
    if (name === 'bold') return f.bold ?? false;
    if (name === 'italic') return f.italic ?? false;
    if (name === 'size') return f.size ?? 11;
    if (name === 'color') return f.fontColor ?? '#000000';
    if (name === 'underline') return f.underline ? 'Single' : 'None';
    return fail('InvalidArgument', `Unknown property ${name}`, this.path);
  }
  get bold(): boolean {
    return this.prop('bold');
  }
  set bold(value: boolean) {
    this.owner.apply('font.bold', value, { bold: value });
  }
  get italic(): boolean {
    return this.prop('italic');
  }
  set italic(value: boolean) {
    this.owner.apply('font.italic', value, { italic: value });
  }
  get size(): number {
    return this.prop('size');
  }
  set size(value: number) {
    this.owner.apply('font.size', value, { size: value });
  }
  get color(): string {
    return this.prop('color');
  }
  set color(value: string) {
    this.owner.apply('font.color', value, { fontColor: value });
  }
  get underline(): Excel.RangeUnderlineStyle | 'None' | 'Single' | 'Double' | 'SingleAccountant' | 'DoubleAccountant' {
    return this.prop('underline');
  }
  set underline(value: Excel.RangeUnderlineStyle | 'None' | 'Single' | 'Double' | 'SingleAccountant' | 'DoubleAccountant') {
    this.owner.apply('font.underline', value, { underline: value !== 'None' });
  }
}

// -------------------------------------------------------------------- conditional formats

export class DConditionalFormatCollection
  extends DObject
  implements Pick<Excel.ConditionalFormatCollection, 'add' | 'clearAll'>
{
  constructor(
    x: ExcelDouble,
    readonly range: DRange,
  ) {
    super(x, `${range.path}.conditionalFormats`, 'ConditionalFormatCollection');
  }
  protected scalarNames(): string[] {
    return ['count'];
  }
  protected scalar(name: string): unknown {
    if (name === 'count') {
      const { sheet, rect } = this.range.where();
      return sheet.conditionalFormats.filter((cf) => rectIntersects(cf.range, rect)).length;
    }
    return fail('InvalidArgument', `Unknown property ${name}`, this.path);
  }
  add(
    type:
      | Excel.ConditionalFormatType
      | 'Custom'
      | 'DataBar'
      | 'ColorScale'
      | 'IconSet'
      | 'TopBottom'
      | 'PresetCriteria'
      | 'ContainsText'
      | 'CellValue',
  ): Excel.ConditionalFormat {
    const cf = new DConditionalFormat(this.x, `${this.path}.add(${JSON.stringify(type)})`);
    this.queue('method', 'add', type, true, () => {
      if (type !== 'ContainsText' && type !== 'CellValue') fail('InvalidArgument', `The double has no ${type} formats.`, cf.path);
      const { sheet, rect } = this.range.where();
      this.x.assertWritable(sheet, this.path);
      const model: ConditionalFormatModel = { id: this.x.model.nextId++, range: { ...rect }, type: type as ConditionalFormatModel['type'], rule: null, format: {} };
      sheet.conditionalFormats.push(model);
      cf.bindModel(sheet, model);
    });
    return ex(cf);
  }
  clearAll(): void {
    this.queue('method', 'clearAll', null, true, () => {
      const { sheet, rect } = this.range.where();
      this.x.assertWritable(sheet, this.path);
      removeConditionalFormats(sheet, rect);
    });
  }
}

export class DConditionalFormat extends DObject implements Pick<Excel.ConditionalFormat, 'textComparison' | 'cellValue'> {
  private bound: { sheet: SheetModel; cf: ConditionalFormatModel } | null = null;
  private text: DTextConditionalFormat;
  private cell: DCellValueConditionalFormat;
  constructor(x: ExcelDouble, path: string) {
    super(x, path, 'ConditionalFormat');
    this.text = new DTextConditionalFormat(x, this);
    this.cell = new DCellValueConditionalFormat(x, this);
  }
  bindModel(sheet: SheetModel, cf: ConditionalFormatModel): void {
    this.bound = { sheet, cf };
  }
  model(expected: 'ContainsText' | 'CellValue'): ConditionalFormatModel {
    if (!this.bound) return fail('GeneralException', 'The conditional format was not created.', this.path);
    if (this.bound.cf.type !== expected) fail('InvalidArgument', `This conditional format is ${this.bound.cf.type}, not ${expected}.`, this.path);
    return this.bound.cf;
  }
  protected scalarNames(): string[] {
    return [];
  }
  protected scalar(name: string): unknown {
    return fail('InvalidArgument', `Unknown property ${name}`, this.path);
  }
  get textComparison(): Excel.TextConditionalFormat {
    return ex(this.text);
  }
  get cellValue(): Excel.CellValueConditionalFormat {
    return ex(this.cell);
  }
}

export class DTextConditionalFormat extends DObject implements Pick<Excel.TextConditionalFormat, 'format' | 'rule'> {
  private fmt: DConditionalRangeFormat;
  constructor(
    x: ExcelDouble,
    private owner: DConditionalFormat,
  ) {
    super(x, `${owner.path}.textComparison`, 'TextConditionalFormat');
    this.fmt = new DConditionalRangeFormat(x, this.path, () => owner.model('ContainsText'));
  }
  protected scalarNames(): string[] {
    return ['rule'];
  }
  protected scalar(name: string): unknown {
    if (name === 'rule') return this.owner.model('ContainsText').rule;
    return fail('InvalidArgument', `Unknown property ${name}`, this.path);
  }
  get format(): Excel.ConditionalRangeFormat {
    return ex(this.fmt);
  }
  get rule(): Excel.ConditionalTextComparisonRule {
    return this.prop('rule');
  }
  set rule(value: Excel.ConditionalTextComparisonRule) {
    this.queue('set', 'rule', value, true, () => {
      if (!['Contains', 'NotContains', 'BeginsWith', 'EndsWith'].includes(String(value.operator))) fail('InvalidArgument', 'Bad text operator.', this.path);
      this.owner.model('ContainsText').rule = { operator: String(value.operator), text: value.text };
    });
  }
}

export class DCellValueConditionalFormat extends DObject implements Pick<Excel.CellValueConditionalFormat, 'format' | 'rule'> {
  private fmt: DConditionalRangeFormat;
  constructor(
    x: ExcelDouble,
    private owner: DConditionalFormat,
  ) {
    super(x, `${owner.path}.cellValue`, 'CellValueConditionalFormat');
    this.fmt = new DConditionalRangeFormat(x, this.path, () => owner.model('CellValue'));
  }
  protected scalarNames(): string[] {
    return ['rule'];
  }
  protected scalar(name: string): unknown {
    if (name === 'rule') return this.owner.model('CellValue').rule;
    return fail('InvalidArgument', `Unknown property ${name}`, this.path);
  }
  get format(): Excel.ConditionalRangeFormat {
    return ex(this.fmt);
  }
  get rule(): Excel.ConditionalCellValueRule {
    return this.prop('rule');
  }
  set rule(value: Excel.ConditionalCellValueRule) {
    this.queue('set', 'rule', value, true, () => {
      if (typeof value.formula1 !== 'string' || !value.operator) fail('InvalidArgument', 'A cell value rule needs formula1 and an operator.', this.path);
      this.owner.model('CellValue').rule = { operator: String(value.operator), formula1: value.formula1, ...(value.formula2 ? { formula2: value.formula2 } : {}) };
    });
  }
}

export class DConditionalRangeFormat extends DObject implements Pick<Excel.ConditionalRangeFormat, 'fill' | 'font'> {
  private fillD: DConditionalFill;
  private fontD: DConditionalFont;
  constructor(
    x: ExcelDouble,
    parentPath: string,
    readonly model: () => ConditionalFormatModel,
  ) {
    super(x, `${parentPath}.format`, 'ConditionalRangeFormat');
    this.fillD = new DConditionalFill(x, this);
    this.fontD = new DConditionalFont(x, this);
  }
  protected scalarNames(): string[] {
    return [];
  }
  protected scalar(name: string): unknown {
    return fail('InvalidArgument', `Unknown property ${name}`, this.path);
  }
  get fill(): Excel.ConditionalRangeFill {
    return ex(this.fillD);
  }
  get font(): Excel.ConditionalRangeFont {
    return ex(this.fontD);
  }
  set(name: string, value: unknown, change: (f: ConditionalFormatModel['format']) => void): void {
    this.x.enqueue({ kind: 'set', path: this.path, name, member: name.startsWith('fill') ? 'ConditionalRangeFill.color' : `ConditionalRangeFont.${name.split('.')[1]}`, args: value, write: true, apply: () => change(this.model().format) });
  }
}

export class DConditionalFill extends DObject implements Pick<Excel.ConditionalRangeFill, 'color'> {
  constructor(
    x: ExcelDouble,
    private owner: DConditionalRangeFormat,
  ) {
    super(x, `${owner.path}.fill`, 'ConditionalRangeFill');
  }
  protected scalarNames(): string[] {
    return ['color'];
  }
  protected scalar(name: string): unknown {
    if (name === 'color') return this.owner.model().format.fill ?? null;
    return fail('InvalidArgument', `Unknown property ${name}`, this.path);
  }
  get color(): string {
    return this.prop('color');
  }
  set color(value: string) {
    this.owner.set('fill.color', value, (f) => {
      f.fill = value;
    });
  }
}

export class DConditionalFont extends DObject implements Pick<Excel.ConditionalRangeFont, 'color' | 'bold'> {
  constructor(
    x: ExcelDouble,
    private owner: DConditionalRangeFormat,
  ) {
    super(x, `${owner.path}.font`, 'ConditionalRangeFont');
  }
  protected scalarNames(): string[] {
    return ['color', 'bold'];
  }
  protected scalar(name: string): unknown {
    if (name === 'color') return this.owner.model().format.fontColor ?? null;
    if (name === 'bold') return this.owner.model().format.bold ?? false;
    return fail('InvalidArgument', `Unknown property ${name}`, this.path);
  }
  get color(): string {
    return this.prop('color');
  }
  set color(value: string) {
    this.owner.set('font.color', value, (f) => {
      f.fontColor = value;
    });
  }
  get bold(): boolean {
    return this.prop('bold');
  }
  set bold(value: boolean) {
    this.owner.set('font.bold', value, (f) => {
      f.bold = value;
    });
  }
}

// -------------------------------------------------------------------- tables

type TableCollectionMembers = 'items' | 'getItem' | 'getItemAt' | 'getItemOrNullObject' | 'add' | 'load';
export class DTableCollection extends DCollection<DTable> implements Pick<Excel.TableCollection, TableCollectionMembers> {
  constructor(
    x: ExcelDouble,
    private ws: DWorksheet | null,
    path: string,
  ) {
    super(x, path, 'TableCollection');
  }
  protected ids(): number[] {
    const sheetId = this.ws ? this.ws.model().id : null;
    const order = this.x.model.sheets.map((s) => s.id);
    return this.x.model.tables
      .filter((t) => sheetId === null || t.sheetId === sheetId)
      .sort((a, b) => order.indexOf(a.sheetId) - order.indexOf(b.sheetId))
      .map((t) => t.id);
  }
  protected makeItem(id: number): DTable {
    const t = new DTable(this.x, `tables.getItem(${JSON.stringify(this.x.model.tables.find((m) => m.id === id)?.name ?? id)})`);
    t.bind(id);
    return t;
  }
  get items(): Excel.Table[] {
    return ex(this.loadedItems());
  }
  private find(key: string): TableModel | undefined {
    const sheetId = this.ws ? this.ws.model().id : null;
    return this.x.model.tables.find((t) => t.name.toLowerCase() === key.toLowerCase() && (sheetId === null || t.sheetId === sheetId));
  }
  getItem(key: string): Excel.Table {
    const t = new DTable(this.x, `${this.path}.getItem(${JSON.stringify(key)})`);
    this.queue('method', 'getItem', key, false, () => {
      const found = this.find(key);
      if (!found) fail('ItemNotFound', `The table ${key} does not exist.`, t.path);
      t.bind((found as TableModel).id);
    });
    return ex(t);
  }
  getItemAt(index: number): Excel.Table {
    const t = new DTable(this.x, `${this.path}.getItemAt(${index})`);
    this.queue('method', 'getItemAt', index, false, () => {
      const id = this.ids()[index];
      if (id === undefined) fail('ItemNotFound', `There is no table at ${index}.`, t.path);
      t.bind(id as number);
    });
    return ex(t);
  }
  getItemOrNullObject(key: string): Excel.Table {
    const t = new DTable(this.x, `${this.path}.getItemOrNullObject(${JSON.stringify(key)})`);
    this.queue('method', 'getItemOrNullObject', key, false, () => {
      const found = this.find(key);
      t.bind(found ? found.id : null);
      t.setNull(!found);
    });
    return ex(t);
  }
  add(address: Excel.Range | string, hasHeaders: boolean): Excel.Table {
    const t = new DTable(this.x, `${this.path}.add(${JSON.stringify(typeof address === 'string' ? address : 'range')})`);
    this.queue('method', 'add', [typeof address === 'string' ? address : (address as unknown as DRange).path, hasHeaders], true, () => {
      let sheet: SheetModel;
      let rect: Rect;
      if (typeof address === 'string') {
        const parsed = parseA1(address);
        const name = parsed.sheet ?? (this.ws ? this.ws.model().name : this.x.model.sheets[0].name);
        sheet = this.x.model.sheets.find((s) => s.name === name) ?? fail('ItemNotFound', `No sheet ${name}`, t.path);
        rect = parsed.rect;
      } else {
        ({ sheet, rect } = (address as unknown as DRange).where());
      }
      this.x.assertWritable(sheet, t.path);
      if (this.x.model.tables.some((o) => o.sheetId === sheet.id && rectIntersects(o.range, rect))) {
        fail('InvalidOperation', 'A table cannot overlap another table.', t.path);
      }
      if (!hasHeaders) fail('InvalidArgument', 'The double adds tables with headers only.', t.path);
      const columns: string[] = [];
      for (let c = rect.left; c <= rect.right; c++) {
        let name = String(sheet.cells.get(cellKey(rect.top, c))?.value ?? '');
        if (name === '') name = `Column${c - rect.left + 1}`;
        while (columns.some((x) => x.toLowerCase() === name.toLowerCase())) name = `${name}2`;
        columns.push(name);
        writeValue(sheet, rect.top, c, name);
      }
      let n = 1;
      while (this.x.model.tables.some((o) => o.name === `Table${n}`)) n++;
      const model: TableModel = { id: this.x.model.nextId++, name: `Table${n}`, sheetId: sheet.id, range: { ...rect }, showHeaders: true, showTotals: false, columns, style: 'TableStyleMedium2' };
      this.x.model.tables.push(model);
      t.bind(model.id);
    });
    return ex(t);
  }
  load(arg?: unknown): Excel.TableCollection {
    this.queueLoad(arg);
    return ex(this);
  }
}

type TableMembers = 'name' | 'showHeaders' | 'showTotals' | 'style' | 'worksheet' | 'columns' | 'getRange' | 'resize' | 'load';
export class DTable extends DObject implements Pick<Excel.Table, TableMembers> {
  private tableId: number | null | undefined = undefined;
  private ws: DWorksheet | null = null;
  private cols: DTableColumnCollection | null = null;
  constructor(x: ExcelDouble, path: string) {
    super(x, path, 'Table');
  }
  bind(id: number | null): void {
    this.tableId = id;
  }
  protected override isNullNow(): boolean {
    return this.tableId === null;
  }
  model(): TableModel {
    if (this.tableId === undefined) return fail('GeneralException', 'The table proxy was not resolved.', this.path);
    if (this.tableId === null) return fail('ItemNotFound', 'The table does not exist.', this.path);
    return this.x.tableById(this.tableId, this.path);
  }
  protected scalarNames(): string[] {
    return ['name', 'showHeaders', 'showTotals', 'style', 'id'];
  }
  protected scalar(name: string): unknown {
    const t = this.model();
    switch (name) {
      case 'name':
        return t.name;
      case 'id':
        return String(t.id);
      case 'showHeaders':
        return t.showHeaders;
      case 'showTotals':
        return t.showTotals;
      case 'style':
        return t.style;
      default:
        return fail('InvalidArgument', `Unknown property ${name}`, this.path);
    }
  }
  protected override nav(name: string): DObject | undefined {
    if (name === 'worksheet') {
      if (!this.ws) {
        const ws = new DWorksheet(this.x, `${this.path}.worksheet`);
        this.ws = ws;
      }
      // Bind lazily: the table's sheet when the navigation is used.
      const t = this.tableId ? this.x.model.tables.find((m) => m.id === this.tableId) : undefined;
      if (t) this.ws.bind(t.sheetId);
      return this.ws;
    }
    if (name === 'columns') {
      this.cols ??= new DTableColumnCollection(this.x, this);
      return this.cols;
    }
    return undefined;
  }
  get name(): string {
    return this.prop('name');
  }
  set name(value: string) {
    this.queue('set', 'name', value, true, () => {
      const t = this.model();
      if (!/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(value)) fail('InvalidArgument', `Bad table name ${value}`, this.path);
      if (this.x.model.tables.some((o) => o !== t && o.name.toLowerCase() === value.toLowerCase())) fail('InvalidArgument', `A table called ${value} exists.`, this.path);
      if (this.x.model.names.some((n) => n.toLowerCase() === value.toLowerCase())) fail('InvalidArgument', `${value} is already a defined name.`, this.path);
      if (/^[A-Za-z]{1,3}[0-9]+$/.test(value) || /^[RrCc]$/.test(value) || /^[Rr][0-9]*[Cc][0-9]*$/.test(value) || value.length > 255) fail('InvalidArgument', `Bad table name ${value}`, this.path);
      t.name = value;
    });
  }
  get showHeaders(): boolean {
    return this.prop('showHeaders');
  }
  get showTotals(): boolean {
    return this.prop('showTotals');
  }
  get style(): string {
    return this.prop('style');
  }
  set style(value: string) {
    this.queue('set', 'style', value, true, () => {
      this.model().style = value;
    });
  }
  get worksheet(): Excel.Worksheet {
    return ex(this.nav('worksheet'));
  }
  get columns(): Excel.TableColumnCollection {
    return ex(this.nav('columns'));
  }
  getRange(): Excel.Range {
    const r = new DRange(this.x, `${this.path}.getRange()`);
    this.queue('method', 'getRange', null, false, () => {
      const t = this.model();
      r.bind(t.sheetId, { ...t.range });
    });
    return ex(r);
  }
  /**
   * Table.resize (ExcelApi 1.13): "Resize the table to the new range. The new range must overlap
   * with the original table range and the headers (or the top of the table) must be in the same
   * row." No cell moves or changes value ("Your add-in can resize a table without adding data to
   * the table or changing cell values", Work with tables using the Excel JavaScript API): the
   * columns the table keeps keep their names, the ones it takes in are named by their header
   * cells (ColumnN when blank), the ones it leaves are no longer the table's, and their cells stay
   * as they were.
   */
  resize(newRange: Excel.Range | string): void {
    this.queue('method', 'resize', typeof newRange === 'string' ? newRange : (newRange as unknown as DRange).path, true, () => {
      const t = this.model();
      const sheet = this.x.sheetById(t.sheetId, this.path);
      this.x.assertWritable(sheet, this.path);
      let rect: Rect;
      if (typeof newRange === 'string') {
        const parsed = parseA1(newRange);
        if (parsed.sheet !== null && parsed.sheet !== sheet.name) fail('InvalidArgument', 'A table cannot be resized onto another sheet.', this.path);
        rect = parsed.rect;
      } else {
        const where = (newRange as unknown as DRange).where();
        if (where.sheet.id !== sheet.id) fail('InvalidArgument', 'A table cannot be resized onto another sheet.', this.path);
        rect = where.rect;
      }
      if (rect.top !== t.range.top) fail('InvalidArgument', 'The headers (or the top of the table) must stay in the same row.', this.path);
      if (!rectIntersects(rect, t.range)) fail('InvalidArgument', 'The new range must overlap with the original table range.', this.path);
      if (rect.bottom - rect.top + 1 < (t.showHeaders ? 2 : 1) + (t.showTotals ? 1 : 0)) fail('InvalidArgument', 'A table needs a data row.', this.path);
      if (this.x.model.tables.some((o) => o !== t && o.sheetId === sheet.id && rectIntersects(o.range, rect))) fail('InvalidOperation', 'A table cannot overlap another table.', this.path);
      if (sheet.merges.some((m) => rectIntersects(m, rect))) fail('InvalidOperation', 'A table cannot contain merged cells.', this.path);
      const columns: string[] = [];
      for (let c = rect.left; c <= rect.right; c++) {
        const old = c >= t.range.left && c <= t.range.right ? t.columns[c - t.range.left] : undefined;
        if (old !== undefined) {
          columns.push(old);
          continue;
        }
        let name = t.showHeaders ? String(sheet.cells.get(cellKey(rect.top, c))?.value ?? '') : '';
        if (name === '') name = `Column${c - rect.left + 1}`;
        while (columns.some((x) => x.toLowerCase() === name.toLowerCase()) || t.columns.some((x, i) => x.toLowerCase() === name.toLowerCase() && t.range.left + i >= rect.left && t.range.left + i <= rect.right)) name = `${name}2`;
        columns.push(name);
        if (t.showHeaders) writeValue(sheet, rect.top, c, name);
      }
      t.columns = columns;
      t.range = { ...rect };
    });
  }
  load(arg?: unknown): Excel.Table {
    this.queueLoad(arg);
    return ex(this);
  }
}

type TableColumnCollectionMembers = 'items' | 'add' | 'getItem' | 'getItemOrNullObject' | 'load';
export class DTableColumnCollection extends DCollection<DTableColumn> implements Pick<Excel.TableColumnCollection, TableColumnCollectionMembers> {
  constructor(
    x: ExcelDouble,
    readonly table: DTable,
  ) {
    super(x, `${table.path}.columns`, 'TableColumnCollection');
  }
  protected ids(): number[] {
    return this.table.model().columns.map((_, i) => i);
  }
  protected makeItem(index: number): DTableColumn {
    const c = new DTableColumn(this.x, `${this.path}.getItemAt(${index})`, this.table);
    c.bindName(() => this.table.model().columns[index]);
    return c;
  }
  get items(): Excel.TableColumn[] {
    return ex(this.loadedItems());
  }
  add(index?: number, values?: Array<Array<boolean | string | number>> | boolean | string | number, name?: string): Excel.TableColumn {
    const col = new DTableColumn(this.x, `${this.path}.add(${JSON.stringify(name ?? null)})`, this.table);
    this.queue('method', 'add', [index ?? null, values ?? null, name ?? null], true, () => {
      const t = this.table.model();
      const sheet = this.x.sheetById(t.sheetId, this.path);
      this.x.assertWritable(sheet, this.path);
      const at = index === undefined || index === null || index === -1 ? t.columns.length : index;
      if (at < 0 || at > t.columns.length) fail('InvalidArgument', 'Column index out of range.', this.path);
      const sheetCol = t.range.left + at;
      // Cells from the new column rightwards move right, within the table's rows.
      const needsShift = at < t.columns.length || rowsHaveContent(sheet, t.range.top, t.range.bottom, sheetCol);
      if (needsShift) shiftCells(sheet, t.range.top, t.range.bottom, sheetCol, +1);
      let header = name ?? (Array.isArray(values) ? String(values[0]?.[0] ?? '') : '');
      if (header === '') header = `Column${t.columns.length + 1}`;
      while (t.columns.some((c) => c.toLowerCase() === header.toLowerCase())) header = `${header}2`;
      t.columns.splice(at, 0, header);
      t.range = { ...t.range, right: t.range.right + 1 };
      if (t.showHeaders) writeValue(sheet, t.range.top, sheetCol, header);
      if (Array.isArray(values)) {
        const rows = values.slice(name ? 0 : 1);
        rows.forEach((row, i) => writeValue(sheet, t.range.top + 1 + i, sheetCol, row[0]));
      }
      col.bindName(() => header);
    });
    return ex(col);
  }
  getItem(key: number | string): Excel.TableColumn {
    const col = new DTableColumn(this.x, `${this.path}.getItem(${JSON.stringify(key)})`, this.table);
    this.queue('method', 'getItem', key, false, () => {
      const t = this.table.model();
      const name = typeof key === 'number' ? t.columns[key] : t.columns.find((c) => c.toLowerCase() === key.toLowerCase());
      if (name === undefined) fail('ItemNotFound', `The table column ${key} does not exist.`, col.path);
      col.bindName(() => name as string);
    });
    return ex(col);
  }
  getItemOrNullObject(key: number | string): Excel.TableColumn {
    const col = new DTableColumn(this.x, `${this.path}.getItemOrNullObject(${JSON.stringify(key)})`, this.table);
    this.queue('method', 'getItemOrNullObject', key, false, () => {
      const t = this.table.model();
      const name = typeof key === 'number' ? t.columns[key] : t.columns.find((c) => c.toLowerCase() === key.toLowerCase());
      col.bindName(name === undefined ? null : () => name);
      col.setNull(name === undefined);
    });
    return ex(col);
  }
  load(arg?: unknown): Excel.TableColumnCollection {
    this.queueLoad(arg);
    return ex(this);
  }
}

export class DTableColumn extends DObject implements Pick<Excel.TableColumn, 'name' | 'delete' | 'load'> {
  private nameOf: (() => string) | null | undefined = undefined;
  constructor(
    x: ExcelDouble,
    path: string,
    private table: DTable,
  ) {
    super(x, path, 'TableColumn');
  }
  bindName(f: (() => string) | null): void {
    this.nameOf = f;
  }
  protected override isNullNow(): boolean {
    return this.nameOf === null;
  }
  protected scalarNames(): string[] {
    return ['name', 'index'];
  }
  private current(): string {
    if (!this.nameOf) return fail('ItemNotFound', 'The table column does not exist.', this.path);
    return this.nameOf();
  }
  protected scalar(name: string): unknown {
    const n = this.current();
    if (name === 'name') return n;
    if (name === 'index') return this.table.model().columns.indexOf(n);
    return fail('InvalidArgument', `Unknown property ${name}`, this.path);
  }
  get name(): string {
    return this.prop('name');
  }
  /**
   * Renames the column (setting needs ExcelApi 1.4); the header cell shows the name. Excel keeps a
   * table's column names distinct; what it does with a name another column has is not documented,
   * so the double refuses it (the shell never relies on either).
   */
  set name(value: string) {
    this.queue('set', 'name', value, true, () => {
      const t = this.table.model();
      const sheet = this.x.sheetById(t.sheetId, this.path);
      this.x.assertWritable(sheet, this.path);
      const index = t.columns.indexOf(this.current());
      if (index < 0) fail('ItemNotFound', 'The table column does not exist.', this.path);
      if (value.trim() === '') fail('InvalidArgument', 'A table column needs a name.', this.path);
      if (t.columns.some((c, i) => i !== index && c.toLowerCase() === value.toLowerCase())) fail('InvalidArgument', `The table already has a column named ${value}.`, this.path);
      t.columns[index] = value;
      if (t.showHeaders) {
        const key = cellKey(t.range.top, t.range.left + index);
        const cell: CellModel = sheet.cells.get(key) ?? { value: '', numberFormat: 'General' };
        delete cell.formula;
        cell.value = value;
        sheet.cells.set(key, cell);
      }
      this.bindName(() => value);
    });
  }
  /**
   * Deletes the column's cells in the table's rows: the cells right of it in those rows, inside the
   * table and past its edge, shift left with their conditional formats (what OfficeDev/office-js-docs#42
   * reports of Excel: "will attempt to shift everything to the right"; the reference says only
   * "Deletes the column from the table"). Table.resize is the way to shrink a table in place.
   */
  delete(): void {
    this.queue('method', 'delete', null, true, () => {
      const t = this.table.model();
      const sheet = this.x.sheetById(t.sheetId, this.path);
      this.x.assertWritable(sheet, this.path);
      const n = this.current();
      const index = t.columns.indexOf(n);
      if (index < 0) fail('ItemNotFound', `The table column ${n} does not exist.`, this.path);
      const sheetCol = t.range.left + index;
      const columnRect: Rect = { top: t.range.top, bottom: t.range.bottom, left: sheetCol, right: sheetCol };
      sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => !rectInside(cf.range, columnRect));
      for (let r = t.range.top; r <= t.range.bottom; r++) sheet.cells.delete(cellKey(r, sheetCol));
      shiftCells(sheet, t.range.top, t.range.bottom, sheetCol + 1, -1);
      t.columns.splice(index, 1);
      t.range = { ...t.range, right: t.range.right - 1 };
    });
  }
  load(arg?: unknown): Excel.TableColumn {
    this.queueLoad(arg);
    return ex(this);
  }
}

// ==================================================================== cell helpers

function checkShape(input: unknown[][], rect: Rect, path: string): void {
  const rows = rect.bottom - rect.top + 1;
  const cols = rect.right - rect.left + 1;
  if (!Array.isArray(input) || input.length !== rows || input.some((r) => !Array.isArray(r) || r.length !== cols)) {
    fail('InvalidArgument', `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}x${cols}).`, path);
  }
}

function forEachCell(rect: Rect, f: (row: number, col: number) => void): void {
  for (let r = rect.top; r <= rect.bottom; r++) for (let c = rect.left; c <= rect.right; c++) f(r, c);
}

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** What Excel does with a value written to a cell: text cells keep text; otherwise "=..." is a formula and number-like text a number. */
function writeValue(sheet: SheetModel, row: number, col: number, v: unknown): void {
  const key = cellKey(row, col);
  const cell: CellModel = sheet.cells.get(key) ?? { value: '', numberFormat: 'General' };
  delete cell.formula;
  if (typeof v === 'string') {
    if (cell.numberFormat === '@' || v === '') cell.value = v;
    else if (v.startsWith('=') && v.length > 1) {
      cell.formula = v;
      cell.value = v;
    } else if (NUMBER_TEXT.test(v.trim())) cell.value = Number(v.trim());
    else if (/^(true|false)$/i.test(v)) cell.value = v.toLowerCase() === 'true';
    else cell.value = v;
  } else if (typeof v === 'number' || typeof v === 'boolean') {
    cell.value = v;
  } else {
    cell.value = String(v);
  }
  if (isEmptyCell(cell) && cell.numberFormat === 'General' && !cell.format && !cell.hyperlink) sheet.cells.delete(key);
  else sheet.cells.set(key, cell);
}

function setHyperlink(sheet: SheetModel, row: number, col: number, link: Excel.RangeHyperlink): void {
  const key = cellKey(row, col);
  const cell: CellModel = sheet.cells.get(key) ?? { value: '', numberFormat: 'General' };
  cell.hyperlink = { ...link };
  if (link.textToDisplay !== undefined) cell.value = link.textToDisplay;
  sheet.cells.set(key, cell);
}

function setFormat(sheet: SheetModel, row: number, col: number, change: CellFormat): void {
  const key = cellKey(row, col);
  const cell: CellModel = sheet.cells.get(key) ?? { value: '', numberFormat: 'General' };
  cell.format = { ...(cell.format ?? {}), ...change };
  sheet.cells.set(key, cell);
}

function rowsHaveContent(sheet: SheetModel, top: number, bottom: number, col: number): boolean {
  for (let r = top; r <= bottom; r++) if (!isEmptyCell(sheet.cells.get(cellKey(r, col)))) return true;
  return false;
}

/** Moves the cells of rows top..bottom from column `from` rightwards by `by` columns (negative: left). */
function shiftCells(sheet: SheetModel, top: number, bottom: number, from: number, by: number): void {
  const moving: [number, CellModel][] = [];
  for (const [key, cell] of sheet.cells) {
    const r = keyRow(key);
    if (r >= top && r <= bottom && keyCol(key) >= from) moving.push([key, cell]);
  }
  for (const [key] of moving) sheet.cells.delete(key);
  for (const [key, cell] of moving) sheet.cells.set(cellKey(keyRow(key), keyCol(key) + by), cell);
  // Conditional formats move with their cells.
  for (const cf of sheet.conditionalFormats) {
    if (cf.range.top >= top && cf.range.bottom <= bottom && cf.range.left >= from) {
      cf.range = { ...cf.range, left: cf.range.left + by, right: cf.range.right + by };
    }
  }
}

/** Clearing conditional formats from a range: those inside go; those sharing its columns lose its rows. */
function removeConditionalFormats(sheet: SheetModel, rect: Rect): void {
  const kept: ConditionalFormatModel[] = [];
  for (const cf of sheet.conditionalFormats) {
    if (!rectIntersects(cf.range, rect)) kept.push(cf);
    else if (rectInside(cf.range, rect)) continue;
    else if (cf.range.left >= rect.left && cf.range.right <= rect.right) {
      if (cf.range.top < rect.top) kept.push({ ...cf, range: { ...cf.range, bottom: rect.top - 1 } });
      if (cf.range.bottom > rect.bottom) kept.push({ ...cf, id: cf.id + 0.5, range: { ...cf.range, top: rect.bottom + 1 } });
    } else kept.push(cf);
  }
  sheet.conditionalFormats = kept;
}

/** Runs of consecutive indexes from..to that are not in `hidden`. */
function runs(from: number, to: number, hidden: Set<number>): [number, number][] {
  const cut = [...hidden].filter((i) => i >= from && i <= to).sort((a, b) => a - b);
  const out: [number, number][] = [];
  let start = from;
  for (const h of cut) {
    if (h > start) out.push([start, h - 1]);
    start = h + 1;
  }
  if (start <= to) out.push([start, to]);
  return out;
}
