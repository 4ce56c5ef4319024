import {
  type ActionNode,
  type AutomaticAction,
  type CcNode,
  checkWorkflowDefinition,
  type HumanNode,
  type StartNode,
  type SubflowNode,
  type WorkflowDefinition,
} from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';
import { expenseClaim, quote } from '../../support/dealership/sales';
import { by, deadline, edgeOf, expenseFlow, nodeOf, parallelQuoteFlow, quoteFlow } from './flows';
import { check, onlyIssue } from './support';

/** The quote flow with the GM's node changed by `change`. */
function quoteWithGm(change: (gm: HumanNode) => void): WorkflowDefinition {
  const definition = quoteFlow();
  change(nodeOf<HumanNode>(definition, 'gm'));
  return definition;
}

/** The parallel quote flow with its action node running `actions`. */
function quoteWithActions(...actions: AutomaticAction[]): WorkflowDefinition {
  const definition = parallelQuoteFlow();
  nodeOf<ActionNode>(definition, 'extend').actions = actions;
  return definition;
}

describe('branch conditions', () => {
  it('must compile', () => {
    const definition = quoteFlow();
    edgeOf(definition, 'discount_sales_manager').condition = 'f_discount_pct >';
    expect(onlyIssue(definition, quote)).toMatchObject({
      path: '/edges/1/condition',
      edgeId: 'discount_sales_manager',
      message: expect.stringMatching(
        /^The condition of edge "discount_sales_manager" does not compile: .+\. Correct the expression\.$/,
      ),
    });
  });

  it('may name only fields of the form', () => {
    const definition = quoteFlow();
    edgeOf(definition, 'discount_sales_manager').condition = 'f_discount_percent > 0.03';
    expect(onlyIssue(definition, quote)).toEqual({
      path: '/edges/1/condition',
      edgeId: 'discount_sales_manager',
      message:
        'The condition of edge "discount_sales_manager" uses f_discount_percent, which is not a field of the form "Quote": use one of the form\'s fields.',
    });
    expect(check(definition)).toEqual([]); // without the form nobody knows
  });

  it('may name the columns of a table', () => {
    const definition = expenseFlow();
    expect(edgeOf(definition, 'amount_gm').condition).toContain(
      "f_lines[f_category = 'Entertainment'].f_amount",
    );
    expect(check(definition, expenseClaim)).toEqual([]);
  });
});

describe('approver rules', () => {
  it('an approval needs approvers', () => {
    expect(
      onlyIssue(
        quoteWithGm((gm) => (gm.approvers = [])),
        quote,
      ),
    ).toEqual({
      path: '/nodes/4/approvers',
      nodeId: 'gm',
      message:
        '"GM approval" has nobody to act: add at least one approver rule (users, roles, a manager, a member field of the form…).',
    });
  });

  it('so does a CC node', () => {
    const definition = parallelQuoteFlow();
    nodeOf<CcNode>(definition, 'copy_gm').approvers = [];
    expect(onlyIssue(definition, quote)).toMatchObject({
      path: '/nodes/7/approvers',
      nodeId: 'copy_gm',
      message: expect.stringContaining('"copy_gm" has nobody to act'),
    });
  });

  it('a list of users, roles or departments is not empty', () => {
    for (const [rule, key, what] of [
      [by.users(), 'userIds', 'user'],
      [by.roles(), 'roleIds', 'role'],
      [by.departmentHeads(), 'departmentIds', 'department'],
    ] as const)
      expect(onlyIssue(quoteWithGm((gm) => (gm.approvers = [by.submitter(), rule])))).toEqual({
        path: `/nodes/4/approvers/1/${key}`,
        nodeId: 'gm',
        message: `Pick at least one ${what} for this approver rule.`,
      });
  });

  it('a field rule names a member or department field of the form', () => {
    const unknown = expenseFlow();
    nodeOf<HumanNode>(unknown, 'finance').approvers = [by.field('f_cashier')];
    expect(onlyIssue(unknown, expenseClaim)).toEqual({
      path: '/nodes/5/approvers/0/fieldId',
      nodeId: 'finance',
      message:
        'f_cashier is not a field of the form "Expense claim": pick a member or department field of the form.',
    });
    const money = expenseFlow();
    nodeOf<HumanNode>(money, 'finance').approvers = [by.field('f_advance')];
    expect(onlyIssue(money, expenseClaim)).toMatchObject({
      path: '/nodes/5/approvers/0/fieldId',
      message: expect.stringContaining(
        '"Advance" (f_advance) is of type Amount; approvers can only come from a member or department field.',
      ),
    });
    const member = expenseFlow();
    nodeOf<HumanNode>(member, 'finance').approvers = [by.field('f_employee')];
    expect(check(member, expenseClaim)).toEqual([]);
  });

  it("the submitter's manager is 1 to 10 levels up", () => {
    for (const levels of [0, 11])
      expect(onlyIssue(quoteWithGm((gm) => (gm.approvers = [by.manager(levels)])))).toEqual({
        path: '/nodes/4/approvers/0/levels',
        nodeId: 'gm',
        message: `Manager levels go from 1 to 10 (1 is the head of the submitter's own department); ${levels} is out of range.`,
      });
    expect(check(quoteWithGm((gm) => (gm.approvers = [by.manager(10)])))).toEqual([]);
    // A fraction is refused by the schema (a whole number); the checker alone says the same as above.
    expect(checkWorkflowDefinition(quoteWithGm((gm) => (gm.approvers = [by.manager(1.5)])))).toEqual([
      expect.objectContaining({ message: expect.stringContaining('1.5 is out of range') }),
    ]);
  });

  it('a manager chain says where it stops', () => {
    expect(onlyIssue(quoteWithGm((gm) => (gm.approvers = [by.managerChain({})])))).toMatchObject({
      path: '/nodes/4/approvers/0',
      message: expect.stringContaining('A manager chain needs to know where to stop'),
    });
    expect(onlyIssue(quoteWithGm((gm) => (gm.approvers = [by.managerChain({ levels: 12 })])))).toMatchObject({
      path: '/nodes/4/approvers/0/levels',
    });
    for (const until of [{ levels: 3 }, { untilRole: 'rol_gm' }])
      expect(check(quoteWithGm((gm) => (gm.approvers = [by.managerChain(until)])))).toEqual([]);
  });

  it('nobody chooses the approvers of the first step after the start', () => {
    const definition = quoteFlow();
    nodeOf<HumanNode>(definition, 'sales_manager').approvers = [by.chosenByPrevious()];
    expect(onlyIssue(definition)).toMatchObject({
      path: '/nodes/2/approvers/0',
      nodeId: 'sales_manager',
      message: expect.stringContaining('there is no previous approver to choose who acts here'),
    });
  });

  it('a step after an approval may have its approvers chosen', () => {
    const definition = quoteFlow();
    nodeOf<HumanNode>(definition, 'gm').approvers = [by.chosenByPrevious()];
    expect(check(definition)).toEqual([]);
  });

  it('a step reached straight from the start on any one path may not', () => {
    // In the parallel quote flow finance fills in beside the sales manager, right after the start.
    const definition = parallelQuoteFlow();
    nodeOf<HumanNode>(definition, 'finance').approvers = [by.chosenByPrevious()];
    expect(onlyIssue(definition)).toMatchObject({ path: '/nodes/3/approvers/0', nodeId: 'finance' });
  });
});

describe('field permissions', () => {
  it('name fields of the form', () => {
    const definition = expenseFlow();
    nodeOf<HumanNode>(definition, 'manager').fieldPermissions = { f_budget: 'read' };
    expect(onlyIssue(definition, expenseClaim)).toEqual({
      path: '/nodes/1/fieldPermissions/f_budget',
      nodeId: 'manager',
      message:
        'f_budget is not a field of the form "Expense claim": remove it from the field permissions of "Manager approval".',
    });
  });

  it('require or edit only fields that take input', () => {
    const definition = expenseFlow();
    nodeOf<HumanNode>(definition, 'manager').fieldPermissions = {
      f_total: 'required',
      f_net: 'edit',
      f_claim_no: 'read',
    };
    expect(check(definition, expenseClaim)).toEqual([
      {
        path: '/nodes/1/fieldPermissions/f_total',
        nodeId: 'manager',
        message:
          '"Total" (f_total) is of type Rollup, which nobody types into, so it cannot be required: make it read or hidden.',
      },
      {
        path: '/nodes/1/fieldPermissions/f_net',
        nodeId: 'manager',
        message: expect.stringContaining(
          '"Net" (f_net) is of type Formula, which nobody types into, so it cannot be editable',
        ),
      },
    ]);
  });

  it('are checked on the start node too', () => {
    const definition = expenseFlow();
    nodeOf<StartNode>(definition, 'start').fieldPermissions = { f_claim_no: 'required' };
    expect(onlyIssue(definition, expenseClaim)).toMatchObject({
      path: '/nodes/0/fieldPermissions/f_claim_no',
    });
  });
});

describe('deadlines', () => {
  it('from a field take a date or date-time field', () => {
    expect(
      check(
        quoteWithGm((gm) => (gm.deadline = deadline({ field: 'f_valid_until' }, 'approve'))),
        quote,
      ),
    ).toEqual([]);
    expect(
      onlyIssue(
        quoteWithGm((gm) => (gm.deadline = deadline({ field: 'f_msrp' }, 'approve'))),
        quote,
      ),
    ).toEqual({
      path: '/nodes/4/deadline/after/field',
      nodeId: 'gm',
      message: '"MSRP" (f_msrp) is of type Amount; a deadline can only come from a date or date-time field.',
    });
    expect(
      onlyIssue(
        quoteWithGm((gm) => (gm.deadline = deadline({ field: 'f_expiry' }, 'remind'))),
        quote,
      ),
    ).toMatchObject({ message: expect.stringContaining('f_expiry is not a field of the form "Quote"') });
  });

  it('remind before the deadline, after the task arrives', () => {
    const definition = quoteWithGm((gm) => (gm.deadline = deadline({ minutes: 60 }, 'remind', [30, 60])));
    expect(onlyIssue(definition)).toEqual({
      path: '/nodes/4/deadline/remindBefore/1',
      nodeId: 'gm',
      message:
        'A reminder 60 minutes before a deadline 60 minutes after the task arrives would come before the task itself: remind fewer minutes before.',
    });
  });
});

describe('automatic actions', () => {
  it('an action node runs something', () => {
    expect(onlyIssue(quoteWithActions(), quote)).toEqual({
      path: '/nodes/5/actions',
      nodeId: 'extend',
      message: '"extend" has no actions: add at least one, or delete the node.',
    });
  });

  it('an update sets fields of the form that take input, to expressions that compile', () => {
    const issues = check(
      quoteWithActions({
        kind: 'updateRecord',
        values: { f_state: "'Sent'", f_total: '0', f_discount: 'f_msrp *', f_valid_until: 'f_expiry' },
      }),
      quote,
    );
    expect(issues).toEqual([
      {
        path: '/nodes/5/actions/0/values/f_state',
        nodeId: 'extend',
        message: 'f_state is not a field of the form "Quote": pick a field of this form to update.',
      },
      {
        path: '/nodes/5/actions/0/values/f_total',
        nodeId: 'extend',
        message: '"Total" (f_total) is of type Formula, computed by the server: an action cannot set it.',
      },
      {
        path: '/nodes/5/actions/0/values/f_discount',
        nodeId: 'extend',
        message: expect.stringMatching(/^The value for f_discount does not compile: /),
      },
      {
        path: '/nodes/5/actions/0/values/f_valid_until',
        nodeId: 'extend',
        message: expect.stringContaining('The value for f_valid_until uses f_expiry, which is not a field'),
      },
    ]);
  });

  it('a created record names its form', () => {
    const definition = quoteWithActions({ kind: 'createRecord', values: { f_name: 'f_lead' } } as never);
    expect(onlyIssue(definition, quote)).toEqual({
      path: '/nodes/5/actions/0/formId',
      nodeId: 'extend',
      message: '"formId" is missing: it is required here.',
    });
    expect(checkWorkflowDefinition(definition, quote)).toEqual([
      {
        path: '/nodes/5/actions/0/formId',
        nodeId: 'extend',
        message: 'Say in which form the new record is created.',
      },
    ]);
    const complete = quoteWithActions({
      kind: 'createRecord',
      formId: 'frm_deal',
      values: { f_anything: 'f_msrp' },
    });
    expect(check(complete, quote)).toEqual([]);
  });

  it('a webhook calls an https or http URL', () => {
    for (const url of ['https://example.com/hooks/quote', 'http://10.0.0.5:8080/hook'])
      expect(check(quoteWithActions({ kind: 'webhook', url }))).toEqual([]);
    for (const url of [
      'ftp://example.com/drop',
      'javascript:alert(1)',
      'example.com/hook',
      'file:///etc/passwd',
    ])
      expect(onlyIssue(quoteWithActions({ kind: 'webhook', url }))).toEqual({
        path: '/nodes/5/actions/0/url',
        nodeId: 'extend',
        message: `A webhook URL starts with https:// (or http://) and names a host, like https://example.com/hooks/quote; "${url}" does not.`,
      });
  });

  it('a notification has recipients', () => {
    const definition = quoteWithActions({
      kind: 'notify',
      approvers: [],
      message: { zh: '已批准', en: 'Approved' },
    });
    expect(onlyIssue(definition)).toEqual({
      path: '/nodes/5/actions/0/approvers',
      nodeId: 'extend',
      message:
        'This notification has nobody to act: add at least one approver rule (users, roles, a manager, a member field of the form…).',
    });
  });
});

describe('sub-flows', () => {
  it('run on the records of a relation field', () => {
    const definition = parallelQuoteFlow();
    nodeOf<SubflowNode>(definition, 'lead_flow').relationField = 'f_msrp';
    expect(onlyIssue(definition, quote)).toEqual({
      path: '/nodes/6/relationField',
      nodeId: 'lead_flow',
      message:
        'f_msrp is not a related-record field of the form "Quote": a sub-flow runs on the records a relation field points at.',
    });
  });
});
