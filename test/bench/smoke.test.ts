// The bench's own code at a small size, as part of `npm test`: on all three servers every stream gets
// every event and every HTMX client ends up holding each version's HTML. Correctness only, no timing.
import { describe, expect, it } from 'vitest';
import { runBench } from './bench.js';
import { FULL_PLAN, type RunResult } from './plan.js';
import { hasTaskset } from './procs.js';

const CLIENTS = 200;
const BAGS = 5;

function problems(r: RunResult) {
  return { refused: r.refused, dropped: r.dropped, badWrites: r.badWrites, lost: r.lost, stale: r.stale };
}
const NONE = { refused: 0, dropped: 0, badWrites: 0, lost: 0, stale: 0 };

describe('bench at 200 clients and 5 bags', () => {
  it('delivers every event to every stream and fresh HTML to every HTMX client, on all three servers', async () => {
    const results = await runBench(
      {
        ...FULL_PLAN,
        streams: [CLIENTS],
        htmx: [CLIENTS],
        bags: BAGS,
        intervalMs: 150,
        diskStreams: null,
        pin: hasTaskset(),
        freshServers: false,
      },
      () => undefined,
    );

    expect(results.map((r) => `${r.server} ${r.mode}`)).toEqual([
      'bagtrax stream',
      'bagtrax htmx',
      'passthrough stream',
      'passthrough htmx',
      'betterSse stream',
      'betterSse htmx',
    ]);
    for (const r of results) {
      expect({ server: r.server, mode: r.mode, ...problems(r) }).toEqual({
        server: r.server,
        mode: r.mode,
        ...NONE,
      });
      // Every client read every bag's state event, so the spread covers all of them.
      expect(Number.isFinite(r.delivery.max)).toBe(true);
      expect(r.bytesPerStream).not.toBeNull();
    }
    for (const r of results.filter((r) => r.mode === 'htmx')) {
      expect(r.lastFresh).not.toBeNull();
      // Only full pages or revalidations: no request failed.
      expect(Object.keys(r.statuses).every((s) => s === '200' || s === '304')).toBe(true);
      expect(r.statuses['200']).toBeGreaterThanOrEqual(CLIENTS);
    }
  }, 180_000);
});
