// The tournaments service: one write pipeline (decide with the pure domain → events, the games they
// call and the answer under its key, in one transaction) and the reads. A called match becomes a game
// in the same transaction; a game's first bag starts its match and its finish records the result in
// the game's own transaction (afterGameWrite), so a crash or a second instance can never advance a
// tournament twice or not at all.
import { randomBytes, randomInt } from 'node:crypto';
import { PRESETS, type GameState, type PresetName } from '../domain/index.js';
import {
  decide,
  evolve,
  previewCorrection,
  previewEntry,
  replay,
  type Command,
  type Draw,
  type EntryPreviewed,
  type Format,
  type Match,
  type PoolOptions,
  type Score,
  type Seeding,
  type TournamentEvent,
  type TournamentState,
} from '../domain/tournament/index.js';
import { BOARD_COUNT_SETTING, parseBoardCount } from '../games/boards.js';
import type { GameEdits } from '../games/edits.js';
import { fingerprint, sameRequest, type Idempotency, type KeyedRequest } from '../games/idempotency.js';
import type { GameReads } from '../games/reads.js';
import { keyReused } from '../games/results.js';
import type { GameWrites } from '../games/writes.js';
import type { AnswerRecord, Store } from '../store/index.js';
import { TournamentCache } from './cache.js';
import { definedOnly, freshEntryId, gameLabel, playerEntries, unneededGames } from './night.js';
import {
  accepted,
  domainRefusal,
  notFound,
  refused,
  type TournamentAnswer,
  type TournamentChange,
  type TournamentRefused,
  type TournamentWriteResult,
} from './results.js';
import type { TournamentReads, TournamentSummary } from './types.js';

export interface NewTournamentInput {
  name: string;
  format: Format;
  /** Entered teams; absent (or empty) where teams are drawn from `players`. */
  teams?: Array<{ name: string; players?: string[] }>;
  /** With `draw`: the players (a name, or a name and tier A/B) whose teams are drawn. */
  players?: Array<string | { name: string; tier?: 'A' | 'B' | null }>;
  draw?: Draw;
  /** Switch partners: how many rounds. */
  rounds?: number;
  pools?: PoolOptions;
  bestOf?: Record<string, number>;
  noShowMinutes?: number;
  boards: number[];
  preset?: PresetName;
  seeding?: Seeding;
  /** Every random choice comes from it; drawn here when not given. */
  seed?: number;
  reset?: boolean;
  twice?: boolean;
  autoCall?: boolean;
}

/** The commands a route may send to a tournament that exists. */
export type TournamentCommand = Exclude<Command, { type: 'create' }>;

export interface TournamentWriteOptions {
  expectedVersion?: number;
  request?: KeyedRequest;
}

/** What the tournaments service needs of the games: making and moving the games that play matches. */
export interface GameSide {
  reads: GameReads;
  writes: GameWrites;
  edits: GameEdits;
}

export function randomTournamentId(): string {
  return randomBytes(6).toString('base64url');
}

export class Tournaments implements TournamentReads {
  private readonly cache: TournamentCache;
  /** Tournaments written in the transaction under way: forgotten from the cache if it fails. */
  private readonly touched = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly games: GameSide,
    private readonly idempotency: Idempotency,
    private readonly now: () => Date,
    private readonly newId: () => string = randomTournamentId,
  ) {
    this.cache = new TournamentCache(store);
  }

  // ---- reads -----------------------------------------------------------------------------------

  get(id: string): TournamentState | null {
    const version = this.store.tournaments.version(id);
    if (version === null) {
      this.cache.forget(id);
      return null;
    }
    return this.cache.current(id, version);
  }

  list(): TournamentSummary[] {
    return this.store.tournaments.all().map((r) => ({
      id: r.id,
      name: r.name,
      format: r.format,
      status: r.status,
      version: r.version,
      teams: r.teams,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    }));
  }

  /** The tournament as it was at `version` (what a kept answer is rebuilt from). */
  stateAt(id: string, version: number): TournamentState | null {
    const current = this.get(id);
    if (current === null || current.version < version) return null;
    if (current.version === version) return current;
    const events = this.store.tournaments.events(id, -1, version).map((e) => e.event);
    return events.length === version + 1 ? replay(events) : null;
  }

  // ---- writes ----------------------------------------------------------------------------------

  create(input: NewTournamentInput, request?: KeyedRequest): TournamentWriteResult {
    return this.run(null, request, () => {
      const count = parseBoardCount(this.store.setting(BOARD_COUNT_SETTING));
      const outside = input.boards.find((b) => !Number.isInteger(b) || b < 1 || b > count);
      if (outside !== undefined) {
        return refused(
          400,
          'bad_board',
          `Board ${outside} does not exist; this venue has boards 1 to ${count}.`,
        );
      }
      const at = this.now().toISOString();
      const id = this.freshId();
      const teams = (input.teams ?? []).map((t, i) => ({
        id: `t${i + 1}`,
        name: t.name,
        players: t.players ?? [],
      }));
      const seeding = input.seeding ?? 'entered';
      const night = {
        pools: input.pools,
        draw: input.draw,
        rounds: input.rounds,
        bestOf: input.bestOf,
        noShowMinutes: input.noShowMinutes,
      };
      const decision = decide(
        {
          type: 'create',
          id,
          name: input.name,
          format: input.format,
          teams,
          boards: input.boards,
          preset: input.preset ?? 'standard',
          options: {
            seed: input.seed ?? randomInt(0, 0xffff_ffff),
            seeding,
            stats: seeding === 'stats' ? this.pastStrength(teams) : null,
            reset: input.reset,
            twice: input.twice,
            autoCall: input.autoCall,
            ...definedOnly(night),
          },
          ...(input.players === undefined ? {} : { players: playerEntries(input.players) }),
        },
        null,
        { at },
      );
      if (!decision.ok) return domainRefusal(decision.code, decision.message, null);
      const [created] = decision.events as [TournamentEvent];
      const state = replay(decision.events);
      this.store.tournaments.insert(
        {
          id,
          name: state.name,
          format: state.format,
          status: state.status,
          teams: state.teams.length,
          version: 0,
          createdAt: at,
          updatedAt: at,
        },
        created,
      );
      const change = { tournamentId: id, version: 0, state, venueSeq: this.store.nextVenueSeq(), games: [] };
      return accepted(201, change);
    });
  }

  /** `command` may be worked out from the tournament as it is (a late team's fresh id). */
  command(
    id: string,
    command: TournamentCommand | ((state: TournamentState) => TournamentCommand),
    opts: TournamentWriteOptions = {},
  ): TournamentWriteResult {
    return this.run(id, opts.request, () => {
      const state = this.get(id);
      if (state === null) return notFound(id);
      const at = this.now().toISOString();
      const ctx = { at, expectedVersion: opts.expectedVersion, occupied: this.occupied(state) };
      const decision = decide(typeof command === 'function' ? command(state) : command, state, ctx);
      if (!decision.ok) return domainRefusal(decision.code, decision.message, state);
      return accepted(200, this.apply(state, decision.events, at));
    });
  }

  /**
   * What correcting a match's result would void; nothing is written. A refusal is the correction's
   * own (409 with the state, or 400 for a bad score).
   */
  previewCorrection(
    id: string,
    correction: { match: string; winner: string; score?: Score },
    expectedVersion?: number,
  ): { ok: true; voids: string[] } | TournamentRefused {
    const state = this.get(id);
    const refusal = (result: TournamentWriteResult) => result.answer as TournamentRefused;
    if (state === null) return refusal(notFound(id));
    if (expectedVersion !== undefined && expectedVersion !== state.version) {
      const message = `The tournament has moved on to version ${state.version} (this preview was based on ${expectedVersion}); look again and retry.`;
      return refusal(refused(409, 'version_conflict', message, state));
    }
    const preview = previewCorrection(state, correction);
    if (!preview.ok) return refusal(domainRefusal(preview.code, preview.message, state));
    return { ok: true, voids: preview.voids };
  }

  /**
   * What entering a late team now would do (the slot, its matches, what is worked out again, the
   * calls), decided as the write would decide it with the id the write would give; nothing is
   * written. A refusal is the entry's own (409 `no_open_slot` with the state, 400 for a bad team).
   */
  previewEntry(
    id: string,
    team: { name: string; players?: string[] },
    expectedVersion?: number,
  ): { ok: true; version: number; preview: EntryPreviewed } | TournamentRefused {
    const state = this.get(id);
    const refusal = (result: TournamentWriteResult) => result.answer as TournamentRefused;
    if (state === null) return refusal(notFound(id));
    const entry = { id: freshEntryId('t', state.teams), name: team.name, players: team.players ?? [] };
    const ctx = { at: this.now().toISOString(), expectedVersion, occupied: this.occupied(state) };
    const preview = previewEntry(state, entry, ctx);
    if (!preview.ok) return refusal(domainRefusal(preview.code, preview.message, state));
    return { ok: true, version: state.version, preview };
  }

  /**
   * Inside a game write's transaction, once its events are in: the first bag of a match's game starts
   * the match, its finish records the result (and, with autoCall, calls the next matches); a finished
   * game outside a tournament frees its board for the tournaments that use it.
   */
  afterGameWrite(before: GameState, after: GameState): TournamentChange[] {
    const out: TournamentChange[] = [];
    const at = after.updatedAt;
    if (after.tournament !== null && after.match !== null) {
      const change = this.advance(after.tournament.id, after.match.id, before, after, at);
      if (change !== null) out.push(change);
    }
    if (before.status !== 'final' && after.status === 'final' && after.board !== null) {
      out.push(...this.boardFreed(after.board, at));
    }
    return out;
  }

  /**
   * Inside a write transaction: board `board` has nothing in play any more (its game finished or was
   * removed). The live tournaments that use it, with autoCall, call their next ready match to it.
   */
  boardFreed(board: number, at: string): TournamentChange[] {
    const out: TournamentChange[] = [];
    for (const record of this.store.tournaments.live()) {
      const state = this.cache.current(record.id, record.version);
      if (!state.boards.includes(board) || !state.options.autoCall) continue;
      const decision = decide({ type: 'call' }, state, { at, occupied: this.occupied(state) });
      // nothing_to_call is the usual answer: no ready match, or the board is held.
      if (decision.ok) out.push(this.apply(state, decision.events, at));
    }
    return out;
  }

  /**
   * Called by the games service when its transaction ends: a tournament folded inside a transaction
   * that failed must not stay cached ahead of the file.
   */
  settle(committed: boolean): void {
    if (!committed) for (const id of this.touched) this.cache.forget(id);
    this.touched.clear();
  }

  // ---- inside a transaction ----------------------------------------------------------------------

  private advance(
    tournamentId: string,
    matchId: string,
    before: GameState,
    after: GameState,
    at: string,
  ): TournamentChange | null {
    const state = this.get(tournamentId);
    if (state === null) return null;
    const match = state.matches.find((m) => m.id === matchId);
    // A game that no longer plays its match (reset by a correction) moves nothing.
    if (match === undefined || match.gameId !== after.id) return null;
    const events: TournamentEvent[] = [];
    let now = state;
    const take = (command: TournamentCommand) => {
      const decision = decide(command, now, { at, occupied: this.occupied(now) });
      // A refusal here means the tournament has already moved past this game (match_done,
      // tournament_final): the game's own write stands and the tournament stays as it is.
      if (!decision.ok) return;
      events.push(...decision.events);
      now = decision.events.reduce(evolve, now);
    };
    if (match.status === 'called' && after.version > before.version)
      take({ type: 'start_match', match: match.id });
    if (after.status === 'final' && before.status !== 'final' && after.winner !== null) {
      const winner = after.winner === 'home' ? match.home : match.away;
      if (winner !== null) {
        const score = { home: after.home.score, away: after.away.score };
        take({ type: 'record_result', match: match.id, winner, score, gameId: after.id });
      }
    }
    return events.length === 0 ? null : this.apply(state, events, at);
  }

  /**
   * Records accepted events, then what they ask of the venue: a called match gets its game (linked
   * in the log), and so does a series' next game; a reassigned call takes its game to the new board.
   * A called or live match that loses its game (reset by a correction or a late team) or is decided
   * without it (a forfeit, a withdrawn team) retires that game from the venue; a played game stays as
   * it was and moves nothing (advance() ignores it). The match's next call makes a new game.
   */
  private apply(state: TournamentState, events: readonly TournamentEvent[], at: string): TournamentChange {
    const records = this.store.tournaments;
    const id = state.id;
    this.touched.add(id);
    records.append(id, state.version + 1, events);
    let next = events.reduce(evolve, state);
    const games: TournamentChange['games'] = [];
    for (const gameId of unneededGames(state, next)) {
      const retired = this.games.writes.retireForMatch(gameId, at);
      if (retired !== null) games.push(retired);
    }
    for (const event of events) {
      if (event.type === 'match_called' || event.type === 'game_result') {
        const match = matchOf(next, event.match);
        // A called match without its game: a fresh call, or (after a game of a series that did not
        // decide it) the series' next game on the same board. A match called and then reset in the
        // same write, or a decided series, needs none.
        if (match.status !== 'called' || match.gameId !== null || match.board === null) continue;
        const made = this.games.writes.createForMatch(this.gameFor(next, match, at));
        games.push(made);
        const link = decide({ type: 'link_game', match: match.id, gameId: made.state.id }, next, { at });
        if (!link.ok) throw new Error(`Linking game ${made.state.id} to match ${match.id}: ${link.message}`);
        records.append(id, next.version + 1, link.events);
        next = link.events.reduce(evolve, next);
      } else if (event.type === 'match_reassigned') {
        const match = matchOf(next, event.match);
        if (match.gameId === null) continue;
        const moved = this.games.edits.moveForMatch(match.gameId, event.board);
        if (moved.kind === 'accepted') games.push({ change: moved.change, state: moved.answer.state });
        else if (moved.kind !== 'unchanged') {
          throw new Error(`Moving game ${match.gameId} to board ${event.board} was refused`);
        }
      }
    }
    records.save(id, { version: next.version, status: next.status, updatedAt: next.updatedAt });
    // The venue's lists show a tournament's status: they change when it starts and when it ends.
    const venueSeq = next.status !== state.status ? this.store.nextVenueSeq() : null;
    return { tournamentId: id, version: next.version, state: next, venueSeq, games };
  }

  private gameFor(state: TournamentState, match: Match, at: string) {
    const team = (id: string | null) => {
      const t = state.teams.find((x) => x.id === id);
      if (t === undefined) throw new Error(`Match ${match.id} is called without its teams`);
      return { name: t.name, players: [...t.players] };
    };
    return {
      board: match.board as number,
      home: team(match.home),
      away: team(match.away),
      rules: { ...PRESETS[state.preset].rules },
      link: {
        tournament: { id: state.id, name: state.name },
        match: { id: match.id, label: gameLabel(state, match) },
      },
      at,
    };
  }

  /** The tournament's boards on which a game outside it is being played now. */
  private occupied(state: TournamentState): number[] {
    return state.boards.filter((board) => {
      const current = this.store.boardNow(board);
      return current !== null && current.status === 'live' && current.tournamentId !== state.id;
    });
  }

  /**
   * Seeding by past statistics: each team's points per round over its finished games at this venue
   * (matched by name), 0 for a team that has none.
   */
  private pastStrength(teams: ReadonlyArray<{ id: string; name: string }>): Record<string, number> {
    const totals = new Map<string, { points: number; rounds: number }>();
    for (const record of this.store.games()) {
      if (record.status !== 'final') continue;
      const state = this.games.reads.stateOf(record);
      if (state === null) continue;
      for (const side of [state.home, state.away]) {
        const key = side.name.toLocaleLowerCase();
        const t = totals.get(key) ?? { points: 0, rounds: 0 };
        totals.set(key, { points: t.points + side.stats.points, rounds: t.rounds + side.stats.rounds });
      }
    }
    return Object.fromEntries(
      teams.map((t) => {
        const total = totals.get(t.name.trim().toLocaleLowerCase());
        return [t.id, total && total.rounds > 0 ? Math.round((total.points / total.rounds) * 100) / 100 : 0];
      }),
    );
  }

  private freshId(): string {
    for (let i = 0; i < 10; i++) {
      const id = this.newId();
      if (this.store.tournaments.version(id) === null) return id;
    }
    throw new Error('Could not find an unused tournament id');
  }

  // ---- the pipeline ----------------------------------------------------------------------------

  /** Under the write lock: a kept answer first, then the write, and its answer kept under its key. */
  private run(id: string | null, request: KeyedRequest | undefined, write: () => TournamentWriteResult) {
    let committed = false;
    try {
      const result = this.store.write((): TournamentWriteResult => {
        this.idempotency.prune();
        if (request) {
          const kept = this.store.answers.find(request.key);
          if (kept) {
            if (!sameRequest(kept, request)) {
              const reused = keyReused().answer as TournamentRefused;
              return refused(422, reused.code, reused.error);
            }
            return { kind: 'replayed', answer: this.rebuild(kept) };
          }
        }
        const result = write();
        if (request) this.remember(request, result.answer);
        return result;
      });
      committed = true;
      return result;
    } finally {
      if (!committed && id !== null) this.cache.forget(id);
      this.settle(committed);
    }
  }

  private remember(request: KeyedRequest, answer: TournamentAnswer): void {
    const state = answer.state;
    this.store.answers.keep(
      request.key,
      {
        fingerprint: fingerprint(request),
        status: answer.status,
        gameId: null,
        tournamentId: state?.id ?? null,
        version: state?.version ?? null,
        code: answer.ok ? null : answer.code,
        error: answer.ok ? null : answer.error,
      },
      this.now().getTime(),
    );
  }

  private rebuild(record: AnswerRecord): TournamentAnswer {
    const { tournamentId, version } = record;
    const state = tournamentId !== null && version !== null ? this.stateAt(tournamentId, version) : null;
    if (tournamentId !== null && state === null) {
      throw new Error(
        `The answer kept for tournament ${tournamentId} at ${String(version)} cannot be rebuilt`,
      );
    }
    if (record.status === 200 || record.status === 201) {
      if (state === null) throw new Error('A kept 2xx answer names no tournament');
      return { ok: true, status: record.status, state };
    }
    return {
      ok: false,
      status: record.status as TournamentRefused['status'],
      code: record.code ?? 'error',
      error: record.error ?? 'The request was refused.',
      state,
    };
  }
}

function matchOf(state: TournamentState, id: string): Match {
  const match = state.matches.find((m) => m.id === id);
  if (match === undefined) throw new Error(`No match ${id}`);
  return match;
}
