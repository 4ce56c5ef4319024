/** Picks the side of a bilingual label for the UI language (the designer's copy of runtime-ui's label.ts). */
import type { Label } from '@forecourt/schemas';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

export function useLabel(): (label: Label | null | undefined) => string {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  return useCallback(
    (label: Label | null | undefined) =>
      !label ? '' : english ? label.en || label.zh : label.zh || label.en,
    [english],
  );
}
