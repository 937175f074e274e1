// What a keeper's tap is on the wire and on the phone: the tap, its outbox record, the request it
// makes, reading both back from storage, and the bags that changed on the server under a batch of taps.
import type { BagResult, ClosedRound, LiveState, RoundCount, Side } from '../server/domain/types.js';

export type Tap =
  | { kind: 'throw'; side: Side; result: BagResult }
  | { kind: 'round'; home: RoundCount; away: RoundCount }
  | { kind: 'undo' };

/** One tap on its way: everything needed to send it again, byte for byte, after a reload. */
export interface OutboxRecord {
  key: string;
  /** The version this tap is based on: what the keeper saw, plus its place in the queue. */
  expectedVersion: number;
  method: 'POST';
  path: string;
  body: Record<string, unknown>;
  tap: Tap;
  tappedAt: number;
}

/** A bag that changed on the server under the keeper's taps; `count` < 0 when it was taken back. */
export interface BagChange {
  side: Side;
  result: BagResult;
  count: number;
}

const PATHS = { throw: 'throws', round: 'rounds', undo: 'undo' } as const;

export function tapPath(gameId: string, tap: Tap): string {
  return `/api/games/${encodeURIComponent(gameId)}/${PATHS[tap.kind]}`;
}

export function tapBody(tap: Tap, expectedVersion: number): Record<string, unknown> {
  if (tap.kind === 'throw') return { side: tap.side, result: tap.result, expectedVersion };
  if (tap.kind === 'round') return { home: tap.home, away: tap.away, expectedVersion };
  return { expectedVersion };
}

/** A state without its round history (what the pad keeps and stores). */
export function liveOf(state: unknown): LiveState | null {
  if (!state || typeof state !== 'object' || typeof (state as LiveState).version !== 'number') return null;
  const { rounds: _rounds, ...live } = state as LiveState & { rounds?: unknown };
  return live as LiveState;
}

/**
 * The bags that changed between `base` (what the taps were based on) and `now` (a 409's state, with
 * its round history); null when it cannot be told bag by bag (an undo back past the base's round).
 */
export function bagsBetween(
  base: LiveState,
  now: LiveState & { rounds?: ClosedRound[] },
): BagChange[] | null {
  if (base.id !== now.id) return null;
  const from = base.round.number;
  if (now.round.number < from) return null;
  if (now.round.number > from && !Array.isArray(now.rounds)) return null;
  const counted = [...(now.rounds ?? []).filter((r) => r.number >= from), now.round];
  const changes: BagChange[] = [];
  for (const side of ['home', 'away'] as const) {
    for (const result of ['hole', 'board', 'miss'] as const) {
      const total = counted.reduce((n, r) => n + r[side][result], 0);
      const count = total - base.round[side][result];
      if (count !== 0) changes.push({ side, result, count });
    }
  }
  return changes;
}

/** A tap as stored by this pad or the one before it, cleaned of anything else; null when it is not one. */
export function tapOf(raw: unknown): Tap | null {
  const t = raw as Record<string, unknown> | null;
  if (!t || typeof t !== 'object') return null;
  const side = t.side === 'home' || t.side === 'away' ? t.side : null;
  const count = (c: unknown): RoundCount | null => {
    const x = c as RoundCount | null;
    return x && Number.isInteger(x.hole) && Number.isInteger(x.board)
      ? { hole: x.hole, board: x.board }
      : null;
  };
  if (t.kind === 'undo') return { kind: 'undo' };
  if (t.kind === 'throw' && side && (t.result === 'hole' || t.result === 'board' || t.result === 'miss')) {
    return { kind: 'throw', side, result: t.result };
  }
  const home = count(t.home);
  const away = count(t.away);
  if (t.kind === 'round' && home && away) return { kind: 'round', home, away };
  return null;
}

export function isRecord(r: unknown): r is OutboxRecord {
  const x = r as OutboxRecord;
  return (
    !!x &&
    typeof x.key === 'string' &&
    typeof x.expectedVersion === 'number' &&
    typeof x.path === 'string' &&
    !!x.body &&
    typeof x.body === 'object' &&
    tapOf(x.tap) !== null
  );
}
