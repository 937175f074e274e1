// Fan-out across instances through Redis pub/sub: local streams are served directly, Redis only carries
// events to the other instances, and a Redis outage never stops local streams or delays a write.
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { maxId } from './encode.js';
import { createHubCore } from './local.js';
import type { Hub, HubOptions, SseEvent, Topic } from './types.js';

export interface RedisHubOptions extends HubOptions {
  url: string;
  /** Channel prefix per venue (or per test), e.g. `bagtrax:<venue id>:`. */
  prefix: string;
  /** Tags our messages so we skip them when Redis echoes them back (default: a random UUID). */
  instanceId?: string;
  /** CLIENT SETNAME for both connections (default `bagtrax-hub`). */
  clientName?: string;
  /** The current events of a topic from the database; called after a reconnect for every local topic. */
  resync: (topic: Topic) => SseEvent[] | null;
  onStatus?: (status: 'up' | 'down') => void;
  log?: (message: string) => void;
}

type Client = ReturnType<typeof createClient>;
interface Wire {
  i: string;
  e: SseEvent[];
  /** Set when the topic is gone: its streams end everywhere. */
  end?: true;
  /** Delivered also at the topic's last id (PublishOptions.again). */
  again?: true;
}

const CONNECT_TIMEOUT_MS = 3000;

/** Resolves once both connections are up and subscribed; rejects with one line naming REDIS_URL. */
export async function createRedisHub(opts: RedisHubOptions): Promise<Hub> {
  const instanceId = opts.instanceId ?? randomUUID();
  const log = opts.log ?? ((m: string) => console.warn(m));
  const pattern = opts.prefix.replace(/[*?[\]\\]/g, '\\$&') + '*';
  let started = false;
  let startError: unknown;
  let warned = false;
  let status: 'up' | 'down' = 'up';

  // At start a dead Redis is a configuration error: fail fast. Later, retry with backoff for ever.
  const reconnectStrategy = (retries: number, cause: Error): number | Error => {
    if (!started) {
      startError = cause;
      return new Error('Redis unreachable at start');
    }
    return Math.min(100 * 2 ** retries, 5000) + Math.floor(Math.random() * 100);
  };
  const make = (offlineQueue: boolean): Client =>
    createClient({
      url: opts.url,
      name: opts.clientName ?? 'bagtrax-hub',
      socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy },
      // A publish while Redis is down is dropped at once: the resync after reconnect catches peers up.
      disableOfflineQueue: !offlineQueue,
    });

  let pub: Client;
  let sub: Client;
  try {
    pub = make(false);
    sub = make(true);
  } catch (err) {
    throw startFailure(opts.url, err);
  }

  const warnOnce = (what: string, err: unknown): void => {
    if (warned) return;
    warned = true;
    log(`Redis ${what}: ${oneLine(err)}; local streams stay live, reconnecting`);
  };
  const updateStatus = (): void => {
    if (!started) return;
    const now = pub.isReady && sub.isReady ? 'up' : 'down';
    if (now === status) return;
    status = now;
    if (now === 'up') warned = false;
    opts.onStatus?.(now);
  };

  const core = createHubCore(opts, async () => {
    for (const c of [pub, sub]) {
      try {
        c.destroy();
      } catch {
        // already closed: closing twice is allowed
      }
    }
  });

  const resyncAll = (): void => {
    for (const topic of core.topicNames()) {
      try {
        const events = opts.resync(topic as Topic);
        // A game removed while Redis was away: its end message may never have come.
        if (!events) core.end(topic as Topic);
        // A game's place in a line may have changed under the version its streams already have:
        // what differs from what they were given goes again; the same events never go twice. (The
        // venue's sequence moves with every change: its streams need only what is newer.)
        else core.deliver(topic, events, topic !== 'venue' && changedAtSameId(core.latest(topic), events));
      } catch (err) {
        log(`Hub resync of ${topic} failed: ${oneLine(err)}`);
      }
    }
  };

  const onMessage = (message: string, channel: string): void => {
    const topic = channel.slice(opts.prefix.length);
    // Most messages are for games nobody here watches: skip them before parsing.
    if (!core.has(topic)) return;
    const wire = parseWire(message);
    if (!wire || wire.i === instanceId) return;
    if (wire.end) return core.end(topic as Topic);
    try {
      core.deliver(topic, wire.e, wire.again === true);
    } catch (err) {
      log(`Hub dropped a malformed Redis message on ${channel}: ${oneLine(err)}`);
    }
  };

  for (const c of [pub, sub]) {
    c.on('error', (err: unknown) => {
      if (started) warnOnce('connection lost', err);
      updateStatus();
    });
    c.on('ready', updateStatus);
  }
  // node-redis resubscribes before 'ready'; what was published meanwhile is caught up from the DB.
  sub.on('ready', () => {
    if (started) resyncAll();
  });

  try {
    await Promise.all([pub.connect(), sub.connect()]);
    started = true;
    await sub.pSubscribe(pattern, onMessage);
  } catch (err) {
    await core.close();
    throw startFailure(opts.url, startError ?? err);
  }

  // The newest message per topic that may not have reached Redis (our publisher was down, or the
  // publish failed in flight): a version's events, the same version's sent again (a new place in a
  // line), or a removed game's end. Peers whose subscriber stayed up never resync, so these go out
  // once the publisher is back; receivers drop what they already have.
  const unsent = new Map<string, Omit<Wire, 'i'>>();
  const remember = (topic: string, message: Omit<Wire, 'i'>): void => {
    const before = unsent.get(topic);
    if (!before || message.end || before.end) return void unsent.set(topic, message);
    // A later message wins unless it is for an older version; at one version the place sent again
    // is the newer (a failed publish may come back after it).
    const [now, was] = [maxId(message.e), maxId(before.e)];
    if (now > was || (now === was && (message.again || !before.again))) unsent.set(topic, message);
  };
  const send = (topic: string, message: Omit<Wire, 'i'>): void => {
    if (!pub.isReady) return remember(topic, message);
    const wire: Wire = { i: instanceId, ...message };
    pub.publish(opts.prefix + topic, JSON.stringify(wire)).catch((err: unknown) => {
      remember(topic, message);
      warnOnce('publish failed', err);
    });
  };
  pub.on('ready', () => {
    const pending = [...unsent];
    unsent.clear();
    for (const [topic, message] of pending) send(topic, message);
  });

  const publish: Hub['publish'] = (topic, events, options = {}) => {
    core.publish(topic, events, options);
    send(topic, options.again === true ? { e: events, again: true } : { e: events });
  };

  const end: Hub['end'] = (topic) => {
    core.end(topic);
    send(topic, { e: [], end: true });
  };

  return {
    open: core.open,
    publish,
    end,
    stats: core.stats,
    latest: core.latest,
    count: core.count,
    close: core.close,
  };
}

/** The same id as before, with other events or data: a change that moved no version. */
function changedAtSameId(before: readonly SseEvent[] | null, now: readonly SseEvent[]): boolean {
  if (before === null || now.length === 0 || maxId(before) !== maxId(now)) return false;
  if (before.length !== now.length) return true;
  return now.some(
    (e, i) => e.id !== before[i]!.id || e.event !== before[i]!.event || e.data !== before[i]!.data,
  );
}

function parseWire(text: string): Wire | null {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null) return null;
    const { i, e, end, again } = v as Partial<Wire>;
    if (typeof i !== 'string' || !Array.isArray(e)) return null;
    if (end === true) return { i, e, end };
    return again === true ? { i, e, again } : { i, e };
  } catch {
    return null;
  }
}

export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message || err.name : String(err);
  return text.replace(/\s+/g, ' ').trim();
}

function startFailure(url: string, cause: unknown): Error {
  return new Error(`Cannot reach Redis at REDIS_URL=${redact(url)} (${oneLine(cause)})`);
}

/** Never print a password into a log. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return JSON.stringify(url);
  }
}
