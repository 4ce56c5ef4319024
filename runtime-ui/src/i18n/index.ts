/**
 * UI chrome strings (labels of forms and fields are data, `{ zh, en }`, and never pass through here).
 * One pair of locale files per area of the app, `<area>.zh-CN.json` and `<area>.en.json`, each holding
 * its own top-level keys; they merge into one `translation` namespace, with the designers' files
 * (`formDesigner`, `flowDesigner`), which live in designer/src/i18n. tests/src/e2e/locales.test.ts
 * checks that every key the source (runtime-ui and designer) uses is in both languages. Keys are always
 * string literals as the first argument of `t`, so that test finds them all.
 */
import { designerEn, designerZhCN } from '@forecourt/designer/i18n';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import adminEn from './admin.en.json';
import adminZh from './admin.zh-CN.json';
import coreEn from './core.en.json';
import coreZh from './core.zh-CN.json';
import fillEn from './fill.en.json';
import fillZh from './fill.zh-CN.json';
import gridEn from './grid.en.json';
import gridZh from './grid.zh-CN.json';
import inboxEn from './inbox.en.json';
import inboxZh from './inbox.zh-CN.json';
import publicEn from './public.en.json';
import publicZh from './public.zh-CN.json';
import recordEn from './record.en.json';
import recordZh from './record.zh-CN.json';

const zhCN = {
  ...coreZh,
  ...gridZh,
  ...recordZh,
  ...inboxZh,
  ...fillZh,
  ...publicZh,
  ...adminZh,
  ...designerZhCN,
};
const en = {
  ...coreEn,
  ...gridEn,
  ...recordEn,
  ...inboxEn,
  ...fillEn,
  ...publicEn,
  ...adminEn,
  ...designerEn,
};

export type Language = 'zh-CN' | 'en';

export const LANGUAGES: readonly { value: Language; label: string }[] = [
  { value: 'zh-CN', label: '简体中文' },
  { value: 'en', label: 'English' },
];

const STORAGE_KEY = 'forecourt.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}

/** The language chosen before on this device; else 简体中文 when the browser prefers Chinese, else English. */
export function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh-CN' || saved === 'en') return saved;
  } catch {
    // Storage may be blocked (private mode); the browser's preference decides.
  }
  const preferred = navigator.languages?.[0] ?? navigator.language ?? '';
  return preferred.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export async function changeLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered on this device; the switch still applies now.
  }
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}

export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'zh-CN';
}

export function initI18n(): void {
  const lng = initialLanguage();
  document.documentElement.lang = lng;
  void i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng,
    // No silent fallback: a missing key shows as the key, and the locale test fails on it.
    fallbackLng: false,
    initAsync: false,
    interpolation: { escapeValue: false },
  });
}
