// A whole tournament night through the API on real `serve` processes (issue 15): 16 teams, double
// elimination on the venue's 4 boards, its games scored on two instances sharing one database and
// Redis, one instance killed and started again in the middle. The bracket must come out whole: every
// match decided once by exactly one game, everyone but the champion out after two losses, and the
// tournament streams on both instances rising to the final version without a step back.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../kit/files.js';
import { cleanup, startTestServer, type ChildServer } from '../kit/server.js';
import { SseClient } from '../kit/sse.js';
import { until } from '../kit/until.js';

const ORGANISER_PIN = '86420975';

interface Match {
  id: string;
  status: string;
  gameId: string | null;
  home: string | null;
  away: string | null;
  winner: string | null;
  loser: string | null;
  decidedBy: string | null;
  board: number | null;
}
interface Tournament {
  id: string;
  version: number;
  status: string;
  champion: string | null;
  teams: Array<{ id: string }>;
  matches: Match[];
}

const clients: SseClient[] = [];
afterAll(async () => {
  clients.forEach((c) => c.close());
  await cleanup();
});

describe('a 16-team double elimination on 4 boards', () => {
  it('runs to the end over two instances and a crash, each match advancing the bracket exactly once', async () => {
    const settings = {
      child: true,
      hub: 'redis',
      redisUrl: 'redis://127.0.0.1:6379',
      redisPrefix: `bagtrax-it:${randomUUID()}:`,
      dataDir: tempDir(),
      organiserPin: ORGANISER_PIN,
    } as const;
    let a: ChildServer = await startTestServer(settings);
    const b: ChildServer = await startTestServer(settings);
    const organiser = { Authorization: `Bearer ${ORGANISER_PIN}` };

    const teams = Array.from({ length: 16 }, (_, i) => ({
      name: `Team ${i + 1}`,
      players: [`P${i}a`, `P${i}b`],
    }));
    const created = await a.api(
      'POST',
      '/api/tournaments',
      { name: 'Big Night', format: 'double', teams, boards: [1, 2, 3, 4], seeding: 'random', seed: 2026 },
      organiser,
    );
    expect(created.status, created.text).toBe(201);
    const id = (created.json as Tournament).id;
    expect((await b.api('POST', `/api/tournaments/${id}/start`, {}, organiser)).status).toBe(200);

    const follow = async (s: ChildServer) => {
      const c = await SseClient.open(`${s.url}/tournaments/${id}/events?since=0`);
      clients.push(c);
      return c;
    };
    const beforeCrash = await follow(a);
    const streams = [await follow(b)];

    const read = async (s: ChildServer): Promise<Tournament> => (await s.get(`/api/tournaments/${id}`)).json;
    /** Two rounds of four in the hole: 24–0 for the side the match id picks. */
    const play = async (s: ChildServer, m: Match) => {
      const side = [...m.id].reduce((n, ch) => n + ch.charCodeAt(0), 0) % 2 === 0 ? 'home' : 'away';
      const four = { hole: 4, board: 0 };
      const none = { hole: 0, board: 0 };
      const round = side === 'home' ? { home: four, away: none } : { home: none, away: four };
      for (let i = 0; i < 2; i++) {
        const answer = await s.api('POST', `/api/games/${m.gameId}/rounds`, round);
        expect(answer.status, answer.text).toBe(200);
      }
    };

    let waves = 0;
    let restarted = false;
    for (;;) {
      const state = await read(waves % 2 === 0 ? a : b);
      if (state.status === 'final') break;
      const onBoards = state.matches.filter((m) => m.status === 'called' || m.status === 'live');
      expect(onBoards.length, `wave ${waves}: a called match`).toBeGreaterThan(0);
      expect(new Set(onBoards.map((m) => m.board)).size).toBe(onBoards.length);
      // The games on the boards are scored at the same time, alternately on A and on B.
      await Promise.all(onBoards.map((m, i) => play(i % 2 === 0 ? a : b, m)));
      waves++;
      const done = state.matches.filter((m) => m.status === 'done').length;
      if (!restarted && done >= state.matches.length / 2) {
        // The middle of the night: A dies without a word and comes back on the same database.
        await a.stop('SIGKILL');
        a = await startTestServer(settings);
        streams.push(await follow(a));
        restarted = true;
      }
      expect(waves).toBeLessThan(40);
    }
    expect(restarted).toBe(true);

    const end = await read(a);
    expect(await read(b)).toEqual(end);
    expect(end.champion).not.toBeNull();
    // Every match decided: by a game, by a bye, or (an unneeded reset final) not at all.
    for (const m of end.matches) expect(m.status).toBe('done');
    const played = end.matches.filter((m) => m.decidedBy === 'game');
    // Each played match has exactly one game, and that game's result is the match's.
    const games = (await a.get('/api/games')).json as Array<{ id: string }>;
    const byMatch = new Map<string, string[]>();
    for (const g of games) {
      const state = (await a.get(`/api/games/${g.id}/state`)).json as {
        tournament: { id: string } | null;
        match: { id: string } | null;
        winner: 'home' | 'away' | null;
      };
      if (state.tournament?.id !== id) continue;
      byMatch.set(state.match!.id, [...(byMatch.get(state.match!.id) ?? []), g.id]);
      const match = end.matches.find((m) => m.id === state.match!.id)!;
      expect(match.gameId).toBe(g.id);
      expect(state.winner === 'home' ? match.home : match.away).toBe(match.winner);
    }
    expect([...byMatch.keys()].sort()).toEqual(played.map((m) => m.id).sort());
    expect([...byMatch.values()].every((ids) => ids.length === 1)).toBe(true);
    // Double elimination: everyone but the champion lost twice; the champion at most once.
    const losses = new Map<string, number>();
    for (const m of played) losses.set(m.loser!, (losses.get(m.loser!) ?? 0) + 1);
    for (const team of end.teams) {
      expect(losses.get(team.id) ?? 0).toBe(team.id === end.champion ? (losses.get(team.id) ?? 0) : 2);
    }
    expect(losses.get(end.champion!) ?? 0).toBeLessThanOrEqual(1);

    // The streams on B and on the restarted A followed to the end; every stream only went forward.
    for (const c of streams) {
      await until(() => c.ids('state').at(-1) === end.version, 'the final version on a stream');
    }
    for (const c of [beforeCrash, ...streams]) {
      const ids = c.ids('state');
      expect(ids.every((v, i) => i === 0 || v > ids[i - 1]!)).toBe(true);
      for (const e of c.events.filter((x) => x.event === 'state')) {
        expect(JSON.parse(e.data).version).toBe(Number(e.id));
      }
    }
  });
});
