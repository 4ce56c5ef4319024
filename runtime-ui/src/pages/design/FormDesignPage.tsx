/**
 * `/design/forms/:formId`: the form designer (designer/src/form) for workspace and app admins. The page
 * loads the form, hands the designer the API calls it needs and the preview (the same FormRenderer staff
 * fill forms with), and reloads after a publication so the designer starts from the new version.
 */
import { FormDesigner, type FormDesignerApi, type FormSummary } from '@forecourt/designer';
import type { FormDefinition } from '@forecourt/schemas';
import { Result } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, csrfHeaders, get, post } from '../../api/client';
import type { App, Form, FormView } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { FormRenderer } from '../../form/FormRenderer';
import { initialData } from '../../form/live/defaults';
import type { FormData } from '../../form/types';
import { useMe } from '../../session/session';
import { useIsPhone } from '../../shell/useIsPhone';
import { PageState } from '../PageState';

export default function FormDesignPage() {
  const { formId = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const fetched = useFetch<FormView>(`/api/forms/${encodeURIComponent(formId)}`);
  const designerApi = useMemo(() => designerApiFor(formId), [formId]);
  if (!fetched.data) return <PageState fetched={fetched} />;
  const { form, published, manages } = fetched.data;
  if (!manages) return <Result status="403" title={t('formDesigner.page.forbidden')} />;
  // Three panes and drag and drop need a PC's screen; on a phone the page says so.
  if (phone)
    return (
      <Result
        status="info"
        title={t('formDesigner.page.phone')}
        extra={
          <Link to={`/forms/${encodeURIComponent(formId)}/records`}>{t('formDesigner.toolbar.records')}</Link>
        }
      />
    );
  const base = `/admin/forms/${encodeURIComponent(formId)}`;
  return (
    <div className="page">
      <FormDesigner
        // A publication reloads the form: the designer starts again from the new version.
        key={`${form.id}@${form.publishedVersion ?? 0}`}
        draft={form.draft}
        published={published}
        version={form.publishedVersion}
        api={designerApi}
        renderPreview={(definition, width) => <PreviewForm definition={definition} width={width} />}
        links={{
          permissions: `${base}/permissions`,
          publicLinks: `${base}/public-links`,
          records: `/forms/${encodeURIComponent(formId)}/records`,
        }}
        navigate={(href) => navigate(href)}
        onPublished={() => fetched.reload()}
      />
    </div>
  );
}

/** The preview: the real renderer, fillable (formulas and rules run), nothing saved. */
function PreviewForm({ definition, width }: { definition: FormDefinition; width: number }) {
  const me = useMe();
  const [value, setValue] = useState<FormData>(() => initialData(definition.fields, { userId: me.user.id }));
  return (
    <FormRenderer
      definition={definition}
      value={value}
      onChange={setValue}
      mode={width < 768 ? 'phone' : 'desktop'}
      isNew
    />
  );
}

function designerApiFor(formId: string): FormDesignerApi {
  const path = `/api/forms/${encodeURIComponent(formId)}`;
  return {
    saveDraft: async (definition) => (await api<Form>('PUT', path, definition)).draft,
    // The tab is closing: `api` cannot outlive the page, a keepalive fetch can (bodies up to 64 KB).
    saveOnLeave: (definition) =>
      void fetch(path, {
        method: 'PUT',
        keepalive: true,
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...csrfHeaders() },
        body: JSON.stringify(definition),
      }).catch(() => undefined),
    publish: (dryRun) => post(`${path}/publish${dryRun ? '?dryRun=true' : ''}`),
    async listForms() {
      const { apps } = await get<{ apps: App[] }>('/api/apps');
      const lists = await Promise.all(
        apps.map((app) => get<{ forms: Form[] }>(`/api/apps/${encodeURIComponent(app.id)}`)),
      );
      return lists.flatMap(({ forms }) =>
        forms.map((form): FormSummary => ({ id: form.id, appId: form.appId, title: form.draft.title })),
      );
    },
    async loadForm(id) {
      const view = await get<FormView>(`/api/forms/${encodeURIComponent(id)}`);
      return view.published ?? view.form.draft;
    },
  };
}
