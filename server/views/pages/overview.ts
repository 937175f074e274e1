// The venue overview (GET /) and the TV wall (GET /tv): every board and its live game, live through the
// venue stream. The TV wall is dark, has no links and sizes its grid to the number of games shown
// (the boards in use and the friendly games in play).
import { html, raw, type Html } from '../html.js';
import type { GameState } from '../../domain/index.js';
import { flashLine, type Flash, type JoinInfo } from './host.js';
import { friendlyList } from '../partials/friendlies.js';
import { brand, connectionBadge, layout, type LayoutOptions, liveRegion } from '../layout.js';
import { boardGrid, type BoardView } from '../partials/board-card.js';
import { tournamentList, type TournamentItem } from '../partials/tournament-list.js';

export function overviewPage(
  boards: BoardView[],
  venueSeq: number,
  base: Omit<LayoutOptions, 'title' | 'body'>,
  friendlies: GameState[] = [],
  flash: Flash | null = null,
  /** Tonight's tournaments; none without the tournament service. */
  tournaments?: readonly TournamentItem[],
) {
  return layout({
    ...base,
    title: 'Boards',
    current: 'boards',
    body: liveRegion({
      stream: `/events?since=${venueSeq}`,
      className: 'page overview',
      body: html`
        <div class="page-head">
          <div>
            <h1>Boards</h1>
            <p class="page-sub">Scores update live. Open a game to follow it bag by bag.</p>
          </div>
          ${base.keeper ? html`<a class="button button-primary" href="/keep/new">New game</a>` : ''}
        </div>
        ${flashLine(flash)} ${tournaments ? tournamentList(tournaments, { variant: 'venue' }) : ''}
        ${boardGrid(boards, { variant: 'venue', keeper: base.keeper ?? false })}
        ${friendlyList(friendlies, { variant: 'venue', keeper: base.keeper ?? false })}
      `,
    }),
  });
}

/** The join code as a TV shows it across the room; nothing when phones cannot join. */
export function tvJoin(join: JoinInfo): Html {
  if (join.problem) return html``;
  return html`<div class="tv-join">
    <p class="tv-join-text">Follow on your phone<strong>${join.joinUrl}</strong></p>
    <div class="tv-qr" role="img" aria-label="QR code for ${join.joinUrl}">${raw(join.qrSvg)}</div>
  </div>`;
}

export function tvPage(
  boards: BoardView[],
  venueSeq: number,
  join: JoinInfo,
  base: Omit<LayoutOptions, 'title' | 'body'>,
  friendlies: GameState[] = [],
  tournaments?: readonly TournamentItem[],
) {
  return layout({
    ...base,
    title: 'TV wall',
    bare: true,
    bodyClass: 'tv',
    body: liveRegion({
      stream: `/events?since=${venueSeq}`,
      className: 'tv-wall',
      island: 'tvWall',
      body: html`
        <header class="tv-head">
          <h1 class="brand tv-brand">${brand()}<span class="sr-only"> live scores</span></h1>
          ${tournaments ? tournamentList(tournaments, { variant: 'tv' }) : ''} ${tvJoin(join)}
          ${connectionBadge()}
        </header>
        ${boardGrid(boards, { variant: 'tv' }, friendlies)}
        <p class="tv-stale" x-show="stale" x-text="staleLine" x-cloak></p>
      `,
    }),
  });
}
