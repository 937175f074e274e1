// The page shell: one stylesheet, one module script, no inline script (the CSP allows only 'self').
import { html, type Html } from './html.js';

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
}

export function connectionBadge(): Html {
  return html`<span
    class="conn"
    x-data="connection"
    x-bind:data-status="status"
    role="status"
    aria-live="polite"
    ><span class="conn-dot" aria-hidden="true"></span
    ><span class="conn-label" x-text="label">Connecting…</span></span
  >`;
}

export function layout(o: LayoutOptions): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="color-scheme" content="light dark" />
        <title>${o.title} · BagTrax</title>
        <link rel="stylesheet" href="${o.assets.css}" />
        <script type="module" src="${o.assets.js}"></script>
      </head>
      <body class="${o.bodyClass ?? ''}">
        ${
          o.bare
            ? ''
            : html`<header class="topbar">
                <a class="brand" href="/"><span class="brand-mark" aria-hidden="true"></span>BagTrax</a>
                <nav class="topnav" aria-label="Main">
                  <a href="/">Boards</a>
                  <a href="/tv">TV</a>
                  ${o.keeper ? html`<a href="/host">Host</a>` : html`<a href="/keeper/login">Keeper</a>`}
                </nav>
                ${connectionBadge()}
              </header>`
        }
        ${o.body}
      </body>
    </html>`;
}
