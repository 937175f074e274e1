// The game's statistics under the scoreboard: per team, and per player when players are named —
// points per round (before cancellation), in-hole and on-board shares, four-baggers.
import type { GameState, SideStats } from '../../domain/index.js';
import { html, type Html } from '../html.js';

const pct = (share: number) => `${Math.round(share * 100)}%`;

function row(label: Html | string, s: SideStats, className: string): Html {
  return html`<tr class="${className}">
    <th scope="row">${label}</th>
    <td class="num">${s.ppr.toFixed(2)}</td>
    <td class="num">${pct(s.inHole)}</td>
    <td class="num">${pct(s.onBoard)}</td>
    <td class="num">${s.fourBaggers}</td>
  </tr>`;
}

export function statsTable(state: GameState): Html {
  if (state.rounds.length === 0) return html``;
  const rows = (['home', 'away'] as const).flatMap((side) => {
    const t = state[side];
    const players = t.playerStats.length > 1 ? t.playerStats : [];
    return [
      row(
        html`<span class="name-fit" title="${t.name}">${t.name}</span>`,
        t.stats,
        `stats-team stats-${side}`,
      ),
      ...players.map((p) =>
        row(
          html`<span class="stats-player name-fit" title="${p.name}">${p.name}</span>`,
          p,
          'stats-player-row',
        ),
      ),
    ];
  });
  return html`<details class="history-wrap stats-wrap" id="stats">
    <summary>Statistics</summary>
    <table class="stats">
      <caption class="sr-only">
        Points per round before cancellation, share of bags in the hole and on the board, four-baggers
      </caption>
      <thead>
        <tr>
          <th scope="col">Team</th>
          <th scope="col" class="num"><abbr title="Points per round">PPR</abbr></th>
          <th scope="col" class="num"><abbr title="Bags in the hole">In</abbr></th>
          <th scope="col" class="num"><abbr title="Bags on the board">On</abbr></th>
          <th scope="col" class="num"><abbr title="Rounds with all four bags in the hole">4-bag</abbr></th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </details>`;
}
