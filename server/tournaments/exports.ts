// A tournament as files: CSV with a row per match (for a spreadsheet or a league's records) and JSON
// (the whole state, with each played match's final score from its game).
import type { GameState } from '../domain/index.js';
import { matchLabel, type TournamentState } from '../domain/tournament/index.js';
import { csvLine } from '../games/csv.js';

const HEADER = [
  'tournament',
  'match',
  'name',
  'bracket',
  'round',
  'home',
  'away',
  'status',
  'winner',
  'home score',
  'away score',
  'decided by',
  'board',
  'game',
  'called at',
  'started at',
  'finished at',
];

/** RFC 4180 text (CRLF line ends), one row per match in calling order. */
export function tournamentCsv(state: TournamentState): string {
  const name = (id: string | null) => state.teams.find((t) => t.id === id)?.name ?? null;
  const rows = state.matches.map((m) =>
    csvLine([
      state.name,
      m.id,
      matchLabel(state, m),
      m.bracket,
      m.round,
      name(m.home) ?? (m.bye.home ? 'bye' : null),
      name(m.away) ?? (m.bye.away ? 'bye' : null),
      m.status,
      name(m.winner),
      m.score?.home ?? null,
      m.score?.away ?? null,
      m.decidedBy,
      m.board,
      m.gameId,
      m.calledAt,
      m.startedAt,
      m.finishedAt,
    ]),
  );
  return [csvLine(HEADER), ...rows].join('\r\n') + '\r\n';
}

/**
 * The tournament's state with, per match, the state of the game that decided it (or is playing it;
 * null where none was played), and every game its matches played by game id (a series has several,
 * a corrected match keeps its earlier games).
 */
export function tournamentJson(state: TournamentState, game: (id: string) => GameState | null): unknown {
  const played = new Map<string, GameState | null>();
  for (const m of state.matches) {
    for (const id of [...m.games.map((g) => g.gameId), m.gameId]) {
      if (id !== null && !played.has(id)) played.set(id, game(id));
    }
  }
  return {
    format: 'bagtrax-tournament',
    tournament: state,
    games: Object.fromEntries(
      state.matches.flatMap((m) => (m.gameId === null ? [] : [[m.id, game(m.gameId)]])),
    ),
    allGames: Object.fromEntries(played),
  };
}
