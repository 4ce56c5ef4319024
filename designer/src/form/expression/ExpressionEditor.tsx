/**
 * The editor for every expression of a form (formula, default, visibility, validation): autocomplete of
 * fields and functions, the compile error inline (the same checks the server makes, from
 * @forecourt/schemas), and the result against sample values the designer types in.
 */
import { checkExpression } from '@forecourt/schemas';
import { Input } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { type KeyboardEvent, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SampleResult } from './SampleResult';
import { applySuggestion, type ExpressionField, type Suggestion, suggestionsFor, wordAt } from './suggest';

export interface ExpressionEditorProps {
  value: string;
  onChange(value: string): void;
  /** Fields the expression may read (the form's, without the one being edited when it is a formula). */
  fields: ExpressionField[];
  /** The accessible name of the text box. */
  label: string;
  /** Shown under the box: what the result is used for ("true shows the field"). */
  help?: string;
}

export function ExpressionEditor({ value, onChange, fields, label, help }: ExpressionEditorProps) {
  const { t } = useTranslation();
  const id = useId();
  const box = useRef<TextAreaRef>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const suggestions = useMemo(
    () => (caret === null || dismissed ? [] : suggestionsFor(wordAt(value, caret).word, fields)),
    [value, caret, fields, dismissed],
  );
  const check = useMemo(() => (value.trim() === '' ? null : checkExpression(value)), [value]);

  const accept = (suggestion: Suggestion) => {
    const next = applySuggestion(value, caret ?? value.length, suggestion);
    onChange(next.source);
    setCaret(next.caret);
    requestAnimationFrame(() => {
      const element = box.current?.resizableTextArea?.textArea;
      element?.focus();
      element?.setSelectionRange(next.caret, next.caret);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!suggestions.length) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (index + step + suggestions.length) % suggestions.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      const chosen = suggestions[Math.min(active, suggestions.length - 1)];
      if (chosen) accept(chosen);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setDismissed(true);
    }
  };

  const listId = `${id}-list`;
  const optionId = (index: number) => `${id}-option-${index}`;
  return (
    <div className="fd-expression">
      <Input.TextArea
        ref={box}
        value={value}
        aria-label={label}
        role="combobox"
        aria-expanded={suggestions.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={suggestions.length ? optionId(active) : undefined}
        aria-invalid={check?.ok === false}
        spellCheck={false}
        autoSize={{ minRows: 2, maxRows: 8 }}
        className="fd-expression-input"
        placeholder={t('formDesigner.expression.placeholder')}
        onChange={(event) => {
          onChange(event.target.value);
          setCaret(event.target.selectionStart);
          setActive(0);
          setDismissed(false);
        }}
        onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
        onBlur={() => setTimeout(() => setCaret(null), 150)}
        onKeyDown={onKeyDown}
      />
      {suggestions.length ? (
        <div
          id={listId}
          role="listbox"
          className="fd-suggestions"
          aria-label={t('formDesigner.expression.suggestions')}
        >
          {suggestions.map((suggestion, index) => (
            <div
              key={suggestion.insert}
              tabIndex={-1}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'is-active' : ''}
              onMouseDown={(event) => {
                event.preventDefault();
                accept(suggestion);
              }}
            >
              {suggestion.kind === 'field' ? (
                <>
                  <span>{suggestion.field.label}</span>
                  <code>{suggestion.field.id}</code>
                </>
              ) : (
                <>
                  <code>${suggestion.name}()</code>
                  <span className="fd-muted">
                    {suggestion.library
                      ? t('formDesigner.expression.library')
                      : t('formDesigner.expression.builtin')}
                  </span>
                </>
              )}
            </div>
          ))}
        </div>
      ) : null}
      {check && !check.ok ? (
        <div className="fd-expression-error" role="alert">
          {t('formDesigner.expression.error')}
          {check.position !== undefined
            ? ` (${t('formDesigner.expression.position', { position: check.position })})`
            : ''}
          : {check.message}
        </div>
      ) : null}
      {help ? <div className="fd-muted fd-expression-help">{help}</div> : null}
      {check?.ok ? <SampleResult source={value} fields={fields} /> : null}
    </div>
  );
}
