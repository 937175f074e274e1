// The bench's own code at a small size, as part of `npm test`: on the floor, BagTrax and both references
// every stream gets every event and every HTMX client ends up holding each version's HTML; on the servers
// that resume, a reconnect storm brings every stream back to the current state; the table and the
// targets print a figure and a ratio for each; relays at scale, at 50 phones on two relays, deliver
// every event exactly once and report each figure. Correctness only, no timing.
import { describe, expect, it } from 'vitest';
import { runBench } from './bench.js';
import { FULL_PLAN, type Plan, type RunResult } from './plan.js';
import { hasTaskset } from './procs.js';
import { runRelayBench } from './relays.js';
import { relayReport, table, targets } from './report.js';
import { hasRedisServer } from '../kit/redis-server.js';

const CLIENTS = 200;
const BAGS = 5;

function problems(r: RunResult) {
  return { refused: r.refused, dropped: r.dropped, badWrites: r.badWrites, lost: r.lost, stale: r.stale };
}
const NONE = { refused: 0, dropped: 0, badWrites: 0, lost: 0, stale: 0 };

describe('bench at 200 clients and 5 bags', () => {
  it('delivers every event, fresh HTML and, after a reconnect storm, the current state, on every server', async () => {
    const plan: Plan = {
      ...FULL_PLAN,
      streams: [CLIENTS],
      htmx: [CLIENTS],
      storm: [CLIENTS],
      stormRounds: 2,
      bags: BAGS,
      intervalMs: 150,
      diskStreams: null,
      pin: hasTaskset(),
      freshServers: false,
    };
    const results = await runBench(plan, () => undefined);

    // Each load runs on every server in turn, the storm right after its delivery run.
    expect(results.map((r) => `${r.server} ${r.mode}`)).toEqual([
      'floor stream',
      'floor storm',
      'bagtrax stream',
      'bagtrax storm',
      'passthrough stream',
      'betterSse stream',
      'floor htmx',
      'bagtrax htmx',
      'passthrough htmx',
      'betterSse htmx',
    ]);
    for (const r of results) {
      expect({ server: r.server, mode: r.mode, ...problems(r) }).toEqual({
        server: r.server,
        mode: r.mode,
        ...NONE,
      });
      // Every client read every bag's state event (a storm: the current one), so the spread covers all.
      expect(Number.isFinite(r.delivery.max)).toBe(true);
      expect(r.clients).toBe(CLIENTS);
      // CPU time is read for every server the same way, and never runs backwards.
      expect(r.cpuMs).toBeGreaterThanOrEqual(0);
      if (r.mode !== 'storm') expect(r.bytesPerStream).not.toBeNull();
    }
    for (const r of results.filter((r) => r.mode === 'htmx')) {
      expect(r.lastFresh).not.toBeNull();
      // Only full pages or revalidations: no request failed.
      expect(Object.keys(r.statuses).every((s) => s === '200' || s === '304')).toBe(true);
      expect(r.statuses['200']).toBeGreaterThanOrEqual(CLIENTS);
    }

    // The report has a floor column, a BagTrax / floor ratio on each ratio row, and the storm's rows.
    const lines = table(results, plan).split('\n');
    expect(lines[0]).toContain('| node:http floor |');
    expect(lines[0]).toContain('BagTrax / node:http floor');
    const row = (label: string) => lines.find((l) => l.startsWith(`| ${label} | 200 |`));
    for (const label of [
      'server CPU per bag (ms)',
      'HTMX: server CPU per bag (ms)',
      'HTMX: last client fresh (ms, median of bags)',
      'storm: time to the current state p99 (ms)',
      'storm: server CPU per stream (µs)',
    ]) {
      expect(row(label), label).toMatch(/\d×/);
    }
    expect(row('storm: streams without the current state')).toBeDefined();
    expect(targets(results).some((l) => l.includes('BagTrax: no event lost'))).toBe(true);
  }, 240_000);
});

describe('relays at scale, at 50 streams on 2 relays and 5 bags', () => {
  it.skipIf(!hasRedisServer())(
    'every phone on a relay gets every event once, and each figure is measured',
    async () => {
      const plan = {
        ...FULL_PLAN,
        bags: BAGS,
        intervalMs: 150,
        pin: hasTaskset(),
        relays: { relays: 2, streams: 50, loads: 2 },
      };
      const r = await runRelayBench(plan, () => undefined);

      expect({
        exact: r.exact,
        lost: r.lost,
        duplicates: r.duplicates,
        refused: r.refused,
        dropped: r.dropped,
        badWrites: r.badWrites,
      }).toEqual({ exact: 50, lost: 0, duplicates: 0, refused: 0, dropped: 0, badWrites: 0 });
      // Phone i is on relay i % 2: 25 each, and every one of them read every bag's state event.
      expect(r.perRelay.map((x) => x.streams)).toEqual([25, 25]);
      for (const x of r.perRelay) {
        expect(Number.isFinite(x.delivery.max)).toBe(true);
        expect(x.cpuPerBag).toBeGreaterThanOrEqual(0);
        expect(Number.isFinite(x.bytesPerStream)).toBe(true);
      }
      expect(r.delivery.p50).toBeGreaterThan(0);
      expect(r.primaryCpuPerBag.publishing).toBeGreaterThanOrEqual(0);
      expect(r.primaryCpuPerBag.off).toBeGreaterThanOrEqual(0);
      // Each bag is one change on the primary: at least one entry on the venue's stream, read by both relays.
      expect(r.redis.entriesPerBag).toBeGreaterThanOrEqual(1);
      expect(r.redis.entryBytes).toBeGreaterThan(0);
      expect(r.redis.netOutPerBag).toBeGreaterThan(2 * r.redis.entryBytes);
      expect(r.redis.streamLength).toBeGreaterThanOrEqual(BAGS);

      const report = relayReport(r).join('\n');
      expect(report).toContain('✓ every event delivered once: 50 of 50 streams');
      expect(report).toMatch(/\| 2 \| 25 \| [\d.]+ \| [\d.]+ \| -?[\d.]+ \| [\d.]+ \| [\d.]+ \|/);
    },
    120_000,
  );
});
