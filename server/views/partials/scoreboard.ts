// The game's scoreboard: rendered into the game page and served alone as the fragment HTMX swaps in
// on `refresh-scoreboard`. The outer element carries its own hx-* attributes so it survives its swap.
import type { GameState, Side } from '../../domain/index.js';
import { html, type Html } from '../html.js';

export function sideLabel(state: GameState, side: Side): string {
  return state[side].name;
}

function team(state: GameState, side: Side): Html {
  const t = state[side];
  const won = state.winner === side;
  const throwsFirst = state.status === 'live' && state.round.firstThrow === side;
  return html`<div class="team team-${side}${won ? ' team-won' : ''}">
    <div class="team-name">${t.name}</div>
    ${t.players.length ? html`<div class="team-players">${t.players.join(' & ')}</div>` : ''}
    <div class="team-score" aria-label="${t.name}: ${t.score} points">${t.score}</div>
    ${won ? html`<div class="badge badge-win">Winner</div>` : ''}
    ${throwsFirst ? html`<div class="badge badge-first">Throws first</div>` : ''}
  </div>`;
}

function history(state: GameState): Html {
  if (state.rounds.length === 0) return html`<p class="muted history-empty">No rounds finished yet.</p>`;
  const rows = [...state.rounds].reverse().map(
    (r) =>
      html`<tr>
        <th scope="row">${r.number}</th>
        <td>${r.home.points}<span class="bags"> (${r.home.hole} in, ${r.home.board} on)</span></td>
        <td>${r.away.points}<span class="bags"> (${r.away.hole} in, ${r.away.board} on)</span></td>
        <td>${r.scored ? html`${sideLabel(state, r.scored)} +${r.net}` : 'Wash'}</td>
        <td class="num">${r.homeScore}–${r.awayScore}</td>
      </tr>`,
  );
  return html`<table class="history">
    <caption>
      Round by round
    </caption>
    <thead>
      <tr>
        <th scope="col">Rd</th>
        <th scope="col">${state.home.name}</th>
        <th scope="col">${state.away.name}</th>
        <th scope="col">Scored</th>
        <th scope="col">Score</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

export function scoreboard(state: GameState): Html {
  const status =
    state.status === 'final' && state.winner
      ? html`<p class="result" role="status">
          ${state[state.winner].name} win
          ${state[state.winner].score}–${state[state.winner === 'home' ? 'away' : 'home'].score}
        </p>`
      : html`<p class="round-no">Round ${state.round.number}</p>`;
  return html`<section
    id="scoreboard"
    class="scoreboard${state.status === 'final' ? ' is-final' : ''}"
    hx-get="/games/${state.id}/scoreboard"
    hx-trigger="refresh-scoreboard from:#live"
    hx-swap="outerHTML"
    data-version="${state.version}"
    aria-live="polite"
  >
    <div class="teams">
      ${team(state, 'home')}
      <div class="versus" aria-hidden="true">–</div>
      ${team(state, 'away')}
    </div>
    ${status}
    <details class="history-wrap" open>
      <summary>Round history</summary>
      ${history(state)}
    </details>
  </section>`;
}
