// No device can lock the keepers out (issue 13): a `serve` at 1,024 open files, one device holding
// 1,500 connections from 127.0.0.2 and re-opening each as it closes, in a process of its own; a keeper
// on 127.0.0.3 records bag after bag, each on a new connection, and every one is answered and
// recorded, while a spectator's stream opened before the flood keeps receiving them. Once with the
// default cap per address, once with that cap lifted so that only the reserve of open files holds.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../kit/files.js';
import { fromAddress } from '../kit/from-address.js';
import { freePort } from '../kit/process.js';
import { ROOT, SERVER_COMMAND } from '../kit/server.js';
import { TEST_PIN } from '../kit/settings.js';
import { SseClient } from '../kit/sse.js';
import { until } from '../kit/until.js';

const ATTACKER = join(ROOT, 'test/integration/flood/attacker.ts');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  removeTempDirs();
});

interface Proc {
  child: ChildProcess;
  lines: string[];
}

function run(command: string, args: string[], env: Record<string, string>): Proc {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: string[] = [];
  let rest = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr!.on('data', (chunk: Buffer) => lines.push(`stderr: ${chunk.toString('utf8').trim()}`));
  return { child, lines };
}

/** `serve` under `ulimit -n 1024`, set by the shell that then becomes the server. */
async function serveAt1024(env: Record<string, string>): Promise<{ url: string; pid: number; proc: Proc }> {
  const port = await freePort();
  const proc = run(
    '/bin/bash',
    ['-c', 'ulimit -n 1024 && exec "$0" "$@"', process.execPath, ...SERVER_COMMAND],
    {
      HOST: '127.0.0.1',
      PORT: String(port),
      MDNS: '0',
      HUB: 'local',
      KEEPER_PIN: TEST_PIN,
      DATA_DIR: tempDir(),
      ...env,
    },
  );
  await until(() => proc.lines.some((l) => l.startsWith('BagTrax listening on')), 'serve to listen', 20_000);
  return { url: `http://127.0.0.1:${port}`, pid: proc.child.pid!, proc };
}

interface Figures {
  open: number;
  peak: number;
  opened: number;
  closedByServer: number;
  errors: number;
}
const latest = (p: Proc): Figures | null => {
  const line = [...p.lines].reverse().find((l) => l.startsWith('{'));
  return line ? (JSON.parse(line) as Figures) : null;
};

async function health(url: string) {
  const a = await fromAddress('127.0.0.1', url, '/api/health');
  return a.json.connections as {
    open: number;
    openFiles: number;
    refused: number;
    shed: number;
    busiest: number;
  };
}

async function floodWhileKeeping(env: Record<string, string>) {
  const server = await serveAt1024(env);
  const limits = readFileSync(`/proc/${server.pid}/limits`, 'utf8');
  expect(limits).toMatch(/Max open files\s+1024\s+1024/);
  const bearer = { Authorization: `Bearer ${TEST_PIN}`, 'Content-Type': 'application/json' };
  const created = await fromAddress('127.0.0.3', server.url, '/api/games', {
    method: 'POST',
    headers: bearer,
    body: '{"home":{"name":"Keepers"},"away":{"name":"Flood"}}',
  });
  expect(created.status).toBe(201);
  const id = created.json.id as string;
  const spectator = await SseClient.open(`${server.url}/games/${id}/events?since=0`);

  const port = new URL(server.url).port;
  const attacker = run(process.execPath, ['--import', 'tsx', ATTACKER], {
    TARGET_PORT: port,
    LOCAL_ADDRESS: '127.0.0.2',
    CONNECTIONS: '1500',
    DURATION_MS: '90000',
  });
  // The flood is on once the device has opened its 1,500 and the server has had to turn it away.
  await until(
    async () =>
      (latest(attacker)?.opened ?? 0) >= 1500 &&
      (await health(server.url)).refused + (await health(server.url)).shed >= 1500,
    'the flood to press on the server',
    45_000,
  );

  const WRITES = 40;
  const answers: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    const a = await fromAddress('127.0.0.3', server.url, `/api/games/${id}/rounds`, {
      method: 'POST',
      headers: bearer,
      body: '{"home":{"hole":0,"board":0},"away":{"hole":0,"board":0}}',
      timeoutMs: 30_000,
    });
    answers.push(a.status);
  }
  const during = await health(server.url);
  const flood = latest(attacker)!;
  attacker.child.kill('SIGTERM');

  expect(answers).toEqual(Array<number>(WRITES).fill(200));
  const state = await fromAddress('127.0.0.3', server.url, `/api/games/${id}/state`);
  expect(state.json.version).toBe(WRITES);
  await spectator.waitFor((events) => events.some((e) => e.event === 'state' && Number(e.id) === WRITES));
  expect(spectator.ended).toBe(false);
  spectator.close();
  // The device really kept trying: it opened far more than it was ever let hold.
  expect(flood.opened).toBeGreaterThan(1500);
  expect(during.openFiles).toBeLessThan(1024);
  return { during, flood };
}

describe('one device flooding a server at 1,024 open files', () => {
  it('with the cap per address: the device is turned away, every keeper write succeeds', async () => {
    const { during } = await floodWhileKeeping({});
    expect(during.busiest).toBeLessThanOrEqual(64);
    expect(during.refused).toBeGreaterThan(0);
  });

  it('with that cap lifted: the reserve of open files sheds the device, every keeper write succeeds', async () => {
    const { during } = await floodWhileKeeping({ HTTP_MAX_CONNECTIONS_PER_ADDRESS: '100000' });
    expect(during.refused).toBe(0);
    expect(during.shed).toBeGreaterThan(0);
    // It held most of the files there were, and still the keeper got in.
    expect(during.busiest).toBeGreaterThan(500);
  });
});
