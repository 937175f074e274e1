// The real `npm start`, end to end: electron-vite launches the built main process (out/main/index.js)
// through a stand-in Electron binary named by ELECTRON_EXEC_PATH, the embedded server listens, the
// host window is pointed at the host console with its own keeper session, and quitting stops the
// server. Where no binary can be had, `npm start` says so in one sentence and exits non-zero.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const STAND_IN = join(ROOT, 'test/main/stand-in/electron');

const dirs: string[] = [];
const children: ChildProcess[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bagtrax-start-'));
  dirs.push(dir);
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

interface NpmStart {
  child: ChildProcess;
  out: string[];
  err: string[];
  exit: Promise<number | null>;
  /** Resolves with the first stand-in report that `pick` accepts. */
  report<T>(pick: (event: Record<string, unknown>) => T | undefined, ms?: number): Promise<T>;
}

/** `npm start` as a user types it, with the Electron-related environment cleared first. */
function npmStart(env: Record<string, string>): NpmStart {
  const base = { ...process.env };
  for (const k of Object.keys(base)) if (/^(ELECTRON_|electron_)/.test(k)) delete base[k];
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...base, MDNS: '0', HUB: 'local', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  const out: string[] = [];
  const err: string[] = [];
  const waiters = new Set<() => void>();
  const collect = (into: string[]) => {
    let rest = '';
    return (chunk: Buffer) => {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      into.push(...parts);
      waiters.forEach((w) => w());
    };
  };
  child.stdout!.on('data', collect(out));
  child.stderr!.on('data', collect(err));
  const exit = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  return {
    child,
    out,
    err,
    exit,
    report<T>(pick: (event: Record<string, unknown>) => T | undefined, ms = 60_000): Promise<T> {
      return new Promise((res, rej) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          rej(new Error(`no such stand-in report; stdout: ${out.join(' | ')}; stderr: ${err.join(' | ')}`));
        }, ms);
        const check = () => {
          for (const line of out) {
            if (!line.startsWith('stand-in: ')) continue;
            const found = pick(JSON.parse(line.slice('stand-in: '.length)) as Record<string, unknown>);
            if (found !== undefined) {
              clearTimeout(timer);
              waiters.delete(check);
              res(found);
              return;
            }
          }
        };
        waiters.add(check);
        check();
      });
    },
  };
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
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
    expect(app.out.some((l) => l.startsWith(`BagTrax listening on ${origin}`))).toBe(true);
    expect(app.out.some((l) => l.startsWith('Phones cannot join'))).toBe(true);

    // Quit, as the menu does: the server stops before the process ends, with a zero exit.
    app.child.stdin!.write('quit\n');
    expect(await app.exit).toBe(0);
    await expect(fetch(`${origin}/api/health`)).rejects.toThrow();
    expect(app.out.some((l) => l.includes('"quit":true'))).toBe(true);
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
    const said = app.err.filter((l) => l.trim() !== '');
    expect(said, app.err.join('\n')).toHaveLength(1);
    expect(said[0]).toMatch(/^The desktop app cannot start: /);
    expect(said[0]).toMatch(mentions);
    expect(said[0]).toContain('npm run serve');
    expect(app.out.join('\n')).not.toMatch(/^\s+at /m);
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
    while (!app.out.some((l) => l.startsWith(`BagTrax listening on ${origin}`))) {
      if (Date.now() > deadline || app.child.exitCode !== null) throw new Error(app.err.join('\n'));
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await fetch(`${origin}/api/health`)).status).toBe(200);
    app.child.kill('SIGTERM');
    expect(await app.exit).toBe(0);
    await expect(fetch(`${origin}/api/health`)).rejects.toThrow();
  });
});
