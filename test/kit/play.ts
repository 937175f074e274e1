// Playing a tournament's games through the API in tests: a venue with enough boards, and a game won
// 24–0 in two rounds of four bags in the hole. Throws (no vitest here) when the server refuses.
import { raw } from './raw.js';
import type { InProcessServer, TestServer } from './server.js';

/** Sets the venue's board count through the host console (the count tournaments may use). */
export async function setBoardCount(s: InProcessServer, count: number): Promise<void> {
  const answer = await raw(s.url, '/host/boards', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Cookie: `${s.hostCookie.name}=${s.hostCookie.value}`,
      Origin: s.url,
    },
    body: `count=${count}`,
  });
  if (answer.status !== 303) throw new Error(`Setting ${count} boards answered ${answer.status}`);
}

/** Plays game `gameId` to 24–0 for `side` in two rounds of four bags in the hole. */
export async function winGame(s: TestServer, gameId: string, side: 'home' | 'away'): Promise<void> {
  const four = { hole: 4, board: 0 };
  const none = { hole: 0, board: 0 };
  const round = side === 'home' ? { home: four, away: none } : { home: none, away: four };
  for (let i = 0; i < 2; i++) {
    const answer = await s.api('POST', `/api/games/${gameId}/rounds`, round);
    if (answer.status !== 200)
      throw new Error(`A round of game ${gameId} answered ${answer.status}: ${answer.text}`);
  }
}
