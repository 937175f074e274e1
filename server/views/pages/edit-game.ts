// Fixing one game from the host console: its team names and its board (a plain form that becomes a
// PATCH through the write pipeline), and, for the organiser, removing it (it can be restored tonight).
import type { GameState } from '../../domain/index.js';
import { html, type Html } from '../html.js';
import { layout, type LayoutOptions } from '../layout.js';
import { NAME_LIMIT } from './new-game.js';

export interface EditValues {
  home?: string;
  away?: string;
  board?: string;
}

export interface EditGameView {
  state: GameState;
  boardCount: number;
  organiser: boolean;
  error?: string | null;
  values?: EditValues;
}

/** Where the game is now, in words: "Board 2 · in play · 12–9", "Waiting for board 3 (next)". */
export function whereText(s: GameState): string {
  const score = `${s.home.score}–${s.away.score}`;
  if (s.queue) {
    const place = s.queue.position === 1 ? 'next' : `number ${s.queue.position} in line`;
    return `Waiting for board ${s.queue.board} (${place})`;
  }
  const where = s.board === null ? 'Friendly game' : `Board ${s.board}`;
  return `${where} · ${s.status === 'final' ? 'final' : 'in play'} · ${score}`;
}

function nameField(side: 'home' | 'away', label: string, value: string): Html {
  return html`<label
      >${label}
      <input
        name="${side}"
        required
        maxlength="${NAME_LIMIT}"
        autocomplete="off"
        value="${value}"
        aria-describedby="${side}-edit-hint"
    /></label>
    <p class="form-hint muted" id="${side}-edit-hint">Up to ${NAME_LIMIT} characters.</p>`;
}

function boardField(v: EditGameView, chosen: string): Html {
  return html`<label
      >Board
      <select name="board" aria-describedby="board-edit-hint">
        ${Array.from({ length: Math.max(v.boardCount, v.state.board ?? 0) }, (_, i) => {
          const n = String(i + 1);
          return html`<option value="${n}" ${chosen === n ? html`selected` : ''}>Board ${n}</option>`;
        })}
        <option value="" ${chosen === '' ? html`selected` : ''}>No board (friendly)</option>
      </select></label
    >
    <p class="form-hint muted" id="board-edit-hint">
      A game that has not started joins the new board's line; a game in play moves only to a free board.
    </p>`;
}

export function editGamePage(v: EditGameView, base: Omit<LayoutOptions, 'title' | 'body'>) {
  const s = v.state;
  const values = v.values ?? {};
  const title = `${s.home.name} vs ${s.away.name}`;
  return layout({
    ...base,
    title: `Fix ${title}`,
    current: 'host',
    body: html`<main class="page narrow edit-page">
      <p><a href="/host">← Host console</a></p>
      <h1>Fix a game</h1>
      <p class="muted edit-where">${title} · ${whereText(s)}</p>
      <div class="panel">
        ${v.error ? html`<p class="alert" role="alert">${v.error}</p>` : ''}
        <form method="post" action="/host/games/${s.id}/edit" class="edit-game">
          ${nameField('home', 'Home team', values.home ?? s.home.name)}
          ${nameField('away', 'Away team', values.away ?? s.away.name)}
          ${boardField(v, values.board ?? (s.board === null ? '' : String(s.board)))}
          <button class="button button-primary button-wide" type="submit">Save changes</button>
        </form>
      </div>
      ${
        v.organiser
          ? html`<div class="panel edit-remove">
              <h2>No-show or a mistake?</h2>
              <p class="muted">
                Removing takes the game off every screen. You can bring it back tonight from the host
                console's "Removed tonight" list.
              </p>
              <form method="post" action="/host/games/${s.id}/remove">
                <button class="button button-wide button-danger" type="submit">Remove this game</button>
              </form>
            </div>`
          : ''
      }
    </main>`,
  });
}
