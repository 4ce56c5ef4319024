import { useTranslation } from 'react-i18next';
import type { FieldDef } from '../api/types';
import { valueText } from './display';

const AT: FieldDef = { id: '_at', type: 'datetime', label: { zh: '', en: '' } };

/** A server timestamp as the record pages show it: date and minute, Asia/Shanghai, in the UI language. */
export function useWhen(): (iso: string) => string {
  const { t, i18n } = useTranslation();
  return (iso) => valueText(AT, iso, i18n.language, t);
}
