import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/env';

/**
 * The web app's locale files (runtime-ui's and the designers') against the keys its source (runtime-ui and designer) uses: no key missing
 * in either language, none left over, the same placeholders on both sides. Keys are literal `t('…')`
 * arguments (runtime-ui/src/i18n/index.ts), so a scan of the source finds every one. Each language is
 * one `<area>.<language>.json` per area of the app; no two areas may hold the same top-level key.
 */
const UI_SRC = join(REPO_ROOT, 'runtime-ui', 'src');
const SOURCE_DIRS = [UI_SRC, join(REPO_ROOT, 'designer', 'src')];
/** The app's locale files and the designers' (designer/src/i18n), merged into one namespace. */
const I18N_DIRS = [join(UI_SRC, 'i18n'), join(REPO_ROOT, 'designer', 'src', 'i18n')];
const LOCALES = { 'zh-CN': 'zh-CN', en: 'en' } as const;

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

const sources = SOURCE_DIRS.flatMap(sourceFiles).map((path) => ({
  path: relative(REPO_ROOT, path),
  text: readFileSync(path, 'utf8'),
}));
const used = new Map<string, string>();
for (const { path, text } of sources)
  for (const match of text.matchAll(/\bt\(\s*'([^']+)'/g)) used.set(match[1]!, path);
/** Each area's file of one language, by area name. */
function areaFiles(language: string): Map<string, Record<string, unknown>> {
  const suffix = `.${language}.json`;
  return new Map(
    I18N_DIRS.flatMap((dir) =>
      readdirSync(dir)
        .filter((name) => name.endsWith(suffix))
        .map(
          (name) =>
            [name.slice(0, -suffix.length), JSON.parse(readFileSync(join(dir, name), 'utf8'))] as const,
        ),
    ),
  );
}
const areas = Object.fromEntries(
  Object.keys(LOCALES).map((language) => [language, areaFiles(language)]),
) as Record<keyof typeof LOCALES, Map<string, Record<string, unknown>>>;
const locales = Object.fromEntries(
  Object.entries(areas).map(([language, files]) => [language, flatten(Object.assign({}, ...files.values()))]),
) as Record<keyof typeof LOCALES, Map<string, unknown>>;

describe('web app locale files', () => {
  it('each area has both languages, and no two areas hold the same top-level key', () => {
    expect([...areas.en.keys()].sort()).toEqual([...areas['zh-CN'].keys()].sort());
    for (const files of Object.values(areas)) {
      const owners = new Map<string, string[]>();
      for (const [area, tree] of files)
        for (const key of Object.keys(tree)) owners.set(key, [...(owners.get(key) ?? []), area]);
      expect([...owners].filter(([, list]) => list.length > 1)).toEqual([]);
    }
  });

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
