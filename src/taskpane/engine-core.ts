/**
 * The real engine: the core's refresh() and clearPlan(). Its own chunk ("engine"),
 * loaded when the pane first reads a workbook (at start in Excel, when a file is
 * opened in a browser), so the pane appears and answers before the rules arrive.
 */
import { clearPlan, refresh, type RefreshOptions } from '../core/refresh';
import type { Engine } from './engine';

export const coreEngine: Engine = {
  refresh: (snapshot, options) => refresh(snapshot, options as RefreshOptions),
  clearPlan: (snapshot) => clearPlan(snapshot),
};
