// A tournament night on the spectators' page and the TV: pools as tables above their matches then
// the knockout, a final played as a series ("Final · best of 3 · 1–0"), the no-show clock beside a
// call, and forfeits said on the side that gave the match up (a no-show, a withdrawal).
import { describe, expect, it } from 'vitest';
import { tournamentRegion } from '../../../server/views/pages/tournament.js';
import { namedTeams, TournamentLog } from '../../kit/tournaments.js';

const text = (h: { toString(): string }) => h.toString().replace(/\s+/g, ' ');

function poolsNight(): TournamentLog {
  return new TournamentLog({
    id: 'pools',
    name: 'Pools Night',
    format: 'pools',
    teams: namedTeams(8),
    boards: [1, 2, 3, 4],
    options: { seed: 7, pools: { size: 4, advance: 2 }, bestOf: { final: 3 }, noShowMinutes: 10 },
  }).play({ type: 'start' });
}

describe('a pools night as shown', () => {
  it('shows each pool’s table above its matches, then the knockout with its placeholders', () => {
    const log = poolsNight();
    const page = text(tournamentRegion(log.state, { variant: 'page', now: Date.now() }));
    expect(page).toContain('<h3 class="bracket-part-title">Pool A</h3>');
    expect(page).toContain('Pool B table');
    expect(page).toContain('<h3 class="bracket-part-title">Knockout</h3>');
    expect(page).toContain('Pool A, 1st');
    expect(page.indexOf('Pool A table')).toBeLessThan(page.indexOf('Knockout'));
    log.results(12);
    const done = text(tournamentRegion(log.state, { variant: 'tv', now: Date.now() }));
    expect(done.match(/Goes on/g)).toHaveLength(4);
  });

  it('puts the no-show clock beside a call, and the series’ games won on the final', () => {
    const log = poolsNight();
    const calledAt = Date.parse(log.state.matches.find((m) => m.status === 'called')!.calledAt!);
    const page = text(tournamentRegion(log.state, { variant: 'tv', now: calledAt + 7 * 60_000 }));
    expect(page).toMatch(
      /called <time [^>]+>7 min ago<\/time><span class="call-no-show"> · no-show at 10 min/,
    );
    log.results(12).results(2);
    const final = log.state.matches.find((m) => m.bestOf === 3)!;
    expect(final.status).toBe('called');
    log.results(1);
    const series = text(tournamentRegion(log.state, { variant: 'tv', now: Date.now() }));
    expect(series).toContain('<span class="call-series">Final · best of 3 · 1–0</span>');
    expect(series).toContain('<span class="match-series"> · best of 3 · 1–0</span>');
  });

  it('says forfeit on the side that gave the match up: a no-show, or a withdrawal', () => {
    const log = new TournamentLog({ format: 'single', teams: namedTeams(4), boards: [1, 2] }).play(
      { type: 'start' },
      { type: 'forfeit', match: 'W1-1', winner: 't1' },
      { type: 'withdraw', team: 't2' },
    );
    const page = text(tournamentRegion(log.state, { variant: 'page', now: Date.now() }));
    const card = (id: string) => page.slice(page.indexOf(`data-match="${id}"`)).split('</li>')[0]!;
    expect(card('W1-1')).toMatch(/class="match-status"\s*>Forfeit</);
    expect(card('W1-1')).toContain('Bag Daddies</span><span class="match-mark" aria-hidden="true">✓</span>');
    expect(card('W1-1')).toContain('<span class="match-forfeit">no-show</span>');
    expect(card('W1-2')).toContain('<span class="match-forfeit">withdrew</span>');
  });
});
