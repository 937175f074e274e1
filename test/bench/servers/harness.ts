// What every server under test shares in the bench: it starts on demand, reports its own memory over
// IPC (never over a public route) and stops when asked. Servers only supply `start`.
import { writeHeapSnapshot } from 'node:v8';
import { serve } from '../procs.js';

export interface Started {
  url: string;
  stop(): Promise<void>;
}

export interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Collects garbage first (when node runs with --expose-gc), so a figure is what is really held. */
function memory(): Memory {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external + m.arrayBuffers };
}

export function benchServer(start: (opts: Record<string, unknown>) => Promise<Started>): void {
  let running: Started | null = null;
  serve({
    async start(opts: Record<string, unknown>) {
      running = await start(opts ?? {});
      return running.url;
    },
    memory,
    /** CPU time used so far (user + system), in microseconds: robust to other load on the machine. */
    cpu: () => {
      const u = process.cpuUsage();
      return u.user + u.system;
    },
    /** For profiling memory: a heap snapshot at `path` (open it in Chrome's DevTools). */
    snapshot: (path: string) => {
      gc?.();
      return writeHeapSnapshot(path);
    },
    async stop() {
      await running?.stop();
      running = null;
    },
  });
}
