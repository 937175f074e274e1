// Reading games: the folded state of a game as the database has it now, or as it was at a version
// (what an idempotent answer is rebuilt from). Folded games are cached; the log is the truth. A game
// that has not started also carries its place in its board's line (`queue`), read from the rows.
import { replay } from '../domain/index.js';
import type { GameState } from '../domain/index.js';
import type { GameRecord, Store } from '../store/index.js';
import { boardSlots, queueSpot } from './boards.js';
import { GameCache } from './cache.js';

export class GameReads {
  readonly cache: GameCache;

  constructor(private readonly store: Store) {
    this.cache = new GameCache(store);
  }

  /** The game's state, brought up to date with writes from any process on this database. */
  get(gameId: string): GameState | null {
    const head = this.store.gameHead(gameId);
    if (head === null) {
      this.cache.forget(gameId);
      return null;
    }
    const state = this.cache.current(gameId, head.version).game.state;
    // Started games (nearly every read) cost nothing more: their `queue` is null as folded.
    return head.startedAt === null ? this.placed(state) : state;
  }

  /** The folded state of a row, without its place in a line (the boards' current games). */
  stateOf(record: GameRecord | null): GameState | null {
    return record ? this.cache.current(record.id, record.version).game.state : null;
  }

  /** `state` with its place in its board's line as the rows have it now (unchanged when it has none). */
  placed(state: GameState): GameState {
    if (state.board === null) return state;
    const queue = queueSpot(this.store.gamesOnBoard(state.board), state.id, state.board);
    return queue === null ? (state.queue === null ? state : { ...state, queue: null }) : { ...state, queue };
  }

  /** Every game waiting on these boards, with its place now: what their open pages are sent. */
  waitingOn(boards: ReadonlyArray<number | null | undefined>): GameState[] {
    const out: GameState[] = [];
    for (const board of new Set(boards)) {
      if (board === null || board === undefined) continue;
      const records = this.store.gamesOnBoard(board);
      const slots = boardSlots(records);
      for (const r of slots.queue) {
        const state = this.stateOf(r)!;
        out.push({ ...state, queue: queueSpot(records, r.id, board) });
      }
    }
    return out;
  }

  /**
   * The game as it was at `version`: every accepted write is one event, so that is the log up to
   * seq `version`. A retry right after its write finds it in the cache; an older one folds the log.
   */
  stateAt(gameId: string, version: number): GameState | null {
    const current = this.get(gameId);
    if (current === null || current.version < version) return null;
    if (current.version === version) return current;
    const events = this.store.events(gameId, -1, version);
    if (events.length !== version + 1) return null;
    return replay(events.map((e) => e.event)).state;
  }
}
