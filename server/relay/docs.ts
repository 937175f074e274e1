// What the primary tells relays, read from its games service: one game's doc, the venue's lists by
// game id, a tournament's state, and the whole venue at once (a reset, or the re-send after an outage).
import type { Games } from '../games.js';
import type { SseEvent } from '../hub/index.js';
import { gameEvents, tournamentEvents } from '../realtime.js';
import type { GameDoc, Item, RemovedDoc, VenueDoc } from './protocol.js';

export type VenueSource = Pick<
  Games,
  | 'withTimes'
  | 'allWithTimes'
  | 'removedWithCause'
  | 'retiredBy'
  | 'boards'
  | 'boardCount'
  | 'friendlies'
  | 'results'
  | 'list'
  | 'venueSeq'
  | 'tournaments'
>;

export function gameDoc(games: VenueSource, id: string): string | null {
  const g = games.withTimes(id);
  if (!g) return null;
  const doc: GameDoc = { state: g.state, startedAt: g.startedAt, finishedAt: g.finishedAt };
  return JSON.stringify(doc);
}

/** One game as an item of a change, with the events of its current version; null when it is gone. */
export function gameItem(games: VenueSource, id: string): Item | null {
  const g = games.withTimes(id);
  if (!g) return null;
  const doc: GameDoc = { state: g.state, startedAt: g.startedAt, finishedAt: g.finishedAt };
  return {
    kind: 'game',
    id,
    version: g.state.version,
    again: false,
    doc: JSON.stringify(doc),
    events: gameEvents(g.state),
  };
}

export function removedDoc(games: VenueSource, id: string): string {
  const doc: RemovedDoc = { retiredBy: games.retiredBy(id) };
  return JSON.stringify(doc);
}

export function venueDoc(games: VenueSource): VenueDoc {
  return {
    seq: games.venueSeq(),
    boardCount: games.boardCount(),
    boards: games.boards().map((b) => ({
      number: b.number,
      current: b.current?.id ?? null,
      queue: b.queue.map((q) => ({ id: q.id, home: { name: q.home.name }, away: { name: q.away.name } })),
      lastFinished: b.lastFinished?.id ?? null,
    })),
    friendlies: games.friendlies().map((g) => g.id),
    results: games.results().map((r) => r.state.id),
    list: games.list().map((g) => ({ id: g.id, createdAt: g.createdAt, startedAt: g.startedAt })),
    tournaments: games.tournaments.list(),
  };
}

/** The venue's events when everything is sent again: every list and board may have changed. */
export function venueResyncEvents(seq: number): SseEvent[] {
  return [
    { id: seq, event: 'refresh-games', data: 'changed' },
    { id: seq, event: 'refresh-results', data: 'changed' },
    { id: seq, event: 'refresh-tournaments', data: 'changed' },
  ];
}

/**
 * Everything of the venue as items, read in one pass: every game, the games removed tonight, every
 * tournament and the venue's lists, each with the events of its current version.
 */
export function wholeVenue(games: VenueSource): Item[] {
  const items: Item[] = [];
  for (const g of games.allWithTimes()) {
    const doc: GameDoc = { state: g.state, startedAt: g.startedAt, finishedAt: g.finishedAt };
    items.push({
      kind: 'game',
      id: g.state.id,
      version: g.state.version,
      again: false,
      doc: JSON.stringify(doc),
      events: gameEvents(g.state),
    });
  }
  for (const r of games.removedWithCause()) {
    const doc: RemovedDoc = { retiredBy: r.retiredBy };
    items.push({ kind: 'end', id: r.id, version: 0, again: false, doc: JSON.stringify(doc), events: [] });
  }
  for (const t of games.tournaments.list()) {
    const state = games.tournaments.get(t.id);
    if (!state) continue;
    const events = tournamentEvents(state);
    items.push({
      kind: 'tournament',
      id: t.id,
      version: state.version,
      again: false,
      doc: events[1]!.data,
      events,
    });
  }
  const venue = venueDoc(games);
  items.push({
    kind: 'venue',
    id: '',
    version: venue.seq,
    again: false,
    doc: JSON.stringify(venue),
    events: venueResyncEvents(venue.seq),
  });
  return items;
}
