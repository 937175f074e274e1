// The draw in HTML and CSS. Elimination: a part per bracket (winners', losers', finals), a column per
// round, a card per match; on a phone the columns stack round by round. Round robin: its rounds, each
// with who sits out. Every card has stable hooks for tests and scripts: data-match, data-status and,
// once called, data-board.
import { gamesWon, type Match, type Side, type TournamentState } from '../../domain/tournament/index.js';
import { html, type Html } from '../html.js';
import { poolTable } from './pool-table.js';
import {
  isShown,
  isVoid,
  lastRound,
  nameOf,
  namesOf,
  placeholder,
  roundTitle,
  statusText,
  type Names,
} from './tournament-words.js';

/** `page`: links to each game; `tv`: no links, sized for a wall; `host`: the page's, for the organiser. */
export type BracketVariant = 'page' | 'tv' | 'host';

const other = (side: Side): Side => (side === 'home' ? 'away' : 'home');

function sideRow(m: Match, side: Side, names: Names, withdrawn: readonly string[]): Html {
  const team = m[side];
  // A bye is not a win: the team goes through, and the card's status says "Bye".
  const played = m.decidedBy === 'game' || m.decidedBy === 'forfeit';
  const won = team !== null && played && m.winner === team;
  const lost = team !== null && played && m.winner === m[other(side)];
  const score = m.decidedBy === 'game' && m.score !== null ? m.score[side] : null;
  // A forfeit is said on the side that gave it up: "withdrew" or "no-show".
  const gaveUp = m.decidedBy === 'forfeit' && team !== null && m.loser === team;
  const why = gaveUp ? (withdrawn.includes(team) ? 'withdrew' : 'no-show') : null;
  const name = team === null ? placeholder(m.from[side], m.bye[side]) : nameOf(names, team);
  const kind = team === null ? (m.bye[side] ? ' match-side-bye' : ' match-side-open') : '';
  return html`<div class="match-side${kind}${won ? ' match-side-won' : ''}${lost ? ' match-side-lost' : ''}">
    <span class="match-name name-fit" title="${name}">${name}</span>${
      score === null ? '' : html`<span class="match-score">${score}</span>`
    }${why === null ? '' : html`<span class="match-forfeit">${why}</span>`}${won ? html`<span class="match-mark" aria-hidden="true">✓</span><span class="sr-only">, winner</span>` : ''}
  </div>`;
}

/** The match's label: a link to its game on the spectators' pages (the whole card is its target). */
function matchLabel(m: Match, names: Names, variant: BracketVariant): Html {
  const teams = `${nameOf(names, m.home) || 'to be decided'} vs ${nameOf(names, m.away) || 'to be decided'}`;
  if (m.gameId === null || variant === 'tv') return html`<span class="match-id">${m.id}</span>`;
  const what = m.status === 'done' ? 'result of' : 'watch';
  return html`<a class="match-id match-link" href="/games/${m.gameId}"
    >${m.id}<span class="sr-only">: ${what} ${teams}</span></a
  >`;
}

/** A series' state in words: "best of 3 · 1–0" (games won, home first). */
export function seriesText(m: Match): string {
  if (m.bestOf <= 1) return '';
  const won = gamesWon(m);
  return m.games.length === 0 ? `best of ${m.bestOf}` : `best of ${m.bestOf} · ${won.home}–${won.away}`;
}

export function matchCard(
  m: Match,
  names: Names,
  variant: BracketVariant,
  withdrawn: readonly string[] = [],
): Html {
  const series = seriesText(m);
  const decided = m.decidedBy === null ? '' : html` data-decided="${m.decidedBy}"`;
  const board = m.board === null ? '' : html` data-board="${m.board}"`;
  const classes = `match match-${m.status}${isVoid(m) ? ' match-void' : ''}${m.decidedBy === 'bye' ? ' match-bye' : ''}`;
  return html`<li
    class="${classes}"
    id="match-${m.id}"
    data-match="${m.id}"
    data-status="${m.status}"
    ${decided}${board}
  >
    <div class="match-head">
      ${matchLabel(m, names, variant)}<span class="match-status"
        >${statusText(m)}${series ? html`<span class="match-series"> · ${series}</span>` : ''}</span
      >
    </div>
    ${sideRow(m, 'home', names, withdrawn)} ${sideRow(m, 'away', names, withdrawn)}
  </li>`;
}

const byOrder = (a: Match, b: Match) => a.order - b.order;

/** The rounds of one bracket, in order, each with its matches in bracket order. */
function roundsOf(matches: readonly Match[], bracket: string): Match[][] {
  const rounds: Match[][] = [];
  for (const m of matches) {
    if (m.bracket !== bracket) continue;
    (rounds[m.round - 1] ??= []).push(m);
  }
  return rounds.filter((r) => r.length > 0).map((r) => r.sort(byOrder));
}

/** A round: its title (h4 in a bracket's part, h3 in a round robin) and its matches in order. */
function roundColumn(
  matches: readonly Match[],
  title: string,
  names: Names,
  variant: BracketVariant,
  level: 3 | 4,
  withdrawn: readonly string[],
): Html {
  const heading =
    level === 3 ? html`<h3 class="round-title">${title}</h3>` : html`<h4 class="round-title">${title}</h4>`;
  return html`<div class="round" data-matches="${matches.length}">
    ${heading}
    <ol class="round-matches" aria-label="${title}">
      ${matches.map((m) => matchCard(m, names, variant, withdrawn))}
    </ol>
  </div>`;
}

const PART_TITLES: Record<string, string> = {
  winners: "Winners' bracket",
  losers: "Losers' bracket",
  final: 'Finals',
};

/** One bracket's columns; a region of its own that scrolls sideways when it is wider than the page. */
function part(state: TournamentState, bracket: string, names: Names, variant: BracketVariant): Html {
  const rounds = roundsOf(
    state.matches.filter((m) => m.bracket !== 'final' || isShown(m)),
    bracket,
  );
  if (rounds.length === 0) return html``;
  const last = lastRound(state.matches, bracket);
  // A single elimination is one bracket: the page's "Bracket" heading says it all.
  const title =
    state.format === 'single'
      ? null
      : state.format === 'pools' && bracket === 'winners'
        ? 'Knockout'
        : (PART_TITLES[bracket] ?? `Pool ${bracket}`);
  const pool = state.pools.find((p) => p.name === bracket);
  return html`<div class="bracket-part bracket-${bracket}">
    ${title ? html`<h3 class="bracket-part-title">${title}</h3>` : ''}
    ${pool === undefined ? '' : poolTable(state, pool, names)}
    ${
      // A decided pool on the TV is its table: the wall keeps its room for the knockout.
      variant === 'tv' && pool?.done === true
        ? ''
        : html`<div
            class="bracket-scroll"
            role="region"
            tabindex="0"
            aria-label="${title ?? 'Bracket'}, round by round"
            aria-describedby="bracket-scroll-hint"
          >
            <div class="rounds" data-rounds="${rounds.length}">
              ${rounds.map((r) =>
                roundColumn(
                  r,
                  roundTitle(state.format, bracket, r[0]?.round ?? 1, last),
                  names,
                  variant,
                  title ? 4 : 3,
                  state.withdrawn,
                ),
              )}
            </div>
          </div>`
    }
  </div>`;
}

/** How tightly a screen that shows the whole bracket (TV mode) packs it. */
const density = (teams: number) => (teams <= 8 ? 'roomy' : teams <= 16 ? 'compact' : 'dense');

function elimination(state: TournamentState, names: Names, variant: BracketVariant): Html {
  // The widest row of rounds (the CSS says "scroll sideways" when it is wider than the page).
  const columns = Math.max(lastRound(state.matches, 'winners'), lastRound(state.matches, 'losers'));
  return html`<div
    class="bracket bracket-${state.format}"
    data-format="${state.format}"
    data-teams="${state.teams.length}"
    data-columns="${columns}"
    data-density="${density(state.teams.length)}"
  >
    <p class="bracket-hint muted" id="bracket-scroll-hint">
      Wide brackets scroll sideways: swipe for later rounds.
    </p>
    ${
      state.pools.length
        ? html`<div class="pool-parts">${state.pools.map((p) => part(state, p.name, names, variant))}</div>`
        : ''
    }
    ${part(state, 'winners', names, variant)} ${part(state, 'losers', names, variant)}
    ${part(state, 'final', names, variant)}
  </div>`;
}

/**
 * Every round with who sits out. The TV shows the rounds still to finish (the table beside them
 * says how the others went), or the last round once all are played.
 */
function roundRobin(state: TournamentState, names: Names, variant: BracketVariant): Html {
  const pools = [...new Set(state.matches.map((m) => m.bracket))];
  const shown = (rounds: Match[][]) => {
    if (variant !== 'tv') return rounds;
    const open = rounds.filter((r) => r.some((m) => m.status !== 'done'));
    return open.length ? open : rounds.slice(-1);
  };
  return html`<div
    class="bracket bracket-round-robin"
    data-format="round-robin"
    data-teams="${state.teams.length}"
  >
    ${pools.map((pool) =>
      shown(roundsOf(state.matches, pool)).map((matches) => {
        const playing = new Set(matches.flatMap((m) => [m.home, m.away]));
        const resting = state.teams.filter((t) => !playing.has(t.id));
        return html`<div class="rr-round">
          ${roundColumn(
            matches,
            roundTitle(state.format, pool, matches[0]?.round ?? 1, 0),
            names,
            variant,
            3,
            state.withdrawn,
          )}
          ${
            resting.length
              ? html`<p class="rr-rest muted">Sits out: ${resting.map((t) => t.name).join(', ')}</p>`
              : ''
          }
        </div>`;
      }),
    )}
  </div>`;
}

/** Before the start there is no draw yet: the teams as entered. */
function entrants(state: TournamentState): Html {
  return html`<div class="bracket bracket-setup" data-format="${state.format}">
    <p class="muted">The draw is made when the organiser starts the tournament.</p>
    <ol class="entrants">
      ${state.teams.map(
        (t) =>
          html`<li class="entrant" data-team="${t.id}">
            <span class="entrant-name">${t.name}</span>${
              t.players.length ? html` <span class="muted">(${t.players.join(' & ')})</span>` : ''
            }
          </li>`,
      )}
    </ol>
  </div>`;
}

export function bracket(state: TournamentState, variant: BracketVariant, names = namesOf(state)): Html {
  if (state.status === 'setup' || state.matches.length === 0) return entrants(state);
  return state.format === 'round-robin'
    ? roundRobin(state, names, variant)
    : elimination(state, names, variant);
}
