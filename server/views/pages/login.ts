// The sign-in: one PIN field (the keeper PIN, or the organiser's), big enough for cold fingers,
// returning to the page that asked.
import { html } from '../html.js';
import { layout, type LayoutOptions } from '../layout.js';

export function loginPage(next: string, error: string | null, base: Omit<LayoutOptions, 'title' | 'body'>) {
  return layout({
    ...base,
    title: 'Keeper login',
    current: 'keeper',
    body: html`<main class="page narrow">
      <div class="panel login-card">
        <h1>Scorekeeper sign-in</h1>
        <p class="muted">
          Enter the keeper PIN shown on the host laptop. Organisers enter the organiser PIN here too.
        </p>
        ${error ? html`<p class="alert" role="alert">${error}</p>` : ''}
        <form method="post" action="/keeper/login" class="login-form">
          <input type="hidden" name="next" value="${next}" />
          <label for="pin">Keeper PIN</label>
          <input
            id="pin"
            class="pin-input"
            name="pin"
            type="password"
            inputmode="numeric"
            autocomplete="one-time-code"
            pattern="[0-9]*"
            required
            autofocus
          />
          <button class="button button-primary button-wide" type="submit">Sign in</button>
        </form>
      </div>
      <p class="login-foot muted">Just watching? <a href="/">See every board</a>.</p>
    </main>`,
  });
}
