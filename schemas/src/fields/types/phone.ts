import { normalizePhone, type PhoneKind, phoneKind, phonePattern } from '../checks/phone';
import type { FieldDef, JsonSchema } from '../contract';
import { defineFieldType, fail, isBlank, label, ok } from '../conversion';

const ALL_KINDS: PhoneKind[] = ['mobile', 'landline'];

export function phoneKinds(field: FieldDef): PhoneKind[] {
  const kinds = Array.isArray(field.kinds)
    ? ALL_KINDS.filter((kind) => (field.kinds as unknown[]).includes(kind))
    : [];
  return kinds.length > 0 ? kinds : ALL_KINDS;
}

export const phoneType = defineFieldType<string>({
  type: 'phone',
  group: 'basic',
  label: label('电话', 'Phone'),
  storesValue: true,
  computed: false,
  compareAs: 'text',
  groupBy: ['value'],
  aggregates: ['count', 'countDistinct'],
  publicFill: true,
  canTitle: true,
  searchable: true,
  bulkSet: 'text',
  definitionSchema: {
    properties: {
      kinds: {
        type: 'array',
        items: { type: 'string', enum: ALL_KINDS },
        minItems: 1,
        uniqueItems: true,
      },
    },
  },
  valueSchema: (field): JsonSchema => ({ type: 'string', pattern: phonePattern(phoneKinds(field)) }),
  normalize(field, input) {
    if (isBlank(input)) return ok(null);
    if (typeof input !== 'string' && typeof input !== 'number') return fail('Enter a phone number.');
    return normalizePhone(String(input), phoneKinds(field));
  },
  // Clerks read and dial mobiles without the country code.
  toText: (_field, value) => (!value ? '' : phoneKind(value) === 'mobile' ? value.slice(3) : value),
  fromText(field, text) {
    return isBlank(text) ? ok(null) : normalizePhone(text, phoneKinds(field));
  },
  widget: (field) => ({ widget: 'phone', options: { kinds: phoneKinds(field) } }),
});
