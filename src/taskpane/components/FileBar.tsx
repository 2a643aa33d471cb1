/** Outside Office: open an .xlsx file in the browser. */
import { useRef } from 'react';
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { fmt } from '../../core/messages';
import { usePane } from './PaneContext';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
    paddingBlock: '8px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
});

/** The bytes of a chosen file (FileReader where Blob.arrayBuffer is missing, as in older web views). */
export function readFileBytes(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsArrayBuffer(file);
  });
}

export function FileBar() {
  const { state, controller, m } = usePane();
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const open = state.file;
  const busy = state.busy !== null;
  return (
    <header className={styles.bar} data-testid="file-bar">
      <h1 className={styles.heading}>{m.file.heading}</h1>
      {!open && <Text size={200}>{m.file.intro}</Text>}
      {open && (
        <Text className={styles.name} data-testid="file-name">
          {fmt(m.file.opened, { name: open.name })}
        </Text>
      )}
      <div className={styles.row}>
        <Button appearance={open ? 'secondary' : 'primary'} disabled={busy} onClick={() => input.current?.click()} data-testid="open-button">
          {open ? m.file.openAnother : m.file.open}
        </Button>
        {open?.changed && (
          <Button appearance="primary" disabled={busy} onClick={() => controller.download()} data-testid="download-button">
            {m.file.download}
          </Button>
        )}
      </div>
      {open?.changed && <Text size={200}>{m.file.notSaved}</Text>}
      <input
        ref={input}
        type="file"
        accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-label={m.file.openLabel}
        hidden
        data-testid="file-input"
        onChange={async (e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (!file) return;
          await controller.openFile(file.name, await readFileBytes(file));
        }}
      />
    </header>
  );
}
