// A private `redis-server` for tests that break Redis itself: its own free port and folder, without
// persistence, with an append-only file, or with an RDB file written only when the test says SAVE
// (so a restart brings back an older copy). SIGKILL and restart keep the port.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from 'redis';
import { scratchRoot } from './files.js';
import { freePort } from './process.js';
import { until } from './until.js';

export type Persistence = 'none' | 'aof' | 'rdb';

export type RedisAdmin = ReturnType<typeof createClient>;

export interface RedisServer {
  port: number;
  url: string;
  persistence: Persistence;
  /** A client of the test's own (no reconnects: a test that kills Redis opens another). */
  admin(): Promise<RedisAdmin>;
  /** SIGKILL: no shutdown save, no AOF rewrite. */
  kill(): Promise<void>;
  /** Starts it again on the same port and folder (loading what its persistence kept). */
  restart(): Promise<void>;
  /** Kills it and removes its folder. */
  stop(): Promise<void>;
}

export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0;
}

export async function adminClient(url: string): Promise<RedisAdmin> {
  const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 2000 } });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

function argsOf(port: number, dir: string, persistence: Persistence): string[] {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  args.push('--dbfilename', 'dump.rdb', '--logfile', '');
  if (persistence === 'aof') args.push('--appendonly', 'yes', '--appendfsync', 'everysec');
  else args.push('--appendonly', 'no');
  return args;
}

export async function startRedisServer(persistence: Persistence = 'none'): Promise<RedisServer> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(scratchRoot(), 'bagtrax-redis-'));
  const launch = async (): Promise<ChildProcess> => {
    const child = spawn('redis-server', argsOf(port, dir, persistence), { stdio: 'ignore' });
    let exited = false;
    child.once('exit', () => (exited = true));
    await until(async () => {
      if (exited) throw new Error(`redis-server on ${port} exited at start`);
      try {
        const c = await adminClient(url);
        // Loading an RDB or AOF answers LOADING until done.
        const pong = await c.ping().catch(() => null);
        await c.close();
        return pong === 'PONG';
      } catch {
        return false;
      }
    }, `redis-server on ${port}`);
    return child;
  };
  let child = await launch();
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
  };
  return {
    port,
    url,
    persistence,
    admin: () => adminClient(url),
    kill,
    async restart() {
      child = await launch();
    },
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface NamedClient {
  id: string;
  name: string;
}

/** The connections Redis holds whose client name is one of `names` (CLIENT SETNAME). */
export async function clientsNamed(admin: RedisAdmin, names: readonly string[]): Promise<NamedClient[]> {
  const list = String(await admin.sendCommand(['CLIENT', 'LIST', 'TYPE', 'normal']));
  const out: NamedClient[] = [];
  for (const line of list.split('\n')) {
    const f = Object.fromEntries(line.split(' ').map((kv) => kv.split('=', 2) as [string, string]));
    if (f.id && names.includes(f.name ?? '')) out.push({ id: f.id, name: f.name! });
  }
  return out;
}

export async function killClients(admin: RedisAdmin, clients: readonly NamedClient[]): Promise<void> {
  for (const c of clients) await admin.sendCommand(['CLIENT', 'KILL', 'ID', c.id]);
}

/** Every key under `prefix` and every string its value holds (hash fields and values, stream entries). */
export async function dumpKeys(admin: RedisAdmin, prefix: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  let cursor = '0';
  do {
    const [next, keys] = (await admin.sendCommand([
      'SCAN',
      cursor,
      'MATCH',
      `${prefix}*`,
      'COUNT',
      '1000',
    ])) as [string, string[]];
    cursor = next;
    for (const key of keys) {
      const type = String(await admin.sendCommand(['TYPE', key]));
      let values: string[];
      if (type === 'string') values = [String(await admin.get(key))];
      else if (type === 'hash') values = Object.entries(await admin.hGetAll(key)).flat();
      else if (type === 'stream') {
        const entries = (await admin.sendCommand(['XRANGE', key, '-', '+'])) as Array<[string, string[]]>;
        values = entries.flatMap(([id, fields]) => [id, ...fields]);
      } else if (type === 'list') values = await admin.lRange(key, 0, -1);
      else if (type === 'set') values = await admin.sMembers(key);
      else if (type === 'zset') values = await admin.zRange(key, 0, -1);
      else values = [`<${type}>`];
      out.set(key, values);
    }
  } while (cursor !== '0');
  return out;
}
