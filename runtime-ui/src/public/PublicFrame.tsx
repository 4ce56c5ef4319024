import { ConfigProvider, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Label } from '../api/types';
import { changeLanguage, LANGUAGES } from '../i18n';
import { useLabel } from '../i18n/label';
import './public.css';

/**
 * A customer's phone, not a staff desk: controls 44 px high (touch targets) with 16 px text (smaller
 * text makes iOS zoom into a field on focus). Nested, so antd's locale from the app's providers stays.
 * Day cells are 44 px wide, not the 50 px antd derives from that height: seven of them then fit a
 * 360 px screen, where 50 px pushed the calendar's Monday to Wednesday off its left edge.
 */
const PUBLIC_THEME = {
  token: { controlHeight: 44, controlHeightLG: 48, fontSize: 16 },
  components: { DatePicker: { cellWidth: 44, cellHeight: 36 } },
};

/** 中文 ⇄ English in one tap; the choice is remembered on this device like the app's own switch. */
function LanguageToggle() {
  const { t, i18n } = useTranslation();
  // The other language, named in itself (简体中文 / English), as the app's own switch lists them.
  const other = LANGUAGES.find((l) => l.value !== i18n.language) ?? LANGUAGES[0]!;
  return (
    <button
      type="button"
      className="public-language"
      lang={other.value}
      aria-label={t('publicPage.switchLanguage')}
      onClick={() => void changeLanguage(other.value)}
    >
      {other.label}
    </button>
  );
}

/**
 * The frame of a public page: no app chrome (no menu, no user), the form's title and description as
 * the heading, the language toggle, and the page's content in one column sized for a phone.
 */
export function PublicFrame({
  title,
  description,
  children,
}: {
  title?: Label;
  description?: Label;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <ConfigProvider theme={PUBLIC_THEME}>
      <div className="public-page">
        <header className="public-top">
          <LanguageToggle />
        </header>
        <main className="public-main">
          {title && (
            <div className="public-heading">
              <Typography.Title level={1} className="public-title">
                {label(title)}
              </Typography.Title>
              {description && (
                <Typography.Paragraph type="secondary" className="public-description">
                  {label(description)}
                </Typography.Paragraph>
              )}
            </div>
          )}
          {children}
        </main>
        <footer className="public-footer">{t('publicPage.poweredBy')}</footer>
      </div>
    </ConfigProvider>
  );
}
