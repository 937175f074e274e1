// The host console (the desktop window's home): how to join, the PIN, every board with its watchers,
// and the organiser's controls.
import { html, raw, type Html } from '../html.js';
import { layout, type LayoutOptions } from '../layout.js';
import { boardGrid, type BoardView } from '../partials/board-card.js';
import { newGameForm } from './new-game.js';

export interface JoinInfo {
  /** The URL phones should open (first LAN address, else loopback). */
  joinUrl: string;
  otherUrls: string[];
  /** bagtrax.local when mDNS advertising works. */
  mdnsUrl: string | null;
  qrSvg: string;
}

export function joinBlock(j: JoinInfo): Html {
  return html`<section
    class="join"
    id="join"
    hx-get="/host/join"
    hx-trigger="every 15s"
    hx-swap="outerHTML"
    aria-labelledby="join-title"
  >
    <h2 id="join-title">Join the scoreboard</h2>
    <div class="join-body">
      <div class="qr" role="img" aria-label="QR code for ${j.joinUrl}" data-url="${j.joinUrl}">
        ${raw(j.qrSvg)}
      </div>
      <div>
        <p class="muted">On the venue Wi-Fi, open</p>
        <p class="join-url">${j.joinUrl}</p>
        ${j.mdnsUrl ? html`<p class="muted">or <span class="join-alt">${j.mdnsUrl}</span></p>` : ''}
        ${j.otherUrls.length ? html`<p class="muted">Other networks: ${j.otherUrls.join(', ')}</p>` : ''}
      </div>
    </div>
  </section>`;
}

export interface HostView {
  join: JoinInfo;
  pin: string;
  pinFixed: boolean;
  boards: BoardView[];
  boardCount: number;
  venueSeq: number;
  message: string | null;
}

export function hostPage(v: HostView, base: Omit<LayoutOptions, 'title' | 'body'>) {
  return layout({
    ...base,
    title: 'Host console',
    body: html`<main
      id="live"
      class="page host"
      hx-sse:connect="/events?since=${v.venueSeq}"
      hx-trigger="load, bagtrax:connect"
    >
      ${v.message ? html`<p class="alert alert-ok" role="status">${v.message}</p>` : ''}
      <div class="host-top">
        ${joinBlock(v.join)}
        <section class="pin-card" aria-labelledby="pin-title">
          <h2 id="pin-title">Keeper PIN</h2>
          <p class="pin">${v.pin}</p>
          <p class="muted">Scorekeepers enter this on their phones.</p>
          ${
            v.pinFixed
              ? html`<p class="muted">Set by KEEPER_PIN; change it there.</p>`
              : html`<form method="post" action="/host/pin" class="inline-form">
                  <label
                    >New PIN
                    <input name="pin" inputmode="numeric" pattern="[0-9]{4,12}" required maxlength="12"
                  /></label>
                  <button class="button" type="submit">Change PIN</button>
                </form>`
          }
          <form method="post" action="/host/sign-out-all">
            <button class="button" type="submit">Sign out every keeper</button>
          </form>
        </section>
      </div>
      <section aria-labelledby="boards-title">
        <div class="page-head">
          <h2 id="boards-title">Boards</h2>
          <form method="post" action="/host/boards" class="inline-form">
            <label
              >Boards <input name="count" type="number" min="1" max="64" value="${v.boardCount}" required
            /></label>
            <button class="button" type="submit">Set</button>
          </form>
        </div>
        ${boardGrid(v.boards, { variant: 'host', keeper: true })}
      </section>
      <div class="host-bottom">
        <section aria-labelledby="new-title">
          <h2 id="new-title">New game</h2>
          ${newGameForm(v.boardCount)}
        </section>
        <section aria-labelledby="export-title">
          <h2 id="export-title">Results</h2>
          <p><a class="button" href="/api/export.json" download>Download all results (JSON)</a></p>
          <p><a class="button" href="/tv">Open the TV wall</a></p>
        </section>
      </div>
    </main>`,
  });
}
