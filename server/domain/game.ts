// Folding the event log into a game: evolve one event at a time, replay a whole log, and the
// undo history (each write keeps the game it replaced, so undo is one step back, not a replay).
import { BAGS_PER_ROUND } from './types.js';
import type {
  BagCounts,
  BagResult,
  ClosedRound,
  GameEdit,
  GameEvent,
  GameState,
  LiveState,
  RoundCount,
  Side,
} from './types.js';
import {
  assertNever,
  assertRoundCount,
  bagsThrown,
  nextFirstThrow,
  roundPoints,
  settleRound,
  winnerOf,
} from './rules.js';
import { teamAfterRound } from './stats.js';
import { emptyCounts, initialState } from './create.js';

export interface Game {
  state: GameState;
  /**
   * The game as it was before its last bag or round entry still in effect; null when nothing is.
   * Games are immutable, so this chain shares structure and costs one small object per write.
   */
  previous: Game | null;
}

export function replay(events: GameEvent[]): Game {
  const [first, ...rest] = events;
  if (first === undefined || first.type !== 'game_created') {
    throw new Error('A game log must start with game_created.');
  }
  let game: Game = { state: initialState(first), previous: null };
  for (const event of rest) game = evolve(game, event);
  return game;
}

/** Applies one accepted write. Throws on events decide() would never have produced. */
export function evolve(game: Game, event: GameEvent): Game {
  switch (event.type) {
    case 'game_created':
      throw new Error('game_created starts a log; use replay() for it.');
    case 'bag_thrown':
      return write(game, event.at, throwBag(game.state, event.side, event.result));
    case 'round_entered':
      return write(game, event.at, enterRound(game.state, event.home, event.away));
    case 'undone': {
      const back = game.previous;
      if (back === null) throw new Error('Nothing to undo.');
      // Undo takes back a bag or a round, never an edit: the names and the board stay as they are.
      const state = stamp(withIdentityOf(back.state, game.state), game.state.version + 1, event.at);
      return { state, previous: back.previous };
    }
    case 'game_edited':
      // An edit is a write (the version moves) but no bag: undo steps over it, so the game before the
      // last bag stays what `previous` points at.
      return {
        state: stamp(edited(game.state, event), game.state.version + 1, event.at),
        previous: game.previous,
      };
    default:
      return assertNever(event);
  }
}

export function bagsLeft(state: GameState, side: Side): number {
  return BAGS_PER_ROUND - bagsThrown(state.round[side]);
}

/** What a game stream's `state` event carries: everything but the round history. */
export function liveState(state: GameState): LiveState {
  const { rounds: _rounds, ...live } = state;
  return live;
}

function edited(state: GameState, e: GameEdit): GameState {
  return {
    ...state,
    board: e.board !== undefined ? e.board : state.board,
    home: e.home !== undefined ? { ...state.home, name: e.home } : state.home,
    away: e.away !== undefined ? { ...state.away, name: e.away } : state.away,
  };
}

/** `back` with the names and board of `now`: what an undo brings back after an edit. */
function withIdentityOf(back: GameState, now: GameState): GameState {
  if (back.board === now.board && back.home.name === now.home.name && back.away.name === now.away.name) {
    return back;
  }
  return edited(back, { board: now.board, home: now.home.name, away: now.away.name });
}

function write(game: Game, at: string, next: GameState): Game {
  return { state: stamp(next, game.state.version + 1, at), previous: game };
}

function stamp(state: GameState, version: number, updatedAt: string): GameState {
  return { ...state, version, updatedAt };
}

function assertLive(state: GameState): void {
  if (state.status === 'final') throw new Error('The game is final.');
}

function throwBag(state: GameState, side: Side, result: BagResult): GameState {
  assertLive(state);
  if (bagsLeft(state, side) === 0) throw new Error(`The ${side} side has no bags left this round.`);
  const counts = state.round[side];
  const bagged: BagCounts = { ...counts, [result]: counts[result] + 1 };
  const round = { ...state.round, [side]: bagged };
  const next = { ...state, round };
  return bagsLeft(next, 'home') === 0 && bagsLeft(next, 'away') === 0 ? closeRound(next) : next;
}

function enterRound(state: GameState, home: RoundCount, away: RoundCount): GameState {
  assertLive(state);
  assertRoundCount(home);
  assertRoundCount(away);
  if (bagsThrown(state.round.home) + bagsThrown(state.round.away) > 0) {
    throw new Error('A whole round cannot be entered over bags already thrown.');
  }
  const fill = (c: RoundCount): BagCounts => ({ ...c, miss: BAGS_PER_ROUND - c.hole - c.board });
  return closeRound({ ...state, round: { ...state.round, home: fill(home), away: fill(away) } });
}

/** Both sides have thrown four: score the round, decide the game, open the next round. */
function closeRound(state: GameState): GameState {
  const { rules, round } = state;
  const points = { home: roundPoints(round.home), away: roundPoints(round.away) };
  const settled = settleRound(rules, { home: state.home.score, away: state.away.score }, points);
  const closed: ClosedRound = {
    number: round.number,
    home: { ...round.home, points: points.home },
    away: { ...round.away, points: points.away },
    scored: settled.scored,
    net: settled.net,
    homeScore: settled.scores.home,
    awayScore: settled.scores.away,
    firstThrow: round.firstThrow,
  };
  const winner = winnerOf(rules, settled.scores);
  return {
    ...state,
    status: winner === null ? 'live' : 'final',
    winner,
    home: teamAfterRound(state.home, round.number, round.home, settled.scores.home),
    away: teamAfterRound(state.away, round.number, round.away, settled.scores.away),
    round: {
      number: round.number + 1,
      firstThrow: nextFirstThrow(rules, settled.scored, round.firstThrow),
      home: emptyCounts(),
      away: emptyCounts(),
    },
    rounds: [...state.rounds, closed],
  };
}
