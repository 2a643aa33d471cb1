/**
 * Statuses that read without colour: every badge and bar says its status in words,
 * the colour only repeats it.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { fmt, type Catalogue } from '../../core/messages';
import type { OverallRag, Status, StatusCounts } from '../../core/types';
import { statusColours } from '../theme';

const useStyles = makeStyles({
  badge: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: '4px',
    borderRadius: tokens.borderRadiusMedium,
    padding: '1px 6px',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: 'nowrap',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: '6px',
    listStyleType: 'none',
    padding: 0,
    margin: 0,
  },
  chart: {
    width: '100%',
    height: 'auto',
    display: 'block',
  },
});

/** Display order of statuses. */
export const STATUS_ORDER: Status[] = ['red', 'amber', 'green', 'blue', 'noData', 'checkData', 'noTarget'];

/** Statuses worth showing: the RAG ones always, the others when some measure has them. */
export function shownStatuses(counts: StatusCounts): Status[] {
  return STATUS_ORDER.filter((s) => s === 'red' || s === 'amber' || s === 'green' || counts[s] > 0);
}

export function StatusBadge({ status, label, messages }: { status: Status; label?: string; messages: Catalogue }) {
  const styles = useStyles();
  const c = statusColours(status);
  return (
    <span className={styles.badge} style={{ background: c.background, color: c.foreground }} data-status={status}>
      {label ?? messages.common.status[status]}
    </span>
  );
}

export function OverallBadge({ overall, messages }: { overall: OverallRag; messages: Catalogue }) {
  const status: Status = overall === 'none' ? 'noTarget' : overall;
  return <StatusBadge status={status} label={messages.common.overall[overall]} messages={messages} />;
}

export function StatusCountList({ counts, messages }: { counts: StatusCounts; messages: Catalogue }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={messages.pane.refresh.countsLabel} data-testid="status-counts">
      {shownStatuses(counts).map((s) => (
        <li key={s}>
          <StatusBadge status={s} messages={messages} label={fmt(messages.pane.refresh.count, { status: messages.common.status[s], count: counts[s] })} />
        </li>
      ))}
    </ul>
  );
}

/** A bar chart of the distribution, in plain SVG: one labelled bar per status. */
export function StatusChart({ counts, messages }: { counts: StatusCounts; messages: Catalogue }) {
  const styles = useStyles();
  const statuses = shownStatuses(counts);
  const max = Math.max(1, ...statuses.map((s) => counts[s]));
  const rowHeight = 22;
  const labelWidth = 86;
  const countWidth = 34;
  const width = 300;
  const barSpace = width - labelWidth - countWidth;
  const height = statuses.length * rowHeight + 4;
  const description = fmt(messages.pane.refresh.chartLabel, {
    list: statuses.map((s) => fmt(messages.pane.refresh.chartItem, { status: messages.common.status[s], count: counts[s] })).join(messages.pane.format.listJoin),
  });
  return (
    <svg className={styles.chart} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={description} data-testid="status-chart">
      {statuses.map((s, i) => {
        const c = statusColours(s);
        const y = i * rowHeight + 2;
        const w = counts[s] === 0 ? 0 : Math.max(2, (counts[s] / max) * barSpace);
        return (
          <g key={s} aria-hidden="true">
            <text x={0} y={y + 15} fontSize="12" fill={tokens.colorNeutralForeground1}>
              {messages.common.status[s]}
            </text>
            <rect x={labelWidth} y={y + 2} width={w} height={rowHeight - 6} fill={c.background} stroke={tokens.colorNeutralStroke1} rx={2} />
            <text x={labelWidth + w + 4} y={y + 15} fontSize="12" fill={tokens.colorNeutralForeground1}>
              {counts[s]}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
