import { Button } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldDef, FormDefinition, RecordRow } from '../api/types';
import { useLabel } from '../i18n/label';
import { stepText } from './ApprovalTimeline';
import { shownFields, valueText } from './display';
import { useNames } from './names';
import { flowStateText } from './status';
import type { Timeline } from './types';
import { useWhen } from './when';

/**
 * The record on paper: title, fields in a two-column table (tables as tables), the approval's steps
 * with their comments, and the print date. The page hides the app's frame while this shows (the
 * `print-mode` class on <body>), on screen and on paper alike.
 */
export function PrintView({
  definition,
  row,
  timeline,
  onClose,
}: {
  definition: FormDefinition;
  row: RecordRow;
  timeline: Timeline | undefined;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const when = useWhen();
  useEffect(() => {
    document.body.classList.add('print-mode');
    return () => document.body.classList.remove('print-mode');
  }, []);
  const fields = shownFields(definition.fields);
  const nameOf = useNames(fields, [row.data]);
  const text = (field: FieldDef) => valueText(field, row.data[field.id], i18n.language, t, nameOf);
  return (
    <article className="print-sheet">
      <div className="print-toolbar">
        <Button type="primary" onClick={() => window.print()}>
          {t('record.print.print')}
        </Button>
        <Button onClick={onClose}>{t('record.print.close')}</Button>
      </div>
      <header className="print-header">
        <h1>{label(definition.title)}</h1>
        <p>
          {t('record.print.number', { id: row.id })}
          {row.flowState && <> · {flowStateText(row.flowState, t)}</>}
        </p>
      </header>
      <table className="print-fields">
        <tbody>
          {fields.map((field) => (
            <tr key={field.id}>
              <th scope="row">{label(field.label)}</th>
              <td>
                {field.type === 'subform' ? (
                  <PrintRows field={field} rows={row.data[field.id]} />
                ) : (
                  text(field) || '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {timeline && timeline.entries.length > 0 && (
        <section className="print-steps">
          <h2>{t('record.sections.timeline')}</h2>
          <table>
            <tbody>
              {timeline.entries
                .filter((e) => e.action.startsWith('task.') || e.action.startsWith('instance.'))
                .map((entry) => (
                  <tr key={`${entry.at}-${entry.action}-${entry.taskId}`}>
                    <td>{when(entry.at)}</td>
                    <td>{entry.nodeLabel ? label(entry.nodeLabel) : ''}</td>
                    <td>{entry.actor?.name ?? ''}</td>
                    <td>{stepText(entry.action, t)}</td>
                    <td>{entry.comment ?? ''}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      )}
      <footer className="print-footer">
        {t('record.print.printedAt', { at: when(new Date().toISOString()) })}
      </footer>
    </article>
  );
}

function PrintRows({ field, rows }: { field: FieldDef; rows: unknown }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const columns = shownFields((field.fields ?? []) as FieldDef[]);
  if (!Array.isArray(rows) || rows.length === 0) return <>—</>;
  return (
    <div className="print-rows-scroll">
      <table className="print-rows">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.id}>{label(c.label)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r: Record<string, unknown>, index) => (
            <tr key={String(r._id ?? index)}>
              {columns.map((c) => (
                <td key={c.id}>{valueText(c, r[c.id], i18n.language, t)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
