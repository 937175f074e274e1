// What a game's page says above everything else when the game is not in play: it waits in its board's
// line ("Up next on board 3"; on the pad, "Board 3 is playing A vs B; you're next"), or the organiser
// removed it (until a restore). Follows the page's stream: a new place in the line arrives under the
// same version.
import type { LiveState, QueueSpot } from '../../server/domain/types.js';
import type { ConnectionDetail } from '../live.js';
import { newer, onState, parseState } from './live-state.js';
import { boardText, waitingLine, waitingTitle, type NoticeVariant } from './queue-words.js';

export type { NoticeVariant };

export function gameNotice() {
  return {
    state: null as LiveState | null,
    variant: 'game' as NoticeVariant,
    removed: false,
    get queue(): QueueSpot | null {
      return this.removed ? null : (this.state?.queue ?? null);
    },
    get hidden(): boolean {
      return !this.removed && this.queue === null;
    },
    get title(): string {
      if (this.removed) return 'This game was removed by the organiser';
      return this.queue ? waitingTitle(this.queue) : '';
    },
    get line(): string {
      if (this.removed) return 'It is no longer on any screen. The other games are on the boards page.';
      return this.queue ? waitingLine(this.queue, this.variant) : '';
    },
    /** The pad's own button for a board that is free with this game first in line. */
    get canStart(): boolean {
      const q = this.queue;
      return this.variant === 'pad' && q !== null && q.position === 1 && q.playing === null;
    },
    get tone(): string {
      return this.removed ? 'removed' : 'waiting';
    },
    init(this: {
      state: LiveState | null;
      variant: NoticeVariant;
      removed: boolean;
      $el: HTMLElement;
      refresh(): Promise<void>;
    }) {
      this.state = parseState(this.$el.dataset.state);
      this.variant = this.$el.dataset.variant === 'pad' ? 'pad' : 'game';
      onState(this.$el, (next) => {
        this.state = newer(this.state, next);
      });
      window.addEventListener('bagtrax:connection', (e) => {
        const d = (e as CustomEvent<ConnectionDetail>).detail;
        // Removed, and back once the organiser restores it (renderer/live.ts then sends its state).
        this.removed = d.status === 'gone';
        // Back after a break: a place that changed meanwhile came under no new version, so ask.
        if (d.status === 'live' && this.state?.queue) void this.refresh();
      });
    },
    async refresh(this: { state: LiveState | null }) {
      const id = this.state?.id;
      if (!id) return;
      try {
        const res = await fetch(`/api/games/${encodeURIComponent(id)}/state`, { cache: 'no-store' });
        if (res.ok) this.state = newer(this.state, (await res.json()) as LiveState);
      } catch {
        // offline: the stream brings the next change
      }
    },
  };
}

/** The game page's "Board 3": follows the game to another board (an edit is a new version). */
export function gameWhere() {
  return {
    board: null as number | null,
    version: -1,
    get label(): string {
      return boardText(this.board);
    },
    init(this: { board: number | null; version: number; $el: HTMLElement }) {
      const raw = this.$el.dataset.board ?? '';
      this.board = raw === '' ? null : Number(raw);
      onState(this.$el, (next) => {
        if (next.version < this.version) return;
        this.version = next.version;
        this.board = next.board;
      });
    },
  };
}
