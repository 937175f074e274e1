// The game writes: create a game, and record a bag, a round or an undo. Each decides with the pure
// rules inside the write pipeline and commits the events, the game row and the venue counter.
import { createGameEvent, decide, evolve, replay, validateRules } from '../domain/index.js';
import type { Command, Decision, GameState, MatchLink, Rules, TeamInput } from '../domain/index.js';
import type { Store } from '../store/index.js';
import { boardSlots, isBoardNumber, parseBoardCount, BOARD_COUNT_SETTING, startsAtOnce } from './boards.js';
import type { KeyedRequest } from './idempotency.js';
import type { WritePipeline } from './pipeline.js';
import type { GameReads } from './reads.js';
import { rowOf, rulesFrom, scoresOf } from './records.js';
import * as results from './results.js';
import type { Change, WriteResult } from './results.js';
import type { NewGameInput, WriteOptions } from './types.js';

/**
 * Called inside a game write's transaction once its events are in: what else the write moves on (the
 * tournament whose match it is, or whose board it frees). Set by the games service.
 */
export type AfterWrite = (before: GameState, after: GameState) => Change['tournaments'];

/** A tournament's called match, as the game that plays it. */
export interface MatchGameInput {
  board: number;
  home: TeamInput;
  away: TeamInput;
  rules: Rules;
  link: MatchLink;
  at: string;
}

export class GameWrites {
  afterWrite: AfterWrite = () => undefined;
  /** Called inside a removal's transaction when it frees a board (the tournaments may call to it). */
  boardFreed: (board: number, at: string) => Change['tournaments'] = () => undefined;

  constructor(
    private readonly store: Store,
    private readonly reads: GameReads,
    private readonly pipeline: WritePipeline,
    private readonly now: () => Date,
    private readonly newId: () => string,
  ) {}

  create(input: NewGameInput, request?: KeyedRequest): WriteResult {
    const rules = rulesFrom(input.rules);
    // Rules that cannot be played are a malformed request: refused before the key is looked at.
    const problem = validateRules(rules);
    if (problem !== null) return results.refused(400, 'bad_rules', problem);
    const board = input.board ?? null;
    return this.pipeline.run(null, request, (): WriteResult => {
      const count = parseBoardCount(this.store.setting(BOARD_COUNT_SETTING));
      if (board !== null && !isBoardNumber(board, count)) return results.badBoard(board, count);
      const at = this.now().toISOString();
      const event = createGameEvent({
        id: this.freshId(),
        board,
        // The API may leave players out; the log always has the list.
        home: { name: input.home.name, players: input.home.players ?? [] },
        away: { name: input.away.name, players: input.away.players ?? [] },
        rules,
        firstThrow: input.firstThrow,
        at,
      });
      const game = replay([event]);
      const startsNow = board === null || startsAtOnce(boardSlots(this.store.gamesOnBoard(board)));
      this.store.insertGame({ ...rowOf(game.state), startedAt: startsNow ? at : null }, event);
      // A game that waits answers with its place in the line.
      const shown = startsNow ? game.state : this.reads.placed(game.state);
      const result = results.accepted(201, shown, this.change(game.state, 'created'));
      this.reads.cache.set(event.id, game, 0);
      return result;
    });
  }

  command(gameId: string, command: Command, opts: WriteOptions = {}): WriteResult {
    return this.pipeline.run(gameId, opts.request, (): WriteResult => {
      const record = this.store.game(gameId);
      if (!record) return results.notFound(gameId);
      // The version comes from the database, under the write lock: another process may have
      // written since this one last looked.
      const { game, seq } = this.reads.cache.current(gameId, record.version);
      const state = game.state;
      const expected = opts.expectedVersion;
      if (expected !== undefined && expected !== state.version) {
        return results.versionConflict(state, expected);
      }
      if (record.startedAt === null) return results.notStarted(state);
      if (command.type === 'undo' && state.tournament !== null && state.status === 'final') {
        return results.tournamentGame(state, 'undo');
      }
      const decision = decideOrThrown(command, state, this.now().toISOString());
      if (decision instanceof Error) return results.refused(400, 'bad_command', decision.message);
      if (!decision.ok) return results.refused(409, decision.code, decision.message, state);
      const next = decision.events.reduce(evolve, game);
      this.store.appendEvents(gameId, seq + 1, decision.events);
      const wasFinal = state.status === 'final';
      const { updatedAt, status } = next.state;
      this.store.saveProgress(gameId, {
        ...scoresOf(next.state),
        finishedAt: status !== 'final' ? null : wasFinal ? record.finishedAt : updatedAt,
      });
      const change = this.change(next.state, 'write');
      if (wasFinal !== (status === 'final')) {
        // A finish (or an undo out of one) frees or takes the board: the games waiting there hear it.
        change.statusChanged = true;
        change.placed = this.reads.waitingOn([next.state.board]);
      }
      const tournaments = this.afterWrite(state, next.state);
      if (tournaments?.length) change.tournaments = tournaments;
      const result = results.accepted(200, next.state, change);
      // Set last: only COMMIT can fail after this, and the pipeline forgets the game if it does.
      this.reads.cache.set(gameId, next, seq + decision.events.length);
      return result;
    });
  }

  /** Moves the venue's counter: what changed, for the streams. */
  change(state: GameState, kind: Change['kind']): Change {
    return {
      gameId: state.id,
      board: state.board,
      version: state.version,
      venueSeq: this.store.nextVenueSeq(),
      kind,
      finished: state.status === 'final',
    };
  }

  /**
   * Inside a write transaction: the game for a tournament's called match. The tournament calls only
   * to a board nothing else plays on, so the game is the board's game at once.
   */
  createForMatch(input: MatchGameInput): { state: GameState; change: Change } {
    const event = createGameEvent({
      id: this.freshId(),
      board: input.board,
      home: input.home,
      away: input.away,
      rules: input.rules,
      link: input.link,
      at: input.at,
    });
    const { state } = replay([event]);
    this.store.insertGame({ ...rowOf(state), startedAt: input.at }, event);
    // Friendly games waiting for this board now wait behind the match.
    const change = { ...this.change(state, 'created'), placed: this.reads.waitingOn([input.board]) };
    return { state, change };
  }

  /**
   * Inside a tournament write's transaction: the game of a match that no longer needs it (its match
   * was reset by a correction or a late team, or forfeited) leaves the venue's boards and lists, like a
   * removed game, unless it is over (a played game stays as it was). The tournament has freed its
   * board already; the games waiting for that board move up. Null when there is nothing to retire.
   */
  retireForMatch(gameId: string, at: string): { state: GameState; change: Change } | null {
    const record = this.store.game(gameId);
    const state = record ? this.reads.stateOf(record) : null;
    if (!record || !state || record.status === 'final') return null;
    this.store.markRemoved(gameId, at);
    this.reads.cache.forget(gameId);
    const change: Change = {
      gameId,
      board: record.board,
      version: record.version,
      venueSeq: this.store.nextVenueSeq(),
      kind: 'removed',
      finished: false,
      placed: this.reads.waitingOn([record.board]),
    };
    return { state, change };
  }

  remove(gameId: string, request?: KeyedRequest): WriteResult {
    return this.pipeline.run(gameId, request, (): WriteResult => {
      const record = this.store.game(gameId);
      if (!record) return results.notFound(gameId);
      if (record.tournamentId !== null) return results.tournamentGame(this.reads.stateOf(record)!, 'remove');
      const at = this.now().toISOString();
      this.store.markRemoved(gameId, at);
      this.reads.cache.forget(gameId);
      const { board, version, status } = record;
      const change: Change = {
        gameId,
        board,
        version,
        venueSeq: this.store.nextVenueSeq(),
        kind: 'removed',
        finished: status === 'final',
        // The line moves up behind a no-show, and a removed live game frees its board.
        placed: this.reads.waitingOn([board]),
      };
      if (board !== null && status === 'live' && record.startedAt !== null) {
        const tournaments = this.boardFreed(board, at);
        if (tournaments?.length) change.tournaments = tournaments;
      }
      return results.removed(change);
    });
  }

  private freshId(): string {
    for (let i = 0; i < 10; i++) {
      const id = this.newId();
      if (this.store.gameVersion(id) === null) return id;
    }
    throw new Error('Could not find an unused game id');
  }
}

/** decide() throws only on input the API should have refused (five bags in a round): a 400. */
function decideOrThrown(command: Command, state: GameState, at: string): Decision | Error {
  try {
    return decide(command, state, at);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}
