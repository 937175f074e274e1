// The host console (the desktop window's home): every board with its watchers and its line, the friendly
// games, the night's results, how to join, and, for the organiser only, both PINs, the venue's
// controls (fix, reorder, remove and restore games) and the "Removed tonight" list.
import { html, raw, type Html } from '../html.js';
import { layout, type LayoutOptions, liveRegion } from '../layout.js';
import type { GameState } from '../../domain/index.js';
import type { PublishingView } from '../../relay/switch.js';
import { boardGrid, type BoardView } from '../partials/board-card.js';
import { friendlyList } from '../partials/friendlies.js';
import { removedList, resultsTable, type GameResult, type RemovedGame } from '../partials/results.js';
import { newGameForm, type RosterEntry } from './new-game.js';
import { tournamentList, type TournamentItem } from '../partials/tournament-list.js';

/** Whether the hub reaches Redis: null when the venue runs one process (HUB=local). */
export type RedisStatus = 'up' | 'down' | null;

/** A one-time message after a form post. */
export interface Flash {
  message: string;
  tone: 'ok' | 'error';
}

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
  /** Read once from the flash cookie after a form post (never from the URL). */
  flash: Flash | null;
  friendlies: GameState[];
  results: GameResult[];
  /** The organiser's list; empty for a keeper. */
  removed: RemovedGame[];
  roster: RosterEntry[];
  redis: RedisStatus;
  /** Tonight's tournaments; none without the tournament service. */
  tournaments?: readonly TournamentItem[];
  /** Publishing for relays (the organiser's switch); null for a keeper or without the switch. */
  relays?: PublishingView | null;
}

/** A line on the console while the hub cannot reach Redis; polled, since the venue stream may be what broke. */
export function hostStatus(redis: RedisStatus): Html {
  return html`<div id="host-status" hx-get="/host/status" hx-trigger="every 10s" hx-swap="outerHTML">
    ${
      redis === 'down'
        ? html`<p class="alert alert-warn" role="alert">
            Redis is down (HUB=redis): phones on this laptop stay live, but the other instances do not hear
            this one's scores until it is back. Check the Redis server; BagTrax reconnects by itself.
          </p>`
        : ''
    }
  </div>`;
}

export function flashLine(flash: Flash | null): Html {
  if (!flash) return html``;
  return flash.tone === 'ok'
    ? html`<p class="alert alert-ok flash" role="status">${flash.message}</p>`
    : html`<p class="alert flash" role="alert">${flash.message}</p>`;
}

export function hostPage(v: HostView, base: Omit<LayoutOptions, 'title' | 'body'>) {
  const organiser = v.venue !== null;
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
            <p class="page-sub">
              Every board, what waits, and the night's results; phones join with the code.
            </p>
          </div>
          <div class="t-head-tools">
            ${
              organiser && v.tournaments
                ? html`<a class="button" href="/host/tournaments/new">New tournament</a>`
                : ''
            }
            <a class="button" href="/tv">Open the TV wall</a>
          </div>
        </div>
        ${flashLine(v.flash)} ${hostStatus(v.redis)}
        <div class="host-layout">
          <div class="host-main">
            ${v.tournaments ? tournamentList(v.tournaments, { variant: 'host', organiser }) : ''}
            <section class="host-boards" aria-labelledby="boards-title">
              <div class="section-head">
                <h2 id="boards-title">Boards</h2>
                ${organiser ? boardCountForm(v.boardCount) : ''}
              </div>
              ${boardGrid(v.boards, { variant: 'host', keeper: true, organiser })}
            </section>
            ${friendlyList(v.friendlies, { variant: 'host', keeper: true, organiser })}
            ${resultsTable(v.results)} ${organiser ? removedList(v.removed) : ''}
          </div>
          <div class="host-side">
            <section class="panel host-new" aria-labelledby="new-title">
              <h2 id="new-title">New game</h2>
              ${newGameForm({ boardCount: v.boardCount, roster: v.roster, back: '/host' })}
            </section>
            ${joinBlock(v.join)} ${v.venue ? pinCards(v.venue) : keeperNote()}
            ${v.relays ? relayCard(v.relays) : ''}
          </div>
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

const RELAY_STATE: Record<PublishingView['state'], string> = {
  off: 'Off: only phones on the venue Wi-Fi see the boards.',
  starting: 'Starting: sending the venue to Redis…',
  up: 'On: relays show the boards, games and tournaments live.',
  down: 'On, but Redis does not answer: relays keep the last scores; BagTrax sends everything again once it does.',
};

/** The organiser's switch for remote spectators, and how to start a relay for this venue. */
function relayCard(r: PublishingView): Html {
  const on = r.state !== 'off';
  return html`<section class="panel relay-card" aria-labelledby="relay-title">
    <h2 id="relay-title" class="eyebrow">Remote spectators</h2>
    <p class="relay-state" data-state="${r.state}">${RELAY_STATE[r.state]}</p>
    ${r.problem ? html`<p class="alert alert-warn" role="alert">${r.problem}</p>` : ''}
    ${
      r.forced
        ? html`<p class="muted">Switched on by PUBLISH=1 when BagTrax started.</p>`
        : html`<form method="post" action="/host/publish">
            <input type="hidden" name="publish" value="${on ? 'off' : 'on'}" />
            <button class="button ${on ? 'button-quiet' : ''}" type="submit">
              ${on ? 'Stop publishing' : 'Publish for relays'}
            </button>
          </form>`
    }
    <p class="muted form-hint">
      Publishing puts team and player names on Redis for read-only relays: friends at home, a league site, a
      stream overlay. PINs and sign-ins never leave this laptop. Stopping takes the boards off the relays.
    </p>
    <p class="muted form-hint">
      A relay follows venue <code>${r.venue}</code>: start it with
      <code>ROLE=relay VENUE=${r.venue} REDIS_URL=… npm run serve</code>.
    </p>
  </section>`;
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
