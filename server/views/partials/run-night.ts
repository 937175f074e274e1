// The run page's controls for the changes a night brings: check teams in before the start, enter a
// late team, withdraw a team (a first press says what it forfeits, a second confirms), forfeit a
// called match whose no-show clock ran out (or undo a forfeit), and correct a played result (the
// form asks for a preview first: nothing changes until the page has said which matches it voids).
// Confirm steps are <details> disclosures, not script dialogs, so they work without JS.
import { randomUUID } from 'node:crypto';
import {
  activePlayers,
  matchLabel,
  noShowDeadline,
  playerWithdrawal,
  type Match,
  type TournamentState,
} from '../../domain/tournament/index.js';
import { html, type Html } from '../html.js';
import { nameOf, type Names, versus } from './tournament-words.js';

const base = (state: TournamentState) => `/host/tournaments/${state.id}`;

/** A form of the run page: the version it was rendered from and a fresh one-time key ride along. */
export function runForm(state: TournamentState, path: string, body: Html, className = 'inline-form'): Html {
  return html`<form method="post" action="${base(state)}${path}" class="${className}">
    <input type="hidden" name="expectedVersion" value="${state.version}" />
    <input type="hidden" name="key" value="${randomUUID()}" />
    ${body}
  </form>`;
}

/** The teams (or, where teams are drawn, the players) who check in. */
const entrants = (state: TournamentState) => (state.options.draw === undefined ? state.teams : state.players);

/** Before the start: who is here, a button each; the start, with or without those not checked in. */
export function checkIn(state: TournamentState): Html {
  const all = entrants(state);
  const here = all.filter((e) => state.checkedIn.includes(e.id));
  const missing = all.length - here.length;
  const startButtons =
    here.length === 0 || missing === 0
      ? runForm(
          state,
          '/start',
          html`<button class="button button-primary" type="submit">Start the tournament</button>`,
        )
      : html`${runForm(
            state,
            '/start',
            html`<input type="hidden" name="dropUnchecked" value="1" />
              <button class="button button-primary" type="submit">
                Start without the ${missing} not checked in
              </button>`,
          )}
          <p class="muted form-hint">Or check the others in first; then Start takes everyone.</p>`;
  return html`<section class="run-part run-checkin" aria-labelledby="run-checkin-title">
    <h3 id="run-checkin-title">Check-in</h3>
    <p class="muted form-hint">
      ${here.length} of ${all.length} checked in. Checking in is optional: with nobody checked in, Start takes
      everyone.
    </p>
    <ul class="run-matches">
      ${all.map((e) => {
        const isIn = state.checkedIn.includes(e.id);
        return html`<li class="run-row" data-entrant="${e.id}" data-checked="${isIn ? 'in' : 'out'}">
          <span class="run-match"
            >${isIn ? html`<span class="pill pill-live">Here</span>` : ''} <b>${e.name}</b></span
          >
          ${runForm(
            state,
            `/teams/${e.id}/${isIn ? 'check-out' : 'check-in'}`,
            html`<button class="button button-small${isIn ? '' : ' button-primary'}" type="submit">
              ${isIn ? 'Check out' : 'Check in'}<span class="sr-only"> ${e.name}</span>
            </button>`,
          )}
        </li>`;
      })}
    </ul>
    ${startButtons}
  </section>`;
}

/**
 * A late team: before the start it joins the list at once; after it, the form asks for a preview
 * first (the page that answers says which bye or seat it takes and what it changes, and confirms).
 */
export function lateTeam(state: TournamentState): Html {
  if (state.options.draw !== undefined || state.status === 'final') return html``;
  const id = (f: string) => `late-${f}`;
  const setup = state.status === 'setup';
  return html`<section class="run-part run-late" aria-labelledby="run-late-title">
    <h3 id="run-late-title">A late team</h3>
    <p class="muted form-hint">
      ${
        setup
          ? 'Added to the teams above.'
          : 'It takes a bye or a free seat nothing has been played on. You see where it goes and what it changes before anything does.'
      }
    </p>
    ${runForm(
      state,
      '/teams',
      html`<label for="${id('name')}">Team name</label>
        <input id="${id('name')}" name="name" required maxlength="40" autocomplete="off" />
        <label for="${id('p1')}">Player (optional)</label>
        <input id="${id('p1')}" name="player" maxlength="40" autocomplete="off" />
        <label for="${id('p2')}">Player (optional)</label>
        <input id="${id('p2')}" name="player" maxlength="40" autocomplete="off" />
        ${
          setup
            ? html`<button class="button" type="submit">Enter the team</button>`
            : html`<input type="hidden" name="preview" value="1" />
                <button class="button" type="submit">Preview the entry</button>`
        }`,
      'run-late-form',
    )}
  </section>`;
}

/** What a withdrawal forfeits, in words: the team's open matches and who takes them. */
export function withdrawWords(state: TournamentState, team: string, names: Names): string {
  const open = state.matches.filter((m) => m.status !== 'done' && (m.home === team || m.away === team));
  const name = nameOf(names, team);
  if (open.length === 0)
    return `${name} has no match waiting; any later match they reach goes to their opponent.`;
  const given = open.map((m) => {
    const other = m.home === team ? m.away : m.home;
    return `${matchLabel(state, m)} goes to ${other === null ? 'whoever comes through' : nameOf(names, other)}`;
  });
  return `${given.join('; ')}. Every later match ${name} would have played is forfeited too.`;
}

/** Each team still in, with a Withdraw disclosure: the first press says what it forfeits. */
export function withdrawals(state: TournamentState, names: Names): Html {
  if (state.status !== 'live' || state.options.draw === 'switch') return html``;
  const out = new Set(state.standings.filter((s) => s.eliminated).map((s) => s.team));
  const teams = state.teams.filter((t) => !state.withdrawn.includes(t.id) && !out.has(t.id));
  return html`<section class="run-part run-withdraw" aria-labelledby="run-withdraw-title">
    <h3 id="run-withdraw-title">Withdraw a team</h3>
    <ul class="run-matches">
      ${teams.map(
        (t) =>
          html`<li class="run-row" data-team="${t.id}">
            <details class="run-confirm">
              <summary>Withdraw ${t.name}…</summary>
              <p>${withdrawWords(state, t.id, names)}</p>
              ${runForm(
                state,
                `/teams/${t.id}/withdraw`,
                html`<button class="button button-small button-danger" type="submit">
                  Withdraw ${t.name}
                </button>`,
              )}
            </details>
          </li>`,
      )}
    </ul>
  </section>`;
}

/** Switch partners: what withdrawing a player forfeits (as the write decides it), in words. */
export function playerWithdrawWords(state: TournamentState, player: string, names: Names): string {
  const nameOfPlayer = (id: string | undefined) => state.players.find((p) => p.id === id)?.name ?? id ?? '';
  const name = nameOfPlayer(player);
  const later = `${name} is left out of every later round.`;
  const { team, match } = playerWithdrawal(state, player);
  if (team === null || match === null) return `${name} has no match under way. ${later}`;
  const partner = state.teams.find((t) => t.id === team)?.members?.find((m) => m !== player);
  const other = match.home === team ? match.away : match.home;
  const board =
    match.status === 'live'
      ? ` The game on board ${match.board} stops.`
      : match.status === 'called'
        ? ` Board ${match.board} is freed.`
        : '';
  const withThem = partner === undefined ? '' : `; ${nameOfPlayer(partner)} loses it with ${name}`;
  return (
    `${matchLabel(state, match)} (${versus(match, names)}) goes to ` +
    `${other === null ? 'their opponents' : nameOf(names, other)} by forfeit${withThem}.${board} ${later}`
  );
}

/** Switch partners: each player still in, with a Withdraw disclosure saying what it forfeits first. */
export function playerWithdrawals(state: TournamentState, names: Names): Html {
  if (state.status !== 'live' || state.options.draw !== 'switch') return html``;
  return html`<section class="run-part run-withdraw" aria-labelledby="run-withdraw-title">
    <h3 id="run-withdraw-title">Withdraw a player</h3>
    <p class="muted form-hint">
      A player who leaves: the first press says what it forfeits; the second confirms.
    </p>
    <ul class="run-matches">
      ${activePlayers(state).map(
        (p) =>
          html`<li class="run-row" data-player="${p.id}">
            <details class="run-confirm">
              <summary>Withdraw ${p.name}…</summary>
              <p>${playerWithdrawWords(state, p.id, names)}</p>
              ${runForm(
                state,
                `/players/${p.id}/withdraw`,
                html`<button class="button button-small button-danger" type="submit">
                  Withdraw ${p.name}
                </button>`,
              )}
            </details>
          </li>`,
      )}
    </ul>
  </section>`;
}

/**
 * A called match's no-show clock: when it runs out ("No-show: forfeit to …?") and the two forfeit
 * buttons. Rendered hidden until due; the clock island shows it when the time comes (data-due).
 */
export function noShow(state: TournamentState, m: Match, names: Names, now: number): Html {
  const deadline = noShowDeadline(state, m);
  if (deadline === null || m.home === null || m.away === null) return html``;
  const due = now >= Date.parse(deadline);
  const minutes = state.options.noShowMinutes ?? 0;
  const button = (winner: string, loser: string) =>
    runForm(
      state,
      `/matches/${m.id}/forfeit`,
      html`<input type="hidden" name="winner" value="${winner}" />
        <button class="button button-small button-danger" type="submit">
          Forfeit to ${nameOf(names, winner)}<span class="sr-only">
            (${nameOf(names, loser)} did not show)</span
          >
        </button>`,
    );
  return html`<span class="muted run-clock" data-until="${deadline}" ${due ? html`hidden` : ''}
      >no-show at ${minutes} min</span
    >
    <div class="run-no-show" data-due="${deadline}" ${due ? '' : html`hidden`}>
      <p><strong>No-show:</strong> ${minutes} min since the call. Forfeit to one side?</p>
      ${button(m.home, m.away)} ${button(m.away, m.home)}
    </div>`;
}

/** Forfeited matches a no-show decided (not a withdrawal's), each with its Undo. */
export function forfeits(state: TournamentState, names: Names): Html {
  const undoable = state.matches.filter(
    (m) =>
      m.decidedBy === 'forfeit' && ![m.home, m.away].some((t) => t !== null && state.withdrawn.includes(t)),
  );
  if (undoable.length === 0) return html``;
  return html`<section class="run-part run-forfeits" aria-labelledby="run-forfeits-title">
    <h3 id="run-forfeits-title">Forfeits</h3>
    <ul class="run-matches">
      ${undoable.map(
        (m) =>
          html`<li class="run-row" data-match="${m.id}" data-status="forfeit">
            <span class="run-match"
              ><b>${m.id}</b> ${versus(m, names)}: forfeited to ${nameOf(names, m.winner)}</span
            >
            ${runForm(
              state,
              `/matches/${m.id}/unforfeit`,
              html`<button class="button button-small" type="submit">
                Undo forfeit<span class="sr-only">: ${m.id}</span>
              </button>`,
            )}
          </li>`,
      )}
    </ul>
  </section>`;
}

/**
 * Played matches, each with "Correct the result": the winner (and optionally the points), sent as a
 * preview. The page that answers lists what it voids and carries the Apply button.
 */
export function corrections(state: TournamentState, names: Names): Html {
  const played = state.matches.filter((m) => m.status === 'done' && m.decidedBy === 'game');
  if (played.length === 0) return html``;
  return html`<section class="run-part run-results" aria-labelledby="run-results-title">
    <h3 id="run-results-title">Played</h3>
    <p class="muted form-hint">A wrong result? Correct it: you see what it changes before anything does.</p>
    <ul class="run-matches">
      ${played.map((m) => {
        const score = m.score === null ? '' : ` ${m.score.home}–${m.score.away}`;
        const option = (team: string | null) =>
          team === null
            ? ''
            : html`<label class="check"
                ><input
                  type="radio"
                  name="winner"
                  value="${team}"
                  ${team === m.winner ? html`checked` : ''}
                />
                ${nameOf(names, team)}</label
              >`;
        const pts = (side: 'home' | 'away') => `pts-${side}-${m.id}`;
        return html`<li class="run-row" data-match="${m.id}" data-status="done">
          <span class="run-match"
            ><b>${m.id}</b> ${versus(m, names)}${score} · won by ${nameOf(names, m.winner)}</span
          >
          <details class="run-confirm">
            <summary>Correct the result<span class="sr-only">: ${m.id}</span></summary>
            ${runForm(
              state,
              `/matches/${m.id}/result`,
              html`<input type="hidden" name="preview" value="1" />
                <fieldset>
                  <legend>Winner of ${matchLabel(state, m)}</legend>
                  ${option(m.home)} ${option(m.away)}
                </fieldset>
                ${
                  m.bestOf > 1
                    ? ''
                    : html`<label for="${pts('home')}">Points, ${nameOf(names, m.home)} (optional)</label>
                        <input
                          id="${pts('home')}"
                          name="home"
                          inputmode="numeric"
                          pattern="[0-9]*"
                          size="3"
                        />
                        <label for="${pts('away')}">Points, ${nameOf(names, m.away)} (optional)</label>
                        <input
                          id="${pts('away')}"
                          name="away"
                          inputmode="numeric"
                          pattern="[0-9]*"
                          size="3"
                        />`
                }
                <button class="button button-small" type="submit">Preview the correction</button>`,
              'run-correct-form',
            )}
          </details>
        </li>`;
      })}
    </ul>
  </section>`;
}
