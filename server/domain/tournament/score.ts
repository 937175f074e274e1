// A game's points as a result may give them: whole numbers from 0, the winner ahead.
import type { Score, Side } from './types.js';

export function goodScore(score: Score, winner: Side): boolean {
  const ok = (n: number) => Number.isInteger(n) && n >= 0;
  const loser = winner === 'home' ? 'away' : 'home';
  return ok(score.home) && ok(score.away) && score[winner] > score[loser];
}
