import { checkWorkflowDefinition, type WorkflowDefinition, type WorkflowNode } from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';
import {
  addBranch,
  canDelete,
  canEndOn,
  deleteBranch,
  deleteNode,
  insertOnEdge,
  mergeOf,
  starterFlow,
} from '../../../../designer/src/flow/graph-edit';

/**
 * The workflow designer's edits (designer/src/flow/graph-edit.ts): what "+" on an edge, "delete" on a
 * node and the branch buttons do to the definition. Every result is checked with the same rules as
 * publishing, once its approval steps have someone to act.
 */
const label = (type: string) => ({ zh: type, en: type });
const starter = () => starterFlow('frm_expense', label);

/** The flow with every human step given an approver, so only the graph's own problems remain. */
function problems(flow: WorkflowDefinition): string[] {
  const staffed = {
    ...flow,
    nodes: flow.nodes.map((n) =>
      n.type === 'approval' || n.type === 'fill' || n.type === 'cc'
        ? ({ ...n, approvers: [{ kind: 'submitter' }] } as WorkflowNode)
        : n,
    ),
    edges: flow.edges.map((e) =>
      e.default || !flow.nodes.some((n) => n.id === e.from && n.type === 'condition')
        ? e
        : { ...e, condition: 'true' },
    ),
  };
  return checkWorkflowDefinition(staffed).map((i) => i.message);
}

const shape = (flow: WorkflowDefinition) =>
  flow.edges.map((e) => `${e.from}>${e.to}${e.default ? '*' : ''}`).sort();

describe('the designer edits a flow', () => {
  it('starts with start → approval → end', () => {
    expect(shape(starter())).toEqual(['approval_1>end', 'start>approval_1']);
    expect(problems(starter())).toEqual([]);
  });

  it('inserts a step on an edge', () => {
    const { flow, selected } = insertOnEdge(starter(), 'e_2', 'cc', label);
    expect(selected).toBe('cc_1');
    expect(shape(flow)).toEqual(['approval_1>cc_1', 'cc_1>end', 'start>approval_1']);
    expect(problems(flow)).toEqual([]);
  });

  it('inserts a condition with two branches meeting again, one of them the default', () => {
    const { flow } = insertOnEdge(starter(), 'e_2', 'condition', label);
    expect(shape(flow)).toEqual([
      'approval_1>condition_1',
      'condition_1>end',
      'condition_1>end*',
      'start>approval_1',
    ]);
    expect(mergeOf(flow, 'condition_1')).toBe('end');
    expect(problems(flow)).toEqual([]);
    // A step on a branch keeps the branch's condition on the edge out of the split.
    const withStep = insertOnEdge(
      { ...flow, edges: flow.edges.map((e) => (e.id === 'e_3' ? { ...e, condition: 'f_total > 5000' } : e)) },
      'e_3',
      'approval',
      label,
    ).flow;
    expect(withStep.edges.find((e) => e.id === 'e_3')).toEqual({
      id: 'e_3',
      from: 'condition_1',
      to: 'approval_2',
      condition: 'f_total > 5000',
    });
    expect(problems(withStep)).toEqual([]);
  });

  it('inserts a parallel block with its join', () => {
    const { flow } = insertOnEdge(starter(), 'e_1', 'parallel', label);
    expect(shape(flow)).toEqual([
      'approval_1>end',
      'join_1>approval_1',
      'parallel_1>join_1',
      'parallel_1>join_1',
      'start>parallel_1',
    ]);
    expect(problems(flow)).toEqual([]);
    const three = addBranch(flow, 'parallel_1');
    expect(three.edges.filter((e) => e.from === 'parallel_1')).toHaveLength(3);
    expect(problems(three)).toEqual([]);
  });

  it('puts an end only where the rest of the flow stays reachable', () => {
    const { flow } = insertOnEdge(starter(), 'e_2', 'condition', label);
    expect(canEndOn(flow, 'e_1')).toBe(false);
    expect(canEndOn(flow, 'e_3')).toBe(true);
    const ended = insertOnEdge(flow, 'e_3', 'end', label).flow;
    expect(shape(ended)).toEqual([
      'approval_1>condition_1',
      'condition_1>end*',
      'condition_1>end_1',
      'start>approval_1',
    ]);
    expect(problems(ended)).toEqual([]);
    expect(canDelete(ended, 'end_1')).toBe(true);
  });

  it('deletes a step, leading its incoming edges on to its successor', () => {
    const flow = insertOnEdge(starter(), 'e_2', 'cc', label).flow;
    const back = deleteNode(flow, 'cc_1');
    expect(shape(back)).toEqual(shape(starter()));
    expect(problems(back)).toEqual([]);
    expect(canDelete(back, 'start')).toBe(false);
    expect(canDelete(back, 'end')).toBe(false);
  });

  it('deletes a whole block with its split, or with its join', () => {
    const condition = insertOnEdge(starter(), 'e_2', 'condition', label).flow;
    const staffed = insertOnEdge(condition, 'e_3', 'approval', label).flow;
    expect(shape(deleteNode(staffed, 'condition_1'))).toEqual(shape(starter()));
    const parallel = insertOnEdge(starter(), 'e_1', 'parallel', label).flow;
    const busy = insertOnEdge(
      parallel,
      parallel.edges.find((e) => e.from === 'parallel_1')!.id,
      'fill',
      label,
    ).flow;
    expect(shape(deleteNode(busy, 'join_1'))).toEqual(shape(starter()));
    expect(shape(deleteNode(busy, 'parallel_1'))).toEqual(shape(starter()));
  });

  it('deletes a branch with its steps; a split left with one branch goes too', () => {
    const condition = insertOnEdge(starter(), 'e_2', 'condition', label).flow;
    const staffed = insertOnEdge(condition, 'e_3', 'approval', label).flow;
    const three = addBranch(staffed, 'condition_1');
    // The new branch goes before the default (conditions are tried in order, the default last).
    const out = three.edges.filter((e) => e.from === 'condition_1');
    expect(out.map((e) => e.default === true)).toEqual([false, false, true]);
    const two = deleteBranch(three, 'e_3');
    expect(two.nodes.some((n) => n.id === 'approval_2')).toBe(false);
    expect(problems(two)).toEqual([]);
    const one = deleteBranch(two, out[1]!.id);
    expect(shape(one)).toEqual(shape(starter()));
    // Deleting the default makes the last branch left the default.
    const defaultless = deleteBranch(three, 'e_4');
    expect(defaultless.edges.filter((e) => e.from === 'condition_1' && e.default)).toHaveLength(1);
    expect(problems(defaultless)).toEqual([]);
  });
});
