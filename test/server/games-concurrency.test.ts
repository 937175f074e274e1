// Several writers on one database: two services in this process, two child processes hammering one
// game, and a writer killed mid-stream. Versions must stay unique and gapless, acks must be kept.
import { describe, expect, it } from 'vitest';
import type { GameState } from '../../server/domain/index.js';
import { Store } from '../../server/store/index.js';
import { accepted, created, lines, openGames, runFixture, teams, tempDataDir } from './store/helpers.js';

const miss = (side: 'home' | 'away') => ({ type: 'throw', side, result: 'miss' }) as const;

/** Every bag in the game's rounds and in the round being thrown. */
function bagsIn(state: GameState): number {
  const count = (c: { hole: number; board: number; miss: number }) => c.hole + c.board + c.miss;
  const closed = state.rounds.reduce((sum, r) => sum + count(r.home) + count(r.away), 0);
  return closed + count(state.round.home) + count(state.round.away);
}

/** The seqs of a game's log, read straight from the file. */
function logSeqs(dataDir: string, id: string): number[] {
  const store = Store.open(dataDir);
  try {
    return store.events(id).map((e) => e.seq);
  } finally {
    store.close();
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('Games with several writers', () => {
  it('keeps versions unique and gapless when two services on one file interleave writes', () => {
    const dataDir = tempDataDir();
    const a = openGames(dataDir);
    const b = openGames(dataDir);
    const id = created(a, teams()).id;
    expect(b.get(id)?.version).toBe(0);
    const versions: number[] = [];
    for (let i = 0; i < 40; i++) {
      const [writer, side] = i % 3 === 0 ? [b, 'away' as const] : [a, 'home' as const];
      const state = writer.get(id) as GameState;
      const open = state.round[side].miss < 4 ? side : side === 'home' ? 'away' : 'home';
      versions.push(accepted(writer.command(id, miss(open))).version);
    }
    expect(versions).toEqual(range(1, 40));
    expect(a.get(id)).toEqual(b.get(id));
    expect(logSeqs(dataDir, id)).toEqual(range(0, 40));
  });

  it('sees a game created and written by another service', () => {
    const dataDir = tempDataDir();
    const a = openGames(dataDir);
    const b = openGames(dataDir);
    const id = created(b, teams('Elsewhere', 'Too')).id;
    expect(a.get(id)?.home.name).toBe('Elsewhere');
    b.command(id, miss('home'));
    expect(a.get(id)?.version).toBe(1);
    expect(a.list().map((g) => g.id)).toEqual([id]);
    // A stale expectedVersion from a's point of view is still caught against the file.
    expect(a.command(id, miss('away'), { expectedVersion: 0 }).answer).toMatchObject({
      status: 409,
      code: 'version_conflict',
    });
  });

  it('keeps versions gapless and unduplicated when two processes hammer one game at once', async () => {
    const dataDir = tempDataDir();
    const setup = openGames(dataDir);
    const id = created(setup, teams()).id;
    setup.close();
    const perWriter = 150;
    const writers = [0, 1].map(() => {
      const child = runFixture('writer.ts', [dataDir, id, String(perWriter)]);
      return { child, out: lines(child) };
    });
    await Promise.all(writers.map((w) => w.out.until((seen) => seen.includes('ready'))));
    for (const w of writers) w.child.stdin.write('go\n');
    const codes = await Promise.all(writers.map((w) => w.out.exited));
    expect(codes, writers.map((w) => w.out.stderr()).join('\n')).toEqual([0, 0]);

    const acked = writers.flatMap((w) =>
      w.out.seen.filter((l) => l.startsWith('ack ')).map((l) => Number(l.slice(4))),
    );
    expect(acked).toHaveLength(2 * perWriter);
    expect([...acked].sort((x, y) => x - y)).toEqual(range(1, 2 * perWriter));
    expect(logSeqs(dataDir, id)).toEqual(range(0, 2 * perWriter));
    const final = openGames(dataDir).get(id) as GameState;
    expect(final.version).toBe(2 * perWriter);
    expect(bagsIn(final)).toBe(2 * perWriter);
  });

  it('keeps every acknowledged write of a process killed mid-stream, with no gaps', async () => {
    const dataDir = tempDataDir();
    const setup = openGames(dataDir);
    const id = created(setup, teams()).id;
    setup.close();
    const child = runFixture('writer.ts', [dataDir, id, '0']);
    const out = lines(child);
    await out.until((seen) => seen.includes('ready'));
    child.stdin.write('go\n');
    await out.until((seen) => seen.filter((l) => l.startsWith('ack ')).length >= 60);
    child.kill('SIGKILL');
    await out.exited;

    const acked = out.seen.filter((l) => l.startsWith('ack ')).map((l) => Number(l.slice(4)));
    expect(acked).toEqual(range(1, acked.length));
    const reopened = openGames(dataDir);
    const state = reopened.get(id) as GameState;
    // The write in flight at the kill may or may not have committed; nothing acknowledged is lost.
    expect(state.version).toBeGreaterThanOrEqual(acked.length);
    expect(logSeqs(dataDir, id)).toEqual(range(0, state.version));
    expect(bagsIn(state)).toBe(state.version);
    expect(accepted(reopened.command(id, miss(state.round.home.miss < 4 ? 'home' : 'away'))).version).toBe(
      state.version + 1,
    );
  });
});
