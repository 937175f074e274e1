// Test vocabulary for tournaments: given a log (a created tournament and earlier commands), when a
// command comes, then events or a refusal. Times are made up: one second per write.
import { expect } from 'vitest';
import { decide, evolve, replay } from '../../../../server/domain/tournament/index.js';
import type {
  Command,
  CreateCommand,
  Decision,
  Match,
  TeamEntry,
  TournamentEvent,
  TournamentState,
} from '../../../../server/domain/tournament/index.js';

const START = Date.parse('2025-06-07T18:00:00.000Z');

export function at(write: number): string {
  return new Date(START + write * 1000).toISOString();
}

/** Teams t1…tn named "Team 1"…, entered in that order. */
export function teams(n: number): TeamEntry[] {
  return Array.from({ length: n }, (_, i) => ({ id: `t${i + 1}`, name: `Team ${i + 1}`, players: [] }));
}

export function createCommand(overrides: Partial<CreateCommand> = {}): CreateCommand {
  return {
    type: 'create',
    id: 'cup',
    name: 'Friday Cup',
    format: 'single',
    teams: teams(8),
    boards: [1, 2],
    preset: 'standard',
    options: { seed: 7 },
    ...overrides,
  };
}

export interface Log {
  events: TournamentEvent[];
  state: TournamentState;
}

/** A tournament created with these fields (or refused: the test fails). */
export function created(overrides: Partial<CreateCommand> = {}): Log {
  const decision = decide(createCommand(overrides), null, { at: at(0) });
  if (!decision.ok) expect.fail(`create refused: ${decision.code} ${decision.message}`);
  return { events: decision.events, state: replay(decision.events) };
}

export function when(log: Log, command: Command, expectedVersion?: number): Decision {
  return decide(command, log.state, { at: at(log.events.length), expectedVersion });
}

/** The log after these commands, each decided then evolved; fails the test on a refusal. */
export function play(log: Log, ...commands: Command[]): Log {
  let next = log;
  for (const command of commands) {
    const decision = when(next, command);
    if (!decision.ok) expect.fail(`${JSON.stringify(command)} refused: ${decision.code} ${decision.message}`);
    next = {
      events: [...next.events, ...decision.events],
      state: decision.events.reduce(evolve, next.state),
    };
  }
  return next;
}

export function given(overrides: Partial<CreateCommand>, ...commands: Command[]): Log {
  return play(created(overrides), ...commands);
}

export function match(state: TournamentState, id: string): Match {
  const m = state.matches.find((x) => x.id === id);
  if (m === undefined) expect.fail(`no match ${id}`);
  return m;
}

/** The result command for a match: `winner` is 'home' or 'away', 21 to `loserPoints`. */
export function result(
  state: TournamentState,
  id: string,
  winner: 'home' | 'away',
  loserPoints = 10,
): Command {
  const m = match(state, id);
  const team = m[winner];
  if (team === null) expect.fail(`match ${id} has no ${winner} team`);
  const score = winner === 'home' ? { home: 21, away: loserPoints } : { home: loserPoints, away: 21 };
  return { type: 'record_result', match: id, winner: team, score };
}

/** Plays every match on a board (or ready, if nothing is called) to the end; `pick` names the winner. */
export function playOut(log: Log, pick: (m: Match) => 'home' | 'away' = () => 'home'): Log {
  let next = log;
  for (let guard = 0; next.state.status === 'live' && guard < 10_000; guard++) {
    const open =
      next.state.matches.find((m) => m.status === 'called' || m.status === 'live') ??
      next.state.matches.find((m) => m.status === 'ready');
    if (open === undefined) expect.fail('a live tournament with nothing to play');
    next = play(next, result(next.state, open.id, pick(open)));
  }
  return next;
}

/** Pairings as "home-away" with "bye" for an empty side, e.g. "t1-bye". */
export function pairing(m: Match): string {
  const side = (team: string | null, bye: boolean) => team ?? (bye ? 'bye' : '?');
  return `${side(m.home, m.bye.home)}-${side(m.away, m.bye.away)}`;
}

export function inBracket(state: TournamentState, bracket: string, round?: number): Match[] {
  return state.matches.filter((m) => m.bracket === bracket && (round === undefined || m.round === round));
}
