/**
 * The names of the registered field types. `FieldDef.type` is one of them, so a misspelt or unregistered
 * type in code is a compile error. They are listed here, apart from the registry, because the contract
 * needs the union and the registry needs the contract; `registry.ts` is checked to register exactly these.
 */
export const FIELD_TYPE_NAMES = [
  'text',
  'textarea',
  'number',
  'money',
  'percent',
  'date',
  'datetime',
  'boolean',
  'phone',
  'email',
  'url',
  'select',
  'multiselect',
  'rating',
  'nps',
  'member',
  'department',
  'attachment',
  'image',
  'signature',
  'relation',
  'lookup',
  'rollup',
  'subform',
  'formula',
  'serial',
  'vin',
  'mileage',
  'plate',
  'resident_id',
  'address',
  'location',
  'created_by',
  'created_at',
  'updated_by',
  'updated_at',
  'flow_state',
  'divider',
  'description',
] as const;

/** The name of a registered field type. */
export type FieldTypeName = (typeof FIELD_TYPE_NAMES)[number];
