// A pool's table above its matches (format "pools"): place, team, wins–losses, point difference,
// and which teams go on to the knockout once the pool is decided (in words, not only a colour).
import type { Pool, TournamentState } from '../../domain/tournament/index.js';
import { html, type Html } from '../html.js';
import { signed } from './standings.js';
import { nameOf, type Names } from './tournament-words.js';

export function poolTable(state: TournamentState, pool: Pool, names: Names): Html {
  const advance = state.options.pools?.advance ?? 0;
  return html`<table class="standings-table pool-table" data-pool="${pool.name}">
    <caption class="sr-only">
      Pool ${pool.name} table
    </caption>
    <thead>
      <tr>
        <th scope="col" class="num"><abbr title="Place">#</abbr></th>
        <th scope="col">Team</th>
        <th scope="col" class="num"><abbr title="Wins and losses">W–L</abbr></th>
        <th scope="col" class="num"><abbr title="Point difference">+/−</abbr></th>
      </tr>
    </thead>
    <tbody>
      ${pool.standings.map((s, i) => {
        const on = pool.done && i < advance;
        const name = nameOf(names, s.team);
        return html`<tr class="standing${on ? ' standing-on' : ''}" data-team="${s.team}">
          <td class="num">${i + 1}</td>
          <th scope="row" class="standing-team">
            <div class="standing-name">
              <span class="name-fit" title="${name}">${name}</span>${
                on ? html`<span class="standing-tag standing-tag-on">Goes on</span>` : ''
              }
            </div>
          </th>
          <td class="num"><span class="score-pair">${s.wins}–${s.losses}</span></td>
          <td class="num">${signed(s.diff)}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}
