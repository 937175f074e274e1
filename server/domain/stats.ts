// Shooting statistics per side and per named player, folded in one closed round at a time.
// Only closed rounds count: ppr is "per round", and a half-thrown round would make it and the shares
// jump bag by bag (and differ between bag-by-bag and whole-round entry until the round closes).
import { BAGS_PER_ROUND } from './types.js';
import type { BagCounts, PlayerStats, SideStats, TeamState } from './types.js';
import { bagsThrown, roundPoints } from './rules.js';

export function emptyStats(): SideStats {
  return { rounds: 0, bags: 0, points: 0, hole: 0, board: 0, ppr: 0, inHole: 0, onBoard: 0, fourBaggers: 0 };
}

/** Which named player threw round `n`: doubles partners stand at opposite ends and alternate. */
export function playerIndex(roundNumber: number, playerCount: number): number {
  return (roundNumber - 1) % playerCount;
}

export function addRound<S extends SideStats>(stats: S, c: BagCounts): S {
  const rounds = stats.rounds + 1;
  const bags = stats.bags + bagsThrown(c);
  const points = stats.points + roundPoints(c);
  const hole = stats.hole + c.hole;
  const board = stats.board + c.board;
  return {
    ...stats,
    rounds,
    bags,
    points,
    hole,
    board,
    ppr: round(points / rounds, 100),
    inHole: bags === 0 ? 0 : round(hole / bags, 1000),
    onBoard: bags === 0 ? 0 : round(board / bags, 1000),
    fourBaggers: stats.fourBaggers + (c.hole === BAGS_PER_ROUND ? 1 : 0),
  };
}

/** The team after closing round `roundNumber` with these bags: side stats, the thrower's stats, score. */
export function teamAfterRound(team: TeamState, roundNumber: number, c: BagCounts, score: number): TeamState {
  let playerStats: PlayerStats[] = team.playerStats;
  if (playerStats.length > 0) {
    const thrower = playerIndex(roundNumber, playerStats.length);
    playerStats = playerStats.map((p, i) => (i === thrower ? addRound(p, c) : p));
  }
  return { ...team, score, stats: addRound(team.stats, c), playerStats };
}

// Rounded so every phone's state event stays small; the raw counts sit beside the shares.
function round(value: number, scale: number): number {
  return Math.round(value * scale) / scale;
}
