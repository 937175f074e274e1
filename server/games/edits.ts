// Fixing a game: new names or another board (PATCH /api/games/{id}), a versioned write through the
// pipeline; and bringing a removed game back (which moves no version). Both put the game where the
// venue's boards allow: a game that waits joins the line, a started game takes only a free board.
import { decide, evolve } from '../domain/index.js';
import type { GameEdit, GameState } from '../domain/index.js';
import type { GameRecord, Store } from '../store/index.js';
import { BOARD_COUNT_SETTING, boardSlots, isBoardNumber, parseBoardCount, startsAtOnce } from './boards.js';
import type { KeyedRequest } from './idempotency.js';
import type { WritePipeline } from './pipeline.js';
import type { GameReads } from './reads.js';
import * as results from './results.js';
import type { WriteResult } from './results.js';
import type { WriteOptions } from './types.js';

export class GameEdits {
  constructor(
    private readonly store: Store,
    private readonly reads: GameReads,
    private readonly pipeline: WritePipeline,
    private readonly now: () => Date,
  ) {}

  edit(gameId: string, edit: GameEdit, opts: WriteOptions = {}): WriteResult {
    return this.pipeline.run(gameId, opts.request, (): WriteResult => {
      const record = this.store.game(gameId);
      if (!record) return results.notFound(gameId);
      return this.editRecord(record, edit, opts.expectedVersion, false);
    });
  }

  /** Inside a write transaction: a tournament's match called to another board takes its game along. */
  moveForMatch(gameId: string, board: number): WriteResult {
    const record = this.store.game(gameId);
    if (!record) return results.notFound(gameId);
    return this.editRecord(record, { board }, undefined, true);
  }

  private editRecord(
    record: GameRecord,
    edit: GameEdit,
    expected: number | undefined,
    byTournament: boolean,
  ): WriteResult {
    const gameId = record.id;
    const { game, seq } = this.reads.cache.current(gameId, record.version);
    const shown = record.startedAt === null ? this.reads.placed(game.state) : game.state;
    if (expected !== undefined && expected !== shown.version) {
      return results.versionConflict(shown, expected);
    }
    if (!byTournament && game.state.tournament !== null) {
      const moves = edit.board !== undefined && edit.board !== record.board;
      return results.tournamentGame(shown, moves ? 'move' : 'rename');
    }
    const to = edit.board;
    const moving = to !== undefined && to !== record.board;
    let startsNow = false;
    if (moving && to !== null) {
      const count = parseBoardCount(this.store.setting(BOARD_COUNT_SETTING));
      if (!isBoardNumber(to, count)) return results.badBoard(to, count);
      const target = boardSlots(this.store.gamesOnBoard(to));
      if (record.startedAt !== null && target.current?.status === 'live') {
        return results.moveBusy(to, shown);
      }
      startsNow = record.startedAt === null && startsAtOnce(target);
    }
    const at = this.now().toISOString();
    const decision = decide({ type: 'edit', ...edit }, game.state, at);
    if (!decision.ok) return results.refused(409, decision.code, decision.message, shown);
    if (decision.events.length === 0) return results.unchanged(shown);

    const next = decision.events.reduce(evolve, game);
    const state = next.state;
    this.store.appendEvents(gameId, seq + 1, decision.events);
    this.store.saveEdit(gameId, {
      homeName: state.home.name,
      awayName: state.away.name,
      board: state.board,
      version: state.version,
      updatedAt: state.updatedAt,
    });
    if (moving) this.moveTo(record, to, startsNow, at);
    const waits = this.store.gameHead(gameId)?.startedAt === null;
    const change = {
      gameId,
      board: state.board,
      version: state.version,
      venueSeq: this.store.nextVenueSeq(),
      kind: 'edited' as const,
      finished: state.status === 'final',
      ...(moving ? { from: record.board } : {}),
      // Either board's line may have moved, and a renamed game on a board is what its line waits for.
      placed: this.reads.waitingOn([record.board, state.board]).filter((s) => s.id !== gameId),
    };
    const result = results.accepted(200, waits ? this.reads.placed(state) : state, change);
    // Set last: only COMMIT can fail after this, and the pipeline forgets the game if it does.
    this.reads.cache.set(gameId, next, seq + decision.events.length);
    return result;
  }

  /**
   * Its place on the new board: a game that waits joins the end of the line (or starts, when the board
   * is free and nobody waits); a started game becomes the board's game; on no board a game plays now.
   */
  private moveTo(record: GameRecord, to: number | null, startsNow: boolean, at: string): void {
    const lane = this.store.nextLane();
    if (record.startedAt !== null) this.store.place(record.id, lane, record.startedAt);
    else this.store.place(record.id, lane, to === null || startsNow ? at : null);
  }

  /** Brings a removed game back to every surface, where its board now allows (organiser). */
  restore(gameId: string, request?: KeyedRequest): WriteResult {
    return this.pipeline.run(gameId, request, (): WriteResult => {
      const removed = this.store.removedGame(gameId);
      if (!removed) {
        // Already back (a second tap, or another instance): the same outcome, nothing to do.
        const state = this.reads.get(gameId);
        return state ? results.unchanged(state) : results.notFound(gameId);
      }
      // Only a tournament retires its games (a match reset or forfeited): its match has moved on.
      if (removed.tournamentId !== null)
        return results.tournamentGame(this.reads.stateOf(removed)!, 'restore');
      this.store.markRestored(gameId);
      if (removed.board !== null) this.replace(removed, removed.board);
      const state = this.reads.get(gameId) as GameState;
      return results.accepted(200, state, {
        gameId,
        board: state.board,
        version: state.version,
        venueSeq: this.store.nextVenueSeq(),
        kind: 'restored',
        finished: state.status === 'final',
        placed: this.reads.waitingOn([removed.board]).filter((s) => s.id !== gameId),
      });
    });
  }

  /**
   * A restored game's place: one that waited takes its old place in the line (or starts, if the board
   * has become free with nobody waiting); a live game is the board's game again if the board is free,
   * else it waits at the end of the line; a finished one is back in the board's history as it was.
   */
  private replace(record: GameRecord, board: number): void {
    const others = boardSlots(this.store.gamesOnBoard(board).filter((r) => r.id !== record.id));
    const at = this.now().toISOString();
    if (record.startedAt === null) {
      if (startsAtOnce(others)) this.store.place(record.id, this.store.nextLane(), at);
    } else if (record.status === 'live') {
      const busy = others.current?.status === 'live';
      this.store.place(record.id, this.store.nextLane(), busy ? null : record.startedAt);
    }
  }
}
