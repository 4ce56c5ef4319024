import { useTranslation } from 'react-i18next';

/** A split's panel: its branches are edited on their cards, not here. */
export function SplitHelp() {
  const { t } = useTranslation();
  return <p className="flow-muted">{t('flowDesigner.panel.splitHelp')}</p>;
}
