// The built server on production dependencies alone: out/ copied next to a node_modules that
// `npm prune --omit=dev` has stripped of every build and test tool, started with plain `node
// out/server/cli.js`, answers the CONTRACT's routes and serves every asset its pages name.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cleanup, startTestServer, type ChildServer } from '../kit/server.js';

let dir: string;
let server: ChildServer;

beforeAll(async () => {
  // Beside the checkout (same file system), so node_modules can be hard-linked instead of copied.
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  dir = mkdtempSync(join(ROOT, '.tmp', 'prod-'));
  for (const f of ['package.json', 'package-lock.json']) cpSync(join(ROOT, f), join(dir, f));
  execFileSync('cp', ['-al', join(ROOT, 'node_modules'), join(dir, 'node_modules')]);
  execFileSync('npm', ['prune', '--omit=dev', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'pipe' });
  cpSync(join(ROOT, 'out'), join(dir, 'out'), { recursive: true });
  server = await startTestServer({ child: true, at: dir, dataDir: join(dir, 'data') });
}, 120_000);

afterAll(async () => {
  await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** Every same-origin script, stylesheet, icon and image a page names. */
function assetsOf(page: string): string[] {
  const refs = [...page.matchAll(/\b(?:src|href)="(\/[^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  return [...new Set(refs.filter((r) => r.startsWith('/assets/') || r.startsWith('/favicon')))];
}

describe('the built server on production dependencies', () => {
  it('has no build or test tool to lean on', () => {
    for (const dev of ['vite', 'electron-vite', 'tsx', 'typescript', 'vitest', 'htmx.org', 'electron'])
      expect(existsSync(join(dir, 'node_modules', dev)), dev).toBe(false);
    for (const prod of ['koa', 'libsql', 'zod'])
      expect(existsSync(join(dir, 'node_modules', prod)), prod).toBe(true);
  });

  it('answers the CONTRACT routes: a game through its four surfaces, the venue, health', async () => {
    const created = await server.api('POST', '/api/games', {
      home: { name: 'Home' },
      away: { name: 'Away' },
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect(
      (await server.api('POST', `/api/games/${id}/throws`, { side: 'home', result: 'hole' })).json.round.home
        .hole,
    ).toBe(1);
    const round = await server.api('POST', `/api/games/${id}/rounds`, {
      home: { hole: 0, board: 1 },
      away: { hole: 0, board: 0 },
    });
    expect(round.json.code).toBe('round_in_progress');
    expect((await server.api('POST', `/api/games/${id}/undo`)).json.version).toBe(2);
    expect((await server.api('GET', `/api/games/${id}/state`)).json).toMatchObject({ id, version: 2 });
    expect((await server.api('GET', '/api/games')).json).toHaveLength(1);
    expect((await server.api('GET', '/api/health')).json).toMatchObject({ status: 'ok' });

    for (const path of ['/', '/boards', '/boards/1', '/tv', `/games/${id}`, `/games/${id}/scoreboard`]) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
    }
    for (const path of ['/host', `/keep/${id}`]) {
      expect((await fetch(server.url + path, { redirect: 'manual' })).status, path).toBe(303);
      expect((await server.api('GET', path)).status, path).toBe(200);
    }
    for (const path of [`/games/${id}/events`, '/events']) {
      const ac = new AbortController();
      const res = await fetch(server.url + path, { signal: ac.signal });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/event-stream/);
      ac.abort();
    }
  });

  it('serves every asset that a page names', async () => {
    const { json } = await server.api('POST', '/api/games', { home: { name: 'A' }, away: { name: 'B' } });
    const pages = ['/', '/tv', `/games/${json.id}`, '/keeper/login'];
    const seen = new Set<string>();
    for (const page of pages) {
      const html = await (await fetch(server.url + page)).text();
      const assets = assetsOf(html);
      expect(assets.length, page).toBeGreaterThan(1);
      assets.forEach((a) => seen.add(a));
    }
    for (const keeperPage of ['/host', `/keep/${json.id}`])
      assetsOf((await server.api('GET', keeperPage)).text).forEach((a) => seen.add(a));
    for (const asset of seen) {
      const res = await fetch(server.url + asset);
      expect(res.status, asset).toBe(200);
      expect((await res.arrayBuffer()).byteLength, asset).toBeGreaterThan(0);
    }
    expect([...seen].some((a) => a.startsWith('/assets/app.js'))).toBe(true);
    expect([...seen].some((a) => a.startsWith('/assets/app.css'))).toBe(true);
  });
});
