// Supervises each page's one event stream (the element carrying hx-sse:connect): reports live /
// reconnecting / offline / gone as a `bagtrax:connection` event, stops retrying when the game is gone
// (htmx 4 would retry a 404 forever), comes back by itself when the organiser restores it, and
// retries a first connection that failed (htmx only retries streams that were once open).
import type { Htmx } from 'htmx.org';
import { awaitComeback, stateUrlOf, type GameJson } from './comeback.js';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'gone';
export interface ConnectionDetail {
  status: ConnectionStatus;
  /** When the page last heard from the server (an event or a fresh connection), ms since epoch. */
  lastHeard: number;
}

interface SseConnection {
  attempt: number;
  config: { reconnect: boolean; reconnectMaxAttempts: number };
}
interface SseDetail {
  connection?: SseConnection;
  status?: number;
  ctx?: { response?: { status: number } };
}

const CONNECT_EVENT = 'bagtrax:connect';

export function superviseLiveRegions(htmx: Htmx): void {
  const start = (): void => {
    document.querySelectorAll<HTMLElement>('[hx-sse\\:connect]').forEach((el) => supervise(el, htmx));
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}

function supervise(el: HTMLElement, htmx: Htmx): void {
  let status: ConnectionStatus = 'connecting';
  let lastHeard = Date.now();
  let firstFailures = 0;
  let everConnected = false;
  const stateUrl = stateUrlOf(el.getAttribute('hx-sse:connect'));

  const report = (next: ConnectionStatus): void => {
    if (status === 'gone') return;
    status = next;
    el.dataset.connection = next;
    const detail: ConnectionDetail = { status, lastHeard };
    window.dispatchEvent(new CustomEvent<ConnectionDetail>('bagtrax:connection', { detail }));
  };

  const stop = (conn: SseConnection | undefined): void => {
    if (conn) {
      conn.config.reconnect = false;
      conn.config.reconnectMaxAttempts = 0;
    }
    if (status === 'gone') return;
    report('gone');
    if (stateUrl) awaitComeback(stateUrl, comeBack);
  };

  // Restored: every part of the page takes the game as it is now (its place in a line may have
  // changed under the same version, which the stream's catch-up would not send), then the stream
  // opens again as a first connection would.
  const comeBack = (state: GameJson): void => {
    status = 'connecting';
    everConnected = false;
    firstFailures = 0;
    const { rounds: _history, ...live } = state;
    htmx.trigger(el, 'state', { data: JSON.stringify(live) });
    htmx.trigger(el, 'refresh-scoreboard', { data: 'changed' });
    report('reconnecting');
    htmx.trigger(el, CONNECT_EVENT);
  };

  el.addEventListener('htmx:sse:after:connection', () => {
    everConnected = true;
    firstFailures = 0;
    lastHeard = Date.now();
    report(navigator.onLine ? 'live' : 'offline');
  });
  el.addEventListener('htmx:sse:after:message', () => {
    lastHeard = Date.now();
    if (status !== 'live') report('live');
  });
  el.addEventListener('htmx:sse:before:connection', (e) => {
    const conn = (e as CustomEvent<SseDetail>).detail.connection;
    if (conn && conn.attempt > 0) report(navigator.onLine ? 'reconnecting' : 'offline');
  });
  el.addEventListener('htmx:sse:error', (e) => {
    const detail = (e as CustomEvent<SseDetail>).detail;
    if (detail.status === 404) stop(detail.connection);
    else report(navigator.onLine ? 'reconnecting' : 'offline');
  });
  el.addEventListener('htmx:sse:close', () => {
    if (status !== 'gone') report('offline');
  });

  // The very first connection is an ordinary htmx request: a 404 means the game is gone; a network
  // failure or a 503 means try again later, with backoff and jitter like the extension's own.
  const retryFirst = (): void => {
    if (everConnected) return;
    firstFailures += 1;
    report(navigator.onLine ? 'reconnecting' : 'offline');
    const delay = Math.min(500 * 2 ** (firstFailures - 1), 30_000) * (0.7 + Math.random() * 0.6);
    setTimeout(() => htmx.trigger(el, CONNECT_EVENT), delay);
  };
  el.addEventListener('htmx:response:error', (e) => {
    if (e.target !== el || everConnected) return;
    const code = (e as CustomEvent<SseDetail>).detail.ctx?.response?.status;
    if (code === 404) stop(undefined);
    else retryFirst();
  });
  el.addEventListener('htmx:error', (e) => {
    if (e.target === el && !everConnected) retryFirst();
  });

  window.addEventListener('offline', () => report('offline'));
  window.addEventListener('online', () => {
    if (status === 'offline') report('reconnecting');
  });
  report('connecting');
}
