// A tournament night's commands across two `serve` instances sharing one data folder and Redis
// (issue 16): check-in, the start, a late entry (previewed on B, entered on A), a withdrawal, a
// no-show's forfeit and a corrected result, each made on instance A, are seen live on instance B (its
// tournament stream and its JSON) with the version rising by each write's events; each command's
// Idempotency-Key sent again to B answers what A answered and changes nothing a second time.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TournamentState } from '../../server/domain/tournament/index.js';
import { tempDir } from '../kit/files.js';
import { winGame } from '../kit/play.js';
import { cleanup, startTestServer, type ChildServer } from '../kit/server.js';
import { SseClient } from '../kit/sse.js';

const ORGANISER_PIN = '86420975';
const organiser = { Authorization: `Bearer ${ORGANISER_PIN}` };

// The API answers the domain's state as JSON.
type Tournament = TournamentState;

let a: ChildServer;
let b: ChildServer;
const clients: SseClient[] = [];
beforeAll(async () => {
  const settings = {
    child: true,
    hub: 'redis',
    redisUrl: 'redis://127.0.0.1:6379',
    redisPrefix: `bagtrax-it-night:${randomUUID()}:`,
    dataDir: tempDir(),
    organiserPin: ORGANISER_PIN,
  } as const;
  a = await startTestServer(settings);
  b = await startTestServer(settings);
});
afterAll(async () => {
  clients.forEach((c) => c.close());
  await cleanup();
});

const read = async (s: ChildServer, id: string): Promise<Tournament> =>
  (await s.get(`/api/tournaments/${id}`)).json as Tournament;
const matchOf = (t: Tournament, id: string) => t.matches.find((m) => m.id === id)!;
/** The tournament in the last `state` event a stream has received. */
const lastState = (c: SseClient): Tournament =>
  JSON.parse(c.events.filter((e) => e.event === 'state').at(-1)!.data) as Tournament;

describe('a night’s commands on two instances', () => {
  it('made on A are seen live on B, each once, and a retried key on B answers the same', async () => {
    const created = await a.api(
      'POST',
      '/api/tournaments',
      {
        name: 'Two Rooms Cup',
        format: 'single',
        teams: ['Bag Daddies', 'Hole Patrol', 'Toss Bosses', 'Sack Attack', 'Drop Zone', 'Cornstars'].map(
          (name) => ({ name }),
        ),
        boards: [1, 2, 3],
        noShowMinutes: 5,
      },
      organiser,
    );
    expect(created.status, created.text).toBe(201);
    const id = (created.json as Tournament).id;
    const onB = await SseClient.open(`${b.url}/tournaments/${id}/events?since=0`);
    clients.push(onB);
    expect(onB.status).toBe(200);

    let version = 0;
    /**
     * `body` posted to `path` on A under a fresh key: the version rises, B's stream and JSON show the
     * new state, and the same key sent to B answers A's answer while nothing moves.
     */
    const onA = async (path: string, body: Record<string, unknown> = {}): Promise<Tournament> => {
      const key = { ...organiser, 'Idempotency-Key': `night-${randomUUID()}` };
      const url = `/api/tournaments/${id}${path}`;
      const answer = await a.api('POST', url, { ...body, expectedVersion: version }, key);
      expect(answer.status, `${path}: ${answer.text}`).toBe(200);
      const after = answer.json as Tournament;
      expect(after.version, path).toBeGreaterThan(version);
      await onB.waitFor((events) =>
        events.some((e) => e.event === 'state' && Number(e.id) === after.version),
      );
      expect(lastState(onB)).toEqual(after);
      expect(await read(b, id)).toEqual(after);

      const again = await b.api('POST', url, { ...body, expectedVersion: version }, key);
      expect(again.status, `${path} again on B: ${again.text}`).toBe(200);
      expect(again.json).toEqual(after);
      expect(await read(b, id)).toEqual(after);
      expect(await read(a, id)).toEqual(after);
      version = after.version;
      return after;
    };

    // Check-in, then the start without the one team that did not come.
    for (const team of ['t1', 't2', 't3', 't4', 't5', 't6']) {
      expect((await onA(`/teams/${team}/check-in`)).checkedIn).toContain(team);
    }
    const checkedOut = await onA('/teams/t6/check-out');
    expect(checkedOut.checkedIn).toEqual(['t1', 't2', 't3', 't4', 't5']);
    const live = await onA('/start', { dropUnchecked: true });
    expect(live.status).toBe('live');
    expect(live.teams.map((t) => t.id)).toEqual(['t1', 't2', 't3', 't4', 't5']);

    // A late team: previewed on B, entered on A exactly as the preview said.
    const preview = await b.api(
      'POST',
      `/api/tournaments/${id}/teams`,
      { name: 'Late Comers', preview: true, expectedVersion: version },
      organiser,
    );
    expect(preview.status, preview.text).toBe(200);
    const said = preview.json as {
      team: { id: string };
      slot: { match: string; side: string };
      voids: string[];
      calls: Array<{ match: string; board: number }>;
    };
    expect(await read(a, id)).toEqual(live);
    const entered = await onA('/teams', { name: 'Late Comers' });
    expect(entered.teams.at(-1)).toMatchObject({ id: said.team.id, name: 'Late Comers' });
    const slot = matchOf(entered, said.slot.match);
    expect(slot[said.slot.side as 'home' | 'away']).toBe(said.team.id);
    for (const call of said.calls) expect(matchOf(entered, call.match).board).toBe(call.board);
    for (const voided of said.voids) expect(matchOf(entered, voided).winner).toBeNull();

    // A withdrawal: the team's called match goes to its opponent.
    const called = entered.matches.filter((m) => m.status === 'called');
    expect(called.length).toBeGreaterThanOrEqual(2);
    const [first, second] = called as [(typeof called)[0], (typeof called)[0]];
    const withdrawn = await onA(`/teams/${first.away}/withdraw`);
    expect(withdrawn.withdrawn).toEqual([first.away]);
    expect(matchOf(withdrawn, first.id)).toMatchObject({ decidedBy: 'forfeit', winner: first.home });

    // A no-show: the organiser forfeits a called match to the team that came.
    const forfeited = await onA(`/matches/${second.id}/forfeit`, { winner: second.home });
    expect(matchOf(forfeited, second.id)).toMatchObject({ decidedBy: 'forfeit', winner: second.home });

    // A match played on B's pad, then its result corrected on A.
    const playing = forfeited.matches.find((m) => m.status === 'called' && m.gameId !== null)!;
    await winGame(b, playing.gameId!, 'home');
    await onB.waitFor(() => matchOf(lastState(onB), playing.id).status === 'done');
    const played = await read(a, id);
    expect(matchOf(played, playing.id)).toMatchObject({ decidedBy: 'game', winner: playing.home });
    version = played.version;
    const corrected = await onA(`/matches/${playing.id}/result`, { winner: playing.away });
    expect(matchOf(corrected, playing.id).winner).toBe(playing.away);
    expect(corrected.corrections).toHaveLength(1);

    // Nothing happened twice: one late team, one withdrawal, one forfeit, one correction.
    const end = await read(b, id);
    expect(end).toEqual(await read(a, id));
    expect(end.version).toBe(version);
    expect(end.teams.filter((t) => t.name === 'Late Comers')).toHaveLength(1);
    expect(end.withdrawn).toEqual([first.away]);
    const forfeits = end.matches.filter((m) => m.decidedBy === 'forfeit').map((m) => m.id);
    expect(forfeits.sort()).toEqual([first.id, second.id].sort());
    expect(end.corrections).toHaveLength(1);
    // B's stream only went forward, each state its own version.
    const ids = onB.ids('state');
    expect(ids.every((v, i) => i === 0 || v > ids[i - 1]!)).toBe(true);
    expect(ids.at(-1)).toBe(end.version);
    for (const e of onB.events.filter((x) => x.event === 'state')) {
      expect((JSON.parse(e.data) as Tournament).version).toBe(Number(e.id));
    }
    expect(onB.events.some((e) => e.event === 'refresh-bracket')).toBe(true);
  });
});
