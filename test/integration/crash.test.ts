// `serve` as a real process (issue 4): acknowledged writes survive SIGKILL, an idempotency key holds
// across a restart, bad settings stop it with one line naming the setting, and SIGINT stops it cleanly.
import Database from 'libsql';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diskRoot, tempDir } from '../kit/files.js';
import { freePort } from '../kit/process.js';
import { WASH, cleanup, runServerProcess, startTestServer, type ChildServer } from '../kit/server.js';
import { SseClient } from '../kit/sse.js';
import { until } from '../kit/until.js';

afterEach(cleanup);

/** A `serve` process on `dataDir`. */
const serve = (dataDir: string) => startTestServer({ child: true, dataDir });

interface Round {
  home: { hole: number; board: number; miss: number };
  away: { hole: number; board: number; miss: number };
}

describe('serve survives a crash', () => {
  it('keeps every acknowledged write after SIGKILL, with a gapless log', async () => {
    // Disk-backed on purpose: the durability promise is about a real file system.
    const dataDir = tempDir(diskRoot());
    let server: ChildServer = await serve(dataDir);
    const game = await server.createGame();
    const acked: number[] = [];
    let killed = false;
    let problem: string | null = null;
    // Four keepers record whole rounds as fast as the server takes them, until it dies under them.
    const keeper = async () => {
      while (!killed && problem === null) {
        try {
          const a = await server.api('POST', `/api/games/${game.id}/rounds`, WASH);
          if (a.status === 200) acked.push((a.json as { version: number }).version);
          else problem = `${a.status} ${a.text}`;
        } catch (err) {
          if (!killed) problem = String(err);
        }
      }
    };
    const keepers = Array.from({ length: 4 }, keeper);
    await until(() => acked.length >= 120 || problem !== null, '120 acknowledged writes', 25_000);
    expect(problem).toBeNull();
    killed = true;
    const exit = await server.stop('SIGKILL');
    await Promise.all(keepers);
    expect(exit.signal).toBe('SIGKILL');

    server = await serve(dataDir);
    const state = (await server.api('GET', `/api/games/${game.id}/state`)).json as {
      version: number;
      rounds: Round[];
    };
    const v = state.version;
    expect(new Set(acked).size).toBe(acked.length);
    expect(Math.max(...acked)).toBeLessThanOrEqual(v);
    expect(acked.length).toBeLessThanOrEqual(v);
    // Every version is one whole round of four bags a side, nothing lost, nothing doubled.
    expect(state.rounds).toHaveLength(v);
    for (const r of state.rounds) {
      expect(r.home.hole + r.home.board + r.home.miss).toBe(4);
      expect(r.away.hole + r.away.board + r.away.miss).toBe(4);
    }
    await server.stop('SIGTERM');

    const db = new Database(join(dataDir, 'bagtrax.db'), { readonly: true });
    try {
      const seqs = db
        .prepare('SELECT seq FROM game_events WHERE game_id = ? ORDER BY seq')
        .raw(true)
        .all(game.id) as number[][];
      // seq 0 is game_created; 1..V are the accepted writes.
      expect(seqs.map((row) => row[0])).toEqual(Array.from({ length: v + 1 }, (_, i) => i));
      const row = db.prepare('SELECT version FROM games WHERE id = ?').raw(true).get(game.id) as number[];
      expect(row[0]).toBe(v);
    } finally {
      db.close();
    }
  });

  it('counts a bag sent five times with one Idempotency-Key once, before and after a restart', async () => {
    const dataDir = tempDir(diskRoot());
    let server = await serve(dataDir);
    const game = await server.createGame();
    const path = `/api/games/${game.id}/throws`;
    const bag = { side: 'home', result: 'hole' };
    const key = { 'Idempotency-Key': 'crash-test-bag-1' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => server.api('POST', path, bag, key)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    for (const a of answers) expect(a.json).toEqual(answers[0]!.json);
    expect((answers[0]!.json as { version: number }).version).toBe(1);

    expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    server = await serve(dataDir);
    const again = await server.api('POST', path, bag, key);
    expect(again.status).toBe(200);
    expect(again.json).toEqual(answers[0]!.json);
    expect((await server.api('GET', `/api/games/${game.id}/state`)).json.version).toBe(1);
    // Positive control: a new key is a new bag.
    const other = await server.api('POST', path, bag, { 'Idempotency-Key': 'crash-test-bag-2' });
    expect(other.json.version).toBe(2);
  });
});

describe('serve refuses bad settings with one line naming the setting', () => {
  const errorLines = (s: { stderr: string[] }) => s.stderr.filter((l) => l.trim() !== '');

  it('names PORT, REDIS_URL and ROLE, and exits non-zero', async () => {
    const busy: Server = createServer();
    const busyPort = await freePort();
    await new Promise<void>((r) => busy.listen(busyPort, '127.0.0.1', r));
    try {
      const dir = tempDir(diskRoot());
      const cases: [Record<string, string>, RegExp][] = [
        [{ PORT: 'abc' }, /\bPORT\b/],
        [{ PORT: String(busyPort) }, /\bPORT\b/],
        [{ PORT: '0', HUB: 'redis', REDIS_URL: 'redis://127.0.0.1:1' }, /\bREDIS_URL\b/],
        [{ PORT: '0', ROLE: 'relay' }, /\bROLE\b/],
      ];
      const runs = await Promise.all(cases.map(([env]) => runServerProcess({ DATA_DIR: dir, ...env })));
      runs.forEach((run, i) => {
        const lines = errorLines(run);
        expect(lines, JSON.stringify(cases[i]![0])).toHaveLength(1);
        expect(lines[0]).toMatch(cases[i]![1]);
        expect(run.code).not.toBe(0);
        expect(run.signal).toBeNull();
        expect(run.stdout.join('\n')).not.toMatch(/listening/);
      });
    } finally {
      busy.close();
    }
  });

  it('stops cleanly on SIGINT while an event stream is open, ending the stream', async () => {
    const server = await serve(tempDir(diskRoot()));
    const game = await server.createGame();
    const sse = await SseClient.open(`${server.url}/games/${game.id}/events?since=0`);
    expect(sse.status).toBe(200);
    const exit = await server.stop('SIGINT');
    await sse.waitForEnd();
    expect(sse.ended).toBe(true);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.stderr.filter((l) => l.trim() !== '')).toEqual([]);
  });
});
