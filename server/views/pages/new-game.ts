// The new-game form, on its own page for a keeper's phone and embedded in the host console. A plain
// form post (works before any script loads); a one-time key makes a double tap create one game.
import { randomUUID } from 'node:crypto';
import { PRESETS } from '../../domain/index.js';
import { html, type Html } from '../html.js';
import { layout, type LayoutOptions } from '../layout.js';

function teamFields(side: 'home' | 'away', legend: string, example: string): Html {
  return html`<fieldset class="team-fields team-fields-${side}">
    <legend>${legend}</legend>
    <label>Team name <input name="${side}" required maxlength="40" autocomplete="off" /></label>
    <label
      >Players <span class="muted">(optional)</span>
      <input name="${side}Players" maxlength="81" placeholder="${example}" autocomplete="off"
    /></label>
  </fieldset>`;
}

export function newGameForm(boardCount: number, error: string | null = null): Html {
  const presets = Object.entries(PRESETS) as Array<[string, (typeof PRESETS)[keyof typeof PRESETS]]>;
  return html`<form method="post" action="/host/games" class="new-game">
    ${error ? html`<p class="alert" role="alert">${error}</p>` : ''}
    <input type="hidden" name="key" value="${randomUUID()}" />
    <div class="team-pair">
      ${teamFields('home', 'Home team', 'e.g. Sam, Alex')} ${teamFields('away', 'Away team', 'e.g. Jo, Kim')}
    </div>
    <label
      >Board
      <select name="board">
        ${Array.from({ length: boardCount }, (_, i) => html`<option value="${i + 1}">Board ${i + 1}</option>`)}
        <option value="">No board (friendly)</option>
      </select>
    </label>
    <fieldset class="presets">
      <legend>Rules</legend>
      ${presets.map(
        ([id, p], i) =>
          html`<label class="preset"
            ><input type="radio" name="preset" value="${id}" ${i === 0 ? html`checked` : ''} />
            <span><strong>${p.label}</strong><br /><span class="muted">${p.description}</span></span></label
          >`,
      )}
    </fieldset>
    <button class="button button-primary button-wide" type="submit">Start game</button>
  </form>`;
}

export function newGamePage(
  boardCount: number,
  error: string | null,
  base: Omit<LayoutOptions, 'title' | 'body'>,
) {
  return layout({
    ...base,
    title: 'New game',
    body: html`<main class="page narrow">
      <h1>New game</h1>
      <div class="panel">${newGameForm(boardCount, error)}</div>
    </main>`,
  });
}
