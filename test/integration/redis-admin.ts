// Redis as the tests see it from outside: which connections belong to one server process (found
// through /proc, so parallel tests sharing the system Redis are never touched), killing them, and a
// private throwaway redis-server for tests that must stop Redis itself.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { createClient } from 'redis';
import { freePort } from '../kit/process.js';
import { until } from '../kit/until.js';

export type Admin = ReturnType<typeof createClient>;

export async function adminClient(url: string): Promise<Admin> {
  const client = createClient({ url, socket: { reconnectStrategy: false } });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Local ports of the TCP connections `pid` holds to `redisPort` (Linux /proc). */
export function redisPortsOf(pid: number, redisPort: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // the fd closed while we looked
    }
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // f[1] local, f[2] remote, f[3] state (01 = established), f[9] inode
      if (f.length < 10 || f[3] !== '01' || !inodes.has(f[9]!)) continue;
      const remotePort = parseInt(f[2]!.split(':')[1]!, 16);
      if (remotePort === redisPort) ports.push(parseInt(f[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

export interface RedisConn {
  id: string;
  port: number;
  name: string;
  /** Pattern subscriptions: 1 on the hub's subscriber, 0 on its publisher. */
  psub: number;
}

/** The connections Redis sees from `pid`. */
export async function connectionsOf(admin: Admin, pid: number, redisPort: number): Promise<RedisConn[]> {
  const ports = new Set(redisPortsOf(pid, redisPort));
  const list = String(await admin.sendCommand(['CLIENT', 'LIST']));
  const conns: RedisConn[] = [];
  for (const line of list.split('\n')) {
    const f = Object.fromEntries(line.split(' ').map((kv) => kv.split('=', 2) as [string, string]));
    const port = Number((f.addr ?? '').split(':').pop());
    if (ports.has(port)) conns.push({ id: f.id!, port, name: f.name ?? '', psub: Number(f.psub ?? 0) });
  }
  return conns;
}

/** The hub's two connections (named `bagtrax-hub`), leaving out the PIN limiter's own. */
export async function hubConnectionsOf(admin: Admin, pid: number, redisPort: number): Promise<RedisConn[]> {
  return (await connectionsOf(admin, pid, redisPort)).filter((c) => c.name === 'bagtrax-hub');
}

export async function killConnections(admin: Admin, conns: RedisConn[]): Promise<void> {
  for (const c of conns) await admin.sendCommand(['CLIENT', 'KILL', 'ID', c.id]);
}

/** Waits until `pid` has a publisher and a subscriber connection again, none of them in `killed`. */
export async function waitForHub(admin: Admin, pid: number, redisPort: number, killed: RedisConn[] = []) {
  const gone = new Set(killed.map((c) => c.id));
  await until(async () => {
    const live = (await hubConnectionsOf(admin, pid, redisPort)).filter((c) => !gone.has(c.id));
    return live.some((c) => c.psub === 1) && live.some((c) => c.psub === 0);
  }, `the hub of ${pid} to reconnect`);
}

export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0;
}

export interface PrivateRedis {
  port: number;
  url: string;
  child: ChildProcess;
  kill(): Promise<void>;
  /** Starts it again on the same port (after kill). */
  restart(): Promise<void>;
}

/** A throwaway redis-server on a free loopback port, without persistence. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const launch = async (): Promise<ChildProcess> => {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await until(async () => {
      try {
        const c = await adminClient(url);
        await c.close();
        return true;
      } catch {
        return false;
      }
    }, `redis-server on ${port}`);
    return child;
  };
  const r: PrivateRedis = {
    port,
    url,
    child: await launch(),
    async kill() {
      const c = r.child;
      if (c.exitCode !== null || c.signalCode !== null) return;
      const gone = new Promise((res) => c.once('exit', res));
      c.kill('SIGKILL');
      await gone;
    },
    async restart() {
      r.child = await launch();
    },
  };
  return r;
}
