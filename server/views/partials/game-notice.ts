// The notice at the top of a game's page and pad while the game waits in its board's line, rendered
// with the state it was built from and kept current by the `gameNotice` island (renderer/islands).
// The same words as the island: renderer/islands/game-notice.ts is where they are made.
import { liveState, type GameState } from '../../domain/index.js';
import {
  boardText,
  waitingLine,
  waitingTitle,
  type NoticeVariant,
} from '../../../renderer/islands/queue-words.js';
import { html, type Html } from '../html.js';

export function gameNotice(state: GameState, variant: NoticeVariant): Html {
  const q = state.queue;
  const start =
    variant === 'pad'
      ? html`<form
          method="post"
          action="/host/boards/${q?.board ?? state.board ?? 0}/next"
          class="notice-start"
          x-show="canStart"
          ${q && q.position === 1 && q.playing === null ? '' : html`x-cloak`}
        >
          <input type="hidden" name="back" value="/keep/${state.id}" />
          <button class="button button-primary button-wide" type="submit">Start this game now</button>
        </form>`
      : '';
  return html`<section
    class="game-notice game-notice-${variant}"
    x-data="gameNotice"
    data-variant="${variant}"
    data-state="${JSON.stringify(liveState(state))}"
    x-bind:hidden="hidden"
    x-bind:data-tone="tone"
    data-tone="waiting"
    aria-labelledby="notice-title-${variant}"
    ${q ? '' : html`hidden`}
  >
    <h2 class="notice-title" id="notice-title-${variant}" x-text="title">${q ? waitingTitle(q) : ''}</h2>
    <p class="notice-line" role="status" x-text="line">${q ? waitingLine(q, variant) : ''}</p>
    ${start}
  </section>`;
}

/** "Board 3" or "Friendly game", following the game when it moves (the `gameWhere` island). */
export function whereLabel(state: GameState): Html {
  return html`<span x-data="gameWhere" data-board="${state.board ?? ''}" x-text="label"
    >${boardText(state.board)}</span
  >`;
}
