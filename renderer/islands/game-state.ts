// The spectator's live island: score and this round's bags, straight from `state` events, so it
// stays right even when the HTML fragment cannot be fetched. It is also the page's polite live
// region: a score change or a finish is read out once, in words.
import type { BagCounts, LiveState } from '../../server/domain/types.js';
import { ago } from './connection.js';
import { bagsText, newer, onState, parseState, withScoreView } from './live-state.js';
import { pointsOf, pointsText } from './pad-round.js';

export type Pip = 'hole' | 'board' | 'miss' | 'open';

/** Four pips for a side's round: in the hole first, then on the board, then off, then still to throw. */
export function pips(c: BagCounts): Pip[] {
  const out: Pip[] = [];
  for (const [kind, n] of [
    ['hole', c.hole],
    ['board', c.board],
    ['miss', c.miss],
  ] as const) {
    for (let i = 0; i < n && out.length < 4; i++) out.push(kind);
  }
  while (out.length < 4) out.push('open');
  return out;
}

/** What a screen reader hears when the score moves or the game ends; '' when nothing worth saying. */
export function announce(prev: LiveState | null, next: LiveState): string {
  if (next.status === 'final' && prev?.status !== 'final') {
    return next.winner
      ? `Final: ${next[next.winner].name} win, ${next.home.score} to ${next.away.score}.`
      : 'Final.';
  }
  if (prev && prev.home.score === next.home.score && prev.away.score === next.away.score) return '';
  return `${next.home.name} ${next.home.score}, ${next.away.name} ${next.away.score}. Round ${next.round.number}.`;
}

export function gameState() {
  return withScoreView({
    state: null as LiveState | null,
    changedAt: Date.now(),
    now: Date.now(),
    announcement: '',
    get status() {
      return this.state?.status ?? 'live';
    },
    /** This round's points per side, before cancellation (the round card's "6 – 1"). */
    get homeRoundPoints() {
      return this.state ? pointsOf(this.state.round.home) : 0;
    },
    get awayRoundPoints() {
      return this.state ? pointsOf(this.state.round.away) : 0;
    },
    get homeBags() {
      return this.state ? `${bagsText(this.state.round.home)} · ${pointsText(this.homeRoundPoints)}` : '';
    },
    get awayBags() {
      return this.state ? `${bagsText(this.state.round.away)} · ${pointsText(this.awayRoundPoints)}` : '';
    },
    /** The side ahead this round, under cancellation scoring: it shows the "+N" it would score. */
    get homeLeads() {
      return !!this.state?.rules.cancellation && this.homeRoundPoints > this.awayRoundPoints;
    },
    get awayLeads() {
      return !!this.state?.rules.cancellation && this.awayRoundPoints > this.homeRoundPoints;
    },
    get roundNet() {
      return `+${Math.abs(this.homeRoundPoints - this.awayRoundPoints)}`;
    },
    get homePips() {
      return this.state ? pips(this.state.round.home) : [];
    },
    get awayPips() {
      return this.state ? pips(this.state.round.away) : [];
    },
    get updated() {
      const ms = this.now - this.changedAt;
      return ms < 5000 ? 'just now' : ago(ms);
    },
    init(this: {
      state: LiveState | null;
      changedAt: number;
      now: number;
      announcement: string;
      $el: HTMLElement;
    }) {
      this.state = parseState(this.$el.dataset.state);
      this.$el.dataset.version = String(this.state?.version ?? '');
      onState(this.$el, (next) => {
        const merged = newer(this.state, next);
        if (merged === this.state || !merged) return;
        const said = announce(this.state, merged);
        if (said) this.announcement = said;
        this.state = merged;
        this.changedAt = Date.now();
        this.$el.dataset.version = String(merged.version);
      });
      setInterval(() => {
        this.now = Date.now();
      }, 5000);
    },
  });
}
