// Shared steps of the live-update browser tests: signed-in keeper contexts for any server, pages
// watched for console problems, counters of stream requests, and the expected-failure filter.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { InProcessServer, TestServer } from '../kit/server.js';
import { expect, signIn, signInAsHost, watch } from './fixtures.js';

export const PHONE = { width: 390, height: 844 };
export const LAPTOP = { width: 1366, height: 768 };

/** A keeper context signed in to `server` (open its pages with `openWatched`). */
export async function keeperContextFor(
  browser: Browser,
  server: TestServer,
  viewport = PHONE,
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  await signIn(context, server);
  return context;
}

/** The organiser's laptop: a context with the host window's session. */
export async function organiserContextFor(
  browser: Browser,
  server: InProcessServer,
  viewport = LAPTOP,
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  await signInAsHost(context, server);
  return context;
}

/**
 * A page of a context outside the `problems` fixture's own `context`, watched for console problems.
 * (The fixture's context watches its pages itself: open those with `context.newPage()`.)
 */
export async function openWatched(context: BrowserContext, problems: string[], url: string): Promise<Page> {
  const page = await context.newPage();
  watch(page, problems);
  await page.goto(url);
  return page;
}

/** Waits until the page's one stream is open. */
export async function expectLive(page: Page): Promise<void> {
  await expect(page.locator('.conn')).toHaveAttribute('data-status', 'live');
}

/**
 * Counts the page's requests whose path is exactly `path` (htmx 4 opens streams with fetch), and
 * those that failed without an answer (a refused connection, an abort).
 */
export function countRequests(page: Page, path: string): { readonly count: number; readonly failed: number } {
  const counter = { count: 0, failed: 0 };
  const matches = (url: string) => new URL(url).pathname === path;
  page.on('request', (r) => {
    if (matches(r.url())) counter.count += 1;
  });
  page.on('requestfailed', (r) => {
    if (matches(r.url())) counter.failed += 1;
  });
  return counter;
}

/** Drops console lines the test caused on purpose (a stopped server, a blocked route) from `problems`. */
export function allowProblems(problems: string[], ...expected: RegExp[]): void {
  for (let i = problems.length - 1; i >= 0; i--) {
    if (expected.some((re) => re.test(problems[i]!))) problems.splice(i, 1);
  }
}

/** Sets a marker on the page's window: it survives only as long as the page is never reloaded. */
export async function markWindow(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { bagtraxMarker: string }).bagtraxMarker = 'kept';
  });
}

export async function expectNoReload(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { bagtraxMarker?: string }).bagtraxMarker)).toBe(
    'kept',
  );
  expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
}

type Counts = { hole: number; board: number };

/** Records a whole round through the pad's `.round-entry` form. */
export async function enterRound(pad: Page, home: Counts, away: Counts): Promise<void> {
  const entry = pad.locator('.round-entry');
  if ((await entry.getAttribute('open')) === null) await entry.locator('summary').click();
  for (const [side, counts] of [
    ['home', home],
    ['away', away],
  ] as const) {
    for (const kind of ['hole', 'board'] as const) {
      await entry.locator(`select[data-side=${side}][data-kind=${kind}]`).selectOption(String(counts[kind]));
    }
  }
  await entry.locator('button[type=submit]').click();
}

/** Taps one pad button (the pad queues taps, so several in a row are sent in order). */
export async function tap(
  pad: Page,
  side: 'home' | 'away',
  result: 'hole' | 'board' | 'miss',
): Promise<void> {
  await pad.click(`.tap[data-side=${side}][data-result=${result}]`);
}
