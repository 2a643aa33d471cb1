/**
 * Entry of the pane (taskpane.html): find the host, pick the language and the
 * theme, create the controller and render. The same page runs inside Excel and in
 * an ordinary browser (file mode).
 */
import { createRoot } from 'react-dom/client';
import { useEffect, useState } from 'react';
import { getCatalogue, resolveLocale } from '../core/messages/catalogues';
import { detectHost } from './boot';
import { PaneController } from './controller';
import { coreEngine } from './engine';
import { createFileHost } from './host-file';
import { createOfficeHost, officeApi } from './host-office';
import type { WorkbookHost } from './host';
import { Pane } from './components/Pane';
import { mediaThemeSource, officeThemeSource, type ThemeSource } from './theme';

/** The version of RAG Refresh, set by webpack from package.json (DefinePlugin). */
declare const __RAG_REFRESH_VERSION__: string | undefined;
const APP_VERSION = typeof __RAG_REFRESH_VERSION__ === 'string' ? __RAG_REFRESH_VERSION__ : '0.0.0-dev';

function App({ controller, themes, messages }: { controller: PaneController; themes: ThemeSource; messages: ReturnType<typeof getCatalogue> }) {
  const [theme, setTheme] = useState(themes.current());
  useEffect(() => themes.watch(setTheme), [themes]);
  return <Pane controller={controller} messages={messages} theme={theme} />;
}

async function main(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) return;
  const detected = await detectHost();
  const locale = resolveLocale(detected.locale);
  const messages = getCatalogue(locale);
  document.documentElement.lang = locale;
  let host: WorkbookHost;
  if (detected.kind === 'excel' && officeApi()) host = createOfficeHost();
  else host = createFileHost();
  const controller = new PaneController({ host, engine: coreEngine, messages, appVersion: APP_VERSION });
  const media = mediaThemeSource();
  const themes = host.kind === 'excel' ? officeThemeSource(detected.office, media) : media;
  document.title = messages.pane.appName;
  createRoot(container).render(<App controller={controller} themes={themes} messages={messages} />);
  void controller.start();
}

void main();
