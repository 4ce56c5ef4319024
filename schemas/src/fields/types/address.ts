import type { Conversion, FieldDef, JsonSchema } from '../contract';
import { booleanProp, defineFieldType, fail, isBlank, label, ok, textLength } from '../conversion';
import {
  childRegions,
  findRegion,
  hasRegionTable,
  matchRegionPrefix,
  type Region,
  type RegionLevel,
  regionByCode,
} from '../regions';
import { booleanSchema, definition, enumSchema } from '../schema-parts';

/** Region codes (GB/T 2260) plus the street part; names are looked up, so renames need no migration. */
export interface AddressValue {
  province: string;
  city?: string;
  district?: string;
  detail?: string;
}

const LEVELS: RegionLevel[] = ['province', 'city', 'district'];
const DETAIL_MAX = 200;
const CODE_PATTERN = '^[0-9]{6}$';

export function addressLevel(field: FieldDef): RegionLevel {
  return LEVELS.includes(field.level as RegionLevel) ? (field.level as RegionLevel) : 'district';
}

const depth = (level: RegionLevel) => LEVELS.indexOf(level);

/** A single-city province (北京, 上海…) has its city implied when only the district is given. */
function onlyCity(province: Region): Region | undefined {
  const cities = childRegions(province.code);
  return cities.length === 1 ? cities[0] : undefined;
}

function regionInput(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function build(field: FieldDef, regions: Region[], detail: string): Conversion<AddressValue> {
  const level = addressLevel(field);
  if (regions.length < depth(level) + 1)
    return fail(
      level === 'district' ? 'Choose the province, city and district.' : 'Choose the province and city.',
    );
  const value: AddressValue = { province: regions[0]?.code ?? '' };
  if (depth(level) >= 1) value.city = regions[1]?.code;
  if (depth(level) >= 2) value.district = regions[2]?.code;
  const cleaned = detail.replace(/[\r\n\t]+/g, ' ').trim();
  if (cleaned !== '') {
    if (!booleanProp(field, 'withDetail', true))
      return fail('Only the region is asked here, not a street address.');
    if (textLength(cleaned) > DETAIL_MAX)
      return fail(`Keep the street address under ${DETAIL_MAX} characters.`);
    value.detail = cleaned;
  }
  return ok(value);
}

/** From `{ province, city, district, detail }` given as codes or names; checks they exist and nest. */
export function normalizeAddress(field: FieldDef, input: unknown): Conversion<AddressValue> {
  if (isBlank(input)) return ok(null);
  if (typeof input === 'string') return parseAddress(field, input);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail('Choose a region.');
  const raw = input as Record<string, unknown>;
  const names = [regionInput(raw.province), regionInput(raw.city), regionInput(raw.district)];
  const detail = typeof raw.detail === 'string' ? raw.detail : '';
  if (names.every((name) => name === undefined) && detail.trim() === '') return ok(null);
  const regions: Region[] = [];
  const province = names[0] === undefined ? undefined : findRegion(names[0], 'province');
  if (!province) return fail(names[0] ? `"${names[0]}" is not a province.` : 'Choose the province.');
  regions.push(province);
  const wanted = depth(addressLevel(field));
  let city: Region | undefined;
  if (wanted >= 1) {
    city =
      names[1] === undefined
        ? names[2] === undefined
          ? undefined
          : onlyCity(province)
        : findRegion(names[1], 'city', province.code);
    if (names[1] !== undefined && !city) return fail(`"${names[1]}" is not a city in ${province.name}.`);
    if (city) regions.push(city);
  }
  if (wanted >= 2 && city && names[2] !== undefined) {
    const district = findRegion(names[2], 'district', city.code);
    if (!district) return fail(`"${names[2]}" is not a district of ${city.name}.`);
    regions.push(district);
  }
  return build(field, regions, detail);
}

/** "浙江省 杭州市 西湖区 文三路 90 号" or "浙江杭州西湖区文三路90号": regions by name, the rest is the street. */
export function parseAddress(field: FieldDef, text: string): Conversion<AddressValue> {
  if (isBlank(text)) return ok(null);
  const skip = (s: string) => s.replace(/^[\s,，/]+/, '');
  const wanted = depth(addressLevel(field));
  const regions: Region[] = [];
  let rest = skip(text);
  const province = matchRegionPrefix(rest, 'province');
  if (!province) return fail('Start the address with the province, e.g. 浙江省 杭州市 西湖区.');
  regions.push(province.region);
  rest = skip(province.rest);
  if (wanted >= 1) {
    const city = matchRegionPrefix(rest, 'city', province.region.code);
    const implied = city ? undefined : onlyCity(province.region);
    if (!city && !implied) return fail(`The address should name a city of ${province.region.name} next.`);
    regions.push(city?.region ?? (implied as Region));
    if (city) rest = skip(city.rest);
  }
  if (wanted >= 2) {
    const parent = regions[1] as Region;
    const district = matchRegionPrefix(rest, 'district', parent.code);
    if (!district) return fail(`The address should name a district of ${parent.name} next.`);
    regions.push(district.region);
    rest = skip(district.rest);
  }
  return build(field, regions, rest);
}

/** Region names separated by spaces, then the street. */
export function addressText(value: AddressValue): string {
  const codes = [value.province, value.city, value.district].filter((code): code is string => !!code);
  const names = codes.map((code) => regionByCode(code)?.name ?? code);
  return [...names, value.detail ?? ''].filter((part) => part !== '').join(' ');
}

/** The address as people read it: region names once the table is loaded (else their codes), then the street. */
function addressReading(value: AddressValue): string {
  const region = (code: string | undefined) =>
    code && hasRegionTable() ? (regionByCode(code)?.name ?? code) : code;
  return [region(value.province), region(value.city), region(value.district), value.detail]
    .filter(Boolean)
    .join(' ');
}

export const addressType = defineFieldType<AddressValue>({
  type: 'address',
  group: 'advanced',
  label: label('地址', 'Address'),
  storesValue: true,
  computed: false,
  compareAs: 'json',
  // Grouping by province or city would need the region table at query time.
  groupBy: [],
  aggregates: ['count'],
  publicFill: true,
  definitionSchema: definition({ level: enumSchema(LEVELS), withDetail: booleanSchema }),
  valueSchema(field): JsonSchema {
    const level = depth(addressLevel(field));
    const code = { type: 'string', pattern: CODE_PATTERN };
    const properties: Record<string, JsonSchema> = { province: code };
    if (level >= 1) properties.city = code;
    if (level >= 2) properties.district = code;
    if (booleanProp(field, 'withDetail', true))
      properties.detail = { type: 'string', minLength: 1, maxLength: DETAIL_MAX };
    return { type: 'object', properties, required: LEVELS.slice(0, level + 1), additionalProperties: false };
  },
  normalize: (field, input) => normalizeAddress(field, input),
  toText: (_field, value) => (value ? addressText(value) : ''),
  fromText: (field, text) => parseAddress(field, text),
  displayText: (_field, value) =>
    typeof value === 'object' && value ? addressReading(value) : String(value),
  widget: (field) => ({
    widget: 'address',
    options: { level: addressLevel(field), withDetail: booleanProp(field, 'withDetail', true) },
  }),
});
