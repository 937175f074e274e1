// A whole random tournament played through decide and evolve, for the property tests and their
// timing: random matches finish, some are started first, a board is now and then held or released.
import { expect } from 'vitest';
import { decide, evolve, nextCalls } from '../../../../server/domain/tournament/index.js';
import type { Command, Format, Match, TournamentState } from '../../../../server/domain/tournament/index.js';
import { at, given, teams, type Log } from './given.js';

export interface Run {
  format: Format;
  n: number;
  seed: number;
  boards: number;
  reset: boolean;
  twice: boolean;
}

export const onBoard = (m: Match) => m.status === 'called' || m.status === 'live';

/**
 * No team and no board in two called or live matches, every call on one of the tournament's boards,
 * and no free board idle while a match could go to it. Plain checks (thousands of writes per run).
 */
export function boardProblem(state: TournamentState): string | null {
  const teamsOnBoards = new Set<string | null>();
  const boards = new Set<number | null>();
  for (const m of state.matches) {
    if (!onBoard(m)) continue;
    if (teamsOnBoards.has(m.home) || teamsOnBoards.has(m.away)) return `a team of ${m.id} is on two boards`;
    if (boards.has(m.board)) return `board ${m.board} has two matches`;
    if (m.board === null || !state.boards.includes(m.board)) return `${m.id} is on board ${m.board}`;
    teamsOnBoards.add(m.home).add(m.away);
    boards.add(m.board);
  }
  const idle = nextCalls(state);
  return idle.length > 0 ? `${idle[0]?.match} could go to board ${idle[0]?.board}` : null;
}

/** Plays a whole tournament: random matches finish, some are started first, a board is now and then held. */
export function simulate(run: Run): { log: Log; snapshots: { at: number; state: TournamentState }[] } {
  let rand = run.seed || 1;
  const next = (k: number) => {
    rand = (Math.imul(rand, 1664525) + 1013904223) >>> 0;
    return (rand >>> 8) % k;
  };
  const boards = Array.from({ length: run.boards }, (_, i) => i + 1);
  const options = { seed: run.seed, seeding: 'random' as const, reset: run.reset, twice: run.twice };
  let log = given({ format: run.format, teams: teams(run.n), boards, options }, { type: 'start' });
  const snapshots = [{ at: log.events.length, state: log.state }];
  while (log.state.status === 'live') {
    const problem = boardProblem(log.state);
    if (problem !== null) expect.fail(`version ${log.state.version}: ${problem}`);
    const open = log.state.matches.filter(onBoard);
    const roll = next(20);
    let command: Command;
    if (roll === 0 && log.state.held.length < run.boards - 1) {
      const free = boards.filter((b) => !log.state.held.includes(b));
      command = { type: 'hold_board', board: free[next(free.length)] ?? 1 };
    } else if (roll === 1 && log.state.held.length > 0) {
      command = { type: 'release_board', board: log.state.held[0] ?? 1 };
    } else {
      const m = open[next(open.length)];
      if (m === undefined || m.home === null || m.away === null)
        throw new Error('a live tournament with nothing on a board');
      if (m.status === 'called' && roll < 8) {
        command = { type: 'start_match', match: m.id };
      } else {
        const homeWins = next(2) === 0;
        const loser = next(21);
        const score = homeWins ? { home: 21, away: loser } : { home: loser, away: 21 };
        command = { type: 'record_result', match: m.id, winner: homeWins ? m.home : m.away, score };
      }
    }
    // decide and evolve without the helper's copies: the log grows in place here.
    const decision = decide(command, log.state, { at: at(log.events.length) });
    if (!decision.ok) expect.fail(`${JSON.stringify(command)} refused: ${decision.code} ${decision.message}`);
    log.events.push(...decision.events);
    log = { events: log.events, state: decision.events.reduce(evolve, log.state) };
    if (snapshots.length < 4 && next(Math.max(1, run.n * 2)) === 0) {
      snapshots.push({ at: log.events.length, state: log.state });
    }
  }
  return { log, snapshots };
}
