// The tournament views as HTML: round titles people understand, placeholders and byes, the winner and
// the champion, the reset final shown only while it can matter, the board calls newest first, the
// standings with their rule, and team names that are text wherever they appear (never markup).
import { describe, expect, it } from 'vitest';
import type { Match, TournamentState } from '../../../server/domain/tournament/index.js';
import { ago } from '../../../renderer/islands/connection.js';
import { bracket } from '../../../server/views/partials/bracket.js';
import { boardCalls } from '../../../server/views/partials/calls.js';
import { ROUND_ROBIN_RULE, standingsTable } from '../../../server/views/partials/standings.js';
import { tournamentList } from '../../../server/views/partials/tournament-list.js';
import { roundTitle, statusText } from '../../../server/views/partials/tournament-words.js';
import { newTournamentForm } from '../../../server/views/pages/new-tournament.js';
import { runRegion } from '../../../server/views/pages/run-tournament.js';
import { tournamentRegion } from '../../../server/views/pages/tournament.js';
import { namedTeams, sampleNight, summaryOf, TournamentLog } from '../../kit/tournaments.js';

const EVIL = '<img src=x onerror=alert(1)>';
const NOW = Date.parse('2025-06-07T20:00:00.000Z');

/** The card of one match in rendered HTML (from its <li> to the next). */
function card(markup: string, id: string): string {
  const start = markup.indexOf(`data-match="${id}"`);
  if (start < 0) throw new Error(`no card ${id}`);
  const end = markup.indexOf('</li>', start);
  return markup.slice(markup.lastIndexOf('<li', start), end);
}

const ENTITIES: Record<string, string> = {
  '&#39;': "'",
  '&quot;': '"',
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
};
const decode = (s: string) => s.replace(/&(#39|quot|lt|gt|amp);/g, (e) => ENTITIES[e] ?? e);

/** The text of some HTML, tags dropped, entities decoded and whitespace folded. */
const text = (markup: string) =>
  decode(
    markup
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );

const headings = (markup: string) =>
  [...markup.matchAll(/<h[34][^>]*>([^<]*)</g)].map((m) => decode(m[1] ?? ''));

const page = (s: TournamentState) => bracket(s, 'page').value;

describe('round titles', () => {
  it('name the last rounds of a single elimination as people do', () => {
    const s = new TournamentLog({ format: 'single', teams: namedTeams(16) }).play({ type: 'start' }).state;
    expect(headings(page(s))).toEqual(['Round 1', 'Quarter-finals', 'Semi-finals', 'Final']);
    expect(roundTitle('single', 'winners', 1, 1)).toBe('Final');
    expect(roundTitle('single', 'winners', 2, 6)).toBe('Round 2');
  });

  it("say which bracket a double elimination's round is in, and name both finals", () => {
    const s = new TournamentLog({ teams: namedTeams(8) }).play({ type: 'start' }).state;
    expect(headings(page(s))).toEqual([
      "Winners' bracket",
      'Quarter-finals',
      "Winners' semi-finals",
      "Winners' final",
      "Losers' bracket",
      "Losers' round 1",
      "Losers' round 2",
      "Losers' round 3",
      "Losers' final",
      'Finals',
      'Grand final',
      'Reset final',
    ]);
  });

  it('number the rounds of a round robin', () => {
    const s = new TournamentLog({ format: 'round-robin', teams: namedTeams(4) }).play({
      type: 'start',
    }).state;
    expect(headings(page(s))).toEqual(['Round 1', 'Round 2', 'Round 3']);
  });
});

describe('a match card', () => {
  const started = new TournamentLog({ format: 'double', teams: namedTeams(8), boards: [3, 4] }).play({
    type: 'start',
  });

  it('says where a side comes from until it is known', () => {
    const html = page(started.state);
    expect(text(card(html, 'W2-1'))).toContain('Winner of W1-1 Winner of W1-2');
    expect(text(card(html, 'L1-1'))).toContain('Loser of W1-1 Loser of W1-2');
    expect(text(card(html, 'F1'))).toContain('Winner of W3-1 Winner of L4-1');
  });

  it('carries stable hooks and says its status in words: up next, board n, live on board n, final', () => {
    const log = new TournamentLog({ format: 'single', teams: namedTeams(8), boards: [3] }).play({
      type: 'start',
    });
    let html = page(log.state);
    expect(card(html, 'W1-1')).toMatch(/data-status="called"[^>]*data-board="3"/);
    expect(text(card(html, 'W1-1'))).toContain('Board 3');
    expect(card(html, 'W1-2')).toContain('data-status="ready"');
    expect(text(card(html, 'W1-2'))).toContain('Up next');
    expect(text(card(html, 'W2-1'))).toContain('Waiting');
    log.play({ type: 'link_game', match: 'W1-1', gameId: 'g7' }, { type: 'start_match', match: 'W1-1' });
    html = page(log.state);
    expect(text(card(html, 'W1-1'))).toContain('Live on board 3');
    expect(card(html, 'W1-1')).toContain('href="/games/g7"');
    log.results(1);
    html = page(log.state);
    const done = card(html, 'W1-1');
    expect(done).toContain('data-status="done"');
    expect(text(done)).toMatch(/Final .*Bag Daddies 21 ✓ , winner .*Four Bagger Club \d+/);
    expect(done).toMatch(/match-side-won[^]*Bag Daddies/);
    expect(done).toMatch(/match-side-lost[^]*Four Bagger Club/);
    // The TV has nothing to tap: no link there.
    expect(card(bracket(log.state, 'tv').value, 'W1-1')).not.toContain('href=');
  });

  it('shows a bye as a bye, not as a win, and leaves out matches of two byes', () => {
    const five = new TournamentLog({ format: 'double', teams: namedTeams(5) }).play({ type: 'start' }).state;
    const html = page(five);
    const bye = card(html, 'W1-1');
    expect(bye).toContain('data-decided="bye"');
    expect(text(bye)).toContain('Bye');
    expect(bye).not.toContain('winner');
    // Bracket of 8 with 3 byes: a losers' match fed by two bye matches has no team at all.
    const voids = five.matches.filter((m) => m.decidedBy === 'bye' && m.home === null && m.away === null);
    expect(voids.length).toBeGreaterThan(0);
    for (const m of voids) expect(card(html, m.id)).toContain('match-void');
  });
});

describe('the reset final', () => {
  const toFinal = () => new TournamentLog({ teams: namedTeams(4), boards: [1] }).play({ type: 'start' });

  it('is shown as "only if needed" until the grand final is played', () => {
    const log = toFinal();
    log.results(5);
    expect(log.state.matches.find((m) => m.id === 'F1')?.status).not.toBe('done');
    expect(text(card(page(log.state), 'F2'))).toContain('Only if needed');
  });

  it('disappears when the winners’ champion wins the grand final', () => {
    const log = toFinal();
    log.results(6);
    expect(log.state.status).toBe('final');
    expect(page(log.state)).not.toContain('data-match="F2"');
    expect(headings(page(log.state))).not.toContain('Reset final');
  });

  it('stays, played, when the losers’ champion wins the grand final', () => {
    const log = toFinal();
    log.results(7, (m) => m.id === 'F1');
    expect(log.state.status).toBe('final');
    expect(card(page(log.state), 'F2')).toContain('data-decided="game"');
  });
});

describe('the champion', () => {
  it('is named in a banner once the tournament is over, and marked in the standings', () => {
    const { double16Final: done, double16Midway: live } = sampleNight();
    const region = tournamentRegion(done, { variant: 'page', now: NOW }).value;
    expect(region).toMatch(/class="champion" data-team="t15"/);
    expect(text(region)).toContain('Champion Bag Ladies of the Lakeside League');
    expect(standingsTable(done).value).toMatch(/standing-champion"\s+data-team="t15"/);
    expect(tournamentRegion(live, { variant: 'page', now: NOW }).value).not.toContain('class="champion"');
  });
});

describe('board calls', () => {
  it('list every called or live match, the newest call first and marked, with its age', () => {
    const log = new TournamentLog(
      { format: 'single', teams: namedTeams(8), boards: [1, 2, 3] },
      NOW - 10 * 60_000,
    ).play({ type: 'start' });
    log.play({ type: 'start_match', match: 'W1-1' });
    const calls = boardCalls(log.state, NOW).value;
    const items = [...calls.matchAll(/<li[^>]*data-call="([^"]+)"[^>]*data-board="(\d+)"/g)];
    expect(items.map((m) => m[1])).toHaveLength(3);
    expect(calls).toMatch(/class="call call-latest call-(called|live)"/);
    expect(text(calls)).toContain('Board 1 : Bag Daddies vs Four Bagger Club , Playing · called');
    // Created ten minutes ago, started (and the first matches called) a minute later.
    expect(calls).toContain(`<time datetime="${new Date(NOW - 9 * 60_000).toISOString()}" data-relative`);
    expect(text(calls)).toContain('called 9 min ago');
  });

  it('say why nothing is called yet, and disappear once the tournament is over', () => {
    const setup = new TournamentLog({ format: 'single', teams: namedTeams(4) }).state;
    expect(text(boardCalls(setup, NOW).value)).toContain('once the organiser starts the tournament');
    expect(boardCalls(sampleNight().double16Final, NOW).value).toBe('');
  });

  it('use the same words for the age as the clock island that keeps them current', () => {
    for (const ms of [0, 12_000, 59_000, 60_000, 125_000, 59 * 60_000, 3 * 3600_000]) {
      const log = new TournamentLog({ format: 'single', teams: namedTeams(2), boards: [1] }, NOW - ms).play({
        type: 'start',
      });
      // The matches are called by the start, a minute after the creation.
      expect(text(boardCalls(log.state, NOW + 60_000).value)).toContain(`called ${ago(ms)}`);
    }
  });
});

describe('standings', () => {
  it('order a round robin and say the tie-break rule under it', () => {
    const { roundRobin6 } = sampleNight();
    const table = standingsTable(roundRobin6).value;
    expect([...table.matchAll(/<tr\s+class="standing/g)]).toHaveLength(6);
    expect(text(table)).toContain(ROUND_ROBIN_RULE);
    expect(ROUND_ROBIN_RULE).toMatch(/wins.*head-to-head.*point difference.*points for/);
    // The current placing of a round robin in play is its order.
    expect(table).toMatch(/standing-place">\s*1\s*</);
  });

  it('dim the teams out of an elimination and say so in words', () => {
    const { double16Midway } = sampleNight();
    const table = standingsTable(double16Midway).value;
    const out = double16Midway.standings.filter((s) => s.eliminated);
    expect(out.length).toBeGreaterThan(0);
    for (const s of out) {
      expect(table).toMatch(new RegExp(`class="standing standing-out"\\s+data-team="${s.team}"`));
    }
    expect([...table.matchAll(/standing-tag">Out</g)]).toHaveLength(out.length);
  });

  it('list who sits out each round of an odd round robin', () => {
    const s = new TournamentLog({ format: 'round-robin', teams: namedTeams(5) }).play({
      type: 'start',
    }).state;
    expect([...page(s).matchAll(/Sits out: /g)]).toHaveLength(5);
  });
});

describe('team names are text everywhere', () => {
  const teams = namedTeams(4).map((t, i) =>
    i === 0 ? { ...t, name: EVIL, players: ['<script>x</script>'] } : t,
  );
  const log = new TournamentLog({
    name: `Cup ${EVIL}`.slice(0, 40),
    format: 'double',
    teams,
    boards: [1],
  }).play({
    type: 'start',
  });
  const setup = new TournamentLog({ format: 'single', teams }).state;
  const finished = new TournamentLog({ format: 'single', teams, boards: [1] }).play({ type: 'start' });
  finished.results(3);

  const markup = () => [
    tournamentRegion(log.state, { variant: 'page', now: NOW }).value,
    tournamentRegion(log.state, { variant: 'tv', now: NOW }).value,
    runRegion(log.state, NOW).value,
    tournamentRegion(setup, { variant: 'page', now: NOW }).value,
    tournamentRegion(finished.state, { variant: 'page', now: NOW }).value,
    tournamentList([summaryOf(log.state)], { variant: 'host', organiser: true }).value,
    newTournamentForm({ boardCount: 2, values: { name: EVIL, teams: `${EVIL}\n</textarea><script>` } }).value,
  ];

  it('never turn into markup', () => {
    expect(finished.state.champion).toBe('t1');
    for (const m of markup()) {
      expect(m).not.toContain('<img');
      expect(m).not.toContain('<script');
      expect(m).not.toContain('</textarea><');
    }
    expect(markup()[0]).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('status words', () => {
  it('cover every status a match can have', () => {
    const base = { board: 3, resetOf: null, decidedBy: null } as unknown as Match;
    expect(statusText({ ...base, status: 'pending' })).toBe('Waiting');
    expect(statusText({ ...base, status: 'pending', resetOf: 'F1' })).toBe('Only if needed');
    expect(statusText({ ...base, status: 'ready' })).toBe('Up next');
    expect(statusText({ ...base, status: 'called' })).toBe('Board 3');
    expect(statusText({ ...base, status: 'live' })).toBe('Live on board 3');
    expect(statusText({ ...base, status: 'done', decidedBy: 'game' })).toBe('Final');
    expect(statusText({ ...base, status: 'done', decidedBy: 'bye' })).toBe('Bye');
  });
});
