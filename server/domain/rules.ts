// Cornhole scoring as small pure functions: points of a round, cancellation or straight scoring,
// bust, skunk, win-by and who throws first next. Game state plumbing lives in game.ts.
import { BAGS_PER_ROUND, SIDES } from './types.js';
import type { BagCounts, RoundCount, Rules, Side } from './types.js';

/** ACL/ACO play: 21 or more wins, cancellation scoring, no bust, no skunk. */
export const DEFAULT_RULES: Rules = Object.freeze({
  target: 21,
  cancellation: true,
  bust: null,
  skunk: null,
  winBy: 1,
  washOrder: 'same',
});

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}

export function other(side: Side): Side {
  return side === 'home' ? 'away' : 'home';
}

export function roundPoints(c: { hole: number; board: number }): number {
  return 3 * c.hole + c.board;
}

export function bagsThrown(c: BagCounts): number {
  return c.hole + c.board + c.miss;
}

/** Throws for counts the API should already have refused with a 400: they cannot be four bags. */
export function assertRoundCount(c: RoundCount): void {
  const fits = Number.isInteger(c.hole) && Number.isInteger(c.board) && c.hole >= 0 && c.board >= 0;
  if (!fits || c.hole + c.board > BAGS_PER_ROUND) {
    throw new Error(`Impossible round count ${JSON.stringify(c)}: a side throws ${BAGS_PER_ROUND} bags.`);
  }
}

export interface Settlement {
  scored: Side | null;
  net: number;
  scores: Record<Side, number>;
}

/** Adds one closed round to the totals: cancellation or straight, then bust per side. */
export function settleRound(
  rules: Rules,
  scores: Record<Side, number>,
  points: Record<Side, number>,
): Settlement {
  const margin = points.home - points.away;
  const scored: Side | null = margin > 0 ? 'home' : margin < 0 ? 'away' : null;
  const net = Math.abs(margin);
  const added = rules.cancellation
    ? { home: scored === 'home' ? net : 0, away: scored === 'away' ? net : 0 }
    : points;
  return {
    scored,
    net,
    scores: {
      home: applyBust(rules, scores.home + added.home),
      away: applyBust(rules, scores.away + added.away),
    },
  };
}

function applyBust(rules: Rules, score: number): number {
  return rules.bust !== null && score > rules.target ? rules.bust : score;
}

/**
 * The winner after a round closed, or null to play on.
 * - Skunk first: a side at or past `skunk` while the other has 0 wins at once, whatever winBy says.
 * - Otherwise the leader wins once it is at or past the target with a lead of at least winBy.
 *   That one rule covers straight scoring (both past the target: the higher wins, a tie plays on)
 *   and win-by-two.
 * - With bust on, scores never exceed the target, so "at or past" means exactly the target; a side
 *   sitting on the target without a winBy lead keeps playing, and any further points bust it. We
 *   chose this over "exact target always wins" so that win-by-two means the same with or without
 *   bust.
 */
export function winnerOf(rules: Rules, scores: Record<Side, number>): Side | null {
  if (rules.skunk !== null) {
    for (const side of SIDES) {
      if (scores[side] >= rules.skunk && scores[other(side)] === 0) return side;
    }
  }
  const lead = scores.home - scores.away;
  const leader: Side | null = lead > 0 ? 'home' : lead < 0 ? 'away' : null;
  if (leader !== null && scores[leader] >= rules.target && Math.abs(lead) >= rules.winBy) return leader;
  return null;
}

/** The side that scored throws first next round; after a wash, washOrder decides. */
export function nextFirstThrow(rules: Rules, scored: Side | null, firstThrow: Side): Side {
  if (scored !== null) return scored;
  switch (rules.washOrder) {
    case 'same':
      return firstThrow;
    case 'alternate':
      return other(firstThrow);
    default:
      return assertNever(rules.washOrder);
  }
}

/** null when the rules can be played, else one sentence saying what to change. */
export function validateRules(r: Rules): string | null {
  if (!Number.isInteger(r.target) || r.target < 1 || r.target > 100) {
    return 'The target must be a whole number from 1 to 100.';
  }
  if (typeof r.cancellation !== 'boolean') return 'Cancellation must be true or false.';
  if (r.bust !== null && (!Number.isInteger(r.bust) || r.bust < 0 || r.bust >= r.target)) {
    return `The bust score must be empty or a whole number from 0 to ${r.target - 1} (below the target).`;
  }
  if (r.skunk !== null && (!Number.isInteger(r.skunk) || r.skunk <= 0 || r.skunk >= r.target)) {
    return `The skunk score must be empty or a whole number from 1 to ${r.target - 1} (below the target).`;
  }
  if (r.winBy !== 1 && r.winBy !== 2) return 'Win by must be 1 or 2.';
  if (r.washOrder !== 'same' && r.washOrder !== 'alternate') {
    return "The wash order must be 'same' or 'alternate'.";
  }
  return null;
}
