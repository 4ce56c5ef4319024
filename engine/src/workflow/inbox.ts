import type { HumanNode, Label } from '@forecourt/schemas';
import { sql } from 'kysely';
import { hasField } from '../access/compile';
import { formAccess } from '../access/form-access';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { NotFoundError, ValidationError } from '../errors';
import { formVersion } from '../forms/forms';
import { flowVersion } from './definitions';
import { fieldPermission, submitterLimits } from './edits';
import { assertPersonal } from './load';

export type Box = 'todo' | 'done' | 'initiated' | 'cc';

export interface InboxItem {
  taskId: string | null;
  instanceId: string;
  formId: string;
  recordId: string;
  nodeId: string | null;
  nodeLabel: Label | null;
  kind: 'approval' | 'fill' | 'cc' | null;
  taskStatus: string | null;
  instanceStatus: string;
  submitter: { id: string; name: string } | null;
  createdAt: string;
  actedAt: string | null;
  dueAt: string | null;
}

export interface InboxPage {
  items: InboxItem[];
  next: string | null;
}

const PAGE = 50;

/**
 * A box of the inbox, newest first, keyset-paged: to-do (tasks waiting for me), done (tasks I acted
 * on), initiated (approvals I submitted), CC (copies to me). Optionally one form's only.
 */
export async function inbox(
  db: Executor,
  actor: Actor,
  box: Box,
  options: { formId?: string; limit?: number; cursor?: string } = {},
): Promise<InboxPage> {
  assertPersonal(actor);
  const limit = Math.min(Math.max(options.limit ?? PAGE, 1), 100);
  const after = options.cursor ? decode(options.cursor) : null;
  let query = db
    .selectFrom('flow_instances as i')
    .leftJoin('users as s', 's.id', 'i.submitter_id')
    .where('i.workspace_id', '=', actor.workspaceId);
  if (options.formId) query = query.where('i.form_id', '=', options.formId);
  if (box === 'initiated') {
    const rows = await query
      .select([
        'i.id as instance_id',
        'i.form_id',
        'i.record_id',
        'i.status',
        'i.started_at as at',
        'i.workflow_id',
        'i.version',
        's.id as submitter_id',
        's.name as submitter_name',
      ])
      .where('i.submitter_id', '=', actor.userId)
      .$if(after !== null, (q) =>
        q.where(sql<boolean>`(i.started_at, i.id) < (${after![0]}::timestamptz, ${after![1]})`),
      )
      .orderBy('i.started_at', 'desc')
      .orderBy('i.id', 'desc')
      .limit(limit + 1)
      .execute();
    return page(
      rows.slice(0, limit).map((r) => ({
        taskId: null,
        instanceId: r.instance_id,
        formId: r.form_id,
        recordId: r.record_id,
        nodeId: null,
        nodeLabel: null,
        kind: null,
        taskStatus: null,
        instanceStatus: r.status,
        submitter: r.submitter_id ? { id: r.submitter_id, name: r.submitter_name ?? '' } : null,
        createdAt: r.at.toISOString(),
        actedAt: null,
        dueAt: null,
      })),
      rows.length > limit,
      (item) => [item.createdAt, item.instanceId],
    );
  }
  const at = box === 'done' ? sql.ref('t.acted_at') : sql.ref('t.created_at');
  let tasks = query
    .innerJoin('flow_tasks as t', 't.instance_id', 'i.id')
    .select([
      't.id as task_id',
      't.node_id',
      't.kind',
      't.status as task_status',
      't.created_at',
      't.acted_at',
      't.due_at',
      'i.id as instance_id',
      'i.form_id',
      'i.record_id',
      'i.status',
      'i.workflow_id',
      'i.version',
      's.id as submitter_id',
      's.name as submitter_name',
    ])
    .select(sql<Date>`${at}`.as('at'));
  if (box === 'todo')
    tasks = tasks
      .where('t.assignee_id', '=', actor.userId)
      .where('t.status', '=', 'pending')
      .where('t.kind', '!=', 'cc');
  if (box === 'cc') tasks = tasks.where('t.assignee_id', '=', actor.userId).where('t.kind', '=', 'cc');
  if (box === 'done')
    tasks = tasks
      .where('t.acted_by', '=', actor.userId)
      .where('t.status', 'in', ['approved', 'rejected', 'returned', 'transferred']);
  if (after) tasks = tasks.where(sql<boolean>`(${at}, t.id) < (${after[0]}::timestamptz, ${after[1]})`);
  const rows = await tasks
    .orderBy(sql`${at}`, 'desc')
    .orderBy('t.id', 'desc')
    .limit(limit + 1)
    .execute();
  const labels = new Map<string, Label | null>();
  const items: InboxItem[] = [];
  for (const r of rows.slice(0, limit)) {
    const key = `${r.workflow_id}/${r.version}/${r.node_id}`;
    if (!labels.has(key)) {
      const { definition } = await flowVersion(db, actor.workspaceId, r.workflow_id, r.version);
      labels.set(key, definition.nodes.find((n) => n.id === r.node_id)?.label ?? null);
    }
    items.push({
      taskId: r.task_id,
      instanceId: r.instance_id,
      formId: r.form_id,
      recordId: r.record_id,
      nodeId: r.node_id,
      nodeLabel: labels.get(key) ?? null,
      kind: r.kind,
      taskStatus: r.task_status,
      instanceStatus: r.status,
      submitter: r.submitter_id ? { id: r.submitter_id, name: r.submitter_name ?? '' } : null,
      createdAt: r.created_at.toISOString(),
      actedAt: r.acted_at?.toISOString() ?? null,
      dueAt: r.due_at?.toISOString() ?? null,
    });
  }
  return page(items, rows.length > limit, (item) => [
    box === 'done' ? item.actedAt! : item.createdAt,
    item.taskId!,
  ]);
}

function page(items: InboxItem[], more: boolean, key: (item: InboxItem) => [string, string]): InboxPage {
  const last = items.at(-1);
  return { items, next: more && last ? Buffer.from(JSON.stringify(key(last))).toString('base64url') : null };
}

function decode(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      !Number.isNaN(Date.parse(value[0])) &&
      typeof value[1] === 'string'
    ) {
      return value as [string, string];
    }
  } catch {}
  throw new ValidationError('The page cursor is not valid.', [
    { path: 'querystring:/cursor', message: 'Use the `next` of the previous page.' },
  ]);
}

/** How many items wait in each box (to-do, unread copies, my running approvals), capped at 999. */
export async function inboxCounts(
  db: Executor,
  actor: Actor,
): Promise<{ todo: number; cc: number; initiated: number }> {
  assertPersonal(actor);
  const count = (q: ReturnType<typeof tasksOf>) =>
    q
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Math.min(r.n, 999));
  const tasksOf = () =>
    db
      .selectFrom('flow_tasks')
      .where('workspace_id', '=', actor.workspaceId)
      .where('assignee_id', '=', actor.userId)
      .where('status', '=', 'pending');
  const [todo, cc, initiated] = await Promise.all([
    count(tasksOf().where('kind', '!=', 'cc')),
    count(tasksOf().where('kind', '=', 'cc')),
    db
      .selectFrom('flow_instances')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('workspace_id', '=', actor.workspaceId)
      .where('submitter_id', '=', actor.userId)
      .where('status', '=', 'running')
      .executeTakeFirstOrThrow()
      .then((r) => Math.min(r.n, 999)),
  ]);
  return { todo, cc, initiated };
}

export interface TaskView {
  task: { id: string; nodeId: string; kind: string; status: string; dueAt: string | null; createdAt: string };
  instance: { id: string; status: string; formId: string; recordId: string; submitterId: string | null };
  /** The record as the node shows it: hidden fields left out. */
  record: { id: string; rev: number; data: Record<string, unknown> };
  /** Each field's permission at this node. */
  fields: Record<string, 'read' | 'edit' | 'required'>;
  /** What the node offers. */
  actions: string[];
}

/**
 * A task with its record as the node shows it: the task payload respects the node's field
 * permissions (hidden fields never leave the server). For its assignee, and admins.
 */
export async function taskView(db: Executor, actor: Actor, taskId: string): Promise<TaskView> {
  assertPersonal(actor);
  const row = await db
    .selectFrom('flow_tasks as t')
    .innerJoin('flow_instances as i', 'i.id', 't.instance_id')
    .innerJoin('records as r', 'r.id', 'i.record_id')
    .select([
      't.id',
      't.node_id',
      't.kind',
      't.status',
      't.due_at',
      't.created_at',
      't.assignee_id',
      'i.id as instance_id',
      'i.status as instance_status',
      'i.form_id',
      'i.record_id',
      'i.submitter_id',
      'i.workflow_id',
      'i.version',
      'r.rev',
      'r.data',
      'r.form_version',
    ])
    .where('t.workspace_id', '=', actor.workspaceId)
    .where('t.id', '=', taskId)
    .executeTakeFirst();
  if (!row || (row.assignee_id !== actor.userId && !(actor.isAdmin && !actor.scopes)))
    throw new NotFoundError('The task');
  const { definition: flow } = await flowVersion(db, actor.workspaceId, row.workflow_id, row.version);
  const { definition: form } = await formVersion(db, actor.workspaceId, row.form_id, row.form_version);
  const node = flow.nodes.find((n) => n.id === row.node_id)!;
  const fields: TaskView['fields'] = {};
  const data: Record<string, unknown> = {};
  // Back at the start node, the submitter sees and changes what their permission sets allow.
  const own =
    node.type === 'start'
      ? await submitterLimits(
          db,
          { instance: { workspace_id: actor.workspaceId, form_id: row.form_id, record_id: row.record_id } },
          row.assignee_id,
        )
      : null;
  for (const field of form.fields) {
    let permission = row.kind === 'cc' ? 'read' : fieldPermission(node, field.id);
    if (own && !hasField(own.readable, field.id)) permission = 'hidden';
    if (own && permission !== 'hidden' && !hasField(own.editable, field.id)) permission = 'read';
    if (permission === 'hidden') continue;
    fields[field.id] = permission;
    if (field.id in row.data) data[field.id] = row.data[field.id];
  }
  const offered = (node as HumanNode).actions ?? {};
  const actions =
    row.kind === 'cc'
      ? ['read']
      : node.type === 'start'
        ? ['approve', 'saveDraft']
        : (['approve', 'reject', 'return', 'transfer', 'addSigner', 'saveDraft'] as const).filter(
            (a) => offered[a] !== false,
          );
  return {
    task: {
      id: row.id,
      nodeId: row.node_id,
      kind: row.kind,
      status: row.status,
      dueAt: row.due_at?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
    },
    instance: {
      id: row.instance_id,
      status: row.instance_status,
      formId: row.form_id,
      recordId: row.record_id,
      submitterId: row.submitter_id,
    },
    record: { id: row.record_id, rev: row.rev, data },
    fields,
    actions: [...actions],
  };
}

export interface TimelineEntry {
  at: string;
  action: string;
  nodeId: string | null;
  nodeLabel: Label | null;
  taskId: string | null;
  actor: { id: string; name: string } | null;
  comment: string | null;
  details: Record<string, unknown>;
}

/**
 * The instance's timeline: every node, actor, action, comment and time. For those in it (the
 * submitter, anyone who has or had a task), admins, and whoever may view the record.
 */
export async function timeline(
  db: Executor,
  actor: Actor,
  instanceId: string,
): Promise<{
  instance: { id: string; status: string; formId: string; recordId: string; version: number };
  entries: TimelineEntry[];
}> {
  assertPersonal(actor);
  const instance = await db
    .selectFrom('flow_instances')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', instanceId)
    .executeTakeFirst();
  if (!instance) throw new NotFoundError('The approval');
  if (!(await mayFollow(db, actor, instance))) throw new NotFoundError('The approval');
  const { definition: flow } = await flowVersion(
    db,
    actor.workspaceId,
    instance.workflow_id,
    instance.version,
  );
  const rows = await db
    .selectFrom('flow_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.at', 'e.action', 'e.node_id', 'e.task_id', 'e.actor_id', 'u.name', 'e.comment', 'e.details'])
    .where('e.instance_id', '=', instanceId)
    .orderBy('e.id')
    .execute();
  return {
    instance: {
      id: instance.id,
      status: instance.status,
      formId: instance.form_id,
      recordId: instance.record_id,
      version: instance.version,
    },
    entries: rows.map((r) => ({
      at: r.at.toISOString(),
      action: r.action,
      nodeId: r.node_id,
      nodeLabel: flow.nodes.find((n) => n.id === r.node_id)?.label ?? null,
      taskId: r.task_id,
      actor: r.actor_id ? { id: r.actor_id, name: r.name ?? '' } : null,
      comment: r.comment,
      details: r.details,
    })),
  };
}

async function mayFollow(
  db: Executor,
  actor: Actor,
  instance: { id: string; submitter_id: string | null; form_id: string; record_id: string },
): Promise<boolean> {
  if ((actor.isAdmin && !actor.scopes) || instance.submitter_id === actor.userId) return true;
  const task = await db
    .selectFrom('flow_tasks')
    .select('id')
    .where('instance_id', '=', instance.id)
    .where('assignee_id', '=', actor.userId)
    .executeTakeFirst();
  if (task) return true;
  const access = await formAccess(db, actor, instance.form_id).catch(() => null);
  if (!access?.can('view')) return false;
  const row = await db
    .selectFrom('records')
    .select(access.flags().as('_access'))
    .where('id', '=', instance.record_id)
    .executeTakeFirst();
  return !!row && access.reaches(row._access, 'view');
}
