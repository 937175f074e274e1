// Schema upgrades at open: an older file is brought up to date with its data intact, a file from a
// newer BagTrax is refused with a clear message and left untouched.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGameEvent } from '../../../server/domain/index.js';
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
    expect(games.command('oldlive1', { type: 'throw', side: 'home', result: 'hole' }).status).toBe(200);
    games.close();
    expect(userVersion(dataDir)).toBe(SCHEMA_VERSION);
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
