// One board's card (GET /boards/{n}): its live game, the score and what is next. The overview, the host
// console and the TV wall render it and morph it again on `refresh-board-{n}` from the venue stream
// (morph, not replace: a refresh queued while one is in flight must still find its element).
import type { GameState, Side } from '../../domain/index.js';
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

function statusPill(g: GameState | null): Html {
  if (!g) return html`<span class="pill pill-idle">Open</span>`;
  return g.status === 'final'
    ? html`<span class="pill pill-final">Final</span>`
    : html`<span class="pill pill-live">In play</span>`;
}

/** What the game is played to, as the TV shows it across the room: "to 11", "to 21 · bust 15". */
export function targetText(r: GameState['rules']): string {
  return r.bust === null ? `to ${r.target}` : `to ${r.target} · bust ${r.bust}`;
}

function gameBlock(g: GameState, o: CardOptions): Html {
  return html`<div class="card-teams">${teamRow(g, 'home')}${teamRow(g, 'away')}</div>
    <div class="card-meta">
      ${
        g.status === 'final'
          ? html`<strong class="badge badge-win"
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

function hostActions(b: BoardView, next: BoardView['queue'][number] | undefined): Html {
  const g = b.current;
  return html`<div class="card-actions">
    ${g && g.status === 'live' ? html`<a class="button button-small" href="/keep/${g.id}">Keep score</a>` : ''}
    ${
      next && (!g || g.status === 'final')
        ? html`<form method="post" action="/host/boards/${b.number}/next">
            <button class="button button-small button-primary" type="submit">Start next game</button>
          </form>`
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

export function boardCard(b: BoardView, o: CardOptions = {}): Html {
  const g = b.current;
  const next = b.queue[0];
  const url = `/boards/${b.number}${variantQuery(o.variant)}`;
  const state = g ? g.status : 'idle';
  return html`<article
    class="card card-${state}"
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
    ${g ? gameBlock(g, o) : html`<p class="card-empty">No game on this board</p>`}
    ${
      next
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
    ${o.keeper && o.variant !== 'tv' ? hostActions(b, next) : ''}
  </article>`;
}

export function boardGrid(boards: BoardView[], o: CardOptions = {}): Html {
  const url = `/boards${variantQuery(o.variant)}`;
  // The TV shows only boards with a game on them (live or just finished): empty boards waste the room's
  // screen. A board that gets a game arrives with the `refresh-games` swap of the whole grid.
  const shown = o.variant === 'tv' ? boards.filter((b) => b.current) : boards;
  return html`<div
    class="boards boards-${o.variant ?? 'venue'}"
    id="boards"
    hx-get="${url}"
    hx-trigger="refresh-games from:#live"
    hx-swap="outerMorph"
    data-count="${shown.length}"
  >
    ${
      shown.length
        ? shown.map((b) => boardCard(b, o))
        : html`<p class="boards-empty">No games yet. They appear here as soon as a keeper starts one.</p>`
    }
  </div>`;
}
