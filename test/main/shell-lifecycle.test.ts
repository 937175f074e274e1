// The Electron shell end to end against a fake Electron and the real server: start on the
// remembered port, hand the keeper cookie to the host window, lock navigation, stop before quitting.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as FakeElectron from './fake-electron.js';

vi.mock('electron', () => import('./fake-electron.js'));

type Fake = typeof FakeElectron;

let dir: string;
let savedEnv: NodeJS.ProcessEnv;
let signalListeners: { SIGINT: number; SIGTERM: number };
let current: Fake | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Imports a fresh main/index.ts with a fresh fake Electron; resolves with the fake. */
async function launchShell(setUp: (fake: Fake) => void = () => {}): Promise<Fake> {
  vi.resetModules();
  // Through the mocked name, so the test holds the very instance main/ imports.
  const fake = (await import('electron')) as unknown as Fake;
  fake.fake.reset();
  fake.app.userData = join(dir, 'userData');
  setUp(fake);
  current = fake;
  await import('../../main/index.js');
  return fake;
}

function hostWindow(fake: Fake): Promise<InstanceType<Fake['BrowserWindow']>> {
  return new Promise((resolve) => {
    const created = () => fake.BrowserWindow.created[0];
    const existing = created();
    if (existing) resolve(existing);
    else fake.fake.windowCreated = () => resolve(created()!);
  });
}

function quit(fake: Fake): Promise<void> {
  return new Promise((resolve) => {
    fake.fake.quitted = resolve;
    fake.app.quit();
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bagtrax-shell-'));
  const assets = join(dir, 'assets');
  mkdirSync(assets);
  writeFileSync(join(assets, 'app.js'), '');
  writeFileSync(join(assets, 'app.css'), '');
  mkdirSync(join(dir, 'userData'));
  savedEnv = { ...process.env };
  signalListeners = { SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM') };
  for (const name of ['PORT', 'DATA_DIR', 'HUB', 'KEEPER_PIN']) delete process.env[name];
  // Loopback only, no mDNS on the network, and a stand-in browser bundle.
  process.env.HOST = '127.0.0.1';
  process.env.MDNS = '0';
  process.env.BAGTRAX_ASSETS = assets;
});

afterEach(async () => {
  // Whatever a test left running is stopped the way a user's quit stops it.
  if (current) await quit(current);
  current = undefined;
  process.env = savedEnv;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const added = process.listeners(signal).slice(signalListeners[signal]);
    for (const listener of added) process.off(signal, listener);
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('the Electron shell', () => {
  it('starts on the remembered port, signs the host window in, locks navigation and stops before quitting', async () => {
    const port = await freePort();
    writeFileSync(join(dir, 'userData', 'last-port.json'), JSON.stringify({ port }));
    const fake = await launchShell();
    const window = await hostWindow(fake);
    const origin = `http://127.0.0.1:${port}`;

    // The window opens the host console of the server on the remembered port.
    expect(window.loaded).toEqual([`${origin}/host`]);
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(JSON.parse(readFileSync(join(fake.app.userData, 'last-port.json'), 'utf8'))).toEqual({ port });

    // The keeper cookie is set for the app's origin only, and it really is a keeper session.
    expect(fake.cookiesSet).toHaveLength(1);
    const cookie = fake.cookiesSet[0]!;
    expect(cookie).toMatchObject({ url: `${origin}/`, httpOnly: true, sameSite: 'strict', path: '/' });
    expect(cookie).not.toHaveProperty('domain');
    const withCookie = await fetch(`${origin}/host`, {
      headers: { cookie: `${String(cookie.name)}=${String(cookie.value)}` },
      redirect: 'manual',
    });
    expect(withCookie.status).toBe(200);
    const without = await fetch(`${origin}/host`, { redirect: 'manual' });
    expect(without.status).not.toBe(200);

    // Foreign navigation and pop-ups are refused; the app's own pages are not.
    const navigate = (url: string) => {
      const event = { url, preventDefault: vi.fn() };
      window.webContents.emit('will-navigate', event);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate(`${origin}/tv`)).toBe(false);
    expect(navigate('http://127.0.0.1:1/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(window.webContents.openHandler?.({ url: 'https://example.com/' }).action).toBe('deny');
    expect(window.webContents.openHandler?.({ url: `${origin}/tv` }).action).toBe('allow');

    // Every permission is denied.
    const answer = vi.fn();
    (fake.permissionHandlers.request as (w: unknown, p: string, cb: (ok: boolean) => void) => void)(
      {},
      'media',
      answer,
    );
    expect(answer).toHaveBeenCalledWith(false);
    expect((fake.permissionHandlers.check as () => boolean)()).toBe(false);

    // Quit is held back once, the server stops, then the app quits for real.
    await quit(fake);
    expect(fake.app.quitCalls).toHaveLength(2);
    await expect(fetch(`${origin}/host`)).rejects.toThrow();
    expect(fake.app.exitCode).toBeUndefined();
  });

  it('moves to a free port when the remembered one is taken, and remembers the new one', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const taken = (squatter.address() as { port: number }).port;
    try {
      writeFileSync(join(dir, 'userData', 'last-port.json'), JSON.stringify({ port: taken }));
      const fake = await launchShell();
      const window = await hostWindow(fake);
      const port = Number(new URL(window.loaded[0]!).port);
      expect(port).not.toBe(taken);
      expect(port).toBeGreaterThan(0);
      expect(JSON.parse(readFileSync(join(fake.app.userData, 'last-port.json'), 'utf8'))).toEqual({ port });
      expect(fake.errorBoxes).toHaveLength(0);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('shows the one-line reason and exits non-zero when a setting is bad', async () => {
    process.env.PORT = 'eighty';
    let fake: Fake | undefined;
    const exited = new Promise<number>((resolve) => {
      void launchShell((f) => {
        fake = f;
        f.fake.exited = resolve;
      });
    });
    expect(await exited).toBe(1);
    expect(fake?.errorBoxes).toHaveLength(1);
    expect(fake?.errorBoxes[0]?.message).toMatch(/^PORT .*eighty/);
    expect(fake?.errorBoxes[0]?.message).not.toContain('\n');
    expect(fake?.BrowserWindow.created).toHaveLength(0);
  });

  it('leaves at once, starting nothing, when another copy already runs', async () => {
    let fake: Fake | undefined;
    const quitted = new Promise<void>((resolve) => {
      void launchShell((f) => {
        fake = f;
        f.app.hasLock = false;
        f.fake.quitted = resolve;
      });
    });
    await quitted;
    expect(fake?.BrowserWindow.created).toHaveLength(0);
    expect(fake?.cookiesSet).toHaveLength(0);
  });
});
