import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Days as the workshop counts them (Asia/Shanghai), relative to today, so that no test depends on the
 * date it runs on: a literal date drifts from "next month" into "this month" and into the past.
 */
const SHANGHAI = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
const DAY_MS = 86_400_000;

/** YYYY-MM-DD in Shanghai, `days` from today. */
export function shanghaiDay(days = 0): string {
  return SHANGHAI.format(new Date(Date.now() + days * DAY_MS));
}

/** The weekday of a YYYY-MM-DD: 0 Sunday … 6 Saturday. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** The first day from `after` days ahead on that falls on `weekday` (1 Monday … 3 Wednesday …). */
export function nextWeekday(weekday: number, after = 1): string {
  for (let offset = after; offset < after + 7; offset++) {
    const day = shanghaiDay(offset);
    if (weekdayOf(day) === weekday) return day;
  }
  throw new Error('unreachable: seven days hold every weekday');
}

/** The UTC instant of a Shanghai wall clock (UTC+8 all year). */
export function shanghaiInstant(day: string, time: string): string {
  return new Date(`${day}T${time}:00+08:00`).toISOString();
}

/** The open picker popup (antd keeps closed ones in the DOM, hidden). */
export function openPopup(page: Page): Locator {
  return page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
}

/** The open popup lies wholly on the screen: every weekday column can be tapped. */
export async function expectPopupOnScreen(page: Page): Promise<void> {
  const box = await openPopup(page).locator('.ant-picker-panel-container').boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  expect(box, 'the picker popup is shown').not.toBeNull();
  expect(box!.x, 'the popup starts on the screen').toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, 'the popup ends on the screen').toBeLessThanOrEqual(width);
}

/** Resolves once the popup's opening animation is over: a tap during it can miss the moving cell. */
async function settled(popup: Locator): Promise<void> {
  await expect
    .poll(async () => (await popup.getAttribute('class')) ?? '', { timeout: 10_000 })
    .not.toMatch(/-(appear|enter)\b/);
}

/**
 * Opens the date picker `input` and taps `day` (YYYY-MM-DD) in its popup, paging months forward as a
 * person would, after checking the popup fits the screen. A popup closes on the tap; if a tap is lost to
 * the page moving under it (a closing message or dropdown shifts the layout on a loaded machine), the
 * person taps again, as the test does, up to three times: the day must end up in the input.
 */
export async function tapDay(page: Page, input: Locator, day: string): Promise<void> {
  await input.click();
  const popup = openPopup(page);
  await popup.locator('.ant-picker-header-view').waitFor();
  await settled(popup);
  await expectPopupOnScreen(page);
  const cell = popup.locator(`td.ant-picker-cell-in-view[title="${day}"]`);
  for (let i = 0; i < 24 && (await cell.count()) === 0; i++)
    await popup.locator('.ant-picker-header-next-btn').click();
  for (let tap = 1; ; tap++) {
    await cell.click();
    try {
      // After its closing animation, slow on a loaded machine; the next picker's popup must not be
      // confused with this one.
      await expect.poll(() => popup.count(), { timeout: 5_000 }).toBe(0);
      break;
    } catch (error) {
      if (tap === 3 || (await popup.count()) === 0) throw error;
    }
  }
  expect(await input.inputValue(), 'the tapped day is in the input').toBe(day);
}

/**
 * Taps `hour` and `minute` (two digits each) in the open time popup, after checking it fits the screen.
 * A column scrolls to its chosen value as the popup opens; a tap on a moving item can miss, so each tap
 * is checked and, if lost, made again (up to three times).
 */
export async function tapTime(page: Page, hour: string, minute: string): Promise<void> {
  const popup = openPopup(page);
  await settled(popup);
  await expectPopupOnScreen(page);
  const columns = popup.locator('.ant-picker-time-panel-column');
  for (const [column, value] of [
    [columns.nth(0), hour],
    [columns.nth(1), minute],
  ] as const) {
    const exact = new RegExp(`^${value}$`);
    const chosen = column.locator('li.ant-picker-time-panel-cell-selected', { hasText: exact });
    for (let tap = 1; ; tap++) {
      await column.locator('li', { hasText: exact }).click();
      try {
        await expect.poll(() => chosen.count(), { timeout: 3_000 }).toBe(1);
        break;
      } catch (error) {
        if (tap === 3) throw error;
      }
    }
  }
}
