// Creating a tournament: the event with every option filled in, the state it opens, and the
// refusals of bad input (each with its code), which record nothing.
import { describe, expect, it } from 'vitest';
import { decide, INPUT_CODES, replay } from '../../../../server/domain/tournament/index.js';
import type { CreateCommand } from '../../../../server/domain/tournament/index.js';
import { at, created, createCommand, teams, when } from './given.js';

const create = (overrides: Partial<CreateCommand>) => decide(createCommand(overrides), null, { at: at(0) });

describe('create', () => {
  it('records the tournament with its defaults: seeds as entered, a reset, once round, auto calls', () => {
    const decision = create({ name: '  Friday Cup ', teams: teams(3), boards: [2, 1] });
    expect(decision).toEqual({
      ok: true,
      events: [
        {
          type: 'tournament_created',
          id: 'cup',
          name: 'Friday Cup',
          format: 'single',
          teams: teams(3),
          boards: [2, 1],
          preset: 'standard',
          options: { seeding: 'entered', seed: 7, stats: null, reset: true, twice: false, autoCall: true },
          at: at(0),
        },
      ],
    });
  });

  it('opens a tournament in setup at version 0 with no matches and zero standings', () => {
    const { state } = created({ teams: teams(3) });
    expect(state).toMatchObject({ id: 'cup', version: 0, status: 'setup', seeds: [], matches: [], held: [] });
    expect(state.standings.map((s) => [s.team, s.wins, s.place])).toEqual([
      ['t1', 0, null],
      ['t2', 0, null],
      ['t3', 0, null],
    ]);
    expect(state.createdAt).toBe(at(0));
  });

  it('keeps options given and ignores undefined ones', () => {
    const decision = create({ format: 'double', options: { seed: 9, reset: false, autoCall: undefined } });
    if (!decision.ok) expect.fail(decision.code);
    expect(replay(decision.events).options).toMatchObject({ seed: 9, reset: false, autoCall: true });
  });

  it.each([
    ['bad_name', { name: ' ' }],
    ['bad_name', { name: 'x'.repeat(41) }],
    ['bad_format', { format: 'swiss' as never }],
    ['too_few_teams', { teams: teams(1) }],
    ['too_many_teams', { teams: teams(65) }],
    ['bad_team', { teams: [...teams(2), { id: '', name: 'No id', players: [] }] }],
    ['bad_team', { teams: [...teams(2), { id: 'x', name: 'Three', players: ['a', 'b', 'c'] }] }],
    ['duplicate_team', { teams: [...teams(2), { id: 't1', name: 'Other', players: [] }] }],
    ['duplicate_team', { teams: [...teams(2), { id: 't9', name: 'team 1', players: [] }] }],
    ['no_boards', { boards: [] }],
    ['bad_board', { boards: [0] }],
    ['bad_board', { boards: [1.5] }],
    ['duplicate_board', { boards: [1, 2, 1] }],
    ['bad_preset', { preset: 'pro' as never }],
    ['bad_seed', { options: { seed: -1 } }],
    ['bad_seed', { options: { seed: 2 ** 32 } }],
    ['bad_options', { options: { seed: 1, seeding: 'best' as never } }],
    ['bad_options', { options: { seed: 1, reset: 'yes' as never } }],
    ['bad_stats', { teams: teams(2), options: { seed: 1, seeding: 'stats' as const, stats: { t1: 3 } } }],
    [
      'bad_stats',
      { teams: teams(2), options: { seed: 1, seeding: 'stats' as const, stats: { t1: 1, t2: 2, t3: 3 } } },
    ],
    [
      'bad_stats',
      { teams: teams(2), options: { seed: 1, seeding: 'stats' as const, stats: { t1: 1, t2: NaN } } },
    ],
  ])('refuses %s', (code, overrides) => {
    const decision = create(overrides as Partial<CreateCommand>);
    expect(decision).toMatchObject({ ok: false, code });
    expect(INPUT_CODES).toContain(code);
  });

  it('refuses to create over an existing tournament, and any other command without one', () => {
    const log = created();
    expect(when(log, createCommand())).toMatchObject({ ok: false, code: 'already_exists' });
    expect(decide({ type: 'start' }, null, { at: at(1) })).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('refuses a write based on another version with version_conflict', () => {
    const log = created();
    expect(when(log, { type: 'start' }, 3)).toMatchObject({ ok: false, code: 'version_conflict' });
    expect(when(log, { type: 'start' }, 0)).toMatchObject({ ok: true });
  });

  it('a log must start with its creation', () => {
    expect(() => replay([])).toThrow(/tournament_created/);
    expect(() => replay([{ type: 'board_held', board: 1, at: at(1) }])).toThrow(/tournament_created/);
  });
});
