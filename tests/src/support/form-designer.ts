/** Helpers for browser tests of the form designer (e2e/form-designer*.test.ts). */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The designer's three panes want a wide screen. */
export const DESIGNER = { width: 1440, height: 900 };

/** A real pointer drag: press, move past the 5 px threshold, travel in steps, release. */
export async function drag(page: Page, from: Locator, to: Locator) {
  await to.scrollIntoViewIfNeeded();
  await from.scrollIntoViewIfNeeded();
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2 + 6, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 16 });
  await page.mouse.move(b.x + b.width / 2 + 1, b.y + b.height / 2, { steps: 2 });
  await page.mouse.up();
}

export const paletteItem = (page: Page, type: string) =>
  page.locator(`.fd-palette-item[data-type="${type}"]`);
export const props = (page: Page) => page.locator('.fd-properties');
export const card = (page: Page, id: string) => page.locator(`.fd-field[data-field-id="${id}"]`);

/** Waits for antd's enter animations (modals zoom in) so a screenshot shows the end state. */
export async function settled(page: Page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
}

export async function waitSaved(page: Page) {
  await expect
    .poll(() => page.locator('.fd-save').getAttribute('data-status'), { timeout: 15_000 })
    .toBe('saved');
}
