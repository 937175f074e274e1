// The TV wall: after every swap it compares each board's card with what that board showed before and
// highlights only a real change: the side that scored (with its "+N"), or a distinct game-end flash.
// While its stream is down the wall dims under one line saying how old its scores are.
// Hours on a venue TV: a few listeners, and one remembered entry per board on screen, nothing more.
import type { Side } from '../../server/domain/types.js';
import type { ConnectionDetail } from '../live.js';

export interface CardSeen {
  game: string;
  status: string;
  home: number;
  away: number;
}

export type CardChange =
  { kind: 'score'; gains: Partial<Record<Side, number>> } | { kind: 'final' } | { kind: 'corrected' } | null;

export function readCard(card: HTMLElement): CardSeen | null {
  const d = card.dataset;
  if (!d.game) return null;
  return { game: d.game, status: d.status ?? '', home: Number(d.home), away: Number(d.away) };
}

/** What changed on one board between two looks; a different game on the board is not a highlight. */
export function compare(before: CardSeen | undefined, after: CardSeen | null): CardChange {
  if (!before || !after || before.game !== after.game) return null;
  if (after.status === 'final' && before.status !== 'final') return { kind: 'final' };
  const gains: Partial<Record<Side, number>> = {};
  if (after.home > before.home) gains.home = after.home - before.home;
  if (after.away > before.away) gains.away = after.away - before.away;
  if (gains.home || gains.away) return { kind: 'score', gains };
  // An undo took points back (or reopened a finished game): a quiet flash, no "+N".
  if (after.home !== before.home || after.away !== before.away || after.status !== before.status) {
    return { kind: 'corrected' };
  }
  return null;
}

/**
 * Marks a card that just changed. Its next refresh morphs it back to the server's markup (classes and
 * children), so neither classes nor "+N" badges accumulate.
 */
export function highlight(card: HTMLElement, change: CardChange): void {
  if (!change) return;
  // The morph put back the server's classes; a reflow lets the same animation run again.
  card.classList.remove('flash-score', 'flash-corrected', 'flash-final');
  void card.offsetWidth;
  if (change.kind === 'final') {
    card.classList.add('flash-final');
    return;
  }
  card.classList.add(change.kind === 'score' ? 'flash-score' : 'flash-corrected');
  if (change.kind !== 'score') return;
  for (const side of ['home', 'away'] as const) {
    const gain = change.gains[side];
    const row = card.querySelector(`.card-team-${side}`);
    if (!gain || !row) continue;
    row.classList.add('scored');
    const badge = document.createElement('span');
    badge.className = 'delta';
    badge.textContent = `+${gain}`;
    row.append(badge);
  }
}

/** Seconds or minutes, as read across a room: "20 s ago", "3 min ago". */
export function age(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ago` : `${Math.floor(m / 60)} h ago`;
}

/** The wall's one line while its scores may be out of date. */
export function staleLine(status: string, ms: number): string {
  return `${status === 'offline' ? 'Offline' : 'Reconnecting'} — scores from ${age(ms)}`;
}

interface SwapDetail {
  tasks?: Array<{ type?: string; fragment?: DocumentFragment; target?: unknown }>;
}

interface Wall {
  $el: HTMLElement;
  status: string;
  staleSince: number;
  now: number;
}

export function tvWall() {
  let ticker: ReturnType<typeof setInterval> | undefined;
  return {
    status: 'connecting',
    /** When the scores stopped being live: the moment the stream dropped, or the page load. */
    staleSince: 0,
    now: 0,
    get stale(): boolean {
      return this.status === 'reconnecting' || this.status === 'offline';
    },
    get staleLine(): string {
      return this.stale ? staleLine(this.status, this.now - this.staleSince) : '';
    },
    init(this: Wall) {
      const wall = this.$el;
      const loadedAt = Date.now();
      let everLive = false;
      window.addEventListener('bagtrax:connection', (e) => {
        const { status } = (e as CustomEvent<ConnectionDetail>).detail;
        const wasStale = this.status === 'reconnecting' || this.status === 'offline';
        const stale = status === 'reconnecting' || status === 'offline';
        if (status === 'live') everLive = true;
        if (stale && !wasStale) this.staleSince = everLive ? Date.now() : loadedAt;
        this.status = status;
        this.now = Date.now();
        if (stale) wall.dataset.stale = '';
        else delete wall.dataset.stale;
        // The age counts up every second while stale; a live wall runs no timer at all.
        if (stale && !ticker) ticker = setInterval(() => (this.now = Date.now()), 1000);
        if (!stale && ticker) {
          clearInterval(ticker);
          ticker = undefined;
        }
      });
      // Per board on screen: what it showed, and the last markup the server sent for it.
      const seen = new Map<string, CardSeen>();
      const served = new Map<string, string>();
      const scan = (flash: boolean): void => {
        const present = new Set<string>();
        wall.querySelectorAll<HTMLElement>('.card[id]').forEach((card) => {
          present.add(card.id);
          const now = readCard(card);
          if (flash) highlight(card, compare(seen.get(card.id), now));
          if (now) seen.set(card.id, now);
          else seen.delete(card.id);
        });
        for (const id of seen.keys()) if (!present.has(id)) seen.delete(id);
        for (const id of served.keys()) if (!present.has(id)) served.delete(id);
      };
      scan(false);
      // Two quick writes often bring the same card twice: the second morph would only wipe the
      // highlight of the first, so an identical card is not swapped at all.
      wall.addEventListener('htmx:before:swap', (e) => {
        const main = (e as CustomEvent<SwapDetail>).detail?.tasks?.find((t) => t.type === 'main');
        const target = main?.target;
        const markup = main?.fragment?.firstElementChild?.outerHTML;
        if (!(target instanceof HTMLElement) || !target.classList.contains('card') || !markup) return;
        if (served.get(target.id) === markup) e.preventDefault();
        else served.set(target.id, markup);
      });
      wall.addEventListener('htmx:after:swap', () => scan(true));
    },
  };
}
