// Playwright fixtures: a real BagTrax server per test file (port 0, fresh DATA_DIR), a keeper-signed-in
// browser context, and a guard that fails a test on any CSP violation or page error.
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { startTestServer, type InProcessServer, type TestServer } from '../kit/server.js';
import { TEST_PIN } from '../kit/settings.js';

export interface Fixtures {
  /** Pages whose console showed a CSP violation or an uncaught error (checked after each test). */
  problems: string[];
  keeperContext: BrowserContext;
}

export const test = base.extend<Fixtures, { server: InProcessServer }>({
  server: [
    // Playwright reads the fixture's dependencies from this destructuring pattern, even when empty.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startTestServer();
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  problems: async ({ context }, use) => {
    const problems: string[] = [];
    context.on('page', (page) => watch(page, problems));
    context.pages().forEach((p) => watch(p, problems));
    await use(problems);
    expect(problems, 'console errors or CSP violations').toEqual([]);
  },
  keeperContext: async ({ browser, server }, use) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await signIn(context, server);
    await use(context);
    await context.close();
  },
});

export function watch(page: Page, problems: string[]): void {
  page.on('console', (m) => {
    const text = m.text();
    if (m.type() === 'error' && !/Failed to load resource/.test(text))
      problems.push(`${page.url()}: ${text}`);
    if (/Content Security Policy|Refused to/.test(text)) problems.push(`${page.url()}: ${text}`);
  });
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
}

/** Signs a context in as a keeper through the real login form. */
export async function signIn(context: BrowserContext, server: TestServer): Promise<void> {
  const page = await context.newPage();
  await page.goto(`${server.url}/keeper/login?next=/`);
  await page.fill('#pin', TEST_PIN);
  await page.click('button[type=submit]');
  await page.waitForURL(`${server.url}/`);
  await page.close();
}

/** Makes a context the organiser the way the desktop app does: the host window's own cookie. */
export async function signInAsHost(context: BrowserContext, server: InProcessServer): Promise<void> {
  await context.addCookies([{ ...server.hostCookie, url: server.url }]);
}

export { expect };
