// The orchestrator: for each load of the plan and each server in turn, start the server on core 0,
// have the load generator (core 1) open the streams and record the bags, read the server's CPU time
// from /proc and ask it for its memory; after the storm's delivery runs, close every stream and bring
// them all back at once. The servers take each load one after another, so a ratio between two of
// them compares figures taken seconds apart, not minutes.
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BagsArgs, LoadFigures, OpenArgs, StormArgs, StormFigures } from './load/main.js';
import {
  BENCH_PIN,
  FLOOR,
  SERVERS,
  type Plan,
  type RunResult,
  type ServerEntry,
  type ServerKind,
} from './plan.js';
import { BENCH_DIR, listenOverflows, procCpuMs, startChild, type Child } from './procs.js';
import type { Memory } from './servers/harness.js';
import { median } from './stats.js';

interface Run {
  mode: 'stream' | 'htmx';
  clients: number;
  storage: RunResult['storage'];
}

/** The loads in the order they run; each with the servers that take it. */
function loadsOf(plan: Plan): { run: Run; servers: ServerKind[] }[] {
  const alone = plan.storm.filter((n) => !plan.streams.includes(n));
  if (alone.length)
    throw new Error(`a storm follows a delivery run of its size: add ${alone} to the streams`);
  const runs: Run[] = [
    ...plan.streams.map((clients) => ({ mode: 'stream' as const, clients, storage: 'shm' as const })),
    ...plan.htmx.map((clients) => ({ mode: 'htmx' as const, clients, storage: 'shm' as const })),
  ];
  const loads = runs.map((run) => ({ run, servers: plan.servers }));
  if (plan.servers.includes('bagtrax') && plan.diskStreams !== null) {
    loads.push({ run: { mode: 'stream', clients: plan.diskStreams, storage: 'disk' }, servers: ['bagtrax'] });
  }
  return loads;
}

class ServerProc {
  private constructor(
    readonly child: Child,
    readonly port: number,
  ) {}

  static async start(kind: ServerKind, plan: Plan, storage: Run['storage']): Promise<ServerProc> {
    // BENCH_SERVER_ARGS: extra node flags for the servers only (e.g. --trace-gc while profiling).
    const nodeArgs = process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean);
    const script = resolve(BENCH_DIR, SERVERS[kind].script);
    const entry: ServerEntry = SERVERS[kind];
    const child = startChild(kind, script, { core: plan.pin ? 0 : undefined, nodeArgs, env: entry.env });
    const dataRoot = storage === 'disk' ? tmpdir() : '/dev/shm';
    const url = await child.call<string>('start', { dataRoot });
    return new ServerProc(child, Number(new URL(url).port));
  }

  memory(): Promise<Memory> {
    return this.child.call<Memory>('memory');
  }

  /** CPU used so far in ms: from /proc where there is one, else the server's own count over IPC. */
  async cpu(): Promise<{ ms: number; source: RunResult['cpuSource'] }> {
    const ms = procCpuMs(this.child.proc.pid);
    if (ms !== null) return { ms, source: 'proc' };
    return { ms: (await this.child.call<number>('cpu')) / 1000, source: 'ipc' };
  }
}

/** A counter's growth over a phase, or null when it cannot be read. */
function grown(before: number | null, after: number | null): number | null {
  return before === null || after === null ? null : after - before;
}

export async function runBench(plan: Plan, log: (line: string) => void = console.log): Promise<RunResult[]> {
  const load = startChild('load', join(BENCH_DIR, 'load/main.ts'), { core: plan.pin ? 1 : undefined });
  const results: RunResult[] = [];
  const shared = new Map<ServerKind, ServerProc>();
  try {
    for (const { run, servers } of loadsOf(plan)) {
      for (const kind of servers) {
        const fresh = plan.freshServers || run.storage === 'disk';
        let server = shared.get(kind);
        if (fresh || !server) {
          server = await ServerProc.start(kind, plan, fresh ? run.storage : 'shm');
          if (!fresh) shared.set(kind, server);
        }
        try {
          const result = await measure(kind, run, plan, server, load);
          results.push(result);
          log(describe(result, results));
          const storm = run.mode === 'stream' && run.storage === 'shm' && plan.storm.includes(run.clients);
          if (storm && SERVERS[kind].resumes) {
            const stormResult = await measureStorm(kind, run, plan, server, load);
            results.push(stormResult);
            log(describe(stormResult, results));
          }
        } finally {
          await load.call('close');
          if (fresh) await server.child.stop();
        }
      }
    }
  } finally {
    for (const server of shared.values()) await server.child.stop();
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
  const overflowsBefore = listenOverflows();
  const cpuBefore = await server.cpu();
  const figures = await load.call<LoadFigures>('bags', {
    intervalMs: plan.intervalMs,
    auth,
    settleMs: 5000,
  } satisfies BagsArgs);
  const cpuAfter = await server.cpu();
  const cpuMs = cpuAfter.ms - cpuBefore.ms;
  return {
    server: kind,
    ...run,
    ...figures,
    cpuMs,
    cpuPerBag: cpuMs / plan.bags,
    cpuSource: cpuAfter.source,
    listenOverflows: grown(overflowsBefore, listenOverflows()),
    slowHandshakes: null,
    bytesPerStream: opened.opened > 0 ? (after.rss - before.rss) / opened.opened : null,
  };
}

/**
 * The storm, on the server and game of the delivery run just measured: every stream is closed, and
 * once the server has let them go, all reconnect at once one version behind. `plan.stormRounds`
 * times over; each figure is the median round's (a storm is short, and one handshake retransmitted
 * moves a p99 by a second), problems and queue overflows are summed over every round.
 */
async function measureStorm(
  kind: ServerKind,
  run: Run,
  plan: Plan,
  server: ServerProc,
  load: Child,
): Promise<RunResult> {
  const rounds: { figures: StormFigures; cpuMs: number; overflows: number | null }[] = [];
  let source: RunResult['cpuSource'] = 'proc';
  for (let round = 0; round < plan.stormRounds; round++) {
    await load.call('drop');
    // The server sees every close before the storm starts (a phone's old connection is long gone).
    await sleep(1000);
    const overflowsBefore = listenOverflows();
    const cpuBefore = await server.cpu();
    const figures = await load.call<StormFigures>('storm', { settleMs: 15_000 } satisfies StormArgs);
    const cpuAfter = await server.cpu();
    source = cpuAfter.source;
    rounds.push({
      figures,
      cpuMs: cpuAfter.ms - cpuBefore.ms,
      overflows: grown(overflowsBefore, listenOverflows()),
    });
  }
  const mid = (f: (r: (typeof rounds)[number]) => number) => median(rounds.map(f));
  const sum = (f: (r: StormFigures) => number) => rounds.reduce((n, r) => n + f(r.figures), 0);
  const clients = rounds[0]?.figures.clients ?? 0;
  const cpuMs = mid((r) => r.cpuMs);
  const overflows = rounds.map((r) => r.overflows);
  return {
    server: kind,
    mode: 'storm',
    clients,
    storage: run.storage,
    refused: sum((f) => f.refused),
    dropped: sum((f) => f.dropped),
    badWrites: 0,
    delivery: {
      p50: mid((r) => r.figures.delivery.p50),
      p99: mid((r) => r.figures.delivery.p99),
      max: mid((r) => r.figures.delivery.max),
    },
    answer: { p50: NaN, p99: NaN, max: NaN },
    lost: sum((f) => f.lost),
    cpuMs,
    cpuPerBag: clients > 0 ? cpuMs / clients : NaN,
    cpuSource: source,
    listenOverflows: overflows.includes(null) ? null : overflows.reduce((n, o) => n! + o!, 0),
    slowHandshakes: sum((f) => f.slowHandshakes),
    bytesPerStream: null,
    lastFresh: null,
    stale: 0,
    statuses: {},
  };
}

const ms = (n: number | null) => (n === null || Number.isNaN(n) ? '—' : `${n.toFixed(1)} ms`);

/** `value` over the floor's figure for the same load, when the floor has run it already. */
function overFloor(r: RunResult, done: RunResult[], value: (r: RunResult) => number | null): string {
  if (r.server === FLOOR) return '';
  const floor = done.find(
    (f) => f.server === FLOOR && f.mode === r.mode && f.clients === r.clients && f.storage === r.storage,
  );
  const a = value(r);
  const b = floor ? value(floor) : null;
  return a !== null && b !== null && b > 0 ? ` (${(a / b).toFixed(2)}× floor)` : '';
}

export function describe(r: RunResult, done: RunResult[] = []): string {
  const kind =
    r.mode === 'htmx' ? 'HTMX clients' : r.mode === 'storm' ? 'streams reconnecting at once' : 'streams';
  const what = `${SERVERS[r.server].label} · ${r.clients} ${kind}`;
  const disk = r.storage === 'disk' ? ' (database on disk)' : '';
  const parts: string[] = [];
  if (r.mode === 'storm') {
    parts.push(
      `current state p50 ${ms(r.delivery.p50)} p99 ${ms(r.delivery.p99)}` +
        `${overFloor(r, done, (x) => x.delivery.p99)} max ${ms(r.delivery.max)}`,
      `server CPU ${ms(r.cpuMs)} (${(r.cpuPerBag * 1000).toFixed(0)} µs/stream${overFloor(r, done, (x) => x.cpuMs)})`,
    );
  } else {
    parts.push(
      `delivery p50 ${ms(r.delivery.p50)} p99 ${ms(r.delivery.p99)}${overFloor(r, done, (x) => x.delivery.p99)} ` +
        `max ${ms(r.delivery.max)}`,
      `answer p50 ${ms(r.answer.p50)}`,
      `server CPU ${ms(r.cpuPerBag)}/bag${overFloor(r, done, (x) => x.cpuPerBag)}`,
    );
  }
  parts.push(`lost ${r.lost}`);
  if (r.slowHandshakes) parts.push(`handshakes of a second or more ${r.slowHandshakes}`);
  if (r.listenOverflows) parts.push(`listen queue overflows (whole machine) ${r.listenOverflows}`);
  if (r.bytesPerStream !== null) parts.push(`${(r.bytesPerStream / 1024).toFixed(1)} KiB/stream`);
  if (r.lastFresh) {
    parts.push(
      `last fresh HTML ${ms(r.lastFresh.median)}${overFloor(r, done, (x) => x.lastFresh?.median ?? null)} ` +
        `(worst bag ${ms(r.lastFresh.max)})`,
    );
  }
  if (r.refused || r.dropped || r.badWrites || r.stale) {
    parts.push(`refused ${r.refused} dropped ${r.dropped} bad writes ${r.badWrites} stale ${r.stale}`);
  }
  return `${what}${disk}: ${parts.join(', ')}`;
}
