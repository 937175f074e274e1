// The scorekeeper's pad: big targets per side, bags left, undo, whole-round entry, the taps still on
// their way, and what needs the keeper when the server refused some (with the choices). An Alpine
// island on the page's one stream; its taps go through renderer/outbox.ts.
import { liveState, type GameState, type Side } from '../../domain/index.js';
import { html, type Html } from '../html.js';
import { layout, type LayoutOptions, liveRegion } from '../layout.js';
import { gameNotice } from '../partials/game-notice.js';

/** The three big targets per side, in the order a keeper reads them. */
const TAPS = [
  { result: 'hole', big: 'In', small: 'hole · 3' },
  { result: 'board', big: 'On', small: 'board · 1' },
  { result: 'miss', big: 'Off', small: 'miss · 0' },
] as const;

function sidePad(state: GameState, side: Side): Html {
  const name = side === 'home' ? 'homeName' : 'awayName';
  const left = side === 'home' ? 'homeLeft' : 'awayLeft';
  const c = state.round[side];
  const bagsLeft = Math.max(0, 4 - c.hole - c.board - c.miss);
  return html`<section class="pad-side pad-${side}" aria-label="${state[side].name}">
    <header class="pad-head">
      <h2 class="pad-name" x-text="${name}">${state[side].name}</h2>
      <p class="pad-left">
        <span x-text="${left}">${bagsLeft}</span>
        <span x-text="${left}Word">${bagsLeft === 1 ? 'bag' : 'bags'}</span> left
      </p>
    </header>
    <div class="pad-buttons">
      ${TAPS.map(
        (t) =>
          html`<button
            type="button"
            class="tap tap-${t.result}"
            data-side="${side}"
            data-result="${t.result}"
            x-on:click="tap"
            x-bind:disabled="locked"
          >
            <span class="tap-big">${t.big}</span><span class="tap-small">${t.small}</span>
          </button>`,
      )}
    </div>
  </section>`;
}

function countSelect(side: Side, kind: 'hole' | 'board', label: string): Html {
  return html`<label class="field-inline"
    >${label}
    <select name="${side}-${kind}" data-side="${side}" data-kind="${kind}">
      ${[0, 1, 2, 3, 4].map((n) => html`<option value="${n}">${n}</option>`)}
    </select></label
  >`;
}

/** A list of chips an island getter fills (`[{key, kind, label}]`). */
function chips(getter: string, label: string): Html {
  return html`<ul class="chips" aria-label="${label}">
    <template x-for="chip in ${getter}" x-bind:key="chip.key"
      ><li class="chip" x-bind:data-kind="chip.kind" x-text="chip.label"></li
    ></template>
  </ul>`;
}

/**
 * What needs the keeper, at the top of the pad: one line (a refused tap, taps held after a refusal,
 * a sign-in that ended, a removed game) and, where there is a choice, big buttons to make it.
 */
function attention(state: GameState): Html {
  const signIn = `/keeper/login?next=${encodeURIComponent(`/keep/${state.id}`)}`;
  return html`<div class="pad-alert" x-show="line" x-cloak x-bind:data-tone="lineTone">
    <p class="pad-message" role="alert" x-text="line"></p>
    <div class="pad-held" x-show="heldShown">
      <div class="pad-held-row" x-show="othersShown">
        <p class="pad-held-label">Other keeper:</p>
        ${chips('otherChips', 'Bags another keeper recorded meanwhile')}
      </div>
      <div class="pad-held-row">
        <p class="pad-held-label">Yours, on hold:</p>
        ${chips('heldChips', 'Your taps waiting for your decision')}
      </div>
      <div class="pad-choices">
        <button
          type="button"
          class="button button-primary pad-choice pad-send"
          x-show="sendShown"
          x-on:click="sendHeld"
        >
          <span x-text="sendLabel">Send them on the new score</span>
        </button>
        <button type="button" class="button pad-choice pad-discard" x-on:click="discardHeld">Discard</button>
      </div>
    </div>
    <div class="pad-choices" x-show="signedOut">
      <a class="button button-primary pad-choice pad-signin" href="${signIn}">Sign in</a>
    </div>
    <div class="pad-choices" x-show="gone">
      <button type="button" class="button pad-choice pad-discard" x-on:click="discardHeld">Discard</button>
    </div>
  </div>`;
}

export function keepPage(state: GameState, base: Omit<LayoutOptions, 'title' | 'body'>) {
  return layout({
    ...base,
    title: `Keep score: ${state.home.name} vs ${state.away.name}`,
    bodyClass: 'keeper',
    body: liveRegion({
      stream: `/games/${state.id}/events?since=${state.version}`,
      className: 'page pad-page',
      body: html`
        <h1 class="sr-only">Keep score: ${state.home.name} vs ${state.away.name}</h1>
        ${gameNotice(state, 'pad')}
        <div
          class="pad"
          x-data="keeperPad"
          data-game="${state.id}"
          data-state="${JSON.stringify(liveState(state))}"
        >
          <div class="pad-score" aria-live="polite">
            <div class="pad-total pad-total-home">
              <span class="pad-total-name" x-text="homeName">${state.home.name}</span
              ><b x-text="homeScore">${state.home.score}</b>
            </div>
            <div class="pad-round" x-text="heading">Round ${state.round.number}</div>
            <div class="pad-total pad-total-away">
              <span class="pad-total-name" x-text="awayName">${state.away.name}</span
              ><b x-text="awayScore">${state.away.score}</b>
            </div>
          </div>
          ${attention(state)}
          <div class="pad-sides">${sidePad(state, 'home')}${sidePad(state, 'away')}</div>
          <div class="pad-pending" x-show="pendingCount" x-cloak aria-live="polite">
            <p class="pad-pending-title" x-text="pendingTitle"></p>
            ${chips('pendingChips', 'Taps not yet confirmed by the scoreboard')}
          </div>
          <div class="pad-tools">
            <button type="button" class="button button-undo" x-on:click="undo" x-bind:disabled="cannotUndo">
              <span aria-hidden="true">↶</span> Undo last
            </button>
            <a class="button" href="/games/${state.id}">Spectator view</a>
          </div>
          <details class="round-entry">
            <summary>Enter a whole round</summary>
            <form class="round-form" x-on:submit="submitRound">
              <fieldset>
                <legend x-text="homeName">${state.home.name}</legend>
                ${countSelect('home', 'hole', 'In')} ${countSelect('home', 'board', 'On')}
              </fieldset>
              <fieldset>
                <legend x-text="awayName">${state.away.name}</legend>
                ${countSelect('away', 'hole', 'In')} ${countSelect('away', 'board', 'On')}
              </fieldset>
              <p class="muted">The rest of each side's four bags count as misses.</p>
              <button type="submit" class="button button-primary button-wide" x-bind:disabled="locked">
                Record round
              </button>
            </form>
          </details>
        </div>
      `,
    }),
  });
}
