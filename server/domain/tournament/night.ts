// Deciding a tournament night's commands: the start (check-in, drawn teams), check-in and out,
// late teams and players, withdrawals, a no-show's forfeit and taking one back.
// Check-in is in use once anyone has checked in: then the start is refused while some have not
// (`unchecked_entrants`, naming them) unless it says `dropUnchecked`, which leaves them out.
import type { Command, DecideContext, Decision, NightCommand, TournamentEvent } from './commands.js';
import type { Match, TournamentState } from './types.js';
import { evolve } from './evolve.js';
import { seedOrder } from './seeding.js';
import { planMatches } from './plan.js';
import { MAX_TEAMS, MIN_TEAMS, cleanTeam, teamProblem } from './create.js';
import { blindDraw, drawProblem, usesTiers } from './draw.js';
import { MAX_PLAYERS, MIN_PLAYERS, goodPlayer } from './night-options.js';
import { poolsFit } from './pools.js';
import { openSlot } from './entry.js';
import { playedOn, rederive } from './rederive.js';
import { reset } from './settle.js';
import { ctxOf } from './settled.js';
import { accept, refuse, withCalls, type Refusal } from './outcome.js';
import { activePlayers } from './switch.js';

type Start = Extract<Command, { type: 'start' }>;
type Night = Exclude<NightCommand, { type: 'correct_result' }>;

/** Who checks in: the teams, or where teams are drawn the players. */
function entrants(state: TournamentState): { id: string; name: string }[] {
  return state.options.draw === undefined ? state.teams : state.players;
}

export function decideStart(command: Start, state: TournamentState, ctx: DecideContext): Decision {
  const { at } = ctx;
  const events: TournamentEvent[] = [];
  let s = state;
  const push = (e: TournamentEvent) => {
    events.push(e);
    s = evolve(s, e);
  };
  if (state.checkedIn.length > 0) {
    const unchecked = entrants(state).filter((e) => !state.checkedIn.includes(e.id));
    if (unchecked.length > 0 && command.dropUnchecked !== true) {
      const names = unchecked.map((e) => e.name).join(', ');
      return refuse('unchecked_entrants', `Not checked in: ${names}. Check them in, or start without them.`);
    }
    if (unchecked.length > 0) push({ type: 'entrants_dropped', entrants: unchecked.map((e) => e.id), at });
  }
  const problem = startProblem(s);
  if (problem !== null) return problem;
  if (s.options.draw === 'blind')
    push({ type: 'teams_drawn', teams: blindDraw(s.players, s.options.seed), at });
  const seeds = s.options.draw === 'switch' ? [] : seedOrder(s.teams, s.options);
  const plan = planMatches(s.format, seeds, s.options);
  return withCalls(state, [...events, { type: 'tournament_started', seeds, plan, at }], ctx);
}

/** Why the tournament cannot start with those it has (after leaving out the unchecked). */
function startProblem(s: TournamentState): Refusal | null {
  const few = (what: string) => refuse('too_few_checked_in', `Too few to start: ${what}.`);
  if (s.options.draw !== undefined) {
    if (s.players.length < MIN_PLAYERS) return few(`a draw needs ${MIN_PLAYERS} players`);
    if (s.options.draw === 'blind') {
      const unpaired = drawProblem(s.players);
      if (unpaired !== null) return refuse('cannot_draw', unpaired);
    } else if (
      usesTiers(s.players) &&
      ['A', 'B'].some((t) => s.players.filter((p) => p.tier === t).length < 2)
    ) {
      return few('switch partners with tiers needs two A and two B players');
    }
    return poolsProblem(s, Math.floor(s.players.length / 2));
  }
  if (s.teams.length < MIN_TEAMS) return few(`a tournament needs ${MIN_TEAMS} teams`);
  return poolsProblem(s, s.teams.length);
}

function poolsProblem(s: TournamentState, teams: number): Refusal | null {
  const pools = s.options.pools;
  if (pools === undefined || poolsFit(teams, pools)) return null;
  return refuse(
    'pools_do_not_fit',
    `${teams} teams in pools of up to ${pools.size} cannot each send ${pools.advance} on to a bracket.`,
  );
}

export function decideNight(command: Night, state: TournamentState, ctx: DecideContext): Decision {
  const { at } = ctx;
  switch (command.type) {
    case 'check_in':
    case 'check_out': {
      if (state.status !== 'setup') return refuse('already_started', 'Check-in closes at the start.');
      const entrant = entrants(state).find((e) => e.id === command.entrant);
      if (entrant === undefined)
        return refuse('unknown_entrant', `There is no ${command.entrant} to check in.`);
      const isIn = state.checkedIn.includes(entrant.id);
      if (command.type === 'check_in') {
        if (isIn) return refuse('already_checked_in', `${entrant.name} is checked in already.`);
        return accept({ type: 'checked_in', entrant: entrant.id, at });
      }
      if (!isIn) return refuse('not_checked_in', `${entrant.name} is not checked in.`);
      return accept({ type: 'checked_out', entrant: entrant.id, at });
    }
    case 'enter_team':
      return enterTeam(command.team, state, ctx);
    case 'enter_player': {
      const { player } = command;
      if (state.options.draw === undefined) {
        return refuse('not_a_draw', 'This tournament has entered teams: enter a team.');
      }
      if (state.status !== 'setup' && state.options.draw === 'blind') {
        return refuse('already_started', 'The blind draw is made: enter a late pair as a team.');
      }
      if (!goodPlayer(player) || (player.tier !== null) !== usesTiers(state.players)) {
        return refuse(
          'bad_players',
          'A player needs an id, a name of 1 to 40 characters, and a tier A or B where the others have one.',
        );
      }
      const name = player.name.trim().toLowerCase();
      if (state.players.some((p) => p.id === player.id || p.name.toLowerCase() === name)) {
        return refuse('duplicate_player', `A player has the id or the name of "${player.name.trim()}".`);
      }
      if (state.players.length >= MAX_PLAYERS)
        return refuse('bad_players', `A draw takes at most ${MAX_PLAYERS} players.`);
      const entry = { id: player.id, name: player.name.trim(), tier: player.tier };
      return withCalls(state, [{ type: 'player_entered', player: entry, at }], ctx);
    }
    case 'withdraw': {
      if (state.status === 'setup')
        return refuse('not_started', 'Before the start, leave the team unchecked instead.');
      if (state.options.draw === 'switch')
        return refuse('draw_tournament', 'Switch partners: withdraw a player.');
      if (!state.teams.some((t) => t.id === command.team))
        return refuse('unknown_team', `There is no team ${command.team}.`);
      if (state.withdrawn.includes(command.team))
        return refuse('already_withdrawn', 'The team has withdrawn already.');
      return withCalls(state, [{ type: 'team_withdrawn', team: command.team, at }], ctx);
    }
    case 'withdraw_player': {
      if (state.options.draw !== 'switch')
        return refuse('not_a_draw', 'Only switch partners withdraws players: withdraw the team.');
      if (state.status === 'setup')
        return refuse('not_started', 'Before the start, leave the player unchecked instead.');
      if (!state.players.some((p) => p.id === command.player)) {
        return refuse('unknown_player', `There is no player ${command.player}.`);
      }
      if (!activePlayers(state).some((p) => p.id === command.player)) {
        return refuse('already_withdrawn', 'The player has withdrawn already.');
      }
      const { team } = playerWithdrawal(state, command.player);
      return withCalls(state, [{ type: 'player_withdrawn', player: command.player, team, at }], ctx);
    }
    case 'forfeit':
    case 'undo_forfeit':
      return decideForfeit(command, state, ctx);
  }
}

/**
 * Switch partners: what withdrawing `player` forfeits: their team's match of the round under way (not
 * decided yet), withdrawn with them, and that team; both null when they have no match open.
 */
export function playerWithdrawal(
  state: TournamentState,
  player: string,
): { team: string | null; match: Match | null } {
  const teams = new Set(state.teams.filter((t) => t.members?.includes(player)).map((t) => t.id));
  const open = state.matches.find(
    (m) => m.status !== 'done' && (teams.has(m.home ?? '') || teams.has(m.away ?? '')),
  );
  if (open === undefined) return { team: null, match: null };
  return { team: teams.has(open.home ?? '') ? open.home : open.away, match: open };
}

function enterTeam(
  team: Extract<Night, { type: 'enter_team' }>['team'],
  state: TournamentState,
  ctx: DecideContext,
): Decision {
  const wrong = teamProblem(team, state.teams);
  if (wrong !== null) return refuse(wrong.code, wrong.message);
  if (state.teams.length >= MAX_TEAMS)
    return refuse('too_many_teams', `A tournament takes at most ${MAX_TEAMS} teams.`);
  const { draw } = state.options;
  if (draw === 'switch' || (draw === 'blind' && state.status === 'setup')) {
    return refuse('draw_tournament', 'Teams are drawn from the players here: enter a player.');
  }
  const entry = cleanTeam(team);
  if (state.status === 'setup') {
    const pools = poolsProblem(state, state.teams.length + 1);
    if (pools !== null) return pools;
    return accept({ type: 'team_entered', team: entry, slot: null, plan: [], voids: [], at: ctx.at });
  }
  const open = openSlot(state, entry.id);
  if (open === null) {
    return refuse('no_open_slot', 'No bye or free seat is left that nothing has been played on.');
  }
  return withCalls(state, [{ type: 'team_entered', team: entry, ...open, at: ctx.at }], ctx);
}

function decideForfeit(
  command: Extract<Night, { type: 'forfeit' | 'undo_forfeit' }>,
  state: TournamentState,
  ctx: DecideContext,
): Decision {
  if (state.status === 'setup') return refuse('not_started', 'The tournament has not started yet.');
  const match = state.matches.find((m) => m.id === command.match);
  if (match === undefined) return refuse('unknown_match', `There is no match ${command.match}.`);
  if (command.type === 'forfeit') {
    if (match.status === 'done') return refuse('match_done', `Match ${match.id} is decided.`);
    if (match.status === 'live') return refuse('match_live', `Match ${match.id} is being played.`);
    if (match.home === null || match.away === null) {
      return refuse('match_not_ready', `Match ${match.id} still waits for its teams.`);
    }
    if (command.winner !== match.home && command.winner !== match.away) {
      return refuse('not_in_match', `The winner does not play in match ${match.id}.`);
    }
    return withCalls(
      state,
      [{ type: 'match_forfeited', match: match.id, winner: command.winner, at: ctx.at }],
      ctx,
    );
  }
  const byWithdrawal = [match.home, match.away].some((t) => t !== null && state.withdrawn.includes(t));
  if (match.decidedBy !== 'forfeit' || byWithdrawal) {
    return refuse('not_forfeited', `Match ${match.id} was not forfeited by a no-show.`);
  }
  const matches = state.matches.map((m) => (m.id === match.id ? reset(m) : m));
  const { voids } = rederive(matches, new Set([match.id]), ctxOf(state, null));
  const since = playedOn(state.matches, voids);
  if (since.length > 0) {
    return refuse('played_on', `The forfeit's winner has played on since (${since.join(', ')}).`);
  }
  return withCalls(state, [{ type: 'forfeit_undone', match: match.id, voids, at: ctx.at }], ctx);
}
