import { describe, expect, it } from 'vitest';
import {
  approval,
  by,
  chain,
  edge,
  edgeOf,
  end,
  fill,
  flow,
  join,
  L,
  parallel,
  quoteFlow,
  start,
  withoutEdge,
} from './flows';
import { check, onlyIssue } from './support';

/** An approval any submitter can pass through, for shapes where who approves does not matter. */
const step = (id: string) => approval(id, [by.manager(1)]);

describe('ids and edge ends', () => {
  it('refuse two nodes with one id', () => {
    const definition = quoteFlow();
    definition.nodes.push(step('gm'));
    expect(onlyIssue(definition)).toEqual({
      path: '/nodes/6/id',
      nodeId: 'gm',
      message: 'Node 5 already has the id "gm": give this node another id.',
    });
  });

  it('refuse two edges with one id', () => {
    const definition = quoteFlow();
    edgeOf(definition, 'gm_end').id = 'big_discount_end';
    expect(onlyIssue(definition)).toEqual({
      path: '/edges/6/id',
      edgeId: 'big_discount_end',
      message: 'Edge 6 already has the id "big_discount_end": give this edge another id.',
    });
  });

  it('refuse an edge to a node that does not exist', () => {
    const definition = quoteFlow();
    definition.edges.push(edge('gm', 'archive'));
    expect(onlyIssue(definition)).toEqual({
      path: '/edges/7/to',
      edgeId: 'gm_archive',
      message:
        'Edge "gm_archive" leads to "archive", which is not a node of this flow: connect it to an existing node or delete it.',
    });
  });
});

describe('start and end', () => {
  it('need a start node', () => {
    const definition = withoutEdge(quoteFlow(), 'start_discount');
    definition.nodes.shift();
    expect(onlyIssue(definition)).toEqual({
      path: '/nodes',
      message: 'The flow has no start node: add one, where the submitter begins.',
    });
  });

  it('allow one start node only', () => {
    const definition = quoteFlow();
    definition.nodes.push(start('second_start'));
    definition.edges.push(edge('second_start', 'discount'));
    expect(onlyIssue(definition)).toMatchObject({
      path: '/nodes/6',
      nodeId: 'second_start',
      message: expect.stringContaining('A flow has exactly one start node, and "start" is already the start'),
    });
  });

  it('need an end node', () => {
    const definition = flow('frm_quote', [start(), step('a')], [edge('start', 'a')]);
    expect(check(definition)).toEqual([
      { path: '/nodes', message: 'The flow has no end node: add one and lead the last steps into it.' },
      {
        path: '/nodes/1',
        nodeId: 'a',
        message: '"a" has no outgoing edge: connect it to the next step of the flow, or to an end.',
      },
    ]);
  });

  it('refuse edges into the start', () => {
    const definition = quoteFlow();
    definition.nodes.push(step('late'));
    definition.edges.push(edge('late', 'start'));
    const issues = check(definition);
    expect(issues).toContainEqual({
      path: '/nodes/0',
      nodeId: 'start',
      message: expect.stringContaining('"start" is the start but edges lead into it ("late_start")'),
    });
    expect(issues).toHaveLength(2); // and "late" is unreachable
  });

  it('refuse edges out of an end', () => {
    const definition = quoteFlow();
    definition.nodes.push(step('after'), end('final'));
    definition.edges.push(edge('end', 'after'), edge('after', 'final'));
    expect(onlyIssue(definition)).toEqual({
      path: '/nodes/5',
      nodeId: 'end',
      message: '"end" is an end but has outgoing edges ("end_after"): delete them, the flow stops at an end.',
    });
  });
});

describe('paths', () => {
  it('find a node the start cannot reach', () => {
    const definition = quoteFlow();
    definition.nodes.push({ ...step('orphan'), label: L('Orphan review') });
    definition.edges.push(edge('orphan', 'end'));
    expect(onlyIssue(definition)).toEqual({
      path: '/nodes/6',
      nodeId: 'orphan',
      message:
        '"Orphan review" cannot be reached from the start: connect an edge into it from an earlier step, or delete it.',
    });
  });

  it('find a dead end: a path that never reaches an end', () => {
    const definition = withoutEdge(quoteFlow(), 'gm_end');
    definition.nodes.push(fill('notes', [by.submitter()]));
    definition.edges.push(edge('gm', 'notes'));
    expect(check(definition)).toEqual([
      {
        path: '/nodes/6',
        nodeId: 'notes',
        message: '"notes" has no outgoing edge: connect it to the next step of the flow, or to an end.',
      },
      {
        path: '/nodes/4',
        nodeId: 'gm',
        message:
          'No path from "GM approval" leads to an end: every path of a flow must finish at an end node. Lead its branches on to an end.',
      },
    ]);
  });

  it('find a loop, and point at the edge that closes it', () => {
    const definition = withoutEdge(quoteFlow(), 'gm_end');
    definition.edges.push(edge('gm', 'discount'));
    expect(onlyIssue(definition)).toEqual({
      path: '/edges/6',
      edgeId: 'gm_discount',
      message:
        'Edge "gm_discount" closes a loop ("discount" → "Sales manager approval" → "big_discount" → "GM approval" → "discount"): delete it. A flow only goes forward; to send a record back, approvers use the return action.',
    });
  });

  it('find a node looping onto itself', () => {
    const definition = quoteFlow();
    definition.edges.push(edge('big_discount', 'big_discount', { condition: 'f_msrp > 1' }));
    expect(onlyIssue(definition)).toMatchObject({ path: '/edges/7', edgeId: 'big_discount_big_discount' });
  });
});

describe('outgoing and incoming edges', () => {
  it('an approval goes on along exactly one edge', () => {
    const definition = quoteFlow();
    definition.edges.push(edge('sales_manager', 'end'));
    expect(onlyIssue(definition)).toEqual({
      path: '/nodes/2',
      nodeId: 'sales_manager',
      message:
        '"Sales manager approval" has 2 outgoing edges ("sales_manager_big_discount" and "sales_manager_end"), but an approval node goes on along exactly one: keep one, and to branch put a condition or parallel node after it.',
    });
  });

  it('an approval without an outgoing edge stops the flow', () => {
    expect(onlyIssue(withoutEdge(quoteFlow(), 'gm_end'))).toMatchObject({
      path: '/nodes/4',
      nodeId: 'gm',
      message: expect.stringContaining('"GM approval" has no outgoing edge'),
    });
  });

  it('a condition needs a default edge', () => {
    const definition = quoteFlow();
    const fallback = edgeOf(definition, 'discount_end');
    delete fallback.default;
    fallback.condition = 'f_discount_pct <= 0.03';
    expect(onlyIssue(definition)).toEqual({
      path: '/nodes/1',
      nodeId: 'discount',
      message:
        '"discount" has no default edge: mark one outgoing edge as the default, taken when no condition holds.',
    });
  });

  it('a condition has exactly one default edge', () => {
    const definition = quoteFlow();
    const branch = edgeOf(definition, 'discount_sales_manager');
    delete branch.condition;
    branch.default = true;
    expect(onlyIssue(definition)).toMatchObject({
      path: '/nodes/1',
      message: expect.stringContaining('"discount" has 2 default edges'),
    });
  });

  it('a condition with a single edge is no branch', () => {
    const issues = check(withoutEdge(quoteFlow(), 'discount_end'));
    expect(issues).toEqual([
      {
        path: '/nodes/1',
        nodeId: 'discount',
        message:
          '"discount" is a condition with 1 outgoing edge(s); it needs at least two: one per branch, plus the default.',
      },
      { path: '/nodes/1', nodeId: 'discount', message: expect.stringContaining('has no default edge') },
    ]);
  });

  it('every other edge of a condition has a condition', () => {
    const definition = quoteFlow();
    delete edgeOf(definition, 'discount_sales_manager').condition;
    expect(onlyIssue(definition)).toEqual({
      path: '/edges/1',
      edgeId: 'discount_sales_manager',
      message:
        'Edge "discount_sales_manager" leaves the condition "discount" without a condition: write one, or mark the edge as the default.',
    });
  });

  it('the default edge has no condition', () => {
    const definition = quoteFlow();
    edgeOf(definition, 'discount_end').condition = 'f_discount_pct <= 0.03';
    expect(onlyIssue(definition)).toMatchObject({
      path: '/edges/2/condition',
      edgeId: 'discount_end',
      message: expect.stringContaining('is the default and also has a condition'),
    });
  });

  it('conditions and defaults belong to edges leaving a condition node', () => {
    const conditional = quoteFlow();
    edgeOf(conditional, 'start_discount').condition = 'f_msrp > 0';
    expect(onlyIssue(conditional)).toMatchObject({
      path: '/edges/0/condition',
      edgeId: 'start_discount',
      message: expect.stringContaining('leaves "start", which is not a condition node: remove the condition'),
    });
    const defaulted = quoteFlow();
    edgeOf(defaulted, 'gm_end').default = true;
    expect(onlyIssue(defaulted)).toMatchObject({
      path: '/edges/6/default',
      message: expect.stringContaining('is marked as a default but leaves "GM approval"'),
    });
  });

  it('a parallel split has at least two branches', () => {
    const definition = flow(
      'frm_quote',
      [start(), parallel('split'), step('a'), end()],
      chain('start', 'split', 'a', 'end'),
    );
    expect(onlyIssue(definition)).toMatchObject({
      path: '/nodes/1',
      nodeId: 'split',
      message: expect.stringContaining(
        '"split" is a parallel split with 1 outgoing edge(s); it needs at least two',
      ),
    });
  });

  it('a join joins at least two branches', () => {
    const definition = flow('frm_quote', [start(), join('merge'), end()], chain('start', 'merge', 'end'));
    expect(onlyIssue(definition)).toMatchObject({
      path: '/nodes/1',
      nodeId: 'merge',
      message: expect.stringContaining('"merge" is a join with 1 incoming edge(s); it needs at least two'),
    });
  });
});
