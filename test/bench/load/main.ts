// The load generator process (pinned to its own core): opens the phones' streams on one game, records
// bags through the API at a steady pace, and turns the arrival times into the run's figures.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunResult, Spread } from '../plan.js';
import { serve } from '../procs.js';
import { median, spread } from '../stats.js';
import { HtmxClient, StreamClient, type Target } from './clients.js';
import { KeepAliveConnection } from './http.js';

export interface OpenArgs {
  port: number;
  gameId: string;
  clients: number;
  bags: number;
  htmx: boolean;
}
export interface BagsArgs {
  intervalMs: number;
  auth: string;
  /** How long to wait after the last answer for stragglers before counting events as lost. */
  settleMs: number;
}
export interface StormArgs {
  /** How long to wait for every client to hold the current state before counting the rest as lost. */
  settleMs: number;
}
export type StormFigures = Pick<RunResult, 'refused' | 'dropped' | 'delivery' | 'lost'> & {
  clients: number;
  /** How long the load generator took to issue every connect (its own cost, the same for all servers). */
  issueMs: number;
  /** Handshakes that took a second or more: a SYN dropped by a full listen queue and sent again. */
  slowHandshakes: number;
};
/** Relays at scale: this process's share of the phones, spread over the relays' ports. */
export interface RelayOpenArgs {
  ports: number[];
  gameId: string;
  clients: number;
  bags: number;
  /** This process's first phone's index among all processes' phones (phone i goes to ports[i % n]). */
  first: number;
}
export interface WriteArgs {
  port: number;
  gameId: string;
  bags: number;
  intervalMs: number;
  auth: string;
}
export interface Written {
  /** When each bag's POST left, on the machine's monotonic clock (ms), shared by every process. */
  sentAt: number[];
  answer: Spread;
  badWrites: number;
}
export interface CollectArgs {
  /** Written.sentAt: index b is bag b's (index 0 unused). */
  sentAt: number[];
  settleMs: number;
}
export interface Collected {
  streams: number;
  refused: number;
  dropped: number;
  /** `state` + `refresh-scoreboard` events expected and never received, over all streams. */
  lost: number;
  /** Events received a second time for a version a stream already had. */
  duplicates: number;
  /** Streams that got every version's `state` and `refresh-scoreboard` exactly once. */
  exact: number;
  /** Per relay (the index of its port in `ports`): each stream's delay from a bag's POST to its `state` event, ms. */
  samples: number[][];
}
export type LoadFigures = Pick<
  RunResult,
  'refused' | 'dropped' | 'badWrites' | 'delivery' | 'answer' | 'lost' | 'lastFresh' | 'stale' | 'statuses'
>;

/**
 * performance.now() and process.hrtime are the same monotonic clock (CLOCK_MONOTONIC, machine-wide):
 * adding this turns a process's performance.now() into a time any other process on the machine shares.
 */
const CLOCK = Number(process.hrtime.bigint()) / 1e6 - performance.now();

const RESULTS = ['board', 'miss', 'hole', 'miss'] as const;
/** Sides alternate and both throw the same bags each round, so rounds wash and no game ever ends. */
function bagBody(i: number): string {
  const side = i % 2 === 0 ? 'home' : 'away';
  return JSON.stringify({ side, result: RESULTS[Math.floor(i / 2) % RESULTS.length] });
}

let target: Target | null = null;
let clients: StreamClient[] = [];
let refused = 0;

async function createGame(arg: { port: number; auth: string }): Promise<string> {
  const conn = new KeepAliveConnection(arg.port);
  const body = JSON.stringify({ home: { name: 'Bag Daddies' }, away: { name: 'Hole Patrol' } });
  const a = await conn.request(
    'POST',
    '/api/games',
    { 'Content-Type': 'application/json', Authorization: arg.auth },
    body,
  );
  conn.close();
  if (a.status !== 201) throw new Error(`create game: ${a.status} ${a.body}`);
  return (JSON.parse(a.body) as { id: string }).id;
}

/** Opens the streams a few hundred at a time, so the listen backlog never overflows. */
async function open(arg: OpenArgs): Promise<{ opened: number; refused: number; ms: number }> {
  const started = performance.now();
  target = { port: arg.port, gameId: arg.gameId, bags: arg.bags };
  const t = target;
  clients = Array.from({ length: arg.clients }, () => (arg.htmx ? new HtmxClient(t) : new StreamClient(t)));
  refused = 0;
  let next = 0;
  const worker = async () => {
    while (next < clients.length) {
      const c = clients[next++]!;
      if ((await c.open()) !== 200) refused++;
      if (c instanceof HtmxClient) await c.warm();
    }
  };
  await Promise.all(Array.from({ length: 256 }, worker));
  return { opened: clients.length - refused, refused, ms: Math.round(performance.now() - started) };
}

function complete(c: StreamClient, bags: number): boolean {
  if (c.ended || c.status !== 200) return true;
  if (c.stateAt[bags] === 0 || c.refreshAt[bags] === 0) return false;
  return !(c instanceof HtmxClient) || c.freshAt[bags] !== 0;
}

async function bags(arg: BagsArgs): Promise<LoadFigures> {
  if (!target) throw new Error('open the streams first');
  const { port, gameId, bags: count } = target;
  const writer = new KeepAliveConnection(port);
  await writer.connect();
  const sentAt = new Float64Array(count + 1);
  const answers: number[] = [];
  let badWrites = 0;
  const start = performance.now() + 50;
  for (let b = 1; b <= count; b++) {
    const wait = start + (b - 1) * arg.intervalMs - performance.now();
    if (wait > 0) await sleep(wait);
    sentAt[b] = performance.now();
    const headers = { 'Content-Type': 'application/json', Authorization: arg.auth };
    const a = await writer.request('POST', `/api/games/${gameId}/throws`, headers, bagBody(b - 1));
    answers.push(performance.now() - sentAt[b]!);
    if (a.status !== 200 || (JSON.parse(a.body) as { version: number }).version !== b) badWrites++;
  }
  writer.close();
  const deadline = performance.now() + arg.settleMs;
  while (performance.now() < deadline && !clients.every((c) => complete(c, count))) await sleep(20);
  return figures(sentAt, answers, badWrites);
}

function figures(sentAt: Float64Array, answers: number[], badWrites: number): LoadFigures {
  const count = sentAt.length - 1;
  const live = clients.filter((c) => c.status === 200);
  const delivery = new Float64Array(live.length * count);
  let n = 0;
  let lost = 0;
  let stale = 0;
  const lastFresh = new Float64Array(count + 1);
  const statuses: Record<string, number> = {};
  for (const c of live) {
    for (let b = 1; b <= count; b++) {
      if (c.stateAt[b]! > 0) delivery[n++] = c.stateAt[b]! - sentAt[b]!;
      else lost++;
      if (c.refreshAt[b] === 0) lost++;
      if (c instanceof HtmxClient) {
        if (c.freshAt[b] === 0) stale++;
        else lastFresh[b] = Math.max(lastFresh[b]!, c.freshAt[b]! - sentAt[b]!);
      }
    }
    if (c instanceof HtmxClient) {
      for (const [k, v] of Object.entries(c.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
    }
  }
  const htmx = live[0] instanceof HtmxClient;
  const perBag = Array.from(lastFresh.subarray(1));
  return {
    refused,
    dropped: live.filter((c) => c.ended).length,
    badWrites,
    delivery: spread(delivery.subarray(0, n)),
    answer: spread(Float64Array.from(answers)),
    lost,
    lastFresh: htmx ? { median: median(perBag), max: Math.max(...perBag) } : null,
    stale,
    statuses,
  };
}

/** The phones lose the network: every stream is closed; `storm` brings the same number back. */
let stormSize = 0;
function drop(): { closed: number } {
  stormSize = clients.length;
  for (const c of clients) c.close();
  clients = [];
  return { closed: stormSize };
}

/**
 * Every phone reconnects at once, as after the venue's access point reboots: each sends the
 * `Last-Event-ID` one behind the current version, and the figure is the time from the storm's start
 * (before the first connect) until it holds the current `state`. No pacing: the listen backlog is
 * part of what is measured.
 */
async function storm(arg: StormArgs): Promise<StormFigures> {
  if (!target) throw new Error('open the streams first');
  const version = target.bags;
  const t = target;
  const phones = Array.from({ length: stormSize }, () => new StreamClient(t));
  clients = phones;
  const started = performance.now();
  for (const c of phones) void c.open(version - 1);
  const issueMs = performance.now() - started;
  const deadline = started + arg.settleMs;
  let waiting = 0;
  const done = (c: StreamClient) => c.ended || c.stateAt[version]! > 0;
  while (performance.now() < deadline) {
    while (waiting < phones.length && done(phones[waiting]!)) waiting++;
    if (waiting === phones.length) break;
    await sleep(20);
  }
  const times = new Float64Array(phones.length);
  let n = 0;
  let refused = 0;
  let dropped = 0;
  let lost = 0;
  let slowHandshakes = 0;
  for (const c of phones) {
    if (c.connectMs >= 1000) slowHandshakes++;
    if (c.stateAt[version]! > 0) times[n++] = c.stateAt[version]! - started;
    else if (c.status !== 200 && (c.ended || c.status > 0)) refused++;
    else if (c.ended) dropped++;
    else lost++;
  }
  return {
    clients: phones.length,
    issueMs,
    slowHandshakes,
    refused,
    dropped,
    lost,
    delivery: spread(times.subarray(0, n)),
  };
}

let relayPorts: number[] = [];

/** Relays at scale: this process's phones on the relays, `clients` of them, spread over the ports. */
async function openRelayed(arg: RelayOpenArgs): Promise<{ opened: number; refused: number }> {
  relayPorts = arg.ports;
  const targets = arg.ports.map((port) => ({ port, gameId: arg.gameId, bags: arg.bags }));
  target = targets[0] ?? null;
  clients = Array.from(
    { length: arg.clients },
    (_, i) => new StreamClient(targets[(arg.first + i) % targets.length]!),
  );
  refused = 0;
  let next = 0;
  const worker = async () => {
    while (next < clients.length) {
      if ((await clients[next++]!.open()) !== 200) refused++;
    }
  };
  await Promise.all(Array.from({ length: 256 }, worker));
  return { opened: clients.length - refused, refused };
}

/** A keeper scoring `bags` bags on the primary at a steady pace; the phones may be in other processes. */
async function write(arg: WriteArgs): Promise<Written> {
  const writer = new KeepAliveConnection(arg.port);
  await writer.connect();
  const sentAt = new Float64Array(arg.bags + 1);
  const answers = new Float64Array(arg.bags);
  let badWrites = 0;
  const start = performance.now() + 50;
  for (let b = 1; b <= arg.bags; b++) {
    const wait = start + (b - 1) * arg.intervalMs - performance.now();
    if (wait > 0) await sleep(wait);
    sentAt[b] = performance.now();
    const headers = { 'Content-Type': 'application/json', Authorization: arg.auth };
    const a = await writer.request('POST', `/api/games/${arg.gameId}/throws`, headers, bagBody(b - 1));
    answers[b - 1] = performance.now() - sentAt[b]!;
    if (a.status !== 200 || (JSON.parse(a.body) as { version: number }).version !== b) badWrites++;
  }
  writer.close();
  return {
    sentAt: Array.from(sentAt, (t, b) => (b === 0 ? 0 : t + CLOCK)),
    answer: spread(answers),
    badWrites,
  };
}

/** Waits for this process's phones to hold every bag (or `settleMs`), then counts what each got. */
async function collect(arg: CollectArgs): Promise<Collected> {
  if (!target) throw new Error('open the streams first');
  const count = target.bags;
  const deadline = performance.now() + arg.settleMs;
  while (performance.now() < deadline && !clients.every((c) => complete(c, count))) await sleep(20);
  const ports = relayPorts;
  const samples: number[][] = ports.map(() => []);
  let lost = 0;
  let duplicates = 0;
  let exact = 0;
  for (const c of clients) {
    if (c.status !== 200) continue;
    let missing = 0;
    for (let b = 1; b <= count; b++) {
      if (c.stateAt[b]! > 0) samples[ports.indexOf(c.port)]!.push(c.stateAt[b]! + CLOCK - arg.sentAt[b]!);
      else missing++;
      if (c.refreshAt[b] === 0) missing++;
    }
    lost += missing;
    duplicates += c.duplicates;
    if (missing === 0 && c.duplicates === 0) exact++;
  }
  return {
    streams: clients.length,
    refused,
    dropped: clients.filter((c) => c.status === 200 && c.ended).length,
    lost,
    duplicates,
    exact,
    samples,
  };
}

function close(): void {
  for (const c of clients) c.close();
  clients = [];
  target = null;
}

serve({ createGame, open, bags, drop, storm, openRelayed, write, collect, close, stop: close });
