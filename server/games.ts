// The games service the routes call, put together from its parts in server/games/: writes through
// one pipeline (decide, then events, answer and idempotency record in one transaction), reads,
// boards and queues, exports. Writes come back as typed results the routes turn into HTTP.
import { randomBytes } from 'node:crypto';
import type { Command, GameEdit, GameState } from './domain/index.js';
import { Store, type RosterEntry } from './store/index.js';
import { GameEdits } from './games/edits.js';
import { exportGameCsv, exportVenueJson } from './games/exports.js';
import { Idempotency } from './games/idempotency.js';
import { WritePipeline } from './games/pipeline.js';
import { BoardQueues } from './games/queues.js';
import { GameReads } from './games/reads.js';
import { summaryOfRecord } from './games/records.js';
import type { Change, WriteResult } from './games/results.js';
import type {
  BoardView,
  GameResult,
  GameSummary,
  GamesOptions,
  NewGameInput,
  RemovedGame,
  VenueReads,
  WriteOptions,
} from './games/types.js';
import { GameWrites } from './games/writes.js';
import { randomTournamentId, Tournaments } from './tournaments/service.js';

export type { Accepted, Answer, Change, ErrorBody, Refused, WriteResult } from './games/results.js';
export { answerBody } from './games/results.js';
export type { KeyedRequest } from './games/idempotency.js';
export { KEEP_ANSWERS_MS } from './games/idempotency.js';
export type {
  BoardView,
  GameResult,
  GameSummary,
  RemovedGame,
  GamesOptions,
  VenueReads,
  NewGameInput,
  NewTeam,
  WriteOptions,
} from './games/types.js';
export { DEFAULT_BOARD_COUNT, MAX_BOARDS } from './games/boards.js';
export type { RosterEntry } from './store/index.js';

/** "Tonight": what the removed list, the friendly games and the results look back over. */
export const NIGHT_MS = 12 * 3600_000;

/** 6 random bytes: 8 URL-safe characters, 2^48 possibilities, so ids cannot be walked. */
export function randomGameId(): string {
  return randomBytes(6).toString('base64url');
}

export class Games implements VenueReads {
  private readonly reads: GameReads;
  private readonly writes: GameWrites;
  private readonly queues: BoardQueues;
  private readonly edits: GameEdits;
  /** The venue's tournaments: their matches are this service's games, written in the same transactions. */
  readonly tournaments: Tournaments;

  private constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    newId: () => string,
    newTournamentId: () => string,
  ) {
    this.reads = new GameReads(store);
    const idempotency = new Idempotency(store, this.reads, now);
    // Answers older than a day go at open, then at most hourly from inside a write.
    store.write(() => idempotency.prune(true));
    const pipeline = new WritePipeline(store, this.reads.cache, idempotency);
    this.writes = new GameWrites(store, this.reads, pipeline, now, newId);
    this.queues = new BoardQueues(store, this.reads, pipeline, now);
    this.edits = new GameEdits(store, this.reads, pipeline, now);
    this.tournaments = new Tournaments(
      store,
      { reads: this.reads, writes: this.writes, edits: this.edits },
      idempotency,
      now,
      newTournamentId,
    );
    this.writes.afterWrite = (before, after) => this.tournaments.afterGameWrite(before, after);
    this.writes.boardFreed = (board, at) => this.tournaments.boardFreed(board, at);
    pipeline.afterTransaction = (committed) => this.tournaments.settle(committed);
  }

  static open(opts: GamesOptions): Games {
    const store = Store.open(opts.dataDir);
    try {
      return new Games(
        store,
        opts.now ?? (() => new Date()),
        opts.newId ?? randomGameId,
        opts.newTournamentId ?? randomTournamentId,
      );
    } catch (err) {
      store.close();
      throw err;
    }
  }

  // ---- writes ----------------------------------------------------------------------------------

  create(input: NewGameInput, opts: Pick<WriteOptions, 'request'> = {}): WriteResult {
    return this.writes.create(input, opts.request);
  }

  command(gameId: string, command: Command, opts: WriteOptions = {}): WriteResult {
    return this.writes.command(gameId, command, opts);
  }

  /** New names or another board (PATCH): a versioned write; see server/games/edits.ts. */
  edit(gameId: string, edit: GameEdit, opts: WriteOptions = {}): WriteResult {
    return this.edits.edit(gameId, edit, opts);
  }

  startNext(board: number): WriteResult {
    return this.queues.startNext(board);
  }

  /** One place earlier or later in its board's line (the organiser's console). */
  reorder(board: number, gameId: string, move: 'up' | 'down'): WriteResult {
    return this.queues.reorder(board, gameId, move);
  }

  /** A waiting game's place in its board's line, set by number (the organiser's JSON route). */
  placeInLine(gameId: string, position: number, opts: WriteOptions = {}): WriteResult {
    return this.queues.placeInLine(gameId, position, opts);
  }

  /** Brings a removed game back (organiser): where its board now allows. */
  restore(gameId: string, opts: Pick<WriteOptions, 'request'> = {}): WriteResult {
    return this.edits.restore(gameId, opts.request);
  }

  setBoardCount(n: number): Change {
    return this.queues.setBoardCount(n);
  }

  /**
   * Takes a game off every surface (the organiser's DELETE). A retry under the same key answers 204
   * again; without one, a removed game is simply not found.
   */
  remove(gameId: string, opts: Pick<WriteOptions, 'request'> = {}): WriteResult {
    return this.writes.remove(gameId, opts.request);
  }

  // ---- reads -----------------------------------------------------------------------------------

  /** The game's state, brought up to date with writes from any process on this database. */
  get(gameId: string): GameState | null {
    return this.reads.get(gameId);
  }

  list(): GameSummary[] {
    return this.store.games().map(summaryOfRecord);
  }

  /** True when the game exists but the organiser removed it (its pages say so). */
  isRemoved(gameId: string): boolean {
    return this.store.removedGame(gameId) !== null;
  }

  /** The tournament that retired this game (its match was reset or forfeited), or null. */
  retiredBy(gameId: string): { id: string; name: string } | null {
    const removed = this.store.removedGame(gameId);
    if (removed === null || removed.tournamentId === null) return null;
    return this.reads.stateOf(removed)?.tournament ?? null;
  }

  /** Games on no board: every live one, and those finished tonight; the latest first. */
  friendlies(): GameState[] {
    const since = this.since();
    return this.store.read(() =>
      this.store
        .games()
        .filter((r) => r.board === null && (r.status === 'live' || (r.finishedAt ?? '') >= since))
        .reverse()
        .map((r) => this.reads.stateOf(r)!),
    );
  }

  /** Every finished game, the latest finish first. */
  results(): GameResult[] {
    return this.store.read(() =>
      this.store
        .games()
        .filter((r) => r.status === 'final')
        .sort((a, b) => ((a.finishedAt ?? '') < (b.finishedAt ?? '') ? 1 : -1))
        .map((r) => ({ state: this.reads.stateOf(r)!, startedAt: r.startedAt, finishedAt: r.finishedAt })),
    );
  }

  /**
   * Games removed tonight, the latest first: what the organiser may bring back. A tournament's games
   * are removed only when their match no longer needs them (retired), and stay so.
   */
  removedTonight(): RemovedGame[] {
    const removed = this.store.removedSince(this.since()).filter((r) => r.tournamentId === null);
    return removed.map((r) => ({
      id: r.id,
      board: r.board,
      status: r.status,
      home: { name: r.homeName, score: r.homeScore },
      away: { name: r.awayName, score: r.awayScore },
      removedAt: r.removedAt,
    }));
  }

  /** Teams of earlier games to pick from, the latest first, each name once. */
  roster(limit = 40): RosterEntry[] {
    return this.store.roster(limit);
  }

  private since(): string {
    return new Date(this.now().getTime() - NIGHT_MS).toISOString();
  }

  boards(): BoardView[] {
    return this.queues.boards();
  }

  boardCount(): number {
    return this.queues.boardCount();
  }

  venueSeq(): number {
    return this.store.venueSeq();
  }

  /** A game's state with when it started and finished (what a relay is sent); null once removed. */
  withTimes(gameId: string): GameResult | null {
    return this.store.read(() => {
      const record = this.store.game(gameId);
      const state = this.reads.stateOf(record);
      return record && state ? { state, startedAt: record.startedAt, finishedAt: record.finishedAt } : null;
    });
  }

  /** Games removed tonight, each with the tournament that retired it, if one did (for relays). */
  removedWithCause(): Array<{ id: string; retiredBy: { id: string; name: string } | null }> {
    return this.store.removedSince(this.since()).map((r) => ({
      id: r.id,
      retiredBy: r.tournamentId === null ? null : (this.reads.stateOf(r)?.tournament ?? null),
    }));
  }

  /** Every game with its times, in creation order (a relay's whole venue, at once). */
  allWithTimes(): GameResult[] {
    return this.store.read(() =>
      this.store
        .games()
        .map((r) => ({ state: this.reads.stateOf(r)!, startedAt: r.startedAt, finishedAt: r.finishedAt })),
    );
  }

  setting(key: string): string | null {
    return this.store.setting(key);
  }

  setSetting(key: string, value: string): void {
    this.store.write(() => this.store.setSetting(key, value));
  }

  // ---- exports ---------------------------------------------------------------------------------

  exportGameCsv(gameId: string): string | null {
    return exportGameCsv(this.reads, gameId);
  }

  exportVenueJson(): unknown {
    return exportVenueJson(this.store, this.reads, this.queues, this.now());
  }

  close(): void {
    this.store.close();
  }
}
