// A tournament night's options, checked at creation: pools (format "pools"), teams drawn from
// players (`draw` with `players`), switch partners' rounds, best-of series per bracket, the no-show
// clock. They are absent from the options unless given, so a plain tournament's log is unchanged.
import type { CreateCommand, Decision, InputCode } from './commands.js';
import type { PlayerEntry, TournamentOptions } from './types.js';
import { drawProblem } from './draw.js';
import { poolsFit } from './pools.js';
import { DEFAULT_ROUNDS } from './switch.js';
import type { BestOf } from './settle.js';

export const MAX_PLAYERS = 128;
export const MIN_PLAYERS = 4;
const MAX_ROUNDS = 32;
const MAX_BEST_OF = 9;
const MAX_NO_SHOW = 120;
const BRACKET_KEYS = /^(all|winners|losers|final|[A-V])$/;

const goodName = (name: unknown): boolean =>
  typeof name === 'string' && name.trim().length >= 1 && name.trim().length <= 40;
const whole = (n: unknown, min: number, max: number): boolean =>
  Number.isInteger(n) && (n as number) >= min && (n as number) <= max;

/**
 * How many games a match of this bracket is the best of: "final" names the tournament's final (the
 * grand final of a double elimination, the last match of a single one), then the bracket, then "all".
 */
export function bestOfFor(options: Pick<TournamentOptions, 'bestOf'>): BestOf {
  const b = options.bestOf;
  return (bracket, final) => (final ? b?.final : undefined) ?? b?.[bracket] ?? b?.all ?? 1;
}

/** The first thing wrong with a night's options and players, or null. `teams`: how many teams. */
export function nightProblem(command: CreateCommand, teams: number): Decision | null {
  const problem = (code: InputCode, message: string): Decision => ({ ok: false, code, message });
  const { options, format } = command;
  const players = command.players ?? [];
  if (options.draw !== undefined && options.draw !== 'blind' && options.draw !== 'switch') {
    return problem('bad_options', 'The draw is blind or switch.');
  }
  if (options.draw === undefined) {
    if (players.length > 0) return problem('bad_players', 'Players are for a blind draw or switch partners.');
  } else {
    const wrong = playersProblem(players, options.draw === 'blind');
    if (wrong !== null) return problem(wrong.code, wrong.message);
    if (command.teams.length > 0)
      return problem('bad_players', 'Where teams are drawn, no teams are entered.');
    if (options.seeding === 'stats')
      return problem('bad_options', 'Drawn teams have no statistics to seed by.');
  }
  if (options.draw === 'switch' && format !== 'round-robin') {
    return problem('bad_options', 'Switch partners plays rounds: its format is round-robin.');
  }
  if (options.rounds !== undefined && (options.draw !== 'switch' || !whole(options.rounds, 1, MAX_ROUNDS))) {
    return problem('bad_options', `Rounds (1 to ${MAX_ROUNDS}) are for switch partners.`);
  }
  if ((format === 'pools') !== (options.pools !== undefined)) {
    return problem('bad_pools', 'The pools format needs pools ({size, advance}), and only it.');
  }
  if (options.pools !== undefined) {
    const { size, advance } = options.pools;
    if (!whole(size, 3, 64) || !whole(advance, 1, 64) || !poolsFit(teams, options.pools)) {
      return problem(
        'bad_pools',
        `Pools hold 3 or more teams; ${teams} teams in pools of up to ${size} must give each pool at least ${advance} to send on, and the bracket two teams or more.`,
      );
    }
  }
  if (options.bestOf !== undefined && !goodBestOf(options.bestOf)) {
    return problem(
      'bad_best_of',
      `Best of: an odd number of games from 1 to ${MAX_BEST_OF} per bracket (winners, losers, final, a pool's letter) or all.`,
    );
  }
  if (options.noShowMinutes !== undefined && !whole(options.noShowMinutes, 1, MAX_NO_SHOW)) {
    return problem('bad_options', `The no-show clock is a whole number of minutes from 1 to ${MAX_NO_SHOW}.`);
  }
  return null;
}

/** The night's options as the log keeps them: only those given, switch partners' rounds filled in. */
export function nightOptions(options: Partial<TournamentOptions>): Partial<TournamentOptions> {
  const out: Partial<TournamentOptions> = {};
  if (options.pools !== undefined) out.pools = { size: options.pools.size, advance: options.pools.advance };
  if (options.draw !== undefined) out.draw = options.draw;
  if (options.draw === 'switch') out.rounds = options.rounds ?? DEFAULT_ROUNDS;
  if (options.bestOf !== undefined) out.bestOf = { ...options.bestOf };
  if (options.noShowMinutes !== undefined) out.noShowMinutes = options.noShowMinutes;
  return out;
}

function goodBestOf(bestOf: unknown): boolean {
  if (typeof bestOf !== 'object' || bestOf === null || Array.isArray(bestOf)) return false;
  return Object.entries(bestOf).every(
    ([key, n]) => BRACKET_KEYS.test(key) && whole(n, 1, MAX_BEST_OF) && (n as number) % 2 === 1,
  );
}

/** A player's entry is well formed: an id, a name of 1 to 40 characters, tier A, B or none. */
export function goodPlayer(p: PlayerEntry): boolean {
  return (
    typeof p.id === 'string' &&
    p.id.length > 0 &&
    goodName(p.name) &&
    (p.tier === null || p.tier === 'A' || p.tier === 'B')
  );
}

/** Why these players cannot be a draw's (`paired`: all drawn into teams at once), or null. */
export function playersProblem(
  players: readonly PlayerEntry[],
  paired: boolean,
): { code: InputCode; message: string } | null {
  if (!Array.isArray(players) || !players.every(goodPlayer)) {
    return {
      code: 'bad_players',
      message: 'Each player needs an id, a name of 1 to 40 characters and tier A, B or none.',
    };
  }
  if (players.length < MIN_PLAYERS || players.length > MAX_PLAYERS) {
    return { code: 'bad_players', message: `A draw takes ${MIN_PLAYERS} to ${MAX_PLAYERS} players.` };
  }
  const ids = new Set(players.map((p) => p.id));
  const names = new Set(players.map((p) => p.name.trim().toLowerCase()));
  if (ids.size !== players.length || names.size !== players.length) {
    return { code: 'duplicate_player', message: 'Two players share an id or a name.' };
  }
  const tiered = players.filter((p) => p.tier !== null).length;
  if (tiered !== 0 && tiered !== players.length) {
    return { code: 'bad_players', message: 'With tiers, every player is A or B.' };
  }
  const fewest = Math.min(...['A', 'B'].map((t) => players.filter((p) => p.tier === t).length));
  if (!paired && tiered !== 0 && fewest < 2) {
    return {
      code: 'bad_players',
      message: 'Switch partners with tiers needs two A and two B players at least.',
    };
  }
  const unpaired = paired ? drawProblem(players) : null;
  return unpaired === null ? null : { code: 'bad_players', message: unpaired };
}
