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

/** How an invalid field reports itself: a stable id and its name with its scope. */
export interface FieldIdentity {
  /** Stable id of the field ("workbook.tolerance"): its invalid text is kept under it. */
  fieldId: string;
  /** The field's name for the user, with its scope ("Tolerance (all measures)"). */
  problemName: string;
}

/**
 * The text of a field that checks what is typed: starts from what was typed when the field
 * was last shown invalid, follows the value when it changes from outside, and tells the
 * controller whether the text is invalid (Apply waits while any is).
 */
function useCheckedText<T>(
  { fieldId, problemName }: FieldIdentity,
  value: T,
  show: (v: T) => string,
  same: (a: T, b: T) => boolean,
  check: (text: string) => { ok: true; value: T } | { ok: false; message: string },
  onCommit: (v: T) => void,
) {
  const { controller } = usePane();
  const [text, setText] = useState(() => controller.fieldProblem(fieldId)?.text ?? show(value));
  const committed = useRef<T>(value);
  const result = check(text);
  const error = result.ok ? null : result.message;

  // The value changed from outside (another control, a fresh read): show it.
  useEffect(() => {
    if (!same(committed.current, value)) {
      committed.current = value;
      setText(show(value));
    }
  }, [value]);

  // Valid again because of another field (a share checked against another): the draft gets it.
  const validValue = result.ok ? result.value : undefined;
  useEffect(() => {
    if (result.ok && !same(committed.current, result.value)) {
      committed.current = result.value;
      onCommit(result.value);
    }
  }, [validValue]);

  useEffect(() => {
    controller.setFieldProblem(fieldId, error ? { name: problemName, text, message: error } : null);
  }, [controller, fieldId, problemName, text, error]);

  const onChange = (next: string): void => {
    setText(next);
    const parsed = check(next);
    if (!parsed.ok) return;
    committed.current = parsed.value;
    onCommit(parsed.value);
  };
  return { text, error, onChange };
}

export interface AmountFieldProps extends FieldIdentity {
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

export function AmountField({ label, hint, value, inheritLabel, onCommit, disabled, testId, fieldId, problemName }: AmountFieldProps) {
  const { m } = usePane();
  const t = m.thresholds.invalid;
  const { text, error, onChange } = useCheckedText<Amount | undefined>(
    { fieldId, problemName },
    value,
    amountText,
    sameAmount,
    (next) => {
      if (next.trim() === '' && inheritLabel !== undefined) return { ok: true, value: undefined };
      const parsed = parseAmountInput(next);
      if (parsed.ok) return { ok: true, value: parsed.amount };
      return { ok: false, message: parsed.reason === 'empty' ? t.amountEmpty : parsed.reason === 'negative' ? t.amountNegative : fmt(t.amountFormat, { text: next.trim() }) };
    },
    onCommit,
  );
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

export interface PercentFieldProps extends FieldIdentity {
  label: string;
  value: number;
  /** A further check on a valid number (returns the reason, or null). */
  check?: (value: number) => string | null;
  onCommit: (value: number) => void;
  disabled?: boolean;
}

export function PercentField({ label, value, check, onCommit, disabled, fieldId, problemName }: PercentFieldProps) {
  const { m } = usePane();
  const { text, error, onChange } = useCheckedText<number>(
    { fieldId, problemName },
    value,
    String,
    (a, b) => a === b,
    (next) => {
      const parsed = parsePercentInput(next);
      if (!parsed.ok) return { ok: false, message: parsed.reason === 'range' ? m.thresholds.invalid.percentRange : fmt(m.thresholds.invalid.percentFormat, { text: next.trim() }) };
      const problem = check?.(parsed.value) ?? null;
      return problem ? { ok: false, message: problem } : { ok: true, value: parsed.value };
    },
    onCommit,
  );
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
