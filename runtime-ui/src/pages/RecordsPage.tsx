import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Space, Spin, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { definitionOf, type FormView, type RecordRow } from '../api/types';
import { useFetch } from '../api/useFetch';
import { RecordCards } from '../grid/RecordCards';
import { RecordGrid } from '../grid/RecordGrid';
import { CREATED_AT, isSortable, type SortKey } from '../grid/sortable';
import { useRecordPages } from '../grid/useRecordPages';
import { useLabel } from '../i18n/label';
import { shownFields } from '../records/display';
import { useIsPhone } from '../shell/useIsPhone';
import { PageState } from './PageState';
import './pages.css';

/** A form's records: the virtualised grid on a desktop, cards on a phone; sorted by the server. */
export default function RecordsPage() {
  const { formId = '' } = useParams();
  const fetched = useFetch<FormView>(`/api/forms/${encodeURIComponent(formId)}`);
  if (!fetched.data) return <PageState fetched={fetched} />;
  return <Records key={formId} view={fetched.data} />;
}

function Records({ view }: { view: FormView }) {
  const { t } = useTranslation();
  const label = useLabel();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const definition = definitionOf(view);
  const [sort, setSort] = useState<SortKey>();
  const pages = useRecordPages(view.form.id, sort);
  const open = useCallback(
    (row: RecordRow) => navigate(`/forms/${view.form.id}/records/${row.id}`),
    [navigate, view.form.id],
  );
  const fields = definition.fields;

  return (
    <div className="page records-page">
      <div className="page-heading">
        <Typography.Title level={3}>{label(definition.title)}</Typography.Title>
        <Link to={`/apps/${view.form.appId}`}>{t('records.backToApp')}</Link>
      </div>
      <div className="records-toolbar">
        <Typography.Text type="secondary" aria-live="polite">
          {pages.hasMore
            ? t('records.loadedMore', { count: pages.rows.length })
            : t('records.loadedAll', { count: pages.rows.length })}
        </Typography.Text>
        {pages.loading && <Spin size="small" />}
        {phone && <PhoneSort fields={fields} sort={sort} onSort={setSort} />}
      </div>
      {pages.error && (
        <Alert
          type="error"
          showIcon
          title={t('errors.generic')}
          description={pages.error.message}
          action={<Button onClick={pages.retry}>{t('common.retry')}</Button>}
        />
      )}
      {!pages.loading && pages.rows.length === 0 && !pages.error ? (
        <Typography.Paragraph type="secondary" className="records-empty">
          {t('records.empty')}
        </Typography.Paragraph>
      ) : phone ? (
        <RecordCards
          fields={fields}
          rows={pages.rows}
          hasMore={pages.hasMore}
          onEndReached={pages.loadMore}
          onOpen={open}
        />
      ) : (
        <RecordGrid
          fields={fields}
          rows={pages.rows}
          sort={sort}
          onSort={setSort}
          hasMore={pages.hasMore}
          onEndReached={pages.loadMore}
          onOpen={open}
        />
      )}
    </div>
  );
}

/** On a phone there are no column headers to click: a field to sort by and a direction. */
function PhoneSort({
  fields,
  sort,
  onSort,
}: {
  fields: FormView['form']['draft']['fields'];
  sort: SortKey | undefined;
  onSort(sort: SortKey | undefined): void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const options = useMemo(
    () => [
      { value: CREATED_AT, label: t('grid.createdAt') },
      ...shownFields(fields)
        .filter(isSortable)
        .map((f) => ({ value: f.id, label: label(f.label) })),
    ],
    [fields, t, label],
  );
  const current = sort ?? { field: CREATED_AT, dir: 'desc' as const };
  return (
    <Space.Compact className="phone-sort">
      <Select
        aria-label={t('grid.sortBy')}
        value={current.field}
        options={options}
        onChange={(field: string) => onSort({ field, dir: current.dir })}
        popupMatchSelectWidth={false}
      />
      <Button
        aria-label={current.dir === 'asc' ? t('grid.ascending') : t('grid.descending')}
        icon={current.dir === 'asc' ? <ArrowUpOutlined /> : <ArrowDownOutlined />}
        onClick={() => onSort({ field: current.field, dir: current.dir === 'asc' ? 'desc' : 'asc' })}
      />
    </Space.Compact>
  );
}
