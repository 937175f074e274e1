// Boards and their queues: a game made for a busy board waits, the host starts the next one, and
// the board count bounds which boards exist.
import { describe, expect, it } from 'vitest';
import type { Command } from '../../server/domain/index.js';
import { created, openGames, steppingClock, teams, tempDataDir } from './store/helpers.js';

const homeFourBagger: Command = { type: 'round', home: { hole: 4, board: 0 }, away: { hole: 0, board: 0 } };

function setup() {
  const games = openGames(tempDataDir(), { now: steppingClock() });
  const create = (board: number | null, home = 'H', away = 'A') =>
    created(games, { ...teams(home, away), board });
  const finish = (id: string) => {
    games.command(id, homeFourBagger);
    return games.command(id, homeFourBagger);
  };
  return { games, create, finish };
}

describe('Games boards', () => {
  it('starts a game on a free board at once and queues one for a board with a live game', () => {
    const { games, create } = setup();
    const first = create(1, 'First', 'One');
    const waiting = create(1, 'Second', 'Two');
    const list = games.list();
    expect(list.find((g) => g.id === first.id)?.startedAt).not.toBeNull();
    expect(list.find((g) => g.id === waiting.id)?.startedAt).toBeNull();
    expect(games.boards()[0]).toMatchObject({
      number: 1,
      current: { id: first.id },
      queue: [{ id: waiting.id, home: { name: 'Second' }, away: { name: 'Two' } }],
      lastFinished: null,
    });
  });

  it('refuses bags for a queued game with 409 not_started and its state', () => {
    const { games, create } = setup();
    create(2);
    const waiting = create(2);
    const result = games.command(waiting.id, { type: 'throw', side: 'home', result: 'hole' });
    expect(result).toMatchObject({
      kind: 'refused',
      answer: { status: 409, code: 'not_started', state: { id: waiting.id, version: 0 } },
    });
    expect(result.answer.ok || result.answer.error).toContain('waiting for board 2');
  });

  it('keeps a finished game on its board until the host starts the next one', () => {
    const { games, create, finish } = setup();
    const first = create(1);
    const second = create(1);
    expect(games.startNext(1)).toMatchObject({
      kind: 'refused',
      answer: { status: 409, code: 'board_busy', state: { id: first.id } },
    });
    finish(first.id);
    expect(games.boards()[0]).toMatchObject({
      current: { id: first.id, status: 'final' },
      queue: [{ id: second.id }],
    });

    const started = games.startNext(1);
    expect(started).toMatchObject({
      kind: 'accepted',
      answer: { status: 200, state: { id: second.id } },
      change: { kind: 'started', board: 1, gameId: second.id },
    });
    expect(games.boards()[0]).toMatchObject({
      current: { id: second.id },
      queue: [],
      lastFinished: { id: first.id },
    });
    expect(games.command(second.id, homeFourBagger).answer.status).toBe(200);
  });

  it('queues a new game behind waiting ones even when the board has just finished', () => {
    const { games, create, finish } = setup();
    const first = create(1);
    const second = create(1);
    finish(first.id);
    const third = create(1);
    expect(games.boards()[0]?.queue.map((q) => q.id)).toEqual([second.id, third.id]);
  });

  it('answers startNext on a board with nobody waiting with 409 queue_empty', () => {
    const { games, create, finish } = setup();
    finish(create(1).id);
    expect(games.startNext(1).answer).toMatchObject({ status: 409, code: 'queue_empty' });
    expect(games.startNext(2).answer).toMatchObject({ status: 409, code: 'queue_empty', state: null });
  });

  it('refuses boards outside 1..boardCount with 400 bad_board, and games without a board start at once', () => {
    const { games, create } = setup();
    expect(games.boardCount()).toBe(4);
    for (const board of [0, 5, 1.5, -1]) {
      expect(games.create({ ...teams(), board }).answer).toMatchObject({ status: 400, code: 'bad_board' });
      expect(games.startNext(board).answer).toMatchObject({ status: 400, code: 'bad_board' });
    }
    const loose = create(null);
    expect(games.list().find((g) => g.id === loose.id)?.startedAt).not.toBeNull();
    expect(games.command(loose.id, homeFourBagger).answer.status).toBe(200);
  });

  it('changes the board count within 1..64 and reports it as a venue change', () => {
    const { games } = setup();
    const seq = games.venueSeq();
    const change = games.setBoardCount(6);
    expect(change).toMatchObject({ kind: 'boards', venueSeq: seq + 1 });
    expect(games.boardCount()).toBe(6);
    expect(games.boards().map((b) => b.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(games.create({ ...teams(), board: 6 }).answer.status).toBe(201);
    expect(() => games.setBoardCount(0)).toThrow(RangeError);
    expect(() => games.setBoardCount(65)).toThrow(RangeError);
  });

  it('moves the venue sequence on with every change', () => {
    const { games, create } = setup();
    const start = games.venueSeq();
    const a = create(1);
    const write = games.command(a.id, homeFourBagger);
    expect(write).toMatchObject({ change: { venueSeq: start + 2 } });
    expect(games.command(a.id, { type: 'undo' })).toMatchObject({ change: { venueSeq: start + 3 } });
    // A refusal changes nothing.
    games.command('missing', { type: 'undo' });
    expect(games.venueSeq()).toBe(start + 3);
  });
});
