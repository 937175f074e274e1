// Schema upgrades at open: an older file is brought up to date with its data intact, a file from a
// newer BagTrax is refused with a clear message and left untouched.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGameEvent, replay } from '../../../server/domain/index.js';
import type { GameEvent, GameState } from '../../../server/domain/index.js';
import {
  DATABASE_FILE,
  SCHEMA_VERSION,
  SchemaTooNewError,
  Sql,
  migrate,
} from '../../../server/store/index.js';
import { openGames, tempDataDir } from './helpers.js';

const AT = '2025-06-07T18:00:00.000Z';
const fourBagger = (at: string): GameEvent => ({
  type: 'round_entered',
  home: { hole: 4, board: 0 },
  away: { hole: 0, board: 0 },
  at,
});

/** A database as BagTrax schema 1 wrote it: one finished game on board 1, one live without a board. */
function writeSchemaV1(dataDir: string): void {
  const file = join(dataDir, DATABASE_FILE);
  const sql = Sql.open(file);
  migrate(sql, file, 1);
  const insertGame = (id: string, board: number | null, status: string, version: number, home: number) =>
    sql.run(
      `INSERT INTO games (id, board, created_at, started_at, updated_at, version, status, home_name, away_name, home_score, away_score)
       VALUES (:id, :board, :at, :at, :updated, :version, :status, 'Old Home', 'Old Away', :home, 0)`,
      { id, board, at: AT, updated: '2025-06-07T18:30:00.000Z', version, status, home },
    );
  const insertEvent = (gameId: string, seq: number, event: GameEvent) =>
    sql.run(
      'INSERT INTO game_events (game_id, seq, type, body, at) VALUES (:gameId, :seq, :type, :body, :at)',
      {
        gameId,
        seq,
        type: event.type,
        body: JSON.stringify(event),
        at: event.at,
      },
    );
  const team = (name: string) => ({ name, players: [] });
  insertGame('oldfinal', 1, 'final', 2, 24);
  insertEvent(
    'oldfinal',
    0,
    createGameEvent({ id: 'oldfinal', board: 1, home: team('Old Home'), away: team('Old Away'), at: AT }),
  );
  insertEvent('oldfinal', 1, fourBagger('2025-06-07T18:10:00.000Z'));
  insertEvent('oldfinal', 2, fourBagger('2025-06-07T18:30:00.000Z'));
  insertGame('oldlive1', null, 'live', 0, 0);
  insertEvent(
    'oldlive1',
    0,
    createGameEvent({ id: 'oldlive1', board: null, home: team('Old Home'), away: team('Old Away'), at: AT }),
  );
  sql.run("INSERT INTO settings (key, value) VALUES ('boardCount', '2')");
  sql.run('UPDATE venue_seq SET value = 17');
  sql.close();
}

/**
 * Schema 1 brought to schema 2, with idempotent answers as schema 2 kept them: a 2xx answer's whole
 * body under (key, scope). The finished game's first bag was keyed, and its key reused on another path.
 */
function writeSchemaV2(dataDir: string): { keptBody: GameState } {
  writeSchemaV1(dataDir);
  const file = join(dataDir, DATABASE_FILE);
  const sql = Sql.open(file);
  migrate(sql, file, 2);
  const events = sql
    .all<{ body: string }>("SELECT body FROM game_events WHERE game_id = 'oldfinal' ORDER BY seq")
    .map((r) => JSON.parse(r.body) as GameEvent);
  const keptBody = replay(events.slice(0, 2)).state;
  const keep = (key: string, scope: string, status: number, body: unknown, at: string) =>
    sql.run(
      'INSERT INTO idempotency (key, scope, status, body, created_at) VALUES (:key, :scope, :status, :body, :at)',
      { key, scope, status, body: JSON.stringify(body), at },
    );
  keep('tap-1', 'POST /api/games/oldfinal/rounds', 200, keptBody, '2025-06-07T18:10:00.000Z');
  keep(
    'tap-1',
    'POST /api/games/oldfinal/undo',
    200,
    { id: 'oldfinal', version: 3 },
    '2025-06-07T18:40:00.000Z',
  );
  keep('form:abc', 'POST /api/games', 201, { id: 'oldlive1', version: 0 }, '2025-06-07T18:00:00.000Z');
  sql.close();
  return { keptBody };
}

function userVersion(dataDir: string): number | null {
  const sql = Sql.open(join(dataDir, DATABASE_FILE));
  try {
    return sql.number('PRAGMA user_version');
  } finally {
    sql.close();
  }
}

describe('schema migrations', () => {
  it('creates a new database at the latest schema', () => {
    const dataDir = tempDataDir();
    openGames(dataDir).close();
    expect(userVersion(dataDir)).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
  });

  it('upgrades a schema 1 database at open and keeps its games, settings and venue sequence', () => {
    const dataDir = tempDataDir();
    writeSchemaV1(dataDir);
    expect(userVersion(dataDir)).toBe(1);

    const games = openGames(dataDir);
    expect(games.get('oldfinal')).toMatchObject({
      version: 2,
      status: 'final',
      winner: 'home',
      home: { score: 24 },
    });
    expect(games.get('oldfinal')?.rounds).toHaveLength(2);
    expect(games.list().map((g) => g.id)).toEqual(['oldfinal', 'oldlive1']);
    expect(games.boardCount()).toBe(2);
    expect(games.venueSeq()).toBe(17);
    // Schema 2's finished_at was filled from the final game's last write.
    const exported = games.exportVenueJson() as {
      games: Array<{ finishedAt: string | null; state: GameState }>;
    };
    expect(exported.games[0]?.finishedAt).toBe('2025-06-07T18:30:00.000Z');
    // And the upgraded file takes writes.
    expect(games.command('oldlive1', { type: 'throw', side: 'home', result: 'hole' }).answer.status).toBe(
      200,
    );
    games.close();
    expect(userVersion(dataDir)).toBe(SCHEMA_VERSION);
  });

  it('upgrades schema 2 idempotent answers to small records that still answer their retries', () => {
    const dataDir = tempDataDir();
    const { keptBody } = writeSchemaV2(dataDir);
    const now = () => new Date('2025-06-07T19:00:00.000Z');
    const games = openGames(dataDir, { now });
    const round = { type: 'round', home: { hole: 4, board: 0 }, away: { hole: 0, board: 0 } } as const;
    const retry = games.command('oldfinal', round, {
      request: { key: 'tap-1', method: 'POST', path: '/api/games/oldfinal/rounds', body: { any: 'body' } },
    });
    // Rebuilt from the log at the kept version: the very body schema 2 had copied.
    expect(retry).toEqual({ kind: 'replayed', answer: { ok: true, status: 200, state: keptBody } });
    // The key's first answer won; its other path is now another request.
    expect(
      games.command(
        'oldfinal',
        { type: 'undo' },
        {
          request: { key: 'tap-1', method: 'POST', path: '/api/games/oldfinal/undo', body: {} },
        },
      ).answer,
    ).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    // The new-game form's keys were kept under the API's path; they now match the form's own.
    const form = games.create(
      { home: { name: 'Old Home' }, away: { name: 'Old Away' } },
      { request: { key: 'form:abc', method: 'POST', path: '/host/games', body: {} } },
    );
    expect(form).toMatchObject({ kind: 'replayed', answer: { status: 201, state: { id: 'oldlive1' } } });
    expect(games.get('oldfinal')?.version).toBe(2);
    games.close();
    const sql = Sql.open(join(dataDir, DATABASE_FILE));
    try {
      expect(sql.number("SELECT count(*) FROM sqlite_schema WHERE name = 'idempotency'")).toBe(0);
      expect(sql.number('SELECT count(*) FROM answers')).toBe(2);
      expect(sql.number('SELECT max(length(legacy_scope) + length(key)) FROM answers')).toBeLessThan(100);
    } finally {
      sql.close();
    }
  });

  it('refuses a database written by a newer schema with a clear error and leaves it untouched', () => {
    const dataDir = tempDataDir();
    const sql = Sql.open(join(dataDir, DATABASE_FILE));
    sql.db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 5}`);
    sql.close();

    let error: unknown;
    try {
      openGames(dataDir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SchemaTooNewError);
    expect((error as Error).message).toContain(
      `This database was written by a newer BagTrax (schema ${SCHEMA_VERSION + 5}); this version understands up to ${SCHEMA_VERSION}`,
    );
    expect(userVersion(dataDir)).toBe(SCHEMA_VERSION + 5);
  });
});
