import type {
  ActionNode,
  ApproverRule,
  AutomaticAction,
  CcNode,
  ConditionNode,
  Deadline,
  EndNode,
  HumanNode,
  JoinNode,
  Label,
  ParallelNode,
  StartNode,
  SubflowNode,
  WorkflowDefinition,
  WorkflowEdge,
  WorkflowNode,
} from '@forecourt/schemas';
import { expenseClaim, quote } from '../../support/dealership/sales';

/**
 * Workflow definitions for tests: one-line node and edge builders, and the two reference flows of
 * dealership-templates.md (Expense Claim §1.7, Quote discount §1.1) over the dealership forms.
 */

export const L = (en: string, zh = en): Label => ({ zh, en });

export const start = (id = 'start', extra: Partial<StartNode> = {}): StartNode => ({
  id,
  type: 'start',
  ...extra,
});

export const end = (id = 'end', extra: Partial<EndNode> = {}): EndNode => ({ id, type: 'end', ...extra });

/** An approval node, any one of the approvers decides (或签) unless `mode` says otherwise. */
export const approval = (
  id: string,
  approvers: ApproverRule[],
  extra: Partial<HumanNode> = {},
): HumanNode => ({
  id,
  type: 'approval',
  approvers,
  mode: 'any',
  ...extra,
});

export const fill = (id: string, approvers: ApproverRule[], extra: Partial<HumanNode> = {}): HumanNode => ({
  id,
  type: 'fill',
  approvers,
  mode: 'any',
  ...extra,
});

export const cc = (id: string, approvers: ApproverRule[]): CcNode => ({ id, type: 'cc', approvers });
export const condition = (id: string, label?: Label): ConditionNode =>
  label ? { id, type: 'condition', label } : { id, type: 'condition' };
export const parallel = (id: string, label?: Label): ParallelNode =>
  label ? { id, type: 'parallel', label } : { id, type: 'parallel' };
export const join = (id: string, mode: JoinNode['mode'] = 'all'): JoinNode => ({ id, type: 'join', mode });
export const action = (id: string, actions: AutomaticAction[]): ActionNode => ({
  id,
  type: 'action',
  actions,
});
export const subflow = (id: string, relationField: string, wait = true): SubflowNode => ({
  id,
  type: 'subflow',
  relationField,
  wait,
});

/** An edge; its id is `from_to` unless given. */
export const edge = (from: string, to: string, extra: Partial<WorkflowEdge> = {}): WorkflowEdge => ({
  id: `${from}_${to}`,
  from,
  to,
  ...extra,
});

/** An edge leaving a condition node, taken when `expression` holds. */
export const when = (from: string, to: string, expression: string): WorkflowEdge =>
  edge(from, to, { condition: expression });

/** The default edge of a condition node. */
export const otherwise = (from: string, to: string): WorkflowEdge => edge(from, to, { default: true });

/** Edges along a straight path: chain('a', 'b', 'c') is a → b → c. */
export const chain = (...ids: string[]): WorkflowEdge[] =>
  ids.slice(1).map((to, i) => edge(ids[i] as string, to));

export function flow(formId: string, nodes: WorkflowNode[], edges: WorkflowEdge[]): WorkflowDefinition {
  return { formId, nodes, edges };
}

/** A node deadline (built here: a literal `then:` key trips the thenable lint). */
export function deadline(
  after: Deadline['after'],
  then: Deadline['then'],
  remindBefore?: number[],
): Deadline {
  const made: Deadline = { after, then };
  if (remindBefore) made.remindBefore = remindBefore;
  return made;
}

/** Approver rules, short. */
export const by = {
  users: (...userIds: string[]): ApproverRule => ({ kind: 'users', userIds }),
  roles: (...roleIds: string[]): ApproverRule => ({ kind: 'roles', roleIds }),
  departmentHeads: (...departmentIds: string[]): ApproverRule => ({ kind: 'departmentHeads', departmentIds }),
  manager: (levels = 1): ApproverRule => ({ kind: 'submitterManager', levels }),
  managerChain: (until: { levels?: number; untilRole?: string }): ApproverRule => ({
    kind: 'managerChain',
    ...until,
  }),
  field: (fieldId: string): ApproverRule => ({ kind: 'field', fieldId }),
  submitter: (): ApproverRule => ({ kind: 'submitter' }),
  chosenByPrevious: (): ApproverRule => ({ kind: 'chosenByPrevious' }),
};

export interface ExpenseOptions {
  /** Role ids of the general manager and of finance (real ids in database tests). */
  gm?: string;
  finance?: string;
  /** The claim is over budget when its total exceeds this (the form has no budget link yet). */
  budget?: number;
}

/**
 * Expense Claim (§1.7): the submitter's manager → the GM when the total is over ¥5,000 or entertainment
 * over ¥2,000 → finance when over budget → approved.
 */
export function expenseFlow(options: ExpenseOptions = {}): WorkflowDefinition {
  const { gm = 'rol_gm', finance = 'rol_finance', budget = 20_000 } = options;
  return {
    formId: expenseClaim.id,
    title: L('Expense claim approval', '费用报销审批'),
    nodes: [
      start('start', {
        label: L('Submit', '提交'),
        fieldPermissions: { f_employee: 'read', f_lines: 'required' },
      }),
      approval('manager', [by.manager(1)], {
        label: L('Manager approval', '主管审批'),
        fieldPermissions: { f_lines: 'read', f_advance: 'edit' },
        deadline: deadline({ minutes: 48 * 60 }, 'remind', [24 * 60]),
        autoSkip: { submitter: true },
      }),
      condition('amount', L('Amount', '金额')),
      approval('gm', [by.roles(gm)], { label: L('GM approval', '总经理审批') }),
      condition('budget', L('Over budget?', '超预算？')),
      approval('finance', [by.roles(finance)], {
        label: L('Finance approval', '财务审批'),
        requireComment: true,
      }),
      end('approved', { label: L('Approved', '已批准'), outcome: 'approved' }),
    ],
    edges: [
      edge('start', 'manager'),
      edge('manager', 'amount'),
      when('amount', 'gm', "f_total > 5000 or $sum(f_lines[f_category = 'Entertainment'].f_amount) > 2000"),
      otherwise('amount', 'budget'),
      edge('gm', 'budget'),
      when('budget', 'finance', `f_total > ${budget}`),
      otherwise('budget', 'approved'),
      edge('finance', 'approved'),
    ],
  };
}

export interface QuoteOptions {
  salesManager?: string;
  gm?: string;
}

/** Quote discount (§1.1): over 3% the sales manager approves, over 6% the GM as well. */
export function quoteFlow(options: QuoteOptions = {}): WorkflowDefinition {
  const { salesManager = 'rol_sales_manager', gm = 'rol_gm' } = options;
  return {
    formId: quote.id,
    title: L('Quote discount approval', '报价折扣审批'),
    nodes: [
      start(),
      condition('discount'),
      approval('sales_manager', [by.roles(salesManager)], {
        label: L('Sales manager approval', '销售经理审批'),
      }),
      condition('big_discount'),
      approval('gm', [by.roles(gm)], { label: L('GM approval', '总经理审批') }),
      end(),
    ],
    edges: [
      edge('start', 'discount'),
      when('discount', 'sales_manager', 'f_discount_pct > 0.03'),
      otherwise('discount', 'end'),
      edge('sales_manager', 'big_discount'),
      when('big_discount', 'gm', 'f_discount_pct > 0.06'),
      otherwise('big_discount', 'end'),
      edge('gm', 'end'),
    ],
  };
}

/**
 * Every other node type on the Quote form: the sales manager approves while finance fills in, in
 * parallel; then the record is updated, the lead's flow started, the GM copied, and the flow ends.
 */
export function parallelQuoteFlow(options: QuoteOptions & { finance?: string } = {}): WorkflowDefinition {
  const { salesManager = 'rol_sales_manager', gm = 'rol_gm', finance = 'rol_finance' } = options;
  return {
    formId: quote.id,
    nodes: [
      start(),
      parallel('split', L('Review', '评审')),
      approval('sales_manager', [by.roles(salesManager)], { mode: 'all' }),
      fill('finance', [by.roles(finance)], { fieldPermissions: { f_valid_until: 'required' } }),
      join('reviewed'),
      action('extend', [{ kind: 'updateRecord', values: { f_valid_until: '$addDays($today(), 14)' } }]),
      subflow('lead_flow', 'f_lead', false),
      cc('copy_gm', [by.roles(gm)]),
      end(),
    ],
    edges: [
      edge('start', 'split'),
      edge('split', 'sales_manager'),
      edge('split', 'finance'),
      edge('sales_manager', 'reviewed'),
      edge('finance', 'reviewed'),
      ...chain('reviewed', 'extend', 'lead_flow', 'copy_gm', 'end'),
    ],
  };
}

export const nodeIndex = (definition: WorkflowDefinition, id: string): number =>
  definition.nodes.findIndex((node) => node.id === id);

export const edgeIndex = (definition: WorkflowDefinition, id: string): number =>
  definition.edges.findIndex((e) => e.id === id);

/** The node with this id, typed as the caller expects; throws when there is none. */
export function nodeOf<T extends WorkflowNode = WorkflowNode>(definition: WorkflowDefinition, id: string): T {
  const found = definition.nodes.find((node) => node.id === id);
  if (!found) throw new Error(`No node ${id} in the flow.`);
  return found as T;
}

export function edgeOf(definition: WorkflowDefinition, id: string): WorkflowEdge {
  const found = definition.edges.find((e) => e.id === id);
  if (!found) throw new Error(`No edge ${id} in the flow.`);
  return found;
}

/** Removes an edge (by id) and returns the definition, for one-line breakages. */
export function withoutEdge(definition: WorkflowDefinition, id: string): WorkflowDefinition {
  edgeOf(definition, id);
  definition.edges = definition.edges.filter((e) => e.id !== id);
  return definition;
}
