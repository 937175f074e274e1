// The tournament pages' islands, their pure parts: a roster chip adds its team as a line of the teams
// box once, and the board calls' ages count from the server's clock, whatever the phone's says.
import { describe, expect, it } from 'vitest';
import { clockOffset, refreshDue, refreshTimes } from '../../renderer/islands/call-times.js';
import { withLine } from '../../renderer/islands/team-lines.js';

describe('a roster chip on the new-tournament form', () => {
  it('adds its team as the last line, after whatever was typed', () => {
    expect(withLine('', 'Bag Daddies: Mike, Dana')).toBe('Bag Daddies: Mike, Dana');
    expect(withLine('Hole Patrol', 'Cornstars')).toBe('Hole Patrol\nCornstars');
    expect(withLine('Hole Patrol\n\n  ', 'Cornstars')).toBe('Hole Patrol\nCornstars');
  });

  it('adds nothing when a line already names the team (players or not, any case)', () => {
    const typed = 'Hole Patrol\nbag daddies: Sam';
    expect(withLine(typed, 'Bag Daddies: Mike, Dana')).toBe(typed);
    expect(withLine(typed, 'HOLE PATROL')).toBe(typed);
    expect(withLine(typed, '  ')).toBe(typed);
  });
});

describe('the board calls’ clock', () => {
  it('takes how far the server is ahead from its render stamp, and ignores a missing one', () => {
    expect(clockOffset('1000000', 940_000)).toBe(60_000);
    expect(clockOffset('1000000', 1_030_000)).toBe(-30_000);
    expect(clockOffset(undefined, 5)).toBeNull();
    expect(clockOffset('soon', 5)).toBeNull();
  });

  it('rewrites every relative time as seen on the server’s clock, and leaves a bad one alone', () => {
    const at = Date.parse('2025-06-07T20:00:00.000Z');
    const times = [
      { dateTime: new Date(at - 125_000).toISOString(), textContent: 'called 1 min ago' },
      { dateTime: new Date(at - 30_000).toISOString(), textContent: '' },
      { dateTime: 'garbage', textContent: 'as served' },
    ];
    const root = { querySelectorAll: () => times } as unknown as ParentNode;
    refreshTimes(root, at);
    expect(times.map((t) => t.textContent)).toEqual(['2 min ago', '30s ago', 'as served']);
  });

  it('shows a no-show forfeit once its clock ran out, and hides the "no-show at" line then', () => {
    const due = { dataset: { due: '2026-12-03T10:01:00.000Z' }, hidden: true };
    const until = { dataset: { until: '2026-12-03T10:01:00.000Z' }, hidden: false };
    const root = {
      querySelectorAll: (sel: string) => (sel === '[data-due]' ? [due] : [until]),
    } as unknown as ParentNode;
    refreshDue(root, Date.parse('2026-12-03T10:00:59.000Z'));
    expect([due.hidden, until.hidden]).toEqual([true, false]);
    refreshDue(root, Date.parse('2026-12-03T10:01:00.000Z'));
    expect([due.hidden, until.hidden]).toEqual([false, true]);
  });
});
