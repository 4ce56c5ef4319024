import type { Conversion, FieldDef, JsonSchema } from '../contract';
import { defineFieldType, fail, isBlank, label, ok, textLength, toHalfWidth } from '../conversion';
import { numberToPlainText, roundNumber } from '../decimal';
import { definition, enumSchema } from '../schema-parts';

/** A map point. Chinese maps (AMap, Tencent) use GCJ-02; Baidu uses BD-09; GPS gives WGS-84. */
export interface LocationValue {
  lng: number;
  lat: number;
  address?: string;
}

const COORD_SYSTEMS = ['gcj02', 'wgs84', 'bd09'];
/** Six decimals is about 0.1 m: more is noise from the phone's GPS. */
const COORD_DECIMALS = 6;
const ADDRESS_MAX = 200;
const MESSAGE = 'Pick a point on the map, or enter longitude and latitude such as 120.155070,30.274084.';

function coordinate(value: unknown): number | null {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? roundNumber(number, COORD_DECIMALS) : null;
}

function build(lng: number | null, lat: number | null, address: unknown): Conversion<LocationValue> {
  if (lng === null || lat === null) return fail(MESSAGE);
  if (lng < -180 || lng > 180) return fail('Longitude must be between -180 and 180.');
  if (lat < -90 || lat > 90) return fail('Latitude must be between -90 and 90.');
  const value: LocationValue = { lng, lat };
  if (typeof address === 'string') {
    const text = address.replace(/[\r\n\t]+/g, ' ').trim();
    if (textLength(text) > ADDRESS_MAX)
      return fail(`Keep the place description under ${ADDRESS_MAX} characters.`);
    if (text !== '') value.address = text;
  }
  return ok(value);
}

export function normalizeLocation(_field: FieldDef, input: unknown): Conversion<LocationValue> {
  if (isBlank(input)) return ok(null);
  if (typeof input === 'string') return parseLocation(input);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail(MESSAGE);
  const raw = input as Record<string, unknown>;
  return build(coordinate(raw.lng), coordinate(raw.lat), raw.address);
}

/** "lng,lat" optionally followed by the place description. */
export function parseLocation(text: string): Conversion<LocationValue> {
  if (isBlank(text)) return ok(null);
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)(?:\s+([\s\S]*))?$/.exec(
    toHalfWidth(text).replace(/，/g, ','),
  );
  if (!match) return fail(MESSAGE);
  return build(coordinate(match[1]), coordinate(match[2]), match[3]);
}

export const locationType = defineFieldType<LocationValue>({
  type: 'location',
  group: 'advanced',
  label: label('定位', 'Location'),
  storesValue: true,
  computed: false,
  compareAs: 'json',
  groupBy: [],
  aggregates: ['count'],
  publicFill: true,
  definitionSchema: definition({
    coordSystem: enumSchema(COORD_SYSTEMS),
    /** Metres around the store within which a check-in counts; the widget warns outside it. */
    radius: { type: 'number', minimum: 1, maximum: 100_000 },
  }),
  valueSchema: (): JsonSchema => ({
    type: 'object',
    properties: {
      lng: { type: 'number', minimum: -180, maximum: 180 },
      lat: { type: 'number', minimum: -90, maximum: 90 },
      address: { type: 'string', minLength: 1, maxLength: ADDRESS_MAX },
    },
    required: ['lng', 'lat'],
    additionalProperties: false,
  }),
  normalize: normalizeLocation,
  toText: (_field, value) =>
    value
      ? `${numberToPlainText(value.lng)},${numberToPlainText(value.lat)}${value.address ? ` ${value.address}` : ''}`
      : '',
  fromText: (_field, text) => parseLocation(text),
  displayText: (_field, value) =>
    typeof value === 'object' && value ? (value.address ?? `${value.lng},${value.lat}`) : String(value),
  widget: (field) => ({
    widget: 'location',
    options: { coordSystem: field.coordSystem ?? 'gcj02', radius: field.radius },
  }),
});
