// Rule presets, rule validation and game creation: each preset plays a whole game to its end,
// impossible rules are named in a sentence, and a new game gets every default filled in.
import { describe, expect, it } from 'vitest';
import { createGameEvent, DEFAULT_RULES, PRESETS, validateRules } from '../../../server/domain/index.js';
import type { Rules } from '../../../server/domain/index.js';
import { bags, given, round } from './given.js';

describe('presets', () => {
  it('standard is the ACL/ACO default: 21, cancellation, no bust, no skunk', () => {
    expect(DEFAULT_RULES).toEqual({
      target: 21,
      cancellation: true,
      bust: null,
      skunk: null,
      winBy: 1,
      washOrder: 'same',
    });
    expect(PRESETS.standard.rules).toEqual(DEFAULT_RULES);
    expect(PRESETS.bar.rules).toMatchObject({ target: 21, bust: 15 });
    expect(PRESETS.short.rules).toMatchObject({ target: 11, bust: null });
  });

  it('are all valid rules with a label and a description', () => {
    for (const preset of Object.values(PRESETS)) {
      expect(validateRules(preset.rules)).toBeNull();
      expect(preset.label.length).toBeGreaterThan(0);
      expect(preset.description.length).toBeGreaterThan(0);
    }
  });

  it('standard: a full game ends final when home reaches 21', () => {
    const { state } = given(
      { rules: PRESETS.standard.rules },
      round([3, 1], [1, 0]),
      round([0, 2], [2, 2]),
      ...bags('home', 'hbmm'),
      ...bags('away', 'bhmm'),
      round([4, 0], [1, 1]),
      round([2, 1], [0, 1]),
    );
    expect(state.rounds.map((r) => [r.homeScore, r.awayScore])).toEqual([
      [7, 0],
      [7, 6],
      [7, 6],
      [15, 6],
      [21, 6],
    ]);
    expect(state).toMatchObject({ status: 'final', winner: 'home' });
  });

  it('bar: a side that passes 21 drops to 15 and the other wins on exactly 21', () => {
    const { state } = given(
      { rules: PRESETS.bar.rules },
      round([4, 0], [0, 0]),
      round([2, 1], [0, 0]),
      round([1, 0], [0, 0]),
      round([0, 0], [4, 0]),
      round([0, 0], [3, 0]),
    );
    expect(state.rounds.map((r) => [r.homeScore, r.awayScore])).toEqual([
      [12, 0],
      [19, 0],
      [15, 0],
      [15, 12],
      [15, 21],
    ]);
    expect(state).toMatchObject({ status: 'final', winner: 'away' });
  });

  it('short: a full game ends final at 11', () => {
    const { state } = given(
      { rules: PRESETS.short.rules },
      round([2, 0], [0, 1]),
      round([0, 0], [3, 0]),
      round([0, 1], [1, 0]),
    );
    expect([state.home.score, state.away.score]).toEqual([5, 11]);
    expect(state).toMatchObject({ status: 'final', winner: 'away' });
  });
});

describe('validateRules', () => {
  const withRules = (change: Partial<Rules>): Rules => ({ ...DEFAULT_RULES, ...change });

  it.each([
    ['a target of 0', { target: 0 }, /target/],
    ['a target over 100', { target: 101 }, /target/],
    ['a fractional target', { target: 10.5 }, /target/],
    ['a bust at the target', { bust: 21 }, /bust/],
    ['a negative bust', { bust: -1 }, /bust/],
    ['a skunk of 0', { skunk: 0 }, /skunk/],
    ['a skunk at the target', { skunk: 21 }, /skunk/],
    ['win by 3', { winBy: 3 }, /[Ww]in by/],
  ])('refuses %s with a sentence', (_name, change, pattern) => {
    expect(validateRules(withRules(change))).toMatch(pattern);
  });

  it('accepts the edges: target 1 and 100, bust 0, skunk just below the target, win by 2', () => {
    expect(validateRules(withRules({ target: 1 }))).toBeNull();
    expect(validateRules(withRules({ target: 100, bust: 0, skunk: 99, winBy: 2 }))).toBeNull();
    expect(validateRules(withRules({ cancellation: false, washOrder: 'alternate' }))).toBeNull();
  });
});

describe('createGameEvent', () => {
  const input = {
    id: 'g1',
    board: null,
    home: { name: 'Bag Daddies', players: ['Ann', 'Bo'] },
    away: { name: 'Hole Patrol', players: [] },
    at: '2025-06-07T18:00:00.000Z',
  };

  it('fills the default rules and lets home throw first', () => {
    expect(createGameEvent(input)).toEqual({
      type: 'game_created',
      ...input,
      rules: DEFAULT_RULES,
      firstThrow: 'home',
    });
  });

  it('merges partial rules over the defaults, ignoring fields left undefined', () => {
    const event = createGameEvent({ ...input, rules: { bust: 15, skunk: undefined }, firstThrow: 'away' });
    expect(event).toMatchObject({ rules: { ...DEFAULT_RULES, bust: 15 }, firstThrow: 'away' });
  });

  it('throws on rules that cannot be played', () => {
    expect(() => createGameEvent({ ...input, rules: { target: 0 } })).toThrow(/target/);
  });

  it('copies the player lists, so later changes to the input do not leak into the log', () => {
    const players = ['Ann'];
    const event = createGameEvent({ ...input, home: { name: 'A', players } });
    players.push('Bo');
    expect(event.type === 'game_created' && event.home.players).toEqual(['Ann']);
  });
});
