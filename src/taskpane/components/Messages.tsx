/** What went wrong, what was done, and a saved configuration that cannot be used. */
import { useState } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles } from '@fluentui/react-components';
import { ConfirmDialog } from './ConfirmDialog';
import { usePane } from './PaneContext';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: '6px', paddingBlock: '6px' },
  list: { margin: '4px 0 0', paddingLeft: '18px', overflowWrap: 'anywhere' },
});

export function Messages() {
  const { state, controller, m } = usePane();
  const styles = useStyles();
  const [confirmDefaults, setConfirmDefaults] = useState(false);
  const problems = state.savedProblems;
  if (!state.error && !state.notice && !problems) return null;
  return (
    <div className={styles.stack}>
      {state.error && (
        <MessageBar intent="error" layout="multiline" data-testid="error">
          <MessageBarBody>
            <MessageBarTitle>{m.errors.title}</MessageBarTitle>
            {state.error.message}
            {state.error.details.length > 0 && (
              <ul className={styles.list}>
                {state.error.details.map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            )}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => controller.dismissError()}>
              {m.errors.dismiss}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {problems && (
        <MessageBar intent="warning" layout="multiline" data-testid="saved-invalid">
          <MessageBarBody>
            <MessageBarTitle>{m.savedInvalid.title}</MessageBarTitle>
            {m.savedInvalid.body}
            <ul className={styles.list}>
              {problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="primary" disabled={state.busy !== null} onClick={() => setConfirmDefaults(true)} data-testid="use-defaults">
              {m.savedInvalid.useDefaults}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {state.notice && (
        <MessageBar intent="success" layout="multiline" data-testid="notice">
          <MessageBarBody>{state.notice}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => controller.dismissNotice()}>
              {m.errors.dismiss}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <ConfirmDialog
        open={confirmDefaults}
        title={m.savedInvalid.confirmTitle}
        body={m.savedInvalid.confirmBody}
        confirm={m.savedInvalid.confirm}
        cancel={m.savedInvalid.cancel}
        onCancel={() => setConfirmDefaults(false)}
        onConfirm={() => {
          setConfirmDefaults(false);
          void controller.refresh({ useDefaults: true });
        }}
      />
    </div>
  );
}
