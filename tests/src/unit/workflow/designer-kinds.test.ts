import {
  checkWorkflowDefinition,
  DELAY_MAX_MINUTES,
  type DelayNode,
  type FormDefinition,
  NODE_TYPES,
} from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';
import { durationText, joinParts, splitMinutes } from '../../../../designer/src/flow/duration';
import { insertOnEdge, starterFlow } from '../../../../designer/src/flow/graph-edit';
import { NODE_KINDS, newNode, PALETTE, type SummaryContext } from '../../../../designer/src/flow/kinds';
import { designerEn, designerZhCN } from '../../../../designer/src/i18n';

/**
 * The flow designer's node kinds (designer/src/flow/kinds): one module per node type of the workflow
 * language, registered in one map; what a new node starts as, and the delay kind's summary line in both
 * languages, worded by the designer's own locale files.
 */
const label = (type: string) => ({ zh: type, en: type });
const form = {
  id: 'frm_visit',
  fields: [{ id: 'f_visit_at', type: 'datetime', label: { zh: '预约时间', en: 'Appointment' } }],
} as unknown as FormDefinition;

type Translate = SummaryContext['t'];

/** The designer's locale files read as i18next would: a dotted key, `{{name}}` placeholders. */
function translator(tree: object): Translate {
  const t = (key: string, params: Record<string, unknown> = {}) => {
    const text = key.split('.').reduce<unknown>((at, part) => (at as Record<string, unknown>)?.[part], tree);
    if (typeof text !== 'string') throw new Error(`no text for ${key}`);
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name]));
  };
  return t as unknown as Translate;
}
const zh = translator(designerZhCN);
const en = translator(designerEn);

function summary(wait: DelayNode['wait'], language: 'zh-CN' | 'en'): string {
  const context: SummaryContext = {
    t: language === 'en' ? en : zh,
    language,
    ruleText: () => '',
    labelText: (text, fallback) => (text ? (language === 'en' ? text.en : text.zh) : fallback),
    form,
  };
  return NODE_KINDS.delay.summary({ id: 'delay_1', type: 'delay', wait }, context);
}

describe('the designer node kinds', () => {
  it('cover every node type; the palette offers all but start and join, end last', () => {
    expect(Object.keys(NODE_KINDS).sort()).toEqual([...NODE_TYPES].sort());
    expect(PALETTE).not.toContain('start');
    expect(PALETTE).not.toContain('join');
    expect(PALETTE).toContain('delay');
    expect(PALETTE.at(-1)).toBe('end');
  });

  it('put down nodes that fit the meta-schema, each with its own copy of the defaults', () => {
    const a = newNode('approval', 'approval_1', label('approval'));
    const b = newNode('approval', 'approval_2', label('approval'));
    expect(a).toEqual({
      id: 'approval_1',
      type: 'approval',
      label: label('approval'),
      approvers: [],
      mode: 'any',
    });
    expect((a as { approvers: unknown[] }).approvers).not.toBe((b as { approvers: unknown[] }).approvers);
    expect(newNode('delay', 'delay_1', label('delay'))).toEqual({
      id: 'delay_1',
      type: 'delay',
      label: label('delay'),
      wait: { minutes: 1440 },
    });
    const { flow } = insertOnEdge(starterFlow('frm_visit', label), 'e_2', 'delay', label);
    const staffed = {
      ...flow,
      nodes: flow.nodes.map((n) =>
        n.type === 'approval' ? { ...n, approvers: [{ kind: 'submitter' as const }] } : n,
      ),
    };
    expect(checkWorkflowDefinition(staffed).map((i) => i.message)).toEqual([]);
  });

  it('word a delay: a set time, or a date field moved earlier or later', () => {
    expect(summary({ minutes: 3 * 1440 }, 'en')).toBe('Waits 3 days');
    expect(summary({ minutes: 3 * 1440 }, 'zh-CN')).toBe('等待 3天');
    expect(summary({ minutes: 90 }, 'en')).toBe('Waits 1 hour 30 minutes');
    expect(summary({ field: 'f_visit_at' }, 'en')).toBe('Until Appointment');
    expect(summary({ field: 'f_visit_at', offsetMinutes: -1440 }, 'en')).toBe(
      'Until 1 day before Appointment',
    );
    expect(summary({ field: 'f_visit_at', offsetMinutes: -1440 }, 'zh-CN')).toBe('直到 预约时间 前 1天');
    expect(summary({ field: 'f_visit_at', offsetMinutes: 120 }, 'zh-CN')).toBe('直到 预约时间 后 2小时');
  });

  it('split minutes into days, hours and minutes and back', () => {
    expect(splitMinutes(DELAY_MAX_MINUTES)).toEqual({ days: 366, hours: 0, minutes: 0 });
    expect(splitMinutes(1530)).toEqual({ days: 1, hours: 1, minutes: 30 });
    expect(joinParts({ days: 1, hours: 1, minutes: 30 })).toBe(1530);
    expect(durationText(0, 'en')).toBe('0 minutes');
  });
});
