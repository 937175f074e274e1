// The keeper's pad: every tap is queued with its own Idempotency-Key and sent in order; a tap that
// meets a network error is retried with the same key until the server answers, so it counts once.
// Pending taps stay visible (and survive a reload); a refusal is explained and the pad adopts the
// state the server sent back.
import type { BagResult, LiveState, Side } from '../../server/domain/types.js';
import { newer, onState, parseState, withScoreView } from './live-state.js';

export type Op =
  | { kind: 'throw'; key: string; side: Side; result: BagResult }
  | {
      kind: 'round';
      key: string;
      home: { hole: number; board: number };
      away: { hole: number; board: number };
    }
  | { kind: 'undo'; key: string };

const SIDE_NAMES = { home: 'homeName', away: 'awayName' } as const;
const RESULT_WORDS: Record<BagResult, string> = { hole: 'In', board: 'On', miss: 'Off' };

/** A pending tap as the keeper sees it in the chips under the pad ("Bag Daddies · In"). */
export function opLabel(op: Op, state: LiveState | null): string {
  if (op.kind === 'undo') return 'Undo';
  if (op.kind === 'round') return 'Whole round';
  return `${state?.[op.side].name ?? op.side} · ${RESULT_WORDS[op.result]}`;
}

export function opPath(op: Op): string {
  return op.kind === 'throw' ? 'throws' : op.kind === 'round' ? 'rounds' : 'undo';
}

export function opBody(op: Op, expectedVersion: number): Record<string, unknown> {
  if (op.kind === 'throw') return { side: op.side, result: op.result, expectedVersion };
  if (op.kind === 'round') return { home: op.home, away: op.away, expectedVersion };
  return { expectedVersion };
}

/** Bags a side has left this round once the pending taps land. */
export function bagsLeftAfter(state: LiveState, pending: Op[], side: Side): number {
  const c = state.round[side];
  const queued = pending.filter((o) => o.kind === 'throw' && o.side === side).length;
  return Math.max(0, 4 - c.hole - c.board - c.miss - queued);
}

function newKey(): string {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

function buzz(ms: number): void {
  if ('vibrate' in navigator) navigator.vibrate(ms);
}

interface Pad {
  gameId: string;
  state: LiveState | null;
  pending: Op[];
  sending: boolean;
  message: string;
  tone: 'info' | 'error';
  $el: HTMLElement;
  enqueue(op: Op): void;
  pump(): Promise<void>;
  save(): void;
}

export function keeperPad() {
  return withScoreView({
    gameId: '',
    state: null as LiveState | null,
    pending: [] as Op[],
    sending: false,
    message: '',
    tone: 'info' as 'info' | 'error',
    get homeLeft() {
      return this.state ? bagsLeftAfter(this.state, this.pending, 'home') : 0;
    },
    get awayLeft() {
      return this.state ? bagsLeftAfter(this.state, this.pending, 'away') : 0;
    },
    get homeLeftWord() {
      return this.homeLeft === 1 ? 'bag' : 'bags';
    },
    get awayLeftWord() {
      return this.awayLeft === 1 ? 'bag' : 'bags';
    },
    get locked() {
      return this.state?.status === 'final';
    },
    get cannotUndo() {
      return !this.state || this.state.version === 0;
    },
    get pendingCount() {
      return this.pending.length;
    },
    get pendingChips() {
      return this.pending.map((op) => ({
        key: op.key,
        kind: op.kind === 'throw' ? op.result : op.kind,
        label: opLabel(op, this.state),
      }));
    },
    get pendingLabel() {
      return this.pending.length === 1 ? 'tap' : 'taps';
    },

    init(this: Pad) {
      this.gameId = this.$el.dataset.game ?? '';
      this.state = parseState(this.$el.dataset.state);
      this.$el.dataset.version = String(this.state?.version ?? '');
      try {
        const saved = JSON.parse(localStorage.getItem(`bagtrax:pending:${this.gameId}`) ?? '[]') as Op[];
        if (Array.isArray(saved)) this.pending = saved;
      } catch {
        this.pending = [];
      }
      onState(this.$el, (next) => {
        this.state = newer(this.state, next);
        this.$el.dataset.version = String(this.state?.version ?? '');
      });
      window.addEventListener('online', () => void this.pump());
      void this.pump();
    },

    tap(this: Pad & { homeLeft: number; awayLeft: number }, e: Event) {
      const btn = e.currentTarget as HTMLElement;
      const side = btn.dataset.side as Side;
      const result = btn.dataset.result as BagResult;
      if (!this.state) return;
      if ((side === 'home' ? this.homeLeft : this.awayLeft) === 0) {
        this.tone = 'error';
        this.message = `${this.state[side].name} have thrown all four bags this round.`;
        buzz(60);
        return;
      }
      buzz(15);
      this.message = '';
      this.enqueue({ kind: 'throw', key: newKey(), side, result });
    },

    undo(this: Pad) {
      buzz(15);
      this.message = '';
      this.enqueue({ kind: 'undo', key: newKey() });
    },

    submitRound(this: Pad, e: Event) {
      e.preventDefault();
      const form = e.currentTarget as HTMLFormElement;
      const read = (side: Side) => {
        const get = (kind: string) =>
          Number(
            (form.querySelector(`[data-side="${side}"][data-kind="${kind}"]`) as HTMLSelectElement).value,
          );
        return { hole: get('hole'), board: get('board') };
      };
      const home = read('home');
      const away = read('away');
      for (const [side, c] of [
        ['home', home],
        ['away', away],
      ] as const) {
        if (c.hole + c.board > 4) {
          this.tone = 'error';
          this.message = `${this.state?.[SIDE_NAMES[side] === 'homeName' ? 'home' : 'away'].name ?? side}: at most four bags in a round.`;
          return;
        }
      }
      this.message = '';
      this.enqueue({ kind: 'round', key: newKey(), home, away });
      form.reset();
      (form.closest('details') as HTMLDetailsElement | null)?.removeAttribute('open');
    },

    enqueue(this: Pad, op: Op) {
      this.pending.push(op);
      this.save();
      void this.pump();
    },

    save(this: Pad) {
      try {
        localStorage.setItem(`bagtrax:pending:${this.gameId}`, JSON.stringify(this.pending));
      } catch {
        // Private mode: the queue still lives in memory.
      }
    },

    async pump(this: Pad) {
      if (this.sending) return;
      this.sending = true;
      let delay = 500;
      try {
        while (this.pending.length && this.state) {
          const op = this.pending[0]!;
          let res: Response;
          try {
            res = await fetch(`/api/games/${encodeURIComponent(this.gameId)}/${opPath(op)}`, {
              method: 'POST',
              credentials: 'same-origin',
              headers: { 'Content-Type': 'application/json', 'Idempotency-Key': op.key },
              body: JSON.stringify(opBody(op, this.state.version)),
            });
          } catch {
            res = new Response(null, { status: 599 });
          }
          const body = (await res.json().catch(() => ({}))) as {
            error?: string;
            code?: string;
            state?: LiveState;
          } & Partial<LiveState>;
          if (res.ok) {
            this.state = newer(this.state, body as LiveState);
            this.$el.dataset.version = String(this.state?.version ?? '');
            this.pending.shift();
            this.save();
            if (this.tone === 'info') this.message = '';
            delay = 500;
            continue;
          }
          if (res.status === 409) {
            if (body.state) this.state = body.state;
            this.$el.dataset.version = String(this.state?.version ?? '');
            this.tone = 'error';
            if (body.code === 'version_conflict') {
              this.message =
                'Another keeper recorded a bag at the same moment. The pad now shows the current score: check it and tap again if needed.';
              this.pending = [];
            } else {
              this.message = body.error ?? 'That was refused.';
              this.pending.shift();
            }
            buzz(60);
            this.save();
            continue;
          }
          if (res.status === 401 || res.status === 403) {
            this.tone = 'error';
            this.message =
              'Your keeper sign-in has ended. Sign in again; your taps are kept and will be sent.';
            const next = encodeURIComponent(location.pathname);
            setTimeout(() => location.assign(`/keeper/login?next=${next}`), 2500);
            return;
          }
          if (res.status >= 400 && res.status < 500 && res.status !== 429) {
            this.tone = 'error';
            this.message = body.error ?? 'The server refused that tap.';
            this.pending.shift();
            this.save();
            continue;
          }
          // Network error, 429 or 5xx: keep the tap and try again with the same key.
          this.tone = 'info';
          this.message = 'No connection to the scoreboard. Your taps are kept and will be sent.';
          await new Promise((r) => setTimeout(r, delay * (0.8 + Math.random() * 0.4)));
          delay = Math.min(delay * 2, 8000);
        }
      } finally {
        this.sending = false;
      }
    },
  });
}
