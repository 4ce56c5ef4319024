import type { Label } from '@forecourt/schemas';
import { useTranslation } from 'react-i18next';

/** A label in the language the admin reads. */
export function useLabelText(): (label: Label | undefined, fallback: string) => string {
  const { i18n } = useTranslation();
  return (label, fallback) => (label ? (i18n.language === 'en' ? label.en : label.zh) || fallback : fallback);
}
