/**
 * The live result of an expression: one box per field it reads, for a sample value, and what the
 * expression gives for them, evaluated in the same sandbox the server uses.
 */
import { compileExpression } from '@forecourt/schemas';
import { Input } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ExpressionField, sampleValue } from './suggest';

type Outcome = { ok: true; text: string } | { ok: false; text: string };

export function SampleResult({ source, fields }: { source: string; fields: ExpressionField[] }) {
  const { t } = useTranslation();
  const [samples, setSamples] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const reads = useMemo(() => {
    try {
      return [...compileExpression(source).fields];
    } catch {
      return [];
    }
  }, [source]);

  useEffect(() => {
    let current = true;
    const input: Record<string, unknown> = {};
    for (const id of reads) {
      const value = sampleValue(samples[id] ?? '');
      if (value !== undefined) input[id] = value;
    }
    compileExpression(source)
      .evaluate(input)
      .then(
        (result) =>
          current &&
          setOutcome({
            ok: true,
            text: result === undefined ? t('formDesigner.expression.empty') : JSON.stringify(result),
          }),
        (error: unknown) =>
          current && setOutcome({ ok: false, text: error instanceof Error ? error.message : String(error) }),
      );
    return () => {
      current = false;
    };
  }, [source, reads, samples, t]);

  const byId = new Map(fields.map((field) => [field.id, field]));
  return (
    <div className="fd-sample">
      {reads.length ? <div className="fd-muted">{t('formDesigner.expression.samples')}</div> : null}
      {reads.map((id) => (
        <div key={id} className="fd-sample-row">
          <span>{byId.get(id)?.label ?? id}</span>
          <Input
            size="small"
            value={samples[id] ?? ''}
            aria-label={t('formDesigner.expression.sampleOf', { field: byId.get(id)?.label ?? id })}
            onChange={(event) => setSamples((s) => ({ ...s, [id]: event.target.value }))}
          />
        </div>
      ))}
      <div className={`fd-sample-result${outcome?.ok === false ? ' is-error' : ''}`} aria-live="polite">
        {t('formDesigner.expression.result')}: <output>{outcome?.text ?? '…'}</output>
      </div>
    </div>
  );
}
