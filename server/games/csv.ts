// A game as a spreadsheet: a few header rows naming the teams, then one row per round. Team names
// come from keepers' phones, so every cell is defused against formula injection and quoted.
import type { GameState } from '../domain/index.js';
import type { GameResult } from './types.js';

export type Cell = string | number | null;

// A spreadsheet runs a cell starting with = + - @ (also after spaces, or behind a tab or CR) as a
// formula; a leading apostrophe makes it text in Excel, LibreOffice and Google Sheets.
const FORMULA_START = /^(?:\s*[=+\-@]|[\t\r])/;

export function csvCell(value: Cell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly Cell[]): string {
  return cells.map(csvCell).join(',');
}

const ROUND_HEADER = [
  'round',
  'home hole',
  'home board',
  'home miss',
  'home points',
  'away hole',
  'away board',
  'away miss',
  'away points',
  'scored',
  'net',
  'home score',
  'away score',
];

/** RFC 4180 text (CRLF line ends); `scored` is home, away or empty for a wash. */
export function gameCsv(state: GameState): string {
  const lines: Cell[][] = [
    ['game', state.id],
    ['board', state.board],
    ['home', state.home.name],
    ['away', state.away.name],
    ['status', state.status],
    ['winner', state.winner],
    ['score', state.home.score, state.away.score],
    [],
    ROUND_HEADER,
    ...state.rounds.map((r) => [
      r.number,
      r.home.hole,
      r.home.board,
      r.home.miss,
      r.home.points,
      r.away.hole,
      r.away.board,
      r.away.miss,
      r.away.points,
      r.scored,
      r.net,
      r.homeScore,
      r.awayScore,
    ]),
  ];
  return lines.map(csvLine).join('\r\n') + '\r\n';
}

/** Minutes from the start to the finish, or null when either is unknown. */
export function durationMinutes(r: Pick<GameResult, 'startedAt' | 'finishedAt'>): number | null {
  if (r.startedAt === null || r.finishedAt === null) return null;
  const ms = Date.parse(r.finishedAt) - Date.parse(r.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? Math.round(ms / 60_000) : null;
}

const RESULTS_HEADER = [
  'finished',
  'board',
  'home',
  'away',
  'home score',
  'away score',
  'winner',
  'rounds',
  'minutes',
  'game',
];

/** Every finished game on one row each, the latest finish first (the host console's table). */
export function resultsCsv(results: readonly GameResult[]): string {
  const rows: Cell[][] = [
    RESULTS_HEADER,
    ...results.map(({ state, ...times }) => [
      times.finishedAt,
      state.board,
      state.home.name,
      state.away.name,
      state.home.score,
      state.away.score,
      state.winner ? state[state.winner].name : null,
      state.rounds.length,
      durationMinutes(times),
      state.id,
    ]),
  ];
  return rows.map(csvLine).join('\r\n') + '\r\n';
}
