// The round as the keeper's pad draws it, what an undo took back, a conflict's facts, and the TV's stale
// line: pure functions over states the real rules produce.
import { describe, expect, it } from 'vitest';
import type { Command } from '../../server/domain/index.js';
import { play } from './play.js';
import {
  bagWords,
  conflictFacts,
  leftText,
  projectRound,
  roundNet,
  undoneLine,
} from '../../renderer/islands/pad-round.js';
import { age, staleLine } from '../../renderer/islands/tv-wall.js';
import type { Tap } from '../../renderer/taps.js';

const bag = (side: 'home' | 'away', result: 'hole' | 'board' | 'miss'): Command => ({
  type: 'throw',
  side,
  result,
});
const throwTap = (side: 'home' | 'away', result: 'hole' | 'board' | 'miss'): Tap => ({
  kind: 'throw',
  side,
  result,
});
const last = <T>(list: T[]): T => list[list.length - 1]!;

describe("the pad's round", () => {
  const s = last(play([bag('home', 'hole'), bag('home', 'hole'), bag('away', 'board'), bag('away', 'miss')]));

  it('shows each side its bags, the points they make and the bags left', () => {
    const r = projectRound(s, []);
    expect(bagWords(r.home.bags)).toBe('In In');
    expect(r.home.points).toBe(6);
    expect(r.home.left).toBe(2);
    expect(bagWords(r.away.bags)).toBe('On Off');
    expect(r.away.points).toBe(1);
    expect(leftText(r.away.left)).toBe('2 bags left');
    expect(roundNet(s.rules, r)).toEqual({ lead: 'home', text: '+5 this round' });
  });

  it('counts taps still on their way, marked as waiting, and an undo of one takes it off again', () => {
    const r = projectRound(s, [throwTap('away', 'hole'), throwTap('home', 'board')]);
    expect(r.away.bags.map((b) => [b.result, b.pending])).toEqual([
      ['board', false],
      ['miss', false],
      ['hole', true],
    ]);
    expect(r.away.points).toBe(4);
    expect(r.home.left).toBe(1);
    const undone = projectRound(s, [throwTap('away', 'hole'), { kind: 'undo' }]);
    expect(bagWords(undone.away.bags)).toBe('On Off');
    expect(undone.away.left).toBe(2);
  });

  it('never draws a fifth bag, and after an undo of a bag it cannot name only counts what follows', () => {
    const full = projectRound(s, [
      throwTap('home', 'miss'),
      throwTap('home', 'miss'),
      throwTap('home', 'miss'),
    ]);
    expect(full.home.bags).toHaveLength(4);
    expect(full.home.left).toBe(0);
    expect(leftText(full.home.left)).toBe('4 bags thrown');
    const blind = projectRound(s, [{ kind: 'undo' }, throwTap('home', 'board')]);
    expect(bagWords(blind.home.bags)).toBe('In In');
    expect(blind.home.left).toBe(1);
  });

  it('says a level round, an empty one, and straight scoring in words', () => {
    const level = last(play([bag('home', 'board'), bag('away', 'board')]));
    expect(roundNet(level.rules, projectRound(level, [])).text).toBe('Level this round, 1–1');
    const empty = play([])[0]!;
    expect(roundNet(empty.rules, projectRound(empty, [])).text).toBe('No bags yet this round');
    const straight = last(play([bag('home', 'hole'), bag('away', 'board')], { cancellation: false }));
    expect(roundNet(straight.rules, projectRound(straight, []))).toEqual({
      lead: null,
      text: 'Both keep their points: +3 and +1',
    });
  });
});

describe('what an undo took back', () => {
  it('names the bag within a round', () => {
    const states = play([bag('away', 'board'), bag('home', 'hole'), { type: 'undo' }]);
    expect(undoneLine(states[2], states[3])).toBe('Took back: Home — In');
  });

  it('names the last bag of a round it reopened, found from the totals it had made', () => {
    const seven = [
      bag('home', 'hole'),
      bag('away', 'miss'),
      bag('home', 'hole'),
      bag('away', 'miss'),
      bag('home', 'board'),
      bag('away', 'board'),
      bag('home', 'miss'),
    ];
    for (const [result, word] of [
      ['hole', 'In'],
      ['board', 'On'],
      ['miss', 'Off'],
    ] as const) {
      const states = play([...seven, bag('away', result), { type: 'undo' }]);
      const [before, after] = states.slice(-2);
      expect(before!.round.number).toBe(2);
      expect(undoneLine(before, after)).toBe(`Took back: Away — ${word} (round 1 is open again)`);
    }
  });

  it('finds the bag under straight scoring, and says so when a bust leaves it ambiguous', () => {
    const misses = (side: 'home' | 'away', n: number) => Array.from({ length: n }, () => bag(side, 'miss'));
    const straight = play(
      [
        bag('home', 'hole'),
        ...misses('home', 3),
        ...misses('away', 3),
        bag('away', 'board'),
        { type: 'undo' },
      ],
      {
        cancellation: false,
      },
    );
    const [sb, sa] = straight.slice(-2);
    expect(undoneLine(sb, sa)).toBe('Took back: Away — On (round 1 is open again)');
    // Home at 19 of 21, bust to 15: In, On and Off would all have busted it back to 15.
    const round = (hole: number, board: number): Command => ({
      type: 'round',
      home: { hole, board },
      away: { hole: 0, board: 0 },
    });
    const bust = play(
      [
        round(4, 0),
        round(2, 1),
        ...misses('away', 4),
        bag('home', 'hole'),
        ...misses('home', 2),
        bag('home', 'hole'),
        { type: 'undo' },
      ],
      { target: 21, bust: 15 },
    );
    const [bb, ba] = bust.slice(-2);
    expect(bb!.home.score).toBe(15);
    expect(ba!.home.score).toBe(19);
    expect(undoneLine(bb, ba)).toBe('Took back the last bag of round 3.');
  });

  it('names a whole round taken back, and falls back to plain words without the states', () => {
    const states = play([
      { type: 'round', home: { hole: 1, board: 0 }, away: { hole: 0, board: 0 } },
      { type: 'undo' },
    ]);
    expect(undoneLine(states[1], states[2])).toBe('Took back round 1, entered as a whole round.');
    expect(undoneLine(undefined, states[2])).toBe('Took back the last bag.');
  });
});

describe("a conflict's facts", () => {
  it('gives the round and the game score before and now', () => {
    const states = play([
      { type: 'round', home: { hole: 1, board: 0 }, away: { hole: 0, board: 0 } },
      bag('away', 'hole'),
    ]);
    expect(conflictFacts(states[1], states[2]!)).toBe('Round 2: 0–0 → 0–3');
    expect(conflictFacts(states[0], states[2]!)).toBe('Score 0–0 → 3–0 · Round 1 → round 2, now 0–3');
    expect(conflictFacts(undefined, states[2]!)).toBe('Now: score 3–0, round 2 0–3');
  });
});

describe("the TV's stale line", () => {
  it('counts the age of the scores in seconds, then minutes', () => {
    expect(staleLine('reconnecting', 20_400)).toBe('Reconnecting — scores from 20 s ago');
    expect(staleLine('offline', 0)).toBe('Offline — scores from 0 s ago');
    expect(age(185_000)).toBe('3 min ago');
  });
});
