// What a primary writes to Redis for relays, and how a relay reads it (CONTRACT.md "Relays",
// docs/CONTRACT-ADDITIONS.md "Relays"): the keys of one venue, the shapes of what they hold, and the
// Redis Function that applies one change atomically and version-checked, so that a replay is harmless.
import type { GameState } from '../domain/index.js';
import type { BoardView, GameSummary } from '../games/types.js';
import type { SseEvent } from '../hub/index.js';
import type { TournamentSummary } from '../tournaments/types.js';

/** Bumped when the shapes below change incompatibly: a relay refuses a venue of another version. */
export const PROTOCOL = 1;

/**
 * The keys of one venue. The venue's name is a hash tag (`{…}`), so on a Redis Cluster every key of
 * a venue lives in one slot and the function may touch them all.
 */
export interface VenueKeys {
  /** HASH: epoch, n (entries written in this epoch), beat (the primary's last heartbeat, ms), protocol, closed. */
  meta: string;
  /** STREAM: one entry per change, trimmed to about `RELAY_STREAM_LENGTH` entries. */
  stream: string;
  /** HASH: game id → GameDoc JSON (every game not removed). */
  games: string;
  /** HASH: tournament id → TournamentState JSON. */
  tournaments: string;
  /** HASH: removed game id → RemovedDoc JSON. */
  removed: string;
  /** STRING: the VenueDoc JSON. */
  venue: string;
  /** HASH: topic → the version last applied (what makes a replay harmless). */
  versions: string;
}

export function venueKeys(prefix: string, venue: string): VenueKeys {
  const base = `${prefix}{${venue}}:`;
  return {
    meta: `${base}meta`,
    stream: `${base}stream`,
    games: `${base}games`,
    tournaments: `${base}tournaments`,
    removed: `${base}removed`,
    venue: `${base}venue`,
    versions: `${base}versions`,
  };
}

/** Every key in the order the function takes them. */
export function keyList(k: VenueKeys): string[] {
  return [k.meta, k.stream, k.games, k.tournaments, k.removed, k.venue, k.versions];
}

/** A venue name: letters, digits, `-` and `_` (it is part of every key and of the ACL pattern). */
export const VENUE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** One game as a relay needs it: its state and when it started and finished (the results table). */
export interface GameDoc {
  state: GameState;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A removed game: what its page says (retired by a tournament, or removed by the organiser). */
export interface RemovedDoc {
  retiredBy: { id: string; name: string } | null;
}

/** A board as the venue doc holds it: games by id (their states are in the games hash). */
export interface BoardDoc {
  number: number;
  current: string | null;
  queue: BoardView['queue'];
  lastFinished: string | null;
}

/** The venue's lists, by game id, in the order the primary's pages show them. */
export interface VenueDoc {
  seq: number;
  boardCount: number;
  boards: BoardDoc[];
  friendlies: string[];
  /** Finished games, the latest finish first. */
  results: string[];
  /** Every game in the order of `GET /api/games`. */
  list: Array<Pick<GameSummary, 'id' | 'createdAt' | 'startedAt'>>;
  tournaments: TournamentSummary[];
}

/** What one item of a change is about. */
export type ItemKind = 'game' | 'end' | 'venue' | 'tournament';

/** One topic's part of a change: the latest doc and the events its streams were sent. */
export interface Item {
  kind: ItemKind;
  /** The game's or tournament's id; '' for the venue. */
  id: string;
  /** The game's or tournament's version, or the venue's sequence. */
  version: number;
  /** Sent again at a version streams already have (a waiting game's new place in its line). */
  again: boolean;
  /** GameDoc, RemovedDoc (kind `end`), VenueDoc or TournamentState, as JSON. */
  doc: string;
  events: SseEvent[];
}

export function topicOf(kind: ItemKind, id: string): string {
  if (kind === 'venue') return 'venue';
  return kind === 'tournament' ? `tournament:${id}` : `game:${id}`;
}

/** The item's arguments to the function: kind, id, version, again, doc, events. */
export function itemArgs(item: Item): string[] {
  return [
    item.kind,
    item.id,
    String(item.version),
    item.again ? '1' : '0',
    item.doc,
    JSON.stringify(item.events),
  ];
}

/** The library's name and version: a primary loads it (REPLACE) when Redis does not have this one. */
export const LIBRARY = 'bagtrax_relay_1';

/**
 * `bagtrax_publish` (KEYS: keyList; ARGV: epoch, maxlen, then 6 per item) applies each item whose
 * version is newer than the one stored (or the same version with another doc, sent again) and adds
 * one stream entry with what it applied; items already there are skipped, and a change with nothing
 * new adds no entry. A wrong epoch (Redis lost or restored its data) changes nothing and answers
 * `epoch`: the primary then resets the venue.
 *
 * `bagtrax_reset` (KEYS: keyList; ARGV: epoch, closed, then 4 per doc: kind, id, version, doc)
 * replaces everything of the venue in one step under a new epoch, with one `reset` entry so that
 * relays following the stream reload at once.
 *
 * `bagtrax_beat` (KEYS: meta; ARGV: epoch, now) marks the primary alive; 0 when the epoch is gone.
 */
export const FUNCTIONS = `#!lua name=${LIBRARY}

local function store_of(keys, kind)
  if kind == 'game' or kind == 'end' then return keys[3] end
  if kind == 'tournament' then return keys[4] end
  return nil
end

local function topic_of(kind, id)
  if kind == 'venue' then return 'venue' end
  if kind == 'tournament' then return 'tournament:' .. id end
  return 'game:' .. id
end

local function publish(keys, args)
  local epoch = redis.call('HGET', keys[1], 'epoch')
  if epoch ~= args[1] then return {'epoch'} end
  local fields = {}
  local count = 0
  local i = 3
  while i + 5 <= #args do
    local kind, id, version, again, doc, events = args[i], args[i + 1], tonumber(args[i + 2]), args[i + 3], args[i + 4], args[i + 5]
    i = i + 6
    local topic = topic_of(kind, id)
    local apply = false
    if kind == 'end' then
      apply = redis.call('HEXISTS', keys[3], id) == 1
      if apply then
        redis.call('HDEL', keys[3], id)
        redis.call('HSET', keys[5], id, doc)
      end
    else
      local stored = tonumber(redis.call('HGET', keys[7], topic))
      local old
      if kind == 'venue' then old = redis.call('GET', keys[6]) else old = redis.call('HGET', store_of(keys, kind), id) end
      -- A game's doc without events (created, started from its line) announces no version: it may
      -- hold a later change already, whose own events must still go when they come.
      local doconly = kind == 'game' and events == '[]'
      if doconly then
        apply = old ~= doc and (stored == nil or version >= stored)
      elseif stored == nil or version > stored then
        apply = true
      elseif version == stored and old ~= doc and (again == '1' or not old) then
        apply = true
      end
      if apply then
        if kind == 'venue' then redis.call('SET', keys[6], doc) else redis.call('HSET', store_of(keys, kind), id, doc) end
        if kind == 'game' then redis.call('HDEL', keys[5], id) end
        if not doconly and (stored == nil or version > stored) then redis.call('HSET', keys[7], topic, version) end
      end
    end
    if apply then
      fields[#fields + 1] = 'k' .. count
      fields[#fields + 1] = kind .. ' ' .. id
      fields[#fields + 1] = 'a' .. count
      fields[#fields + 1] = again
      fields[#fields + 1] = 'd' .. count
      fields[#fields + 1] = doc
      fields[#fields + 1] = 'e' .. count
      fields[#fields + 1] = events
      count = count + 1
    end
  end
  if count == 0 then return {'skip'} end
  local n = redis.call('HINCRBY', keys[1], 'n', 1)
  local id = redis.call('XADD', keys[2], 'MAXLEN', '~', args[2], '*', 'ep', epoch, 'n', n, 'c', count, unpack(fields))
  return {'ok', id, n}
end

local function reset(keys, args)
  redis.call('DEL', keys[1], keys[2], keys[3], keys[4], keys[5], keys[6], keys[7])
  local i = 3
  while i + 3 <= #args do
    local kind, id, version, doc = args[i], args[i + 1], args[i + 2], args[i + 3]
    i = i + 4
    if kind == 'venue' then
      redis.call('SET', keys[6], doc)
    elseif kind == 'end' then
      redis.call('HSET', keys[5], id, doc)
    else
      redis.call('HSET', store_of(keys, kind), id, doc)
    end
    if kind ~= 'end' then redis.call('HSET', keys[7], topic_of(kind, id), version) end
  end
  redis.call('HSET', keys[1], 'epoch', args[1], 'n', 0, 'closed', args[2], 'protocol', ${PROTOCOL})
  local id = redis.call('XADD', keys[2], '*', 'ep', args[1], 'n', 0, 'c', 0, 'reset', '1')
  return {'ok', id}
end

local function beat(keys, args)
  if redis.call('HGET', keys[1], 'epoch') ~= args[1] then return 0 end
  redis.call('HSET', keys[1], 'beat', args[2])
  return 1
end

redis.register_function('bagtrax_publish', publish)
redis.register_function('bagtrax_reset', reset)
redis.register_function('bagtrax_beat', beat)
`;

/** A stream entry as a relay reads it. */
export interface Entry {
  /** The stream id (the relay's cursor). */
  id: string;
  epoch: string;
  n: number;
  reset: boolean;
  items: Array<{ kind: ItemKind; id: string; again: boolean; doc: string; events: SseEvent[] }>;
}

const KINDS = new Set<ItemKind>(['game', 'end', 'venue', 'tournament']);

/** An entry from XREAD's flat field list; null when it is not one of ours (then the relay reloads). */
export function parseEntry(id: string, flat: string[]): Entry | null {
  const f = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) f.set(flat[i]!, flat[i + 1]!);
  const epoch = f.get('ep');
  const n = Number(f.get('n'));
  const count = Number(f.get('c'));
  if (epoch === undefined || !Number.isInteger(n) || !Number.isInteger(count)) return null;
  const items: Entry['items'] = [];
  for (let k = 0; k < count; k++) {
    const head = f.get(`k${k}`) ?? '';
    const space = head.indexOf(' ');
    const kind = head.slice(0, space) as ItemKind;
    if (space < 0 || !KINDS.has(kind)) return null;
    let events: SseEvent[];
    try {
      events = JSON.parse(f.get(`e${k}`) ?? '[]') as SseEvent[];
    } catch {
      return null;
    }
    items.push({
      kind,
      id: head.slice(space + 1),
      again: f.get(`a${k}`) === '1',
      doc: f.get(`d${k}`) ?? '',
      events,
    });
  }
  return { id, epoch, n, reset: f.get('reset') === '1', items };
}
