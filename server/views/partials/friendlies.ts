// Games on no board ("Friendly games"): listed on the overview and the host console, live through the
// venue stream (`refresh-friendlies` on a bag, `refresh-games` when one comes or goes). The TV wall
// has the ones in play among its boards (boardGrid).
import type { GameState } from '../../domain/index.js';
import { html, type Html } from '../html.js';
import { friendlyCard, type CardOptions } from './board-card.js';

const variantQuery = (v: CardOptions['variant']) => (v && v !== 'venue' ? `?variant=${v}` : '');

/** The friendly games in play, and those finished tonight (the TV wall shows its own in its grid). */
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
    <div class="boards boards-${variant}">${shown.map((g) => friendlyCard(g, o, 3))}</div>
  </section>`;
}
