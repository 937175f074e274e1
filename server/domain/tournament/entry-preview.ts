// What a late team's entry would do, said before it is done: the decision the entry would be
// (decide itself, so the preview is the write's own answer, nothing worked out twice), read back as
// the slot it takes, the matches it would play and against whom, the matches worked out again
// (`voids`) and the calls made at once. Nothing is changed: the caller writes only on a confirm,
// which carries the version the preview was made on.
import type { DecideContext, TournamentEvent } from './commands.js';
import type { Side, TeamEntry, TournamentState } from './types.js';
import { decide } from './decide.js';
import { evolve } from './evolve.js';
import type { Refusal } from './outcome.js';

export interface EntryPreviewed {
  ok: true;
  /** The team as the entry would record it (trimmed; its id the one the write gives). */
  team: TeamEntry;
  /** An elimination's bye it takes (the empty side of that first-round match), else null. */
  slot: { match: string; side: Side } | null;
  /** The matches the team would play once in, in calling order, with the opponent (null: not known yet). */
  matches: Array<{ match: string; opponent: string | null }>;
  /** The matches worked out again (none of them played on). */
  voids: string[];
  /** The matches the entry calls to boards at once (autoCall), the late team's or others'. */
  calls: Array<{ match: string; board: number }>;
  /** The tournament as it would be after the entry (for a page's words; an API leaves it out). */
  after: TournamentState;
}

export type EntryPreview = EntryPreviewed | Refusal;

/** What entering `team` now would do; its refusals are the entry's own (`no_open_slot`, …). */
export function previewEntry(state: TournamentState, team: TeamEntry, ctx: DecideContext): EntryPreview {
  const decision = decide({ type: 'enter_team', team }, state, ctx);
  if (!decision.ok) return decision;
  const entered = decision.events.find(
    (e): e is Extract<TournamentEvent, { type: 'team_entered' }> => e.type === 'team_entered',
  );
  if (entered === undefined) throw new Error('An accepted entry without its team_entered event');
  const after = decision.events.reduce(evolve, state);
  const id = entered.team.id;
  const matches = after.matches
    .filter((m) => m.home === id || m.away === id)
    .map((m) => ({ match: m.id, opponent: m.home === id ? m.away : m.home }));
  const calls = decision.events.flatMap((e) =>
    e.type === 'match_called' ? [{ match: e.match, board: e.board }] : [],
  );
  return { ok: true, team: entered.team, slot: entered.slot, matches, voids: entered.voids, calls, after };
}
