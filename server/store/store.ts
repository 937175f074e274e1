// Durable records of a venue: each game's row and event log, idempotent answers (answers.ts), settings and the
// venue stream's counter. It knows no rules: the games service decides, the store keeps. A removed
// game is hidden from every read.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { GameEvent } from '../domain/types.js';
import { Answers } from './answers.js';
import { readSetting, writeSetting } from './settings.js';
import { Sql } from './db.js';
import { migrate } from './migrations.js';

export const DATABASE_FILE = 'bagtrax.db';

/** A game's row: what listing and board queues need without replaying the log. */
export interface GameRecord {
  id: string;
  board: number | null;
  createdAt: string;
  /** null while the game waits in its board's queue. */
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
  version: number;
  status: 'live' | 'final';
  homeName: string;
  awayName: string;
  homeScore: number;
  awayScore: number;
}

export interface StoredEvent {
  seq: number;
  event: GameEvent;
}

export type Progress = Pick<
  GameRecord,
  'version' | 'status' | 'homeScore' | 'awayScore' | 'updatedAt' | 'finishedAt'
>;

interface GameRow {
  id: string;
  board: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
  version: number;
  status: string;
  home_name: string;
  away_name: string;
  home_score: number;
  away_score: number;
}

const GAME_COLUMNS =
  'id, board, created_at, started_at, finished_at, updated_at, version, status, home_name, away_name, home_score, away_score';

// Copies field by field: a libsql row carries `_metadata`, which must never leak into an answer.
function toRecord(row: GameRow): GameRecord {
  return {
    id: row.id,
    board: row.board,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    updatedAt: row.updated_at,
    version: row.version,
    status: row.status === 'final' ? 'final' : 'live',
    homeName: row.home_name,
    awayName: row.away_name,
    homeScore: row.home_score,
    awayScore: row.away_score,
  };
}

export class Store {
  /** Idempotent answers, written in the same transactions as the events they answer for. */
  readonly answers: Answers;

  private constructor(
    private readonly sql: Sql,
    readonly file: string,
  ) {
    this.answers = new Answers(sql);
  }

  /** Opens (creating if needed) `${dataDir}/bagtrax.db` and migrates it; refuses a newer schema. */
  static open(dataDir: string): Store {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, DATABASE_FILE);
    const sql = Sql.open(file);
    try {
      migrate(sql, file);
    } catch (err) {
      sql.close();
      throw err;
    }
    return new Store(sql, file);
  }

  /** Runs `fn` holding the database's write lock (BEGIN IMMEDIATE); committed when it returns. */
  write<T>(fn: () => T): T {
    return this.sql.write(fn);
  }

  /** Runs `fn` on one consistent snapshot. */
  read<T>(fn: () => T): T {
    return this.sql.read(fn);
  }

  // ---- games -----------------------------------------------------------------------------------

  game(id: string): GameRecord | null {
    const row = this.sql.one<GameRow>(
      `SELECT ${GAME_COLUMNS} FROM games WHERE id = :id AND removed_at IS NULL`,
      { id },
    );
    return row ? toRecord(row) : null;
  }

  /** The cheap freshness check: one indexed lookup. */
  gameVersion(id: string): number | null {
    return this.sql.number('SELECT version FROM games WHERE id = :id AND removed_at IS NULL', { id });
  }

  /** Every game, in creation order. */
  games(): GameRecord[] {
    return this.sql
      .all<GameRow>(`SELECT ${GAME_COLUMNS} FROM games WHERE removed_at IS NULL ORDER BY n`)
      .map(toRecord);
  }

  /** Every game ever placed on `board`, in creation order (which is also start and queue order). */
  gamesOnBoard(board: number): GameRecord[] {
    return this.sql
      .all<GameRow>(
        `SELECT ${GAME_COLUMNS} FROM games WHERE board = :board AND removed_at IS NULL ORDER BY n`,
        { board },
      )
      .map(toRecord);
  }

  insertGame(record: Omit<GameRecord, 'finishedAt'>, created: GameEvent): void {
    this.sql.run(
      `INSERT INTO games (id, board, created_at, started_at, updated_at, version, status,
                          home_name, away_name, home_score, away_score)
       VALUES (:id, :board, :createdAt, :startedAt, :updatedAt, :version, :status,
               :homeName, :awayName, :homeScore, :awayScore)`,
      { ...record },
    );
    this.appendEvents(record.id, 0, [created]);
  }

  saveProgress(id: string, progress: Progress): void {
    this.sql.run(
      `UPDATE games SET version = :version, status = :status, home_score = :homeScore,
              away_score = :awayScore, updated_at = :updatedAt, finished_at = :finishedAt
       WHERE id = :id`,
      { id, ...progress },
    );
  }

  /** Takes a game off every surface; its row and log stay, so it can be brought back. */
  markRemoved(id: string, at: string): boolean {
    return (
      this.sql.run('UPDATE games SET removed_at = :at WHERE id = :id AND removed_at IS NULL', { id, at }) > 0
    );
  }

  markStarted(id: string, at: string): void {
    this.sql.run('UPDATE games SET started_at = :at WHERE id = :id', { id, at });
  }

  // ---- event log -------------------------------------------------------------------------------

  /** Appends `events` at seq `firstSeq`, `firstSeq + 1`, …; a taken seq fails the transaction. */
  appendEvents(gameId: string, firstSeq: number, events: readonly GameEvent[]): void {
    events.forEach((event, i) => {
      this.sql.run(
        'INSERT INTO game_events (game_id, seq, type, body, at) VALUES (:gameId, :seq, :type, :body, :at)',
        { gameId, seq: firstSeq + i, type: event.type, body: JSON.stringify(event), at: event.at },
      );
    });
  }

  /** The game's events after `afterSeq` up to `lastSeq` (all of them by default), in order. */
  events(gameId: string, afterSeq = -1, lastSeq = Number.MAX_SAFE_INTEGER): StoredEvent[] {
    return this.sql
      .all<{ seq: number; body: string }>(
        `SELECT seq, body FROM game_events
         WHERE game_id = :gameId AND seq > :afterSeq AND seq <= :lastSeq ORDER BY seq`,
        { gameId, afterSeq, lastSeq },
      )
      .map((row) => ({ seq: row.seq, event: JSON.parse(row.body) as GameEvent }));
  }

  // ---- venue -----------------------------------------------------------------------------------

  /** Moves the venue stream's counter on by one and returns the new value. */
  nextVenueSeq(): number {
    this.sql.run('UPDATE venue_seq SET value = value + 1 WHERE id = 1');
    return this.venueSeq();
  }

  venueSeq(): number {
    return this.sql.number('SELECT value FROM venue_seq WHERE id = 1') ?? 0;
  }

  setting(key: string): string | null {
    return readSetting(this.sql, key);
  }

  setSetting(key: string, value: string): void {
    writeSetting(this.sql, key, value);
  }

  close(): void {
    this.sql.close();
  }
}
