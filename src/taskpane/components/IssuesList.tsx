/** Data-quality issues: which sheet, which cell, what is wrong. In Excel the place selects the cell. */
import { useState } from 'react';
import { Button, Link, makeStyles, Text, tokens } from '@fluentui/react-components';
import { fmt } from '../../core/messages';
import type { Issue } from '../../core/types';
import { usePane } from './PaneContext';

const SHOWN = 8;

const useStyles = makeStyles({
  list: { listStyleType: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: '6px' },
  item: { display: 'flex', flexDirection: 'column', gap: '2px', borderLeft: `3px solid ${tokens.colorNeutralStroke1}`, paddingLeft: '6px' },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

const SEVERITY_ORDER: Record<Issue['severity'], number> = { error: 0, warning: 1, info: 2 };

export function IssuesList({ issues }: { issues: Issue[] }) {
  const { controller, state, m } = usePane();
  const styles = useStyles();
  const [all, setAll] = useState(false);
  const sorted = issues.map((issue, i) => ({ issue, i })).sort((a, b) => SEVERITY_ORDER[a.issue.severity] - SEVERITY_ORDER[b.issue.severity] || a.i - b.i).map((x) => x.issue);
  const shown = all ? sorted : sorted.slice(0, SHOWN);
  const canSelect = controller.host.canSelect;
  return (
    <div data-testid="issues">
      <h3 className={styles.heading}>{fmt(m.refresh.issuesHeading, { count: issues.length })}</h3>
      {issues.length === 0 ? (
        <Text>{m.refresh.noIssues}</Text>
      ) : (
        <ul className={styles.list}>
          {shown.map((issue, i) => {
            const place = issue.cell ? fmt(m.refresh.issueAt, { sheet: issue.sheet, cell: issue.cell }) : fmt(m.refresh.issueSheet, { sheet: issue.sheet });
            return (
              <li key={`${issue.sheet}!${issue.cell}:${issue.code}:${i}`} className={styles.item}>
                <span className={styles.meta}>
                  {m.refresh.issueSeverity[issue.severity]}
                  {' · '}
                  {canSelect && issue.cell && !state.busy ? (
                    <Link as="button" onClick={() => void controller.select(issue.sheet, issue.cell)}>
                      {place}
                    </Link>
                  ) : (
                    place
                  )}
                </span>
                <Text size={200}>{issue.message}</Text>
              </li>
            );
          })}
        </ul>
      )}
      {issues.length > SHOWN && (
        <Button appearance="subtle" size="small" onClick={() => setAll(!all)} aria-expanded={all}>
          {all ? m.refresh.fewerIssues : fmt(m.refresh.moreIssues, { count: issues.length })}
        </Button>
      )}
    </div>
  );
}
