/**
 * The pane's state and everything it does, outside React.
 *
 * One small store (getState / subscribe, read by components through
 * useSyncExternalStore). Components call its actions; the actions talk to the
 * WorkbookHost and the core Engine. Nothing here touches Office or the DOM, so the
 * whole flow (refresh, preview, apply, discard, clear) is testable with a fake host.
 */
import { fmt, type Catalogue } from '../core/messages';
import type { RagConfig } from '../core/config/schema';
import type { RefreshReport, WorkbookSnapshot } from '../core/types';
import {
  computePreview,
  refreshWithDraft,
  savedConfigProblems,
  sameConfig,
  savedView,
  type Engine,
  type Preview,
  type SavedView,
} from './engine';
import type { WorkbookHost } from './host';

export type Task = 'open' | 'read' | 'refresh' | 'apply' | 'clear';
export type Phase = 'opening' | 'reading' | 'working' | 'writing' | 'clearing';

export interface PaneError {
  message: string;
  details: string[];
}

/** A field whose text is not a valid value: Apply waits until it is corrected (or the edits are discarded). */
export interface FieldProblem {
  /** Which field: stable across the field being shown again ("workbook.tolerance", "table:Place!A15:J22.tolerance"). */
  field: string;
  /** The field's name for the user, with its scope ("Tolerance (all measures)"). */
  name: string;
  /** What was typed, shown again when the field comes back (another tab, another table chosen). */
  text: string;
  message: string;
}

export interface PaneState {
  mode: 'excel' | 'file';
  /** File mode: the workbook open in the browser. */
  file: { name: string; changed: boolean } | null;
  busy: { task: Task; phase: Phase } | null;
  /** The workbook as last read. */
  snapshot: WorkbookSnapshot | null;
  saved: SavedView;
  /** The report of the last refresh this pane wrote. */
  last: RefreshReport | null;
  /** The exception sheet that refresh wrote, or null. */
  lastExceptionSheet: string | null;
  /** Bumped when edits are thrown away (Discard, Apply, Clear, a new file), so the inputs show the settings again. */
  editEpoch: number;
  /** The snapshot refreshed in memory with the saved settings: the preview's "before", and the Tables panel. */
  baseline: RefreshReport | null;
  /** The edited configuration, or null when nothing is edited. */
  draft: RagConfig | null;
  preview: Preview | null;
  /** A preview is being worked out. */
  previewPending: boolean;
  /** A preview could not be worked out (the message says why). */
  previewError: string | null;
  /** The saved configuration cannot be used: its problems (offer "Refresh with default settings"). */
  savedProblems: string[] | null;
  /** Fields showing an invalid value: the draft holds their last valid value, so nothing can be applied. */
  invalid: FieldProblem[];
  /** The table and the measure chosen in the Thresholds panel's overrides (kept while another section is shown). */
  overrides: { table: string; measure: string };
  error: PaneError | null;
  notice: string | null;
}

export interface ControllerOptions {
  host: WorkbookHost;
  /** The core, or how to load it (a separate chunk in the built pane). */
  engine: Engine | (() => Promise<Engine>);
  messages: Catalogue;
  appVersion: string;
  /** ISO time now. */
  now?: () => string;
  /** Lets the browser paint between the phases of a task (progress text). */
  yieldToUi?: () => Promise<void>;
  /** Delay before a preview is worked out after an edit, in ms (0 in tests). */
  previewDelay?: number;
}

export type Listener = () => void;

function errorMessage(error: unknown, messages: Catalogue): PaneError {
  const details = error && typeof error === 'object' && Array.isArray((error as { details?: unknown }).details) ? ((error as { details: unknown[] }).details.map(String)) : [];
  if (error instanceof Error && error.name !== 'Error' && error.message) return { message: error.message, details };
  if (error instanceof Error && error.message) return { message: fmt(messages.pane.errors.unexpected, { message: error.message }), details };
  return { message: fmt(messages.pane.errors.unexpected, { message: String(error) }), details };
}

export class PaneController {
  private state: PaneState;
  private readonly listeners = new Set<Listener>();
  private previewTimer: ReturnType<typeof setTimeout> | null = null;
  private previewRun = 0;
  private readonly now: () => string;
  private readonly yieldToUi: () => Promise<void>;
  private readonly idleWaiters: (() => void)[] = [];
  private loadedEngine: Engine | null = null;
  private loadingEngine: Promise<Engine> | null = null;

  constructor(private readonly options: ControllerOptions) {
    this.now = options.now ?? (() => localIsoTime(new Date()));
    this.yieldToUi = options.yieldToUi ?? (() => new Promise((resolve) => setTimeout(resolve, 0)));
    if (typeof options.engine !== 'function') this.loadedEngine = options.engine;
    this.state = {
      mode: options.host.kind,
      file: options.host.file?.current() ?? null,
      busy: null,
      snapshot: null,
      saved: savedView(null),
      last: null,
      lastExceptionSheet: null,
      editEpoch: 0,
      baseline: null,
      draft: null,
      preview: null,
      previewPending: false,
      previewError: null,
      savedProblems: null,
      invalid: [],
      overrides: { table: '', measure: '' },
      error: null,
      notice: null,
    };
  }

  // ------------------------------------------------------------ store

  getState = (): PaneState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<PaneState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l();
    if (!this.state.busy && !this.state.previewPending) for (const w of this.idleWaiters.splice(0)) w();
  }

  /** Resolves when no task and no preview is under way (tests, and the browser test hooks). */
  idle(): Promise<void> {
    if (!this.state.busy && !this.state.previewPending) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get messages(): Catalogue {
    return this.options.messages;
  }

  get host(): WorkbookHost {
    return this.options.host;
  }

  /** The engine, loading it the first time (again after a failed load: the network may be back). */
  private engine(): Promise<Engine> {
    if (this.loadedEngine) return Promise.resolve(this.loadedEngine);
    const load = this.options.engine as () => Promise<Engine>;
    this.loadingEngine ??= load().then(
      (engine) => (this.loadedEngine = engine),
      (error: unknown) => {
        this.loadingEngine = null;
        throw error;
      },
    );
    return this.loadingEngine;
  }

  // ------------------------------------------------------------ tasks

  private async run(task: Task, first: Phase, body: (phase: (p: Phase) => Promise<void>) => Promise<void>): Promise<boolean> {
    if (this.state.busy) return false;
    this.set({ busy: { task, phase: first }, error: null, notice: null });
    const phase = async (p: Phase): Promise<void> => {
      this.set({ busy: { task, phase: p } });
      await this.yieldToUi();
    };
    try {
      await this.yieldToUi();
      await body(phase);
      return true;
    } catch (error) {
      this.set({ error: errorMessage(error, this.options.messages) });
      return false;
    } finally {
      this.set({ busy: null, file: this.options.host.file?.current() ?? this.state.file });
    }
  }

  /** Excel: reads the workbook when the pane opens, so Thresholds and Tables are ready. */
  async start(): Promise<void> {
    if (this.options.host.kind === 'excel') await this.reload();
  }

  /** Reads the workbook again (the user may have changed it since). */
  async reload(): Promise<void> {
    if (this.options.host.kind === 'file' && !this.options.host.file?.current()) return;
    await this.run('read', 'reading', async () => {
      await this.useSnapshot(await this.options.host.read());
    });
  }

  async openFile(name: string, bytes: Uint8Array): Promise<void> {
    const file = this.options.host.file;
    if (!file) return;
    await this.run('open', 'opening', async () => {
      let snapshot: WorkbookSnapshot;
      // the engine loads while the file is read
      const engine = this.engine();
      engine.catch(() => undefined);
      try {
        snapshot = await file.open(name, bytes);
      } catch (error) {
        const e = errorMessage(error, this.options.messages);
        throw Object.assign(new Error(fmt(this.options.messages.pane.file.readFailed, { name, message: e.message })), { name: 'HostError', details: e.details });
      }
      this.cancelPreview();
      this.set({
        last: null,
        lastExceptionSheet: null,
        draft: null,
        preview: null,
        previewError: null,
        savedProblems: null,
        invalid: [],
        overrides: { table: '', measure: '' },
        editEpoch: this.state.editEpoch + 1,
      });
      await this.useSnapshot(snapshot);
    });
  }

  /** Refresh RAG: read, work out with the saved settings, write. */
  async refresh(options: { useDefaults?: boolean } = {}): Promise<void> {
    let written = false;
    await this.run('refresh', 'reading', async (phase) => {
      const [snapshot, engine] = await Promise.all([this.options.host.read(), this.engine()]);
      await phase('working');
      const now = this.now();
      let outcome;
      try {
        outcome = engine.refresh(snapshot, {
          now,
          appVersion: this.options.appVersion,
          ...(options.useDefaults ? { ignoreSavedConfig: true } : {}),
        });
      } catch (error) {
        const problems = savedConfigProblems(error);
        if (!problems) throw error;
        this.set({ savedProblems: problems });
        await this.useSnapshot(snapshot);
        return;
      }
      if (outcome.report.configErrors.length > 0 && !options.useDefaults) {
        this.set({ savedProblems: outcome.report.configErrors });
        await this.useSnapshot(snapshot);
        return;
      }
      await phase('writing');
      await this.options.host.apply(outcome.plan);
      written = true;
      this.set({ last: outcome.report, lastExceptionSheet: outcome.plan.exceptionSheet?.name ?? null, savedProblems: null });
    });
    if (written) await this.afterWrite();
  }

  /** Apply: write the edited settings (recorded in the change log) and the statuses they give. */
  async apply(): Promise<void> {
    const draft = this.state.draft;
    // a field showing an invalid value: the draft has its last valid value, which is not what the user sees
    if (!draft || this.state.invalid.length > 0) return;
    let written = false;
    let recorded = 0;
    await this.run('apply', 'reading', async (phase) => {
      const [snapshot, engine] = await Promise.all([this.options.host.read(), this.engine()]);
      await phase('working');
      const outcome = refreshWithDraft(engine, snapshot, draft, { now: this.now(), appVersion: this.options.appVersion });
      await phase('writing');
      await this.options.host.apply(outcome.plan);
      written = true;
      recorded = this.state.preview?.edits.length ?? 0;
      this.set({
        last: outcome.report,
        lastExceptionSheet: outcome.plan.exceptionSheet?.name ?? null,
        draft: null,
        preview: null,
        previewError: null,
        invalid: [],
        editEpoch: this.state.editEpoch + 1,
      });
    });
    if (written) {
      await this.afterWrite();
      const m = this.options.messages.pane;
      this.set({ notice: fmt(m.preview.applied, { count: plural(m.preview.recorded, recorded) }) });
    }
  }

  /** Discard: forget the edits; nothing was written. */
  discard(): void {
    this.cancelPreview();
    this.set({
      draft: null,
      preview: null,
      previewPending: false,
      previewError: null,
      invalid: [],
      editEpoch: this.state.editEpoch + 1,
      notice: this.options.messages.pane.preview.discarded,
    });
  }

  /** Clear RAG (after the user confirmed): remove everything the add-in added. */
  async clear(): Promise<void> {
    let written = false;
    await this.run('clear', 'reading', async (phase) => {
      const [snapshot, engine] = await Promise.all([this.options.host.read(), this.engine()]);
      const plan = engine.clearPlan(snapshot);
      await phase('clearing');
      await this.options.host.apply(plan);
      written = true;
      this.cancelPreview();
      this.set({ last: null, lastExceptionSheet: null, draft: null, preview: null, previewError: null, savedProblems: null, invalid: [], editEpoch: this.state.editEpoch + 1 });
    });
    if (written) {
      await this.afterWrite();
      this.set({ notice: this.options.messages.pane.clear.done });
    }
  }

  async select(sheet: string, cell: string): Promise<void> {
    try {
      await this.options.host.select(sheet, cell);
    } catch (error) {
      const e = errorMessage(error, this.options.messages);
      this.set({ error: { message: fmt(this.options.messages.pane.exceptions.selectFailed, { sheet, cell, message: e.message }), details: [] } });
    }
  }

  download(): void {
    const file = this.options.host.file;
    const current = file?.current();
    if (!file || !current) return;
    const base = current.name.replace(/\.(xlsx|xlsm)$/i, '').replace(/-refreshed$/i, '');
    file.download(fmt(this.options.messages.pane.file.downloadName, { base }));
  }

  dismissError(): void {
    this.set({ error: null });
  }

  dismissNotice(): void {
    this.set({ notice: null });
  }

  // ------------------------------------------------------------ edits and preview

  /** The configuration edits start from: the draft, else the saved configuration. */
  get editing(): RagConfig {
    return this.state.draft ?? this.state.saved.config;
  }

  /** Whether settings can be edited (the saved ones are readable). */
  get canEdit(): boolean {
    return this.state.snapshot !== null && this.state.saved.kind !== 'invalid';
  }

  edit(change: (config: RagConfig) => RagConfig): void {
    if (!this.canEdit) return;
    const next = change(this.editing);
    const draft = sameConfig(next, this.state.saved.config) ? null : next;
    this.set({ draft, notice: null });
    this.schedulePreview();
  }

  /** A field says its text is not a valid value (or, with null, that it is valid again). */
  setFieldProblem(field: string, problem: Omit<FieldProblem, 'field'> | null): void {
    const at = this.state.invalid.findIndex((p) => p.field === field);
    const was = at >= 0 ? this.state.invalid[at]! : null;
    if (!problem) {
      if (was) this.set({ invalid: this.state.invalid.filter((p) => p.field !== field) });
      return;
    }
    if (was && was.name === problem.name && was.text === problem.text && was.message === problem.message) return;
    const next: FieldProblem = { field, ...problem };
    this.set({ invalid: was ? this.state.invalid.map((p) => (p.field === field ? next : p)) : [...this.state.invalid, next] });
  }

  /** The problem a field reported, if any (a field shown again starts from what was typed). */
  fieldProblem(field: string): FieldProblem | undefined {
    return this.state.invalid.find((p) => p.field === field);
  }

  /** Chooses the table or the measure whose overrides the Thresholds panel shows ('' for none). */
  chooseOverride(kind: 'table' | 'measure', key: string): void {
    if (this.state.overrides[kind] === key) return;
    this.set({ overrides: { ...this.state.overrides, [kind]: key } });
  }

  private cancelPreview(): void {
    if (this.previewTimer) clearTimeout(this.previewTimer);
    this.previewTimer = null;
    this.previewRun++;
  }

  private schedulePreview(): void {
    this.cancelPreview();
    if (!this.state.draft || !this.state.snapshot || !this.state.baseline) {
      this.set({ preview: null, previewPending: false, previewError: null });
      return;
    }
    const run = this.previewRun;
    this.set({ previewPending: true });
    this.previewTimer = setTimeout(() => {
      this.previewTimer = null;
      if (run !== this.previewRun) return;
      this.computePreviewNow();
    }, this.options.previewDelay ?? 150);
  }

  private computePreviewNow(): void {
    const { draft, snapshot, baseline, saved } = this.state;
    const engine = this.loadedEngine;
    if (!draft || !snapshot || !baseline || !engine) {
      this.set({ preview: null, previewPending: false });
      return;
    }
    try {
      const preview = computePreview(engine, {
        snapshot,
        baseline,
        saved: saved.config,
        draft,
        now: this.now(),
        appVersion: this.options.appVersion,
      });
      this.set({ preview, previewPending: false, previewError: null });
    } catch (error) {
      this.set({ preview: null, previewPending: false, previewError: errorMessage(error, this.options.messages).message });
    }
  }

  // ------------------------------------------------------------ snapshot

  /** Takes a fresh snapshot: the saved settings, the in-memory refresh with them, and the preview of any edits. */
  private async useSnapshot(snapshot: WorkbookSnapshot): Promise<void> {
    const saved = savedView(snapshot);
    let baseline: RefreshReport | null = null;
    let savedProblems = this.state.savedProblems;
    if (saved.kind === 'invalid') {
      savedProblems = saved.errors;
    } else {
      try {
        const engine = await this.engine();
        baseline = engine.refresh(snapshot, { now: this.now(), appVersion: this.options.appVersion }).report;
        savedProblems = baseline.configErrors.length ? baseline.configErrors : null;
      } catch (error) {
        const problems = savedConfigProblems(error);
        if (problems) savedProblems = problems;
        else this.set({ error: errorMessage(error, this.options.messages) });
      }
    }
    this.set({ snapshot, saved, baseline, savedProblems });
    if (this.state.draft) this.schedulePreview();
  }

  /** After a write: read the workbook again so the preview and the change log start from what is now there. */
  private async afterWrite(): Promise<void> {
    await this.run('read', 'reading', async () => {
      await this.useSnapshot(await this.options.host.read());
    });
  }
}

/** "2026-11-23T18:50:00+00:00": local time with its offset, as the core wants it (it reads no clock). */
export function localIsoTime(d: Date): string {
  const pad = (n: number): string => String(Math.trunc(Math.abs(n))).padStart(2, '0');
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}

export function plural(forms: { readonly one: string; readonly many: string }, count: number): string {
  return fmt(count === 1 ? forms.one : forms.many, { count });
}
