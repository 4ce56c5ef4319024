import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { USER_PASSWORD } from './access';
import { type BrowserPage, openPage, type ViewportName } from './browser';
import { logIn } from './log-in';
import type { Org, Person } from './workflow';

/**
 * Browser helpers for the inbox and record page tests: one browser context per person (so each acts
 * with their own session), logged in through the login page.
 */
export async function logInAs(
  browser: Browser,
  url: string,
  viewport: ViewportName,
  email: string,
  password = USER_PASSWORD,
): Promise<BrowserPage> {
  const opened = await openPage(browser, viewport);
  opened.page.setDefaultTimeout(20_000);
  await logIn(opened.page, url, email, password);
  return opened;
}

/** The login email dealershipOrg gives a person. */
export const emailOf = (person: Person) => `${person.key.toLowerCase()}@dealer.test`;

/** The pending task `who` has on the instance, found through the API. */
export async function pendingTask(_org: Org, who: Person, instanceId: string): Promise<string> {
  const response = await who.client.get('/api/tasks?box=todo&limit=100');
  const item = (response.body.items as { taskId: string; instanceId: string }[]).find(
    (i) => i.instanceId === instanceId,
  );
  expect(item, `${who.key} has a task on ${instanceId}`).toBeDefined();
  return item!.taskId;
}

/** A task's status as the admin reads it. */
export async function taskStatus(org: Org, taskId: string): Promise<string> {
  const response = await org.people.admin.client.get(`/api/tasks/${taskId}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.task.status as string;
}

/** Opens the inbox, then the task by its link, and waits for its buttons. */
export async function openTask(page: Page, url: string, taskId: string): Promise<void> {
  await page.goto(`${url}/inbox`);
  await page.getByRole('heading', { name: '待办中心' }).waitFor();
  await page.locator(`a.inbox-item[href="/tasks/${taskId}"]`).click();
  await page.waitForURL(`**/tasks/${taskId}`);
  await page.locator('.task-buttons').waitFor();
}
