// The organiser's form for a new tournament (GET /host/tournaments/new, posted to POST
// /host/tournaments): its name, format, teams one per line (earlier teams a tap away), the boards it
// plays on, the rules of every match, the seeding and the format's option. A plain form post, with a
// one-time key so a double tap creates one tournament; after a refusal it comes back as typed.
import { randomUUID } from 'node:crypto';
import { PRESETS, type PresetName } from '../../domain/index.js';
import { MAX_TEAMS, MIN_TEAMS } from '../../domain/tournament/index.js';
import { html, type Html } from '../html.js';
import { layout, type LayoutOptions } from '../layout.js';
import { NAME_LIMIT, type RosterEntry } from './new-game.js';

/** The form's fields as typed (strings, as a form posts them; `boards` repeated). */
export interface NewTournamentValues {
  name?: string;
  format?: string;
  teams?: string;
  boards?: string[];
  preset?: string;
  seeding?: string;
  /** "1" when ticked. */
  reset?: string;
  twice?: string;
  /** Pools: the most teams in a pool, and how many of each go on to the knockout. */
  poolSize?: string;
  poolAdvance?: string;
  /** "3" or "5": the final is a best-of series; empty: one game. */
  finalBestOf?: string;
  /** Minutes a called match may wait for its teams; empty: no clock. */
  noShow?: string;
  /** "" (teams as entered), "blind" or "switch": teams drawn from `players`. */
  draw?: string;
  /** One player per line, "(A)" or "(B)" after a name for tiers. */
  players?: string;
}

const DRAWS = [
  ['', 'Teams as entered', 'Type the teams below.'],
  [
    'blind',
    'Blind draw',
    'Type the players; random pairs are drawn at the start (with tiers, one A and one B each).',
  ],
  [
    'switch',
    'Switch partners',
    'Round robin only: new partners are drawn every round; standings per player.',
  ],
] as const;

export interface NewTournamentForm {
  boardCount: number;
  error?: string | null;
  /** What was typed, after a refusal; none: a fresh form with its defaults. */
  values?: NewTournamentValues;
  /** Teams of earlier games, the latest first. */
  roster?: readonly RosterEntry[];
}

/** Chips for earlier teams: a tournament takes many, so more than the new-game form's eight. */
const CHIPS = 32;

const FORMATS = [
  ['single', 'Single elimination', 'Lose once and you are out.'],
  [
    'double',
    'Double elimination',
    "Lose twice and you are out: a first loss drops a team to the losers' bracket, whose champion meets the winners' champion in the grand final.",
  ],
  ['round-robin', 'Round robin', 'Everyone plays everyone; the table decides.'],
  [
    'pools',
    'Pools, then a knockout',
    'A round robin in pools, then a single elimination of the top of each pool, pool winners kept apart until late.',
  ],
] as const;

const SEEDINGS = [
  ['entered', 'As entered', 'The first line is the top seed; seeds 1 and 2 can only meet in the final.'],
  ['random', 'Random draw', 'The seeds are shuffled when the tournament starts.'],
  [
    'stats',
    'By form here',
    'Teams that scored more points per round in their earlier games at this venue are seeded higher; new teams last.',
  ],
] as const;

function choice(name: string, value: string, label: string, hint: string, chosen: string): Html {
  return html`<label class="preset"
    ><input type="radio" name="${name}" value="${value}" ${chosen === value ? html`checked` : ''} />
    <span><strong>${label}</strong><br /><span class="muted">${hint}</span></span></label
  >`;
}

function rosterChips(entries: readonly RosterEntry[]): Html {
  if (entries.length === 0) return html``;
  return html`<div class="roster" x-data="teamLines" x-cloak>
    <p class="roster-title" id="t-roster-title">Teams from earlier games</p>
    <p class="form-hint muted">Tap a team to add it as a line.</p>
    <ul class="roster-chips" aria-labelledby="t-roster-title">
      ${entries.slice(0, CHIPS).map((e) => {
        const line = e.players.length ? `${e.name}: ${e.players.join(', ')}` : e.name;
        return html`<li>
          <button type="button" class="chip-button" data-line="${line}" x-on:click="add">${e.name}</button>
        </li>`;
      })}
    </ul>
  </div>`;
}

function boardBoxes(count: number, chosen: readonly string[] | undefined): Html {
  return html`<fieldset class="t-boards">
    <legend>Boards it plays on</legend>
    <p class="form-hint muted">Matches are called to the free boards in this order.</p>
    <div class="t-board-boxes">
      ${Array.from({ length: count }, (_, i) => {
        const n = String(i + 1);
        const on = chosen === undefined || chosen.includes(n);
        return html`<label class="check t-board-box"
          ><input type="checkbox" name="board" value="${n}" ${on ? html`checked` : ''} /> Board ${n}</label
        >`;
      })}
    </div>
  </fieldset>`;
}

export function newTournamentForm(f: NewTournamentForm): Html {
  const fresh = f.values === undefined;
  const v = f.values ?? {};
  const format = v.format ?? 'double';
  const preset = v.preset ?? 'standard';
  const presets = Object.entries(PRESETS) as Array<[PresetName, (typeof PRESETS)[PresetName]]>;
  return html`<form method="post" action="/host/tournaments" class="new-tournament t-form">
    ${f.error ? html`<p class="alert" role="alert">${f.error}</p>` : ''}
    <input type="hidden" name="key" value="${randomUUID()}" />
    <label
      >Name <input name="name" required maxlength="${NAME_LIMIT}" autocomplete="off" value="${v.name ?? ''}"
    /></label>
    <fieldset class="t-formats">
      <legend>Format</legend>
      ${FORMATS.map(([value, label, hint]) => choice('format', value, label, hint, format))}
      <label class="check only-double"
        ><input type="checkbox" name="reset" value="1" ${fresh || v.reset === '1' ? html`checked` : ''} />
        <span
          ><strong>True second final</strong><br /><span class="muted"
            >Double elimination: when the losers' bracket champion wins the grand final, the two play it
            again.</span
          ></span
        ></label
      >
      <label class="check only-round-robin"
        ><input type="checkbox" name="twice" value="1" ${v.twice === '1' ? html`checked` : ''} />
        <span
          ><strong>Every pair plays twice</strong><br /><span class="muted"
            >Round robin: a second round of every match, home and away swapped.</span
          ></span
        ></label
      >
      <div class="only-pools t-pools">
        <label for="t-pool-size">Teams per pool (at most)</label>
        <input
          id="t-pool-size"
          name="poolSize"
          inputmode="numeric"
          pattern="[0-9]*"
          size="3"
          value="${v.poolSize ?? '4'}"
        />
        <label for="t-pool-advance">Go on from each pool</label>
        <input
          id="t-pool-advance"
          name="poolAdvance"
          inputmode="numeric"
          pattern="[0-9]*"
          size="3"
          value="${v.poolAdvance ?? '2'}"
        />
      </div>
    </fieldset>
    <fieldset class="t-draws">
      <legend>Who plays</legend>
      ${DRAWS.map(([value, label, hint]) => choice('draw', value, label, hint, v.draw ?? ''))}
      <div class="only-draw">
        <label for="t-players">Players</label>
        <p class="form-hint muted" id="t-players-hint">
          One player per line, 4 to 128; add (A) or (B) after a name to draw one of each tier into a team.
        </p>
        <textarea id="t-players" name="players" rows="8" aria-describedby="t-players-hint" autocomplete="off">
${v.players ?? ''}</textarea>
      </div>
      <div class="only-teams">
        <label for="t-teams">Teams</label>
        <p class="form-hint muted" id="t-teams-hint">
          One team per line, ${MIN_TEAMS} to ${MAX_TEAMS}: a name, or a name, a colon and up to two players
          (Bag Daddies: Mike, Dana). Names are up to ${NAME_LIMIT} characters.
        </p>
        ${rosterChips(f.roster ?? [])}
        <textarea id="t-teams" name="teams" rows="10" aria-describedby="t-teams-hint" autocomplete="off">
${v.teams ?? ''}</textarea>
      </div>
    </fieldset>
    ${boardBoxes(f.boardCount, v.boards)}
    <fieldset class="presets">
      <legend>Rules for every match</legend>
      ${presets.map(([id, p]) => choice('preset', id, p.label, p.description, preset))}
    </fieldset>
    <fieldset class="t-night">
      <legend>Finals and no-shows</legend>
      <label for="t-final-best-of">The final</label>
      <select id="t-final-best-of" name="finalBestOf">
        ${[
          ['', 'One game'],
          ['3', 'Best of 3 games'],
          ['5', 'Best of 5 games'],
        ].map(
          ([value, label]) =>
            html`<option value="${value}" ${(v.finalBestOf ?? '') === value ? html`selected` : ''}>
              ${label}
            </option>`,
        )}
      </select>
      <label for="t-no-show">No-show clock, minutes (optional)</label>
      <p class="form-hint muted" id="t-no-show-hint">
        After this long on a board without starting, the run page offers a forfeit. Empty: no clock. Check-in
        is on the tournament's page before you start it.
      </p>
      <input
        id="t-no-show"
        name="noShow"
        inputmode="numeric"
        pattern="[0-9]*"
        size="3"
        aria-describedby="t-no-show-hint"
        value="${v.noShow ?? ''}"
      />
    </fieldset>
    <fieldset>
      <legend>Seeding</legend>
      ${SEEDINGS.map(([value, label, hint]) => choice('seeding', value, label, hint, v.seeding ?? 'entered'))}
    </fieldset>
    <button class="button button-primary button-wide" type="submit">Create tournament</button>
  </form>`;
}

export function newTournamentPage(f: NewTournamentForm, base: Omit<LayoutOptions, 'title' | 'body'>) {
  return layout({
    ...base,
    title: 'New tournament',
    current: 'host',
    body: html`<main class="page narrow">
      <p class="t-back"><a href="/host">← Host console</a></p>
      <h1>New tournament</h1>
      <p class="page-sub">It starts when you press Start on its page; until then you can check the teams.</p>
      <div class="panel">${newTournamentForm(f)}</div>
    </main>`,
  });
}
