/** The change log of the saved settings: what changed, from what, to what, when and by whom. */
import { useState } from 'react';
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { fmt } from '../../core/messages';
import type { ChangeLogEntry } from '../../core/config/saved';
import { describeBy, describeChange, formatWhen } from '../format';
import { usePane } from './PaneContext';
import { useSectionStyles } from './RefreshPanel';

const SHOWN = 6;

const useStyles = makeStyles({
  list: { listStyleType: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: '6px' },
  item: { display: 'flex', flexDirection: 'column', gap: '1px', borderLeft: `3px solid ${tokens.colorNeutralStroke1}`, paddingLeft: '6px' },
  meta: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

export function ChangeLog({ entries }: { entries: ChangeLogEntry[] }) {
  const { messages, m } = usePane();
  const section = useSectionStyles();
  const styles = useStyles();
  const [all, setAll] = useState(false);
  const newestFirst = entries.map((e, i) => ({ e, i })).sort((a, b) => (a.e.at < b.e.at ? 1 : a.e.at > b.e.at ? -1 : b.i - a.i)).map((x) => x.e);
  const shown = all ? newestFirst : newestFirst.slice(0, SHOWN);
  return (
    <section className={section.section} aria-labelledby="changelog-heading" data-testid="change-log">
      <h3 id="changelog-heading" className={section.subheading}>
        {m.thresholds.changeLogHeading}
      </h3>
      <Text size={200} className={section.muted}>
        {m.thresholds.changeLogIntro}
      </Text>
      {entries.length === 0 ? (
        <Text>{m.thresholds.changeLogEmpty}</Text>
      ) : (
        <ul className={styles.list}>
          {shown.map((e, i) => {
            const d = describeChange(e, messages);
            return (
              <li key={`${e.at}:${e.what}:${i}`} className={styles.item}>
                <Text size={200}>{fmt(m.thresholds.changeLogEntry, d as unknown as Record<string, string>)}</Text>
                <span className={styles.meta}>{fmt(m.thresholds.changeLogMeta, { when: formatWhen(e.at, messages), by: describeBy(e.by, messages) })}</span>
              </li>
            );
          })}
        </ul>
      )}
      {entries.length > SHOWN && (
        <div>
          <Button appearance="subtle" size="small" onClick={() => setAll(!all)} aria-expanded={all}>
            {all ? m.thresholds.changeLogFewer : fmt(m.thresholds.changeLogMore, { count: entries.length })}
          </Button>
        </div>
      )}
    </section>
  );
}
