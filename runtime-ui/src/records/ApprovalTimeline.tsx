import { Timeline as AntTimeline, Empty, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFetch } from '../api/useFetch';
import { useLabel } from '../i18n/label';
import { PageState } from '../pages/PageState';
import { ActionFailure } from './ActionFailure';
import { flowStateText } from './status';
import type { Person, Timeline } from './types';
import { useWhen } from './when';

/** Steps people care about; the engine's bookkeeping (branch taken, join arrived, turn) stays out. */
/** Steps that hand the task to someone, named in `details.to`. */
const HANDED = new Set(['task.transferred', 'task.signer_added']);

const QUIET = new Set(['branch.taken', 'join.arrived', 'task.turn', 'node.actions_done']);

/**
 * An approval's timeline (流程动态): who did what at which node, with their comment, oldest first.
 * `GET /api/instances/:id` answers it to the submitter, the people with tasks in it, admins and
 * whoever may view the record.
 */
export function ApprovalTimeline({ instanceId, version = 0 }: { instanceId: string; version?: number }) {
  const { t } = useTranslation();
  const label = useLabel();
  const when = useWhen();
  const timeline = useFetch<Timeline>(`/api/instances/${encodeURIComponent(instanceId)}`);
  const { reload } = timeline;
  useEffect(() => {
    if (version) reload();
  }, [version, reload]);
  // Transfers and added signers name a user id: the directory gives their names.
  const named = [
    ...new Set(
      (timeline.data?.entries ?? []).flatMap((e) =>
        typeof e.details.to === 'string' && HANDED.has(e.action) ? [e.details.to] : [],
      ),
    ),
  ];
  const people = useFetch<{ users: Person[] }>(
    named.length ? `/api/directory/users?ids=${named.map(encodeURIComponent).join(',')}` : null,
  );
  const nameOf = (id: string) => people.data?.users.find((u) => u.id === id)?.name ?? '';
  if (!timeline.data) return <PageState fetched={timeline} />;
  const entries = timeline.data.entries.filter((e) => !QUIET.has(e.action));
  if (entries.length === 0) return <Empty description={t('flow.noSteps')} />;
  return (
    <div className="approval-timeline">
      <div className="timeline-status">
        <Tag color={STATUS_COLOURS[timeline.data.instance.status]}>
          {flowStateText(timeline.data.instance.status, t)}
        </Tag>
      </div>
      {timeline.data.instance.failure && (
        <ActionFailure instanceId={instanceId} failure={timeline.data.instance.failure} onResolved={reload} />
      )}
      <AntTimeline
        items={entries.map((entry, index) => ({
          key: `${entry.at}-${index}`,
          color: colourOf(entry.action),
          content: (
            <div className="timeline-entry">
              <div className="timeline-line">
                <strong>{stepText(entry.action, t)}</strong>
                {entry.nodeLabel && <span className="timeline-node">{label(entry.nodeLabel)}</span>}
                {entry.actor && !entry.action.startsWith('node.') && (
                  <span className="timeline-actor">{entry.actor.name}</span>
                )}
                {HANDED.has(entry.action) && typeof entry.details.to === 'string' && (
                  <span className="timeline-actor">→ {nameOf(entry.details.to)}</span>
                )}
              </div>
              <div className="timeline-when">{when(entry.at)}</div>
              {entry.comment && <blockquote className="timeline-comment">{entry.comment}</blockquote>}
            </div>
          ),
        }))}
      />
    </div>
  );
}

const STATUS_COLOURS: Record<string, string> = {
  running: 'processing',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
  ended: 'warning',
};

function colourOf(action: string): string {
  if (action.endsWith('approved')) return 'green';
  if (action.endsWith('rejected') || action === 'admin.ended' || action === 'action.failed') return 'red';
  if (action === 'task.returned' || action.endsWith('withdrawn')) return 'orange';
  if (action === 'node.entered' || action === 'task.new') return 'blue';
  return 'gray';
}

/** A timeline step in words; an unknown one shows its code, so nothing is hidden. */
export function stepText(action: string, t: TFunction): string {
  switch (action) {
    case 'instance.submitted':
      return t('flow.step.submitted');
    case 'task.resubmitted':
      return t('flow.step.resubmitted');
    case 'node.entered':
      return t('flow.step.entered');
    case 'node.skipped':
      return t('flow.step.skipped');
    case 'node.cc':
    case 'task.cc':
      return t('flow.step.cc');
    case 'task.approved':
      return t('flow.step.approved');
    case 'task.rejected':
      return t('flow.step.rejected');
    case 'task.returned':
      return t('flow.step.returned');
    case 'task.transferred':
      return t('flow.step.transferred');
    case 'task.signer_added':
      return t('flow.step.signerAdded');
    case 'task.urged':
      return t('flow.step.urged');
    case 'task.reminded':
      return t('flow.step.reminded');
    case 'task.read':
      return t('flow.step.read');
    case 'task.saved':
      return t('flow.step.saved');
    case 'instance.approved':
      return t('flow.step.finishedApproved');
    case 'instance.rejected':
      return t('flow.step.finishedRejected');
    case 'instance.withdrawn':
      return t('flow.step.withdrawn');
    case 'admin.ended':
      return t('flow.step.ended');
    case 'admin.reactivated':
      return t('flow.step.reactivated');
    case 'subflow.started':
      return t('flow.step.subflowStarted');
    case 'action.delivered':
      return t('flow.step.actionDelivered');
    case 'action.failed':
      return t('flow.step.actionFailed');
    case 'action.retried':
      return t('flow.step.actionRetried');
    case 'action.skipped':
      return t('flow.step.actionSkipped');
    default:
      return action;
  }
}
