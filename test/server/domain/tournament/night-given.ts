// Test vocabulary for a tournament night, beside given.ts: players for a draw, the teams of a match,
// results for a chosen team, the events of a decision by type.
import { expect } from 'vitest';
import type {
  Command,
  Decision,
  PlayerEntry,
  TournamentEvent,
  TournamentState,
} from '../../../../server/domain/tournament/index.js';
import { match } from './given.js';

/** Players p1…pn named "Player 1"…; with `tiers`, the first half A and the second half B. */
export function players(n: number, tiers = false): PlayerEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `p${i + 1}`,
    name: `Player ${i + 1}`,
    tier: tiers ? (i < n / 2 ? 'A' : 'B') : null,
  }));
}

/** The result of match `id` won by `team` (21 to `against`). */
export function won(state: TournamentState, id: string, team: string, against = 10): Command {
  const m = match(state, id);
  if (m.home !== team && m.away !== team) expect.fail(`${team} does not play ${id}`);
  const score = m.home === team ? { home: 21, away: against } : { home: against, away: 21 };
  return { type: 'record_result', match: id, winner: team, score };
}

/** The accepted events of a decision (fails the test on a refusal). */
export function eventsOf(decision: Decision): TournamentEvent[] {
  if (!decision.ok) expect.fail(`refused: ${decision.code} ${decision.message}`);
  return decision.events;
}

/** The first event of this type in a decision. */
export function eventOf<T extends TournamentEvent['type']>(
  decision: Decision,
  type: T,
): Extract<TournamentEvent, { type: T }> {
  const event = eventsOf(decision).find((e) => e.type === type);
  if (event === undefined) expect.fail(`no ${type} in ${JSON.stringify(decision)}`);
  return event as Extract<TournamentEvent, { type: T }>;
}

/** Board calls as "match@board" of the matches called or live. */
export function onBoards(state: TournamentState): string[] {
  return state.matches
    .filter((m) => m.status === 'called' || m.status === 'live')
    .map((m) => `${m.id}@${m.board}`);
}

/** The result of the undecided match between a and b: a wins, `points` to `against`. */
export function beats(state: TournamentState, a: string, b: string, points = 21, against = 10): Command {
  const m = state.matches.find(
    (x) => x.status !== 'done' && ((x.home === a && x.away === b) || (x.home === b && x.away === a)),
  );
  if (m === undefined) expect.fail(`no open match ${a} v ${b}`);
  const score = m.home === a ? { home: points, away: against } : { home: against, away: points };
  return { type: 'record_result', match: m.id, winner: a, score };
}
