import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/env';

/**
 * The web app's two locale files against the keys its source uses: no key missing in either
 * language, none left over, the same placeholders on both sides. Keys are literal `t('…')` arguments
 * (runtime-ui/src/i18n/index.ts), so a scan of the source finds every one.
 */
const UI_SRC = join(REPO_ROOT, 'runtime-ui', 'src');
const LOCALES = { 'zh-CN': 'zh-CN.json', en: 'en.json' } as const;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function flatten(tree: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const keys = new Map<string, unknown>();
  for (const [name, value] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${name}` : name;
    if (value && typeof value === 'object') for (const [k, v] of flatten(value as never, key)) keys.set(k, v);
    else keys.set(key, value);
  }
  return keys;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

const sources = sourceFiles(UI_SRC).map((path) => ({
  path: relative(REPO_ROOT, path),
  text: readFileSync(path, 'utf8'),
}));
const used = new Map<string, string>();
for (const { path, text } of sources)
  for (const match of text.matchAll(/\bt\(\s*'([^']+)'/g)) used.set(match[1]!, path);
const locales = Object.fromEntries(
  Object.entries(LOCALES).map(([language, file]) => [
    language,
    flatten(JSON.parse(readFileSync(join(UI_SRC, 'i18n', file), 'utf8'))),
  ]),
) as Record<keyof typeof LOCALES, Map<string, unknown>>;

describe('web app locale files', () => {
  it('the source asks for its strings with literal keys only, so none escapes this check', () => {
    const dynamic = sources.flatMap(({ path, text }) =>
      [...text.matchAll(/\bt\(\s*([^'\s)])/g)].map((m) => `${path}: t(${m[1]}…`),
    );
    expect(dynamic).toEqual([]);
    expect(used.size).toBeGreaterThan(50);
  });

  for (const language of Object.keys(LOCALES) as (keyof typeof LOCALES)[]) {
    it(`${language} has every key the source uses, each a non-empty string`, () => {
      const missing = [...used].filter(([key]) => typeof locales[language].get(key) !== 'string');
      expect(missing.map(([key, path]) => `${key} (${path})`)).toEqual([]);
      const empty = [...locales[language]].filter(([, value]) => typeof value !== 'string' || !value.trim());
      expect(empty.map(([key]) => key)).toEqual([]);
    });

    it(`${language} holds no key the source does not use`, () => {
      expect([...locales[language].keys()].filter((key) => !used.has(key))).toEqual([]);
    });
  }

  it('both languages have the same keys and the same placeholders in each', () => {
    const zh = locales['zh-CN'];
    const en = locales.en;
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
    const differing = [...zh].filter(
      ([key, value]) => placeholders(String(value)).join() !== placeholders(String(en.get(key))).join(),
    );
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it('the Chinese file is Chinese and the English file is not', () => {
    const cjk = /[\u4e00-\u9fff]/;
    const notChinese = [...locales['zh-CN']].filter(([, value]) => !cjk.test(String(value)));
    expect(notChinese.map(([key]) => key)).toEqual([]);
    const chineseInEnglish = [...locales.en].filter(([, value]) => cjk.test(String(value)));
    expect(chineseInEnglish.map(([key]) => key)).toEqual([]);
  });
});
