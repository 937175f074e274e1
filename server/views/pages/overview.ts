// The venue overview (GET /): every board and its live game, live through the venue stream.
import { html } from '../html.js';
import { layout, type LayoutOptions } from '../layout.js';
import { boardGrid, type BoardView } from '../partials/board-card.js';

export function overviewPage(
  boards: BoardView[],
  venueSeq: number,
  base: Omit<LayoutOptions, 'title' | 'body'>,
) {
  return layout({
    ...base,
    title: 'Boards',
    body: html`<main
      id="live"
      class="page"
      hx-sse:connect="/events?since=${venueSeq}"
      hx-trigger="load, bagtrax:connect"
    >
      <div class="page-head">
        <h1>Boards</h1>
        ${base.keeper ? html`<a class="button button-primary" href="/keep/new">New game</a>` : ''}
      </div>
      ${boardGrid(boards, { variant: 'venue', keeper: base.keeper ?? false })}
    </main>`,
  });
}

export function tvPage(boards: BoardView[], venueSeq: number, base: Omit<LayoutOptions, 'title' | 'body'>) {
  return layout({
    ...base,
    title: 'TV wall',
    bare: true,
    bodyClass: 'tv',
    body: html`<main
      id="live"
      class="tv-wall"
      hx-sse:connect="/events?since=${venueSeq}"
      hx-trigger="load, bagtrax:connect"
      x-data="tvWall"
    >
      <header class="tv-head">
        <span class="brand"><span class="brand-mark" aria-hidden="true"></span>BagTrax</span>
        <span class="conn" x-data="connection" x-bind:data-status="status"
          ><span class="conn-dot" aria-hidden="true"></span
          ><span class="conn-label" x-text="label">Connecting…</span></span
        >
      </header>
      ${boardGrid(boards, { variant: 'tv' })}
    </main>`,
  });
}
