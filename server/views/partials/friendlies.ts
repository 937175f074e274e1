// Games on no board ("Friendly games"): listed on the overview, the TV wall and the host console, live
// through the venue stream (`refresh-friendlies` on a bag, `refresh-games` when one comes or goes).
import type { GameState } from '../../domain/index.js';
import { html, type Html } from '../html.js';
import { gameBlock, keepLink, statusPill, type CardOptions } from './board-card.js';

const variantQuery = (v: CardOptions['variant']) => (v && v !== 'venue' ? `?variant=${v}` : '');

function friendlyCard(g: GameState, o: CardOptions): Html {
  const keeper = o.keeper === true && o.variant !== 'tv';
  return html`<article
    class="card card-${g.status} card-friendly"
    id="friendly-${g.id}"
    data-version="${g.version}"
    data-game="${g.id}"
    data-status="${g.status}"
    aria-labelledby="friendly-${g.id}-title"
  >
    <header class="card-head">
      <h3 class="card-title" id="friendly-${g.id}-title">Friendly</h3>
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

/** The TV shows the friendly games in play; the other pages also those finished tonight. */
export function friendlyList(games: readonly GameState[], o: CardOptions = {}): Html {
  const shown = o.variant === 'tv' ? games.filter((g) => g.status === 'live') : games;
  const variant = o.variant ?? 'venue';
  return html`<section
    class="friendlies friendlies-${variant}"
    id="friendlies"
    hx-get="/friendlies${variantQuery(o.variant)}"
    hx-trigger="refresh-games from:#live, refresh-friendlies from:#live"
    hx-swap="outerMorph"
    data-count="${shown.length}"
    aria-labelledby="friendlies-title"
    ${shown.length ? '' : html`hidden`}
  >
    <h2 class="friendlies-title" id="friendlies-title">Friendly games</h2>
    <div class="boards boards-${variant}">${shown.map((g) => friendlyCard(g, o))}</div>
  </section>`;
}
