// The venue's tournaments as a list: the whole of /tournaments, and a short section on the overview,
// the TV wall and the host console. Live through the venue stream (`refresh-tournaments`, and
// `refresh-games`, which a stream sends again after a reconnect); served alone by GET /tournament-list.
import type { Format, TournamentStatus } from '../../domain/tournament/index.js';
import { html, type Html } from '../html.js';
import { FORMAT_NAMES, STATUS_NAMES } from './tournament-words.js';

/** What a list shows of a tournament (the service's TournamentSummary has these and more). */
export interface TournamentItem {
  id: string;
  name: string;
  format: Format;
  status: TournamentStatus;
  teams: number;
}

/** `page`: /tournaments; `venue`: the overview; `tv`: the wall (no links); `host`: the host console. */
export type ListVariant = 'page' | 'venue' | 'tv' | 'host';

export interface ListOptions {
  variant: ListVariant;
  /** The organiser's links to run each tournament (never on the TV). */
  organiser?: boolean;
}

const PILLS: Record<TournamentStatus, string> = {
  setup: 'pill-idle',
  live: 'pill-live',
  final: 'pill-final',
};

export function statusPill(status: TournamentStatus): Html {
  return html`<span class="pill ${PILLS[status]}">${STATUS_NAMES[status]}</span>`;
}

function item(t: TournamentItem, { variant, organiser = false }: ListOptions): Html {
  const what = `${FORMAT_NAMES[t.format]} · ${t.teams} teams`;
  const name =
    variant === 'tv'
      ? html`<span class="t-item-name name-fit" title="${t.name}">${t.name}</span>`
      : html`<a class="t-item-name t-item-link" href="/tournaments/${t.id}"
          ><span class="name-fit" title="${t.name}">${t.name}</span></a
        >`;
  return html`<li class="t-item" data-tournament="${t.id}" data-status="${t.status}">
    ${name} ${statusPill(t.status)}
    <span class="t-item-what muted">${what}</span>
    ${
      organiser && variant !== 'tv'
        ? html`<span class="t-item-tools"
            ><a class="button button-small" href="/host/tournaments/${t.id}"
              >${t.status === 'setup' ? 'Start' : t.status === 'live' ? 'Run' : 'Review'}<span class="sr-only"
                >: ${t.name}</span
              ></a
            ><a class="button button-small button-quiet" href="/tournaments/${t.id}/tv"
              >TV<span class="sr-only">: ${t.name}</span></a
            ></span
          >`
        : ''
    }
  </li>`;
}

/** The TV wall's header has room for a few tournaments in play, not for a list. */
const TV_ITEMS = 3;

export function tournamentList(all: readonly TournamentItem[], o: ListOptions): Html {
  const { variant } = o;
  const items = variant === 'tv' ? all.filter((t) => t.status !== 'final').slice(0, TV_ITEMS) : all;
  const query = variant === 'venue' ? '' : `?variant=${variant}`;
  // The venue pages keep the (empty) section so that a new tournament appears on the next refresh.
  const hidden = items.length === 0 && variant !== 'page';
  return html`<section
    class="t-list t-list-${variant}"
    id="tournaments"
    hx-get="/tournament-list${query}"
    hx-trigger="refresh-tournaments from:#live, refresh-games from:#live"
    hx-swap="outerMorph"
    data-count="${items.length}"
    aria-labelledby="tournaments-title"
    ${hidden ? html`hidden` : ''}
  >
    <div class="t-list-head">
      <h2 class="t-list-title${variant === 'page' ? ' sr-only' : ''}" id="tournaments-title">Tournaments</h2>
      ${
        variant === 'venue' || variant === 'host'
          ? html`<a class="t-list-all" href="/tournaments">All tournaments</a>`
          : ''
      }
    </div>
    ${
      items.length
        ? html`<ul class="t-items">
            ${items.map((t) => item(t, o))}
          </ul>`
        : html`<p class="t-list-empty muted">No tournament yet tonight.</p>`
    }
  </section>`;
}
