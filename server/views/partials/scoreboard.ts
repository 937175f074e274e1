// The game's scoreboard: rendered into the game page and served alone as the fragment HTMX swaps in
// on `refresh-scoreboard`. The outer element carries its own hx-* attributes so it survives its swap,
// and is morphed rather than replaced: a refresh queued behind an in-flight one still finds it.
// Screen readers hear score changes from the page's live island, not from this swapped region. The
// morph leaves every `open` attribute alone (renderer/main.ts): each spectator keeps the history and
// the statistics open or closed as they left them.
import type { GameState, Rules, Side } from '../../domain/index.js';
import { html, type Html } from '../html.js';
import { statsTable } from './stats.js';

export function sideLabel(state: GameState, side: Side): string {
  return state[side].name;
}

const other = (side: Side): Side => (side === 'home' ? 'away' : 'home');

/** The rules in the words a venue uses: "First to 21", "Exactly 21, bust to 15", "win by 2". */
export function rulesText(r: Rules): string {
  const parts = [r.bust === null ? `First to ${r.target}` : `Exactly ${r.target}, bust to ${r.bust}`];
  if (r.winBy > 1) parts.push(`win by ${r.winBy}`);
  if (r.skunk !== null) parts.push(`skunk at ${r.skunk}`);
  if (!r.cancellation) parts.push('straight scoring');
  return parts.join(' · ');
}

function team(state: GameState, side: Side): Html {
  const t = state[side];
  const won = state.winner === side;
  const lost = state.winner === other(side);
  const throwsFirst = state.status === 'live' && state.round.firstThrow === side;
  return html`<div class="team team-${side}${won ? ' team-won' : ''}${lost ? ' team-lost' : ''}">
    <div class="team-name"><span class="name-fit" title="${t.name}">${t.name}</span></div>
    ${
      t.players.length
        ? html`<div class="team-players name-fit" title="${t.players.join(' & ')}">
            ${t.players.join(' & ')}
          </div>`
        : html`<div class="team-players"></div>`
    }
    <div class="team-score">${t.score}</div>
    <div class="team-tags">
      ${won ? html`<span class="badge badge-win">Winner</span>` : ''}
      ${throwsFirst ? html`<span class="badge badge-first">Throws first</span>` : ''}
    </div>
  </div>`;
}

function cell(state: GameState, r: GameState['rounds'][number], side: Side): Html {
  const c = r[side];
  const scored = r.scored === side;
  return html`<td class="${scored ? 'scored' : ''}">
    <span class="pts">${c.points}</span>${scored ? html`<span class="plus">+${r.net}</span>` : ''}
    <span class="bags">${c.hole} in · ${c.board} on</span>
  </td>`;
}

function history(state: GameState): Html {
  if (state.rounds.length === 0) return html`<p class="muted history-empty">No rounds finished yet.</p>`;
  const rows = [...state.rounds].reverse().map(
    (r) =>
      html`<tr>
        <th scope="row">${r.number}</th>
        ${cell(state, r, 'home')} ${cell(state, r, 'away')}
        <td class="num">
          <span class="score-pair">${r.homeScore}–${r.awayScore}</span>
          ${
            r.scored
              ? html`<span class="bags" title="${sideLabel(state, r.scored)} +${r.net}"
                  >${sideLabel(state, r.scored)} +${r.net}</span
                >`
              : html`<span class="bags">Wash</span>`
          }
        </td>
      </tr>`,
  );
  return html`<table class="history">
    <caption class="sr-only">
      Points per round, newest first
    </caption>
    <thead>
      <tr>
        <th scope="col"><abbr title="Round">Rd</abbr></th>
        <th scope="col" class="th-home">
          <span class="name-fit" title="${state.home.name}">${state.home.name}</span>
        </th>
        <th scope="col" class="th-away">
          <span class="name-fit" title="${state.away.name}">${state.away.name}</span>
        </th>
        <th scope="col" class="num">Score</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

export function scoreboard(state: GameState): Html {
  const final = state.status === 'final';
  const w = state.winner;
  return html`<section
    id="scoreboard"
    class="scoreboard${final ? ' is-final' : ' is-live'}"
    hx-get="/games/${state.id}/scoreboard"
    hx-trigger="refresh-scoreboard from:#live"
    hx-swap="outerMorph"
    data-version="${state.version}"
    aria-label="Score"
  >
    <div class="score-main">
      <div class="score-status">
        ${final ? html`<p class="pill pill-final">Final</p>` : html`<p class="pill round-no">Round ${state.round.number}</p>`}
        <p class="score-rules">${rulesText(state.rules)}</p>
      </div>
      <div class="teams">
        ${team(state, 'home')}
        <div class="versus" aria-hidden="true">–</div>
        ${team(state, 'away')}
      </div>
      ${
        final
          ? html`<p class="result" role="status">
              ${
                w
                  ? html`${state[w].name} win
                      <span class="score-pair">${state[w].score}–${state[other(w)].score}</span>`
                  : 'Final'
              }
            </p>`
          : ''
      }
    </div>
    <details class="history-wrap" id="history" open>
      <summary>
        Round by round
        <span class="summary-count"
          >${state.rounds.length} ${state.rounds.length === 1 ? 'round' : 'rounds'}</span
        >
      </summary>
      ${history(state)}
    </details>
    ${statsTable(state)}
  </section>`;
}
