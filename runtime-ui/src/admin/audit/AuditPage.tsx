import type { AuditPage as AuditEntries, AuditEntry } from '@forecourt/schemas/api';
import { Button, DatePicker, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, get } from '../../api/client';
import { PageState } from '../../pages/PageState';
import { PeoplePicker } from '../shared/PeoplePicker';

interface Filters {
  action?: string;
  actorId?: string | null;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const PAGE = 50;
/** Families of actions the log holds (docs/access-control.md#audit-log); each is asked for as a prefix. */
const FAMILIES = [
  'auth',
  'user',
  'department',
  'role',
  'app_roles',
  'permission_set',
  'public_link',
  'token',
  'app',
  'form',
  'records',
  'api',
] as const;

function queryOf(filters: Filters, cursor?: string): string {
  const params = new URLSearchParams({ limit: String(PAGE) });
  if (filters.action) params.set('action', filters.action);
  if (filters.actorId) params.set('actorId', filters.actorId);
  const [from, to] = filters.range ?? [];
  if (from) params.set('from', from.toISOString());
  if (to) params.set('to', to.toISOString());
  if (cursor) params.set('cursor', cursor);
  return `/api/audit?${params}`;
}

/** Who did what, newest first: narrowed by kind of action, person and time; older pages on request. */
export default function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({});
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const ticket = useRef(0);
  const familyLabels: Record<(typeof FAMILIES)[number], string> = {
    auth: t('admin.audit.family.auth'),
    user: t('admin.audit.family.user'),
    department: t('admin.audit.family.department'),
    role: t('admin.audit.family.role'),
    app_roles: t('admin.audit.family.appRoles'),
    permission_set: t('admin.audit.family.permissionSet'),
    public_link: t('admin.audit.family.publicLink'),
    token: t('admin.audit.family.token'),
    app: t('admin.audit.family.app'),
    form: t('admin.audit.family.form'),
    records: t('admin.audit.family.records'),
    api: t('admin.audit.family.api'),
  };

  const load = (cursor?: string) => {
    const mine = ++ticket.current;
    setLoading(true);
    get<AuditEntries>(queryOf(filters, cursor))
      .then((page) => {
        if (mine !== ticket.current) return;
        setEntries((previous) => (cursor ? [...(previous ?? []), ...page.entries] : page.entries));
        setNext(page.next);
        setError(undefined);
      })
      .catch((e: unknown) => {
        if (mine === ticket.current)
          setError(e instanceof ApiError ? e : new ApiError(0, 'network', String(e)));
      })
      .finally(() => mine === ticket.current && setLoading(false));
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: a change of filters starts over from the newest
  useEffect(() => load(), [filters]);

  if (!entries) return <PageState fetched={{ error, reload: () => load() }} />;

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('admin.audit.at'),
      dataIndex: 'at',
      render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss'),
    },
    {
      title: t('admin.audit.actor'),
      key: 'actor',
      render: (_, e) => (
        <Space size={4}>
          {e.actorName ?? e.actorId ?? t('admin.audit.anonymous')}
          {e.via !== 'session' && <Tag>{e.via}</Tag>}
        </Space>
      ),
    },
    {
      title: t('admin.audit.action'),
      dataIndex: 'action',
      render: (action: string) => <Typography.Text code>{action}</Typography.Text>,
    },
    {
      title: t('admin.audit.target'),
      key: 'target',
      responsive: ['md'],
      render: (_, e) => (e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : '—'),
    },
    {
      title: t('admin.audit.ip'),
      dataIndex: 'ip',
      responsive: ['lg'],
      render: (ip: string | null) => ip ?? '—',
    },
  ];

  return (
    <div className="page admin-page">
      <div className="admin-toolbar">
        <Typography.Title level={3}>{t('admin.audit.title')}</Typography.Title>
      </div>
      <search className="admin-filters">
        <Select
          allowClear
          className="admin-filter-select"
          placeholder={t('admin.audit.anyAction')}
          aria-label={t('admin.audit.action')}
          value={filters.action}
          onChange={(action) => setFilters({ ...filters, action })}
          options={FAMILIES.map((f) => ({ value: `${f}.*`, label: `${familyLabels[f]} (${f}.*)` }))}
        />
        <PeoplePicker
          className="admin-filter-select"
          placeholder={t('admin.audit.anyActor')}
          aria-label={t('admin.audit.actor')}
          value={filters.actorId}
          onChange={(actorId) => setFilters({ ...filters, actorId: (actorId as string | null) ?? null })}
        />
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          aria-label={t('admin.audit.range')}
          value={filters.range ?? null}
          onChange={(range) => setFilters({ ...filters, range })}
        />
      </search>
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={entries}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (e) => <pre className="admin-details">{JSON.stringify(e.details, null, 2)}</pre>,
          rowExpandable: (e) => Object.keys(e.details).length > 0 || !!e.tokenId,
        }}
        locale={{ emptyText: t('admin.audit.none') }}
      />
      <div className="admin-more">
        {next ? (
          <Button onClick={() => load(next)} loading={loading}>
            {t('common.loadMore')}
          </Button>
        ) : (
          entries.length > 0 && <Typography.Text type="secondary">{t('admin.audit.end')}</Typography.Text>
        )}
      </div>
    </div>
  );
}
