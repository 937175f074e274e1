// While a page's game is removed: waits for the organiser to restore it. A restore is a
// `refresh-games` on the venue's stream, so the page listens there (its own stream has ended, so it
// still holds one stream) and asks for the game at each such event, and once when the stream opens.
/** The game's state JSON, as `/api/games/{id}/state` answers it. */
export type GameJson = Record<string, unknown> & { id: string; version: number };

/** `/games/{id}/events?since=3` → `/api/games/{id}/state`; null for a stream that is not a game's. */
export function stateUrlOf(streamUrl: string | null): string | null {
  const m = /^\/games\/([^/?#]+)\/events(?:[?#]|$)/.exec(streamUrl ?? '');
  return m ? `/api/games/${m[1]}/state` : null;
}

/** Calls `back` once the game answers again; the returned function stops waiting. */
export function awaitComeback(stateUrl: string, back: (state: GameJson) => void): () => void {
  let done = false;
  let asking = false;
  let askAgain = false;
  const venue = new EventSource('/events');
  const stop = (): void => {
    done = true;
    venue.close();
  };
  const ask = async (): Promise<void> => {
    if (done) return;
    if (asking) {
      askAgain = true;
      return;
    }
    asking = true;
    try {
      const res = await fetch(stateUrl, { cache: 'no-store', headers: { Accept: 'application/json' } });
      if (res.ok && !done) {
        const state = (await res.json()) as GameJson;
        stop();
        back(state);
      }
    } catch {
      // Offline or the server is restarting: the venue stream reconnects and asks again.
    } finally {
      asking = false;
      if (askAgain && !done) {
        askAgain = false;
        void ask();
      }
    }
  };
  // The venue stream opens with a `refresh-games` (no position given): that first ask also catches
  // a restore made between the removal and this listener.
  venue.addEventListener('refresh-games', () => void ask());
  return stop;
}
