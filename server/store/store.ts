// Durable records of a venue: each game's row and event log, idempotent answers (answers.ts), settings and the
// venue stream's counter. It knows no rules: the games service decides, the store keeps. A removed
// game is hidden from every read.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { GameEvent } from '../domain/types.js';
import { Answers } from './answers.js';
import { EventLog } from './event-log.js';
import { readSetting, writeSetting } from './settings.js';
import { Sql } from './db.js';
import { migrate } from './migrations.js';
import { TournamentRecords } from './tournaments.js';

export const DATABASE_FILE = 'bagtrax.db';

/**
 * A connection to `${dataDir}/bagtrax.db` (created if needed), migrated to this version's schema; a
 * newer schema is refused. The games store and the access store each open one this way.
 */
export function openDatabase(dataDir: string): { sql: Sql; file: string } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, DATABASE_FILE);
  const sql = Sql.open(file);
  try {
    migrate(sql, file);
  } catch (err) {
    sql.close();
    throw err;
  }
  return { sql, file };
}

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
  /**
   * The game's place among its board's games: those not started wait in lane order, and the board
   * plays the started game with the highest lane (see server/games/boards.ts).
   */
  lane: number;
  /** The tournament whose match this game plays, else null. */
  tournamentId: string | null;
}

/** A game taken off every surface, as the organiser's "Removed tonight" list shows it. */
export interface RemovedRecord extends GameRecord {
  removedAt: string;
}

/** What a quick freshness check reads: the version, and whether and where the game has started. */
export interface GameHead {
  version: number;
  board: number | null;
  startedAt: string | null;
}

/** A team as an earlier game named it (its players from the game's creation). */
export interface RosterEntry {
  name: string;
  players: string[];
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
  lane: number | null;
  tournament_id: string | null;
}

const GAME_COLUMNS =
  'id, board, created_at, started_at, finished_at, updated_at, version, status, home_name, away_name, home_score, away_score, lane, tournament_id';
const LANE_ORDER = 'ORDER BY lane, n';

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
    lane: row.lane ?? 0,
    tournamentId: row.tournament_id,
  };
}

export class Store {
  /** Idempotent answers, written in the same transactions as the events they answer for. */
  readonly answers: Answers;
  readonly tournaments: TournamentRecords;
  private readonly log: EventLog<GameEvent>;

  private constructor(
    private readonly sql: Sql,
    readonly file: string,
  ) {
    this.answers = new Answers(sql);
    this.tournaments = new TournamentRecords(sql);
    this.log = new EventLog<GameEvent>(sql, 'game_events', 'game_id');
  }

  /** Opens (creating if needed) `${dataDir}/bagtrax.db` and migrates it; refuses a newer schema. */
  static open(dataDir: string): Store {
    const { sql, file } = openDatabase(dataDir);
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

  /** The same lookup, also saying whether (and on which board) the game has started. */
  gameHead(id: string): GameHead | null {
    const row = this.sql.one<{ version: number; board: number | null; started_at: string | null }>(
      'SELECT version, board, started_at FROM games WHERE id = :id AND removed_at IS NULL',
      { id },
    );
    return row ? { version: row.version, board: row.board, startedAt: row.started_at } : null;
  }

  /** Every game, in creation order. */
  games(): GameRecord[] {
    return this.sql
      .all<GameRow>(`SELECT ${GAME_COLUMNS} FROM games WHERE removed_at IS NULL ORDER BY n`)
      .map(toRecord);
  }

  /** Every game ever placed on `board`, in lane order (the order of its queue and of its starts). */
  gamesOnBoard(board: number): GameRecord[] {
    return this.sql
      .all<GameRow>(
        `SELECT ${GAME_COLUMNS} FROM games WHERE board = :board AND removed_at IS NULL ${LANE_ORDER}`,
        { board },
      )
      .map(toRecord);
  }

  /**
   * What board `board` is playing now, cheaply: the started game with the highest lane (the board's
   * current game, as boardSlots has it), its status and its tournament; null when none has started.
   */
  boardNow(board: number): { status: 'live' | 'final'; tournamentId: string | null } | null {
    const row = this.sql.one<{ status: string; tournament_id: string | null }>(
      `SELECT status, tournament_id FROM games
       WHERE board = :board AND removed_at IS NULL AND started_at IS NOT NULL
       ORDER BY lane DESC, n DESC LIMIT 1`,
      { board },
    );
    return row
      ? { status: row.status === 'final' ? 'final' : 'live', tournamentId: row.tournament_id }
      : null;
  }

  /** The lane after every game's, removed ones included (they may come back). */
  nextLane(): number {
    return this.sql.number('SELECT COALESCE(MAX(lane), 0) + 1 FROM games') ?? 1;
  }

  insertGame(record: Omit<GameRecord, 'finishedAt' | 'lane' | 'tournamentId'>, created: GameEvent): void {
    const link = created.type === 'game_created' ? created.link : undefined;
    this.sql.run(
      `INSERT INTO games (id, board, created_at, started_at, updated_at, version, status,
                          home_name, away_name, home_score, away_score, lane, tournament_id, match_id)
       VALUES (:id, :board, :createdAt, :startedAt, :updatedAt, :version, :status,
               :homeName, :awayName, :homeScore, :awayScore, :lane, :tournamentId, :matchId)`,
      {
        ...record,
        lane: this.nextLane(),
        tournamentId: link?.tournament.id ?? null,
        matchId: link?.match.id ?? null,
      },
    );
    this.appendEvents(record.id, 0, [created]);
  }

  /** An edit's row: the names, the board and the version it moved to. */
  saveEdit(
    id: string,
    edit: Pick<GameRecord, 'homeName' | 'awayName' | 'board' | 'version' | 'updatedAt'>,
  ): void {
    this.sql.run(
      `UPDATE games SET home_name = :homeName, away_name = :awayName, board = :board,
              version = :version, updated_at = :updatedAt
       WHERE id = :id`,
      { id, ...edit },
    );
  }

  /** A game's place on its board: its lane, and whether it has started (null: it waits). */
  place(id: string, lane: number, startedAt: string | null): void {
    this.sql.run('UPDATE games SET lane = :lane, started_at = :startedAt WHERE id = :id', {
      id,
      lane,
      startedAt,
    });
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

  /** Brings a removed game back to every surface; false when it was not removed. */
  markRestored(id: string): boolean {
    return (
      this.sql.run('UPDATE games SET removed_at = NULL WHERE id = :id AND removed_at IS NOT NULL', { id }) > 0
    );
  }

  /** A removed game's row, or null when there is none (or it is not removed). */
  removedGame(id: string): RemovedRecord | null {
    const row = this.sql.one<GameRow & { removed_at: string }>(
      `SELECT ${GAME_COLUMNS}, removed_at FROM games WHERE id = :id AND removed_at IS NOT NULL`,
      { id },
    );
    return row ? { ...toRecord(row), removedAt: row.removed_at } : null;
  }

  /** Games removed at or after `since` (ISO time), the latest removal first. */
  removedSince(since: string): RemovedRecord[] {
    return this.sql
      .all<GameRow & { removed_at: string }>(
        `SELECT ${GAME_COLUMNS}, removed_at FROM games WHERE removed_at >= :since ORDER BY removed_at DESC, n DESC`,
        { since },
      )
      .map((row) => ({ ...toRecord(row), removedAt: row.removed_at }));
  }

  /** Teams of the latest games (removed ones left out), newest first, each name once. */
  roster(limit: number): RosterEntry[] {
    const rows = this.sql.all<{ home_name: string; away_name: string; body: string }>(
      `SELECT g.home_name, g.away_name, e.body FROM games g
       JOIN game_events e ON e.game_id = g.id AND e.seq = 0
       WHERE g.removed_at IS NULL ORDER BY g.n DESC LIMIT 500`,
    );
    const seen = new Map<string, RosterEntry>();
    for (const row of rows) {
      const created = JSON.parse(row.body) as Extract<GameEvent, { type: 'game_created' }>;
      for (const [name, players] of [
        [row.home_name, created.home?.players ?? []],
        [row.away_name, created.away?.players ?? []],
      ] as const) {
        const key = name.toLocaleLowerCase();
        if (!seen.has(key) && seen.size < limit) seen.set(key, { name, players: [...players] });
      }
    }
    return [...seen.values()];
  }

  /** The game starts on its board now, after every game started there before (the next lane). */
  markStarted(id: string, at: string): void {
    this.place(id, this.nextLane(), at);
  }

  // ---- event log -------------------------------------------------------------------------------

  /** Appends `events` at seq `firstSeq`, `firstSeq + 1`, …; a taken seq fails the transaction. */
  appendEvents(gameId: string, firstSeq: number, events: readonly GameEvent[]): void {
    this.log.append(gameId, firstSeq, events);
  }

  /** The game's events after `afterSeq` up to `lastSeq` (all of them by default), in order. */
  events(gameId: string, afterSeq?: number, lastSeq?: number): StoredEvent[] {
    return this.log.read(gameId, afterSeq, lastSeq);
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
