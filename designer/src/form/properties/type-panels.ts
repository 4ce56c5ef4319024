/**
 * Each field type's own settings panel, keyed by `FieldTypeName`: the compiler names a new type until it
 * has a line here (null: the type has no settings of its own beyond label, flags and layout).
 */
import type { FieldTypeName } from '@forecourt/schemas';
import type { ComponentType } from 'react';
import { AddressProps, FormulaProps, LocationProps, MileageProps, SerialProps } from './AdvancedProps';
import {
  BooleanProps,
  DateProps,
  DateTimeProps,
  LengthProps,
  MoneyProps,
  NumberProps,
  PercentProps,
  PhoneProps,
  TextProps,
} from './BasicProps';
import { MultiselectProps, NpsProps, RatingProps, SelectProps } from './ChoiceProps';
import type { FieldPanelProps } from './controls';
import { DescriptionProps, DividerProps } from './LayoutProps';
import { FilesProps, ImageProps } from './MediaProps';
import { MemberProps, PeopleProps } from './PeopleProps';
import { LookupProps, RelationProps, RollupProps } from './RelationProps';
import { SubformProps } from './SubformProps';

/** A type's panel; a table's opens one of its columns. */
export type TypePanel = ComponentType<FieldPanelProps & { onOpenColumn(columnId: string): void }>;

export const TYPE_PANELS: Record<FieldTypeName, TypePanel | null> = {
  text: TextProps,
  textarea: TextProps,
  number: NumberProps,
  money: MoneyProps,
  percent: PercentProps,
  date: DateProps,
  datetime: DateTimeProps,
  boolean: BooleanProps,
  phone: PhoneProps,
  email: LengthProps,
  url: LengthProps,
  select: SelectProps,
  multiselect: MultiselectProps,
  rating: RatingProps,
  nps: NpsProps,
  member: MemberProps,
  department: PeopleProps,
  attachment: FilesProps,
  image: ImageProps,
  signature: null,
  relation: RelationProps,
  lookup: LookupProps,
  rollup: RollupProps,
  subform: SubformProps,
  formula: FormulaProps,
  serial: SerialProps,
  vin: null,
  mileage: MileageProps,
  plate: null,
  resident_id: null,
  address: AddressProps,
  location: LocationProps,
  created_by: null,
  created_at: null,
  updated_by: null,
  updated_at: null,
  flow_state: null,
  divider: DividerProps,
  description: DescriptionProps,
};
