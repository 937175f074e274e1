// Wrong PINs, counted per device and for the whole venue, shared by every instance (Redis when
// HUB=redis, else this process's memory), on rate-limiter-flexible. A device is locked out after
// LOGIN_MAX_ATTEMPTS wrong PINs; once the venue as a whole has seen LOGIN_VENUE_MAX_ATTEMPTS within
// its window, every further wrong PIN locks its device at once, so guesses from everywhere slow to
// one per device per lockout. A right PIN is never refused by the venue's budget: a device with no
// lockout is always checked, and sessions and the host window never meet the limiter at all.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { createClient } from 'redis';
import { limitKey } from '../auth.js';

export interface PinLimiterOptions {
  maxAttempts: number;
  lockoutMs: number;
  venueAttempts: number;
  venueWindowMs: number;
  /** Shared counts (HUB=redis); keys go under `prefix`. */
  redis?: { url: string; prefix: string };
}

export interface Standing {
  /** Seconds until this device may try a PIN again; 0 when it may now. */
  wait: number;
  /** Wrong PINs this device has on its count. */
  failures: number;
}

export interface Failure {
  /** Seconds the device is now locked out for; 0 when it may try again. */
  wait: number;
  /** The venue's budget is spent: this wrong PIN locked its device at once. */
  venueSlowed: boolean;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
const CONNECT_TIMEOUT_MS = 3000;

/** A refused consume resolves with the same figures as an accepted one. */
async function settle(p: Promise<RateLimiterRes>): Promise<RateLimiterRes> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof RateLimiterRes) return err;
    throw err;
  }
}

type RedisClient = ReturnType<typeof createClient>;

export class PinLimiter {
  private constructor(
    private readonly opts: PinLimiterOptions,
    private readonly device: RateLimiterAbstract,
    private readonly venue: RateLimiterAbstract,
    private readonly client: RedisClient | null,
  ) {}

  static async create(opts: PinLimiterOptions): Promise<PinLimiter> {
    const device = { points: opts.maxAttempts, duration: seconds(opts.lockoutMs) };
    const venue = { points: opts.venueAttempts, duration: seconds(opts.venueWindowMs) };
    if (!opts.redis) {
      return new PinLimiter(opts, new RateLimiterMemory(device), new RateLimiterMemory(venue), null);
    }
    const client = await connect(opts.redis.url);
    // While Redis is away each instance counts in its own memory: slower to lock out across
    // instances, never open.
    const shared = (o: { points: number; duration: number }, name: string) =>
      new RateLimiterRedis({
        ...o,
        storeClient: client,
        useRedisPackage: true,
        rejectIfRedisNotReady: true,
        keyPrefix: `${opts.redis!.prefix}login-${name}`,
        insuranceLimiter: new RateLimiterMemory(o),
      });
    return new PinLimiter(opts, shared(device, 'device'), shared(venue, 'venue'), client);
  }

  async check(address: string): Promise<Standing> {
    const res = await this.device.get(limitKey(address));
    if (!res || res.consumedPoints <= 0) return { wait: 0, failures: 0 };
    const locked = res.consumedPoints >= this.opts.maxAttempts;
    return { wait: locked ? seconds(res.msBeforeNext) : 0, failures: res.consumedPoints };
  }

  async failed(address: string): Promise<Failure> {
    const key = limitKey(address);
    const [mine, all] = await Promise.all([
      settle(this.device.consume(key)),
      settle(this.venue.consume('all')),
    ]);
    const venueSlowed = all.consumedPoints > this.opts.venueAttempts;
    if (mine.consumedPoints < this.opts.maxAttempts && !venueSlowed) return { wait: 0, venueSlowed };
    const lockout = seconds(this.opts.lockoutMs);
    await this.device.block(key, lockout);
    return { wait: lockout, venueSlowed };
  }

  /** A right PIN clears the device's count (only when it has one: no store round trip otherwise). */
  async succeeded(address: string, standing: Standing): Promise<void> {
    if (standing.failures > 0) await this.device.delete(limitKey(address));
  }

  async close(): Promise<void> {
    try {
      this.client?.destroy();
    } catch {
      // already closed
    }
  }
}

async function connect(url: string): Promise<RedisClient> {
  let started = false;
  const client = createClient({
    url,
    name: 'bagtrax-limiter',
    // A command while Redis is down fails at once and the insurance limiter answers instead.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries: number) =>
        started ? Math.min(100 * 2 ** retries, 5000) : new Error('Redis unreachable at start'),
    },
  });
  // The hub reports Redis outages; the limiter only needs its errors not to crash the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    try {
      client.destroy();
    } catch {
      // the failed connect has closed it already
    }
    throw new Error(`Cannot reach Redis at REDIS_URL for the PIN limiter (${(err as Error).message})`);
  }
  started = true;
  return client;
}
