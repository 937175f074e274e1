// Best-of-N series: a match of a bracket with `bestOf` > 1 stays on its board game after game until
// one team has won more than half of N. Each game's result is a `game_result`; between games the
// match is called again on the same board (its clock restarted, no game linked until the next one
// is). A decided series' score is the games won (2-1); its standings count its games' points.
import type { NightEvent } from './commands.js';
import type { Match } from './types.js';

type GameResult = Extract<NightEvent, { type: 'game_result' }>;

/** Games a team needs to take the series. */
export const toWin = (bestOf: number): number => Math.floor(bestOf / 2) + 1;

/** Games won so far by each side. */
export function gamesWon(m: Pick<Match, 'games' | 'home' | 'away'>): { home: number; away: number } {
  let home = 0;
  let away = 0;
  for (const g of m.games) {
    if (g.winner === m.home) home++;
    else if (g.winner === m.away) away++;
  }
  return { home, away };
}

/** The match after one more game of its series: decided, or called again for the next game. */
export function seriesGame(m: Match, event: GameResult): Match {
  const gameId = event.gameId ?? m.gameId;
  const games = [...m.games, { gameId, winner: event.winner, score: { ...event.score }, at: event.at }];
  const won = gamesWon({ ...m, games });
  const need = toWin(m.bestOf);
  if (won.home >= need || won.away >= need) {
    const winner = won.home >= need ? m.home : m.away;
    return {
      ...m,
      games,
      status: 'done',
      winner,
      loser: winner === m.home ? m.away : m.home,
      decidedBy: 'game',
      score: won,
      gameId,
      finishedAt: event.at,
    };
  }
  const onBoard = m.board !== null;
  return {
    ...m,
    games,
    status: onBoard ? 'called' : 'ready',
    gameId: null,
    startedAt: null,
    calledAt: onBoard ? event.at : m.calledAt,
  };
}
