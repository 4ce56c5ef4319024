import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';
import { launchBrowser, openPage } from '../support/browser';
import { booking, installBooking } from '../support/dealership/booking';

/**
 * What a customer's phone downloads for a public booking form (docs/performance.md, B13): the form
 * renderer loads the widgets a form uses, and the region table and signature pad only for forms with
 * address or signature fields. Sums the gzipped size of every script the page requests.
 */
/** Everything but the shell (the entry chunk, with its own budget in scripts/ui-size.mjs), in KB gzipped. */
const BUDGET_KB = 320;
const UI_DIR = process.env.FORECOURT_UI_DIR || join(import.meta.dirname, '../../../runtime-ui/dist');

type Manifest = Record<string, { file: string; imports?: string[] }>;
const manifest = (): Manifest => JSON.parse(readFileSync(join(UI_DIR, '.vite/manifest.json'), 'utf8'));
const fileName = (path: string) => path.split('/').at(-1)!;

/** The built files of the modules whose source path matches. */
function filesOf(pattern: RegExp): string[] {
  return Object.entries(manifest())
    .filter(([source]) => pattern.test(source))
    .map(([, chunk]) => fileName(chunk.file));
}

/** The shell: the entry chunk and what it imports statically. */
function shellFiles(): string[] {
  const chunks = manifest();
  const entry = chunks['index.html']!;
  return [entry.file, ...(entry.imports ?? []).map((key) => chunks[key]!.file)].map(fileName);
}

let t: TestApp;
let url: string;
let browser: Browser;
let fillToken: string;

beforeAll(async () => {
  t = await testApp();
  await installBooking(t.admin);
  const link = await t.admin.post(`/api/forms/${booking.id}/public-links`, { kind: 'fill', name: '预约' });
  expect(link.status, JSON.stringify(link.body)).toBe(201);
  fillToken = link.body.token;
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('weight of a public fill page', () => {
  it('loads only the scripts the booking form needs', async () => {
    const { page, context, problems } = await openPage(browser, 'phone');
    page.setDefaultTimeout(20_000);
    const scripts = new Map<string, number>();
    page.on('response', async (response) => {
      if (!response.url().endsWith('.js')) return;
      scripts.set(response.url(), gzipSync(await response.body(), { level: 9 }).length);
    });
    try {
      await page.goto(`${url}/p/${fillToken}`);
      await page.getByLabel('姓名').waitFor();
      await page.getByLabel('预约日期').waitFor();
      await page.waitForLoadState('networkidle');
      const names = [...scripts.keys()].map((address) => address.split('/').at(-1)!);
      const total = [...scripts.values()].reduce((sum, size) => sum + size, 0);

      console.info(
        `public booking form: ${(total / 1024).toFixed(1)} KB gzipped JS in ${scripts.size} files\n${[
          ...scripts,
        ]
          .sort((a, b) => b[1] - a[1])
          .map(([address, size]) => `  ${(size / 1024).toFixed(1)} KB ${address.split('/').at(-1)}`)
          .join('\n')}`,
      );
      // No address, signature, people or file field, nothing computed live: none of their modules
      // (live/compute.ts brings JSONata and RE2).
      const unneeded = filesOf(
        /@vant\/area-data|signature_pad|live\/compute\.ts|widgets\/(address|files|people|signature|relation|subform)\.tsx/,
      );
      expect(unneeded.length).toBeGreaterThanOrEqual(8);
      expect(names.filter((name) => unneeded.includes(name))).toEqual([]);
      const shell = shellFiles();
      const beyondShell = [...scripts]
        .filter(([address]) => !shell.includes(address.split('/').at(-1)!))
        .reduce((sum, [, size]) => sum + size, 0);
      console.info(`beyond the shell: ${(beyondShell / 1024).toFixed(1)} KB`);
      expect(beyondShell / 1024).toBeLessThanOrEqual(BUDGET_KB);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
