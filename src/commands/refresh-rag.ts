/**
 * The ribbon's Refresh RAG: the whole refresh with no pane open, then a
 * notice with the counts and overall RAG, or the error. The event is always
 * completed, whatever happens.
 */
import type { RefreshOptions } from '../core/refresh';
import type { RefreshOutcome, WorkbookSnapshot } from '../core/types';
import type { IsSetSupported } from '../workbook/office/features';
import type { OfficeHostContext } from '../workbook/office/hint';
import { refreshExcel } from '../workbook/office/shell';
import { errorNotice, successNotice, type Notice } from './notice';

export interface RibbonDeps {
  /** Excel.run */
  run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
  isSetSupported: IsSetSupported;
  refresh: (snapshot: WorkbookSnapshot, options: RefreshOptions) => RefreshOutcome;
  now: () => string;
  appVersion: string;
  notify: (notice: Notice) => Promise<unknown>;
  log?: (error: unknown) => void;
  /** Office.context's document settings and platform; by default the page's Office.context. */
  office?: OfficeHostContext;
}

export async function refreshRag(event: Pick<Office.AddinCommands.Event, 'completed'>, deps: RibbonDeps): Promise<void> {
  try {
    let notice: Notice;
    try {
      const result = await deps.run((context) =>
        refreshExcel(context, {
          isSetSupported: deps.isSetSupported,
          refresh: deps.refresh,
          now: deps.now(),
          appVersion: deps.appVersion,
          ...(deps.office ? { office: deps.office } : {}),
        }),
      );
      notice = successNotice(result);
    } catch (error) {
      deps.log?.(error);
      notice = errorNotice(error);
    }
    try {
      await deps.notify(notice);
    } catch (error) {
      deps.log?.(error);
    }
  } finally {
    event.completed();
  }
}
