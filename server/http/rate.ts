// Requests per client address in a window (rate-limiter-flexible, in this process's memory): past
// the cap a device is answered 429 with Retry-After until its window ends. Counted per instance.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { limitKey } from '../auth.js';

export interface RequestRate {
  /** Seconds this address must wait, or 0 when its request may go on (and is counted). */
  wait(address: string): Promise<number>;
}

export function requestRate(opts: { max: number; windowMs: number }): RequestRate {
  const limiter = new RateLimiterMemory({
    points: opts.max,
    duration: Math.max(1, Math.ceil(opts.windowMs / 1000)),
  });
  return {
    async wait(address) {
      try {
        await limiter.consume(limitKey(address));
        return 0;
      } catch (err) {
        if (err instanceof RateLimiterRes) return Math.max(1, Math.ceil(err.msBeforeNext / 1000));
        throw err;
      }
    },
  };
}
