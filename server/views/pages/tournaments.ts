// GET /tournaments: every tournament of the venue, the latest first, live through the venue stream
// (a new one appears, a status changes); the organiser also gets "New tournament" and each one's
// run page.
import { html } from '../html.js';
import { layout, type LayoutOptions, liveRegion } from '../layout.js';
import { tournamentList, type TournamentItem } from '../partials/tournament-list.js';

export function tournamentsPage(
  items: readonly TournamentItem[],
  venueSeq: number,
  base: Omit<LayoutOptions, 'title' | 'body'>,
  organiser = false,
) {
  return layout({
    ...base,
    title: 'Tournaments',
    body: liveRegion({
      stream: `/events?since=${venueSeq}`,
      className: 'page tournaments',
      body: html`
        <div class="page-head">
          <div>
            <h1>Tournaments</h1>
            <p class="page-sub">Brackets, board calls and standings, live. Open one to follow it.</p>
          </div>
          ${
            organiser
              ? html`<a class="button button-primary" href="/host/tournaments/new">New tournament</a>`
              : ''
          }
        </div>
        ${tournamentList(items, { variant: 'page', organiser })}
      `,
    }),
  });
}
