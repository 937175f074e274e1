// One way to start a BagTrax server for a test: in this process (startServer on port 0, fresh
// DATA_DIR) or as a child process running the built server, both with the same client (api, get,
// createGame) and stop(). Child processes still alive after a test are killed by cleanup().
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type RunningServer, type ServerSettings } from '../../server/start.js';
import { readAnswer, type Answer } from './answer.js';
import { removeDir, removeTempDirs, scratchRoot } from './files.js';
import { watchOutput, type Exit } from './process.js';
import { settingsEnv, TEST_PIN, testSettings } from './settings.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A child server is the built bundle (what `npm run serve` and Electron run), `node out/server/cli.js`
 * in the project folder: its pid is the server's own (no shell between). The test suites' global
 * setup builds it when it is missing or older than the source.
 */
export const SERVER_COMMAND: readonly string[] = ['out/server/cli.js'];

/** A round where nobody scores: the game never ends, so any number of them is accepted. */
export const WASH = { home: { hole: 0, board: 0 }, away: { hole: 0, board: 0 } };

export type NewGame = { id: string; version: number } & Record<string, unknown>;

/** What every test server offers, wherever it runs. */
export interface TestServer {
  url: string;
  port: number;
  /** The PIN `api` sends (TEST_PIN unless the settings name another). */
  pin: string;
  dataDir: string;
  /** JSON request with the PIN; `auth: false` leaves the PIN out. */
  api(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
    auth?: boolean,
  ): Promise<Answer>;
  /** GET without the PIN, as a spectator. */
  get(path: string, headers?: Record<string, string>): Promise<Answer>;
  createGame(body?: Record<string, unknown>): Promise<NewGame>;
  stop(): Promise<unknown>;
}

export interface InProcessServer extends TestServer, Omit<RunningServer, 'stop'> {
  stop(): Promise<void>;
}

export interface ChildServer extends TestServer {
  child: ChildProcess;
  pid: number;
  stdout: string[];
  stderr: string[];
  /** How the process ended, once it has. */
  exited: Promise<Exit>;
  /** Sends `signal` (SIGTERM by default) and resolves with how the process ended. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

/**
 * Settings over the test defaults; `child: true` runs the server as a child process, `at` names
 * another folder to run it in (say, a production install of the built server; ROOT by default).
 */
export type StartOptions = Partial<ServerSettings> & {
  child?: boolean;
  at?: string;
  /** A child's extra environment, over the settings' own (a setting the test names as `serve` reads it). */
  env?: Record<string, string>;
};

export function startTestServer(options?: StartOptions & { child?: false }): Promise<InProcessServer>;
export function startTestServer(options: StartOptions & { child: true }): Promise<ChildServer>;
export function startTestServer(options?: StartOptions): Promise<InProcessServer | ChildServer>;
export async function startTestServer({
  child = false,
  at = ROOT,
  env = {},
  ...overrides
}: StartOptions = {}) {
  const ownDir = overrides.dataDir === undefined;
  const dataDir = overrides.dataDir ?? mkdtempSync(join(scratchRoot(), 'bagtrax-test-'));
  const settings = testSettings({ keeperPin: TEST_PIN, ...overrides, dataDir });
  const pin = settings.keeperPin ?? TEST_PIN;
  try {
    return child
      ? await startChild(settings, pin, ownDir, at, env)
      : await startInProcess(settings, pin, ownDir);
  } catch (err) {
    if (ownDir) removeDir(dataDir);
    throw err;
  }
}

async function startInProcess(settings: ServerSettings, pin: string, ownDir: boolean) {
  const running = await startServer(settings);
  const server: InProcessServer = {
    ...running,
    ...clientFor(running.url, pin),
    pin,
    async stop() {
      await running.stop();
      if (ownDir) removeDir(settings.dataDir);
    },
  };
  return server;
}

/** Child servers not yet seen to end, with their end: cleanup() kills them. */
const children = new Map<ChildProcess, Promise<Exit>>();

function spawnServer(env: Record<string, string>, at = ROOT) {
  const child = spawn(process.execPath, [...SERVER_COMMAND], {
    cwd: at,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = watchOutput(child);
  children.set(child, output.closed);
  void output.closed.then(() => children.delete(child));
  return { child, output };
}

const LISTENING = /^BagTrax listening on (\S+)/;

async function startChild(
  settings: ServerSettings,
  pin: string,
  ownDir: boolean,
  at: string,
  env: Record<string, string>,
): Promise<ChildServer> {
  const { child, output } = spawnServer({ ...settingsEnv(settings), ...env }, at);
  const exited = ownDir ? output.closed.then((e) => (removeDir(settings.dataDir), e)) : output.closed;
  const listening = () => output.stdout.some((l) => LISTENING.test(l));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  try {
    await output.until(listening, 'the server to listen');
  } finally {
    clearTimeout(timer);
  }
  const printed = new URL(LISTENING.exec(output.stdout.find((l) => LISTENING.test(l))!)![1]!);
  const port = Number(printed.port);
  const anyAddress = settings.host === '0.0.0.0' || settings.host === '::';
  const url = anyAddress ? `http://127.0.0.1:${port}` : printed.origin;
  return {
    ...clientFor(url, pin),
    url,
    port,
    pin,
    dataDir: settings.dataDir,
    child,
    pid: child.pid!,
    stdout: output.stdout,
    stderr: output.stderr,
    exited,
    stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/**
 * Runs a child server that is expected to stop by itself (bad settings): the test environment plus
 * `env`, SIGKILLed after `capMs` if it does not.
 */
export async function runServerProcess(env: Record<string, string>, capMs = 15_000) {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(scratchRoot(), 'bagtrax-test-'));
  const settings = testSettings({ keeperPin: TEST_PIN, dataDir });
  const { child, output } = spawnServer({ ...settingsEnv(settings), ...env });
  const timer = setTimeout(() => child.kill('SIGKILL'), capMs);
  const exit = await output.closed;
  clearTimeout(timer);
  if (env.DATA_DIR === undefined) removeDir(dataDir);
  return { stdout: output.stdout, stderr: output.stderr, ...exit };
}

/** SIGKILLs every child server still running and removes the folders tempDir() made. */
export async function cleanup(): Promise<void> {
  await Promise.all(
    [...children].map(([child, closed]) => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return closed;
    }),
  );
  removeTempDirs();
}

function clientFor(url: string, pin: string): Pick<TestServer, 'api' | 'get' | 'createGame'> {
  const api: TestServer['api'] = async (method, path, body, headers = {}, auth = true) => {
    const res = await fetch(url + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(auth ? { Authorization: `Bearer ${pin}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return readAnswer(res);
  };
  return {
    api,
    get: (path, headers) => api('GET', path, undefined, headers, false),
    async createGame(body = {}) {
      const a = await api('POST', '/api/games', { home: { name: 'Home' }, away: { name: 'Away' }, ...body });
      if (a.status !== 201) throw new Error(`create failed: ${a.status} ${a.text}`);
      return a.json as NewGame;
    },
  };
}
