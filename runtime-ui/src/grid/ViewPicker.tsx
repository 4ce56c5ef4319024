import { DownOutlined, SaveOutlined } from '@ant-design/icons';
import type { SavedView as View } from '@forecourt/schemas/api';
import { Button, Dropdown, Input, Modal, message, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, post } from '../api/client';
import { useLabel } from '../i18n/label';
import type { GridColumn, GridQuery } from './query';

/** A saved view as `GET /api/forms/:formId/views` lists it, its query read as the grid's. */
export type SavedView = Omit<View, 'query'> & { query: GridQuery };

interface Props {
  formId: string;
  userId: string;
  views: SavedView[];
  current: SavedView | undefined;
  /** What "save" stores: the grid's filter, sort, search and columns now. */
  state: { query: GridQuery; columns: GridColumn[] };
  onPick(view: SavedView | undefined): void;
  /** After a save, rename or delete: list the views again (and pick `selected`). */
  onChanged(selected: string | undefined): void;
}

type Naming = { mode: 'create' | 'rename'; name: string } | undefined;

/**
 * The saved views of a form: pick one (its filter, sort and columns replace the grid's), save the
 * grid as a new personal view, save it into the current one, rename or delete one's own. Shared views
 * (made by admins) can be picked by everyone and changed only by admins, through the admin console.
 */
export function ViewPicker({ formId, userId, views, current, state, onPick, onChanged }: Props) {
  const { t } = useTranslation();
  const label = useLabel();
  const [naming, setNaming] = useState<Naming>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [busy, setBusy] = useState(false);
  const own = current && current.ownerId === userId;

  const run = async (work: () => Promise<string | undefined>) => {
    setBusy(true);
    try {
      onChanged(await work());
      return true;
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : t('errors.generic'));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const saveNamed = async () => {
    if (!naming?.name.trim()) return;
    const name = { zh: naming.name.trim(), en: naming.name.trim() };
    const done = await run(async () => {
      if (naming.mode === 'rename' && current) {
        await api('PATCH', `/api/views/${current.id}`, { name });
        return current.id;
      }
      const created = await post<SavedView>(`/api/forms/${encodeURIComponent(formId)}/views`, {
        name,
        query: state.query,
        columns: state.columns,
      });
      return created.id;
    });
    if (done) {
      setNaming(undefined);
      void message.success(t('grid.views.saved'));
    }
  };

  const items = [
    { key: 'create', label: t('grid.views.saveAs') },
    ...(own
      ? [
          { key: 'update', label: t('grid.views.saveInto') },
          { key: 'rename', label: t('grid.views.rename') },
          { key: 'delete', label: t('grid.views.delete'), danger: true },
        ]
      : []),
  ];
  const onMenu = ({ key }: { key: string }) => {
    if (key === 'create') setNaming({ mode: 'create', name: '' });
    if (key === 'rename' && current) setNaming({ mode: 'rename', name: label(current.name) });
    if (key === 'delete') setConfirmDelete(true);
    if (key === 'update' && current)
      void run(async () => {
        await api('PATCH', `/api/views/${current.id}`, { query: state.query, columns: state.columns });
        void message.success(t('grid.views.saved'));
        return current.id;
      });
  };

  return (
    <Space.Compact className="view-picker">
      <Select
        aria-label={t('grid.views.pick')}
        className="view-select"
        value={current?.id ?? ''}
        onChange={(id: string) => onPick(views.find((v) => v.id === id))}
        options={[
          { value: '', label: t('grid.views.all') },
          ...views.map((v) => ({
            value: v.id,
            label: v.shared ? `${label(v.name)} · ${t('grid.views.shared')}` : label(v.name),
          })),
        ]}
        popupMatchSelectWidth={false}
      />
      <Dropdown menu={{ items, onClick: onMenu }} trigger={['click']}>
        <Button icon={<SaveOutlined />} loading={busy} aria-label={t('grid.views.menu')}>
          <DownOutlined />
        </Button>
      </Dropdown>
      <Modal
        open={naming !== undefined}
        title={naming?.mode === 'rename' ? t('grid.views.rename') : t('grid.views.saveAs')}
        onOk={saveNamed}
        okButtonProps={{ disabled: !naming?.name.trim(), loading: busy }}
        onCancel={() => setNaming(undefined)}
        destroyOnHidden
      >
        <div className="view-name">
          <label htmlFor="view-name-input">{t('grid.views.name')}</label>
          <Input
            id="view-name-input"
            autoFocus
            maxLength={100}
            value={naming?.name ?? ''}
            onChange={(e) => setNaming((n) => n && { ...n, name: e.target.value })}
            onPressEnter={saveNamed}
          />
        </div>
      </Modal>
      <Modal
        open={confirmDelete}
        title={t('grid.views.deleteTitle', { name: current ? label(current.name) : '' })}
        okButtonProps={{ danger: true, loading: busy }}
        okText={t('grid.views.delete')}
        onOk={async () => {
          if (!current) return;
          const done = await run(async () => {
            await api('DELETE', `/api/views/${current.id}`);
            return undefined;
          });
          if (done) {
            setConfirmDelete(false);
            onPick(undefined);
          }
        }}
        onCancel={() => setConfirmDelete(false)}
      />
    </Space.Compact>
  );
}
