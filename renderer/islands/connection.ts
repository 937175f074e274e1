// The live / reconnecting / offline badge: a short status word (the live region) and, when the data is
// stale, its age beside it (visual only, so a screen reader is not told the time every 5 s).
import type { ConnectionDetail, ConnectionStatus } from '../live.js';

const LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting',
  live: 'Live',
  reconnecting: 'Reconnecting',
  offline: 'Offline',
  gone: 'Game removed',
};

export function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s ago`;
  const m = Math.round(s / 60);
  return m < 60 ? `${m} min ago` : `${Math.round(m / 60)} h ago`;
}

export function connection() {
  return {
    status: 'connecting' as ConnectionStatus,
    lastHeard: Date.now(),
    now: Date.now(),
    timer: 0 as ReturnType<typeof setInterval> | 0,
    get label(): string {
      return LABELS[this.status];
    },
    get age(): string {
      if (this.status !== 'reconnecting' && this.status !== 'offline') return '';
      return `data from ${ago(this.now - this.lastHeard)}`;
    },
    init(this: {
      status: ConnectionStatus;
      lastHeard: number;
      now: number;
      timer: unknown;
      $el: HTMLElement;
    }) {
      if (!document.querySelector('[hx-sse\\:connect]')) {
        this.$el.hidden = true;
        return;
      }
      window.addEventListener('bagtrax:connection', (e) => {
        const d = (e as CustomEvent<ConnectionDetail>).detail;
        this.status = d.status;
        this.lastHeard = d.lastHeard;
        this.now = Date.now();
      });
      this.timer = setInterval(() => {
        this.now = Date.now();
      }, 5000);
    },
  };
}
