import {
  checkWorkflowDefinition,
  type HumanNode,
  NODE_TYPES,
  WORKFLOW_LIMITS,
  type WorkflowDefinition,
  workflowDefinitionSchema,
} from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';
import { newAjv } from '../fields/support';
import {
  approval,
  by,
  chain,
  deadline,
  edge,
  end,
  expenseFlow,
  flow,
  nodeOf,
  quoteFlow,
  start,
} from './flows';
import { check, onlyIssue } from './support';

/** A definition as loose JSON, to break in ways the types forbid. */
const loose = (definition: WorkflowDefinition) => definition as unknown as Record<string, any>;

describe('the workflow meta-schema', () => {
  for (const discriminator of [false, true]) {
    describe(discriminator ? 'with Ajv discriminator support' : 'as plain oneOf', () => {
      const validate = newAjv({ discriminator }).compile(workflowDefinitionSchema());

      it('accepts the reference flows', () => {
        for (const definition of [expenseFlow(), quoteFlow()])
          expect(validate(definition), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      });

      it('refuses unknown properties on the definition, a node, an edge, a rule and a deadline', () => {
        const breakages: ((f: Record<string, any>) => void)[] = [
          (f) => (f.owner = 'me'),
          (f) => (f.nodes[1].colour = 'red'),
          (f) => (f.edges[0].weight = 2),
          (f) => (f.nodes[1].approvers[0].scope = 'store'),
          (f) => (f.nodes[1].deadline.escalate = true),
          (f) => (f.nodes[0].mode = 'any'), // a start node has no mode
        ];
        for (const breakIt of breakages) {
          const broken = loose(expenseFlow());
          breakIt(broken);
          expect(validate(broken)).toBe(false);
        }
      });

      it('refuses an unknown node type, approver kind and action kind', () => {
        const node = loose(expenseFlow());
        node.nodes[2].type = 'timer';
        expect(validate(node)).toBe(false);
        const rule = loose(expenseFlow());
        rule.nodes[1].approvers[0] = { kind: 'everyone' };
        expect(validate(rule)).toBe(false);
        const act = loose(quoteFlow());
        act.nodes[4] = { id: 'gm', type: 'action', actions: [{ kind: 'sms', to: 'x' }] };
        expect(validate(act)).toBe(false);
        act.nodes[4].actions[0] = { kind: 'webhook', url: 'https://example.com/hook' };
        expect(validate(act)).toBe(true);
      });
    });
  }

  it('has one branch per node type', () => {
    const schema = workflowDefinitionSchema() as { $defs: { node: { oneOf: unknown[] } } };
    expect(schema.$defs.node.oneOf).toHaveLength(NODE_TYPES.length);
  });
});

describe('schema issues', () => {
  it('name the node of a bad node id, with how to fix it', () => {
    const definition = quoteFlow();
    nodeOf(definition, 'gm').id = 'GM';
    expect(onlyIssue(definition)).toEqual({
      path: '/nodes/4/id',
      nodeId: 'GM',
      message: 'A node id is a lowercase letter, then up to 40 lowercase letters, digits or _.',
    });
  });

  it('name the edge of a bad edge id', () => {
    const definition = quoteFlow();
    loose(definition).edges[2].id = '2nd';
    expect(onlyIssue(definition)).toEqual({
      path: '/edges/2/id',
      edgeId: '2nd',
      message: 'An edge id is a lowercase letter, then up to 40 lowercase letters, digits or _.',
    });
  });

  it('point at a missing required property and an unknown one', () => {
    const definition = loose(quoteFlow());
    delete definition.nodes[2].mode;
    definition.nodes[4].escalate = true;
    expect(check(definition)).toEqual([
      { path: '/nodes/2/mode', nodeId: 'sales_manager', message: '"mode" is missing: it is required here.' },
      {
        path: '/nodes/4/escalate',
        nodeId: 'gm',
        message: '"escalate" is not a property this part of a flow can have: remove it.',
      },
    ]);
  });

  it('list the node types for an unknown one', () => {
    const definition = loose(quoteFlow());
    definition.nodes[1].type = 'switch';
    expect(onlyIssue(definition)).toMatchObject({
      path: '/nodes/1/type',
      nodeId: 'discount',
      message: expect.stringContaining('Unknown node type: use one of start, approval, fill, cc'),
    });
  });

  it(`limit a flow to ${WORKFLOW_LIMITS.nodes} nodes and ${WORKFLOW_LIMITS.edges} edges`, () => {
    const ids = Array.from({ length: WORKFLOW_LIMITS.nodes - 1 }, (_, i) => `n${i}`);
    const big = flow(
      'frm_quote',
      [start(), ...ids.slice(1).map((id) => approval(id, [by.submitter()])), end('n0')],
      [...chain('start', ...ids.slice(1), 'n0')],
    );
    expect(big.nodes).toHaveLength(WORKFLOW_LIMITS.nodes);
    expect(check(big)).toEqual([]);
    big.nodes.push(end('one_too_many'));
    expect(onlyIssue(big)).toEqual({ path: '/nodes', message: 'A flow can have at most 200 nodes.' });

    const edges = quoteFlow();
    edges.edges = Array.from({ length: WORKFLOW_LIMITS.edges + 1 }, (_, i) =>
      edge('start', 'end', { id: `e${i}` }),
    );
    expect(onlyIssue(edges)).toEqual({ path: '/edges', message: 'A flow can have at most 400 edges.' });
  });

  it(`limit a node to ${WORKFLOW_LIMITS.approverRules} approver rules and a rule to ${WORKFLOW_LIMITS.ids} ids`, () => {
    const rules = quoteFlow();
    nodeOf<HumanNode>(rules, 'gm').approvers = Array.from({ length: 21 }, () => by.submitter());
    expect(onlyIssue(rules)).toMatchObject({
      path: '/nodes/4/approvers',
      nodeId: 'gm',
      message: expect.stringContaining('at most 20 approver rules'),
    });
    const ids = quoteFlow();
    nodeOf<HumanNode>(ids, 'gm').approvers = [by.users(...Array.from({ length: 101 }, (_, i) => `usr_${i}`))];
    expect(onlyIssue(ids)).toMatchObject({
      path: '/nodes/4/approvers/0/userIds',
      message: expect.stringContaining('at most 100 users'),
    });
  });

  it('keep deadlines between 1 minute and 30 days, with at most 5 reminders', () => {
    for (const minutes of [0, 43_201]) {
      const definition = quoteFlow();
      nodeOf<HumanNode>(definition, 'gm').deadline = deadline({ minutes }, 'approve');
      expect(onlyIssue(definition)).toEqual({
        path: '/nodes/4/deadline/after/minutes',
        nodeId: 'gm',
        message: 'Deadlines and reminders are 1 to 43,200 minutes (30 days).',
      });
    }
    const reminders = quoteFlow();
    nodeOf<HumanNode>(reminders, 'gm').deadline = deadline({ minutes: 600 }, 'remind', [1, 2, 3, 4, 5, 6]);
    expect(onlyIssue(reminders)).toMatchObject({
      path: '/nodes/4/deadline/remindBefore',
      message: 'A deadline can have at most 5 reminders.',
    });
    expect(check(flowWithDeadline({ minutes: 43_200 }))).toEqual([]);
  });

  it('take a deadline after minutes or from a field, not both', () => {
    expect(onlyIssue(flowWithDeadline({ minutes: 60, field: 'f_valid_until' } as never))).toMatchObject({
      path: '/nodes/4/deadline/after',
      message: expect.stringContaining('give exactly one of the two'),
    });
  });

  it('check labels with the shared label schema', () => {
    const definition = quoteFlow();
    nodeOf(definition, 'gm').label = { en: 'GM' } as never;
    expect(onlyIssue(definition)).toMatchObject({
      path: '/nodes/4/label/zh',
      message: expect.stringContaining('"zh"'),
    });
  });

  it('refuse field permission keys that are not field ids', () => {
    const definition = quoteFlow();
    nodeOf<HumanNode>(definition, 'gm').fieldPermissions = { total: 'read' };
    expect(onlyIssue(definition)).toMatchObject({
      path: '/nodes/4/fieldPermissions/total',
      message: expect.stringContaining('total is not a field id'),
    });
  });

  it('stop at the schema: the graph is not checked while the shape is wrong', () => {
    const definition = loose(quoteFlow());
    definition.nodes[4].extra = 1;
    definition.edges.pop(); // the GM's node now leads nowhere, which the graph rules would report
    expect(check(definition)).toHaveLength(1);
    expect(checkWorkflowDefinition(definition).some((issue) => issue.path === '/nodes/4')).toBe(true);
  });

  it('refuse something that is not a definition at all', () => {
    expect(check('flow')).toEqual([{ path: '', message: 'This must be of type object.' }]);
    expect(checkWorkflowDefinition('flow')).toEqual([
      { path: '', message: 'A workflow definition is an object with a form id, nodes and edges.' },
    ]);
    expect(checkWorkflowDefinition({ formId: 'frm_quote', nodes: [{ id: 'a' }], edges: 'none' })).toEqual([
      { path: '/nodes/0', message: 'This is not a node: it needs id, type as text.' },
      { path: '/edges', message: 'A flow needs a list of edges.' },
    ]);
  });
});

function flowWithDeadline(after: { minutes: number } | { field: string }): WorkflowDefinition {
  const definition = quoteFlow();
  nodeOf<HumanNode>(definition, 'gm').deadline = deadline(after, 'remind');
  return definition;
}
