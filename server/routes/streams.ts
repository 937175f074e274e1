// The SSE surfaces: one game's stream, one tournament's and the venue's. The route answers 404 for an unknown game and
// 503 past a cap; everything after the head belongs to the hub.
import Router from '@koa/router';
import type { Context } from 'koa';
import { HttpError, notFound } from '../http/errors.js';
import {
  gameCatchUp,
  gameEvents,
  gameTopic,
  streamPosition,
  tournamentCatchUp,
  tournamentEvents,
  tournamentTopic,
  VENUE_TOPIC,
  venueCatchUp,
} from '../realtime.js';
import type { Topic, TopicEvent } from '../hub/index.js';
import type { ReadDeps } from './context.js';
import { gameId } from './schemas.js';

export function streamsRouter(deps: ReadDeps): Router {
  const { reads: games, hub } = deps;
  const router = new Router();

  const open = <T extends Topic>(
    ctx: Context,
    topic: T,
    initial: TopicEvent<T>[],
    current: number,
    events?: TopicEvent<T>[],
  ): void => {
    // The stream now reflects `current` (whose events are `events`): a publish racing this open for
    // the same id is not sent twice, and a resync after a Redis outage knows what the stream has.
    const result = hub.open(topic, ctx.req, ctx.res, initial, current, events);
    if (!result.ok) {
      throw new HttpError(503, 'busy', result.error, {}, { 'Retry-After': String(result.retryAfter) });
    }
    ctx.respond = false;
  };

  // A reconnecting browser sends Last-Event-ID, which wins over ?since: the query string is only
  // parsed when there is none (Koa's parse was a tenth of a resume's cost in a reconnect storm).
  const position = (ctx: Context) => {
    const lastEventId = ctx.get('Last-Event-ID');
    if (lastEventId) return streamPosition(lastEventId, undefined);
    return streamPosition(undefined, typeof ctx.query.since === 'string' ? ctx.query.since : undefined);
  };

  /**
   * A phone ahead of a relay came from a relay (or the primary) a moment further on: it is not sent
   * the older state, it waits for what follows what it has. (On the primary, ahead means the venue
   * was reset, and the current state goes at once.)
   */
  const waitsAhead = (at: number | null, current: number): boolean =>
    deps.role === 'relay' && at !== null && at > current;

  router.get('/games/:id/events', (ctx) => {
    const id = gameId(ctx.params.id ?? '');
    const state = id ? games.get(id) : null;
    if (!state || !id) throw notFound();
    const at = position(ctx);
    if (waitsAhead(at, state.version)) return open(ctx, gameTopic(id), [], at!);
    open(ctx, gameTopic(id), gameCatchUp(state, at), state.version, gameEvents(state));
  });

  router.get('/tournaments/:id/events', (ctx) => {
    const id = gameId(ctx.params.id ?? '');
    const state = id ? deps.tournaments.get(id) : null;
    if (!state) throw notFound();
    const at = position(ctx);
    if (waitsAhead(at, state.version)) return open(ctx, tournamentTopic(state.id), [], at!);
    open(
      ctx,
      tournamentTopic(state.id),
      tournamentCatchUp(state, at),
      state.version,
      tournamentEvents(state),
    );
  });

  router.get('/events', (ctx) => {
    const seq = games.venueSeq();
    open(ctx, VENUE_TOPIC, venueCatchUp(seq, position(ctx)), seq);
  });

  return router;
}
