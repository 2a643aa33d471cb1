/** Refresh RAG: the primary button, what it is doing, then the result. */
import { useState } from 'react';
import { Button, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Text, tokens } from '@fluentui/react-components';
import { fmt } from '../../core/messages';
import { plural } from '../controller';
import { formatPercent, formatWhen } from '../format';
import { ConfirmDialog } from './ConfirmDialog';
import { usePane } from './PaneContext';
import { OverallBadge, StatusChart, StatusCountList } from './Status';
import { IssuesList } from './IssuesList';

export const useSectionStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    paddingBlock: '8px',
  },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  subheading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  muted: {
    color: tokens.colorNeutralForeground2,
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: '8px',
  },
  figures: {
    margin: 0,
    paddingLeft: '18px',
  },
  primary: {
    width: '100%',
  },
});

export function RefreshPanel() {
  const { state, controller, messages, m } = usePane();
  const styles = useSectionStyles();
  const [confirmClear, setConfirmClear] = useState(false);
  // The statuses written by this pane's last refresh; until then, the ones the pane worked
  // out in memory when it read the workbook (with the saved settings), said to be not yet written.
  const written = state.last;
  const report = written ?? state.baseline;
  const pending = written === null && report !== null;
  const fileMode = state.mode === 'file';
  const noWorkbook = fileMode && !state.file;
  const busy = state.busy !== null;
  const whole = report?.summary.whole;

  return (
    <div>
      <section className={styles.section}>
        <Button
          appearance="primary"
          size="large"
          className={styles.primary}
          disabled={busy || noWorkbook}
          onClick={() => void controller.refresh()}
          data-testid="refresh-button"
        >
          {m.refresh.button}
        </Button>
        <Text size={200} className={styles.muted}>
          {m.refresh.hint}
        </Text>
        {noWorkbook && <Text className={styles.muted}>{m.file.noneOpen}</Text>}
      </section>

      {report && whole && (
        <section className={styles.section} aria-labelledby="result-heading" data-testid={pending ? 'refresh-pending' : 'refresh-result'}>
          <h2 id="result-heading" className={styles.heading}>
            {pending ? m.refresh.pendingHeading : m.refresh.countsHeading}
          </h2>
          {pending && (
            <MessageBar intent="info" layout="multiline" data-testid="not-written">
              <MessageBarBody>
                <MessageBarTitle>{m.refresh.pendingTitle}</MessageBarTitle>
                {m.refresh.pendingBody}{' '}
                {state.saved.lastRefreshedAt ? fmt(m.refresh.lastWritten, { when: formatWhen(state.saved.lastRefreshedAt, messages) }) : m.refresh.neverWritten}
              </MessageBarBody>
            </MessageBar>
          )}
          <Text>
            {!pending && (
              <>
                {fmt(m.refresh.refreshedAt, { when: formatWhen(report.refreshedAt, messages) })}
                {' · '}
              </>
            )}
            {fmt(m.refresh.scope, { measures: plural(m.refresh.measures, whole.measures), tables: plural(m.refresh.tables, report.tables.length) })}
          </Text>
          {report.tables.length === 0 ? (
            <Text>{m.refresh.noTablesFound}</Text>
          ) : (
            <>
              <StatusCountList counts={whole.counts} messages={messages} />
              <StatusChart counts={whole.counts} messages={messages} />
              <h3 className={styles.subheading}>{m.refresh.overallHeading}</h3>
              <div className={styles.row} data-testid="overall">
                <OverallBadge overall={whole.overall} messages={messages} />
                <Text size={200} className={styles.muted}>
                  {whole.overallReason}
                </Text>
              </div>
              <ul className={styles.figures}>
                <li>{fmt(m.refresh.figures.met, { count: whole.metTarget.count, percent: formatPercent(whole.metTarget.percent, messages) })}</li>
                <li>{fmt(m.refresh.figures.off, { count: whole.offTarget.count, percent: formatPercent(whole.offTarget.percent, messages) })}</li>
                <li>
                  {fmt(m.refresh.figures.red, {
                    count: whole.offByMoreThanTolerance.count,
                    percent: formatPercent(whole.offByMoreThanTolerance.percent, messages),
                  })}
                </li>
              </ul>
              {report.changes.length > 0 && <Text>{plural(pending ? m.refresh.pendingChanges : m.refresh.changes, report.changes.length)}</Text>}
              {!pending && state.lastExceptionSheet && <Text>{fmt(m.refresh.exceptionSheet, { sheet: state.lastExceptionSheet })}</Text>}
            </>
          )}
          <IssuesList issues={report.issues} />
        </section>
      )}

      {!report && !busy && !noWorkbook && <Text className={styles.muted}>{m.refresh.nothingYet}</Text>}

      <section className={styles.section} aria-labelledby="clear-heading">
        <h2 id="clear-heading" className={styles.subheading}>
          {m.clear.button}
        </h2>
        <Text size={200} className={styles.muted}>
          {m.clear.hint}
        </Text>
        <div>
          <Button appearance="secondary" disabled={busy || noWorkbook} onClick={() => setConfirmClear(true)} data-testid="clear-button">
            {m.clear.button}
          </Button>
        </div>
      </section>
      <ConfirmDialog
        open={confirmClear}
        title={m.clear.title}
        body={m.clear.body}
        confirm={m.clear.confirm}
        cancel={m.clear.cancel}
        onCancel={() => setConfirmClear(false)}
        onConfirm={() => {
          setConfirmClear(false);
          void controller.clear();
        }}
      />
    </div>
  );
}

/** "Sheet!B7", or the sheet alone. */
export function issuePlace(sheet: string, cell: string, m: ReturnType<typeof usePane>['m']): string {
  return cell ? fmt(m.refresh.issueAt, { sheet, cell }) : fmt(m.refresh.issueSheet, { sheet });
}

