import type { Conversion } from '../contract';
import { toHalfWidth } from '../conversion';

export type PhoneKind = 'mobile' | 'landline';

/** Stored forms: "+8613812345678", "0571-87654321", "0571-87654321-8001", "400-820-8820". */
export const MOBILE_PATTERN = '\\+861[3-9][0-9]{9}';
export const LANDLINE_PATTERN = '0[1-9][0-9]{1,2}-[2-9][0-9]{6,7}(-[0-9]{1,6})?|[48]00-[0-9]{3}-[0-9]{4}';

export function phonePattern(kinds: readonly PhoneKind[]): string {
  const alternatives = kinds.map((kind) => (kind === 'mobile' ? MOBILE_PATTERN : LANDLINE_PATTERN));
  return `^(${alternatives.join('|')})$`;
}

const MESSAGES: Record<string, string> = {
  mobile: 'Enter an 11-digit mobile number starting with 1, e.g. 138 1234 5678.',
  landline: 'Enter a landline number with its area code, e.g. 0571-87654321.',
  both: 'Enter an 11-digit mobile number, or a landline with its area code, e.g. 0571-87654321.',
};

// Beijing (010) and the 02x cities have 3-digit area codes; all others have 4 digits.
function areaCodeLength(digits: string): number {
  return digits[1] === '1' || digits[1] === '2' ? 3 : 4;
}

function landline(digits: string, extension: string): string | null {
  if (/^[48]00\d{7}$/.test(digits) && !extension)
    return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
  if (!/^0[1-9]\d+$/.test(digits)) return null;
  const area = digits.slice(0, areaCodeLength(digits));
  const local = digits.slice(area.length);
  if (!/^[2-9]\d{6,7}$/.test(local)) return null;
  return `${area}-${local}${extension ? `-${extension}` : ''}`;
}

/** Accepts spaces, dashes, brackets, +86/0086 prefixes and extensions written 转, ext, x, # or a last dash group. */
export function normalizePhone(
  text: string,
  kinds: readonly PhoneKind[] = ['mobile', 'landline'],
): Conversion<string> {
  const message = MESSAGES[kinds.length === 1 ? (kinds[0] ?? 'both') : 'both'] ?? '';
  let rest = toHalfWidth(text).trim();
  let extension = '';
  const named = /\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i.exec(rest);
  if (named) {
    extension = named[1] ?? '';
    rest = rest.slice(0, named.index);
  }
  if (!/^[+\d\s()-]+$/.test(rest)) return { ok: false, message };
  const international = /^(?:\+|00)\s*86/.test(rest);
  if (international) rest = rest.replace(/^(?:\+|00)\s*86/, '');
  let digits = rest.replace(/\D/g, '');
  if (!international && /^861[3-9]\d{9}$/.test(digits)) digits = digits.slice(2);

  if (kinds.includes('mobile') && /^1[3-9]\d{9}$/.test(digits) && !extension)
    return { ok: true, value: `+86${digits}` };
  if (kinds.includes('landline')) {
    // From abroad the trunk 0 is dropped: +86 571 87654321.
    const national = international && !digits.startsWith('0') ? `0${digits}` : digits;
    const direct = landline(national, extension);
    if (direct) return { ok: true, value: direct };
    const groups = rest.trim().split(/[\s-]+/);
    const last = groups.at(-1) ?? '';
    if (!extension && groups.length > 1 && /^\d{1,6}$/.test(last)) {
      const withoutLast = national.slice(0, national.length - last.length);
      const split = landline(withoutLast, last);
      if (split) return { ok: true, value: split };
    }
  }
  return { ok: false, message };
}

export function phoneKind(stored: string): PhoneKind {
  return stored.startsWith('+86') ? 'mobile' : 'landline';
}
