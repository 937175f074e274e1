// The overlays (GET /boards/{n}/overlay, GET /games/{id}/overlay): one score bug on a transparent
// page, for a stream's video or a league's website to show on top of its own. Big digits, the team
// names, the round and what the game is played to; live through the same stream and fragment refresh
// as every other page. No links, nothing to tap, no words but the game's.
import type { GameState, Side } from '../../domain/index.js';
import { html, type Html } from '../html.js';
import { layout, liveRegion, type LayoutOptions } from '../layout.js';
import { targetText, type BoardView } from '../partials/board-card.js';

/** Where the bug refreshes from, and on which of the page's stream events. */
interface Refresh {
  url: string;
  trigger: string;
}

function team(g: GameState, s: Side): Html {
  const won = g.winner === s;
  return html`<div class="bug-team bug-${s}${won ? ' bug-won' : ''}">
    <span class="bug-name" title="${g[s].name}">${g[s].name}</span>${
      won ? html`<span class="bug-tag">Win</span>` : ''
    }<span class="bug-score">${g[s].score}</span>
  </div>`;
}

/** What the caption says after the board: the round being played, or that it is over. */
function stage(g: GameState): Html {
  return g.status === 'final'
    ? html`<span class="bug-stage">Final</span>`
    : html`<span class="bug-stage">Round ${g.round.number}</span>`;
}

function bug(body: Html, caption: Html, r: Refresh, g: GameState | null): Html {
  return html`<section
    class="bug${g ? ` bug-${g.status}` : ' bug-idle'}"
    id="bug"
    hx-get="${r.url}"
    hx-trigger="${r.trigger}"
    hx-swap="outerMorph"
    data-game="${g?.id ?? ''}"
    data-version="${g?.version ?? ''}"
    data-home="${g?.home.score ?? ''}"
    data-away="${g?.away.score ?? ''}"
    aria-label="Live score"
  >
    <p class="bug-caption"><span class="bug-dot" aria-hidden="true"></span>${caption}</p>
    ${body}
  </section>`;
}

function gameBody(g: GameState): Html {
  return html`<div class="bug-teams">${team(g, 'home')}${team(g, 'away')}</div>
    ${g.tournament && g.match ? html`<p class="bug-match">${g.tournament.name} · ${g.match.label}</p>` : ''}`;
}

const boardRefresh = (n: number): Refresh => ({
  url: `/boards/${n}/overlay/score`,
  // A bag or a finish on the board, or another game moving onto it.
  trigger: `refresh-board-${n} from:#live, refresh-games from:#live`,
});

/** One board's bug: its current game, else the board and who plays next. */
export function boardBug(b: BoardView): Html {
  const g = b.current;
  const where = html`<span class="bug-where">Board ${b.number}</span>`;
  if (!g) {
    const next = b.queue[0];
    return bug(
      html`<p class="bug-wait">
        ${next ? html`Next: <span class="bug-next">${next.home.name} vs ${next.away.name}</span>` : 'No game yet'}
      </p>`,
      where,
      boardRefresh(b.number),
      null,
    );
  }
  return bug(
    gameBody(g),
    html`${where}${stage(g)}<span class="bug-target">${targetText(g.rules)}</span>`,
    boardRefresh(b.number),
    g,
  );
}

/** One game's bug, wherever it is played. */
export function gameBug(g: GameState): Html {
  const where = g.board === null ? html`` : html`<span class="bug-where">Board ${g.board}</span>`;
  return bug(
    gameBody(g),
    html`${where}${stage(g)}<span class="bug-target">${targetText(g.rules)}</span>`,
    { url: `/games/${g.id}/overlay/score`, trigger: 'refresh-scoreboard from:#live' },
    g,
  );
}

type Base = Omit<LayoutOptions, 'title' | 'body'>;

function overlayPage(title: string, stream: string, content: Html, base: Base): Html {
  return layout({
    ...base,
    title,
    bare: true,
    bodyClass: 'overlay',
    // A transparent frame: a colour scheme of its own would make browsers paint an opaque backdrop
    // when it differs from the embedding page's.
    rootClass: 'overlay-root',
    colorScheme: 'normal',
    body: liveRegion({ stream, className: 'overlay-live', body: content }),
  });
}

export function boardOverlayPage(b: BoardView, venueSeq: number, base: Base): Html {
  return overlayPage(`Board ${b.number} overlay`, `/events?since=${venueSeq}`, boardBug(b), base);
}

export function gameOverlayPage(g: GameState, base: Base): Html {
  return overlayPage(
    `${g.home.name} vs ${g.away.name} overlay`,
    `/games/${g.id}/events?since=${g.version}`,
    gameBug(g),
    base,
  );
}
