// What the streams say: the events of a game version and of the venue, serialised once per version,
// how a resuming client catches up, and which topics a change touches.
import { liveState, type GameState } from './domain/index.js';
import type { TournamentState } from './domain/tournament/index.js';
import type { Change } from './games.js';
import type { GameTopic, Hub, TopicEvent, TournamentTopic, VenueEventName, VenueTopic } from './hub/index.js';
import type { TournamentChange } from './tournaments/results.js';

type GameSse = TopicEvent<GameTopic>;
type VenueSse = TopicEvent<VenueTopic>;
type TournamentSse = TopicEvent<TournamentTopic>;

export const gameTopic = (id: string): GameTopic => `game:${id}`;
export const tournamentTopic = (id: string): TournamentTopic => `tournament:${id}`;
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

/** A tournament version's two events: the bracket to fetch again, and the whole state for scripts. */
const lastTournamentPair = new WeakMap<TournamentState, TournamentSse[]>();
export function tournamentEvents(state: TournamentState): TournamentSse[] {
  let pair = lastTournamentPair.get(state);
  if (!pair) {
    pair = [
      { id: state.version, event: 'refresh-bracket', data: 'changed' },
      { id: state.version, event: 'state', data: JSON.stringify(state) },
    ];
    lastTournamentPair.set(state, pair);
  }
  return pair;
}

export function tournamentCatchUp(state: TournamentState, position: number | null): TournamentSse[] {
  return catchUp(state.version, position, tournamentEvents(state));
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

/** The rule behind every catch-up: nothing extra at the current position, else the current events. */
export function catchUp<E>(current: number, position: number | null, events: E[]): E[] {
  return position === current ? [] : events;
}

export function gameCatchUp(state: GameState, position: number | null): GameSse[] {
  return catchUp(state.version, position, gameEvents(state));
}

export function venueCatchUp(seq: number, position: number | null): VenueSse[] {
  return catchUp(seq, position, [{ id: seq, event: 'refresh-games', data: 'changed' }]);
}

/**
 * Publishes what a change means to every stream that cares, just after the current request is
 * answered: writing to thousands of streams must never delay the keeper's answer. setImmediate keeps
 * commit order across every caller (the hub drops an id at or below one it has sent).
 */
export function publishChange(hub: Hub, change: Change, state: GameState | null): void {
  later(() => publishNow(hub, change, state));
}

/** The same for a tournament's own write (created, started, a call by hand…). */
export function publishTournamentChange(hub: Hub, change: TournamentChange): void {
  later(() => publishTournamentNow(hub, change));
}

function later(publish: () => void): void {
  setImmediate(() => {
    try {
      publish();
    } catch (err) {
      // Only a malformed event throws here (a bug): log it rather than take the server down.
      console.error(`BagTrax error: ${(err as Error)?.stack ?? String(err)}`);
    }
  });
}

/** Games the change made or moved first (their venue ids come first), then the tournament's own. */
function publishTournamentNow(hub: Hub, change: TournamentChange): void {
  for (const game of change.games) publishNow(hub, game.change, game.state);
  hub.publish(tournamentTopic(change.tournamentId), tournamentEvents(change.state));
  if (change.venueSeq !== null) {
    hub.publish(VENUE_TOPIC, [{ id: change.venueSeq, event: 'refresh-tournaments', data: 'changed' }]);
  }
}

function publishNow(hub: Hub, change: Change, state: GameState | null): void {
  if (change.kind === 'removed') hub.end(gameTopic(change.gameId));
  if (state && (change.kind === 'write' || change.kind === 'edited')) {
    hub.publish(gameTopic(change.gameId), gameEvents(state));
  }
  const venue = venueEvents(change).map((event): VenueSse => ({
    id: change.venueSeq,
    event,
    data: 'changed',
  }));
  if (venue.length) hub.publish(VENUE_TOPIC, venue);
  // Pages of games waiting in a line: their place changed under the version they already have.
  for (const placed of change.placed ?? []) {
    hub.publish(gameTopic(placed.id), gameEvents(placed), { again: true });
  }
  // A match's game moved its tournament on: the bracket, and the games that calls made.
  for (const tournament of change.tournaments ?? []) publishTournamentNow(hub, tournament);
  if (change.gameId !== '' && change.kind !== 'removed') hub.touched?.(change.gameId);
}

/** What a change means to the venue's pages: which of their parts to fetch again. */
export function venueEvents(change: Change): VenueEventName[] {
  const names: VenueEventName[] = [];
  switch (change.kind) {
    case 'created':
    case 'boards':
    case 'started':
    case 'removed':
    case 'restored':
    case 'reordered':
      names.push('refresh-games');
      break;
    case 'write':
    case 'edited':
      if (change.from !== undefined) names.push('refresh-games');
      else names.push(change.board !== null ? `refresh-board-${change.board}` : 'refresh-friendlies');
      break;
    default:
      return assertNever(change.kind);
  }
  const results =
    change.statusChanged === true ||
    (change.finished && ['edited', 'removed', 'restored'].includes(change.kind));
  if (results) names.push('refresh-results');
  return names;
}

function assertNever(value: never): never {
  throw new Error(`Unexpected change: ${String(value)}`);
}
