// Shared by the islands that follow a game: the live state, merged from `state` events that bubble
// up from the page's stream element; an older or equal version never replaces a newer one.
import type { LiveState } from '../../server/domain/types.js';

export function parseState(raw: string | undefined): LiveState | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as LiveState;
  } catch {
    return null;
  }
}

/** A waiting game's place in its board's line, as text to compare (it changes without a version). */
export function placeKey(s: LiveState): string {
  return JSON.stringify(s.queue ?? null);
}

/**
 * The newer of two states by version; stale or out-of-order events never move a screen backwards.
 * At the same version, a state whose place in a line differs is the newer one: a game's place (or its
 * start) is sent again under the version it already has.
 */
export function newer(current: LiveState | null, next: LiveState | null): LiveState | null {
  if (!next) return current;
  if (!current || next.id !== current.id) return next;
  if (next.version === current.version) return placeKey(next) === placeKey(current) ? current : next;
  return next.version > current.version ? next : current;
}

export function onState(el: HTMLElement, apply: (s: LiveState) => void): void {
  const source = el.closest('[hx-sse\\:connect]') ?? window;
  source.addEventListener('state', (e) => {
    const next = parseState((e as CustomEvent<{ data?: string }>).detail?.data);
    if (next) apply(next);
  });
}

export function bagsText(c: { hole: number; board: number; miss: number }): string {
  return `${c.hole} in · ${c.board} on · ${c.miss} off`;
}

export function heading(s: LiveState): string {
  if (s.status === 'final') return s.winner ? `${s[s.winner].name} win` : 'Final';
  return `Round ${s.round.number}`;
}

/**
 * Where a finished pad's keeper goes next: their board's card on the boards page, whose "Start next
 * game" is on top once the game is over (a friendly game's keeper, the boards).
 */
export function nextGameHref(board: number | null): string {
  return board === null ? '/' : `/#board-${board}`;
}

/** What every game island shows of its state, as getters Alpine can track. */
export interface ScoreView {
  readonly heading: string;
  readonly homeName: string;
  readonly awayName: string;
  readonly homeScore: number;
  readonly awayScore: number;
}

const scoreGetters = {
  get heading(): string {
    const s = (this as unknown as { state: LiveState | null }).state;
    return s ? heading(s) : '';
  },
  get homeName(): string {
    return (this as unknown as { state: LiveState | null }).state?.home.name ?? '';
  },
  get awayName(): string {
    return (this as unknown as { state: LiveState | null }).state?.away.name ?? '';
  },
  get homeScore(): number {
    return (this as unknown as { state: LiveState | null }).state?.home.score ?? 0;
  },
  get awayScore(): number {
    return (this as unknown as { state: LiveState | null }).state?.away.score ?? 0;
  },
};

/** Adds the score getters to an island's data (as getters: a spread would copy frozen values). */
export function withScoreView<T extends { state: LiveState | null }>(island: T): T & ScoreView {
  return Object.defineProperties(island, Object.getOwnPropertyDescriptors(scoreGetters)) as T & ScoreView;
}
