// A readable error page for a person's browser (the API answers JSON instead). Self-contained: it must
// render even when the asset server is what failed, so it needs nothing but the stylesheet.
import { html, type Html } from '../html.js';
import { brand } from '../layout.js';

function heading(status: number): string {
  if (status === 404) return 'Not found';
  if (status === 403) return 'Not allowed';
  if (status === 429) return 'Too many tries';
  return 'Something went wrong';
}

export function errorPage(status: number, message: string): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>${heading(status)} · BagTrax</title>
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <main class="page narrow error-page">
          <a class="brand error-brand" href="/" aria-label="BagTrax: all boards">${brand()}</a>
          <p class="error-code">Error ${status}</p>
          <h1>${heading(status)}</h1>
          <p class="error-message">${message}</p>
          <p><a class="button button-primary" href="/">Back to the boards</a></p>
        </main>
      </body>
    </html>`;
}
