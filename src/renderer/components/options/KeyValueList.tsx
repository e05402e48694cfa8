// An editable list of name/value pairs (user metadata, tags): a row per pair with its own inline message, a remove
// button per row and an add button. Focus follows the edit: a new row's name field, or after a removal the row that
// took its place (else the add button), so that the keyboard is never dropped to the page.
import { useEffect, useRef, useState } from 'react';
import type { KeyValue } from '../../../shared/object-options';
import { useT } from '../../store/context';

export interface KeyValueListProps {
  /** Prefix of the inputs' ids: `${id}-${row}-key`, `${id}-${row}-value`. */
  id: string;
  label: string;
  /** What a row is, for screen readers: "Tag 2: name", "Remove tag 2". */
  what: string;
  addLabel: string;
  rows: KeyValue[];
  /** The add button goes away at this many rows. */
  max: number;
  onChange(rows: KeyValue[]): void;
  /** The message for "<row>.key", "<row>.value", or "" for the whole list. */
  errorFor(name: string): string | undefined;
  onBlur?(name: string): void;
}

export function KeyValueList({ id, label, what, addLabel, rows, max, onChange, errorFor, onBlur }: KeyValueListProps) {
  const t = useT();
  const box = useRef<HTMLFieldSetElement>(null);
  /** Where focus goes after the next render: a row's name field, or the add button (-1). */
  const [focusNext, setFocusNext] = useState<number | null>(null);
  useEffect(() => {
    if (focusNext === null) return;
    const target =
      focusNext >= 0 ? document.getElementById(`${id}-${focusNext}-key`) : box.current?.querySelector('.kv-add');
    (target as HTMLElement | null | undefined)?.focus();
    setFocusNext(null);
  }, [focusNext, id]);

  const set = (index: number, part: keyof KeyValue, text: string) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, [part]: text } : row)));
  const add = () => {
    onChange([...rows, { key: '', value: '' }]);
    setFocusNext(rows.length);
  };
  const remove = (index: number) => {
    onChange(rows.filter((_, i) => i !== index));
    const left = rows.length - 1;
    setFocusNext(left === 0 ? -1 : Math.min(index, left - 1));
  };
  const listError = errorFor('');

  return (
    <fieldset className="kv-list" ref={box} aria-describedby={listError ? `${id}-error` : undefined}>
      <legend>{label}</legend>
      {rows.length === 0 && <div className="kv-empty">{t('options.emptyList')}</div>}
      {rows.map((row, i) => {
        const n = i + 1;
        const keyError = errorFor(`${i}.key`);
        const valueError = errorFor(`${i}.value`);
        const message = keyError ?? valueError;
        const messageId = `${id}-${i}-error`;
        return (
          <div className="kv-row" key={i}>
            <input
              id={`${id}-${i}-key`}
              aria-label={t('options.rowKey', { what, n })}
              placeholder={t('options.key')}
              value={row.key}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={Boolean(keyError)}
              aria-describedby={keyError ? messageId : undefined}
              onChange={(e) => set(i, 'key', e.target.value)}
              onBlur={() => onBlur?.(`${i}.key`)}
            />
            <input
              id={`${id}-${i}-value`}
              aria-label={t('options.rowValue', { what, n })}
              placeholder={t('options.value')}
              value={row.value}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={Boolean(valueError)}
              aria-describedby={valueError ? messageId : undefined}
              onChange={(e) => set(i, 'value', e.target.value)}
              onBlur={() => onBlur?.(`${i}.value`)}
            />
            <button
              type="button"
              className="button-small button-quiet kv-remove"
              aria-label={t('options.removeRow', { what, n })}
              title={t('options.removeRow', { what, n })}
              onClick={() => remove(i)}
            >
              ×
            </button>
            {message && (
              <div className="field-error kv-error" id={messageId}>
                {message}
              </div>
            )}
          </div>
        );
      })}
      {rows.length < max && (
        <button type="button" className="button-small kv-add" onClick={add}>
          {addLabel}
        </button>
      )}
      {listError && (
        <div className="field-error" id={`${id}-error`}>
          {listError}
        </div>
      )}
    </fieldset>
  );
}
