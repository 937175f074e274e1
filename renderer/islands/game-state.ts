// The spectator's live island: score and this round's bags, straight from `state` events, so it
// stays right even when the HTML fragment cannot be fetched.
import type { LiveState } from '../../server/domain/types.js';
import { ago } from './connection.js';
import { bagsText, heading, newer, onState, parseState } from './live-state.js';

export function gameState() {
  return {
    state: null as LiveState | null,
    changedAt: Date.now(),
    now: Date.now(),
    get heading() {
      return this.state ? heading(this.state) : '';
    },
    get homeName() {
      return this.state?.home.name ?? '';
    },
    get awayName() {
      return this.state?.away.name ?? '';
    },
    get homeScore() {
      return this.state?.home.score ?? 0;
    },
    get awayScore() {
      return this.state?.away.score ?? 0;
    },
    get homeBags() {
      return this.state ? bagsText(this.state.round.home) : '';
    },
    get awayBags() {
      return this.state ? bagsText(this.state.round.away) : '';
    },
    get updated() {
      const ms = this.now - this.changedAt;
      return ms < 5000 ? 'just now' : ago(ms);
    },
    init(this: { state: LiveState | null; changedAt: number; now: number; $el: HTMLElement }) {
      this.state = parseState(this.$el.dataset.state);
      this.$el.dataset.version = String(this.state?.version ?? '');
      onState(this.$el, (next) => {
        const merged = newer(this.state, next);
        if (merged === this.state) return;
        this.state = merged;
        this.changedAt = Date.now();
        this.$el.dataset.version = String(merged?.version ?? '');
      });
      setInterval(() => {
        this.now = Date.now();
      }, 5000);
    },
  };
}
