// The host console (the desktop window's home): how to join, every board with its watchers, and, for
// the organiser only, both PINs and the venue's controls. A keeper's console shows neither.
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

/** What only the organiser sees. */
export interface VenueControls {
  keeperPin: string;
  keeperPinFixed: boolean;
  organiserPin: string;
  organiserPinFixed: boolean;
  /** Sessions signed in now (the host window not counted): what a PIN change or sign-out ends. */
  signedIn: { keeper: number; organiser: number };
}

export interface HostView {
  join: JoinInfo;
  /** null for a keeper. */
  venue: VenueControls | null;
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
        <div class="host-top">${joinBlock(v.join)} ${v.venue ? pinCards(v.venue) : keeperNote()}</div>
        <section class="host-boards" aria-labelledby="boards-title">
          <div class="section-head">
            <h2 id="boards-title">Boards</h2>
            ${v.venue ? boardCountForm(v.boardCount) : ''}
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

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

function pinForm(action: string, label: string): Html {
  return html`<form method="post" action="${action}" class="inline-form">
    <label
      >${label} <input name="pin" inputmode="numeric" pattern="[0-9]{4,12}" required maxlength="12"
    /></label>
    <button class="button" type="submit">Change PIN</button>
  </form>`;
}

function pinCards(c: VenueControls): Html {
  const keepers = plural(c.signedIn.keeper, 'keeper');
  const organisers = plural(c.signedIn.organiser, 'other organiser phone');
  return html`<div class="pin-cards">
    <section class="pin-card panel" aria-labelledby="pin-title">
      <h2 id="pin-title" class="eyebrow">Keeper PIN</h2>
      <p class="pin" data-role="keeper">${c.keeperPin}</p>
      <p class="muted">Scorekeepers enter this on their phones. ${keepers} signed in now.</p>
      ${
        c.keeperPinFixed
          ? html`<p class="muted">Set by KEEPER_PIN; change it there.</p>`
          : html`${pinForm('/host/pin', 'New keeper PIN')}
              <p class="muted form-hint">A new keeper PIN signs out every keeper; you stay signed in.</p>`
      }
      <form method="post" action="/host/sign-out-all">
        <button class="button button-quiet" type="submit">Sign out every keeper</button>
      </form>
      <p class="muted form-hint">Signs out ${keepers} and ${organisers}; this laptop stays signed in.</p>
    </section>
    <section class="pin-card panel" aria-labelledby="organiser-pin-title">
      <h2 id="organiser-pin-title" class="eyebrow">Organiser PIN</h2>
      <p class="pin pin-organiser" data-role="organiser">${c.organiserPin}</p>
      <p class="muted">Only for you: it runs the venue (PINs, boards, sign-outs) from any phone.</p>
      ${
        c.organiserPinFixed
          ? html`<p class="muted">Set by ORGANISER_PIN; change it there.</p>`
          : pinForm('/host/organiser-pin', 'New organiser PIN')
      }
    </section>
  </div>`;
}

function keeperNote(): Html {
  return html`<section class="panel keeper-note" aria-labelledby="keeper-note-title">
    <h2 id="keeper-note-title" class="eyebrow">Signed in as a keeper</h2>
    <p class="muted">
      Keep score on any board below. The organiser sets the number of boards, the PINs and who is signed in,
      from the host laptop or with the organiser PIN.
    </p>
  </section>`;
}

function boardCountForm(count: number): Html {
  return html`<form method="post" action="/host/boards" class="inline-form board-count">
    <label for="board-count">Boards at the venue</label>
    <input id="board-count" name="count" type="number" min="1" max="64" value="${count}" required />
    <button class="button" type="submit">Set</button>
  </form>`;
}
