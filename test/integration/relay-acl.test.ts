// The README's Redis users, for real: a private redis-server gets the very `ACL SETUSER` commands the
// README prints; a primary publishes as the venue's user and a relay follows as the relay's user,
// with no command of theirs refused (ACL LOG stays empty); the relay's user cannot write anything or
// read another venue, nor can the venue's. Then the same over TLS (`rediss://`, a private CA handed
// to Node with NODE_EXTRA_CA_CERTS, as the README says), and a relay without that CA refused.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from 'redis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startRelay, type RunningRelay } from '../../server/relay/start.js';
import { removeTempDirs, tempDir } from '../kit/files.js';
import { freePort } from '../kit/process.js';
import { raw } from '../kit/raw.js';
import {
  cleanup,
  ROOT,
  runServerProcess,
  startTestServer,
  type ChildServer,
  type InProcessServer,
  type TestServer,
} from '../kit/server.js';
import { relaySettings } from '../kit/settings.js';
import { until } from '../kit/until.js';
import { hasRedisServer } from './redis-admin.js';

const VENUE = 'club42';
const PREFIX = 'bagtrax:';
const VENUE_USER = 'bagtrax-club42:venue-secret';
const RELAY_USER = 'relay-club42:relay-secret';

/** The words of a shell command line as sh reads them: single quotes and backslashes. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let open = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unclosed quote in ${line}`);
      word += line.slice(i + 1, end);
      open = true;
      i = end;
    } else if (c === '\\') {
      word += line[++i] ?? '';
      open = true;
    } else if (/\s/.test(c)) {
      if (open) words.push(word);
      word = '';
      open = false;
    } else {
      word += c;
      open = true;
    }
  }
  if (open) words.push(word);
  return words;
}

/** The README's `redis-cli ACL SETUSER …` commands, as Redis arguments. */
function readmeAclCommands(): string[][] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf('<!-- test/integration/relay-acl.test.ts runs these very commands -->');
  expect(at, 'the README marks its ACL commands').toBeGreaterThan(0);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at))![1]!;
  const commands = block
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((l) => l.trim().startsWith('redis-cli '))
    .map((l) => shellWords(l).slice(1));
  expect(commands.map((c) => c.slice(0, 3).join(' '))).toEqual([
    'ACL SETUSER bagtrax-club42',
    'ACL SETUSER relay-club42',
  ]);
  return commands;
}

interface Redis {
  port: number;
  child: ChildProcess;
  /** A URL for `user` (`name:password`), or the default user's. */
  url(user?: string): string;
  admin: ReturnType<typeof createClient>;
  stop(): Promise<void>;
}

/** A throwaway redis-server on a free loopback port; `tls` makes it speak only TLS there. */
async function privateRedis(tls?: { cert: string; key: string; ca: string }): Promise<Redis> {
  const port = await freePort();
  const args = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  if (tls) {
    args.push('--port', '0', '--tls-port', String(port), '--tls-auth-clients', 'no');
    args.push('--tls-cert-file', tls.cert, '--tls-key-file', tls.key, '--tls-ca-cert-file', tls.ca);
  } else args.push('--port', String(port));
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const scheme = tls ? 'rediss' : 'redis';
  const url = (user?: string) => `${scheme}://${user ? `${user}@` : ''}127.0.0.1:${port}`;
  const connectAdmin = async () => {
    const c = createClient({
      url: url(),
      socket: { reconnectStrategy: false, ...(tls ? { tls: true, ca: readFileSync(tls.ca) } : {}) },
    });
    c.on('error', () => undefined);
    await c.connect();
    return c;
  };
  let admin: Awaited<ReturnType<typeof connectAdmin>> | undefined;
  await until(async () => {
    try {
      admin = await connectAdmin();
      return true;
    } catch {
      return false;
    }
  }, `redis-server on ${port}`);
  return {
    port,
    child,
    url,
    admin: admin!,
    async stop() {
      admin!.destroy();
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await gone;
    },
  };
}

/** Entries of ACL LOG, but for CLIENT SETINFO (which the client sends at connect and may be refused). */
async function aclRefusals(admin: Redis['admin']): Promise<string[]> {
  const log = (await admin.sendCommand(['ACL', 'LOG'])) as unknown[];
  return log
    .map((entry) => {
      const flat = entry as unknown[];
      const f: Record<string, unknown> = {};
      for (let i = 0; i + 1 < flat.length; i += 2) f[String(flat[i])] = flat[i + 1];
      return `${String(f.username)} ${String(f.reason)} ${String(f.object)}`;
    })
    .filter((line) => !/client\|setinfo/.test(line));
}

/** A round that leaves the game live; the score moves by one for the home side. */
const ROUND = { home: { hole: 0, board: 1 }, away: { hole: 0, board: 0 } };

async function stateOf(server: { url: string }, id: string): Promise<{ version: number } | null> {
  const a = await raw(server.url, `/api/games/${id}/state`);
  return a.status === 200 ? (a.json as { version: number }) : null;
}

async function followed(relay: { url: string }, id: string, version: number): Promise<void> {
  await until(async () => (await stateOf(relay, id))?.version === version, `the relay at version ${version}`);
}

const redises: Redis[] = [];
const servers: Array<TestServer | InProcessServer | ChildServer> = [];
const relays: RunningRelay[] = [];
afterEach(async () => {
  await Promise.all(relays.splice(0).map((r) => r.stop()));
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  await Promise.all(redises.splice(0).map((r) => r.stop()));
});
afterAll(async () => {
  await cleanup();
  removeTempDirs();
});

describe.skipIf(!hasRedisServer())('the README’s Redis users', () => {
  it('let a primary publish and a relay follow, and let neither do anything else', async () => {
    const redis = await privateRedis();
    redises.push(redis);
    for (const command of readmeAclCommands()) {
      expect(await redis.admin.sendCommand(command), command.join(' ')).toBe('OK');
    }
    const primary = await startTestServer({
      publish: true,
      venue: VENUE,
      redisPrefix: PREFIX,
      redisUrl: redis.url(VENUE_USER),
    });
    servers.push(primary);
    const game = await primary.createGame({ board: 1 });
    expect((await primary.api('POST', `/api/games/${game.id}/rounds`, ROUND)).status).toBe(200);

    // A relay started after the game exists loads the snapshot, then follows the stream.
    const relay = await startRelay(
      relaySettings({ venue: VENUE, redisPrefix: PREFIX, redisUrl: redis.url(RELAY_USER) }),
    );
    relays.push(relay);
    await followed(relay, game.id, 1);
    for (let v = 2; v <= 4; v++) {
      expect((await primary.api('POST', `/api/games/${game.id}/rounds`, ROUND)).status).toBe(200);
      await followed(relay, game.id, v);
    }
    expect(relay.status().state).toBe('following');
    // Everything the primary and the relay did, they were allowed to.
    expect(await aclRefusals(redis.admin)).toEqual([]);

    const keys = (await redis.admin.sendCommand(['KEYS', '*'])) as string[];
    expect(keys.length).toBeGreaterThan(0);
    expect(
      keys.every((k) => k.startsWith(`${PREFIX}{${VENUE}}:`)),
      keys.join(' '),
    ).toBe(true);
    const stream = `${PREFIX}{${VENUE}}:stream`;
    const entries = await redis.admin.xLen(stream);

    const as = async (user: string) => {
      const c = createClient({ url: redis.url(user), socket: { reconnectStrategy: false } });
      c.on('error', () => undefined);
      await c.connect();
      return c;
    };
    const relayUser = await as(RELAY_USER);
    const venueUser = await as(VENUE_USER);
    try {
      // The relay's user reads its venue…
      expect(await relayUser.hGetAll(`${PREFIX}{${VENUE}}:meta`)).toHaveProperty('epoch');
      // …and can change nothing, nor read any other venue.
      const other = `${PREFIX}{other}:venue`;
      await redis.admin.set(other, '{}');
      const refused: string[][] = [
        ['SET', `${PREFIX}{${VENUE}}:venue`, '{}'],
        ['XADD', stream, '*', 'ep', 'x'],
        ['HSET', `${PREFIX}{${VENUE}}:games`, 'x', '{}'],
        ['DEL', `${PREFIX}{${VENUE}}:games`],
        ['FCALL', 'bagtrax_beat', '1', `${PREFIX}{${VENUE}}:meta`, 'x', '1'],
        [
          'FUNCTION',
          'LOAD',
          'REPLACE',
          '#!lua name=x\nredis.register_function("x", function() return 1 end)',
        ],
        ['FUNCTION', 'DELETE', 'bagtrax_relay_1'],
        ['GET', other],
        ['KEYS', '*'],
        ['FLUSHALL'],
        ['CONFIG', 'GET', 'requirepass'],
        ['PUBLISH', `${PREFIX}venue`, 'x'],
      ];
      for (const command of refused) {
        await expect(relayUser.sendCommand(command), `relay: ${command[0]}`).rejects.toThrow(/NOPERM/);
      }
      for (const command of [
        ['GET', other],
        ['HSET', `${PREFIX}{other}:meta`, 'epoch', 'x'],
        ['FLUSHALL'],
        ['KEYS', '*'],
      ]) {
        await expect(venueUser.sendCommand(command), `venue: ${command.join(' ')}`).rejects.toThrow(/NOPERM/);
      }
      await redis.admin.del(other);
    } finally {
      relayUser.destroy();
      venueUser.destroy();
    }
    // Nothing changed: the stream, the relay and the functions are as they were.
    expect(await redis.admin.xLen(stream)).toBe(entries);
    expect((await stateOf(relay, game.id))?.version).toBe(4);
    expect((await primary.api('POST', `/api/games/${game.id}/rounds`, ROUND)).status).toBe(200);
    await followed(relay, game.id, 5);
  });
});

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

/** A private CA and a certificate for 127.0.0.1 signed by it, made with openssl. */
function certificates(): { cert: string; key: string; ca: string } {
  const dir = tempDir();
  const run = (...args: string[]) => {
    const out = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`openssl ${args[0]}: ${out.stderr}`);
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=BagTrax test CA',
  );
  run('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  run(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'san.ext',
  );
  return { cert: join(dir, 'server.pem'), key: join(dir, 'server.key'), ca: join(dir, 'ca.pem') };
}

describe.skipIf(!hasRedisServer() || !hasOpenssl)('rediss:// (TLS)', () => {
  it('carries the same users with NODE_EXTRA_CA_CERTS, and a relay without the CA does not start', async () => {
    const tls = certificates();
    const redis = await privateRedis(tls);
    redises.push(redis);
    for (const command of readmeAclCommands()) expect(await redis.admin.sendCommand(command)).toBe('OK');
    const env = { NODE_EXTRA_CA_CERTS: tls.ca };
    const primary = await startTestServer({
      child: true,
      env,
      publish: true,
      venue: VENUE,
      redisPrefix: PREFIX,
      redisUrl: redis.url(VENUE_USER),
    });
    servers.push(primary);
    const game = await primary.createGame({ board: 1 });
    const relay = await startTestServer({
      child: true,
      env,
      role: 'relay',
      hub: 'redis',
      venue: VENUE,
      redisPrefix: PREFIX,
      redisUrl: redis.url(RELAY_USER),
    });
    servers.push(relay);
    await followed(relay, game.id, 0);
    expect((await primary.api('POST', `/api/games/${game.id}/rounds`, ROUND)).status).toBe(200);
    await followed(relay, game.id, 1);
    expect(await aclRefusals(redis.admin)).toEqual([]);

    // Without the CA, Node does not trust the server's certificate: one line naming REDIS_URL, no start.
    const untrusted = await runServerProcess({
      ROLE: 'relay',
      HUB: 'redis',
      VENUE,
      REDIS_PREFIX: PREFIX,
      REDIS_URL: redis.url(RELAY_USER),
      PORT: '0',
      NODE_EXTRA_CA_CERTS: '',
    });
    expect(untrusted.code).not.toBe(0);
    expect(untrusted.stderr.filter((l) => l.trim())).toHaveLength(1);
    const line = untrusted.stderr.join('\n');
    expect(line).toMatch(/^BagTrax cannot start: Cannot reach Redis at REDIS_URL=rediss:\/\//m);
    expect(line).toMatch(/certificate/i);
    expect(line).not.toContain('relay-secret');
  });
});
