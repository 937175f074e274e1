// A tournament's pages: the spectators' page (GET /tournaments/{id}) and its TV mode (…/tv). Both
// open the tournament's stream on #live (never swapped) and morph one region on `refresh-bracket`:
// the champion, the board calls, the bracket or the rounds, the standings (the run page's controls
// list the boards, so it leaves the calls out). GET /tournaments/{id}/bracket
// serves that region alone; the organiser's run page adds its controls on top (variant `host`).
import type { TournamentState } from '../../domain/tournament/index.js';
import { html, type Html } from '../html.js';
import { brand, connectionBadge, layout, type LayoutOptions, liveRegion } from '../layout.js';
import { bracket, type BracketVariant } from '../partials/bracket.js';
import { boardCalls } from '../partials/calls.js';
import { standingsTable } from '../partials/standings.js';
import { statusPill } from '../partials/tournament-list.js';
import { FORMAT_NAMES, nameOf, namesOf } from '../partials/tournament-words.js';
import { tvJoin } from './overview.js';
import type { JoinInfo } from './host.js';

export interface RegionOptions {
  variant: BracketVariant;
  /** The server's clock (ms) for "called 2 min ago" as served. */
  now: number;
  /** The organiser's controls, at the top of the region (run page). */
  controls?: Html;
}

const regionUrl = (state: TournamentState, variant: BracketVariant) =>
  `/tournaments/${state.id}/bracket${variant === 'page' ? '' : `?variant=${variant}`}`;

function champion(state: TournamentState): Html {
  if (state.status !== 'final' || state.champion === null) return html``;
  const name = nameOf(namesOf(state), state.champion);
  return html`<p class="champion" data-team="${state.champion}">
    <span class="champion-label">Champion</span>
    <strong class="champion-name">${name}</strong>
  </p>`;
}

function drawTitle(state: TournamentState): string {
  if (state.status === 'setup') return `Teams (${state.teams.length})`;
  return state.format === 'round-robin' ? 'Matches' : 'Bracket';
}

/** The swapped region: what changes with every write to the tournament. */
export function tournamentRegion(state: TournamentState, o: RegionOptions): Html {
  const names = namesOf(state);
  const draw = html`<section class="t-draw" aria-labelledby="draw-title">
    <h2 id="draw-title" class="${o.variant === 'tv' ? 'sr-only' : ''}">${drawTitle(state)}</h2>
    ${bracket(state, o.variant, names)}
  </section>`;
  const table = state.status === 'setup' ? html`` : standingsTable(state, names);
  // A round robin is its table first; an elimination is its bracket (the TV shows only the bracket).
  const body =
    state.format === 'round-robin'
      ? o.variant === 'tv'
        ? html`<div class="t-tv-rr">${table} ${draw}</div>`
        : html`${table} ${draw}`
      : html`${draw} ${o.variant === 'tv' ? '' : table}`;
  return html`<section
    id="tournament-live"
    class="t-region t-region-${o.variant}"
    hx-get="${regionUrl(state, o.variant)}"
    hx-trigger="refresh-bracket from:#live"
    hx-swap="outerMorph"
    data-version="${state.version}"
    data-status="${state.status}"
    data-now="${o.now}"
  >
    ${o.controls ?? ''} ${champion(state)} ${o.variant === 'host' ? '' : boardCalls(state, o.now, names)}
    ${body}
  </section>`;
}

export const streamUrl = (state: TournamentState) => `/tournaments/${state.id}/events?since=${state.version}`;

/** "boards 1, 2, 3" */
export const boardsText = (state: TournamentState) =>
  `${state.boards.length === 1 ? 'board' : 'boards'} ${state.boards.join(', ')}`;

export function tournamentFacts(state: TournamentState): string {
  return `${FORMAT_NAMES[state.format]} · ${state.teams.length} teams · ${boardsText(state)}`;
}

/** The name with its status, what it is, and the page's buttons. */
export function tournamentHead(state: TournamentState, tools: Html): Html {
  return html`<div class="page-head">
    <div>
      <h1 class="t-title">${state.name} ${statusPill(state.status)}</h1>
      <p class="page-sub">${tournamentFacts(state)}</p>
    </div>
    <div class="t-head-tools">${tools}</div>
  </div>`;
}

export function tournamentPage(
  state: TournamentState,
  now: number,
  base: Omit<LayoutOptions, 'title' | 'body'>,
  organiser = false,
) {
  return layout({
    ...base,
    title: state.name,
    body: liveRegion({
      stream: streamUrl(state),
      className: 'page page-wide tournament',
      island: 'callTimes',
      body: html`
        ${tournamentHead(
          state,
          html`${
              organiser
                ? html`<a class="button button-primary" href="/host/tournaments/${state.id}">Run it</a>`
                : ''
            } <a class="button" href="/tournaments/${state.id}/tv">TV mode</a>`,
        )}
        ${tournamentRegion(state, { variant: 'page', now })} ${exportLinks(state)}
      `,
    }),
  });
}

export function exportLinks(state: TournamentState): Html {
  return html`<p class="t-exports muted">
    Every match, one row each:
    <a href="/api/tournaments/${state.id}/export.csv" download>CSV</a> ·
    <a href="/api/tournaments/${state.id}/export.json" download>JSON</a>
  </p>`;
}

/** TV mode: dark, nothing to tap; the calls large at the top beside the join code, then the whole draw. */
export function tournamentTvPage(
  state: TournamentState,
  now: number,
  join: JoinInfo,
  base: Omit<LayoutOptions, 'title' | 'body'>,
) {
  return layout({
    ...base,
    title: `${state.name} (TV)`,
    bare: true,
    bodyClass: 'tv t-tv-body',
    body: liveRegion({
      stream: streamUrl(state),
      className: `t-tv t-tv-${state.format}`,
      island: 'callTimes',
      body: html`
        <header class="t-tv-head">
          <p class="brand tv-brand">${brand()}</p>
          <h1 class="t-tv-title">${state.name}</h1>
          <p class="t-tv-facts">${FORMAT_NAMES[state.format]} · ${state.teams.length} teams</p>
          ${connectionBadge()}
        </header>
        ${tournamentRegion(state, { variant: 'tv', now })} ${tvJoin(join)}
      `,
    }),
  });
}
