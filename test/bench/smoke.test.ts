// The bench's own code at a small size, as part of `npm test`: on the floor, BagTrax and both references
// every stream gets every event and every HTMX client ends up holding each version's HTML; on the servers
// that resume, a reconnect storm brings every stream back to the current state; the table and the
// targets print a figure and a ratio for each. Correctness only, no timing.
import { describe, expect, it } from 'vitest';
import { runBench } from './bench.js';
import { FULL_PLAN, type Plan, type RunResult } from './plan.js';
import { hasTaskset } from './procs.js';
import { table, targets } from './report.js';

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
