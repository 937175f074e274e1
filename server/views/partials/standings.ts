// The standings table: place, team, wins–losses, points for and against, difference; teams out of an
// elimination dimmed (and saying so in words), the champion marked. The order's rule is stated under
// it, as the domain applies it (server/domain/tournament/standings.ts).
import type { Standing, TournamentState } from '../../domain/tournament/index.js';
import { html, type Html } from '../html.js';
import { nameOf, namesOf, type Names } from './tournament-words.js';

export const ROUND_ROBIN_RULE =
  'Order: most wins; teams level on wins by their wins against each other (head-to-head), then point difference, then points for.';
export const ELIMINATION_RULE =
  'Order: the champion, the teams still in, then the others by how late they went out; teams out in the same round share a place.';

export const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '0');

function row(state: TournamentState, s: Standing, index: number, names: Names): Html {
  const champion = state.champion === s.team;
  // A round robin's table order is its current placing; an elimination's teams still in have none yet.
  const place = s.place ?? (state.format === 'round-robin' && state.status === 'live' ? index + 1 : null);
  const name = nameOf(names, s.team);
  return html`<tr
    class="standing${s.eliminated ? ' standing-out' : ''}${champion ? ' standing-champion' : ''}"
    data-team="${s.team}"
    data-place="${s.place ?? ''}"
  >
    <td class="num standing-place">${place ?? html`<span aria-label="not settled">–</span>`}</td>
    <th scope="row" class="standing-team">
      <div class="standing-name">
        <span class="name-fit" title="${name}">${name}</span>${
          champion
            ? html`<span class="standing-tag standing-tag-champion">Champion</span>`
            : s.eliminated
              ? html`<span class="standing-tag">Out</span>`
              : ''
        }
      </div>
    </th>
    <td class="num"><span class="score-pair">${s.wins}–${s.losses}</span></td>
    <td class="num standing-points">${s.pointsFor}</td>
    <td class="num standing-points">${s.pointsAgainst}</td>
    <td class="num">${signed(s.diff)}</td>
  </tr>`;
}

export function standingsTable(state: TournamentState, names = namesOf(state)): Html {
  return html`<section class="standings" aria-labelledby="standings-title">
    <h2 id="standings-title">Standings</h2>
    <table class="standings-table">
      <thead>
        <tr>
          <th scope="col" class="num"><abbr title="Place">#</abbr></th>
          <th scope="col">Team</th>
          <th scope="col" class="num"><abbr title="Wins and losses">W–L</abbr></th>
          <th scope="col" class="num standing-points"><abbr title="Points for">PF</abbr></th>
          <th scope="col" class="num standing-points"><abbr title="Points against">PA</abbr></th>
          <th scope="col" class="num"><abbr title="Point difference">+/−</abbr></th>
        </tr>
      </thead>
      <tbody>
        ${state.standings.map((s, i) => row(state, s, i, names))}
      </tbody>
    </table>
    <p class="standings-rule muted">
      ${state.format === 'round-robin' ? ROUND_ROBIN_RULE : ELIMINATION_RULE}
    </p>
  </section>`;
}
