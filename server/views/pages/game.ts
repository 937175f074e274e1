// The spectator's game page: the HTMX scoreboard and the Alpine live island (this round: its bags and
// the points they make), both fed by one stream opened on #live (htmx 4 dispatches each named event
// there; the children listen to it).
import { liveState, type BagCounts, type GameState, type Side } from '../../domain/index.js';
import { html, type Html } from '../html.js';
import { layout, type LayoutOptions, liveRegion } from '../layout.js';
import { gameNotice, whereLabel } from '../partials/game-notice.js';
import { matchLine } from '../partials/match-line.js';
import { scoreboard } from '../partials/scoreboard.js';

const points = (c: BagCounts) => 3 * c.hole + c.board;
const pointsText = (n: number) => `${n} ${n === 1 ? 'pt' : 'pts'}`;
const bagsText = (c: BagCounts) => `${c.hole} in · ${c.board} on · ${c.miss} off · ${pointsText(points(c))}`;

/**
 * One side's bags this round: its name, a pip per bag (shape, not just colour), the same in words with
 * the points they make, and, for the side ahead, the "+N" the round would score.
 */
function bagRow(state: GameState, side: Side): Html {
  const name = side === 'home' ? 'homeName' : 'awayName';
  const other: Side = side === 'home' ? 'away' : 'home';
  const lead = points(state.round[side]) - points(state.round[other]);
  const leads = state.rules.cancellation && lead > 0;
  return html`<div class="bagrow bagrow-${side}">
    <span class="bagrow-label name-fit" title="${state[side].name}" x-text="${name}" x-bind:title="${name}"
      >${state[side].name}</span
    >
    <span class="pips" aria-hidden="true"
      ><template x-for="(pip, i) in ${side}Pips" x-bind:key="i"
        ><span class="pip" x-bind:data-kind="pip"></span></template
    ></span>
    <span class="bagrow-bags"
      ><span x-text="${side}Bags">${bagsText(state.round[side])}</span>
      <span class="plus" x-show="${side}Leads" x-text="roundNet" ${leads ? '' : html`x-cloak`}
        >+${Math.abs(lead)}</span
      ></span
    >
  </div>`;
}

export function liveIsland(state: GameState): Html {
  const { home, away } = state.round;
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
      <p class="island-points">
        <span class="sr-only">Points this round:</span>
        <span class="score-pair"
          ><b x-text="homeRoundPoints">${points(home)}</b><span class="island-dash" aria-hidden="true">–</span
          ><b x-text="awayRoundPoints">${points(away)}</b></span
        >
      </p>
    </div>
    <div class="island-round">${bagRow(state, 'home')} ${bagRow(state, 'away')}</div>
    <p class="island-foot">
      <span class="legend" aria-hidden="true"
        ><span class="pip" data-kind="hole"></span> in <span class="pip" data-kind="board"></span> on
        <span class="pip" data-kind="miss"></span> off</span
      >
      <span class="island-score" aria-hidden="true">
        Game
        <span class="sr-only" x-text="homeName">${state.home.name}</span>
        <span class="score-pair"
          ><b x-text="homeScore">${state.home.score}</b><span class="island-dash">–</span
          ><b x-text="awayScore">${state.away.score}</b></span
        >
        <span class="sr-only" x-text="awayName">${state.away.name}</span>
      </span>
      <span class="island-updated">Updated <span x-text="updated">just now</span></span>
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
          ${matchLine(state)}
          ${base.keeper ? html`<a class="button button-small" href="/keep/${state.id}">Keep score</a>` : ''}
          ${gameNotice(state, 'game')}
        </div>
        ${scoreboard(state)} ${liveIsland(state)}
      `,
    }),
  });
}
