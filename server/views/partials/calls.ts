// The board calls: every match called to a board or in play, the newest call first and largest
// ("Board 3: Team A vs Team B, called 2 min ago"). The time is a <time datetime> whose text the
// `callTimes` island keeps current; the server's text is what a page without script shows.
import { matchLabel, type Match, type TournamentState } from '../../domain/tournament/index.js';
import { seriesText } from './bracket.js';
import { html, type Html } from '../html.js';
import { ago, nameOf, namesOf, type Names } from './tournament-words.js';

/** Called and live matches, the latest call first. */
export function onBoards(state: TournamentState): Match[] {
  return state.matches
    .filter((m) => m.status === 'called' || m.status === 'live')
    .sort((a, b) => (b.calledAt ?? '').localeCompare(a.calledAt ?? '') || (a.board ?? 0) - (b.board ?? 0));
}

function call(state: TournamentState, m: Match, names: Names, now: number, latest: boolean): Html {
  const series = seriesText(m);
  // The no-show clock, beside a call still waiting for its game: when the organiser may forfeit it.
  const clock = state.options.noShowMinutes;
  const noShow = m.status === 'called' && clock !== undefined ? ` · no-show at ${clock} min` : '';
  const home = nameOf(names, m.home);
  const away = nameOf(names, m.away);
  const since = m.calledAt === null ? null : Date.parse(m.calledAt);
  return html`<li
    class="call${latest ? ' call-latest' : ''} call-${m.status}"
    data-call="${m.id}"
    data-board="${m.board ?? ''}"
    data-status="${m.status}"
  >
    <span class="call-board">Board ${m.board ?? '?'}</span>
    <span class="call-teams"
      ><span class="call-sep">: </span><span class="call-team name-fit" title="${home}">${home}</span>
      <span class="call-vs">vs</span>
      <span class="call-team name-fit" title="${away}">${away}</span></span
    >
    <span class="call-when"
      ><span class="sr-only">, </span
      >${series ? html`<span class="call-series">${matchLabel(state, m)} · ${series}</span> · ` : ''}${m.status === 'live' ? html`<span class="call-playing">Playing</span> · ` : ''}called
      ${
        since === null
          ? ''
          : html`<time datetime="${m.calledAt ?? ''}" data-relative>${ago(now - since)}</time>`
      }${noShow ? html`<span class="call-no-show">${noShow}</span>` : ''}</span
    >
  </li>`;
}

function emptyLine(state: TournamentState): string {
  if (state.status === 'setup')
    return 'Matches are called to the boards once the organiser starts the tournament.';
  return state.matches.some((m) => m.status === 'ready')
    ? 'The next matches are called as soon as a board is free.'
    : 'No match is on a board right now.';
}

/** `now`: the server's clock (ms), for the text a page without script shows. */
export function boardCalls(state: TournamentState, now: number, names = namesOf(state)): Html {
  if (state.status === 'final') return html``;
  const calls = onBoards(state);
  return html`<section class="calls" aria-labelledby="calls-title" data-count="${calls.length}">
    <h2 id="calls-title">Board calls</h2>
    ${
      calls.length
        ? html`<ol class="calls-list">
            ${calls.map((m, i) => call(state, m, names, now, i === 0))}
          </ol>`
        : html`<p class="calls-empty muted">${emptyLine(state)}</p>`
    }
  </section>`;
}
