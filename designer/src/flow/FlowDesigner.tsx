import { CloudUploadOutlined, HistoryOutlined } from '@ant-design/icons';
import type { FormDefinition, WorkflowDefinition } from '@forecourt/schemas';
import { Button, message, Tag, Tooltip } from 'antd';
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FlowDesignerContext, type FlowDesignerContextValue } from './context';
import { FlowCanvas } from './FlowCanvas';
import { addBranch, deleteBranch, deleteNode, insertOnEdge, starterFlow } from './graph-edit';
import { IssueList } from './IssueList';
import { type DesignerIssue, forSaving, invalidSets, localIssues, serverIssues } from './issues';
import { useDefaultLabel } from './kinds';
import { SidePanel } from './SidePanel';
import { detailsOf, type FlowDesignerServices } from './services';
import { useDirectory } from './useDirectory';
import { type SaveState, useFlowAutosave } from './useFlowAutosave';
import { VersionHistory } from './VersionHistory';
import './flow.css';

export interface FlowDesignerProps {
  formId: string;
  /** The form's published definition: fields for permissions, conditions and pickers. */
  form: FormDefinition | undefined;
  /** The saved draft, or null for a form without a flow yet (the designer starts one). */
  draft: WorkflowDefinition | null;
  publishedVersion: number | null;
  services: FlowDesignerServices;
  /** Shown at the left of the toolbar (the form's name, a way back). */
  heading?: ReactNode;
}

/**
 * The visual workflow designer: the flow laid out top to bottom, "+" on every edge to insert a step
 * or a block, a properties panel for the selected node, the same checks the server runs (problems
 * listed and their nodes in red), autosave of the draft, publishing, and the version history.
 */
export function FlowDesigner({
  formId,
  form,
  draft,
  publishedVersion,
  services,
  heading,
}: FlowDesignerProps) {
  const { t } = useTranslation();
  const defaultLabel = useDefaultLabel();
  const [flow, setFlow] = useState<WorkflowDefinition>(() => draft ?? starterFlow(formId, defaultLabel));
  const [selected, setSelected] = useState<string | undefined>();
  const [fromServer, setFromServer] = useState<DesignerIssue[]>([]);
  const [version, setVersion] = useState(publishedVersion);
  const [publishing, setPublishing] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const directory = useDirectory(services, draft);

  const saving = useMemo(() => forSaving(flow), [flow]);
  const local = useMemo(() => localIssues(saving, form), [saving, form]);
  const issues = useMemo(() => [...local, ...fromServer], [local, fromServer]);
  const invalid = useMemo(() => invalidSets(issues), [issues]);
  const saveDraft = useCallback((next: WorkflowDefinition) => services.saveDraft(next), [services]);
  const autosave = useFlowAutosave(saving, draft === null, saveDraft);

  const change = useCallback((next: WorkflowDefinition) => {
    setFromServer([]);
    setFlow(next);
  }, []);

  const publish = async () => {
    if (local.length) {
      void message.error(t('flowDesigner.publish.fixFirst', { count: local.length }));
      return;
    }
    setPublishing(true);
    try {
      if (!(await autosave.flush())) {
        void message.error(t('flowDesigner.toolbar.saveFailed'));
        return;
      }
      const published = await services.publish();
      setVersion(published.publishedVersion);
      void message.success(t('flowDesigner.publish.done', { version: published.publishedVersion ?? '' }));
    } catch (error) {
      const found = serverIssues(saving, detailsOf(error));
      setFromServer(found);
      const first = found.find((i) => i.nodeId);
      if (first?.nodeId) setSelected(first.nodeId);
      void message.error(
        found.length ? t('flowDesigner.publish.refused', { count: found.length }) : (error as Error).message,
      );
    } finally {
      setPublishing(false);
    }
  };

  const context: FlowDesignerContextValue = {
    flow,
    form,
    services,
    ...directory,
    select: setSelected,
    change,
    insert: (edgeId, type) => {
      const result = insertOnEdge(flow, edgeId, type, defaultLabel);
      change(result.flow);
      setSelected(result.selected);
    },
    remove: (nodeId) => {
      change(deleteNode(flow, nodeId));
      setSelected(undefined);
    },
    addBranch: (splitId) => change(addBranch(flow, splitId)),
    removeBranch: (edgeId) => {
      change(deleteBranch(flow, edgeId));
      setSelected(undefined);
    },
  };

  const saveWords: Record<SaveState, string> = {
    saved: t('flowDesigner.toolbar.saved'),
    saving: t('flowDesigner.toolbar.saving'),
    failed: t('flowDesigner.toolbar.saveFailed'),
  };
  return (
    <FlowDesignerContext.Provider value={context}>
      <div className="flow-designer">
        <header className="flow-toolbar">
          <div className="flow-toolbar__heading">{heading}</div>
          <span className={`flow-toolbar__state is-${autosave.state}`} role="status" title={autosave.error}>
            {saveWords[autosave.state]}
          </span>
          {version !== null ? (
            <Tag color="green">{t('flowDesigner.toolbar.published', { version })}</Tag>
          ) : (
            <Tag>{t('flowDesigner.toolbar.unpublished')}</Tag>
          )}
          <Button icon={<HistoryOutlined />} onClick={() => setHistoryOpen(true)}>
            {t('flowDesigner.versions.title')}
          </Button>
          <Tooltip
            title={local.length ? t('flowDesigner.publish.fixFirst', { count: local.length }) : undefined}
          >
            <Button
              type="primary"
              icon={<CloudUploadOutlined />}
              loading={publishing}
              onClick={() => void publish()}
            >
              {t('flowDesigner.toolbar.publish')}
            </Button>
          </Tooltip>
        </header>
        <div className="flow-main">
          <div className="flow-canvas">
            <div className="flow-canvas__graph">
              <FlowCanvas
                flow={flow}
                invalid={invalid}
                selected={selected}
                onBackground={() => setSelected(undefined)}
              />
            </div>
            <IssueList issues={issues} flow={flow} onSelect={setSelected} />
          </div>
          <aside className="flow-panel" aria-label={t('flowDesigner.panel.title')}>
            <SidePanel selected={selected} />
          </aside>
        </div>
        <VersionHistory
          open={historyOpen}
          onClose={() => setHistoryOpen(false)}
          services={services}
          current={version}
        />
      </div>
    </FlowDesignerContext.Provider>
  );
}
