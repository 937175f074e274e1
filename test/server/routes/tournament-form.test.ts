// The new-tournament form read as a tournament: teams one per line with their players, the boards
// ticked, the format's own option, and a sentence naming the line when something is wrong.
import { describe, expect, it } from 'vitest';
import {
  teamLines,
  tournamentFormValues,
  tournamentFromForm,
} from '../../../server/routes/tournament-form.js';

const form = (fields: Array<[string, string]>) => tournamentFormValues(new URLSearchParams(fields));

describe('the new-tournament form', () => {
  it('reads one team per line, players after a colon, blank lines skipped', () => {
    expect(teamLines('Bag Daddies: Ann, Bob\n\n  Hole Patrol  \r\nCorn Stars: Cy & Di\n')).toEqual([
      { name: 'Bag Daddies', players: ['Ann', 'Bob'], line: 1 },
      { name: 'Hole Patrol', players: [], line: 3 },
      { name: 'Corn Stars', players: ['Cy', 'Di'], line: 4 },
    ]);
  });

  it('makes the tournament the fields ask for, with only its format’s option', () => {
    const v = form([
      ['name', 'Friday Cup'],
      ['format', 'double'],
      ['teams', 'A: Ann\nB\nC\nD'],
      ['board', '1'],
      ['board', '3'],
      ['preset', 'short'],
      ['seeding', 'random'],
      ['reset', '1'],
      ['twice', '1'],
    ]);
    expect(tournamentFromForm(v)).toEqual({
      name: 'Friday Cup',
      format: 'double',
      teams: [{ name: 'A', players: ['Ann'] }, { name: 'B' }, { name: 'C' }, { name: 'D' }],
      boards: [1, 3],
      preset: 'short',
      seeding: 'random',
      reset: true,
    });
    const rr = tournamentFromForm({ ...v, format: 'round-robin' });
    expect(rr).toMatchObject({ format: 'round-robin', twice: true });
    expect(rr).not.toHaveProperty('reset');
  });

  it('says what to fix, naming the line', () => {
    const base = { name: 'Cup', format: 'single', boards: ['1'], teams: 'A\nB' };
    expect(tournamentFromForm({ ...base, teams: 'Only one' })).toBe(
      'Enter at least two teams, one per line.',
    );
    expect(tournamentFromForm({ ...base, boards: [] })).toBe('Tick at least one board for the tournament.');
    expect(tournamentFromForm({ ...base, teams: `A\n\n${'x'.repeat(41)}` })).toMatch(
      /^Line 3 \(“x{40}”\): a team name must be at most 40 characters\.$/,
    );
    expect(tournamentFromForm({ ...base, teams: 'A\nB: P1, P2, P3' })).toMatch(
      /^Line 2 \(“B”\): a team has at most two players/,
    );
    expect(tournamentFromForm({ ...base, name: '' })).toBe("The tournament's name must not be empty.");
    expect(tournamentFromForm({ ...base, format: 'swiss' })).toMatch(/format must be/);
  });
});
