import type { Conversion, JsonSchema } from '../contract';
import { defineFieldType, fail, isBlank, label, ok, toHalfWidth } from '../conversion';
import { definition } from '../schema-parts';

/** Unambiguous (dots separate labels), so matching stays linear. */
export const EMAIL_PATTERN = '^[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+$';
const EMAIL = new RegExp(EMAIL_PATTERN);

/** Trims and lower-cases the domain (mailboxes are case-sensitive in theory, domains never). */
export function normalizeEmail(input: unknown): Conversion<string> {
  if (isBlank(input)) return ok(null);
  if (typeof input !== 'string') return fail('Enter an email address such as name@example.com.');
  const text = toHalfWidth(input).trim();
  const at = text.lastIndexOf('@');
  const email = at < 0 ? text : `${text.slice(0, at)}@${text.slice(at + 1).toLowerCase()}`;
  if (email.length > 254 || !EMAIL.test(email))
    return fail('Enter an email address such as name@example.com.');
  return ok(email);
}

export const emailType = defineFieldType<string>({
  type: 'email',
  group: 'basic',
  label: label('邮箱', 'Email'),
  storesValue: true,
  computed: false,
  compareAs: 'text',
  groupBy: ['value'],
  aggregates: ['count', 'countDistinct'],
  publicFill: true,
  canTitle: true,
  searchable: true,
  bulkSet: 'text',
  definitionSchema: definition({}),
  valueSchema: (): JsonSchema => ({ type: 'string', maxLength: 254, pattern: EMAIL_PATTERN }),
  normalize: (_field, input) => normalizeEmail(input),
  toText: (_field, value) => value ?? '',
  fromText: (_field, text) => normalizeEmail(text),
  widget: () => ({ widget: 'email' }),
});
