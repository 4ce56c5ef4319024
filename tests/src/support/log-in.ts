import type { Page } from 'playwright-core';
import { ADMIN } from './app';

/**
 * Logs in through the login page, in Chinese or English, and waits for the home greeting. Without an
 * email and password: as the administrator testApp() creates.
 */
export async function logIn(page: Page, url: string, email = ADMIN.email, password = ADMIN.password) {
  await page.goto(`${url}/login`);
  await page.getByLabel(/^(邮箱|E-mail)$/).fill(email);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Log in/ }).click();
  await page.getByRole('heading', { name: /^(你好|Hello)/ }).waitFor();
}
