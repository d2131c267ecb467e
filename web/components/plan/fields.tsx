'use client';
/**
 * Form inputs bound to plan paths. Each input has a label, and shows the engine's field errors for its path
 * (aria-invalid + aria-describedby), so a screen reader reads the error with the field.
 */
import { useEffect, useState } from 'react';
import type { FieldError } from '@flopcast/engine';
import { fieldId } from '@/lib/field-errors';
import { parseNumberInput } from '@/lib/format';

export interface CommonProps {
  path: string;
  label: string;
  errors?: FieldError[] | undefined;
  hint?: string | undefined;
  wide?: boolean;
}

function ErrorText({ id, errors }: { id: string; errors?: FieldError[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <span className="field-error" id={id} role="alert" data-testid="field-error" data-path={errors[0]?.path}>
      {errors.map((e) => e.message).join('; ')}
    </span>
  );
}

/** Text shown in a numeric input for a stored value (exponent form for big counts: 1.48e13). */
export function numberToText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v !== 'number' || !Number.isFinite(v)) return '';
  if (Math.abs(v) >= 1e9) return v.toExponential().replace('e+', 'e');
  return String(v);
}

function sameNumber(text: string, v: unknown): boolean {
  const n = parseNumberInput(text);
  if (typeof v === 'string') return text === v;
  if (v === undefined) return text.trim() === '';
  return n === v;
}

/**
 * A numeric input that accepts plain or exponent notation. Text that is not a number is passed on as the raw
 * string (the engine reports it on this field); an empty optional field removes the key (engine default applies).
 */
export function NumberField(p: CommonProps & { value: unknown; onChange: (v: unknown) => void; optional?: boolean; placeholder?: string | undefined }) {
  const [text, setText] = useState(numberToText(p.value));
  useEffect(() => {
    if (!sameNumber(text, p.value)) setText(numberToText(p.value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [p.value]);
  const id = fieldId(p.path);
  const errId = `${id}-error`;
  const hintId = `${id}-hint`;
  const invalid = Boolean(p.errors?.length);
  return (
    <div className={`field${p.wide ? ' wide' : ''}`}>
      <label htmlFor={id}>{p.label}</label>
      <input
        id={id}
        name={p.path}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={text}
        placeholder={p.placeholder}
        aria-invalid={invalid || undefined}
        aria-describedby={[invalid ? errId : '', p.hint ? hintId : ''].filter(Boolean).join(' ') || undefined}
        onChange={(e) => {
          const t = e.target.value;
          setText(t);
          const n = parseNumberInput(t);
          if (n !== undefined) p.onChange(n);
          else if (t.trim() === '' && p.optional) p.onChange(undefined);
          else p.onChange(t);
        }}
      />
      {p.hint ? <span className="field-hint" id={hintId}>{p.hint}</span> : null}
      <ErrorText id={errId} errors={p.errors} />
    </div>
  );
}

export function TextField(p: CommonProps & { value: string; placeholder?: string; onChange: (v: string) => void }) {
  const id = fieldId(p.path);
  const errId = `${id}-error`;
  const invalid = Boolean(p.errors?.length);
  return (
    <div className={`field${p.wide ? ' wide' : ''}`}>
      <label htmlFor={id}>{p.label}</label>
      <input id={id} name={p.path} type="text" value={p.value} placeholder={p.placeholder} aria-invalid={invalid || undefined} aria-describedby={invalid ? errId : undefined} onChange={(e) => p.onChange(e.target.value)} />
      <ErrorText id={errId} errors={p.errors} />
    </div>
  );
}

export function SelectField<V extends string | number>(
  p: CommonProps & { value: V | undefined; options: Array<{ value: V | ''; label: string }>; onChange: (v: V | undefined) => void },
) {
  const id = fieldId(p.path);
  const errId = `${id}-error`;
  const hintId = `${id}-hint`;
  const invalid = Boolean(p.errors?.length);
  const numeric = p.options.some((o) => typeof o.value === 'number');
  return (
    <div className={`field${p.wide ? ' wide' : ''}`}>
      <label htmlFor={id}>{p.label}</label>
      <select
        id={id}
        name={p.path}
        value={p.value === undefined ? '' : String(p.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={[invalid ? errId : '', p.hint ? hintId : ''].filter(Boolean).join(' ') || undefined}
        onChange={(e) => {
          const raw = e.target.value;
          if (raw === '') p.onChange(undefined);
          else p.onChange((numeric ? Number(raw) : raw) as V);
        }}
      >
        {p.options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>{o.label}</option>
        ))}
      </select>
      {p.hint ? <span className="field-hint" id={hintId}>{p.hint}</span> : null}
      <ErrorText id={errId} errors={p.errors} />
    </div>
  );
}

export function CheckField(p: CommonProps & { value: boolean | undefined; onChange: (v: boolean) => void }) {
  const id = fieldId(p.path);
  const errId = `${id}-error`;
  const invalid = Boolean(p.errors?.length);
  return (
    <div className={`field check${p.wide ? ' wide' : ''}`}>
      <input id={id} name={p.path} type="checkbox" checked={Boolean(p.value)} aria-invalid={invalid || undefined} aria-describedby={invalid ? errId : undefined} onChange={(e) => p.onChange(e.target.checked)} />
      <label htmlFor={id}>{p.label}</label>
      <ErrorText id={errId} errors={p.errors} />
    </div>
  );
}

/**
 * A group of checkboxes editing one list-valued plan path (e.g. `parallelism.recomputeModules`); the engine's errors
 * for the list or any of its items show under the group.
 */
export function CheckListField<T extends string>(
  p: CommonProps & { options: ReadonlyArray<{ value: T; label: string; title?: string }>; value: readonly T[] | undefined; onToggle: (v: T, on: boolean) => void },
) {
  const id = fieldId(p.path);
  const errId = `${id}-error`;
  const invalid = Boolean(p.errors?.length);
  return (
    <div className={`field checklist${p.wide ? ' wide' : ''}`} role="group" aria-labelledby={`${id}-label`} aria-describedby={invalid ? errId : undefined}>
      <span id={`${id}-label`} className="field-label">{p.label}</span>
      <span className="checklist-items">
        {p.options.map((o) => (
          <label key={o.value} htmlFor={`${id}-${o.value}`} title={o.title}>
            <input
              id={`${id}-${o.value}`}
              name={p.path}
              type="checkbox"
              value={o.value}
              checked={Boolean(p.value?.includes(o.value))}
              aria-invalid={invalid || undefined}
              onChange={(e) => p.onToggle(o.value, e.target.checked)}
            />{' '}
            {o.label}
          </label>
        ))}
      </span>
      {p.hint ? <span className="field-hint">{p.hint}</span> : null}
      <ErrorText id={errId} errors={p.errors} />
    </div>
  );
}
