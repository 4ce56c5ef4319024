import { checkWorkflowDefinition, joinSplits } from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';
import { expenseClaim, quote } from '../../support/dealership/sales';
import { expenseFlow, nodeOf, parallelQuoteFlow, quoteFlow } from './flows';
import { check, shapeValidator } from './support';

describe('the reference flows', () => {
  it('Expense Claim (manager → GM over ¥5,000 → finance if over budget) passes every check', () => {
    expect(check(expenseFlow(), expenseClaim)).toEqual([]);
  });

  it('Quote discount (> 3% sales manager, > 6% GM) passes every check', () => {
    expect(check(quoteFlow(), quote)).toEqual([]);
  });

  it('a flow with every other node type (parallel, fill, join, action, sub-flow, CC) passes', () => {
    expect(check(parallelQuoteFlow(), quote)).toEqual([]);
  });

  it('pass without the form and without the schema validator too (the designer before it loads them)', () => {
    for (const definition of [expenseFlow(), quoteFlow(), parallelQuoteFlow()]) {
      expect(checkWorkflowDefinition(definition)).toEqual([]);
      expect(shapeValidator()(definition)).toBe(true);
    }
  });

  it('uses the role ids it is given, for database tests with real roles', () => {
    const flow = expenseFlow({ gm: 'rol_a1', finance: 'rol_b2', budget: 1000 });
    expect(nodeOf(flow, 'gm')).toMatchObject({ approvers: [{ kind: 'roles', roleIds: ['rol_a1'] }] });
    expect(flow.edges.find((e) => e.from === 'budget' && !e.default)?.condition).toBe('f_total > 1000');
  });

  it('pairs each join with its parallel split, for the executor', () => {
    expect(joinSplits(parallelQuoteFlow())).toEqual(new Map([['reviewed', 'split']]));
    expect(joinSplits(quoteFlow())).toEqual(new Map());
  });

  it('a flow checked against another form says so', () => {
    expect(check(quoteFlow(), expenseClaim)).toContainEqual({
      path: '/formId',
      message:
        'This flow is for the form frm_quote but was checked against frm_expense: attach it to frm_expense.',
    });
  });
});
