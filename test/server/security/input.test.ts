// Every body, parameter and header is checked by a strict schema: a refusal is 400 with a sentence
// naming the field, unknown fields (a misspelt expectedVersion) are refused, prototype keys do
// nothing, and nothing is recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type InProcessServer } from '../../kit/server.js';
import { TEST_PIN } from '../../kit/settings.js';
import { raw } from '../../kit/raw.js';
import { expectRefused, stateText } from './helpers.js';

let server: InProcessServer;
let gameId: string;
let before: string;
let listBefore: string;

beforeAll(async () => {
  server = await startTestServer();
  gameId = (await server.createGame({ board: 1 })).id;
  await server.api('POST', `/api/games/${gameId}/throws`, { side: 'home', result: 'board' });
  before = await stateText(server, gameId);
  listBefore = (await server.get('/api/games')).text;
});
afterAll(async () => {
  expect(await stateText(server, gameId)).toBe(before);
  expect((await server.get('/api/games')).text).toBe(listBefore);
  await server.stop();
});

/** Posts raw JSON text with the PIN and expects a 400 whose sentence names `field`. */
async function refused(path: string, body: string, field: string, code?: string): Promise<void> {
  const a = await server.api('POST', path, body);
  expect(a.status, `${path} ${body.slice(0, 80)} → ${a.text}`).toBe(400);
  expectRefused(a, 400, code);
  expect(a.json.error, body.slice(0, 80)).toContain(field);
}

const team = (name: unknown) => JSON.stringify({ home: { name }, away: { name: 'B' } });
const create = (extra: Record<string, unknown>) =>
  JSON.stringify({ home: { name: 'A' }, away: { name: 'B' }, ...extra });

describe('creating a game', () => {
  it('refuses unknown fields, at the top and inside, naming them', async () => {
    await refused('/api/games', create({ colour: 'red' }), 'colour', 'unknown_field');
    await refused(
      '/api/games',
      '{"home":{"name":"A","nick":"x"},"away":{"name":"B"}}',
      'nick',
      'unknown_field',
    );
    await refused('/api/games', create({ rules: { target: 21, wash: 1 } }), 'wash', 'unknown_field');
  });

  it('refuses missing fields and wrong types, naming the field', async () => {
    await refused('/api/games', '{"away":{"name":"B"}}', 'home', 'missing_field');
    await refused('/api/games', '{"home":{},"away":{"name":"B"}}', 'home.name', 'missing_field');
    await refused('/api/games', '{"home":"A","away":{"name":"B"}}', 'home', 'wrong_type');
    await refused('/api/games', team(123), 'home.name', 'wrong_type');
    await refused('/api/games', team(['A']), 'home.name', 'wrong_type');
    await refused('/api/games', team(null), 'home.name', 'wrong_type');
    await refused('/api/games', create({ board: '3' }), 'board', 'wrong_type');
    await refused('/api/games', create({ rules: { cancellation: 'yes' } }), 'rules.cancellation');
  });

  it('refuses an array, a string, a number or null instead of an object', async () => {
    for (const body of ['[]', '[{"home":{"name":"A"}}]', '"game"', '42', 'null', 'true']) {
      await refused('/api/games', body, 'body', 'wrong_type');
    }
  });

  it('refuses negative, fractional, huge, infinite and NaN-like numbers', async () => {
    for (const board of ['-1', '0', '1.5', '65', '1e9', '1e400', '-1e400', '"NaN"', '"Infinity"', '"1"']) {
      await refused('/api/games', `{"home":{"name":"A"},"away":{"name":"B"},"board":${board}}`, 'board');
    }
    for (const target of ['-21', '0', '1e6', '21.5', '"21"', '1e400']) {
      await refused(
        '/api/games',
        `{"home":{"name":"A"},"away":{"name":"B"},"rules":{"target":${target}}}`,
        'rules.target',
      );
    }
  });

  it('keeps names to 1–40 printable characters and teams to two players', async () => {
    await refused('/api/games', team(''), 'home.name');
    await refused('/api/games', team('   '), 'home.name');
    await refused('/api/games', team('x'.repeat(41)), 'home.name');
    for (const bad of [
      'A\u0000B',
      'line\nbreak',
      'tab\there',
      'bell\u0007',
      'esc\u001b[31m',
      'rlo\u202eevil',
    ]) {
      await refused('/api/games', team(bad), 'home.name');
    }
    await refused('/api/games', create({ away: { name: 'B', players: ['a', 'b', 'c'] } }), 'away.players');
    await refused('/api/games', create({ away: { name: 'B', players: ['x'.repeat(41)] } }), 'away.players.0');
  });

  it('accepts a 40-character name, accents and emoji (the control)', async () => {
    const a = await server.api('POST', '/api/games', {
      home: { name: 'x'.repeat(40) },
      away: { name: 'Les Bérets 🎯' },
    });
    expect(a.status).toBe(201);
    expect(a.json.away.name).toBe('Les Bérets 🎯');
    listBefore = (await server.get('/api/games')).text;
  });
});

describe('prototype-pollution keys', () => {
  it('refuses __proto__, constructor and prototype as unknown fields and pollutes nothing', async () => {
    const bodies = [
      '{"home":{"name":"A"},"away":{"name":"B"},"__proto__":{"polluted":1}}',
      '{"home":{"name":"A","__proto__":{"polluted":1}},"away":{"name":"B"}}',
      '{"home":{"name":"A"},"away":{"name":"B"},"rules":{"__proto__":{"target":1,"polluted":1}}}',
      '{"home":{"name":"A"},"away":{"name":"B"},"constructor":{"prototype":{"polluted":1}}}',
      '{"home":{"name":"A"},"away":{"name":"B"},"prototype":{"polluted":1}}',
    ];
    for (const body of bodies) {
      const a = await server.api('POST', '/api/games', body);
      expectRefused(a, 400, 'unknown_field');
      expect(a.json.error).toMatch(/__proto__|constructor|prototype/);
    }
    const throws = `/api/games/${gameId}/throws`;
    await refused(throws, '{"side":"home","result":"hole","__proto__":{"side":"away"}}', '__proto__');
    await refused(throws, '{"side":"home","result":"hole","constructor":{}}', 'constructor');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).target).toBeUndefined();
  });
});

describe('recording bags, rounds and undo', () => {
  const throws = () => `/api/games/${gameId}/throws`;
  const rounds = () => `/api/games/${gameId}/rounds`;
  const undo = () => `/api/games/${gameId}/undo`;

  it('refuses a misspelt expectedVersion instead of ignoring it', async () => {
    await refused(throws(), '{"side":"home","result":"hole","expectdVersion":0}', 'expectdVersion');
    await refused(undo(), '{"expected_version":0}', 'expected_version', 'unknown_field');
  });

  it('refuses bad sides, results and expectedVersion values', async () => {
    await refused(throws(), '{"side":"HOME","result":"hole"}', 'side', 'invalid_value');
    await refused(throws(), '{"side":"home","result":"ringer"}', 'result', 'invalid_value');
    await refused(throws(), '{"side":"home"}', 'result', 'missing_field');
    for (const v of ['-1', '1.5', '"1"', '1e300', '1e400', 'null', '[]', '{}']) {
      await refused(throws(), `{"side":"home","result":"hole","expectedVersion":${v}}`, 'expectedVersion');
    }
    await refused(undo(), '{"expectedVersion":"NaN"}', 'expectedVersion');
    await refused(undo(), '[]', 'body', 'wrong_type');
  });

  it('refuses impossible rounds', async () => {
    const round = (home: string) => `{"home":${home},"away":{"hole":0,"board":0}}`;
    await refused(rounds(), round('{"hole":5,"board":0}'), 'home.hole');
    await refused(rounds(), round('{"hole":3,"board":2}'), 'home');
    await refused(rounds(), round('{"hole":-1,"board":0}'), 'home.hole');
    await refused(rounds(), round('{"hole":"2","board":0}'), 'home.hole', 'wrong_type');
    await refused(rounds(), round('{"hole":1e400,"board":0}'), 'home.hole');
    await refused(rounds(), round('{"hole":1}'), 'home.board', 'missing_field');
    await refused(rounds(), round('[1,0]'), 'home', 'wrong_type');
  });

  it('refuses malformed JSON, deep nesting and bodies that are not JSON', async () => {
    for (const body of ['{', '{"side":}', "{'side':'home'}", '{"side":"home",}', 'NaN', '\u0000']) {
      const a = await server.api('POST', throws(), body);
      expectRefused(a, 400, 'malformed_json');
    }
    const deep = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
    expectRefused(await server.api('POST', throws(), deep), 400);
    const form = await server.api('POST', throws(), 'side=home&result=hole', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expectRefused(form, 400, 'bad_content_type');
  });
});

describe('headers and URL parameters', () => {
  it('refuses an Idempotency-Key that is too long or not printable', async () => {
    for (const key of ['k'.repeat(201), 'two words', 'é'.repeat(3)]) {
      const a = await raw(server.url, `/api/games/${gameId}/undo`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TEST_PIN}`, 'Idempotency-Key': key },
      });
      expectRefused(a, 400, 'bad_idempotency_key');
      expect(a.json.error).toContain('Idempotency-Key');
    }
  });

  it('answers 404 for ids and board numbers that are not ours, never 500', async () => {
    const ids = [
      'nosuchgame',
      'x'.repeat(65),
      '..%2F..%2Fetc',
      '%00',
      '__proto__',
      'constructor',
      '1%20OR%201',
      '%E0%A4%A',
    ];
    for (const id of ids) {
      for (const path of [`/api/games/${id}/state`, `/games/${id}/scoreboard`, `/games/${id}/events`]) {
        expectRefused(await server.get(path, { Accept: 'application/json' }), 404, 'not_found');
      }
      expectRefused(await server.api('POST', `/api/games/${id}/undo`), 404, 'not_found');
    }
    for (const n of ['abc', '-1', '0', '1.5', '99999999999999999999', 'NaN', 'Infinity']) {
      expectRefused(await server.get(`/boards/${n}`), 404, 'not_found');
    }
  });

  it('treats a nonsense stream position as “behind” and sends the current state', async () => {
    for (const q of ['?since=abc', '?since=-5', '?since=1e309', '?since=__proto__']) {
      const a = await raw(server.url, `/games/${gameId}/events${q}`, {
        headers: { Accept: 'text/event-stream' },
        headOnly: true,
      });
      expect(a.status, q).toBe(200);
    }
  });

  it('refuses a board count that is not a whole number from 1 to 64', async () => {
    for (const count of ['abc', '0', '65', '-3', '', '2.5', 'NaN', 'Infinity']) {
      const a = await raw(server.url, '/host/boards', {
        method: 'POST',
        headers: {
          // The board count is the organiser's.
          Authorization: `Bearer ${server.organiserPin()}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: `count=${encodeURIComponent(count)}`,
      });
      expectRefused(a, 400, 'bad_board_count');
    }
  });
});
