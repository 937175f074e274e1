// The words for a game that waits in its board's line, shared by the server's first render of the
// notice (server/views/partials/game-notice.ts) and the island that keeps it current: pure, no DOM.
import type { QueueSpot } from '../../server/domain/types.js';

export type NoticeVariant = 'game' | 'pad';

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  return `${n}${teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;
}

/** The notice's heading for a waiting game. */
export function waitingTitle(q: QueueSpot): string {
  return q.position === 1
    ? `Up next on board ${q.board}`
    : `${ordinal(q.position)} in line for board ${q.board}`;
}

/** The line under it: what the board plays now, and how far away this game is. */
export function waitingLine(q: QueueSpot, variant: NoticeVariant): string {
  const before = q.position - 1;
  const wait =
    before === 0
      ? variant === 'pad'
        ? "you're next"
        : 'this game is next'
      : `${before} ${before === 1 ? 'game' : 'games'} before ${variant === 'pad' ? 'yours' : 'this one'}`;
  if (q.playing) return `Board ${q.board} is playing ${q.playing.home} vs ${q.playing.away}; ${wait}.`;
  if (before > 0) return `Board ${q.board} is free; ${wait}.`;
  return variant === 'pad'
    ? `Board ${q.board} is free: start this game when both teams are there.`
    : `Board ${q.board} is free: this game starts as soon as a keeper starts it.`;
}

/** Where a game is played, as its page's heading says it. */
export function boardText(board: number | null): string {
  return board === null ? 'Friendly game' : `Board ${board}`;
}
