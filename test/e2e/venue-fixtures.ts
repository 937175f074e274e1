// A venue of its own per test (so board numbers never collide with other files), with the
// organiser's laptop (the host window's session) and a keeper's phone signed in to it.
import type { BrowserContext } from '@playwright/test';
import { startTestServer, type InProcessServer } from '../kit/server.js';
import { test as base } from './fixtures.js';
import { keeperContextFor, LAPTOP, organiserContextFor, PHONE } from './helpers-live.js';

export const test = base.extend<{ venue: InProcessServer; organiser: BrowserContext; phone: BrowserContext }>(
  {
    // Playwright reads a fixture's dependencies from its destructuring pattern: this one has none.
    // eslint-disable-next-line no-empty-pattern
    venue: async ({}, use) => {
      const server = await startTestServer();
      await use(server);
      await server.stop();
    },
    organiser: async ({ browser, venue }, use) => {
      const context = await organiserContextFor(browser, venue, LAPTOP);
      await use(context);
      await context.close();
    },
    phone: async ({ browser, venue }, use) => {
      const context = await keeperContextFor(browser, venue, PHONE);
      await use(context);
      await context.close();
    },
  },
);
