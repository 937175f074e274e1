// A whole random tournament night played through decide and evolve, for the properties: besides
// results and held boards, series games, forfeits and their undoing, withdrawals, late teams and
// corrected results come at random; drawn teams too. Refusals are allowed only where the state may
// rightly refuse (no open slot, a forfeit played on); every other command must be accepted.
import { expect } from 'vitest';
import { decide, evolve } from '../../../../server/domain/tournament/index.js';
import type {
  Command,
  CreateCommand,
  Format,
  Match,
  TournamentState,
} from '../../../../server/domain/tournament/index.js';
import { at, given, teams, type Log } from './given.js';
import { boardProblem, onBoard } from './simulate.js';
import { players } from './night-given.js';

export interface NightRun {
  format: Format;
  n: number;
  seed: number;
  boards: number;
  bestOf: number;
  draw: 'none' | 'blind' | 'switch';
}

/** Refusals a random command may meet in a good state. */
const FAIR = new Set(['no_open_slot', 'played_on', 'not_forfeited', 'already_withdrawn', 'too_many_teams']);

export function createFor(run: NightRun): Partial<CreateCommand> {
  const boards = Array.from({ length: run.boards }, (_, i) => i + 1);
  const options = {
    seed: run.seed,
    seeding: 'random' as const,
    ...(run.bestOf > 1 ? { bestOf: { all: run.bestOf } } : {}),
    ...(run.format === 'pools' ? { pools: { size: 4, advance: 2 } } : {}),
    ...(run.draw === 'none' ? {} : { draw: run.draw, seeding: 'entered' as const }),
  };
  return run.draw === 'none'
    ? { format: run.format, teams: teams(run.n), boards, options }
    : { format: run.format, teams: [], players: players(run.n * 2), boards, options };
}

export function simulateNight(run: NightRun): {
  log: Log;
  snapshots: { at: number; state: TournamentState }[];
} {
  let rand = run.seed || 1;
  const next = (k: number) => {
    rand = (Math.imul(rand, 1664525) + 1013904223) >>> 0;
    return (rand >>> 8) % Math.max(1, k);
  };
  const pick = <T>(items: readonly T[]): T | undefined => items[next(items.length)];
  let log = given(createFor(run), { type: 'start' });
  const snapshots = [{ at: log.events.length, state: log.state }];
  const budget = { withdraw: 2, enter: 2, correct: 3 };
  for (let guard = 0; log.state.status === 'live'; guard++) {
    if (guard > 20_000) expect.fail('the night never ends');
    const problem = boardProblem(log.state);
    if (problem !== null) expect.fail(`version ${log.state.version}: ${problem}`);
    const command = randomCommand(log.state, next, pick, budget, run);
    const decision = decide(command, log.state, { at: at(log.events.length) });
    if (!decision.ok) {
      if (FAIR.has(decision.code)) continue;
      expect.fail(`${JSON.stringify(command)} refused: ${decision.code} ${decision.message}`);
    }
    log.events.push(...decision.events);
    log = { events: log.events, state: decision.events.reduce(evolve, log.state) };
    if (snapshots.length < 4 && next(Math.max(1, run.n * 2)) === 0) {
      snapshots.push({ at: log.events.length, state: log.state });
    }
  }
  return { log, snapshots };
}

function randomCommand(
  state: TournamentState,
  next: (k: number) => number,
  pick: <T>(items: readonly T[]) => T | undefined,
  budget: { withdraw: number; enter: number; correct: number },
  run: NightRun,
): Command {
  const roll = next(40);
  const open = state.matches.filter(onBoard);
  const teamsIn = state.teams.filter((t) => !state.withdrawn.includes(t.id)).map((t) => t.id);
  if (roll === 0 && state.held.length < run.boards - 1) {
    const free = state.boards.filter((b) => !state.held.includes(b));
    return { type: 'hold_board', board: pick(free) ?? 1 };
  }
  if (roll === 1 && state.held.length > 0) return { type: 'release_board', board: state.held[0] ?? 1 };
  if (roll === 2 && budget.withdraw > 0 && run.draw !== 'switch' && teamsIn.length > 2) {
    budget.withdraw--;
    return { type: 'withdraw', team: pick(teamsIn) ?? '' };
  }
  if (roll === 2 && budget.withdraw > 0 && run.draw === 'switch') {
    budget.withdraw--;
    return { type: 'withdraw_player', player: pick(state.players)?.id ?? '' };
  }
  if (roll === 3 && budget.enter > 0) {
    budget.enter--;
    const k = state.teams.length + state.players.length + 1;
    if (run.draw === 'switch')
      return { type: 'enter_player', player: { id: `late${k}`, name: `Late ${k}`, tier: null } };
    return { type: 'enter_team', team: { id: `late${k}`, name: `Late ${k}`, players: [] } };
  }
  const called = open.filter((m) => m.status === 'called');
  if (roll === 4 && called.length > 0) {
    const m = pick(called) as Match;
    return { type: 'forfeit', match: m.id, winner: (next(2) === 0 ? m.home : m.away) ?? '' };
  }
  const forfeited = state.matches.filter((m) => m.decidedBy === 'forfeit');
  if (roll === 5 && forfeited.length > 0) return { type: 'undo_forfeit', match: pick(forfeited)?.id ?? '' };
  const played = state.matches.filter((m) => m.decidedBy === 'game' && m.home !== null && m.away !== null);
  if (roll === 6 && budget.correct > 0 && played.length > 0) {
    budget.correct--;
    const m = pick(played) as Match;
    return {
      type: 'correct_result',
      match: m.id,
      winner: (m.winner === m.home ? m.away : m.home) ?? '',
      by: 'desk',
    };
  }
  const m = pick(open) ?? state.matches.find((x) => x.status === 'ready');
  if (m === undefined || m.home === null || m.away === null)
    throw new Error('a live tournament with nothing to play');
  if (m.status === 'called' && roll < 16) {
    if (m.gameId === null && next(2) === 0)
      return { type: 'link_game', match: m.id, gameId: `g${next(1e6)}` };
    return { type: 'start_match', match: m.id };
  }
  const homeWins = next(2) === 0;
  const loser = next(21);
  const score = homeWins ? { home: 21, away: loser } : { home: loser, away: 21 };
  return { type: 'record_result', match: m.id, winner: homeWins ? m.home : m.away, score };
}
