// The host console's results: every finished game (teams, score, board, rounds, duration) with its CSV,
// and the whole night as one CSV; live on `refresh-results`. Also the organiser's "Removed tonight".
import type { GameState } from '../../domain/index.js';
import { html, type Html } from '../html.js';

/** A finished game with when it started and ended (the games service's GameResult). */
export interface GameResult {
  state: GameState;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A removed game as the list shows it (the games service's RemovedGame). */
export interface RemovedGame {
  id: string;
  board: number | null;
  home: { name: string; score: number };
  away: { name: string; score: number };
  removedAt: string;
}

function duration(r: GameResult): string {
  if (r.startedAt === null || r.finishedAt === null) return '–';
  const ms = Date.parse(r.finishedAt) - Date.parse(r.startedAt);
  if (!Number.isFinite(ms) || ms < 0) return '–';
  const min = Math.round(ms / 60_000);
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}

function row(r: GameResult): Html {
  const g = r.state;
  const team = (side: 'home' | 'away') =>
    g.winner === side ? html`<strong class="result-winner">${g[side].name}</strong>` : html`${g[side].name}`;
  return html`<tr data-game="${g.id}">
    <th scope="row" class="result-teams" data-label="Teams">
      ${team('home')} <span class="muted">vs</span> ${team('away')}
    </th>
    <td class="num" data-label="Score">${g.home.score}–${g.away.score}</td>
    <td data-label="Board">${g.board === null ? 'Friendly' : `Board ${g.board}`}</td>
    <td class="num" data-label="Rounds">${g.rounds.length}</td>
    <td class="num" data-label="Duration">${duration(r)}</td>
    <td data-label="File">
      <a href="/api/games/${g.id}/export.csv" download
        >CSV<span class="sr-only">: ${g.home.name} vs ${g.away.name}</span></a
      >
    </td>
  </tr>`;
}

export function resultsTable(results: readonly GameResult[]): Html {
  const n = results.length;
  return html`<section
    class="panel results"
    id="results"
    hx-get="/host/results"
    hx-trigger="refresh-results from:#live, refresh-games from:#live"
    hx-swap="outerMorph"
    data-count="${n}"
    aria-labelledby="results-title"
  >
    <div class="results-head">
      <h2 id="results-title">Results <span class="summary-count">${n} finished</span></h2>
      <p class="results-files">
        <a class="button button-small" href="/api/results.csv" download>All results (CSV)</a>
        <a class="button button-small button-quiet" href="/api/export.json" download>Everything (JSON)</a>
      </p>
    </div>
    ${
      n === 0
        ? html`<p class="muted results-empty">
            No game has finished yet. Finished games appear here at once.
          </p>`
        : html`<table class="results-table">
            <caption class="sr-only">
              Finished games, the latest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Teams</th>
                <th scope="col" class="num">Score</th>
                <th scope="col">Board</th>
                <th scope="col" class="num">Rounds</th>
                <th scope="col" class="num">Duration</th>
                <th scope="col"><span class="sr-only">File</span></th>
              </tr>
            </thead>
            <tbody>
              ${results.map(row)}
            </tbody>
          </table>`
    }
  </section>`;
}

const time = (iso: string) => {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

/** The organiser's list of removed games, each with Restore (the game comes back where it can). */
export function removedList(removed: readonly RemovedGame[]): Html {
  return html`<section
    class="panel removed"
    id="removed"
    hx-get="/host/removed"
    hx-trigger="refresh-games from:#live"
    hx-swap="outerMorph"
    data-count="${removed.length}"
    aria-labelledby="removed-title"
    ${removed.length ? '' : html`hidden`}
  >
    <h2 id="removed-title">Removed tonight</h2>
    <p class="muted">A removed game is gone from every screen. Restore brings it back with its score.</p>
    <ul class="removed-list">
      ${removed.map(
        (r) =>
          html`<li class="removed-item" data-game="${r.id}">
            <span class="removed-names">${r.home.name} ${r.home.score}–${r.away.score} ${r.away.name}</span>
            <span class="muted removed-meta"
              >${r.board === null ? 'Friendly' : `Board ${r.board}`} · removed at ${time(r.removedAt)}</span
            >
            <form method="post" action="/host/games/${r.id}/restore">
              <button class="button button-small" type="submit">
                Restore<span class="sr-only">: ${r.home.name} vs ${r.away.name}</span>
              </button>
            </form>
          </li>`,
      )}
    </ul>
  </section>`;
}
