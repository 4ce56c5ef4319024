import { Drawer, Empty, Spin, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowDesignerServices, FlowVersionSummary } from './services';

/** Published versions, newest first, with the instances still running on each. */
export function VersionHistory({
  open,
  onClose,
  services,
  current,
}: {
  open: boolean;
  onClose(): void;
  services: FlowDesignerServices;
  current: number | null;
}) {
  const { t, i18n } = useTranslation();
  const [versions, setVersions] = useState<FlowVersionSummary[] | undefined>();
  const [failed, setFailed] = useState<string | undefined>();
  useEffect(() => {
    if (!open) return;
    setVersions(undefined);
    setFailed(undefined);
    services.versions().then(setVersions, (error: Error) => setFailed(error.message));
  }, [open, services]);
  const date = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en' : 'zh-CN', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return (
    <Drawer title={t('flowDesigner.versions.title')} open={open} onClose={onClose} size={520}>
      {failed ? (
        <Empty description={failed} />
      ) : !versions ? (
        <Spin />
      ) : (
        <Table
          className="flow-versions"
          rowKey="version"
          size="small"
          pagination={false}
          dataSource={versions}
          locale={{ emptyText: t('flowDesigner.versions.none') }}
          columns={[
            {
              title: t('flowDesigner.versions.version'),
              dataIndex: 'version',
              render: (version: number) => (
                <span>
                  v{version}{' '}
                  {version === current && <Tag color="green">{t('flowDesigner.versions.current')}</Tag>}
                </span>
              ),
            },
            {
              title: t('flowDesigner.versions.publishedAt'),
              dataIndex: 'publishedAt',
              render: (at: string) => date.format(new Date(at)),
            },
            {
              title: t('flowDesigner.versions.publishedBy'),
              dataIndex: 'publishedBy',
              render: (by: FlowVersionSummary['publishedBy']) => by?.name ?? '—',
            },
            { title: t('flowDesigner.versions.running'), dataIndex: 'running', align: 'right' },
            { title: t('flowDesigner.versions.instances'), dataIndex: 'instances', align: 'right' },
          ]}
        />
      )}
    </Drawer>
  );
}
