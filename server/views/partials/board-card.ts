// One board's card (GET /boards/{n}): its live game, the score and what is next. The overview, the host
// console and the TV wall render it and morph it again on `refresh-board-{n}` from the venue stream
// (morph, not replace: a refresh queued while one is in flight must still find its element).
import type { GameState, Side } from '../../domain/index.js';
import { matchLine } from './match-line.js';
import { html, type Html } from '../html.js';

export interface BoardView {
  number: number;
  current: GameState | null;
  queue: Array<{ id: string; home: { name: string }; away: { name: string } }>;
  lastFinished: GameState | null;
  /** Phones watching the current game (host console only). */
  watchers?: number;
}

export interface CardOptions {
  /** 'tv' renders bigger digits and no links; 'host' adds watchers, exports and the keeper's buttons. */
  variant?: 'venue' | 'tv' | 'host';
  keeper?: boolean;
  /** The organiser's controls on the host console: fix, reorder and remove games. */
  organiser?: boolean;
}

const variantQuery = (v: CardOptions['variant']) => (v && v !== 'venue' ? `?variant=${v}` : '');

function teamRow(g: GameState, s: Side): Html {
  // Name and score stay adjacent in the markup (no gap in the text): the tag is placed by CSS.
  return html`<div class="card-team card-team-${s}${g.winner === s ? ' card-won' : ''}">
    <span class="card-name name-fit" title="${g[s].name}">${g[s].name}</span
    ><span class="card-score">${g[s].score}</span>${
      g.winner === s ? html`<span class="card-tag">Winner</span>` : ''
    }
  </div>`;
}

export function statusPill(g: GameState | null): Html {
  if (!g) return html`<span class="pill pill-idle">Open</span>`;
  return g.status === 'final'
    ? html`<span class="pill pill-final">Final</span>`
    : html`<span class="pill pill-live">In play</span>`;
}

/** What the game is played to, as the TV shows it across the room: "to 11", "to 21 · bust 15". */
export function targetText(r: GameState['rules']): string {
  return r.bust === null ? `to ${r.target}` : `to ${r.target} · bust ${r.bust}`;
}

export function gameBlock(g: GameState, o: CardOptions): Html {
  return html`${matchLine(g, { link: o.variant !== 'tv' })}
    <div class="card-teams">${teamRow(g, 'home')}${teamRow(g, 'away')}</div>
    <div class="card-meta">
      ${
        g.status === 'final'
          ? html`<strong class="badge badge-win" title="${g.winner ? `${g[g.winner].name} win` : 'Final'}"
              >${g.winner ? html`<span class="name-fit" title="${g[g.winner].name}">${g[g.winner].name}</span> win` : 'Final'}</strong
            >`
          : html`<span class="card-round">Round ${g.round.number}</span>`
      }
      ${
        o.variant === 'tv'
          ? html`<span class="card-target">${targetText(g.rules)}</span>`
          : html`<a class="card-link" href="/games/${g.id}"
              >Watch<span class="sr-only">: ${g.home.name} vs ${g.away.name}</span></a
            >`
      }
    </div>`;
}

function lastResult(g: GameState): Html {
  const w = g.winner ?? 'home';
  const l: Side = w === 'home' ? 'away' : 'home';
  return html`<p class="card-prev">
    Last: ${g[w].name} <span class="score-pair">${g[w].score}–${g[l].score}</span> ${g[l].name} ·
    <a href="/api/games/${g.id}/export.csv" download>CSV<span class="sr-only"> of that game</span></a>
  </p>`;
}

/** Where a keeper's "Start next game" comes back to: the page it was pressed on. */
const backTo = (o: CardOptions) => (o.variant === 'host' ? '/host' : '/');

/** "Keep score" for the board's live game: big on the boards page, where keepers land. */
export function keepLink(g: GameState, o: CardOptions, where: string): Html {
  const size = o.variant === 'host' ? 'button-small' : 'button-primary button-wide card-keep';
  return html`<a class="button ${size}" href="/keep/${g.id}"
    >Keep score<span class="sr-only">: ${where}, ${g.home.name} vs ${g.away.name}</span></a
  >`;
}

function hostActions(b: BoardView, o: CardOptions): Html {
  const g = b.current;
  return html`<div class="card-actions">
    ${g && g.status === 'live' ? keepLink(g, o, `board ${b.number}`) : ''}
    ${
      g && o.organiser
        ? g.tournament !== null
          ? // A match's game is moved and fixed from its tournament's run page.
            html`<a class="button button-small button-quiet" href="/host/tournaments/${g.tournament.id}"
              >Run tournament<span class="sr-only">: ${g.tournament.name}</span></a
            >`
          : html`<a class="button button-small button-quiet" href="/host/games/${g.id}/edit"
              >Edit<span class="sr-only">: ${g.home.name} vs ${g.away.name}</span></a
            >`
        : ''
    }
    ${
      g && g.status === 'final'
        ? html`<a class="button button-small button-quiet" href="/api/games/${g.id}/export.csv" download
            >Results CSV</a
          >`
        : ''
    }
  </div>`;
}

/**
 * A game on no board, as a card: in the "Friendly games" list (a heading of level 3) and, beside the
 * boards, in the TV wall's grid (level 2, like the boards' own).
 */
export function friendlyCard(g: GameState, o: CardOptions, level: 2 | 3): Html {
  const keeper = o.keeper === true && o.variant !== 'tv';
  const id = `friendly-${g.id}-title`;
  return html`<article
    class="card card-${g.status} card-friendly"
    id="friendly-${g.id}"
    data-version="${g.version}"
    data-game="${g.id}"
    data-status="${g.status}"
    data-home="${g.home.score}"
    data-away="${g.away.score}"
    aria-labelledby="${id}"
  >
    <header class="card-head">
      ${
        level === 2
          ? html`<h2 class="card-title" id="${id}">Friendly</h2>`
          : html`<h3 class="card-title" id="${id}">Friendly</h3>`
      }
      ${statusPill(g)}
    </header>
    ${gameBlock(g, o)}
    ${
      keeper
        ? html`<div class="card-actions">
            ${g.status === 'live' ? keepLink(g, o, 'friendly game') : ''}
            ${
              o.organiser
                ? html`<a class="button button-small button-quiet" href="/host/games/${g.id}/edit"
                    >Edit<span class="sr-only">: ${g.home.name} vs ${g.away.name}</span></a
                  >`
                : ''
            }
          </div>`
        : ''
    }
  </article>`;
}

/** A finished (or free) board with a game waiting: what the keeper presses next, at the top of the card. */
function readyCallout(b: BoardView, next: BoardView['queue'][number], o: CardOptions): Html {
  const g = b.current;
  const what = g
    ? g.winner
      ? `${g[g.winner].name} won ${g[g.winner].score}–${g[g.winner === 'home' ? 'away' : 'home'].score}`
      : 'Finished'
    : 'Free';
  return html`<div class="card-ready-box">
    <p class="card-ready-text"><strong>${g ? 'Game over' : 'Board free'}</strong> · ${what}</p>
    <form method="post" action="/host/boards/${b.number}/next">
      <input type="hidden" name="back" value="${backTo(o)}" />
      <button class="button button-primary button-wide card-start" type="submit">
        Start next game<span class="sr-only">: ${next.home.name} vs ${next.away.name}</span>
      </button>
    </form>
  </div>`;
}

/** The host console's line of waiting games, with the organiser's controls (earlier, later, fix, remove). */
function queueList(b: BoardView, o: CardOptions): Html {
  if (b.queue.length === 0) return html``;
  const last = b.queue.length - 1;
  const move = (id: string, dir: 'up' | 'down', names: string) =>
    html`<form method="post" action="/host/boards/${b.number}/queue">
      <input type="hidden" name="game" value="${id}" /><input type="hidden" name="move" value="${dir}" />
      <button class="button button-small queue-move" type="submit">
        <span aria-hidden="true">${dir === 'up' ? '↑' : '↓'}&nbsp;</span
        >${dir === 'up' ? 'Earlier' : 'Later'}<span class="sr-only">: ${names}</span>
      </button>
    </form>`;
  return html`<div class="card-queue-box">
    <p class="card-queue-title">Waiting for board ${b.number}</p>
    <ol class="card-queue">
      ${b.queue.map((q, i) => {
        const names = `${q.home.name} vs ${q.away.name}`;
        return html`<li class="card-queue-item" data-game="${q.id}">
          <span class="card-queue-names">${names}</span>
          ${
            o.organiser
              ? html`<span class="card-queue-tools">
                  ${i > 0 ? move(q.id, 'up', names) : ''} ${i < last ? move(q.id, 'down', names) : ''}
                  <a class="button button-small" href="/host/games/${q.id}/edit"
                    >Edit<span class="sr-only">: ${names}</span></a
                  >
                  <form method="post" action="/host/games/${q.id}/remove">
                    <button class="button button-small queue-remove" type="submit">
                      Remove<span class="sr-only">: ${names}</span>
                    </button>
                  </form>
                </span>`
              : ''
          }
        </li>`;
      })}
    </ol>
  </div>`;
}

export function boardCard(b: BoardView, o: CardOptions = {}): Html {
  const g = b.current;
  const next = b.queue[0];
  const url = `/boards/${b.number}${variantQuery(o.variant)}`;
  const state = g ? g.status : 'idle';
  const keeperCard = o.keeper === true && o.variant !== 'tv';
  // A board whose game is over (or that is free) while a game waits: the keeper's next move.
  const ready = keeperCard && next !== undefined && (!g || g.status === 'final');
  return html`<article
    class="card card-${state}${ready ? ' card-ready' : ''}"
    id="board-${b.number}"
    hx-get="${url}"
    hx-trigger="refresh-board-${b.number} from:#live"
    hx-swap="outerMorph"
    data-version="${g?.version ?? ''}"
    data-game="${g?.id ?? ''}"
    data-status="${state}"
    data-home="${g?.home.score ?? ''}"
    data-away="${g?.away.score ?? ''}"
    aria-labelledby="board-${b.number}-title"
  >
    <header class="card-head">
      <h2 class="card-title" id="board-${b.number}-title">Board ${b.number}</h2>
      ${statusPill(g)}
    </header>
    ${ready ? readyCallout(b, next, o) : ''}
    ${g ? gameBlock(g, o) : html`<p class="card-empty">No game on this board</p>`}
    ${
      o.variant === 'host'
        ? queueList(b, o)
        : next
          ? html`<p class="card-next">
              <span class="card-next-label">Next up:</span>
              <span class="card-next-teams name-fit" title="${next.home.name} vs ${next.away.name}"
                >${next.home.name} vs ${next.away.name}</span
              >
            </p>`
          : ''
    }
    ${
      o.variant === 'host'
        ? html`${g ? html`<p class="card-watchers">${b.watchers ?? 0} watching</p>` : ''}
          ${b.lastFinished ? lastResult(b.lastFinished) : ''}`
        : ''
    }
    ${keeperCard ? hostActions(b, o) : ''}
  </article>`;
}

export function boardGrid(
  boards: BoardView[],
  o: CardOptions = {},
  friendlies: readonly GameState[] = [],
): Html {
  const url = `/boards${variantQuery(o.variant)}`;
  const tv = o.variant === 'tv';
  // The TV shows only boards with a game on them (live or just finished): empty boards waste the room's
  // screen. A board that gets a game arrives with the `refresh-games` swap of the whole grid. The
  // friendly games in play take a card each beside them, the same size, so the wall reads across the
  // room whatever mix of games the night has.
  const shown = tv ? boards.filter((b) => b.current) : boards;
  const others = tv ? friendlies.filter((g) => g.status === 'live') : [];
  const count = shown.length + others.length;
  return html`<div
    class="boards boards-${o.variant ?? 'venue'}"
    id="boards"
    hx-get="${url}"
    hx-trigger="refresh-games from:#live${tv ? ', refresh-friendlies from:#live' : ''}"
    hx-swap="outerMorph"
    data-count="${count}"
  >
    ${
      count
        ? html`${shown.map((b) => boardCard(b, o))}${others.map((g) => friendlyCard(g, o, 2))}`
        : html`<p class="boards-empty">No games yet. They appear here as soon as a keeper starts one.</p>`
    }
  </div>`;
}
