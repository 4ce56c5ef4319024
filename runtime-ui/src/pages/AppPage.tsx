import { FileTextOutlined } from '@ant-design/icons';
import { Card, Empty, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { App, Form } from '../api/types';
import { useFetch } from '../api/useFetch';
import { useLabel } from '../i18n/label';
import { DesignLink, NewFormButton, useCanDesign } from './design/AppDesignActions';
import { FlowDesignLink } from './design/FlowDesignLink';
import { PageState } from './PageState';
import './pages.css';

/** One app: its forms (views and dashboards arrive with later issues). */
export default function AppPage() {
  const { appId } = useParams();
  const { t } = useTranslation();
  const label = useLabel();
  const fetched = useFetch<{ app: App; forms: Form[]; manages: boolean }>(
    `/api/apps/${encodeURIComponent(appId ?? '')}`,
  );
  const canDesign = useCanDesign(fetched.data?.manages ?? false);
  if (!fetched.data) return <PageState fetched={fetched} />;
  const { app, forms } = fetched.data;
  return (
    <div className="page">
      <div className="app-title-row">
        <Typography.Title level={3}>{label(app.name)}</Typography.Title>
        {canDesign ? <NewFormButton appId={app.id} /> : null}
      </div>
      <Typography.Title level={5} type="secondary">
        {t('app.forms')}
      </Typography.Title>
      {forms.length === 0 ? (
        <Empty description={t('app.noForms')} />
      ) : (
        <section className="app-grid">
          {forms.map((form) => (
            <FormCard key={form.id} form={form} canDesign={canDesign} />
          ))}
        </section>
      )}
    </div>
  );
}

/** A published form opens its records; a draft one is shown, greyed, until it is published. */
function FormCard({ form, canDesign }: { form: Form; canDesign: boolean }) {
  const { t } = useTranslation();
  const label = useLabel();
  const published = form.publishedVersion !== null;
  const card = (
    <Card hoverable={published}>
      <Card.Meta
        avatar={<FileTextOutlined className="app-icon" />}
        title={label(form.draft.title)}
        description={
          published ? (
            t('app.fieldCount', { count: form.draft.fields.length })
          ) : (
            <Tag>{t('app.unpublished')}</Tag>
          )
        }
      />
    </Card>
  );
  const body = published ? (
    <Link to={`/forms/${form.id}/records`} className="app-card">
      {card}
    </Link>
  ) : (
    <div className="app-card">{card}</div>
  );
  return canDesign ? (
    <div className="app-card-design">
      {body}
      <DesignLink formId={form.id} />
      {published ? <FlowDesignLink formId={form.id} /> : null}
    </div>
  ) : (
    body
  );
}
