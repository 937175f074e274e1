// The host console (the desktop window's home): how to join, the PIN, every board with its watchers,
// and the organiser's controls.
import { html, raw, type Html } from '../html.js';
import { layout, type LayoutOptions, liveRegion } from '../layout.js';
import { boardGrid, type BoardView } from '../partials/board-card.js';
import { newGameForm } from './new-game.js';

export interface JoinInfo {
  /** The URL phones should open (first LAN address, else loopback). */
  joinUrl: string;
  otherUrls: string[];
  /** bagtrax.local when mDNS advertising works. */
  mdnsUrl: string | null;
  qrSvg: string;
  /** Why phones cannot join right now (loopback only, no network), or null when they can. */
  problem: string | null;
}

/** The scheme in a quieter weight: phones accept the address without it. */
function joinUrlText(url: string): Html {
  const cut = url.indexOf('://');
  if (cut < 0) return html`${url}`;
  return html`<span class="join-scheme">${url.slice(0, cut + 3)}</span>${url.slice(cut + 3)}`;
}

export function joinBlock(j: JoinInfo): Html {
  return html`<section
    class="join panel"
    id="join"
    hx-get="/host/join"
    hx-trigger="every 15s"
    hx-swap="outerHTML"
    aria-labelledby="join-title"
  >
    ${j.problem ? joinProblem(j.problem) : joinCode(j)}
  </section>`;
}

function joinProblem(problem: string): Html {
  return html`<div class="join-text join-problem">
    <h2 id="join-title" class="eyebrow">Phones cannot join yet</h2>
    <p class="join-how">${problem}</p>
  </div>`;
}

function joinCode(j: JoinInfo): Html {
  return html`<div class="qr" role="img" aria-label="QR code for ${j.joinUrl}" data-url="${j.joinUrl}">
      ${raw(j.qrSvg)}
    </div>
    <div class="join-text">
      <h2 id="join-title" class="eyebrow">Follow the scores on your phone</h2>
      <p class="join-how">Join the venue Wi-Fi, then scan the code or open</p>
      <p class="join-url">${joinUrlText(j.joinUrl)}</p>
      ${j.mdnsUrl ? html`<p class="join-alt">or <span class="mono">${j.mdnsUrl}</span></p>` : ''}
      ${
        j.otherUrls.length
          ? html`<p class="join-alt">Other networks: <span class="mono">${j.otherUrls.join(', ')}</span></p>`
          : ''
      }
    </div>`;
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
    current: 'host',
    body: liveRegion({
      stream: `/events?since=${v.venueSeq}`,
      className: 'page host',
      body: html`
        <div class="page-head">
          <div>
            <h1>Host console</h1>
            <p class="page-sub">Put this laptop on the venue Wi-Fi; phones join with the code below.</p>
          </div>
          <a class="button" href="/tv">Open the TV wall</a>
        </div>
        ${v.message ? html`<p class="alert alert-ok" role="status">${v.message}</p>` : ''}
        <div class="host-top">
          ${joinBlock(v.join)}
          <section class="pin-card panel" aria-labelledby="pin-title">
            <h2 id="pin-title" class="eyebrow">Keeper PIN</h2>
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
              <button class="button button-quiet" type="submit">Sign out every keeper</button>
            </form>
          </section>
        </div>
        <section class="host-boards" aria-labelledby="boards-title">
          <div class="section-head">
            <h2 id="boards-title">Boards</h2>
            <form method="post" action="/host/boards" class="inline-form board-count">
              <label for="board-count">Boards at the venue</label>
              <input
                id="board-count"
                name="count"
                type="number"
                min="1"
                max="64"
                value="${v.boardCount}"
                required
              />
              <button class="button" type="submit">Set</button>
            </form>
          </div>
          ${boardGrid(v.boards, { variant: 'host', keeper: true })}
        </section>
        <div class="host-bottom">
          <section class="panel" aria-labelledby="new-title">
            <h2 id="new-title">New game</h2>
            ${newGameForm(v.boardCount)}
          </section>
          <section class="panel" aria-labelledby="export-title">
            <h2 id="export-title">Results</h2>
            <p class="muted">
              Every game, finished or not, with its rounds and statistics. A finished game's card also offers
              its own CSV.
            </p>
            <p>
              <a class="button button-wide" href="/api/export.json" download>Download all results (JSON)</a>
            </p>
          </section>
        </div>
      `,
    }),
  });
}
