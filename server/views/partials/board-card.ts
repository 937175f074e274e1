// One board's card (GET /boards/{n}): its live game, the score and what is next. The overview and the
// TV wall render it and swap it again on `refresh-board-{n}` from the venue stream.
import type { GameState } from '../../domain/index.js';
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
  /** 'tv' renders bigger digits and no links. */
  variant?: 'venue' | 'tv' | 'host';
  keeper?: boolean;
}

const variantQuery = (v: CardOptions['variant']) => (v && v !== 'venue' ? `?variant=${v}` : '');

function scoreLine(g: GameState, variant: CardOptions['variant']): Html {
  const side = (s: 'home' | 'away') =>
    html`<div class="card-team${g.winner === s ? ' card-won' : ''}">
      <span class="card-name">${g[s].name}</span><span class="card-score">${g[s].score}</span>
    </div>`;
  return html`<div class="card-teams">${side('home')}${side('away')}</div>
    <div class="card-meta">
      ${
        g.status === 'final'
          ? html`<strong class="badge badge-win">${g.winner ? `${g[g.winner].name} win` : 'Final'}</strong>`
          : html`<span>Round ${g.round.number}</span>`
      }
      ${variant === 'tv' ? '' : html`<a class="card-link" href="/games/${g.id}">Watch</a>`}
    </div>`;
}

export function boardCard(b: BoardView, o: CardOptions = {}): Html {
  const g = b.current;
  const next = b.queue[0];
  const url = `/boards/${b.number}${variantQuery(o.variant)}`;
  return html`<article
    class="card${g ? '' : ' card-idle'}${g?.status === 'final' ? ' card-final' : ''}"
    id="board-${b.number}"
    hx-get="${url}"
    hx-trigger="refresh-board-${b.number} from:#live"
    hx-swap="outerHTML"
    data-version="${g?.version ?? ''}"
    aria-labelledby="board-${b.number}-title"
  >
    <h2 class="card-title" id="board-${b.number}-title">Board ${b.number}</h2>
    ${g ? scoreLine(g, o.variant) : html`<p class="muted card-empty">No game on this board</p>`}
    ${o.variant === 'host' && g ? html`<p class="card-watchers">${b.watchers ?? 0} watching</p>` : ''}
    ${next ? html`<p class="card-next">Next up: ${next.home.name} vs ${next.away.name}</p>` : ''}
    ${
      o.keeper && o.variant !== 'tv'
        ? html`<div class="card-actions">
            ${g && g.status === 'live' ? html`<a class="button" href="/keep/${g.id}">Keep score</a>` : ''}
            ${
              next && (!g || g.status === 'final')
                ? html`<form method="post" action="/host/boards/${b.number}/next">
                    <button class="button button-primary" type="submit">Start next game</button>
                  </form>`
                : ''
            }
          </div>`
        : ''
    }
  </article>`;
}

export function boardGrid(boards: BoardView[], o: CardOptions = {}): Html {
  const url = `/boards${variantQuery(o.variant)}`;
  return html`<div
    class="boards boards-${o.variant ?? 'venue'}"
    id="boards"
    hx-get="${url}"
    hx-trigger="refresh-games from:#live"
    hx-swap="outerHTML"
  >
    ${boards.map((b) => boardCard(b, o))}
  </div>`;
}
