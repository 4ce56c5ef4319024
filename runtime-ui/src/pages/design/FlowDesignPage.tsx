import { ArrowLeftOutlined } from '@ant-design/icons';
import { FlowDesigner, type FlowDesignerServices, type FlowVersionSummary } from '@forecourt/designer/flow';
import type { WorkflowDefinition } from '@forecourt/schemas';
import { Result, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api, get, post } from '../../api/client';
import type { DirectoryDepartment, DirectoryUser, FormView } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { useLabel } from '../../i18n/label';
import { useIsPhone } from '../../shell/useIsPhone';
import { PageState } from '../PageState';
import './flow-design.css';

interface FlowDraft {
  draft: WorkflowDefinition | null;
  publishedVersion: number | null;
}

/**
 * `/design/forms/:formId/flow`: the visual workflow designer (designer/src/flow) for the form's app
 * admins. The page loads the form and its flow (a form without one starts from start → approval →
 * end) and hands the designer the API calls it needs.
 */
export default function FlowDesignPage() {
  const { formId = '' } = useParams();
  const { t } = useTranslation();
  const label = useLabel();
  const form = useFetch<FormView>(`/api/forms/${encodeURIComponent(formId)}`);
  const flow = useFlowDraft(formId);
  const services = useMemo(() => flowServices(formId), [formId]);
  const phone = useIsPhone();
  // A flow is drawn and edited on a desktop's width; on a phone the page says so.
  if (phone) return <Result status="info" title={t('flowDesigner.page.desktopOnly')} />;
  if (!form.data) return <PageState fetched={form} />;
  if (!flow.data)
    return <PageState fetched={{ error: flow.error, reload: () => window.location.reload() }} />;
  const definition = form.data.published ?? form.data.form.draft;
  return (
    <div className="flow-design-page">
      <FlowDesigner
        formId={formId}
        form={form.data.published ?? undefined}
        draft={flow.data.draft}
        publishedVersion={flow.data.publishedVersion}
        services={services}
        heading={
          <>
            <Link to={`/apps/${form.data.form.appId}`} aria-label={t('flowDesigner.page.back')}>
              <ArrowLeftOutlined />
            </Link>
            <Typography.Title level={4} className="flow-design-page__title">
              {t('flowDesigner.page.title', { form: label(definition.title) })}
            </Typography.Title>
          </>
        }
      />
    </div>
  );
}

/** The saved flow; a form without one yet (404) gets `draft: null` and the designer starts one. */
function useFlowDraft(formId: string): { data?: FlowDraft; error?: ApiError } {
  const [state, setState] = useState<{ data?: FlowDraft; error?: ApiError }>({});
  useEffect(() => {
    let current = true;
    get<FlowDraft>(`/api/forms/${encodeURIComponent(formId)}/workflow`).then(
      (view) => current && setState({ data: { draft: view.draft, publishedVersion: view.publishedVersion } }),
      (error: unknown) => {
        if (!current) return;
        if (error instanceof ApiError && error.status === 404)
          setState({ data: { draft: null, publishedVersion: null } });
        else
          setState({ error: error instanceof ApiError ? error : new ApiError(0, 'network', String(error)) });
      },
    );
    return () => {
      current = false;
    };
  }, [formId]);
  return state;
}

function flowServices(formId: string): FlowDesignerServices {
  const base = `/api/forms/${encodeURIComponent(formId)}/workflow`;
  const users = async (query: string) =>
    (await get<{ users: DirectoryUser[] }>(`/api/directory/users?${query}`)).users;
  return {
    saveDraft: async (flow) => {
      await api('PUT', base, flow);
    },
    publish: () => post<{ publishedVersion: number | null }>(`${base}/publish`),
    versions: async () => (await get<{ versions: FlowVersionSummary[] }>(`${base}/versions`)).versions,
    searchUsers: (q) => users(`limit=20&q=${encodeURIComponent(q)}`),
    usersByIds: (ids) => users(`ids=${ids.map(encodeURIComponent).join(',')}`),
    departments: async () =>
      (await get<{ departments: DirectoryDepartment[] }>('/api/directory/departments')).departments,
    roles: async () => (await get<{ roles: { id: string; name: string }[] }>('/api/directory/roles')).roles,
  };
}
