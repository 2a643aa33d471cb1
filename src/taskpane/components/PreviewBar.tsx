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
/** The most of the pane's height the bar takes. */
const MAX_HEIGHT = '40vh';
const BLOCKED_ID = 'apply-blocked';

const useStyles = makeStyles({
  // Sticky at the bottom of the pane, never more than MAX_HEIGHT of it: what would change
  // scrolls inside the bar, while the toggle and Apply / Discard below it stay in view.
  bar: {
    position: 'sticky',
    bottom: 0,
    zIndex: 1,
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
    padding: '8px 10px',
    marginInline: '-10px',
    background: tokens.colorNeutralBackground3,
    borderTop: `2px solid ${tokens.colorBrandStroke1}`,
    boxShadow: tokens.shadow8,
    maxHeight: MAX_HEIGHT,
    boxSizing: 'border-box',
  },
  details: {
    flex: '0 1 auto',
    minHeight: 0,
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  footer: { flexShrink: 0, display: 'flex', flexDirection: 'column', gap: '6px' },
  actions: { display: 'flex', gap: '8px' },
  list: { margin: 0, paddingLeft: '18px', fontSize: tokens.fontSizeBase200 },
  blocked: { color: tokens.colorPaletteRedForeground1, display: 'block' },
});

export function moveText(move: StatusMove, messages: Catalogue): string {
  const p = messages.pane.preview;
  if (move.from === null) return fmt(p.added, { measure: move.label, to: statusText(move.to, messages) });
  if (move.to === null) return fmt(p.removed, { measure: move.label, from: statusText(move.from, messages) });
  return fmt(p.change, { measure: move.label, from: statusText(move.from, messages), to: statusText(move.to, messages) });
}

/**
 * A move with the reason for the new status. The rules' reasons begin with that status
 * ("Red: 88% is off the target…"), which the move already says: it is said once,
 * "CF01 Amber → Red: 88% is off the target…".
 */
export function moveLine(move: StatusMove, messages: Catalogue): string {
  if (!move.reason) return moveText(move, messages);
  const p = messages.pane.preview;
  const said = move.to === null ? null : `${statusText(move.to, messages)}:`;
  const reason = said && move.reason.startsWith(said) ? move.reason.slice(said.length).trim() : move.reason;
  return reason ? fmt(p.moveReason, { move: moveText(move, messages), reason }) : moveText(move, messages);
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
  // a field shows an invalid value: the draft holds its last valid value, so Apply waits
  const invalid = state.invalid;
  const blocked = invalid.length > 0;
  const unavailable = busy || state.previewPending || !preview;
  const shown = preview && !state.previewPending ? preview : null;
  return (
    <section className={styles.bar} aria-label={p.label} data-testid="preview">
      <div
        className={styles.details}
        data-testid="preview-details"
        // every change can be longer than the bar has room for: it scrolls, by the keyboard too
        {...(expanded && shown ? { tabIndex: 0, role: 'region', 'aria-label': p.details } : {})}
      >
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
        {shown && expanded && (
          <>
            {shown.moves.length > 0 && (
              <ul className={styles.list} data-testid="preview-moves">
                {shown.moves.map((mv) => (
                  <li key={mv.key}>{moveLine(mv, messages)}</li>
                ))}
              </ul>
            )}
            <Text size={200}>{plural(p.edits, shown.edits.length)}</Text>
            <ul className={styles.list} data-testid="preview-edits">
              {shown.edits.map((e) => {
                const d = describeChange(e, messages);
                return <li key={e.what}>{fmt(m.thresholds.changeLogEntry, { what: d.what, from: d.from, to: d.to })}</li>;
              })}
            </ul>
          </>
        )}
      </div>
      <div className={styles.footer}>
        {shown && (
          <div>
            <Button appearance="subtle" size="small" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
              {expanded ? p.showFewer : p.showAll}
            </Button>
          </div>
        )}
        <div aria-live="polite">
          {blocked && (
            <Text id={BLOCKED_ID} size={200} className={styles.blocked} data-testid="apply-blocked">
              {fmt(invalid.length === 1 ? p.blocked.one : p.blocked.many, { fields: invalid.map((x) => x.name).join(messages.pane.format.listJoin) })}
            </Text>
          )}
        </div>
        <div className={styles.actions}>
          <Button
            appearance="primary"
            // still focusable while blocked, so a screen reader reaches it and hears why (aria-describedby)
            disabled={unavailable && !blocked}
            disabledFocusable={blocked}
            aria-describedby={blocked ? BLOCKED_ID : undefined}
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
      </div>
    </section>
  );
}
