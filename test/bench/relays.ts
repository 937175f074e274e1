// Relays at scale: a private redis-server, a BagTrax primary publishing its venue (PUBLISH=1), relays
// (ROLE=relay) following it, and phones on the relays' streams, all on this machine. A keeper scores
// bags on the primary at the bench's pace; each phone must get every version's events exactly once.
// Measured: delivery from the POST leaving the keeper to each phone on a relay; each relay's CPU per
// bag (/proc) and memory per stream; the primary's CPU per bag with publishing on, and off (the same
// bags on a primary that does not publish); Redis's CPU, memory, commands, network and stream entries
// per bag (INFO, XRANGE). The primary and Redis on core 0, load generators on core 1, as in the rest;
// the relays wherever the kernel puts them.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import { venueKeys } from '../../server/relay/protocol.js';
import { freePort } from '../kit/process.js';
import type { CollectArgs, Collected, RelayOpenArgs, WriteArgs, Written } from './load/main.js';
import { BENCH_PIN, type Plan, type RelayPlan, type Spread } from './plan.js';
import { BENCH_DIR, procCpuMs, startChild, type Child } from './procs.js';
import type { PublishOptions } from './servers/bagtrax.js';
import type { Memory } from './servers/harness.js';
import { spread } from './stats.js';

export interface RelayResult {
  relays: number;
  streams: number;
  loads: number;
  bags: number;
  intervalMs: number;
  /** Phones whose stream did not open with a 200, or ended before the last bag. */
  refused: number;
  dropped: number;
  /** Events (`state` + `refresh-scoreboard` per bag and phone) never received; received twice. */
  lost: number;
  duplicates: number;
  /** Phones that got every bag's events exactly once. */
  exact: number;
  badWrites: number;
  /** From the keeper's POST leaving the load generator to each phone's `state` event on its relay. */
  delivery: Spread;
  /** The keeper's POST to the primary, until its answer. */
  answer: Spread;
  /**
   * Per relay: phones on it, CPU per bag (ms, /proc), RSS grown per phone (bytes, after gc), and the
   * delivery to its own phones.
   */
  perRelay: { streams: number; cpuPerBag: number; bytesPerStream: number; delivery: Spread }[];
  /** The load generators' CPU per bag (ms, /proc, all processes together, on their own core). */
  loadCpuPerBag: number;
  /** The primary's CPU per bag (ms, /proc): publishing to the relays, and the same bags without. */
  primaryCpuPerBag: { publishing: number; off: number };
  redis: RedisFigures;
}

export interface RedisFigures {
  /** used_cpu_user + used_cpu_sys (INFO cpu) over the bags, per bag, ms. */
  cpuPerBag: number;
  /** used_memory (INFO memory) after the bags, and its growth per bag (the stream growing until trimmed). */
  usedMemory: number;
  memoryPerBag: number;
  /** MEMORY USAGE of the venue's stream and its XLEN after the bags. */
  streamMemory: number;
  streamLength: number;
  /** Entries added to the venue's stream per bag, and their mean size (ids, field names and values). */
  entriesPerBag: number;
  entryBytes: number;
  /** Commands processed, bytes in and out (INFO stats) per bag, over every client. */
  commandsPerBag: number;
  netInPerBag: number;
  netOutPerBag: number;
}

type Redis = ReturnType<typeof createClient>;

/**
 * Relays are not pinned: together they need most of a core (about 56 ms per bag each at 4,000 streams,
 * 300 ms apart), which beside the primary and Redis on core 0 left the primary's answer waiting 200 ms.
 */
const PIN_RELAYS = false;

/** `redis-server --port N --save "" --appendonly no` of the bench's own, on core 0 with the servers. */
async function startRedis(pin: boolean): Promise<{ url: string; client: Redis; proc: ChildProcess }> {
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const command = pin ? ['taskset', '-c', '0', 'redis-server', ...args] : ['redis-server', ...args];
  const proc = spawn(command[0]!, command.slice(1), { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (proc.exitCode !== null) throw new Error(`redis-server on ${port} exited at start`);
    const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 1000 } });
    client.on('error', () => undefined);
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return { url, client, proc };
    } catch (err) {
      if (i > 100) throw err;
    }
    await client.close().catch(() => undefined);
    await sleep(50);
  }
}

/** INFO's `name:value` lines as numbers. */
async function info(client: Redis): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const line of (await client.info()).split('\r\n')) {
    const at = line.indexOf(':');
    if (at > 0) out[line.slice(0, at)] = Number(line.slice(at + 1));
  }
  return out;
}

const redisCpuMs = (i: Record<string, number>) => (i.used_cpu_user! + i.used_cpu_sys!) * 1000;

interface Server {
  child: Child;
  port: number;
}

async function startServer(name: string, script: string, pin: boolean, opts: object): Promise<Server> {
  const nodeArgs = process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean);
  const child = startChild(name, resolve(BENCH_DIR, script), { core: pin ? 0 : undefined, nodeArgs });
  const url = await child.call<string>('start', opts);
  return { child, port: Number(new URL(url).port) };
}

const cpuOf = (s: Server) => {
  const ms = procCpuMs(s.child.proc.pid);
  if (ms === null) throw new Error('relays at scale reads CPU from /proc (Linux only)');
  return ms;
};

/** Until the relay on `port` knows the game (it has read the primary's entry for it). */
async function relayHas(port: number, gameId: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const a = await fetch(`http://127.0.0.1:${port}/api/games/${gameId}/state`).catch(() => null);
    if (a?.status === 200) return;
    await sleep(50);
  }
  throw new Error(`the relay on ${port} never showed game ${gameId}`);
}

async function createGame(port: number): Promise<string> {
  const a = await fetch(`http://127.0.0.1:${port}/api/games`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${BENCH_PIN}` },
    body: JSON.stringify({ home: { name: 'Bag Daddies' }, away: { name: 'Hole Patrol' } }),
  });
  if (a.status !== 201) throw new Error(`create game: ${a.status} ${await a.text()}`);
  return ((await a.json()) as { id: string }).id;
}

/** The primary's CPU per bag without publishing: a primary of its own, the same bags, no streams. */
async function primaryOff(plan: Plan, writer: Child): Promise<number> {
  const primary = await startServer('primary-off', 'servers/bagtrax.ts', plan.pin, { dataRoot: '/dev/shm' });
  try {
    const gameId = await createGame(primary.port);
    const before = cpuOf(primary);
    await writer.call<Written>('write', {
      port: primary.port,
      gameId,
      bags: plan.bags,
      intervalMs: plan.intervalMs,
      auth: `Bearer ${BENCH_PIN}`,
    } satisfies WriteArgs);
    await sleep(200);
    return (cpuOf(primary) - before) / plan.bags;
  } finally {
    await primary.child.stop();
  }
}

export async function runRelayBench(
  plan: Plan & { relays: RelayPlan },
  log: (line: string) => void = console.log,
): Promise<RelayResult> {
  const { relays: count, streams, loads: loadCount } = plan.relays;
  const bags = plan.bags;
  const redis = await startRedis(plan.pin);
  const follow: PublishOptions = {
    venue: `bench${randomBytes(4).toString('hex')}`,
    redisUrl: redis.url,
    redisPrefix: 'bagtrax-bench:',
  };
  const loads = Array.from({ length: loadCount }, (_, i) =>
    startChild(`relay-load-${i}`, join(BENCH_DIR, 'load/main.ts'), { core: plan.pin ? 1 : undefined }),
  );
  const servers: Server[] = [];
  try {
    const off = await primaryOff(plan, loads[0]!);
    const primary = await startServer('primary', 'servers/bagtrax.ts', plan.pin, {
      dataRoot: '/dev/shm',
      publish: follow,
    });
    servers.push(primary);
    const relays: Server[] = [];
    for (let i = 0; i < count; i++) {
      const relay = await startServer(`relay-${i}`, 'servers/relay.ts', PIN_RELAYS, { follow });
      relays.push(relay);
      servers.push(relay);
    }
    const gameId = await createGame(primary.port);
    for (const r of relays) await relayHas(r.port, gameId);

    const memBefore = await Promise.all(relays.map((r) => r.child.call<Memory>('memory')));
    const share = Math.floor(streams / loadCount);
    const opened = await Promise.all(
      loads.map((l, i) =>
        l.call<{ opened: number; refused: number }>('openRelayed', {
          ports: relays.map((r) => r.port),
          gameId,
          clients: i === loadCount - 1 ? streams - share * (loadCount - 1) : share,
          bags,
          first: i * share,
        } satisfies RelayOpenArgs),
      ),
    );
    await sleep(300);
    const memAfter = await Promise.all(relays.map((r) => r.child.call<Memory>('memory')));
    // Phone i is on relay i % count, so each relay holds streams / count of them.
    const onRelay = relays.map((_, i) => Math.floor(streams / count) + (i < streams % count ? 1 : 0));
    log(
      `relays at scale: ${opened.reduce((n, o) => n + o.opened, 0)} of ${streams} streams open on ` +
        `${count} relays (${onRelay.join(', ')}), from ${loadCount} load processes`,
    );

    const keys = venueKeys(follow.redisPrefix, follow.venue);
    const last = (await redis.client.sendCommand(['XREVRANGE', keys.stream, '+', '-', 'COUNT', '1'])) as [
      string,
      string[],
    ][];
    const lastId = last[0]?.[0] ?? '0-0';
    const infoBefore = await info(redis.client);
    const cpuBefore = servers.map(cpuOf);
    const loadCpu = () => loads.reduce((n, l) => n + (procCpuMs(l.proc.pid) ?? NaN), 0);
    const loadBefore = loadCpu();
    const written = await loads[0]!.call<Written>('write', {
      port: primary.port,
      gameId,
      bags,
      intervalMs: plan.intervalMs,
      auth: `Bearer ${BENCH_PIN}`,
    } satisfies WriteArgs);
    const collected = await Promise.all(
      loads.map((l) =>
        l.call<Collected>('collect', { sentAt: written.sentAt, settleMs: 10_000 } satisfies CollectArgs),
      ),
    );
    const cpuAfter = servers.map(cpuOf);
    const loadAfter = loadCpu();
    const infoAfter = await info(redis.client);

    const added = (await redis.client.sendCommand(['XRANGE', keys.stream, `(${lastId}`, '+'])) as [
      string,
      string[],
    ][];
    const entryBytes = added.reduce(
      (n, [id, fields]) => n + Buffer.byteLength(id) + fields.reduce((m, f) => m + Buffer.byteLength(f), 0),
      0,
    );
    const streamMemory = Number(await redis.client.sendCommand(['MEMORY', 'USAGE', keys.stream]));
    const streamLength = Number(await redis.client.sendCommand(['XLEN', keys.stream]));
    const delta = (name: string) => (infoAfter[name]! - infoBefore[name]!) / bags;

    const samples = Float64Array.from(collected.flatMap((c) => c.samples.flat()));
    const onlyRelay = (i: number) => Float64Array.from(collected.flatMap((c) => c.samples[i] ?? []));
    const sum = (f: (c: Collected) => number) => collected.reduce((n, c) => n + f(c), 0);
    return {
      relays: count,
      streams,
      loads: loadCount,
      bags,
      intervalMs: plan.intervalMs,
      refused: sum((c) => c.refused),
      dropped: sum((c) => c.dropped),
      lost: sum((c) => c.lost),
      duplicates: sum((c) => c.duplicates),
      exact: sum((c) => c.exact),
      badWrites: written.badWrites,
      delivery: spread(samples),
      answer: written.answer,
      perRelay: relays.map((_, i) => ({
        streams: onRelay[i]!,
        cpuPerBag: (cpuAfter[i + 1]! - cpuBefore[i + 1]!) / bags,
        bytesPerStream: (memAfter[i]!.rss - memBefore[i]!.rss) / onRelay[i]!,
        delivery: spread(onlyRelay(i)),
      })),
      loadCpuPerBag: (loadAfter - loadBefore) / bags,
      primaryCpuPerBag: { publishing: (cpuAfter[0]! - cpuBefore[0]!) / bags, off },
      redis: {
        cpuPerBag: (redisCpuMs(infoAfter) - redisCpuMs(infoBefore)) / bags,
        usedMemory: infoAfter.used_memory!,
        memoryPerBag: delta('used_memory'),
        streamMemory,
        streamLength,
        entriesPerBag: added.length / bags,
        entryBytes: added.length ? entryBytes / added.length : NaN,
        commandsPerBag: delta('total_commands_processed'),
        netInPerBag: delta('total_net_input_bytes'),
        netOutPerBag: delta('total_net_output_bytes'),
      },
    };
  } finally {
    await Promise.all(loads.map((l) => l.call('close').catch(() => undefined)));
    for (const s of servers.reverse()) await s.child.stop();
    await Promise.all(loads.map((l) => l.stop()));
    await redis.client.close().catch(() => undefined);
    const gone = new Promise((r) => redis.proc.once('exit', r));
    redis.proc.kill('SIGTERM');
    await gone;
  }
}
