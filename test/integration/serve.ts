// Real `serve` processes for the integration tests: spawn server/cli.ts with its environment, wait
// for its listening line, talk JSON to it, and make sure no child outlives its test.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAnswer, TEST_PIN, type ApiAnswer } from '../helpers/server.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(ROOT, 'server/cli.ts');

/** A port nobody listens on right now (bound to 0, then released). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

/** Every child of this test file, so a failed test still leaves nothing running. */
const children = new Set<ChildProcess>();
const dirs: string[] = [];

export function tempDir(root = tmpdir()): string {
  const dir = mkdtempSync(join(root, 'bagtrax-it-'));
  dirs.push(dir);
  return dir;
}

/** SIGKILLs every child still alive and removes the temp dirs; call from afterEach/afterAll. */
export async function cleanupAll(): Promise<void> {
  await Promise.all([...children].map((c) => killChild(c, 'SIGKILL')));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

function exitOf(child: ChildProcess): Promise<Exit> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })));
}

async function killChild(child: ChildProcess, signal: NodeJS.Signals): Promise<Exit> {
  const exited = exitOf(child);
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  return exited;
}

export interface Spawned {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<Exit>;
}

/** Starts `node --import tsx server/cli.ts`: the pid is the server itself (no npx shell between). */
export function spawnServe(
  env: Record<string, string>,
  at: { cwd: string; args: string[] } = { cwd: ROOT, args: ['--import', 'tsx', CLI] },
): Spawned {
  const child = spawn(process.execPath, at.args, {
    cwd: at.cwd,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      MDNS: '0',
      KEEPER_PIN: TEST_PIN,
      HUB: 'local',
      ROLE: 'primary',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const lines = (into: string[]) => {
    let rest = '';
    return (chunk: Buffer) => {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      into.push(...parts);
    };
  };
  child.stdout!.on('data', lines(stdout));
  child.stderr!.on('data', lines(stderr));
  const exited = exitOf(child).then((e) => (children.delete(child), e));
  return { child, stdout, stderr, exited };
}

/** Runs a `serve` that is expected to stop by itself; SIGKILLed after `ms` if it does not. */
export async function runServe(env: Record<string, string>, ms = 15_000): Promise<Spawned & Exit> {
  const s = spawnServe(env);
  const timer = setTimeout(() => s.child.kill('SIGKILL'), ms);
  const exit = await s.exited;
  clearTimeout(timer);
  // The streams may still hold the last chunk when 'exit' fires.
  await new Promise((r) => setTimeout(r, 20));
  return { ...s, ...exit };
}

export interface Serve extends Spawned {
  port: number;
  url: string;
  pid: number;
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiAnswer>;
  /** Sends `signal` and resolves with how the process ended. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

/** Starts a server on a free port (or `env.PORT`) and resolves once it prints its listening line. */
export function startServe(env: Record<string, string>): Promise<Serve> {
  return startServeAt(ROOT, ['--import', 'tsx', CLI], env);
}

/** `node <args>` in `cwd` (say, a production install of the built server) as a started Serve. */
export async function startServeAt(cwd: string, args: string[], env: Record<string, string>): Promise<Serve> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const s = spawnServe({ ...env, PORT: String(port) }, { cwd, args });
  await new Promise<void>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`serve did not start: ${s.stderr.join(' | ')}`)), 20_000);
    const check = () => {
      if (s.stdout.some((l) => l.startsWith('BagTrax listening on'))) {
        clearTimeout(timer);
        res();
      }
    };
    s.child.stdout!.on('data', () => setImmediate(check));
    void s.exited.then(() => {
      clearTimeout(timer);
      rej(new Error(`serve exited before listening: ${s.stderr.join(' | ')}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    ...s,
    port,
    url,
    pid: s.child.pid!,
    api: (method, path, body, headers) => request(url, method, path, body, headers),
    stop: (signal = 'SIGTERM') => killChild(s.child, signal),
  };
}

/** One JSON request with the keeper PIN; a connection error rejects (the caller decides what it means). */
export async function request(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiAnswer> {
  const res = await fetch(base + path, {
    method,
    headers: {
      Authorization: `Bearer ${TEST_PIN}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return readAnswer(res);
}

/** A round where nobody scores: the game never ends, so any number of them is accepted. */
export const WASH = { home: { hole: 0, board: 0 }, away: { hole: 0, board: 0 } };

export async function createGame(s: { api: Serve['api'] }, body: Record<string, unknown> = {}) {
  const a = await s.api('POST', '/api/games', { home: { name: 'Home' }, away: { name: 'Away' }, ...body });
  if (a.status !== 201) throw new Error(`create failed: ${a.status} ${a.text}`);
  return a.json as { id: string; version: number };
}

/** Polls `check` until it holds; rejects with `what` after `ms` (a wait, never an assertion on time). */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
