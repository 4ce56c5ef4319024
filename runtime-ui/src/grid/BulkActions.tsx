import { DeleteOutlined, DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { fieldTypes } from '@forecourt/schemas';
import { Alert, Button, Dropdown, Modal, message, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post } from '../api/client';
import type { FieldDef } from '../api/types';
import { useLabel } from '../i18n/label';
import { downloadExport } from '../import/requests';
import type { ValueWidget } from './filters/operators';
import { ValueInput } from './filters/ValueInput';
import type { GridColumn, GridQuery } from './query';

/** The most records one bulk request changes (the server's limit too). */
export const MAX_SELECTION = 500;

/** The widget that sets a field's value in bulk; types without one are not offered. */
function setterOf(field: FieldDef): ValueWidget | undefined {
  return fieldTypes.get(field.type)?.bulkSet;
}

interface Props {
  formId: string;
  /** Fields of the form the user may fill (the server decides per row what they may change). */
  fields: readonly FieldDef[];
  actions: string[];
  selected: string[];
  query: GridQuery;
  columns: GridColumn[];
  onClear(): void;
  /** After a change: reload the grid. */
  onChanged(): void;
}

/**
 * What the toolbar does with the selected rows: set one field to a value, move them to the recycle
 * bin (after a confirmation), export them; and export everything the current filter matches. Each
 * change is all or nothing on the server; a refusal is shown with the server's words.
 */
export function BulkActions({
  formId,
  fields,
  actions,
  selected,
  query,
  columns,
  onClear,
  onChanged,
}: Props) {
  const { t } = useTranslation();
  const label = useLabel();
  const [dialog, setDialog] = useState<'edit' | 'delete'>();
  const [fieldId, setFieldId] = useState<string>();
  const [value, setValue] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const editable = fields.filter((f) => !f.hidden && setterOf(f));
  const field = editable.find((f) => f.id === fieldId);
  const base = `/api/forms/${encodeURIComponent(formId)}/records`;
  const count = selected.length;

  const close = () => {
    setDialog(undefined);
    setError(undefined);
  };
  const submit = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      void message.success(done);
      close();
      onClear();
      onChanged();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t('errors.generic'));
    } finally {
      setBusy(false);
    }
  };
  const exportRows = async (ids?: string[]) => {
    try {
      const fieldColumns = columns.map((c) => c.field).filter((id) => !id.startsWith('_'));
      await downloadExport(formId, { format: 'xlsx', columns: fieldColumns, query, ...(ids ? { ids } : {}) });
    } catch (failure) {
      void message.error(failure instanceof ApiError ? failure.message : t('errors.generic'));
    }
  };

  const exportItems = [
    ...(count ? [{ key: 'selected', label: t('grid.bulk.exportSelected', { count }) }] : []),
    { key: 'filtered', label: t('grid.bulk.exportFiltered') },
  ];

  return (
    <Space wrap className="bulk-actions">
      {count > 0 && (
        <>
          <Typography.Text strong aria-live="polite">
            {t('grid.bulk.selected', { count })}
          </Typography.Text>
          <Button size="small" type="link" onClick={onClear}>
            {t('grid.bulk.clear')}
          </Button>
          {actions.includes('batchEdit') && (
            <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
              {t('grid.bulk.edit')}
            </Button>
          )}
          {actions.includes('delete') && (
            <Button danger icon={<DeleteOutlined />} onClick={() => setDialog('delete')}>
              {t('grid.bulk.delete')}
            </Button>
          )}
        </>
      )}
      {actions.includes('export') && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: exportItems,
            onClick: ({ key }) => void exportRows(key === 'selected' ? selected : undefined),
          }}
        >
          <Button icon={<DownloadOutlined />}>{t('grid.bulk.export')}</Button>
        </Dropdown>
      )}
      <Modal
        open={dialog === 'edit'}
        title={t('grid.bulk.editTitle', { count })}
        okText={t('grid.bulk.apply')}
        okButtonProps={{ disabled: !field, loading: busy }}
        onCancel={close}
        onOk={() =>
          field &&
          submit(
            () => post(`${base}/bulk-update`, { ids: selected, data: { [field.id]: value ?? null } }),
            t('grid.bulk.edited', { count }),
          )
        }
        destroyOnHidden
      >
        <div className="bulk-edit">
          <label htmlFor="bulk-field">{t('grid.bulk.field')}</label>
          <Select
            id="bulk-field"
            showSearch={{ optionFilterProp: 'label' }}
            options={editable.map((f) => ({ value: f.id, label: label(f.label) }))}
            value={fieldId}
            onChange={(id: string) => {
              setFieldId(id);
              setValue(undefined);
            }}
          />
          {field && (
            <>
              <span>{t('grid.bulk.value')}</span>
              <ValueInput
                field={field}
                widget={setterOf(field)!}
                value={value}
                onChange={setValue}
                ariaLabel={t('grid.bulk.value')}
              />
            </>
          )}
          {error && <Alert type="error" showIcon title={error} />}
        </div>
      </Modal>
      <Modal
        open={dialog === 'delete'}
        title={t('grid.bulk.deleteTitle', { count })}
        okText={t('grid.bulk.delete')}
        okButtonProps={{ danger: true, loading: busy }}
        onCancel={close}
        onOk={() =>
          submit(() => post(`${base}/bulk-delete`, { ids: selected }), t('grid.bulk.deleted', { count }))
        }
      >
        <Typography.Paragraph>{t('grid.bulk.deleteBody')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} />}
      </Modal>
    </Space>
  );
}
