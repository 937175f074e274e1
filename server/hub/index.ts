// The SSE hub's public face: routes open streams and publish through `Hub`, local or over Redis.
export type {
  GameEventName,
  GameTopic,
  Hub,
  HubOptions,
  HubStats,
  OpenStreamResult,
  PublishOptions,
  SseEvent,
  Topic,
  TopicEvent,
  TopicEventName,
  TournamentEventName,
  TournamentTopic,
  VenueEventName,
  VenueTopic,
} from './types.js';
export type { RedisHubOptions } from './redis.js';
export { encodeEvents, maxId } from './encode.js';
export { isLoopback } from './address.js';
export { createLocalHub } from './local.js';
export { createRedisHub } from './redis.js';
