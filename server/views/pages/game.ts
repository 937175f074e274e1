// The spectator's game page: the HTMX scoreboard and the Alpine live island, both fed by one stream
// opened on #live (htmx 4 dispatches each named event there; the children listen to it).
import { liveState, type GameState } from '../../domain/index.js';
import { html } from '../html.js';
import { layout, type LayoutOptions } from '../layout.js';
import { scoreboard } from '../partials/scoreboard.js';

export function liveIsland(state: GameState) {
  return html`<section
    class="island"
    x-data="gameState"
    data-state="${JSON.stringify(liveState(state))}"
    aria-label="This round"
  >
    <h2 class="island-title">
      <span x-text="heading">Round ${state.round.number}</span>
    </h2>
    <div class="island-score" aria-hidden="true">
      <span class="island-team"
        ><span x-text="homeName">${state.home.name}</span> <b x-text="homeScore">${state.home.score}</b></span
      >
      <span class="island-team"
        ><b x-text="awayScore">${state.away.score}</b> <span x-text="awayName">${state.away.name}</span></span
      >
    </div>
    <div class="island-round">
      <div class="bagrow">
        <span class="bagrow-label" x-text="homeName">${state.home.name}</span>
        <span class="bagrow-bags" x-text="homeBags"
          >${state.round.home.hole} in · ${state.round.home.board} on · ${state.round.home.miss} off</span
        >
      </div>
      <div class="bagrow">
        <span class="bagrow-label" x-text="awayName">${state.away.name}</span>
        <span class="bagrow-bags" x-text="awayBags"
          >${state.round.away.hole} in · ${state.round.away.board} on · ${state.round.away.miss} off</span
        >
      </div>
    </div>
    <p class="island-foot muted">Updated <span x-text="updated">just now</span></p>
  </section>`;
}

export function gamePage(state: GameState, base: Omit<LayoutOptions, 'title' | 'body'>) {
  const title = `${state.home.name} vs ${state.away.name}`;
  return layout({
    ...base,
    title,
    body: html`<main
      id="live"
      class="page game-page"
      hx-sse:connect="/games/${state.id}/events?since=${state.version}"
      hx-trigger="load, bagtrax:connect"
    >
      <p class="crumbs">
        ${state.board ? `Board ${state.board}` : 'Friendly game'}${
          base.keeper ? html` · <a href="/keep/${state.id}">Keep score</a>` : ''
        }
      </p>
      ${scoreboard(state)} ${liveIsland(state)}
    </main>`,
  });
}
