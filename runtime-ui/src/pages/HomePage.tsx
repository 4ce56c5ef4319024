import { AppstoreOutlined, CheckSquareOutlined, CopyOutlined, SendOutlined } from '@ant-design/icons';
import { Card, Empty, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLabel } from '../i18n/label';
import { useMe } from '../session/session';
import { useWorkspace } from '../shell/workspace';
import './pages.css';

/** The workspace home: what waits for me in the inbox, and the apps I may open. */
export default function HomePage() {
  const { t } = useTranslation();
  const label = useLabel();
  const me = useMe();
  const { apps, counts } = useWorkspace();
  return (
    <div className="page">
      <Typography.Title level={3}>{t('home.greeting', { name: me.user.name })}</Typography.Title>
      <section className="home-counts" aria-label={t('home.inboxSummary')}>
        <Link to="/inbox?box=todo" className="count-card">
          <Card variant="outlined" hoverable>
            <Statistic title={t('home.todo')} value={counts?.todo ?? '–'} prefix={<CheckSquareOutlined />} />
          </Card>
        </Link>
        <Link to="/inbox?box=cc" className="count-card">
          <Card variant="outlined" hoverable>
            <Statistic title={t('home.cc')} value={counts?.cc ?? '–'} prefix={<CopyOutlined />} />
          </Card>
        </Link>
        <Link to="/inbox?box=initiated" className="count-card">
          <Card variant="outlined" hoverable>
            <Statistic
              title={t('home.initiated')}
              value={counts?.initiated ?? '–'}
              prefix={<SendOutlined />}
            />
          </Card>
        </Link>
      </section>
      <Typography.Title level={4}>{t('home.apps')}</Typography.Title>
      {apps === undefined ? (
        <Skeleton active />
      ) : apps.length === 0 ? (
        <Empty description={t('home.noApps')} />
      ) : (
        <section className="app-grid">
          {apps.map((app) => (
            <Link key={app.id} to={`/apps/${app.id}`} className="app-card">
              <Card hoverable>
                <Card.Meta avatar={<AppstoreOutlined className="app-icon" />} title={label(app.name)} />
              </Card>
            </Link>
          ))}
        </section>
      )}
    </div>
  );
}
