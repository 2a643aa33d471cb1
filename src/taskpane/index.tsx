/**
 * Entry of the pane (taskpane.html): find the host, pick the language and the
 * theme, create the controller and render. The same page runs inside Excel and in
 * an ordinary browser (file mode).
 */
// first: before any zod schema is made (the page's CSP allows no eval)
import './zod-jitless';
import { createRoot } from 'react-dom/client';
import { useEffect, useState } from 'react';
import { getCatalogue, resolveLocale } from '../core/messages/catalogues';
import { detectHost } from './boot';
import { PaneController } from './controller';
import type { Engine } from './engine';
import { createFileHost } from './host-file';
import type { WorkbookHost } from './host';
import { Pane } from './components/Pane';
import { mediaThemeSource, officeThemeSource, type ThemeSource } from './theme';

/** The version of RAG Refresh, set by webpack from package.json (DefinePlugin). */
declare const __RAG_REFRESH_VERSION__: string | undefined;
const APP_VERSION = typeof __RAG_REFRESH_VERSION__ === 'string' ? __RAG_REFRESH_VERSION__ : '0.0.0-dev';

function App({ controller, themes, messages }: { controller: PaneController; themes: ThemeSource; messages: ReturnType<typeof getCatalogue> }) {
  const [theme, setTheme] = useState(themes.current());
  useEffect(() => themes.watch(setTheme), [themes]);
  useEffect(() => {
    // scroll bars and the page behind the pane follow the theme too
    document.documentElement.style.colorScheme = theme;
  }, [theme]);
  // for scripts/bench-pane.mjs: the pane is on screen and answers input
  useEffect(() => {
    performance.mark('rag-refresh:pane-ready');
  }, []);
  return <Pane controller={controller} messages={messages} theme={theme} />;
}

async function main(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) return;
  const detected = await detectHost();
  const locale = resolveLocale(detected.locale);
  const messages = getCatalogue(locale);
  document.documentElement.lang = locale;
  let host: WorkbookHost | null = null;
  if (detected.kind === 'excel') {
    // the Office shell is its own chunk: a browser in file mode never loads it
    const office = await import(/* webpackChunkName: "office-host" */ './host-office');
    if (office.officeApi()) host = office.createOfficeHost();
  }
  host ??= createFileHost();
  const loadEngine = (): Promise<Engine> => import(/* webpackChunkName: "engine" */ './engine-core').then((m) => m.coreEngine);
  const controller = new PaneController({ host, engine: loadEngine, messages, appVersion: APP_VERSION });
  const media = mediaThemeSource();
  const themes = host.kind === 'excel' ? officeThemeSource(detected.office, media) : media;
  document.title = messages.pane.appName;
  createRoot(container).render(<App controller={controller} themes={themes} messages={messages} />);
  void controller.start();
}

void main();
