// Which tournament match a game is ("Friday Cup · Semi-final 2"), on its page and its board's card;
// nothing for a game outside a tournament. The TV's cards carry no links.
import type { GameState } from '../../domain/index.js';
import { html, type Html } from '../html.js';

export function matchLine(g: GameState, o: { link: boolean } = { link: true }): Html {
  if (g.tournament === null || g.match === null) return html``;
  const name = o.link
    ? html`<a href="/tournaments/${g.tournament.id}">${g.tournament.name}</a>`
    : html`<span>${g.tournament.name}</span>`;
  return html`<p class="match-line name-fit" title="${g.tournament.name} · ${g.match.label}">
    ${name} · <span class="match-line-label">${g.match.label}</span>
  </p>`;
}
