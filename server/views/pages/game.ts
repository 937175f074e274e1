// The spectator's game page: the HTMX scoreboard and the Alpine live island, both fed by one stream
// opened on #live (htmx 4 dispatches each named event there; the children listen to it).
import { liveState, type BagCounts, type GameState, type Side } from '../../domain/index.js';
import { html, type Html } from '../html.js';
import { layout, type LayoutOptions, liveRegion } from '../layout.js';
import { gameNotice, whereLabel } from '../partials/game-notice.js';
import { scoreboard } from '../partials/scoreboard.js';

const bagsText = (c: BagCounts) => `${c.hole} in · ${c.board} on · ${c.miss} off`;

/** One side's bags this round: its name, a pip per bag (shape, not just colour) and the same in words. */
function bagRow(state: GameState, side: Side): Html {
  const name = side === 'home' ? 'homeName' : 'awayName';
  return html`<div class="bagrow bagrow-${side}">
    <span class="bagrow-label" x-text="${name}">${state[side].name}</span>
    <span class="pips" aria-hidden="true"
      ><template x-for="(pip, i) in ${side}Pips" x-bind:key="i"
        ><span class="pip" x-bind:data-kind="pip"></span></template
    ></span>
    <span class="bagrow-bags" x-text="${side}Bags">${bagsText(state.round[side])}</span>
  </div>`;
}

export function liveIsland(state: GameState): Html {
  return html`<section
    class="island"
    x-data="gameState"
    data-state="${JSON.stringify(liveState(state))}"
    data-status="${state.status}"
    x-bind:data-status="status"
    aria-labelledby="island-title"
  >
    <div class="island-head">
      <h2 class="island-title" id="island-title" x-text="heading">Round ${state.round.number}</h2>
      <p class="island-score" aria-hidden="true">
        <span class="sr-only" x-text="homeName">${state.home.name}</span>
        <b x-text="homeScore">${state.home.score}</b><span class="island-dash">–</span
        ><b x-text="awayScore">${state.away.score}</b>
        <span class="sr-only" x-text="awayName">${state.away.name}</span>
      </p>
    </div>
    <div class="island-round">${bagRow(state, 'home')} ${bagRow(state, 'away')}</div>
    <p class="island-foot">
      <span class="legend" aria-hidden="true"
        ><span class="pip" data-kind="hole"></span> in <span class="pip" data-kind="board"></span> on
        <span class="pip" data-kind="miss"></span> off</span
      >
      <span>Updated <span x-text="updated">just now</span></span>
    </p>
    <p class="sr-only" aria-live="polite" x-text="announcement"></p>
  </section>`;
}

export function gamePage(state: GameState, base: Omit<LayoutOptions, 'title' | 'body'>) {
  const title = `${state.home.name} vs ${state.away.name}`;
  return layout({
    ...base,
    title,
    body: liveRegion({
      stream: `/games/${state.id}/events?since=${state.version}`,
      className: 'page game-page',
      body: html`
        <div class="game-head">
          <h1 class="game-title">${whereLabel(state)}<span class="sr-only">: ${title}</span></h1>
          ${base.keeper ? html`<a class="button button-small" href="/keep/${state.id}">Keep score</a>` : ''}
        </div>
        ${gameNotice(state, 'game')} ${scoreboard(state)} ${liveIsland(state)}
      `,
    }),
  });
}
