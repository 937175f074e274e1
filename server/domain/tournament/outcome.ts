// The shapes of a decision, and what follows a change by itself: the next round of switch
// partners once a round is over, then (with autoCall) the calls to the free boards it makes possible.
import type { DecideContext, Decision, RefusalCode, TournamentEvent } from './commands.js';
import type { TournamentState } from './types.js';
import { evolve } from './evolve.js';
import { nextCalls } from './calls.js';
import { nextRound } from './switch.js';

export function accept(...events: TournamentEvent[]): Decision {
  return { ok: true, events };
}

export type Refusal = Extract<Decision, { ok: false }>;

export function refuse(code: RefusalCode, message: string): Refusal {
  return { ok: false, code, message };
}

/** These events, then the round they complete draws the next (switch partners), then the calls. */
export function withCalls(state: TournamentState, events: TournamentEvent[], ctx: DecideContext): Decision {
  const after = events.reduce(evolve, state);
  const round = nextRound(after, ctx.at);
  if (!state.options.autoCall) return accept(...events, ...round);
  return accept(...events, ...round, ...callEvents(round.reduce(evolve, after), ctx));
}

export function callEvents(state: TournamentState, ctx: DecideContext): TournamentEvent[] {
  const { at } = ctx;
  return nextCalls(state, ctx.occupied).map((c) => ({
    type: 'match_called',
    match: c.match,
    board: c.board,
    manual: false,
    at,
  }));
}
