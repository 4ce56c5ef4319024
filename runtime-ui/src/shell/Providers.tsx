import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SessionProvider } from '../session/session';

/**
 * Chinese data shows in a Simplified Chinese face whatever the UI language: left to the browser, an
 * English page may draw 陈 and 顾 from a Japanese font.
 */
const FONT_FAMILY = [
  '-apple-system',
  'BlinkMacSystemFont',
  "'Segoe UI'",
  'Roboto',
  "'Helvetica Neue'",
  'Arial',
  "'PingFang SC'",
  "'Hiragino Sans GB'",
  "'Microsoft YaHei'",
  "'Noto Sans CJK SC'",
  "'Noto Sans SC'",
  "'Source Han Sans SC'",
  'sans-serif',
  "'Apple Color Emoji'",
  "'Segoe UI Emoji'",
].join(', ');

const THEME = { token: { colorPrimary: '#1677ff', borderRadius: 6, fontFamily: FONT_FAMILY } };

/**
 * antd speaks the UI language (its own strings: pickers, empty states); then the session. No antd `App`
 * wrapper here: it would pull message, modal and notification into the shell; pages use their hooks.
 */
export function Providers({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={THEME}>
      <SessionProvider>{children}</SessionProvider>
    </ConfigProvider>
  );
}
