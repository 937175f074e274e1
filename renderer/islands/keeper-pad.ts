// The keeper's pad: every tap, undo and whole round goes through the outbox (renderer/outbox.ts), which
// stamps it with the score the keeper saw, sends it in order with its key and keeps it across reloads.
// The pad shows this round (bags, points, the net, bags left, its own taps still on their way), what an
// undo took back, and, when the server refuses taps, what happened with the keeper's choices; nothing
// is applied or dropped behind the keeper's back. Messages take one reserved line above the buttons
// and choices a sheet at the foot of the screen, so no message ever moves a button.
import type { BagResult, LiveState, Side } from '../../server/domain/types.js';
import { canResend, Outbox, type Held, type OutboxView, type Pause, type StorageLike } from '../outbox.js';
import type { BagChange, OutboxRecord, Tap } from '../taps.js';
import { newer, nextGameHref, onState, parseState, withScoreView } from './live-state.js';
import {
  BAG_WORDS as RESULT_WORDS,
  bagWords,
  conflictFacts,
  leftText,
  pointsText,
  projectRound,
  roundNet,
  undoneLine,
  type RoundView,
} from './pad-round.js';

function teamName(state: LiveState | null, side: Side): string {
  return state?.[side].name ?? side;
}

export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A tap as the keeper sees it in the chips ("Bag Daddies · In"). */
export function tapLabel(tap: Tap, state: LiveState | null): string {
  if (tap.kind === 'undo') return 'Undo';
  if (tap.kind === 'round') return 'Whole round';
  return `${teamName(state, tap.side)} · ${RESULT_WORDS[tap.result]}`;
}

/** Another keeper's bag, or one they took back ("Hole Patrol · In ×2", "Hole Patrol · On taken back"). */
export function changeLabel(c: BagChange, state: LiveState | null): string {
  const n = Math.abs(c.count);
  const base = `${teamName(state, c.side)} · ${RESULT_WORDS[c.result]}${n > 1 ? ` ×${n}` : ''}`;
  return c.count < 0 ? `${base} taken back` : base;
}

/** Bags a side has left this round once the waiting taps land. */
export function bagsLeftAfter(state: LiveState, waiting: Tap[], side: Side): number {
  return projectRound(state, waiting)[side].left;
}

/** The one line a keeper reads when the server refused taps: what happened (the chips say which). */
export function heldLine(held: Held): string {
  if (held.code !== 'version_conflict') return held.error;
  const when = held.waited ? 'while you were offline' : 'at the same moment';
  const others = held.others;
  const added = (others ?? []).filter((c) => c.count > 0).reduce((n, c) => n + c.count, 0);
  const removed = (others ?? []).filter((c) => c.count < 0).reduce((n, c) => n - c.count, 0);
  const bags = (n: number) => (n === 1 ? 'a bag' : `${n} bags`);
  const what =
    others === null
      ? 'The score changed on another phone'
      : added && !removed
        ? `Another keeper recorded ${bags(added)}`
        : removed && !added
          ? `Another keeper took back ${bags(removed)}`
          : added
            ? 'Another keeper changed the score'
            : 'Another keeper changed the game';
  return `${what} ${when}.`;
}

export function pauseLine(pause: Pause, waiting: number): string {
  const n = count(waiting, 'tap');
  if (pause === 'signed_out')
    // Short: it shares the line with its Sign in button, even at 320 px.
    return `Signed out: ${n} ${waiting === 1 ? 'waits' : 'wait'}.`;
  if (pause === 'gone') return `This game was removed: ${n} cannot be sent.`;
  return '';
}

export function pendingTitle(view: Pick<OutboxView, 'queue' | 'pause' | 'retrying'>): string {
  const n = count(view.queue.length, 'tap');
  if (view.pause === 'signed_out') return `${n} waiting for you to sign in`;
  if (view.pause === 'gone') return `${n} not sent`;
  if (view.retrying) return `No connection: ${n} waiting`;
  return `Sending ${n}…`;
}

/** A short buzz under the thumb; never before the keeper has touched the page (the browser refuses it). */
function buzz(ms: number): void {
  if (!('vibrate' in navigator) || navigator.userActivation?.hasBeenActive === false) return;
  navigator.vibrate(ms);
}

function pageStorage(): StorageLike | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Four pips for a side: its bags (waiting ones marked), then the bags still to throw. */
function pipsOf(round: RoundView | null, side: Side) {
  const bags = round?.[side].bags ?? [];
  return Array.from({ length: 4 }, (_, i) => ({
    key: i,
    kind: bags[i]?.result ?? 'open',
    pending: bags[i]?.pending ?? false,
  }));
}

interface Pad {
  gameId: string;
  state: LiveState | null;
  queue: OutboxRecord[];
  held: Held | null;
  pause: Pause;
  retrying: boolean;
  message: string;
  tone: 'info' | 'error';
  roundError: string;
  removed: boolean;
  homeLeft: number;
  awayLeft: number;
  $el: HTMLElement;
  $nextTick(fn: () => void): void;
  adopt(next: LiveState | null): void;
  send(tap: Tap): void;
}

export function keeperPad() {
  // Outside Alpine's reactive data: the outbox owns its timers and only reports views; the states seen
  // lately, by version, tell what an undo took back and what a conflict changed.
  let outbox: Outbox | null = null;
  const seen = new Map<number, LiveState>();
  const remember = (s: LiveState | null): void => {
    if (!s) return;
    seen.set(s.version, s);
    for (const v of seen.keys()) if (v < s.version - 40) seen.delete(v);
  };
  return withScoreView({
    gameId: '',
    state: null as LiveState | null,
    queue: [] as OutboxRecord[],
    held: null as Held | null,
    pause: null as Pause,
    retrying: false,
    message: '',
    tone: 'info' as 'info' | 'error',
    roundError: '',
    /** The organiser removed the game (its stream said so); a restore brings it back. */
    removed: false,
    /** This round once the waiting taps land. */
    get round(): RoundView | null {
      return this.state
        ? projectRound(
            this.state,
            this.queue.map((r) => r.tap),
          )
        : null;
    },
    get homeLeft() {
      return this.round?.home.left ?? 0;
    },
    get awayLeft() {
      return this.round?.away.left ?? 0;
    },
    get homeLeftText() {
      return leftText(this.homeLeft);
    },
    get awayLeftText() {
      return leftText(this.awayLeft);
    },
    get locked() {
      return (
        this.state?.status === 'final' ||
        this.pause === 'gone' ||
        this.removed ||
        this.queued ||
        this.deciding
      );
    },
    /**
     * Taps the server refused wait for the keeper's choice (send them on the new score, or discard):
     * the pad scores nothing meanwhile, so no new tap jumps ahead of them, and the buttons the choices'
     * sheet covers are off rather than out of reach.
     */
    get deciding() {
      return this.heldShown;
    },
    get finished() {
      return this.state?.status === 'final';
    },
    get playing() {
      return !this.finished;
    },
    /** A finished game's keeper goes to their board's card, where the next game starts. */
    get nextHref() {
      return nextGameHref(this.state?.board ?? null);
    },
    /** The game waits in its board's line: nothing to score yet (the notice above the pad says why). */
    get queued() {
      return (this.state?.queue ?? null) !== null;
    },
    /** A side that has thrown its four bags: its buttons rest until the round closes. */
    get homeDone() {
      return !!this.state && !this.locked && this.homeLeft === 0;
    },
    get awayDone() {
      return !!this.state && !this.locked && this.awayLeft === 0;
    },
    get homeLocked() {
      return this.locked || this.homeLeft === 0;
    },
    get awayLocked() {
      return this.locked || this.awayLeft === 0;
    },
    get homePips() {
      return pipsOf(this.round, 'home');
    },
    get awayPips() {
      return pipsOf(this.round, 'away');
    },
    get homeBagWords() {
      return bagWords(this.round?.home.bags ?? []);
    },
    get awayBagWords() {
      return bagWords(this.round?.away.bags ?? []);
    },
    get homePoints() {
      return pointsText(this.round?.home.points ?? 0);
    },
    get awayPoints() {
      return pointsText(this.round?.away.points ?? 0);
    },
    /** The reserved line when nothing else needs it: who this round favours, by how much. */
    get net() {
      if (!this.state || !this.round) return null;
      if (this.state.status === 'final') return { lead: null, text: 'Game over · Undo last reopens it' };
      return roundNet(this.state.rules, this.round);
    },
    get netShown() {
      return !this.line && this.net !== null;
    },
    get netLead() {
      const lead = this.net?.lead;
      return lead && this.state ? this.state[lead].name : '';
    },
    get netLeadSide() {
      return this.net?.lead ?? '';
    },
    get netText() {
      return this.net?.text ?? '';
    },
    get cannotUndo() {
      return (
        !this.state ||
        this.pause === 'gone' ||
        this.removed ||
        this.queued ||
        this.deciding ||
        (this.state.version === 0 && !this.queue.length)
      );
    },
    get pendingCount() {
      return this.queue.length;
    },
    get pendingChips() {
      return this.queue.map((r) => ({
        key: r.key,
        kind: r.tap.kind === 'throw' ? r.tap.result : r.tap.kind,
        label: tapLabel(r.tap, this.state),
      }));
    },
    get pendingTitle() {
      return pendingTitle(this);
    },
    /** The pad's one line: the keeper's own last action first, else what waits for a decision. */
    get line() {
      if (this.message) return this.message;
      if (this.pause) return pauseLine(this.pause, this.queue.length);
      return this.held ? heldLine(this.held) : '';
    },
    get lineTone() {
      return this.message ? this.tone : 'error';
    },
    get heldShown() {
      return !this.pause && this.held !== null;
    },
    /**
     * The sheet of choices at the foot of the screen, over buttons that are off meanwhile: held taps,
     * a removed game's. (Signed out, the pad keeps scoring: its Sign in sits in the line.)
     */
    get sheetShown() {
      return this.heldShown || this.pause === 'gone';
    },
    get heldChips() {
      return (this.held?.records ?? []).map((r) => ({
        key: r.key,
        kind: r.tap.kind === 'throw' ? r.tap.result : r.tap.kind,
        label: tapLabel(r.tap, this.state),
      }));
    },
    get othersShown() {
      return (this.held?.others?.length ?? 0) > 0;
    },
    get otherChips() {
      return (this.held?.others ?? []).map((c) => ({
        key: `${c.side}-${c.result}`,
        kind: c.result,
        label: changeLabel(c, this.state),
      }));
    },
    /** The score the held taps were based on, and the one the server holds now. */
    get heldFacts() {
      const first = this.held?.records[0];
      if (!first || this.held?.code !== 'version_conflict') return '';
      return conflictFacts(seen.get(first.expectedVersion), this.state);
    },
    get sendShown() {
      return canResend(this.held, this.state);
    },
    get sendLabel() {
      return this.held?.records.length === 1 ? 'Send it on the new score' : 'Send them on the new score';
    },
    get signedOut() {
      return this.pause === 'signed_out';
    },
    get gone() {
      return this.pause === 'gone';
    },

    init(this: Pad) {
      this.gameId = this.$el.dataset.game ?? '';
      this.adopt(parseState(this.$el.dataset.state));
      const box = new Outbox({
        gameId: this.gameId,
        fetch: (url, init) => window.fetch(url, init),
        clock: {
          now: () => Date.now(),
          setTimeout: (fn, ms) => window.setTimeout(fn, ms),
          clearTimeout: (id) => window.clearTimeout(id as number),
        },
        storage: pageStorage(),
        state: this.state,
        onChange: (view) => {
          remember(view.state);
          // Something new needs the keeper (a refusal, a sign-in): it takes the line, with a buzz.
          if (view.held?.records.length !== this.held?.records.length || view.pause !== this.pause) {
            if ((view.held && !this.held) || (view.pause && !this.pause)) buzz(60);
            this.message = '';
          }
          // An undo the server took, with nothing tapped behind it: say what it took back.
          const kept = (key: string) =>
            view.queue.some((r) => r.key === key) || !!view.held?.records.some((r) => r.key === key);
          const undone = this.queue.filter((r) => r.tap.kind === 'undo' && !kept(r.key)).pop();
          if (undone && !view.queue.length && !view.pause) {
            this.tone = 'info';
            this.message = undoneLine(seen.get(undone.expectedVersion), seen.get(undone.expectedVersion + 1));
          }
          this.queue = view.queue;
          this.held = view.held;
          this.pause = view.pause;
          this.retrying = view.retrying;
          this.adopt(view.state);
        },
      });
      outbox = box;
      onState(this.$el, (next) => {
        remember(next);
        this.adopt(next);
        box.seen(next);
      });
      // Back online, the stream reopened, or the pad shown again (perhaps after a sign-in in another
      // tab): whatever waits goes now rather than at its next retry.
      window.addEventListener('online', () => box.kick());
      window.addEventListener('bagtrax:connection', (e) => {
        const { status } = (e as CustomEvent<{ status: string }>).detail;
        // The notice above says the game was removed; until a restore there is nothing to score.
        this.removed = status === 'gone';
        if (status === 'live') box.found();
      });
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') box.kick();
      });
      box.start();
    },

    adopt(this: Pad, next: LiveState | null) {
      remember(next);
      this.state = newer(this.state, next);
      this.$el.dataset.version = String(this.state?.version ?? '');
    },

    send(this: Pad, tap: Tap) {
      this.message = '';
      this.roundError = '';
      outbox?.add(tap);
    },

    tap(this: Pad, e: Event) {
      const btn = e.currentTarget as HTMLElement;
      const side = btn.dataset.side as Side;
      const result = btn.dataset.result as BagResult;
      if (!this.state) return;
      // The side's buttons are disabled by then; a tap already on its way when they were is said here.
      if ((side === 'home' ? this.homeLeft : this.awayLeft) === 0) {
        this.tone = 'error';
        this.message = `${this.state[side].name} have thrown all four bags this round.`;
        buzz(60);
        return;
      }
      buzz(15);
      this.send({ kind: 'throw', side, result });
    },

    undo(this: Pad) {
      buzz(15);
      this.send({ kind: 'undo' });
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
          // Said beside the form's button, where the keeper is looking.
          this.roundError = `${teamName(this.state, side)}: at most four bags in a round (${c.hole} in + ${c.board} on).`;
          buzz(60);
          // Once drawn, the line and the button under it are brought into view together.
          const button = form.querySelector('button[type=submit]');
          this.$nextTick(() => button?.scrollIntoView({ block: 'nearest' }));
          return;
        }
      }
      this.send({ kind: 'round', home, away });
      form.reset();
      (form.closest('details') as HTMLDetailsElement | null)?.removeAttribute('open');
    },

    /** "Send them on the new score". */
    sendHeld(this: Pad) {
      buzz(15);
      this.message = '';
      outbox?.resend();
    },

    /** "Discard": the held taps (or, for a removed game, every waiting tap) are dropped. */
    discardHeld(this: Pad) {
      buzz(15);
      this.message = '';
      outbox?.discard();
    },
  });
}
