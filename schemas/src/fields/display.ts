/** What the types' `displayText` share: picking a label's language, joining a list the reader's way. */
import type { DisplayContext, Label } from './contract';

const isEnglish = (language: string) => language === 'en' || language.startsWith('en-');

/** The side of a bilingual label for the reader, falling back to the other side. */
export function labelIn(label: Label | null | undefined, language: string): string {
  if (!label) return '';
  return isEnglish(language) ? label.en || label.zh : label.zh || label.en;
}

/** "a, b" in English, "a、b" in Chinese. */
export function listIn(items: readonly string[], language: string): string {
  return items.join(isEnglish(language) ? ', ' : '、');
}

/** Ids (one, or a list) as the names the reader knows them by, where known, else as the ids. */
export function namesText(value: unknown, context: DisplayContext): string {
  const ids = (Array.isArray(value) ? value : [value]).map(String);
  return listIn(
    ids.map((id) => context.nameOf?.(id) ?? id),
    context.language,
  );
}
