import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Label } from '../api/types';

/** Picks the side of a bilingual metadata label for the UI language, falling back to the other side. */
export function labelText(label: Label | null | undefined, language: string): string {
  if (!label) return '';
  return language === 'en' ? label.en || label.zh : label.zh || label.en;
}

export function useLabel(): (label: Label | null | undefined) => string {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useCallback((label: Label | null | undefined) => labelText(label, language), [language]);
}
