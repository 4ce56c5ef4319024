import type { Label } from '../fields/contract';
import type { DelayNode } from './delay';

export type { DelayNode } from './delay';

/**
 * The workflow language: an approval flow attached to a form, as the designer saves it and the
 * engine runs it. A graph of nodes joined by edges; ids are stable, labels bilingual, behaviour
 * declared. Published versions are immutable; running instances keep the version they began on.
 */
export interface WorkflowDefinition {
  /** The form whose records run through this flow. */
  formId: string;
  title?: Label;
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
  /** Auto-skip rules for every approval node (a node may override them). */
  autoSkip?: AutoSkip;
}

export type NodeType =
  | 'start'
  | 'approval'
  | 'fill'
  | 'cc'
  | 'condition'
  | 'parallel'
  | 'join'
  | 'action'
  | 'subflow'
  | 'delay'
  | 'end';

export interface NodeBase {
  /** `^[a-z][a-z0-9_]{0,40}$`, unique in the flow. */
  id: string;
  type: NodeType;
  label?: Label;
}

/** The submitter's node: who may start the flow and what they may fill. */
export interface StartNode extends NodeBase {
  type: 'start';
  fieldPermissions?: FieldPermissions;
}

export interface EndNode extends NodeBase {
  type: 'end';
  /** What reaching it means for the record; `approved` unless said. */
  outcome?: 'approved' | 'rejected';
}

/** Several people act on the record: approve/reject (approval) or complete fields (fill). */
export interface HumanNode extends NodeBase {
  type: 'approval' | 'fill';
  approvers: ApproverRule[];
  /** any one (或签), all (会签), or one after another in the order resolved. */
  mode: 'any' | 'all' | 'sequence';
  /** When no approver resolves: skip the node, give it to the app admins, or stop with a message. */
  whenNobody?: 'skip' | 'admin' | 'block';
  autoSkip?: AutoSkip;
  fieldPermissions?: FieldPermissions;
  /** Actions offered on the node's tasks; all true unless switched off. */
  actions?: Partial<Record<TaskActionName, boolean>>;
  /** Comment or signature required to approve or reject. */
  requireComment?: boolean;
  requireSignature?: boolean;
  deadline?: Deadline;
}

/** Copies people in: they get a read-only task, the flow does not wait. */
export interface CcNode extends NodeBase {
  type: 'cc';
  approvers: ApproverRule[];
}

/** Exclusive branch: the first outgoing edge whose condition holds, else the default edge. */
export interface ConditionNode extends NodeBase {
  type: 'condition';
}

/** Parallel split: every outgoing edge is taken. */
export interface ParallelNode extends NodeBase {
  type: 'parallel';
}

/** Waits for all (or any) incoming branches of the matching split, then goes on. */
export interface JoinNode extends NodeBase {
  type: 'join';
  mode: 'all' | 'any';
}

/** Automatic actions, run by the worker in order; the flow goes on when they are done. */
export interface ActionNode extends NodeBase {
  type: 'action';
  actions: AutomaticAction[];
}

/** Starts a flow on another record and, if `wait`, continues when it ends. */
export interface SubflowNode extends NodeBase {
  type: 'subflow';
  /** A relation field of this form pointing at the record(s) to run the other form's flow on. */
  relationField: string;
  wait: boolean;
}

export type WorkflowNode =
  | StartNode
  | EndNode
  | HumanNode
  | CcNode
  | ConditionNode
  | ParallelNode
  | JoinNode
  | ActionNode
  | SubflowNode
  | DelayNode;

export interface WorkflowEdge {
  id: string;
  from: string;
  to: string;
  /** A JSONata expression over the record's fields, true to take the edge (condition nodes only). */
  condition?: string;
  /** The edge taken when no condition holds; exactly one per condition node. */
  default?: boolean;
  label?: Label;
}

/** Who acts on a human or CC node. Resolved when the node is reached, against the record and the org. */
export type ApproverRule =
  | { kind: 'users'; userIds: string[] }
  | { kind: 'roles'; roleIds: string[] }
  /** Heads of these departments. */
  | { kind: 'departmentHeads'; departmentIds: string[] }
  /** The head of the submitter's department, `levels` up (1: their own department's head). */
  | { kind: 'submitterManager'; levels: number }
  /** Level by level from the submitter's manager up to `levels` levels, or up to a holder of `untilRole`. */
  | { kind: 'managerChain'; levels?: number; untilRole?: string }
  /** Users in a member field, or the heads of the departments in a department field. */
  | { kind: 'field'; fieldId: string }
  | { kind: 'submitter' }
  /** Chosen by whoever acted on the previous node (they pick when approving). */
  | { kind: 'chosenByPrevious' };

export interface AutoSkip {
  /** Skip a task whose assignee already approved this record earlier in this instance. */
  alreadyApproved?: boolean;
  /** Skip a task whose assignee is the submitter. */
  submitter?: boolean;
}

/** Per-node field permissions; fields not listed are read-only. */
export type FieldPermission = 'hidden' | 'read' | 'edit' | 'required';
export type FieldPermissions = Record<string, FieldPermission>;

export type TaskActionName =
  | 'approve'
  | 'reject'
  | 'return'
  | 'transfer'
  | 'addSigner'
  | 'saveDraft'
  | 'urge';

/** What happens when a task is not acted on in time. */
export interface Deadline {
  /** Minutes after the task arrives (1 to 43,200, i.e. 30 days), or a date field of the record. */
  after: { minutes: number } | { field: string };
  /** Reminders, minutes before the deadline (several allowed). */
  remindBefore?: number[];
  /** At the deadline: nothing more, approve automatically, or return to the previous node. */
  then: 'remind' | 'approve' | 'return';
}

export type AutomaticAction =
  | { kind: 'updateRecord'; values: Record<string, string> }
  | { kind: 'createRecord'; formId: string; values: Record<string, string> }
  | { kind: 'webhook'; url: string }
  | { kind: 'notify'; approvers: ApproverRule[]; message: Label };

/** A problem of a definition, with the node or edge it belongs to. */
export interface WorkflowIssue {
  /** JSON pointer into the definition, e.g. `/nodes/3/approvers/0`. */
  path: string;
  nodeId?: string;
  edgeId?: string;
  message: string;
}
