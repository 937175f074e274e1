// A readable error page for a person's browser (the API answers JSON instead). Self-contained: it must
// render even when the asset server is what failed.
import { html, type Html } from '../html.js';

export function errorPage(status: number, message: string): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${status === 404 ? 'Not found' : 'Something went wrong'} · BagTrax</title>
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <main class="page narrow error-page">
          <h1>${status === 404 ? 'Not found' : status === 403 ? 'Not allowed' : 'Something went wrong'}</h1>
          <p>${message}</p>
          <p><a class="button" href="/">Back to the boards</a></p>
        </main>
      </body>
    </html>`;
}
