import { Empty, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldDef } from '../api/types';
import { useFetch } from '../api/useFetch';
import { useLabel } from '../i18n/label';
import { PageState } from '../pages/PageState';
import { valueText } from './display';
import { useNames } from './names';
import type { HistoryEntry } from './types';
import { useWhen } from './when';

/**
 * Who changed what and when, newest first: each write with a before → after line per field the
 * reader may see (the server leaves out the others). Values read as the field shows them now.
 */
export function RecordHistory({
  formId,
  recordId,
  fields,
  version,
}: {
  formId: string;
  recordId: string;
  fields: readonly FieldDef[];
  /** Bumped by the page after a change, to read the history again. */
  version: number;
}) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const when = useWhen();
  const history = useFetch<{ entries: HistoryEntry[] }>(
    `/api/forms/${encodeURIComponent(formId)}/records/${encodeURIComponent(recordId)}/history`,
  );
  const { reload } = history;
  useEffect(() => {
    if (version) reload();
  }, [version, reload]);
  // Each change's before and after, as rows, so member, department and relation ids read as names.
  const nameOf = useNames(
    fields,
    (history.data?.entries ?? []).flatMap((e) =>
      e.changes.flatMap((c) => [{ [c.fieldId]: c.before }, { [c.fieldId]: c.after }]),
    ),
  );
  if (!history.data) return <PageState fetched={history} />;
  const entries = [...history.data.entries].reverse();
  if (entries.length === 0) return <Empty description={t('record.noHistory')} />;
  const text = (change: HistoryEntry['changes'][number], value: unknown) => {
    const field =
      fields.find((f) => f.id === change.fieldId) ??
      ({ id: change.fieldId, type: change.type ?? 'text', label: change.label } as FieldDef);
    return valueText(field, value, i18n.language, t, nameOf);
  };
  return (
    <ol className="record-history">
      {entries.map((entry) => (
        <li key={entry.id} className="history-entry">
          <div className="history-head">
            <Tag color={ACTION_COLOURS[entry.action]}>{historyActionText(entry.action, t)}</Tag>
            <span className="history-actor">{entry.actor?.name ?? t('record.system')}</span>
            <span className="history-when">{when(entry.at)}</span>
            {entry.via !== 'api' && <span className="history-via">{viaText(entry.via, t)}</span>}
          </div>
          {entry.changes.length > 0 && (
            <table className="history-changes">
              <tbody>
                {entry.changes.map((change) => (
                  <tr key={change.fieldId}>
                    <th scope="row">{label(change.label)}</th>
                    <td>
                      {entry.action !== 'create' && (
                        <>
                          {text(change, change.before) ? (
                            <del className="diff-before">{text(change, change.before)}</del>
                          ) : (
                            <span className="empty-value">{t('record.emptyValue')}</span>
                          )}
                          <span className="diff-arrow" aria-hidden>
                            →
                          </span>
                        </>
                      )}
                      <ins className="diff-after">{text(change, change.after) || '—'}</ins>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </li>
      ))}
    </ol>
  );
}

const ACTION_COLOURS: Record<HistoryEntry['action'], string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  restore: 'cyan',
  convert: 'purple',
  purge: 'default',
};

function historyActionText(action: HistoryEntry['action'], t: TFunction) {
  switch (action) {
    case 'create':
      return t('record.history.create');
    case 'update':
      return t('record.history.update');
    case 'delete':
      return t('record.history.delete');
    case 'restore':
      return t('record.history.restore');
    case 'convert':
      return t('record.history.convert');
    default:
      return t('record.history.purge');
  }
}

function viaText(via: string, t: TFunction) {
  switch (via) {
    case 'import':
      return t('record.via.import');
    case 'workflow':
      return t('record.via.workflow');
    case 'automation':
      return t('record.via.automation');
    default:
      return t('record.via.system');
  }
}
