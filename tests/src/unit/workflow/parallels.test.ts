import type { WorkflowDefinition } from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';
import {
  approval,
  by,
  chain,
  condition,
  edge,
  end,
  flow,
  join,
  otherwise,
  parallel,
  start,
  when,
} from './flows';
import { check, onlyIssue } from './support';

/** An approval any submitter can pass through, for shapes where who approves does not matter. */
const step = (id: string) => approval(id, [by.manager(1)]);

/** start → split → (a, b) → closing → end, with the split and closing node types chosen by the test. */
function diamond(split: 'parallel' | 'condition', closing: 'join' | 'approval'): WorkflowDefinition {
  const branches =
    split === 'parallel'
      ? [edge('split', 'a'), edge('split', 'b')]
      : [when('split', 'a', 'f_msrp > 100000'), otherwise('split', 'b')];
  return flow(
    'frm_quote',
    [
      start(),
      split === 'parallel' ? parallel('split') : condition('split'),
      step('a'),
      step('b'),
      closing === 'join' ? join('closing') : step('closing'),
      end(),
    ],
    [edge('start', 'split'), ...branches, edge('a', 'closing'), edge('b', 'closing'), edge('closing', 'end')],
  );
}

describe('parallel splits and joins', () => {
  it('accept a split closed by its join, and condition branches that merge at an ordinary step', () => {
    expect(check(diamond('parallel', 'join'))).toEqual([]);
    expect(check(diamond('condition', 'approval'))).toEqual([]);
  });

  it('refuse a parallel split whose branches meet at an ordinary step', () => {
    expect(onlyIssue(diamond('parallel', 'approval'))).toEqual({
      path: '/nodes/1',
      nodeId: 'split',
      message:
        'The branches of the parallel split "split" meet again at "closing", which is not a join: put a join just before it and lead every branch into the join.',
    });
  });

  it('refuse a parallel split whose branches end separately, without a join', () => {
    const definition = flow(
      'frm_quote',
      [start(), parallel('split'), step('a'), step('b'), end('end_a'), end('end_b')],
      [...chain('start', 'split', 'a', 'end_a'), ...chain('split', 'b', 'end_b')],
    );
    expect(onlyIssue(definition)).toMatchObject({
      path: '/nodes/1',
      nodeId: 'split',
      message: expect.stringContaining('do not all meet at a join before the flow ends'),
    });
  });

  it('refuse a branch that leaves the parallel block for another end', () => {
    const definition = diamond('parallel', 'join');
    definition.nodes[2] = condition('a');
    definition.nodes.push(end('early'));
    definition.edges = definition.edges.filter((e) => e.from !== 'a');
    definition.edges.push(when('a', 'early', 'f_msrp > 1'), otherwise('a', 'closing'));
    const issues = check(definition);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatchObject({
      nodeId: 'split',
      message: expect.stringContaining('do not all meet at a join'),
    });
    // and the join, now met by one branch only, closes nothing
    expect(issues[1]).toMatchObject({
      nodeId: 'closing',
      message: expect.stringContaining('does not close'),
    });
  });

  it('refuse a join that closes no parallel split', () => {
    expect(onlyIssue(diamond('condition', 'join'))).toEqual({
      path: '/nodes/4',
      nodeId: 'closing',
      message:
        '"closing" does not close a parallel split: a join is where all branches of one parallel node meet again. Lead a parallel node\'s branches into it, or replace it with an ordinary step.',
    });
  });

  it('refuse a join shared by two splits', () => {
    const definition = flow(
      'frm_quote',
      [start(), parallel('outer'), parallel('inner'), step('x'), step('y'), step('z'), join('merge'), end()],
      [
        ...chain('start', 'outer', 'inner', 'y', 'merge', 'end'),
        ...chain('outer', 'x', 'merge'),
        ...chain('inner', 'z', 'merge'),
      ],
    );
    expect(onlyIssue(definition)).toMatchObject({
      path: '/nodes/6',
      nodeId: 'merge',
      message: expect.stringContaining('"merge" closes several parallel splits ("outer", "inner")'),
    });
  });

  it('refuse a path into a join from outside its parallel block', () => {
    const definition = flow(
      'frm_quote',
      [start(), condition('route'), parallel('split'), step('a'), step('b'), step('x'), join('merge'), end()],
      [
        edge('start', 'route'),
        when('route', 'split', 'f_msrp > 100000'),
        otherwise('route', 'x'),
        ...chain('split', 'a', 'merge', 'end'),
        ...chain('split', 'b', 'merge'),
        edge('x', 'merge'),
      ],
    );
    expect(onlyIssue(definition)).toMatchObject({
      path: '/edges/8',
      edgeId: 'x_merge',
      message: expect.stringContaining('does not pass the parallel split "split", so the join could wait'),
    });
  });

  it('accept nested blocks and a condition inside a branch', () => {
    const definition = flow(
      'frm_quote',
      [
        start(),
        parallel('outer'),
        parallel('inner'),
        step('y'),
        step('z'),
        join('inner_done'),
        condition('check'),
        step('c'),
        join('outer_done'),
        end(),
      ],
      [
        ...chain('start', 'outer', 'inner', 'y', 'inner_done', 'outer_done', 'end'),
        ...chain('inner', 'z', 'inner_done'),
        edge('outer', 'check'),
        when('check', 'c', 'f_msrp > 100000'),
        otherwise('check', 'outer_done'),
        edge('c', 'outer_done'),
      ],
    );
    expect(check(definition)).toEqual([]);
  });

  it('refuse crossing blocks', () => {
    // outer → (a, inner); inner → (b, c); a and b meet at first, c only after: the blocks overlap.
    const definition = flow(
      'frm_quote',
      [
        start(),
        parallel('outer'),
        parallel('inner'),
        step('a'),
        step('b'),
        step('c'),
        join('first'),
        join('second'),
        end(),
      ],
      [
        ...chain('start', 'outer', 'a', 'first', 'second', 'end'),
        ...chain('outer', 'inner', 'b', 'first'),
        ...chain('inner', 'c', 'second'),
      ],
    );
    const issues = check(definition);
    expect(issues.map((issue) => issue.nodeId)).toEqual(['first', 'second']);
    expect(issues[0]?.message).toContain('does not close a parallel split');
    expect(issues[1]?.message).toContain('closes several parallel splits ("outer", "inner")');
  });
});
