/**
 * Inputs of the Thresholds panel. Each checks what is typed as it is typed and
 * says why it is wrong; only valid values are passed on (and so previewed).
 */
import { useEffect, useRef, useState } from 'react';
import { Field, Input, makeStyles, Select, Switch } from '@fluentui/react-components';
import { fmt } from '../../core/messages';
import type { Amount } from '../../core/config/schema';
import { amountText, parseAmountInput, parsePercentInput, sameAmount } from '../config-edit';
import { usePane } from './PaneContext';

/** Fields are grid items, as wide as their longest option unless told otherwise: keep them to the pane's width. */
export const useFieldStyles = makeStyles({
  fit: { minWidth: 0, maxWidth: '100%' },
});

export interface AmountFieldProps {
  label: string;
  hint?: string;
  /** The value set at this level, or undefined when inherited. */
  value: Amount | undefined;
  /** Overrides: words for the inherited value ("As the defaults (10%)"); empty input means inherit. */
  inheritLabel?: string;
  onCommit: (amount: Amount | undefined) => void;
  disabled?: boolean;
  testId?: string;
}

export function AmountField({ label, hint, value, inheritLabel, onCommit, disabled, testId }: AmountFieldProps) {
  const { m } = usePane();
  const [text, setText] = useState(amountText(value));
  const [error, setError] = useState<string | null>(null);
  const committed = useRef<Amount | undefined>(value);

  // The value changed from outside (another control, a fresh read): show it.
  useEffect(() => {
    if (!sameAmount(committed.current, value)) {
      committed.current = value;
      setText(amountText(value));
      setError(null);
    }
  }, [value]);

  const onChange = (next: string): void => {
    setText(next);
    if (next.trim() === '' && inheritLabel !== undefined) {
      setError(null);
      committed.current = undefined;
      onCommit(undefined);
      return;
    }
    const parsed = parseAmountInput(next);
    if (!parsed.ok) {
      const t = m.thresholds.invalid;
      setError(parsed.reason === 'empty' ? t.amountEmpty : parsed.reason === 'negative' ? t.amountNegative : fmt(t.amountFormat, { text: next.trim() }));
      return;
    }
    setError(null);
    committed.current = parsed.amount;
    onCommit(parsed.amount);
  };

  return (
    <Field label={label} hint={hint} validationState={error ? 'error' : 'none'} validationMessage={error ?? undefined}>
      <Input
        value={text}
        placeholder={inheritLabel}
        disabled={disabled}
        onChange={(_, data) => onChange(data.value)}
        data-testid={testId}
        aria-invalid={error ? true : undefined}
      />
    </Field>
  );
}

export interface PercentFieldProps {
  label: string;
  value: number;
  /** A further check on a valid number (returns the reason, or null). */
  check?: (value: number) => string | null;
  onCommit: (value: number) => void;
  disabled?: boolean;
}

export function PercentField({ label, value, check, onCommit, disabled }: PercentFieldProps) {
  const { m } = usePane();
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  const committed = useRef(value);
  useEffect(() => {
    if (committed.current !== value) {
      committed.current = value;
      setText(String(value));
      setError(null);
    }
  }, [value]);
  const onChange = (next: string): void => {
    setText(next);
    const parsed = parsePercentInput(next);
    if (!parsed.ok) {
      setError(parsed.reason === 'range' ? m.thresholds.invalid.percentRange : fmt(m.thresholds.invalid.percentFormat, { text: next.trim() }));
      return;
    }
    const problem = check?.(parsed.value) ?? null;
    if (problem) {
      setError(problem);
      return;
    }
    setError(null);
    committed.current = parsed.value;
    onCommit(parsed.value);
  };
  return (
    <Field label={label} validationState={error ? 'error' : 'none'} validationMessage={error ?? undefined}>
      <Input value={text} disabled={disabled} onChange={(_, data) => onChange(data.value)} aria-invalid={error ? true : undefined} />
    </Field>
  );
}

export interface ChoiceFieldProps {
  label: string;
  hint?: string;
  /** The value set at this level; '' when inherited. */
  value: string;
  options: { value: string; label: string }[];
  /** Overrides: the first option, "As the defaults (…)", meaning inherit. */
  inheritLabel?: string;
  onChoose: (value: string | undefined) => void;
  disabled?: boolean;
  testId?: string;
}

export function ChoiceField({ label, hint, value, options, inheritLabel, onChoose, disabled, testId }: ChoiceFieldProps) {
  const styles = useFieldStyles();
  return (
    <Field label={label} hint={hint} className={styles.fit}>
      <Select className={styles.fit} value={value} disabled={disabled} onChange={(_, data) => onChoose(data.value === '' ? undefined : data.value)} data-testid={testId}>
        {inheritLabel !== undefined && <option value="">{inheritLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

export function SwitchField({ label, hint, checked, onChange, disabled, testId }: { label: string; hint?: string; checked: boolean; onChange: (checked: boolean) => void; disabled?: boolean; testId?: string }) {
  return (
    <Field hint={hint}>
      <Switch label={label} checked={checked} disabled={disabled} onChange={(_, data) => onChange(data.checked)} data-testid={testId} />
    </Field>
  );
}
