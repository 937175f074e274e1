// The page shell: one stylesheet, one module script, no inline script (the CSP allows only 'self'),
// and the top bar with the connection badge that every live page shares.
import { html, type Html } from './html.js';

export type NavItem = 'boards' | 'tv' | 'host' | 'keeper';

export interface LayoutOptions {
  title: string;
  body: Html;
  /** Versioned asset URLs from the asset server. */
  assets: { js: string; css: string };
  bodyClass?: string;
  /** Show the keeper's links in the top bar. */
  keeper?: boolean;
  /** Leave out the top bar (TV wall). */
  bare?: boolean;
  /** The top-bar link marked as the current page. */
  current?: NavItem;
  /** A relay's page: nobody keeps score here, so no keeper link. */
  readOnly?: boolean;
  /** A line under the top bar (a relay that is waiting for its venue, or has lost it). */
  notice?: string | null;
  /** A class on the root element (the overlays' transparent page). */
  rootClass?: string;
  /** The page's colour schemes (`light dark` unless it says otherwise). */
  colorScheme?: string;
}

/**
 * Live / reconnecting / offline, in words and colour. Only the status word is a live region: the
 * age of stale data ticks every few seconds and must not be read out each time.
 */
export function connectionBadge(): Html {
  return html`<span class="conn" x-data="connection" x-bind:data-status="status" data-status="connecting"
    ><span class="conn-dot" aria-hidden="true"></span
    ><span class="conn-label" role="status" aria-live="polite" x-text="label">Connecting</span
    ><span class="conn-age" aria-hidden="true" x-text="age"></span
  ></span>`;
}

function navLink(href: string, label: string, item: NavItem, current: NavItem | undefined): Html {
  return html`<a href="${href}" class="nav-${item}" ${current === item ? html`aria-current="page"` : ''}
    >${label}</a
  >`;
}

export function brand(): Html {
  return html`<img class="brand-mark" src="/assets/icon.svg" alt="" width="28" height="28" /><span
      class="brand-name"
      >BagTrax</span
    >`;
}

export function layout(o: LayoutOptions): Html {
  return html`<!doctype html>
    <html lang="en" class="${o.rootClass ?? ''}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="color-scheme" content="${o.colorScheme ?? 'light dark'}" />
        <title>${o.title} · BagTrax</title>
        <link rel="icon" href="/assets/icon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="${o.assets.css}" />
        <script type="module" src="${o.assets.js}"></script>
      </head>
      <body class="${o.bodyClass ?? ''}">
        ${
          o.bare
            ? ''
            : html`<header class="topbar">
                <a class="brand" href="/" aria-label="BagTrax: all boards">${brand()}</a>
                <nav class="topnav" aria-label="Main">
                  ${navLink('/', 'Boards', 'boards', o.current)} ${navLink('/tv', 'TV', 'tv', o.current)}
                  ${
                    o.readOnly
                      ? ''
                      : o.keeper
                        ? navLink('/host', 'Host', 'host', o.current)
                        : navLink('/keeper/login', 'Keeper', 'keeper', o.current)
                  }
                </nav>
                ${connectionBadge()}
              </header>`
        }
        ${o.notice ? html`<p class="alert alert-warn site-notice" role="status">${o.notice}</p>` : ''}
        ${o.body}
      </body>
    </html>`;
}

/**
 * The page's one event stream: htmx 4 connects on the wrapper (never swapped) and dispatches each
 * named event there; the scoreboard, the board cards and the Alpine islands inside listen to it.
 * `bagtrax:connect` lets renderer/live.ts retry a first connection that failed.
 */
export function liveRegion(o: { stream: string; className: string; island?: string; body: Html }): Html {
  return html`<main
    id="live"
    class="${o.className}"
    hx-sse:connect="${o.stream}"
    hx-trigger="load, bagtrax:connect"
    ${o.island ? html`x-data="${o.island}"` : ''}
  >
    ${o.body}
  </main>`;
}
