import { loopStop, matchesTrigger } from '@forecourt/engine';
import {
  type AutomationShapeValidator,
  automationDefinitionSchema,
  checkAutomationDefinition,
  type FormDefinition,
} from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';
import { field, form } from '../../support/dealership/fields';
import { newAjv } from '../fields/support';

const booking = form('frm_booking', 'app_service', '预约', 'Booking', [
  field('f_name', 'text', '姓名', 'Name'),
  field('f_total', 'formula', '合计', 'Total', { expression: '1' }),
]);
const order = form('frm_order', 'app_service', '工单', 'Work order', [
  field('f_booking', 'relation', '预约', 'Booking', { target: 'frm_booking' }),
]);
const forms = {
  trigger: booking,
  get: (id: string) => ({ frm_booking: booking, frm_order: order })[id] as FormDefinition,
};
const shape = newAjv({ discriminator: true }).compile(
  automationDefinitionSchema(),
) as AutomationShapeValidator;
const check = (definition: unknown) => checkAutomationDefinition(definition, forms, shape);

const valid = {
  formId: 'frm_booking',
  title: { zh: '预约建工单', en: 'Booking opens a work order' },
  trigger: { kind: 'record.created', channels: ['public'], condition: "f_name != ''" },
  actions: [
    { kind: 'createRecord', formId: 'frm_order', values: { f_booking: '$record.id' } },
    { kind: 'updateRecord', values: { f_name: "$previous.f_name & '!'" } },
    { kind: 'notify', roles: ['rol_advisors'], message: { zh: '新预约', en: 'New booking' } },
  ],
};

describe('automation definitions', () => {
  it('accept a well-formed definition', () => {
    expect(check(valid)).toEqual([]);
  });

  it('name each problem by its path and code', () => {
    const issues = check({
      ...valid,
      trigger: { kind: 'record.created', fields: ['f_nope'], condition: 'f_name =' },
      actions: [
        { kind: 'createRecord', formId: 'frm_missing', values: { f_x: '1' } },
        { kind: 'updateRecord', values: { f_total: '2', f_gone: '3' } },
        { kind: 'notify', message: { zh: '空', en: 'Nobody' } },
      ],
    });
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['/trigger/fields', 'automation.fields_not_update'],
      ['/trigger/fields/0', 'automation.field_unknown'],
      ['/trigger/condition', 'automation.expression'],
      ['/actions/0/formId', 'automation.form_unknown'],
      ['/actions/1/values/f_total', 'automation.field_not_input'],
      ['/actions/1/values/f_gone', 'automation.field_unknown'],
      ['/actions/2', 'automation.notify_nobody'],
    ]);
  });

  it('refuse an unknown action kind or property by the schema', () => {
    const issues = check({ ...valid, actions: [{ kind: 'sendFax', to: '1' }], extra: 1 });
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['/extra', '/actions/0/kind']));
    expect(issues.every((i) => i.code === 'automation.shape')).toBe(true);
  });
});

describe('triggers', () => {
  it('match the event kind, a changed chosen field and a channel', () => {
    const trigger = { kind: 'record.updated' as const, fields: ['f_status'], channels: ['api' as const] };
    expect(matchesTrigger(trigger, 'record.updated', { formId: 'f', fields: ['f_status'], via: 'api' })).toBe(
      true,
    );
    expect(matchesTrigger(trigger, 'record.updated', { formId: 'f', fields: ['f_name'], via: 'api' })).toBe(
      false,
    );
    expect(
      matchesTrigger(trigger, 'record.updated', { formId: 'f', fields: ['f_status'], via: 'public' }),
    ).toBe(false);
    expect(matchesTrigger(trigger, 'record.created', { formId: 'f', fields: ['f_status'], via: 'api' })).toBe(
      false,
    );
  });
});

describe('loop protection', () => {
  const link = (automationId: string, recordId: string) => ({ automationId, recordId });
  it('lets a chain of different automations grow to the limit, then stops it', () => {
    const four = [link('a', 'r1'), link('b', 'r2'), link('c', 'r3'), link('d', 'r4')];
    expect(loopStop(four, link('e', 'r5'))).toBeUndefined();
    expect(loopStop([...four, link('e', 'r5')], link('f', 'r6'))).toMatchObject({
      code: 'automation.loop',
      params: { depth: 6, limit: 5, revisits: false },
    });
  });

  it('stops an automation coming back in its own chain, on the same record or another', () => {
    expect(loopStop([link('a', 'r1')], link('a', 'r1'))?.params.revisits).toBe(true);
    expect(loopStop([link('a', 'r1'), link('b', 'r2')], link('a', 'r3'))?.params.revisits).toBe(true);
    expect(loopStop([link('a', 'r1')], link('b', 'r1'))).toBeUndefined();
  });
});
