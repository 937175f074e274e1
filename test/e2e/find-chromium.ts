// Which Chromium the browser tests (and `npm run screenshots`) drive, in this order: CHROMIUM_PATH;
// Playwright's own browser when `npx playwright install` put one there; the system's; the one the
// devDependency @sparticuz/chromium carries inside its npm package (so a bare machine needs no apt
// step and no browser download). Else one sentence saying how to get one.
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from '@playwright/test';

export interface FoundChromium {
  path: string;
  source: 'CHROMIUM_PATH' | 'playwright' | 'system' | '@sparticuz/chromium';
}

const SYSTEM = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

function runnable(path: string | undefined): path is string {
  if (!path) return false;
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function playwrightOwn(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** Unpacks the package's brotli-packed binary (once per machine, into the temp folder) and names it. */
function sparticuz(): string | undefined {
  try {
    createRequire(import.meta.url).resolve('@sparticuz/chromium');
  } catch {
    return undefined;
  }
  // Its API is async; a child keeps this function synchronous for playwright.config.ts.
  const out = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "const c = (await import('@sparticuz/chromium')).default; process.stdout.write(await c.executablePath());",
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return out.trim() || undefined;
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): FoundChromium {
  if (env.CHROMIUM_PATH) {
    if (runnable(env.CHROMIUM_PATH)) return { path: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' };
    throw new Error(
      `CHROMIUM_PATH names ${env.CHROMIUM_PATH}, which is not an executable file: fix or unset it.`,
    );
  }
  const own = playwrightOwn();
  if (runnable(own)) return { path: own, source: 'playwright' };
  const system = SYSTEM.find(runnable);
  if (system) return { path: system, source: 'system' };
  const packaged = sparticuz();
  if (runnable(packaged)) return { path: packaged, source: '@sparticuz/chromium' };
  throw new Error(
    'No Chromium for the browser tests: run `npm install` (it brings @sparticuz/chromium), or set CHROMIUM_PATH to a Chromium or Chrome, or run `npx playwright install chromium`.',
  );
}

/** Flags every launch needs here: root without a sandbox, and no calls home on a closed network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
