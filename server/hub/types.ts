// The hub's vocabulary: typed topics and event names (a typo is a compile error), the options and
// the interface shared by the local hub and the Redis hub.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type GameTopic = `game:${string}`;
export type VenueTopic = 'venue';
export type TournamentTopic = `tournament:${string}`;
export type Topic = GameTopic | VenueTopic | TournamentTopic;
export type GameEventName = 'refresh-scoreboard' | 'state';
/** A tournament stream: `refresh-bracket` for HTMX, `state` (the whole tournament) for scripts. */
export type TournamentEventName = 'refresh-bracket' | 'state';
/**
 * `refresh-board-{n}`: board n's game changed; `refresh-games`: the set of games or boards changed;
 * `refresh-friendlies`: a game on no board changed; `refresh-results`: a game finished (or reopened),
 * or a finished game was fixed; `refresh-tournaments`: a tournament was created, started or finished.
 */
export type VenueEventName =
  | `refresh-board-${number}`
  | 'refresh-games'
  | 'refresh-friendlies'
  | 'refresh-results'
  | 'refresh-tournaments';
/** The event names a topic may carry. */
export type TopicEventName<T extends Topic> = T extends GameTopic
  ? GameEventName
  : T extends TournamentTopic
    ? TournamentEventName
    : VenueEventName;

/** One SSE event. `id` is the game's version or the venue's sequence; `data` is a single line. */
export interface SseEvent<N extends string = string> {
  id: number;
  event: N;
  data: string;
}
export type TopicEvent<T extends Topic> = SseEvent<TopicEventName<T>>;

export interface HubOptions {
  /** Per-client bound on `res.writableLength`; past it the client is cut off (default 256 KiB). */
  maxQueuedBytes?: number;
  /** A `:` comment goes to every stream at least this often (default 15000), from one hub timer. */
  heartbeatMs?: number;
  /** Total number of open streams (default 10000); beyond it `open` refuses. */
  maxStreams?: number;
  /** Streams per client address (default 50); addresses for which `isExempt` is true are not counted. */
  maxStreamsPerAddress?: number;
  /** A stream is ended politely after lifetime × (0.8..1.2) (default 30 min); the client reconnects. */
  maxLifetimeMs?: number;
  /** Sent once as `retry: N` at stream start when set. */
  retryMs?: number;
  /** Which addresses skip the per-address cap (default: loopback). Injectable for tests. */
  isExempt?: (address: string) => boolean;
  /**
   * Who a stream is from: its address, and whether it is exempt from the per-address cap (this
   * machine's own programs). The server's one reading of TRUST_PROXY; default: the socket's peer,
   * exempt when `isExempt` says so.
   */
  clientOf?: (req: IncomingMessage) => { address: string; local: boolean };
}

export type OpenStreamResult = { ok: true } | { ok: false; status: 503; retryAfter: number; error: string };

export interface PublishOptions {
  /**
   * Deliver even at the topic's last id (never below it): a change that moves no version, such as a
   * waiting game's place in its board's line, sent again under the version it already has.
   */
  again?: boolean;
}

export interface HubStats {
  streams: number;
  topics: Record<string, number>;
  cutOff: number;
  refused: number;
}

export interface Hub {
  /**
   * Opens an SSE stream on `res` (head 200 text/event-stream, no cache, no proxy buffering, never
   * compressed, flushed at once), sends `initial` at once, then every event published on `topic`.
   * `position`, when given, is an id the stream already reflects (the current version when `initial`
   * is empty): published events at or below it are not sent to this stream. `current`, when given,
   * is the topic's events at that position (what the stream reflects, sent or not): a resync after
   * a Redis outage compares against them. On refusal nothing is written to `res`: the caller
   * answers 503 with `Retry-After: retryAfter`.
   */
  open<T extends Topic>(
    topic: T,
    req: IncomingMessage,
    res: ServerResponse,
    initial: TopicEvent<T>[],
    position?: number,
    current?: TopicEvent<T>[],
  ): OpenStreamResult;
  /**
   * Serialises once and writes the same bytes to every stream of the topic; never blocks. Events
   * whose id is at or below the last id delivered on the topic are dropped, so events sharing an id
   * (refresh-scoreboard + state) must travel in one call. Throws on a malformed event.
   */
  publish<T extends Topic>(topic: T, events: TopicEvent<T>[], options?: PublishOptions): void;
  /**
   * Ends every stream of a topic that is gone (a removed game), here and, through Redis, on every
   * other instance. A client that reconnects then gets the route's 404.
   */
  end(topic: Topic): void;
  stats(): HubStats;
  /**
   * A game's state changed, whether or not its streams are told (a game created, started from its
   * board's line): a publishing primary sends its doc to relays (server/relay/). Optional: the hubs
   * themselves have nothing to do.
   */
  touched?(gameId: string): void;
  /**
   * While a topic has streams here: the newest events delivered on it, or that a stream opened on it
   * reflects (its `current`). Every stream of the topic holds them or is about to, and everything
   * newer will be delivered to it; null when the topic has no stream.
   */
  latest(topic: Topic): readonly SseEvent[] | null;
  /** Number of open streams on a topic. */
  count(topic: Topic): number;
  /** Ends every stream, clears timers, disconnects Redis. Safe to call twice. */
  close(): Promise<void>;
}
