// A game as a spreadsheet: a few header rows naming the teams, then one row per round. Team names
// come from keepers' phones, so every cell is defused against formula injection and quoted.
import type { GameState } from '../domain/index.js';

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
