// The scorekeeper's pad: the score, one reserved status line, big targets per side with this round's
// bags, points and bags left, undo, the taps still on their way (below the buttons, so they come and
// go without moving one), whole-round entry, and what needs the keeper when the server refused some
// (with the choices). An Alpine island on the page's one stream;
// its taps go through renderer/outbox.ts.
import { liveState, type GameState, type Side } from '../../domain/index.js';
import { html, type Html } from '../html.js';
import { layout, type LayoutOptions, liveRegion } from '../layout.js';
import { gameNotice } from '../partials/game-notice.js';
import { heading, nextGameHref } from '../../../renderer/islands/live-state.js';

/** The three big targets per side, in the order a keeper reads them. */
const TAPS = [
  { result: 'hole', big: 'In', small: 'hole · 3' },
  { result: 'board', big: 'On', small: 'board · 1' },
  { result: 'miss', big: 'Off', small: 'miss · 0' },
] as const;

function sidePad(state: GameState, side: Side): Html {
  const name = side === 'home' ? 'homeName' : 'awayName';
  const c = state.round[side];
  const thrown = c.hole + c.board + c.miss;
  const left = Math.max(0, 4 - thrown);
  const points = 3 * c.hole + c.board;
  const words = [
    ...Array<string>(c.hole).fill('In'),
    ...Array<string>(c.board).fill('On'),
    ...Array<string>(c.miss).fill('Off'),
  ];
  return html`<section
    class="pad-side pad-${side}"
    aria-label="${state[side].name}"
    ${left === 0 && state.status === 'live' ? html`data-done` : ''}
    x-bind:data-done="${side}Done"
  >
    <header class="pad-head">
      <h2 class="pad-name name-fit" title="${state[side].name}" x-text="${name}" x-bind:title="${name}">
        ${state[side].name}
      </h2>
      <div class="pad-tally">
        <span class="pips pad-pips" aria-hidden="true"
          ><template x-for="pip in ${side}Pips" x-bind:key="pip.key"
            ><span class="pip" x-bind:data-kind="pip.kind" x-bind:data-pending="pip.pending"></span></template
        ></span>
        <b class="pad-points" x-text="${side}Points">${points} ${points === 1 ? 'pt' : 'pts'}</b>
      </div>
      <p class="pad-bags" x-text="${side}BagWords">${words.length ? words.join(' ') : 'No bags yet'}</p>
      <p class="pad-left" x-text="${side}LeftText">
        ${left === 0 ? '4 bags thrown' : `${left} ${left === 1 ? 'bag' : 'bags'} left`}
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
            x-bind:disabled="${side}Locked"
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
      ><li class="chip" x-bind:data-kind="chip.kind" x-bind:title="chip.label" x-text="chip.label"></li
    ></template>
  </ul>`;
}

/**
 * The reserved line above the buttons (its height never changes, so no message moves a button): this
 * round's net when all is well, else one line on what happened (an undo, a refusal, taps held, a
 * sign-in that ended, a removed game). A sign-in that ended has its button in the line: the pad keeps
 * scoring meanwhile, so nothing may cover a button. Where the keeper must choose (held taps, a removed
 * game's), the facts and big buttons come in a sheet at the foot of the screen, over the page rather
 * than in its flow, over buttons that are off until then.
 */
function statusLine(state: GameState): Html {
  const signIn = `/keeper/login?next=${encodeURIComponent(`/keep/${state.id}`)}`;
  return html`<div class="pad-status">
    <p class="pad-net" x-show="netShown" x-bind:data-lead="netLeadSide">
      <span class="pad-net-name name-fit" x-show="netLead" x-text="netLead" x-bind:title="netLead"></span>
      <span class="pad-net-text" x-text="netText"></span>
    </p>
    <div class="pad-alert" x-show="line" x-cloak x-bind:data-tone="lineTone">
      <p class="pad-message" role="alert" x-text="line"></p>
      <a class="button button-primary button-small pad-signin" href="${signIn}" x-show="signedOut">Sign in</a>
      <div class="pad-sheet" x-show="sheetShown" role="group" aria-label="What to do with your taps">
        <div class="pad-held" x-show="heldShown">
          <p class="pad-sheet-note">Scoring is paused until you choose.</p>
          <p class="pad-facts" x-show="heldFacts" x-text="heldFacts"></p>
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
            <button type="button" class="button pad-choice pad-discard" x-on:click="discardHeld">
              Discard
            </button>
          </div>
        </div>
        <div class="pad-choices" x-show="gone">
          <button type="button" class="button pad-choice pad-discard" x-on:click="discardHeld">
            Discard
          </button>
        </div>
      </div>
    </div>
  </div>`;
}

function total(state: GameState, side: Side): Html {
  const name = side === 'home' ? 'homeName' : 'awayName';
  return html`<div class="pad-total pad-total-${side}">
    <span class="pad-total-name name-fit" title="${state[side].name}" x-text="${name}" x-bind:title="${name}"
      >${state[side].name}</span
    ><b x-text="${side}Score">${state[side].score}</b>
  </div>`;
}

export function keepPage(state: GameState, base: Omit<LayoutOptions, 'title' | 'body'>) {
  const final = state.status === 'final';
  return layout({
    ...base,
    title: `Keep score: ${state.home.name} vs ${state.away.name}`,
    bodyClass: 'keeper',
    body: liveRegion({
      stream: `/games/${state.id}/events?since=${state.version}`,
      className: 'page pad-page',
      body: html`
        <h1 class="sr-only">
          Keep score: ${state.home.name} vs
          ${state.away.name}${state.match ? `, ${state.tournament?.name} ${state.match.label}` : ''}
        </h1>
        ${gameNotice(state, 'pad')}
        <div
          class="pad"
          x-data="keeperPad"
          x-bind:data-sheet="sheetShown"
          data-game="${state.id}"
          data-state="${JSON.stringify(liveState(state))}"
        >
          <div class="pad-score" aria-live="polite">
            ${total(state, 'home')}
            <div class="pad-round name-fit" title="${heading(state)}" x-text="heading" x-bind:title="heading">
              ${heading(state)}
            </div>
            ${total(state, 'away')}
          </div>
          ${statusLine(state)}
          <div class="pad-sides">${sidePad(state, 'home')}${sidePad(state, 'away')}</div>
          <div class="pad-tools">
            <button type="button" class="button button-undo" x-on:click="undo" x-bind:disabled="cannotUndo">
              <span aria-hidden="true">↶</span> Undo last
            </button>
            <a class="button" href="/games/${state.id}" x-show="playing" ${final ? html`x-cloak` : ''}
              >Spectator view</a
            >
            <a
              class="button button-primary pad-next"
              href="${nextGameHref(state.board)}"
              x-bind:href="nextHref"
              x-show="finished"
              ${final ? '' : html`x-cloak`}
              >Next game</a
            >
          </div>
          <div class="pad-pending" x-show="pendingCount" x-cloak aria-live="polite">
            <p class="pad-pending-title" x-text="pendingTitle"></p>
            ${chips('pendingChips', 'Taps not yet confirmed by the scoreboard')}
          </div>
          <details class="round-entry">
            <summary>Enter a whole round</summary>
            <form class="round-form" x-on:submit="submitRound">
              <fieldset>
                <legend class="name-fit" title="${state.home.name}" x-text="homeName" x-bind:title="homeName">
                  ${state.home.name}
                </legend>
                ${countSelect('home', 'hole', 'In')} ${countSelect('home', 'board', 'On')}
              </fieldset>
              <fieldset>
                <legend class="name-fit" title="${state.away.name}" x-text="awayName" x-bind:title="awayName">
                  ${state.away.name}
                </legend>
                ${countSelect('away', 'hole', 'In')} ${countSelect('away', 'board', 'On')}
              </fieldset>
              <p class="muted">The rest of each side's four bags count as misses.</p>
              <p class="round-error" role="alert" x-show="roundError" x-text="roundError" x-cloak></p>
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
