// The real `npm start`, end to end: electron-vite launches the built main process (out/main/index.js)
// through a stand-in Electron binary named by ELECTRON_EXEC_PATH, the embedded server listens, the
// host window is pointed at the host console with its own keeper session, and quitting stops the
// server. Where no binary can be had, `npm start` says so in one sentence and exits non-zero.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir as kitTempDir } from '../kit/files.js';
import { freePort, watchOutput, type Output } from '../kit/process.js';
import { ROOT } from '../kit/server.js';

const STAND_IN = join(ROOT, 'test/main/stand-in/electron');
const tempDir = () => kitTempDir(tmpdir(), 'bagtrax-start-');

interface NpmStart extends Output {
  child: ReturnType<typeof spawn>;
  exit: Promise<number | null>;
  /** Resolves with the first stand-in report that `pick` accepts. */
  report<T>(pick: (event: Record<string, unknown>) => T | undefined): Promise<T>;
}

const running: NpmStart[] = [];

/** `npm start` as a user types it, with the Electron-related environment cleared first. */
function npmStart(env: Record<string, string>): NpmStart {
  const base = { ...process.env };
  for (const k of Object.keys(base)) if (/^(ELECTRON_|electron_)/.test(k)) delete base[k];
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...base, MDNS: '0', HUB: 'local', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output = watchOutput(child);
  const reports = () =>
    output.stdout
      .filter((l) => l.startsWith('stand-in: '))
      .map((l) => JSON.parse(l.slice('stand-in: '.length)) as Record<string, unknown>);
  const app: NpmStart = {
    ...output,
    child,
    exit: output.closed.then((e) => e.code),
    async report(pick) {
      await output.until(() => reports().some((e) => pick(e) !== undefined), 'a stand-in report');
      return reports()
        .map(pick)
        .find((found) => found !== undefined)!;
    },
  };
  running.push(app);
  return app;
}

afterEach(async () => {
  for (const app of running.splice(0)) {
    if (app.child.exitCode === null) app.child.kill('SIGKILL');
    await app.closed;
  }
  removeTempDirs();
});

interface WindowReport {
  window: string;
  cookies: Array<{ url: string; name: string; value: string; httpOnly: boolean; sameSite: string }>;
  webPreferences: Record<string, unknown>;
}

describe('npm start', () => {
  it('launches the built main process, serves, opens the signed-in host console, and stops on quit', async () => {
    const port = await freePort();
    const userData = tempDir();
    const app = npmStart({
      ELECTRON_EXEC_PATH: STAND_IN,
      STAND_IN_USER_DATA: userData,
      HOST: '127.0.0.1',
      PORT: String(port),
    });
    const win = await app.report((e) =>
      typeof e.window === 'string' ? (e as unknown as WindowReport) : undefined,
    );
    const origin = `http://127.0.0.1:${port}`;

    expect(win.window).toBe(`${origin}/host`);
    expect(win.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    // Its own session: a keeper cookie for this origin only, which the server honours.
    expect(win.cookies).toHaveLength(1);
    const cookie = win.cookies[0]!;
    expect(cookie).toMatchObject({ url: `${origin}/`, httpOnly: true, sameSite: 'strict' });
    const signedIn = await fetch(`${origin}/host`, {
      headers: { cookie: `${cookie.name}=${cookie.value}` },
      redirect: 'manual',
    });
    expect(signedIn.status).toBe(200);
    expect(await signedIn.text()).toContain('Phones cannot join');
    expect((await fetch(`${origin}/host`, { redirect: 'manual' })).status).toBe(303);
    // The database lives in the app's user-data folder, and the console says phones cannot join.
    expect(existsSync(join(userData, 'bagtrax.db'))).toBe(true);
    expect(app.stdout.some((l) => l.startsWith(`BagTrax listening on ${origin}`))).toBe(true);
    expect(app.stdout.some((l) => l.startsWith('Phones cannot join'))).toBe(true);

    // Quit, as the menu does: the server stops before the process ends, with a zero exit.
    app.child.stdin!.write('quit\n');
    expect(await app.exit).toBe(0);
    await expect(fetch(`${origin}/api/health`)).rejects.toThrow();
    expect(app.stdout.some((l) => l.includes('"quit":true'))).toBe(true);
  });

  it('uses the binary in ELECTRON_OVERRIDE_DIST_PATH, as the electron package documents', async () => {
    const port = await freePort();
    const app = npmStart({
      ELECTRON_OVERRIDE_DIST_PATH: dirname(STAND_IN),
      STAND_IN_USER_DATA: tempDir(),
      HOST: '127.0.0.1',
      PORT: String(port),
    });
    const url = await app.report((e) => (typeof e.window === 'string' ? e.window : undefined));
    expect(url).toBe(`http://127.0.0.1:${port}/host`);
    app.child.stdin!.write('quit\n');
    expect(await app.exit).toBe(0);
  });

  /** Asserts the one-sentence failure: stderr is one line, names `npm run serve`, no stack trace. */
  async function expectOneSentence(app: NpmStart, mentions: RegExp): Promise<string> {
    expect(await app.exit).not.toBe(0);
    const said = app.stderr.filter((l) => l.trim() !== '');
    expect(said, app.stderr.join('\n')).toHaveLength(1);
    expect(said[0]).toMatch(/^The desktop app cannot start: /);
    expect(said[0]).toMatch(mentions);
    expect(said[0]).toContain('npm run serve');
    expect(app.stdout.join('\n')).not.toMatch(/^\s+at /m);
    return said[0]!;
  }

  it('explains in one sentence, with a non-zero exit, when ELECTRON_OVERRIDE_DIST_PATH holds no binary', async () => {
    const app = npmStart({ ELECTRON_OVERRIDE_DIST_PATH: tempDir() });
    await expectOneSentence(app, /is not an executable file/);
  });

  it('explains in one sentence when ELECTRON_EXEC_PATH names nothing runnable', async () => {
    const app = npmStart({ ELECTRON_EXEC_PATH: join(tempDir(), 'electron') });
    await expectOneSentence(app, /ELECTRON_EXEC_PATH names .* not an executable file/);
  });

  // Only where this checkout has no Electron binary yet: then the download really is attempted.
  const pathTxt = join(ROOT, 'node_modules/electron/path.txt');
  const installed =
    existsSync(pathTxt) &&
    existsSync(join(ROOT, 'node_modules/electron/dist', readFileSync(pathTxt, 'utf8')));
  it.skipIf(installed)(
    'explains in one sentence when the binary cannot be downloaded (ELECTRON_MIRROR unreachable)',
    async () => {
      const closed = await freePort();
      const app = npmStart({
        ELECTRON_MIRROR: `http://127.0.0.1:${closed}/`,
        electron_config_cache: tempDir(),
      });
      const said = await expectOneSentence(app, /could not be downloaded/);
      expect(said).toMatch(/ELECTRON_MIRROR/);
    },
  );

  // Where a real Electron binary can be had (and a display to open it on), the same start and quit
  // run with it: the listening line, a served host console, and a clean stop on SIGTERM.
  const display = Boolean(process.env.DISPLAY) || Boolean(process.env.WAYLAND_DISPLAY);
  it.runIf(installed && display)('starts and stops with the real Electron binary', async () => {
    const port = await freePort();
    const app = npmStart({ HOST: '127.0.0.1', PORT: String(port), NO_SANDBOX: '1' });
    const origin = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    while (!app.stdout.some((l) => l.startsWith(`BagTrax listening on ${origin}`))) {
      if (Date.now() > deadline || app.child.exitCode !== null) throw new Error(app.stderr.join('\n'));
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await fetch(`${origin}/api/health`)).status).toBe(200);
    app.child.kill('SIGTERM');
    expect(await app.exit).toBe(0);
    await expect(fetch(`${origin}/api/health`)).rejects.toThrow();
  });
});
