// What a bench run does and what it measures: the servers, the loads, and the shape of the results
// that the orchestrator, the load generator and the report share.

export const BENCH_PIN = '2468';

export interface ServerEntry {
  label: string;
  /** Relative to test/bench/, or absolute. */
  script: string;
  /**
   * A stream opened with `Last-Event-ID` behind the current version gets the current pair at once
   * (CONTRACT.md), so the reconnect storm can be run against it; the references ignore the header.
   */
  resumes: boolean;
  /** Environment for the server's process (a setting, say). */
  env?: Record<string, string>;
}

/**
 * The servers a run may start. Another kind (a relay, BagTrax with other settings) is one more entry
 * and, when it needs one, a script that calls `benchServer` (servers/harness.ts).
 */
export const SERVERS = {
  floor: { label: 'node:http floor', script: 'servers/floor.ts', resumes: true },
  bagtrax: { label: 'BagTrax', script: 'servers/bagtrax.ts', resumes: true },
  passthrough: { label: 'Koa + PassThrough', script: 'servers/passthrough.ts', resumes: false },
  betterSse: { label: 'Koa + better-sse', script: 'servers/better-sse.ts', resumes: false },
} satisfies Record<string, ServerEntry>;
export type ServerKind = keyof typeof SERVERS;
/** What every BagTrax figure is also divided by. */
export const FLOOR: ServerKind = 'floor';

export interface Plan {
  servers: ServerKind[];
  /** Stream counts for the delivery runs (plain SSE clients reading `state`). */
  streams: number[];
  /** Client counts for the HTMX runs (each re-fetches the scoreboard on `refresh-scoreboard`). */
  htmx: number[];
  /**
   * Reconnect storms: after the delivery run with this many streams, every stream is closed and all
   * reconnect at once with `Last-Event-ID` one behind; measured on the servers that resume.
   */
  storm: number[];
  /** Storms per server and size: the figures are the median round's. */
  stormRounds: number;
  bags: number;
  intervalMs: number;
  /** Also time BagTrax's writes with its database on disk (os.tmpdir()) at this many streams. */
  diskStreams: number | null;
  /**
   * Relays at scale: a publishing primary and `relays` relays (ROLE=relay) fed through a private
   * redis-server, `streams` phones spread evenly over the relays by `loads` load-generator processes
   * (each process holds streams / loads sockets, under its open-file limit). Null: no relay phase.
   */
  relays: RelayPlan | null;
  /** Pin the server to core 0 and the load to core 1 (needs taskset and two cores). */
  pin: boolean;
  /** A fresh server process for every run (clean memory figures), or one per server. */
  freshServers: boolean;
}

export interface RelayPlan {
  relays: number;
  streams: number;
  loads: number;
}

export const FULL_PLAN: Plan = {
  servers: ['floor', 'bagtrax', 'passthrough', 'betterSse'],
  streams: [1000, 5000, 10_000],
  htmx: [1000, 3000],
  storm: [5000],
  stormRounds: 3,
  bags: 20,
  intervalMs: 300,
  diskStreams: 1000,
  relays: { relays: 4, streams: 16_000, loads: 2 },
  pin: true,
  freshServers: true,
};

/** Latencies in milliseconds. */
export interface Spread {
  p50: number;
  p99: number;
  max: number;
}

export interface RunResult {
  server: ServerKind;
  mode: 'stream' | 'htmx' | 'storm';
  clients: number;
  /** Where BagTrax kept its database ('shm' for the reference servers, which keep none). */
  storage: 'shm' | 'disk';
  /** Streams that did not open with a 200. */
  refused: number;
  /** Streams that ended before the last event. */
  dropped: number;
  /** POST answers that were not 200 with the expected version. */
  badWrites: number;
  /**
   * From the POST leaving the load generator to each client's `state` event for that version; in a
   * storm, from the moment every client starts reconnecting to its `state` event for the current one.
   */
  delivery: Spread;
  /** From the POST leaving to its answer being read. */
  answer: Spread;
  /** `refresh-scoreboard` + `state` events expected but never received, over all clients. */
  lost: number;
  /**
   * Server CPU time (user + system, from /proc/<pid>/stat) over the measured phase, in ms: the bags
   * being recorded, or the whole storm.
   */
  cpuMs: number;
  /** `cpuMs` per bag (a storm: per reconnecting stream, in ms). */
  cpuPerBag: number;
  /** Where the CPU figure came from: the kernel's count, or the server's own cpuUsage() over IPC. */
  cpuSource: 'proc' | 'ipc';
  /**
   * Connections the kernel dropped during the phase because a listen queue was full (TcpExt
   * ListenOverflows): counted for the whole machine, so another process's overflows count too.
   */
  listenOverflows: number | null;
  /** A storm: reconnections whose TCP handshake took a second or more (a SYN dropped and sent again). */
  slowHandshakes: number | null;
  /** RSS grown per open stream, in bytes (server's own memoryUsage, after GC). */
  bytesPerStream: number | null;
  /** HTMX runs: per bag, when the last client held that version's HTML; median and worst bag. */
  lastFresh: { median: number; max: number } | null;
  /** HTMX runs: clients that never held fresh HTML for some bag. */
  stale: number;
  /** HTMX runs: answers by status (200 full HTML, 304 revalidated). */
  statuses: Record<string, number>;
}
