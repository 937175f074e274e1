// The store's own promises: durable settings for the file, an append-only log that refuses a
// taken position, idempotent answers, settings and a venue counter that outlive the process.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGameEvent } from '../../../server/domain/index.js';
import { Sql, Store } from '../../../server/store/index.js';
import { tempDataDir } from './helpers.js';

const AT = '2025-06-07T18:00:00.000Z';
const team = (name: string) => ({ name, players: [] });

function withStore<T>(dataDir: string, fn: (store: Store) => T): T {
  const store = Store.open(dataDir);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

function addGame(store: Store, id: string): void {
  const event = createGameEvent({ id, board: null, home: team('H'), away: team('A'), at: AT });
  store.write(() =>
    store.insertGame(
      {
        id,
        board: null,
        createdAt: AT,
        startedAt: AT,
        updatedAt: AT,
        version: 0,
        status: 'live',
        homeName: 'H',
        awayName: 'A',
        homeScore: 0,
        awayScore: 0,
      },
      event,
    ),
  );
}

describe('Store', () => {
  it('opens the file in WAL mode with synchronous=FULL and a busy timeout', () => {
    const dataDir = tempDataDir();
    withStore(dataDir, () => undefined);
    const sql = Sql.open(`${dataDir}/bagtrax.db`);
    try {
      expect(sql.one<{ journal_mode: string }>('PRAGMA journal_mode')?.journal_mode).toBe('wal');
      expect(sql.number('PRAGMA synchronous')).toBe(2);
      expect(sql.number('PRAGMA busy_timeout')).toBeGreaterThanOrEqual(1000);
    } finally {
      sql.close();
    }
  });

  it('merges its WAL into the database file when it closes, so the file alone holds every write', () => {
    const dataDir = tempDataDir();
    withStore(dataDir, (store) => addGame(store, 'g0'));
    const wal = join(dataDir, 'bagtrax.db-wal');
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
  });

  it('refuses to append an event at a position the log already holds, and rolls the write back', () => {
    const dataDir = tempDataDir();
    withStore(dataDir, (store) => {
      addGame(store, 'g1');
      const bag = { type: 'bag_thrown', side: 'home', result: 'hole', at: AT } as const;
      store.write(() => store.appendEvents('g1', 1, [bag]));
      expect(() =>
        store.write(() => {
          store.setSetting('half-done', 'yes');
          store.appendEvents('g1', 1, [bag]);
        }),
      ).toThrow();
      expect(store.events('g1').map((e) => e.seq)).toEqual([0, 1]);
      expect(store.setting('half-done')).toBeNull();
    });
  });

  it('keeps one small answer per key, refuses a second one under it, and prunes by age', () => {
    withStore(tempDataDir(), (store) => {
      addGame(store, 'g3');
      const answer = {
        fingerprint: 'fp',
        status: 201,
        gameId: 'g3',
        tournamentId: null,
        version: 0,
        code: null,
        error: null,
      };
      store.write(() => store.answers.keep('k', answer, 1000));
      expect(store.answers.find('k')).toEqual({ ...answer, legacyScope: null });
      expect(store.answers.find('other')).toBeNull();
      expect(() =>
        store.write(() => store.answers.keep('k', { ...answer, fingerprint: 'x' }, 2000)),
      ).toThrow();
      const refusal = {
        fingerprint: 'fp2',
        status: 404,
        gameId: null,
        tournamentId: null,
        version: null,
        code: 'not_found',
        error: 'No.',
      };
      store.write(() => store.answers.keep('k2', refusal, 5000));
      expect(store.write(() => store.answers.prune(5000))).toBe(1);
      expect(store.answers.find('k')).toBeNull();
      expect(store.answers.find('k2')).toEqual({ ...refusal, legacyScope: null });
    });
  });

  it('keeps settings and the venue sequence across a reopen', () => {
    const dataDir = tempDataDir();
    withStore(dataDir, (store) => {
      expect(store.venueSeq()).toBe(0);
      store.write(() => {
        store.setSetting('pin', '1234');
        store.setSetting('pin', '5678');
        store.nextVenueSeq();
        store.nextVenueSeq();
      });
    });
    withStore(dataDir, (store) => {
      expect(store.setting('pin')).toBe('5678');
      expect(store.setting('missing')).toBeNull();
      expect(store.write(() => store.nextVenueSeq())).toBe(3);
    });
  });

  it('returns plain records without libsql metadata', () => {
    withStore(tempDataDir(), (store) => {
      addGame(store, 'g2');
      expect(Object.keys(store.game('g2') ?? {})).not.toContain('_metadata');
      expect(JSON.stringify([store.games(), store.events('g2'), store.gamesOnBoard(1)])).not.toContain(
        '_metadata',
      );
    });
  });
});
