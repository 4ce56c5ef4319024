import type { Conversion, JsonSchema } from '../contract';
import { defineFieldType, FILE_ID_PATTERN, fail, isBlank, label, ok } from '../conversion';
import { definition } from '../schema-parts';

/** A handwritten signature (customer accepting the estimate), stored as a PNG in the file store. */
export interface SignatureValue {
  fileId: string;
}

const FILE_ID = new RegExp(FILE_ID_PATTERN);
const MESSAGE = 'Sign again; the signature was not saved.';

export function normalizeSignature(input: unknown): Conversion<SignatureValue> {
  if (isBlank(input)) return ok(null);
  const fileId =
    typeof input === 'string'
      ? input.trim()
      : typeof input === 'object' && input !== null
        ? (input as { fileId?: unknown }).fileId
        : undefined;
  return typeof fileId === 'string' && FILE_ID.test(fileId) ? ok({ fileId }) : fail(MESSAGE);
}

export const signatureType = defineFieldType<SignatureValue>({
  type: 'signature',
  group: 'media',
  label: label('手写签名', 'Signature'),
  storesValue: true,
  computed: false,
  compareAs: 'json',
  groupBy: [],
  aggregates: ['count'],
  publicFill: false,
  extraWrites: 'files',
  definitionSchema: definition({}),
  valueSchema: (): JsonSchema => ({
    type: 'object',
    properties: { fileId: { type: 'string', pattern: FILE_ID_PATTERN } },
    required: ['fileId'],
    additionalProperties: false,
  }),
  normalize: (_field, input) => normalizeSignature(input),
  toText: (_field, value) => value?.fileId ?? '',
  fromText: (_field, text) => normalizeSignature(text),
  displayText: (_field, _value, { word }) => word('signed'),
  widget: () => ({ widget: 'signature' }),
});
