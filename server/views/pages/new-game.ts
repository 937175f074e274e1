// The new-game form, on its own page for a keeper's phone and embedded in the host console. A plain
// form post (works before any script loads); a one-time key makes a double tap create one game. Teams
// of earlier games are offered as a datalist (plain HTML) and as chips (the `roster` island) that fill
// the fields; the rules are a preset or custom numbers. After a refusal the form keeps what was typed.
import { randomUUID } from 'node:crypto';
import { DEFAULT_RULES, PRESETS } from '../../domain/index.js';
import { html, type Html } from '../html.js';
import { layout, type LayoutOptions } from '../layout.js';

/** The form's fields as typed (strings, as a form posts them). */
export interface NewGameValues {
  home?: string;
  away?: string;
  homePlayers?: string;
  awayPlayers?: string;
  board?: string;
  preset?: string;
  target?: string;
  bust?: string;
  skunk?: string;
  winBy?: string;
  washOrder?: string;
  firstThrow?: string;
}

/** A team of an earlier game (the store's RosterEntry). */
export interface RosterEntry {
  name: string;
  players: string[];
}

export interface NewGameForm {
  boardCount: number;
  error?: string | null;
  values?: NewGameValues;
  /** Teams of earlier games, the latest first. */
  roster?: readonly RosterEntry[];
  /** The host console's form: a game that has to wait brings the organiser back there. */
  back?: '/host';
}

export const NAME_LIMIT = 40;
const ROSTER_LIST = 'roster-names';
/** Chips for the latest teams; the datalist offers every earlier team as the name is typed. */
const CHIPS = 8;

function teamFields(side: 'home' | 'away', legend: string, example: string, v: NewGameValues): Html {
  const hint = `${side}-name-hint`;
  return html`<fieldset class="team-fields team-fields-${side}">
    <legend>${legend}</legend>
    <label
      >Team name
      <input
        name="${side}"
        required
        maxlength="${NAME_LIMIT}"
        autocomplete="off"
        list="${ROSTER_LIST}"
        aria-describedby="${hint}"
        value="${v[side] ?? ''}"
    /></label>
    <p class="form-hint muted" id="${hint}">Up to ${NAME_LIMIT} characters.</p>
    <label
      >Players <span class="muted">(optional)</span>
      <input
        name="${side}Players"
        maxlength="81"
        placeholder="${example}"
        autocomplete="off"
        value="${v[`${side}Players`] ?? ''}"
    /></label>
  </fieldset>`;
}

/** Earlier teams: a datalist for the name fields, and chips that fill a field (with its players). */
function roster(entries: readonly RosterEntry[]): Html {
  if (entries.length === 0) return html``;
  return html`<datalist id="${ROSTER_LIST}">
      ${entries.map((e) => html`<option value="${e.name}"></option>`)}
    </datalist>
    <div class="roster" x-data="roster" x-cloak>
      <p class="roster-title" id="roster-title">Teams from earlier games</p>
      <p class="form-hint muted">Tap a team to fill the next empty name.</p>
      <ul class="roster-chips" aria-labelledby="roster-title">
        ${entries.slice(0, CHIPS).map(
          (e) =>
            html`<li>
              <button
                type="button"
                class="chip-button"
                data-name="${e.name}"
                data-players="${e.players.join(', ')}"
                x-on:click="pick"
              >
                ${e.name}
              </button>
            </li>`,
        )}
      </ul>
    </div>`;
}

function boardSelect(count: number, chosen: string | undefined): Html {
  const selected = (value: string, first: boolean) =>
    chosen === undefined ? (first ? html`selected` : '') : chosen === value ? html`selected` : '';
  return html`<label
    >Board
    <select name="board">
      ${Array.from(
        { length: count },
        (_, i) => html`<option value="${i + 1}" ${selected(String(i + 1), i === 0)}>Board ${i + 1}</option>`,
      )}
      <option value="" ${selected('', false)}>No board (friendly)</option>
    </select>
  </label>`;
}

function option(value: string, label: string, chosen: string | undefined): Html {
  return html`<option value="${value}" ${chosen === value ? html`selected` : ''}>${label}</option>`;
}

function rulesFields(v: NewGameValues): Html {
  const presets = Object.entries(PRESETS) as Array<[string, (typeof PRESETS)[keyof typeof PRESETS]]>;
  const preset = v.preset ?? 'standard';
  const radio = (id: string) =>
    html`<input type="radio" name="preset" value="${id}" ${preset === id ? html`checked` : ''} />`;
  return html`<fieldset class="presets">
      <legend>Rules</legend>
      ${presets.map(
        ([id, p]) =>
          html`<label class="preset"
            >${radio(id)}
            <span><strong>${p.label}</strong><br /><span class="muted">${p.description}</span></span></label
          >`,
      )}
      <label class="preset"
        >${radio('custom')}
        <span
          ><strong>Custom rules</strong><br /><span class="muted"
            >Your own target, bust, skunk, win by 2 and wash order (below).</span
          ></span
        ></label
      >
      <div class="custom-rules">
        <label
          >Target score
          <input
            name="target"
            type="number"
            inputmode="numeric"
            min="1"
            max="100"
            value="${v.target ?? String(DEFAULT_RULES.target)}"
        /></label>
        <label
          >Bust back to <span class="muted">(empty: no bust)</span>
          <input name="bust" type="number" inputmode="numeric" min="0" max="99" value="${v.bust ?? ''}"
        /></label>
        <label
          >Skunk at <span class="muted">(empty: no skunk)</span>
          <input name="skunk" type="number" inputmode="numeric" min="1" max="99" value="${v.skunk ?? ''}"
        /></label>
        <label class="check"
          ><input type="checkbox" name="winBy" value="2" ${v.winBy === '2' ? html`checked` : ''} /> Win by
          2</label
        >
        <label
          >First to throw after a wash
          <select name="washOrder">
            ${option('same', 'The same team', v.washOrder)}
            ${option('alternate', 'The other team', v.washOrder)}
          </select>
        </label>
      </div>
    </fieldset>
    <label
      >Throws first
      <select name="firstThrow">
        ${option('home', 'Home team', v.firstThrow)} ${option('away', 'Away team', v.firstThrow)}
      </select>
    </label>`;
}

export function newGameForm(f: NewGameForm): Html {
  const v = f.values ?? {};
  return html`<form method="post" action="/host/games" class="new-game">
    ${f.error ? html`<p class="alert" role="alert">${f.error}</p>` : ''}
    <input type="hidden" name="key" value="${randomUUID()}" />
    ${f.back ? html`<input type="hidden" name="back" value="${f.back}" />` : ''} ${roster(f.roster ?? [])}
    <div class="team-pair">
      ${teamFields('home', 'Home team', 'e.g. Sam, Alex', v)}
      ${teamFields('away', 'Away team', 'e.g. Jo, Kim', v)}
    </div>
    ${boardSelect(f.boardCount, v.board)} ${rulesFields(v)}
    <button class="button button-primary button-wide" type="submit">Start game</button>
  </form>`;
}

export function newGamePage(f: NewGameForm, base: Omit<LayoutOptions, 'title' | 'body'>) {
  return layout({
    ...base,
    title: 'New game',
    body: html`<main class="page narrow">
      <h1>New game</h1>
      <div class="panel">${newGameForm(f)}</div>
    </main>`,
  });
}
