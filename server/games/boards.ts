// How games share a board: one game is on the board (the latest started, live or just finished),
// the others wait in lane order (creation order, unless the organiser reordered the line or a game
// moved in) until a keeper starts the next. Pure, on the store's rows.
import type { QueueSpot } from '../domain/index.js';
import type { GameRecord } from '../store/index.js';

export const DEFAULT_BOARD_COUNT = 4;
export const MAX_BOARDS = 64;
export const BOARD_COUNT_SETTING = 'boardCount';

export interface BoardSlots {
  /** The latest started game: live, or final and still shown until the next one starts. */
  current: GameRecord | null;
  /** Games created for this board and not started yet, first in line first. */
  queue: GameRecord[];
  /** The most recently finished game other than the current one. */
  lastFinished: GameRecord | null;
}

/** `records` are the board's games, in any order: lanes order them. */
export function boardSlots(records: readonly GameRecord[]): BoardSlots {
  const ordered = [...records].sort((a, b) => a.lane - b.lane);
  const started = ordered.filter((r) => r.startedAt !== null);
  const current = started[started.length - 1] ?? null;
  let lastFinished: GameRecord | null = null;
  for (const r of started) {
    if (r === current || r.status !== 'final') continue;
    // Later finish wins; among equal times the later lane.
    if (lastFinished === null || (r.finishedAt ?? '') >= (lastFinished.finishedAt ?? '')) lastFinished = r;
  }
  return { current, queue: ordered.filter((r) => r.startedAt === null), lastFinished };
}

/** A new game starts at once only when nothing plays on its board and nobody is waiting before it. */
export function startsAtOnce(slots: BoardSlots): boolean {
  return slots.queue.length === 0 && slots.current?.status !== 'live';
}

/** Where game `id` waits among `records` (its board's games), or null when it is not in the line. */
export function queueSpot(records: readonly GameRecord[], id: string, board: number): QueueSpot | null {
  const slots = boardSlots(records);
  const i = slots.queue.findIndex((r) => r.id === id);
  if (i < 0) return null;
  const c = slots.current;
  const playing = c !== null && c.status === 'live' ? { home: c.homeName, away: c.awayName } : null;
  return { board, position: i + 1, playing };
}

export function isBoardNumber(board: unknown, count: number): board is number {
  return typeof board === 'number' && Number.isInteger(board) && board >= 1 && board <= count;
}

export function parseBoardCount(value: string | null): number {
  const n = value === null ? NaN : Number(value);
  return Number.isInteger(n) && n >= 1 && n <= MAX_BOARDS ? n : DEFAULT_BOARD_COUNT;
}
