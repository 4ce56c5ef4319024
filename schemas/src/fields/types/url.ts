import type { Conversion, JsonSchema } from '../contract';
import { defineFieldType, fail, isBlank, label, ok } from '../conversion';
import { definition } from '../schema-parts';

export const URL_PATTERN = '^https?://[^\\s]+$';
const MESSAGE = 'Enter a web address starting with http:// or https://.';
const MAX_LENGTH = 2000;

/** Only web links: javascript:, data: and file: links are unsafe to render as links. */
export function normalizeUrl(input: unknown): Conversion<string> {
  if (isBlank(input)) return ok(null);
  if (typeof input !== 'string') return fail(MESSAGE);
  let text = input.trim();
  // "www.autohome.com.cn" is how people paste addresses; an explicit scheme other than http(s) is refused.
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text) && /^[^\s/]+\.[^\s/]+/.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(MESSAGE);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return fail(MESSAGE);
  if (url.href.length > MAX_LENGTH) return fail('This web address is too long.');
  return ok(url.href);
}

export const urlType = defineFieldType<string>({
  type: 'url',
  group: 'basic',
  label: label('链接', 'Link'),
  storesValue: true,
  computed: false,
  compareAs: 'text',
  groupBy: [],
  aggregates: ['count', 'countDistinct'],
  publicFill: true,
  bulkSet: 'text',
  definitionSchema: definition({}),
  valueSchema: (): JsonSchema => ({ type: 'string', maxLength: MAX_LENGTH, pattern: URL_PATTERN }),
  normalize: (_field, input) => normalizeUrl(input),
  toText: (_field, value) => value ?? '',
  fromText: (_field, text) => normalizeUrl(text),
  widget: () => ({ widget: 'url' }),
});
