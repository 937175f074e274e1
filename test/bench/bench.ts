// The orchestrator: for each server and each load of the plan, start the server on core 0, have the
// load generator (core 1) open the streams and record the bags, and ask the server for its memory.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BagsArgs, LoadFigures, OpenArgs } from './load/main.js';
import { BENCH_PIN, SERVERS, type Plan, type RunResult, type ServerKind } from './plan.js';
import { BENCH_DIR, startChild, type Child } from './procs.js';
import type { Memory } from './servers/harness.js';

interface Run {
  mode: RunResult['mode'];
  clients: number;
  storage: RunResult['storage'];
}

function runsOf(plan: Plan, kind: ServerKind): Run[] {
  const runs: Run[] = [
    ...plan.streams.map((clients) => ({ mode: 'stream' as const, clients, storage: 'shm' as const })),
    ...plan.htmx.map((clients) => ({ mode: 'htmx' as const, clients, storage: 'shm' as const })),
  ];
  if (kind === 'bagtrax' && plan.diskStreams !== null) {
    runs.push({ mode: 'stream', clients: plan.diskStreams, storage: 'disk' });
  }
  return runs;
}

class ServerProc {
  private constructor(
    readonly child: Child,
    readonly port: number,
  ) {}

  static async start(kind: ServerKind, plan: Plan, storage: Run['storage']): Promise<ServerProc> {
    // BENCH_SERVER_ARGS: extra node flags for the servers only (e.g. --trace-gc while profiling).
    const nodeArgs = process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean);
    const script = join(BENCH_DIR, SERVERS[kind].script);
    const child = startChild(kind, script, { core: plan.pin ? 0 : undefined, nodeArgs });
    const dataRoot = storage === 'disk' ? tmpdir() : '/dev/shm';
    const url = await child.call<string>('start', { dataRoot });
    return new ServerProc(child, Number(new URL(url).port));
  }

  memory(): Promise<Memory> {
    return this.child.call<Memory>('memory');
  }
}

export async function runBench(plan: Plan, log: (line: string) => void = console.log): Promise<RunResult[]> {
  const load = startChild('load', join(BENCH_DIR, 'load/main.ts'), { core: plan.pin ? 1 : undefined });
  const results: RunResult[] = [];
  try {
    for (const kind of plan.servers) {
      let shared: ServerProc | null = null;
      for (const run of runsOf(plan, kind)) {
        const fresh = plan.freshServers || run.storage === 'disk';
        const server = fresh
          ? await ServerProc.start(kind, plan, run.storage)
          : (shared ??= await ServerProc.start(kind, plan, 'shm'));
        try {
          const result = await measure(kind, run, plan, server, load);
          results.push(result);
          log(describe(result));
        } finally {
          await load.call('close');
          if (fresh) await server.child.stop();
        }
      }
      await shared?.child.stop();
    }
  } finally {
    await load.stop();
  }
  return results;
}

async function measure(
  kind: ServerKind,
  run: Run,
  plan: Plan,
  server: ServerProc,
  load: Child,
): Promise<RunResult> {
  const auth = `Bearer ${BENCH_PIN}`;
  const gameId = await load.call<string>('createGame', { port: server.port, auth });
  const before = await server.memory();
  const opened = await load.call<{ opened: number }>('open', {
    port: server.port,
    gameId,
    clients: run.clients,
    bags: plan.bags,
    htmx: run.mode === 'htmx',
  } satisfies OpenArgs);
  // Let the last heads and timers settle before reading the figure.
  await sleep(300);
  const after = await server.memory();
  const cpuBefore = await server.child.call<number>('cpu');
  const figures = await load.call<LoadFigures>('bags', {
    intervalMs: plan.intervalMs,
    auth,
    settleMs: 5000,
  } satisfies BagsArgs);
  const cpuAfter = await server.child.call<number>('cpu');
  return {
    server: kind,
    ...run,
    ...figures,
    cpuPerBag: (cpuAfter - cpuBefore) / 1000 / plan.bags,
    bytesPerStream: opened.opened > 0 ? (after.rss - before.rss) / opened.opened : null,
  };
}

const ms = (n: number | null) => (n === null || Number.isNaN(n) ? '—' : `${n.toFixed(1)} ms`);

export function describe(r: RunResult): string {
  const what = `${SERVERS[r.server].label} · ${r.clients} ${r.mode === 'htmx' ? 'HTMX clients' : 'streams'}`;
  const disk = r.storage === 'disk' ? ' (database on disk)' : '';
  const parts = [
    `delivery p50 ${ms(r.delivery.p50)} p99 ${ms(r.delivery.p99)} max ${ms(r.delivery.max)}`,
    `answer p50 ${ms(r.answer.p50)}`,
    `lost ${r.lost}`,
    `server CPU ${ms(r.cpuPerBag)}/bag`,
  ];
  if (r.bytesPerStream !== null) parts.push(`${(r.bytesPerStream / 1024).toFixed(1)} KiB/stream`);
  if (r.lastFresh) parts.push(`last fresh HTML ${ms(r.lastFresh.median)} (worst bag ${ms(r.lastFresh.max)})`);
  if (r.refused || r.dropped || r.badWrites || r.stale) {
    parts.push(`refused ${r.refused} dropped ${r.dropped} bad writes ${r.badWrites} stale ${r.stale}`);
  }
  return `${what}${disk}: ${JSON.stringify({ refused: r.refused, dropped: r.dropped })} ${parts.join(', ')}`;
}
