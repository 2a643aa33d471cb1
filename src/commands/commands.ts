/**
 * The function file behind the ribbon (manifest FunctionFile, commands.html).
 * Every FunctionName in manifest.xml is associated here; a test checks it.
 */
import { refresh } from '../core/refresh';
import { showNotice } from './notify';
import { refreshRag } from './refresh-rag';
import { APP_VERSION } from './version';

/** The manifest's <FunctionName>: action id to handler. */
export const RIBBON_ACTIONS = {
  refreshRag: (event: Office.AddinCommands.Event): Promise<void> =>
    refreshRag(event, {
      run: (batch) => Excel.run(batch),
      isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
      refresh,
      now: () => new Date().toISOString(),
      appVersion: APP_VERSION,
      notify: (notice) => showNotice(notice, Office.context.ui, { pageUrl: new URL('notice.html', window.location.href).href }),
      log: (error) => console.error('RAG Refresh:', error),
    }),
};

Office.onReady(() => {
  // Nothing to prepare: each click does its own Excel.run.
});

for (const [id, handler] of Object.entries(RIBBON_ACTIONS)) Office.actions.associate(id, handler);
