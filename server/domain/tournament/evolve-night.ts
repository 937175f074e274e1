// Folding a tournament night's events: check-in and the teams who start, drawn teams and rounds,
// late teams, withdrawals, forfeits and their undoing, the games of a series, corrected results.
// Each moves the version by one (the caller did); those that change matches work them out again.
import type { NightEvent } from './commands.js';
import type { Match, TournamentState } from './types.js';
import { assertNever } from '../rules.js';
import { freshMatches, reset, settle, settleAfter } from './settle.js';
import { correctedMatch, rederive } from './rederive.js';
import { ctxOf, settled, withMatch } from './settled.js';
import { standingsOf } from './standings.js';
import { playerStandingsOf } from './player-standings.js';
import { bestOfFor } from './night-options.js';
import { callOrder } from './calls.js';
import { seriesGame } from './series.js';

export function evolveNight(next: TournamentState, event: NightEvent): TournamentState {
  switch (event.type) {
    case 'checked_in':
      return { ...next, checkedIn: [...next.checkedIn, event.entrant] };
    case 'checked_out':
      return { ...next, checkedIn: next.checkedIn.filter((id) => id !== event.entrant) };
    case 'entrants_dropped': {
      const gone = new Set(event.entrants);
      return setup({
        ...next,
        teams: next.teams.filter((t) => !gone.has(t.id)),
        players: next.players.filter((p) => !gone.has(p.id)),
      });
    }
    case 'teams_drawn':
      return setup({ ...next, teams: event.teams.map((t) => ({ ...t })) });
    case 'round_drawn': {
      const fresh = freshMatches(event.plan, bestOfFor(next.options));
      const drawn = {
        ...next,
        teams: [...next.teams, ...event.teams],
        roundsDrawn: [...next.roundsDrawn, { round: event.round, sittingOut: [...event.sittingOut] }],
      };
      return settled(
        { ...drawn, matches: settle([...next.matches, ...fresh], ctxOf(drawn, event.at)) },
        null,
      );
    }
    case 'player_entered':
      return setup({ ...next, players: [...next.players, { ...event.player }] });
    case 'team_entered':
      return entered(next, event);
    case 'team_withdrawn':
    case 'player_withdrawn': {
      const state = {
        ...next,
        playersOut: event.type === 'player_withdrawn' ? [...next.playersOut, event.player] : next.playersOut,
        withdrawn: event.team === null ? next.withdrawn : [...next.withdrawn, event.team],
      };
      return settled({ ...state, matches: settle(state.matches, ctxOf(state, event.at)) }, null);
    }
    case 'match_forfeited': {
      const decided = withMatch(next, event.match, ['ready', 'called'], (m) => ({
        ...m,
        status: 'done',
        winner: event.winner,
        loser: event.winner === m.home ? m.away : m.home,
        decidedBy: 'forfeit',
        finishedAt: event.at,
      }));
      const matches = settleAfter(decided.matches, event.match, ctxOf(decided, event.at));
      return settled({ ...decided, matches }, null);
    }
    case 'forfeit_undone':
      return reworked(next, event.match, reset, event.at);
    case 'game_result': {
      const decided = withMatch(next, event.match, ['ready', 'called', 'live'], (m) => seriesGame(m, event));
      const match = decided.matches.find((m) => m.id === event.match);
      if (match?.status !== 'done') return decided;
      const matches = settleAfter(decided.matches, event.match, ctxOf(decided, event.at));
      return settled({ ...decided, matches }, event.match);
    }
    case 'result_corrected': {
      const before = next.matches.find((m) => m.id === event.match);
      const corrected = reworked(
        next,
        event.match,
        (m) => correctedMatch(m, event.winner, event.score),
        event.at,
      );
      const correction = {
        match: event.match,
        by: event.by,
        at: event.at,
        before: { winner: before?.winner ?? null, score: before?.score ?? null },
        after: { winner: event.winner, score: event.score },
        voids: [...event.voids],
      };
      return { ...corrected, corrections: [...next.corrections, correction] };
    }
    default:
      return assertNever(event);
  }
}

/** Standings before the start (no matches: nothing to work out). */
function setup(state: TournamentState): TournamentState {
  return { ...state, standings: standingsOf(state), playerStandings: playerStandingsOf(state) };
}

/** One match changed, everything after it worked out again (voiding what depended on it). */
function reworked(
  state: TournamentState,
  id: string,
  change: (m: Match) => Match,
  at: string,
): TournamentState {
  const matches = state.matches.map((m) => (m.id === id ? change(m) : m));
  const { matches: after } = rederive(matches, new Set([id]), ctxOf(state, at));
  return settled({ ...state, matches: after }, null);
}

function entered(
  next: TournamentState,
  event: Extract<NightEvent, { type: 'team_entered' }>,
): TournamentState {
  const teams = [...next.teams, { ...event.team }];
  if (next.status === 'setup') return setup({ ...next, teams });
  const state = { ...next, teams, seeds: [...next.seeds, event.team.id] };
  const team = { kind: 'team' as const, team: event.team.id };
  const { slot } = event;
  if (slot !== null) {
    return reworked(
      state,
      slot.match,
      (m) => reset({ ...m, from: { ...m.from, [slot.side]: team } }),
      event.at,
    );
  }
  const added = freshMatches(event.plan, bestOfFor(next.options));
  const matches = [...state.matches, ...added].sort(callOrder);
  const { matches: after } = rederive(matches, new Set(added.map((m) => m.id)), ctxOf(state, event.at));
  return settled({ ...state, matches: after }, null);
}
