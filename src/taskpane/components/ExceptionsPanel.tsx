/** The red and amber measures, grouped by directorate, each with the reason for its status. */
import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Text, tokens } from '@fluentui/react-components';
import { cellAddress } from '../../core/a1';
import { fmt } from '../../core/messages';
import { exceptionGroups, measureCell, measureLabel } from '../engine';
import { usePane } from './PaneContext';
import { useSectionStyles } from './RefreshPanel';
import { StatusBadge } from './Status';

const useStyles = makeStyles({
  list: { listStyleType: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: '6px' },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: '3px',
    width: '100%',
    boxSizing: 'border-box',
    textAlign: 'start',
    padding: '6px 8px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    background: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    font: 'inherit',
  },
  button: {
    cursor: 'pointer',
    ':hover': { background: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  title: { display: 'flex', gap: '6px', alignItems: 'baseline', fontWeight: tokens.fontWeightSemibold },
  reason: { fontSize: tokens.fontSizeBase200 },
  where: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

export function ExceptionsPanel() {
  const { state, controller, messages, m } = usePane();
  const section = useSectionStyles();
  const styles = useStyles();
  // as the Refresh panel: the last refresh written, else what the pane worked out on reading the workbook
  const report = state.last ?? state.baseline;
  const pending = state.last === null;
  if (!report) return <Text className={section.muted}>{m.exceptions.notYet}</Text>;
  const groups = exceptionGroups(report);
  const canSelect = controller.host.canSelect;
  return (
    <div>
      <section className={section.section}>
        <h2 className={section.heading}>{m.exceptions.heading}</h2>
        {pending && (
          <MessageBar intent="info" layout="multiline" data-testid="not-written">
            <MessageBarBody>
              <MessageBarTitle>{m.refresh.pendingTitle}</MessageBarTitle>
              {m.exceptions.pendingBody}
            </MessageBarBody>
          </MessageBar>
        )}
        <Text className={section.muted}>{canSelect ? m.exceptions.intro : m.exceptions.introFile}</Text>
        {groups.length === 0 && <Text>{m.exceptions.none}</Text>}
      </section>
      {groups.map((g, gi) => (
        <section key={g.group} className={section.section} aria-labelledby={`exceptions-group-${gi}`}>
          <h3 id={`exceptions-group-${gi}`} className={section.subheading}>
            {fmt(m.exceptions.group, { group: g.group, count: g.results.length })}
          </h3>
          <ul className={styles.list} aria-label={fmt(m.exceptions.groupLabel, { group: g.group })}>
            {g.results.map((r) => {
              const at = measureCell(r, report);
              const cell = cellAddress(at.row, at.col);
              const label = measureLabel(r);
              const title = label === r.measure.name ? r.measure.name : `${label} ${r.measure.name}`;
              const body = (
                <>
                  <span className={styles.title}>
                    <StatusBadge status={r.status} messages={messages} />
                    <span>{title}</span>
                  </span>
                  <span className={styles.reason}>{r.reason}</span>
                  {r.commentaryMissing && <span className={styles.where}>{m.exceptions.commentaryMissing}</span>}
                  <span className={styles.where}>{fmt(m.exceptions.where, { sheet: at.sheet, cell })}</span>
                </>
              );
              return (
                <li key={r.measure.key}>
                  {canSelect ? (
                    <button
                      type="button"
                      className={`${styles.item} ${styles.button}`}
                      title={fmt(m.exceptions.select, { name: title, sheet: at.sheet, cell })}
                      onClick={() => void controller.select(at.sheet, cell)}
                      disabled={state.busy !== null}
                    >
                      {body}
                    </button>
                  ) : (
                    <div className={styles.item} data-testid="exception-item">
                      {body}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
