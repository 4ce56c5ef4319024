import { ArrowDownOutlined, ArrowUpOutlined, FilterOutlined, UploadOutlined } from '@ant-design/icons';
import { isSortable } from '@forecourt/schemas';
import { Alert, Badge, Button, Input, Select, Space, Spin, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { definitionOf, type FormView, type RecordRow } from '../api/types';
import { useFetch } from '../api/useFetch';
import { BulkActions } from '../grid/BulkActions';
import { ColumnChooser } from '../grid/ColumnChooser';
import { FilterDrawer } from '../grid/filters/FilterBuilder';
import { filterCount, recordColumns } from '../grid/query';
import { RecordCards } from '../grid/RecordCards';
import { RecordGrid } from '../grid/RecordGrid';
import { CREATED_AT, type SortKey } from '../grid/sortable';
import { useGridState } from '../grid/useGridState';
import { useRecordPages } from '../grid/useRecordPages';
import { type SavedView, ViewPicker } from '../grid/ViewPicker';
import { useLabel } from '../i18n/label';
import { ImportWizard } from '../import/ImportWizard';
import { shownFields } from '../records/display';
import { useMe } from '../session/session';
import { useIsPhone } from '../shell/useIsPhone';
import { PageState } from './PageState';
import './pages.css';

/**
 * A form's records: the virtualised grid on a desktop, cards on a phone; filtered, sorted and searched
 * by the server; saved views, the column chooser, bulk actions on the selection and the import wizard.
 */
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
  const me = useMe();
  const definition = definitionOf(view);
  const fields = definition.fields;
  const formId = view.form.id;
  const grid = useGridState(fields);
  const pages = useRecordPages(formId, grid.query);
  const views = useFetch<{ views: SavedView[] }>(`/api/forms/${encodeURIComponent(formId)}/views`);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [importing, setImporting] = useState(false);
  const open = useCallback(
    (row: RecordRow) => navigate(`/forms/${formId}/records/${row.id}`),
    [navigate, formId],
  );
  // Every field a filter or a column may name: the form's shown fields and the record's own times.
  const allColumns = useMemo(() => [...shownFields(fields), ...recordColumns(t)], [fields, t]);
  const viewList = views.data?.views ?? [];
  const currentView = viewList.find((v) => v.id === grid.viewId);
  const count = pages.count;
  const filters = filterCount(grid.filter);
  const filterButton = (
    <Badge count={filters} size="small">
      <Button icon={<FilterOutlined />} onClick={() => setFiltersOpen(true)}>
        {t('grid.filter.button')}
      </Button>
    </Badge>
  );

  return (
    <div className="page records-page">
      <div className="page-heading">
        <Typography.Title level={3}>{label(definition.title)}</Typography.Title>
        <Space size="middle" align="center">
          <Link to={`/apps/${view.form.appId}`}>{t('records.backToApp')}</Link>
          {view.actions.includes('create') && (
            <Button type="primary" onClick={() => navigate(`/forms/${view.form.id}/new`)}>
              {t('fill.new')}
            </Button>
          )}
        </Space>
      </div>
      <div className="records-toolbar">
        <ViewPicker
          formId={formId}
          userId={me.user.id}
          views={viewList}
          current={currentView}
          state={{ query: grid.query, columns: grid.columns }}
          onPick={grid.applyView}
          onChanged={(id) => {
            views.reload();
            grid.setViewId(id);
          }}
        />
        {!phone && (
          <Input.Search
            className="records-search"
            aria-label={t('grid.search')}
            placeholder={t('grid.search')}
            allowClear
            defaultValue={grid.search}
            key={grid.viewId ?? 'none'}
            onSearch={grid.setSearch}
          />
        )}
        {filterButton}
        {!phone && <ColumnChooser fields={allColumns} columns={grid.columns} onChange={grid.setColumns} />}
        {!phone && view.actions.includes('import') && (
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
            {t('grid.import.button')}
          </Button>
        )}
        {!phone && (
          <BulkActions
            formId={formId}
            fields={fields}
            actions={view.actions}
            selected={[...grid.selected]}
            query={grid.query}
            columns={grid.columns}
            onClear={grid.clearSelection}
            onChanged={pages.reload}
          />
        )}
      </div>
      <div className="records-toolbar records-status">
        <Typography.Text type="secondary" aria-live="polite">
          {pages.hasMore
            ? t('records.loadedMore', { count: pages.rows.length })
            : t('records.loadedAll', { count: pages.rows.length })}
          {count && pages.hasMore && (
            <span className="records-count">
              {count.capped
                ? t('records.matchingMany', { count: count.value })
                : t('records.matching', { count: count.value })}
            </span>
          )}
        </Typography.Text>
        {pages.loading && <Spin size="small" />}
        {phone && <PhoneSort fields={fields} sort={grid.sort} onSort={grid.setSort} />}
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
          {filters || grid.search ? t('records.noMatch') : t('records.empty')}
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
          fields={allColumns}
          columns={grid.columns}
          rows={pages.rows}
          sort={grid.sort}
          onSort={grid.setSort}
          hasMore={pages.hasMore}
          onEndReached={pages.loadMore}
          onOpen={open}
          selection={
            view.actions.some((a) => ['batchEdit', 'delete', 'export'].includes(a))
              ? { ids: grid.selected, onChange: grid.setSelected }
              : undefined
          }
        />
      )}
      <FilterDrawer
        open={filtersOpen}
        phone={phone}
        fields={allColumns}
        filter={grid.filter}
        onApply={(next) => {
          grid.setFilter(next);
          setFiltersOpen(false);
        }}
        onClose={() => setFiltersOpen(false)}
      />
      {!phone && (
        <ImportWizard
          formId={formId}
          fields={fields}
          open={importing}
          onClose={(imported) => {
            setImporting(false);
            if (imported) pages.reload();
          }}
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
