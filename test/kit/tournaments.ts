// Tournaments built from the pure domain for tests and screenshots: a log played forward with decide
// and evolve (no vitest: scripts use it too), sample nights (16-team double elimination half-way and
// finished, an 8-team single elimination, a 6-team round robin) and an in-memory TournamentReads.
import {
  decide,
  evolve,
  replay,
  type Command,
  type CreateCommand,
  type Match,
  type TeamEntry,
  type TournamentState,
} from '../../server/domain/tournament/index.js';
import type { TournamentReads, TournamentSummary } from '../../server/tournaments/types.js';

export const TEAM_NAMES = [
  'Bag Daddies',
  'Hole Patrol',
  'Toss Bosses',
  'The Corn Identity',
  'Bean There Done That',
  'Airmail Express',
  'Slide Rules',
  'Four Bagger Club',
  'Cornstars',
  'Sack Attack',
  'Drop Zone',
  'Holy Tossers',
  'Kernel Panic',
  'Board Meeting',
  'Bag Ladies of the Lakeside League',
  'Cob Squad',
] as const;

export function namedTeams(n: number, names: readonly string[] = TEAM_NAMES): TeamEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `t${i + 1}`,
    name: names[i] ?? `Team ${i + 1}`,
    players: i % 3 === 0 ? [`Player ${2 * i + 1}`, `Player ${2 * i + 2}`] : [],
  }));
}

/** A tournament's state played forward one command at a time, one minute per write from `start`. */
export class TournamentLog {
  state: TournamentState;
  private writes = 0;

  constructor(
    create: Partial<CreateCommand>,
    private readonly start = Date.parse('2025-06-07T18:00:00.000Z'),
  ) {
    const decision = decide(
      {
        type: 'create',
        id: 'cup',
        name: 'Friday Cup',
        format: 'double',
        teams: namedTeams(16),
        boards: [1, 2, 3, 4],
        preset: 'standard',
        options: { seed: 7 },
        ...create,
      },
      null,
      { at: this.at() },
    );
    if (!decision.ok) throw new Error(`create refused: ${decision.code}`);
    this.state = replay(decision.events);
  }

  private at(): string {
    return new Date(this.start + this.writes++ * 60_000).toISOString();
  }

  play(...commands: Command[]): this {
    for (const command of commands) {
      const decision = decide(command, this.state, { at: this.at() });
      if (!decision.ok) throw new Error(`${command.type} refused: ${decision.code} ${decision.message}`);
      this.state = decision.events.reduce(evolve, this.state);
    }
    return this;
  }

  /** Decides `results` matches on boards (home wins unless `away` says so), linking a game to each. */
  results(count: number, away: (m: Match) => boolean = () => false): this {
    for (let i = 0; i < count && this.state.status === 'live'; i++) {
      const m = this.state.matches.find((x) => x.status === 'called' || x.status === 'live');
      if (m === undefined || m.home === null || m.away === null) throw new Error('nothing on a board');
      if (m.gameId === null) this.play({ type: 'link_game', match: m.id, gameId: `g-${m.id}` });
      const awayWins = away(m);
      const loser = (m.order * 7 + m.round * 3) % 19;
      const score = awayWins ? { home: loser, away: 21 } : { home: 21, away: loser };
      this.play({ type: 'record_result', match: m.id, winner: awayWins ? m.away : m.home, score });
    }
    return this;
  }

  /** Links a game to every called match and starts the first `live` of them. */
  onBoards(live: number): this {
    const called = this.state.matches.filter((m) => m.status === 'called');
    for (const m of called) {
      if (m.gameId === null) this.play({ type: 'link_game', match: m.id, gameId: `g-${m.id}` });
    }
    for (const m of called.slice(0, live)) this.play({ type: 'start_match', match: m.id });
    return this;
  }
}

/** Upsets now and then, so the losers' bracket champion reaches the finals and brackets look real. */
const upsets = (m: Match) => (m.round + m.order) % 3 === 0;

export interface SampleNight {
  double16Midway: TournamentState;
  double16Final: TournamentState;
  single8: TournamentState;
  /** Six teams in a bracket of eight: the top two seeds have byes. */
  single6: TournamentState;
  roundRobin6: TournamentState;
  setup: TournamentState;
}

/** The sample tournaments, their writes a minute apart from `start`. */
export function sampleNight(start?: number): SampleNight {
  const double = (id: string, name: string) => new TournamentLog({ id, name }, start).play({ type: 'start' });
  const double16Midway = double('friday-cup', 'Friday Cup').results(17, upsets).onBoards(2).state;
  const finished = double('spring-open', 'Spring Open');
  finished.results(200, (m) => upsets(m) || m.id === 'F1');
  const single8 = new TournamentLog(
    { id: 'doubles-dash', name: 'Doubles Dash', format: 'single', teams: namedTeams(8), boards: [1, 2] },
    start,
  )
    .play({ type: 'start' })
    .results(5, upsets)
    .onBoards(1).state;
  const single6 = new TournamentLog(
    { id: 'bye-night', name: 'Bye Night', format: 'single', teams: namedTeams(6), boards: [3] },
    start,
  )
    .play({ type: 'start' })
    .results(1).state;
  const roundRobin6 = new TournamentLog(
    { id: 'league-night', name: 'League Night', format: 'round-robin', teams: namedTeams(6), boards: [5, 6] },
    start,
  )
    .play({ type: 'start' })
    .results(8, upsets)
    .onBoards(1).state;
  const setup = new TournamentLog(
    { id: 'late-show', name: 'Late Show', format: 'single', teams: namedTeams(8) },
    start,
  ).state;
  return { double16Midway, double16Final: finished.state, single8, single6, roundRobin6, setup };
}

export function summaryOf(s: TournamentState): TournamentSummary {
  const { id, name, format, status, version, createdAt, updatedAt } = s;
  return { id, name, format, status, version, teams: s.teams.length, createdAt, updatedAt };
}

/** TournamentReads over states held in memory (a test fake of the tournament service's reads). */
export class MemoryTournaments implements TournamentReads {
  private readonly states = new Map<string, TournamentState>();

  constructor(states: readonly TournamentState[] = []) {
    for (const s of states) this.put(s);
  }

  put(state: TournamentState): void {
    this.states.set(state.id, state);
  }

  get(id: string): TournamentState | null {
    return this.states.get(id) ?? null;
  }

  list(): TournamentSummary[] {
    return [...this.states.values()]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id))
      .map(summaryOf);
  }
}
