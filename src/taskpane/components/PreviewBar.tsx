/**
 * What the unapplied edits would change, worked out in memory before anything is
 * written: "4 measures would change: CS2 Amber → Red, …". Apply writes; Discard restores.
 */
import { useState } from 'react';
import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { fmt, type Catalogue } from '../../core/messages';
import type { StatusMove } from '../engine';
import { plural } from '../controller';
import { describeChange, statusText } from '../format';
import { usePane } from './PaneContext';

const SUMMARY_MOVES = 4;

const useStyles = makeStyles({
  bar: {
    position: 'sticky',
    bottom: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
    padding: '8px 10px',
    marginInline: '-10px',
    background: tokens.colorNeutralBackground3,
    borderTop: `2px solid ${tokens.colorBrandStroke1}`,
    boxShadow: tokens.shadow8,
    maxHeight: '50vh',
    overflowY: 'auto',
  },
  actions: { display: 'flex', gap: '8px' },
  list: { margin: 0, paddingLeft: '18px', fontSize: tokens.fontSizeBase200 },
});

export function moveText(move: StatusMove, messages: Catalogue): string {
  const p = messages.pane.preview;
  if (move.from === null) return fmt(p.added, { measure: move.label, to: statusText(move.to, messages) });
  if (move.to === null) return fmt(p.removed, { measure: move.label, from: statusText(move.from, messages) });
  return fmt(p.change, { measure: move.label, from: statusText(move.from, messages), to: statusText(move.to, messages) });
}

/** The one-line summary: "4 measures would change: CS2 Amber → Red, …". */
export function previewSummary(moves: StatusMove[], messages: Catalogue): string {
  const p = messages.pane.preview;
  if (moves.length === 0) return p.none;
  const first = moves.slice(0, SUMMARY_MOVES).map((mv) => moveText(mv, messages));
  if (moves.length > SUMMARY_MOVES) first.push(fmt(p.more, { count: moves.length - SUMMARY_MOVES }));
  return fmt(moves.length === 1 ? p.changes.one : p.changes.many, { count: moves.length, list: first.join(messages.pane.format.listJoin) });
}

export interface PreviewBarProps {
  /** Where focus goes when the bar goes away (Apply, Discard): the section being shown. */
  returnFocus?: () => void;
}

export function PreviewBar({ returnFocus }: PreviewBarProps) {
  const { state, controller, messages, m } = usePane();
  const styles = useStyles();
  const [expanded, setExpanded] = useState(false);
  if (!state.draft) return null;
  const p = m.preview;
  const preview = state.preview;
  const busy = state.busy !== null;
  return (
    <section className={styles.bar} aria-label={p.label} data-testid="preview">
      <div role="status" aria-live="polite" aria-atomic="true">
        {state.previewPending ? (
          <Spinner size="tiny" label={p.working} labelPosition="after" />
        ) : state.previewError ? (
          <Text>{state.previewError}</Text>
        ) : preview ? (
          <Text weight="semibold" data-testid="preview-summary">
            {previewSummary(preview.moves, messages)}
            {preview.overall.from !== preview.overall.to &&
              ` ${fmt(p.overall, { from: messages.common.overall[preview.overall.from], to: messages.common.overall[preview.overall.to] })}`}
          </Text>
        ) : null}
      </div>
      {preview && !state.previewPending && (
        <>
          {expanded && (
            <>
              {preview.moves.length > 0 && (
                <ul className={styles.list} data-testid="preview-moves">
                  {preview.moves.map((mv) => (
                    <li key={mv.key}>{mv.reason ? fmt(p.moveReason, { move: moveText(mv, messages), reason: mv.reason }) : moveText(mv, messages)}</li>
                  ))}
                </ul>
              )}
              <Text size={200}>{plural(p.edits, preview.edits.length)}</Text>
              <ul className={styles.list} data-testid="preview-edits">
                {preview.edits.map((e) => {
                  const d = describeChange(e, messages);
                  return <li key={e.what}>{fmt(m.thresholds.changeLogEntry, { what: d.what, from: d.from, to: d.to })}</li>;
                })}
              </ul>
            </>
          )}
          <div>
            <Button appearance="subtle" size="small" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
              {expanded ? p.showFewer : p.showAll}
            </Button>
          </div>
        </>
      )}
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabled={busy || state.previewPending || !preview}
          onClick={() => {
            returnFocus?.();
            void controller.apply();
          }}
          data-testid="apply-button"
        >
          {p.apply}
        </Button>
        <Button
          appearance="secondary"
          disabled={busy}
          onClick={() => {
            returnFocus?.();
            controller.discard();
          }}
          data-testid="discard-button"
        >
          {p.discard}
        </Button>
      </div>
    </section>
  );
}
