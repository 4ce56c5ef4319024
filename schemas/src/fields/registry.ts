import type { FieldType } from './contract';
import type { FieldTypeName } from './type-names';
import { addressType } from './types/address';
import { attachmentType } from './types/attachment';
import { booleanType } from './types/boolean';
import { dateType } from './types/date';
import { datetimeType } from './types/datetime';
import { departmentType } from './types/department';
import { descriptionType } from './types/description';
import { dividerType } from './types/divider';
import { emailType } from './types/email';
import { formulaType } from './types/formula';
import { imageType } from './types/image';
import { locationType } from './types/location';
import { lookupType } from './types/lookup';
import { memberType } from './types/member';
import { mileageType } from './types/mileage';
import { moneyType } from './types/money';
import { multiselectType } from './types/multiselect';
import { npsType } from './types/nps';
import { numberType } from './types/number';
import { percentType } from './types/percent';
import { phoneType } from './types/phone';
import { plateType } from './types/plate';
import { ratingType } from './types/rating';
import { relationType } from './types/relation';
import { residentIdType } from './types/resident-id';
import { rollupType } from './types/rollup';
import { selectType } from './types/select';
import { serialType } from './types/serial';
import { signatureType } from './types/signature';
import { makeSubformType } from './types/subform';
import { createdAtType, createdByType, flowStateType, updatedAtType, updatedByType } from './types/system';
import { textType } from './types/text';
import { textareaType } from './types/textarea';
import { urlType } from './types/url';
import { vinType } from './types/vin';

const byType = new Map<string, FieldType>();

/**
 * Every field type, keyed by its name (exactly the names of type-names.ts), in palette order (the
 * designer lists types in this order within each group). Maps keyed by `FieldTypeName` elsewhere fail
 * to compile when a type is missing.
 */
const REGISTERED = {
  text: textType,
  textarea: textareaType,
  number: numberType,
  money: moneyType,
  percent: percentType,
  date: dateType,
  datetime: datetimeType,
  boolean: booleanType,
  phone: phoneType,
  email: emailType,
  url: urlType,
  select: selectType,
  multiselect: multiselectType,
  rating: ratingType,
  nps: npsType,
  member: memberType,
  department: departmentType,
  attachment: attachmentType,
  image: imageType,
  signature: signatureType,
  relation: relationType,
  lookup: lookupType,
  rollup: rollupType,
  subform: makeSubformType((type) => byType.get(type)),
  formula: formulaType,
  serial: serialType,
  vin: vinType,
  mileage: mileageType,
  plate: plateType,
  resident_id: residentIdType,
  address: addressType,
  location: locationType,
  created_by: createdByType,
  created_at: createdAtType,
  updated_by: updatedByType,
  updated_at: updatedAtType,
  flow_state: flowStateType,
  divider: dividerType,
  description: descriptionType,
} satisfies Record<FieldTypeName, FieldType>;

const ALL = Object.entries(REGISTERED).map(([name, type]) => {
  if (type.type !== name) throw new Error(`Field type ${type.type} is registered as ${name}.`);
  return type as FieldType;
});

for (const type of ALL) {
  if (byType.has(type.type)) throw new Error(`Field type ${type.type} is registered twice.`);
  byType.set(type.type, type);
}

/** Every field type by name. */
export const fieldTypes: ReadonlyMap<string, FieldType> = byType;

/** Type names in palette order. */
export const FIELD_TYPES = ALL.map((type) => type.type) as readonly FieldTypeName[];

export class UnknownFieldTypeError extends Error {
  constructor(readonly fieldType: string) {
    super(`Unknown field type "${fieldType}". Known types: ${FIELD_TYPES.join(', ')}.`);
    this.name = 'UnknownFieldTypeError';
  }
}

/** The type named `type`; throws UnknownFieldTypeError for a name that is not registered. */
export function fieldType(type: string): FieldType {
  const found = byType.get(type);
  if (!found) throw new UnknownFieldTypeError(type);
  return found;
}

export function isFieldType(type: unknown): type is FieldTypeName {
  return typeof type === 'string' && byType.has(type);
}

/**
 * Whose ids a field holds, by its type's `compareAs`: people (`member`), departments, or neither. Approver
 * rules take people from such a field; record pages show their names.
 */
export function peopleIn(field: { type: string }): 'member' | 'department' | undefined {
  const compareAs = byType.get(field.type)?.compareAs;
  return compareAs === 'member' || compareAs === 'department' ? compareAs : undefined;
}

/** Whether a field's text may name a record (its type's `canTitle` trait); false for unknown types. */
export function canTitleRecord(field: { type: string }): boolean {
  return byType.get(field.type)?.canTitle === true;
}

/**
 * The type a field's values have: its own, or for a formula, lookup or rollup (`compareAs: 'result'`)
 * its declared result type (a count when none is declared is a number, else text).
 */
export function valueTypeOf(field: {
  type: FieldTypeName;
  resultType?: unknown;
  aggregate?: unknown;
}): FieldTypeName {
  if (byType.get(field.type)?.compareAs !== 'result') return field.type;
  const result = field.resultType ?? (field.aggregate === 'count' ? 'number' : 'text');
  // A result type this registry does not know (a newer definition) reads as text.
  return isFieldType(result) ? result : 'text';
}
