// What the streams say: the events of a game version and of the venue, serialised once per version,
// how a resuming client catches up, and which topics a change touches.
import { liveState, type GameState } from './domain/index.js';
import type { Change } from './games.js';
import type { GameTopic, Hub, TopicEvent, VenueTopic } from './hub/index.js';

type GameSse = TopicEvent<GameTopic>;
type VenueSse = TopicEvent<VenueTopic>;

export const gameTopic = (id: string): GameTopic => `game:${id}`;
export const VENUE_TOPIC: VenueTopic = 'venue';

/** The two events of one game version; the last version's pair is kept so each is built once. */
const lastPair = new WeakMap<GameState, GameSse[]>();
export function gameEvents(state: GameState): GameSse[] {
  let pair = lastPair.get(state);
  if (!pair) {
    pair = [
      { id: state.version, event: 'refresh-scoreboard', data: 'changed' },
      { id: state.version, event: 'state', data: JSON.stringify(liveState(state)) },
    ];
    lastPair.set(state, pair);
  }
  return pair;
}

/**
 * A client's position is Last-Event-ID when present, else ?since. Behind or ahead (the server was
 * reset) gets the current pair at once; a client at the current position gets nothing extra.
 */
export function streamPosition(lastEventId: string | undefined, since: string | undefined): number | null {
  for (const raw of [lastEventId, since]) {
    if (raw !== undefined && raw !== '') {
      return /^\d{1,15}$/.test(raw.trim()) ? Number(raw.trim()) : -1;
    }
  }
  return null;
}

export function gameCatchUp(state: GameState, position: number | null): GameSse[] {
  return position === state.version ? [] : gameEvents(state);
}

export function venueCatchUp(seq: number, position: number | null): VenueSse[] {
  return position === seq ? [] : [{ id: seq, event: 'refresh-games', data: 'changed' }];
}

/**
 * Publishes what a change means to every stream that cares, just after the current request is
 * answered: writing to thousands of streams must never delay the keeper's answer. setImmediate keeps
 * commit order across every caller (the hub drops an id at or below one it has sent).
 */
export function publishChange(hub: Hub, change: Change, state: GameState | null): void {
  setImmediate(() => {
    try {
      publishNow(hub, change, state);
    } catch (err) {
      // Only a malformed event throws here (a bug): log it rather than take the server down.
      console.error(`BagTrax error: ${(err as Error)?.stack ?? String(err)}`);
    }
  });
}

function publishNow(hub: Hub, change: Change, state: GameState | null): void {
  if (change.kind === 'removed') {
    hub.end(gameTopic(change.gameId));
    hub.publish(VENUE_TOPIC, [{ id: change.venueSeq, event: 'refresh-games', data: 'changed' }]);
    return;
  }
  if (state && change.kind === 'write') hub.publish(gameTopic(change.gameId), gameEvents(state));
  const venue: VenueSse[] = [];
  if (change.kind === 'created' || change.kind === 'boards' || change.kind === 'started') {
    venue.push({ id: change.venueSeq, event: 'refresh-games', data: 'changed' });
  } else if (change.board !== null) {
    venue.push({ id: change.venueSeq, event: `refresh-board-${change.board}`, data: 'changed' });
  }
  if (venue.length) hub.publish(VENUE_TOPIC, venue);
}
