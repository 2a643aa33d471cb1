/** The controller and the catalogue, for every component of the pane. */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Catalogue } from '../../core/messages';
import type { PaneController, PaneState } from '../controller';

export interface PaneContextValue {
  controller: PaneController;
  messages: Catalogue;
}

export const PaneContext = createContext<PaneContextValue | null>(null);

export function usePane(): PaneContextValue & { state: PaneState; m: Catalogue['pane'] } {
  const value = useContext(PaneContext);
  if (!value) throw new Error('usePane outside PaneContext');
  const state = useSyncExternalStore(value.controller.subscribe, value.controller.getState, value.controller.getState);
  return { ...value, state, m: value.messages.pane };
}
