/** The whole pane: file bar (outside Office), messages, progress, the four sections, the preview bar. */
import { useRef, useState } from 'react';
import { FluentProvider, makeStyles, ProgressBar, Tab, TabList, Text, tokens, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import type { Catalogue } from '../../core/messages';
import type { PaneController } from '../controller';
import type { ThemeName } from '../theme';
import { ExceptionsPanel } from './ExceptionsPanel';
import { FileBar } from './FileBar';
import { Messages } from './Messages';
import { PaneContext, usePane } from './PaneContext';
import { PreviewBar } from './PreviewBar';
import { RefreshPanel } from './RefreshPanel';
import { TablesPanel } from './TablesPanel';
import { ThresholdsPanel } from './ThresholdsPanel';

export type TabName = 'refresh' | 'exceptions' | 'thresholds' | 'tables';
const TABS: TabName[] = ['refresh', 'exceptions', 'thresholds', 'tables'];

const useStyles = makeStyles({
  provider: {
    minHeight: '100vh',
    background: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  pane: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: '100vh',
    maxWidth: '640px',
    marginInline: 'auto',
    paddingInline: '10px',
    boxSizing: 'border-box',
  },
  tabs: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    background: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    marginInline: '-10px',
    paddingInline: '2px',
    overflowX: 'auto',
  },
  panel: {
    flexGrow: 1,
    paddingBottom: '12px',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  progress: { display: 'flex', flexDirection: 'column', gap: '4px', paddingBlock: '6px' },
});

export interface PaneProps {
  controller: PaneController;
  messages: Catalogue;
  theme: ThemeName;
  /** The section shown first. */
  initialTab?: TabName;
}

export function Pane({ controller, messages, theme, initialTab }: PaneProps) {
  const styles = useStyles();
  return (
    <PaneContext.Provider value={{ controller, messages }}>
      <FluentProvider theme={theme === 'dark' ? webDarkTheme : webLightTheme} className={styles.provider} data-theme={theme}>
        <PaneBody initialTab={initialTab ?? 'refresh'} />
      </FluentProvider>
    </PaneContext.Provider>
  );
}

function Progress() {
  const { state, m } = usePane();
  const styles = useStyles();
  const busy = state.busy;
  return (
    <div role="status" aria-live="polite" className={styles.progress} data-testid="progress">
      {busy && (
        <>
          <ProgressBar thickness="large" aria-label={m.progress[busy.phase]} />
          <Text size={200}>{m.progress[busy.phase]}</Text>
        </>
      )}
    </div>
  );
}

function PaneBody({ initialTab }: { initialTab: TabName }) {
  const { state, controller, m } = usePane();
  const styles = useStyles();
  const [tab, setTab] = useState<TabName>(initialTab);
  const panel = useRef<HTMLDivElement>(null);
  const choose = (next: TabName): void => {
    setTab(next);
    // Excel: the user may have typed in the workbook since it was read.
    if ((next === 'thresholds' || next === 'tables') && state.mode === 'excel' && !state.busy) void controller.reload();
  };
  return (
    <main className={styles.pane}>
      {state.mode === 'file' && <FileBar />}
      <div className={styles.tabs}>
        <TabList size="small" selectedValue={tab} onTabSelect={(_, data) => choose(data.value as TabName)} aria-label={m.tabsLabel}>
          {TABS.map((t) => (
            <Tab key={t} value={t} id={`tab-${t}`} aria-controls={t === tab ? `panel-${t}` : undefined} data-testid={`tab-${t}`}>
              {m.tabs[t]}
            </Tab>
          ))}
        </TabList>
      </div>
      <Messages />
      <Progress />
      <div ref={panel} role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className={styles.panel} tabIndex={0} data-testid={`panel-${tab}`}>
        {tab === 'refresh' && <RefreshPanel />}
        {tab === 'exceptions' && <ExceptionsPanel />}
        {tab === 'thresholds' && <ThresholdsPanel />}
        {tab === 'tables' && <TablesPanel />}
      </div>
      <PreviewBar returnFocus={() => panel.current?.focus()} />
    </main>
  );
}
