// This round as the keeper's pad shows it: each side's bags (the server's, then the keeper's taps still
// on their way), the points they make before cancellation, the net the round would score, the bags
// left; what an undo took back; and the facts of a conflict. Pure functions of states and taps.
import type { BagCounts, BagResult, LiveState, Rules, Side } from '../../server/domain/types.js';
import type { Tap } from '../taps.js';

export const BAG_WORDS: Record<BagResult, string> = { hole: 'In', board: 'On', miss: 'Off' };
const SIDES: readonly Side[] = ['home', 'away'];
const BAGS = 4;

/** One bag of this round; `pending` while the tap is still on its way. */
export interface Bag {
  result: BagResult;
  pending: boolean;
}

export interface SideRound {
  /** In the order a keeper reads them: the server's bags (in, on, off), then the waiting taps. */
  bags: Bag[];
  /** Points thrown this round, before cancellation. */
  points: number;
  left: number;
}

export type RoundView = Record<Side, SideRound>;

export const pointsOf = (c: { hole: number; board: number }): number => 3 * c.hole + c.board;

function confirmed(c: BagCounts): Bag[] {
  const out: Bag[] = [];
  for (const result of ['hole', 'board', 'miss'] as const) {
    for (let i = 0; i < c[result]; i++) out.push({ result, pending: false });
  }
  return out;
}

/**
 * The round once the waiting taps land. An undo of a waiting bag takes it off again; an undo of a bag
 * the server holds, or a whole round, cannot be drawn bag by bag: the taps behind it only count
 * against the bags left.
 */
export function projectRound(state: LiveState, waiting: Tap[]): RoundView {
  const bags: Record<Side, Bag[]> = { home: confirmed(state.round.home), away: confirmed(state.round.away) };
  const later: Record<Side, number> = { home: 0, away: 0 };
  const drawn: Side[] = [];
  let blind = false;
  for (const tap of waiting) {
    if (tap.kind === 'throw') {
      if (blind) later[tap.side] += 1;
      else if (bags[tap.side].length < BAGS) {
        bags[tap.side].push({ result: tap.result, pending: true });
        drawn.push(tap.side);
      }
    } else if (tap.kind === 'undo' && !blind && drawn.length) {
      bags[drawn.pop()!].pop();
    } else {
      blind = true;
    }
  }
  const side = (s: Side): SideRound => ({
    bags: bags[s],
    points: bags[s].reduce((n, b) => n + (b.result === 'hole' ? 3 : b.result === 'board' ? 1 : 0), 0),
    left: Math.max(0, BAGS - bags[s].length - later[s]),
  });
  return { home: side('home'), away: side('away') };
}

export function bagWords(bags: Bag[]): string {
  return bags.length ? bags.map((b) => BAG_WORDS[b.result]).join(' ') : 'No bags yet';
}

export function pointsText(n: number): string {
  return `${n} ${n === 1 ? 'pt' : 'pts'}`;
}

export function leftText(left: number): string {
  return left === 0 ? `${BAGS} bags thrown` : `${left} ${left === 1 ? 'bag' : 'bags'} left`;
}

/** What the round would add if it ended now: who leads and by how much ("+5"), or level. */
export function roundNet(
  rules: Pick<Rules, 'cancellation'>,
  round: RoundView,
): { lead: Side | null; text: string } {
  const { home, away } = round;
  if (!home.bags.length && !away.bags.length) return { lead: null, text: 'No bags yet this round' };
  if (!rules.cancellation)
    return { lead: null, text: `Both keep their points: +${home.points} and +${away.points}` };
  const margin = home.points - away.points;
  if (margin === 0) return { lead: null, text: `Level this round, ${home.points}–${away.points}` };
  return { lead: margin > 0 ? 'home' : 'away', text: `+${Math.abs(margin)} this round` };
}

/** The totals a closed round leaves (mirrors the server's rules: cancellation or straight, then bust). */
function settle(
  rules: Rules,
  before: Record<Side, number>,
  c: Record<Side, BagCounts>,
): Record<Side, number> {
  const margin = pointsOf(c.home) - pointsOf(c.away);
  const add = (s: Side) =>
    rules.cancellation ? (s === 'home' ? Math.max(0, margin) : Math.max(0, -margin)) : pointsOf(c[s]);
  const bust = (n: number) => (rules.bust !== null && n > rules.target ? rules.bust : n);
  return { home: bust(before.home + add('home')), away: bust(before.away + add('away')) };
}

const thrown = (c: BagCounts) => c.hole + c.board + c.miss;

/**
 * What an undo took back, from the state before it and the state it left ("Took back: Home — In").
 * An undo of a round's last bag reopens that round: the bag is found from the totals it had made.
 */
export function undoneLine(before: LiveState | undefined, after: LiveState | undefined): string {
  if (!before || !after || before.id !== after.id) return 'Took back the last bag.';
  const name = (s: Side) => after[s].name;
  if (after.round.number === before.round.number) {
    for (const s of SIDES) {
      for (const r of ['hole', 'board', 'miss'] as const) {
        if (before.round[s][r] - after.round[s][r] === 1) return `Took back: ${name(s)} — ${BAG_WORDS[r]}`;
      }
    }
    return 'Took back the last bag.';
  }
  if (after.round.number !== before.round.number - 1) return 'Took back the last bag.';
  const n = after.round.number;
  const open = { home: thrown(after.round.home), away: thrown(after.round.away) };
  if (open.home === 0 && open.away === 0) return `Took back round ${n}, entered as a whole round.`;
  const side = SIDES.find((s) => open[s] === BAGS - 1 && open[s === 'home' ? 'away' : 'home'] === BAGS);
  if (!side) return `Took back the last bag of round ${n}.`;
  const scores = { home: after.home.score, away: after.away.score };
  const fits = (['hole', 'board', 'miss'] as const).filter((r) => {
    const c = { ...after.round, [side]: { ...after.round[side], [r]: after.round[side][r] + 1 } };
    const s = settle(after.rules, scores, c);
    return s.home === before.home.score && s.away === before.away.score;
  });
  return fits.length === 1
    ? `Took back: ${name(side)} — ${BAG_WORDS[fits[0]!]} (round ${n} is open again)`
    : `Took back the last bag of round ${n}.`;
}

const pair = (a: number, b: number) => `${a}–${b}`;

/**
 * A conflict's facts: the score (game and this round) the keeper's taps were based on and the one the
 * server holds now ("Score 3–0 → 3–4", "Round 2: 0–0 → 0–3").
 */
export function conflictFacts(before: LiveState | undefined, now: LiveState | null): string {
  if (!now) return '';
  const round = (s: LiveState) => pair(pointsOf(s.round.home), pointsOf(s.round.away));
  const score = (s: LiveState) => pair(s.home.score, s.away.score);
  if (!before || before.id !== now.id)
    return `Now: score ${score(now)}, round ${now.round.number} ${round(now)}`;
  const parts: string[] = [];
  if (score(before) !== score(now)) parts.push(`Score ${score(before)} → ${score(now)}`);
  if (before.round.number === now.round.number) {
    parts.push(`Round ${now.round.number}: ${round(before)} → ${round(now)}`);
  } else {
    parts.push(`Round ${before.round.number} → round ${now.round.number}, now ${round(now)}`);
  }
  return parts.join(' · ');
}
