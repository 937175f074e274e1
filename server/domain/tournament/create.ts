// The start of a tournament's log: the `tournament_created` event, with its input checked and every
// option filled in, and the state it opens (setup, version 0, no matches yet).
import { PRESETS } from '../presets.js';
import type { CreateCommand, Decision, InputCode, TournamentCreated } from './commands.js';
import type { TeamEntry, TournamentOptions, TournamentState } from './types.js';
import { standingsOf } from './standings.js';
import { nightOptions, nightProblem } from './night-options.js';
import { playerStandingsOf } from './player-standings.js';

export const MIN_TEAMS = 2;
export const MAX_TEAMS = 64;
const FORMATS = new Set(['single', 'double', 'round-robin', 'pools']);
const SEEDINGS = new Set(['entered', 'random', 'stats']);

export const DEFAULT_OPTIONS: Omit<TournamentOptions, 'seed'> = {
  seeding: 'entered',
  stats: null,
  reset: true,
  twice: false,
  autoCall: true,
};

const goodName = (name: unknown): boolean =>
  typeof name === 'string' && name.trim().length >= 1 && name.trim().length <= 40;

/** The creation event, or the first thing wrong with the input. */
export function decideCreate(command: CreateCommand, at: string): Decision {
  const problem = (code: InputCode, message: string): Decision => ({ ok: false, code, message });
  if (!goodName(command.name)) return problem('bad_name', 'A tournament needs a name of 1 to 40 characters.');
  if (!FORMATS.has(command.format))
    return problem('bad_format', 'The format is single, double, round-robin or pools.');
  const { teams, boards } = command;
  const drawn = command.options.draw !== undefined;
  const teamCount = drawn ? Math.floor((command.players?.length ?? 0) / 2) : teams.length;
  if (!drawn && teams.length < MIN_TEAMS)
    return problem('too_few_teams', `A tournament needs at least ${MIN_TEAMS} teams.`);
  if (!drawn && teams.length > MAX_TEAMS)
    return problem('too_many_teams', `A tournament takes at most ${MAX_TEAMS} teams.`);
  for (const [i, team] of teams.entries()) {
    const wrong = teamProblem(team, teams.slice(0, i));
    if (wrong !== null) return problem(wrong.code, wrong.message);
  }
  const ids = new Set(teams.map((t) => t.id));
  const night = nightProblem(command, teamCount);
  if (night !== null) return night;
  if (boards.length === 0) return problem('no_boards', 'A tournament needs at least one board.');
  if (!boards.every((b) => Number.isInteger(b) && b >= 1)) {
    return problem('bad_board', 'Boards are numbered from 1.');
  }
  if (new Set(boards).size !== boards.length) return problem('duplicate_board', 'A board is listed twice.');
  if (!Object.hasOwn(PRESETS, command.preset))
    return problem('bad_preset', 'The preset is standard, bar or short.');
  const { pools: _p, draw: _d, rounds: _r, bestOf: _b, noShowMinutes: _n, ...plain } = command.options;
  const options: TournamentOptions = {
    ...DEFAULT_OPTIONS,
    ...definedOnly(plain),
    ...nightOptions(command.options),
    seed: command.options.seed,
  };
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffff_ffff) {
    return problem('bad_seed', 'The seed is a whole number from 0 to 4294967295.');
  }
  const flags = [options.reset, options.twice, options.autoCall];
  if (!SEEDINGS.has(options.seeding) || !flags.every((f) => typeof f === 'boolean')) {
    return problem(
      'bad_options',
      'Seeding is entered, random or stats; reset, twice and autoCall are true or false.',
    );
  }
  if (options.seeding === 'stats') {
    const stats = options.stats ?? {};
    if (!teams.every((t) => Number.isFinite(stats[t.id])) || Object.keys(stats).some((id) => !ids.has(id))) {
      return problem('bad_stats', 'Seeding by statistics needs one number for each team, and only for them.');
    }
  }
  const event: TournamentCreated = {
    type: 'tournament_created',
    id: command.id,
    name: command.name.trim(),
    format: command.format,
    teams: teams.map(cleanTeam),
    boards: [...boards],
    preset: command.preset,
    options: { ...options, stats: options.stats === null ? null : { ...options.stats } },
    ...(drawn ? { players: (command.players ?? []).map((p) => ({ ...p, name: p.name.trim() })) } : {}),
    at,
  };
  return { ok: true, events: [event] };
}

/** Why a team cannot be entered beside `others`, or null. */
export function teamProblem(
  team: TeamEntry,
  others: readonly TeamEntry[],
): { code: 'bad_team' | 'duplicate_team'; message: string } | null {
  if (
    typeof team.id !== 'string' ||
    team.id.length === 0 ||
    !goodName(team.name) ||
    !Array.isArray(team.players) ||
    team.players.length > 2 ||
    !team.players.every(goodName)
  ) {
    return {
      code: 'bad_team',
      message: 'Each team needs an id, a name of 1 to 40 characters and at most two players.',
    };
  }
  const name = team.name.trim().toLowerCase();
  if (others.some((t) => t.id === team.id || t.name.trim().toLowerCase() === name)) {
    return {
      code: 'duplicate_team',
      message: `Two teams share the id or the name of "${team.name.trim()}".`,
    };
  }
  return null;
}

/** A team as the log keeps it: names trimmed. */
export const cleanTeam = (t: TeamEntry): TeamEntry => ({
  id: t.id,
  name: t.name.trim(),
  players: t.players.map((p) => p.trim()),
});

function definedOnly<T extends object>(partial: T): Partial<T> {
  return Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function initialState(e: TournamentCreated): TournamentState {
  const base: Omit<TournamentState, 'standings' | 'pools' | 'playerStandings'> = {
    id: e.id,
    version: 0,
    name: e.name,
    format: e.format,
    status: 'setup',
    teams: e.teams.map((t) => ({ ...t, players: [...t.players] })),
    seeds: [],
    boards: [...e.boards],
    held: [],
    preset: e.preset,
    options: { ...e.options },
    matches: [],
    champion: null,
    createdAt: e.at,
    updatedAt: e.at,
    players: (e.players ?? []).map((p) => ({ ...p })),
    checkedIn: [],
    withdrawn: [],
    playersOut: [],
    roundsDrawn: [],
    corrections: [],
  };
  return { ...base, standings: standingsOf(base), pools: [], playerStandings: playerStandingsOf(base) };
}
