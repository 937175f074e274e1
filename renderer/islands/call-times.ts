// Keeps "called 2 min ago" current on a tournament's pages: every <time datetime data-relative> in
// the island is rewritten every few seconds and after each swap. The live region says when the
// server rendered it (data-now), so a phone whose clock is off still counts from the server's time.
// A no-show clock's forfeit buttons (data-due) appear the moment it runs out.
import { ago } from './connection.js';

const TICK_MS = 5000;

/** Rewrites each relative time under `root` as seen at `now` (ms, on the server's clock). */
export function refreshTimes(root: ParentNode, now: number): void {
  root.querySelectorAll<HTMLTimeElement>('time[data-relative]').forEach((t) => {
    const at = Date.parse(t.dateTime);
    if (!Number.isNaN(at)) t.textContent = ago(now - at);
  });
}

/**
 * Shows what waits for a moment (a no-show's forfeit buttons, `data-due`) once it has come, and hides
 * what stands until then (`data-until`): the page was rendered before the clock ran out.
 */
export function refreshDue(root: ParentNode, now: number): void {
  root.querySelectorAll<HTMLElement>('[data-due]').forEach((el) => {
    el.hidden = now < Date.parse(el.dataset.due ?? '');
  });
  root.querySelectorAll<HTMLElement>('[data-until]').forEach((el) => {
    el.hidden = now >= Date.parse(el.dataset.until ?? '');
  });
}

/** How far the server's clock is ahead of this phone's, from a render stamp seen at `clientNow`. */
export function clockOffset(stamp: string | undefined, clientNow: number): number | null {
  const server = Number(stamp);
  return stamp && Number.isFinite(server) ? server - clientNow : null;
}

export function callTimes() {
  return {
    init(this: { $el: HTMLElement }) {
      const root = this.$el;
      let offset = 0;
      let seen: string | undefined;
      const update = (): void => {
        const stamp = root.querySelector<HTMLElement>('[data-now]')?.dataset.now;
        if (stamp !== seen) {
          seen = stamp;
          offset = clockOffset(stamp, Date.now()) ?? offset;
        }
        refreshTimes(root, Date.now() + offset);
        refreshDue(root, Date.now() + offset);
      };
      update();
      root.addEventListener('htmx:after:swap', update);
      setInterval(update, TICK_MS);
    },
  };
}
