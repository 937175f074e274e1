// The games service the routes call, put together from its parts in server/games/: writes through
// one pipeline (decide, then events, answer and idempotency record in one transaction), reads,
// boards and queues, exports. Writes come back as typed results the routes turn into HTTP.
import { randomBytes } from 'node:crypto';
import type { Command, GameState } from './domain/index.js';
import { Store } from './store/index.js';
import { exportGameCsv, exportVenueJson } from './games/exports.js';
import { Idempotency } from './games/idempotency.js';
import { WritePipeline } from './games/pipeline.js';
import { BoardQueues } from './games/queues.js';
import { GameReads } from './games/reads.js';
import { summaryOfRecord } from './games/records.js';
import type { Change, WriteResult } from './games/results.js';
import type { BoardView, GameSummary, GamesOptions, NewGameInput, WriteOptions } from './games/types.js';
import { GameWrites } from './games/writes.js';

export type { Accepted, Answer, Change, ErrorBody, Refused, WriteResult } from './games/results.js';
export { answerBody } from './games/results.js';
export type { KeyedRequest } from './games/idempotency.js';
export { KEEP_ANSWERS_MS } from './games/idempotency.js';
export type {
  BoardView,
  GameSummary,
  GamesOptions,
  NewGameInput,
  NewTeam,
  WriteOptions,
} from './games/types.js';
export { DEFAULT_BOARD_COUNT, MAX_BOARDS } from './games/boards.js';

/** 6 random bytes: 8 URL-safe characters, 2^48 possibilities, so ids cannot be walked. */
export function randomGameId(): string {
  return randomBytes(6).toString('base64url');
}

export class Games {
  private readonly reads: GameReads;
  private readonly writes: GameWrites;
  private readonly queues: BoardQueues;

  private constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    newId: () => string,
  ) {
    this.reads = new GameReads(store);
    const idempotency = new Idempotency(store, this.reads, now);
    // Answers older than a day go at open, then at most hourly from inside a write.
    store.write(() => idempotency.prune(true));
    const pipeline = new WritePipeline(store, this.reads.cache, idempotency);
    this.writes = new GameWrites(store, this.reads, pipeline, now, newId);
    this.queues = new BoardQueues(store, this.reads, now);
  }

  static open(opts: GamesOptions): Games {
    const store = Store.open(opts.dataDir);
    try {
      return new Games(store, opts.now ?? (() => new Date()), opts.newId ?? randomGameId);
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

  startNext(board: number): WriteResult {
    return this.queues.startNext(board);
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

  boards(): BoardView[] {
    return this.queues.boards();
  }

  boardCount(): number {
    return this.queues.boardCount();
  }

  venueSeq(): number {
    return this.store.venueSeq();
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
