// The organiser's run page (GET /host/tournaments/{id}): start it; call ready matches now; hold or
// release each of its boards; call a ready match to a board by hand; move a called match to another
// board. Every form posts the version it was rendered from (a stale one is refused, never applied
// to a bracket the organiser did not see) and a one-time key; the answer is a 303 back here with a
// message. The controls live in the page's live region, so they follow every finished game.
import { freeBoards, type Match, type TournamentState } from '../../domain/tournament/index.js';
import { html, type Html } from '../html.js';
import { layout, type LayoutOptions, liveRegion } from '../layout.js';
import {
  checkIn,
  corrections,
  forfeits,
  lateTeam,
  noShow,
  playerWithdrawals,
  runForm,
  withdrawals,
} from '../partials/run-night.js';
import { ago, namesOf, type Names, versus } from '../partials/tournament-words.js';
import { flashLine, type Flash } from './host.js';
import { boardsText, exportLinks, streamUrl, tournamentHead, tournamentRegion } from './tournament.js';

export interface RunView {
  state: TournamentState;
  /** The one-time message after a form post. */
  flash: Flash | null;
  now: number;
}

/**
 * A board picker and its button: the boards with nothing on them (a held board too: holding only
 * stops calls by themselves), since a busy one would be refused anyway.
 */
function boardPicker(
  state: TournamentState,
  m: Match,
  free: readonly number[],
  verb: string,
  path: string,
): Html {
  if (free.length === 0)
    return html`<p class="muted run-none">No free board to ${verb.toLowerCase()} it to.</p>`;
  const id = `board-${path.replace(/\W+/g, '-')}-${m.id}`;
  return runForm(
    state,
    `/matches/${m.id}/${path}`,
    html`<label for="${id}">${verb} to board</label>
      <select id="${id}" name="board">
        ${free.map((b) => html`<option value="${b}">Board ${b}${state.held.includes(b) ? ' (held)' : ''}</option>`)}
      </select>
      <button class="button button-small" type="submit">
        ${verb}<span class="sr-only">: ${m.id}</span>
      </button>`,
  );
}

function boardRow(state: TournamentState, board: number, names: Names, now: number): Html {
  const held = state.held.includes(board);
  const m = state.matches.find((x) => x.board === board && (x.status === 'called' || x.status === 'live'));
  const what = m
    ? html`<span class="run-match"
        ><b>${m.id}</b> ${versus(m, names)} ·
        ${
          m.status === 'live'
            ? 'playing'
            : html`called
              ${m.calledAt ? html`<time datetime="${m.calledAt}" data-relative>${ago(now - Date.parse(m.calledAt))}</time>` : ''}`
        }</span
      >`
    : html`<span class="muted">Free</span>`;
  return html`<li class="run-board" data-board="${board}" data-held="${held ? 'true' : 'false'}">
    <span class="run-board-name">Board ${board}</span>
    ${held ? html`<span class="pill">Held</span>` : ''} ${what}
    ${runForm(
      state,
      `/boards/${board}/${held ? 'release' : 'hold'}`,
      html`<button class="button button-small${held ? ' button-primary' : ''}" type="submit">
        ${held ? 'Release' : 'Hold'}<span class="sr-only"> board ${board}</span>
      </button>`,
    )}
  </li>`;
}

function matchRows(title: string, matches: readonly Match[], row: (m: Match) => Html, empty: string): Html {
  return html`<section class="run-part" aria-label="${title}">
    <h3>${title}</h3>
    ${
      matches.length
        ? html`<ul class="run-matches">
            ${matches.map((m) => html`<li class="run-row" data-match="${m.id}" data-status="${m.status}">${row(m)}</li>`)}
          </ul>`
        : html`<p class="muted">${empty}</p>`
    }
  </section>`;
}

function live(state: TournamentState, names: Names, now: number): Html {
  const busy = new Set(
    state.matches.filter((m) => m.status === 'called' || m.status === 'live').map((m) => m.board),
  );
  const open = state.boards.filter((b) => !busy.has(b));
  const free = freeBoards(state);
  const ready = state.matches.filter((m) => m.status === 'ready');
  const called = state.matches.filter((m) => m.status === 'called');
  const playing = state.matches.filter((m) => m.status === 'live');
  const label = (m: Match) => html`<span class="run-match"><b>${m.id}</b> ${versus(m, names)}</span>`;
  return html`<div class="run-grid">
    <section class="run-part run-boards" aria-labelledby="run-boards-title">
      <h3 id="run-boards-title">Boards</h3>
      <p class="muted form-hint">A held board gets no match by itself; release it to go on.</p>
      <ul class="run-board-list">
        ${state.boards.map((b) => boardRow(state, b, names, now))}
      </ul>
      ${runForm(
        state,
        '/call',
        html`<button class="button button-primary" type="submit">Call ready matches now</button>
          <span class="muted"
            >${ready.length} ready, ${free.length} free board${free.length === 1 ? '' : 's'}</span
          >`,
      )}
    </section>
    <div class="run-lists">
      ${matchRows(
        'Ready to call',
        ready,
        (m) => html`${label(m)} ${boardPicker(state, m, open, 'Call', 'call')}`,
        'No match is waiting for a board.',
      )}
      ${matchRows(
        'Called, not started',
        called,
        (m) =>
          html`<span class="pill">Board ${m.board ?? '?'}</span> ${label(m)} ${noShow(state, m, names, now)}
            ${boardPicker(state, m, open, 'Move', 'reassign')}`,
        'No match waits on a board for its teams.',
      )}
      ${matchRows(
        'Playing',
        playing,
        (m) =>
          html`<span class="pill pill-live">Board ${m.board ?? '?'}</span> ${label(m)}
            ${m.gameId ? html`<a href="/games/${m.gameId}">Watch<span class="sr-only">: ${m.id}</span></a>` : ''}`,
        'No match is being played.',
      )}
      ${forfeits(state, names)} ${corrections(state, names)} ${withdrawals(state, names)}
      ${playerWithdrawals(state, names)} ${lateTeam(state)}
    </div>
  </div>`;
}

/** The organiser's controls for the tournament's state now; part of the live region. */
export function runControls(state: TournamentState, now: number): Html {
  const names = namesOf(state);
  const body =
    state.status === 'setup'
      ? html`<p>
            Check the ${state.teams.length} teams below. Starting draws the
            ${state.format === 'round-robin' ? 'rounds' : 'bracket'} and calls the first matches to
            ${boardsText(state)}.
          </p>
          ${checkIn(state)} ${lateTeam(state)}`
      : state.status === 'live'
        ? live(state, names, now)
        : html`<p>The tournament is over: every match is played.</p>
            ${corrections(state, names)}`;
  return html`<section class="panel run-controls" aria-labelledby="run-title">
    <h2 id="run-title">Run it</h2>
    ${body}
  </section>`;
}

/** The run page's live region, also served alone (GET /tournaments/{id}/bracket?variant=host). */
export function runRegion(state: TournamentState, now: number): Html {
  return tournamentRegion(state, { variant: 'host', now, controls: runControls(state, now) });
}

export function runTournamentPage(v: RunView, layoutBase: Omit<LayoutOptions, 'title' | 'body'>) {
  const { state } = v;
  return layout({
    ...layoutBase,
    title: `Run ${state.name}`,
    current: 'host',
    body: liveRegion({
      stream: streamUrl(state),
      className: 'page page-wide tournament run',
      island: 'callTimes',
      body: html`
        <p class="t-back"><a href="/host">← Host console</a></p>
        ${tournamentHead(
          state,
          html`<a class="button" href="/tournaments/${state.id}">Spectators' page</a>
            <a class="button" href="/tournaments/${state.id}/tv">TV mode</a>`,
        )}
        ${flashLine(v.flash)} ${runRegion(state, v.now)} ${exportLinks(state)}
      `,
    }),
  });
}
