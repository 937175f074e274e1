// The bench's table: one row per figure and load, one column per server, and the ratios
// BagTrax / floor and BagTrax / reference (below 1 means BagTrax does better), plus the targets checked.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { FLOOR, SERVERS, type Plan, type RunResult, type ServerKind } from './plan.js';
import type { RelayResult } from './relays.js';

/** BagTrax's figures are divided by each of these, the floor first. */
const REFS: ServerKind[] = [FLOOR, 'passthrough', 'betterSse'];
/** The ratio targets: BagTrax within this many times the floor's figure, in the same run. */
export const FLOOR_TARGET = 1.25;

interface Row {
  label: string;
  mode: RunResult['mode'];
  value(r: RunResult): number | null;
  format(n: number): string;
  ratio: boolean;
}

const ms = (n: number) => n.toFixed(1);
const ROWS: Row[] = [
  { label: 'delivery p50 (ms)', mode: 'stream', value: (r) => r.delivery.p50, format: ms, ratio: true },
  { label: 'delivery p99 (ms)', mode: 'stream', value: (r) => r.delivery.p99, format: ms, ratio: true },
  { label: 'delivery max (ms)', mode: 'stream', value: (r) => r.delivery.max, format: ms, ratio: true },
  { label: "write's answer p50 (ms)", mode: 'stream', value: (r) => r.answer.p50, format: ms, ratio: true },
  { label: 'server CPU per bag (ms)', mode: 'stream', value: (r) => r.cpuPerBag, format: ms, ratio: true },
  {
    label: 'memory per stream (KiB)',
    mode: 'stream',
    value: (r) => (r.bytesPerStream === null ? null : r.bytesPerStream / 1024),
    format: ms,
    ratio: true,
  },
  { label: 'events lost', mode: 'stream', value: (r) => r.lost, format: String, ratio: false },
  {
    label: 'HTMX: last client fresh (ms, median of bags)',
    mode: 'htmx',
    value: (r) => r.lastFresh?.median ?? null,
    format: ms,
    ratio: true,
  },
  {
    label: 'HTMX: server CPU per bag (ms)',
    mode: 'htmx',
    value: (r) => r.cpuPerBag,
    format: ms,
    ratio: true,
  },
  { label: 'HTMX: events lost', mode: 'htmx', value: (r) => r.lost, format: String, ratio: false },
  {
    label: 'storm: time to the current state p50 (ms)',
    mode: 'storm',
    value: (r) => r.delivery.p50,
    format: ms,
    ratio: true,
  },
  {
    label: 'storm: time to the current state p99 (ms)',
    mode: 'storm',
    value: (r) => r.delivery.p99,
    format: ms,
    ratio: true,
  },
  {
    label: 'storm: time to the current state max (ms)',
    mode: 'storm',
    value: (r) => r.delivery.max,
    format: ms,
    ratio: true,
  },
  {
    label: 'storm: server CPU per stream (µs)',
    mode: 'storm',
    value: (r) => r.cpuPerBag * 1000,
    format: (n) => n.toFixed(0),
    ratio: true,
  },
  {
    label: 'storm: handshakes of a second or more (SYN sent again)',
    mode: 'storm',
    value: (r) => r.slowHandshakes,
    format: String,
    ratio: false,
  },
  {
    label: 'storm: listen queue overflows (whole machine)',
    mode: 'storm',
    value: (r) => r.listenOverflows,
    format: String,
    ratio: false,
  },
  {
    label: 'storm: streams without the current state',
    mode: 'storm',
    value: (r) => r.lost + r.refused + r.dropped,
    format: String,
    ratio: false,
  },
];

function loads(plan: Plan, mode: RunResult['mode']): number[] {
  return mode === 'stream' ? plan.streams : mode === 'htmx' ? plan.htmx : plan.storm;
}

function find(results: RunResult[], server: ServerKind, mode: RunResult['mode'], clients: number) {
  return results.find(
    (r) => r.server === server && r.mode === mode && r.clients === clients && r.storage === 'shm',
  );
}

export function table(results: RunResult[], plan: Plan): string {
  const servers = plan.servers;
  const refs = REFS.filter((s) => servers.includes(s) && servers.includes('bagtrax'));
  const head = [
    'figure',
    'N',
    ...servers.map((s) => SERVERS[s].label),
    ...refs.map((s) => `BagTrax / ${SERVERS[s].label}`),
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`];
  for (const row of ROWS) {
    for (const clients of loads(plan, row.mode)) {
      const values = servers.map((s) => {
        const r = find(results, s, row.mode, clients);
        return r ? row.value(r) : null;
      });
      if (values.every((v) => v === null)) continue;
      const cells = values.map((v) => (v === null ? '—' : row.format(v)));
      const mine = find(results, 'bagtrax', row.mode, clients);
      const ratios = refs.map((s) => {
        const theirs = find(results, s, row.mode, clients);
        const a = mine ? row.value(mine) : null;
        const b = theirs ? row.value(theirs) : null;
        return row.ratio && a !== null && b !== null && b > 0 ? `${(a / b).toFixed(2)}×` : '—';
      });
      lines.push(`| ${row.label} | ${clients.toLocaleString('en')} | ${[...cells, ...ratios].join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

/** The targets, each with its figures and ✓ / ✗. */
export function targets(results: RunResult[]): string[] {
  const out: string[] = [];
  const check = (ok: boolean, text: string) => out.push(`- ${ok ? '✓' : '✗'} ${text}`);
  const mine = results.filter((r) => r.server === 'bagtrax');
  const within = (
    mode: RunResult['mode'],
    clients: number,
    what: string,
    value: (r: RunResult) => number | null,
    unit = 'ms',
  ) => {
    const a = find(results, 'bagtrax', mode, clients);
    const b = find(results, FLOOR, mode, clients);
    const x = a ? value(a) : null;
    const y = b ? value(b) : null;
    if (x === null || y === null) return;
    const ratio = x / y;
    check(
      ratio <= FLOOR_TARGET,
      `${what}: BagTrax ${ms(x)} ${unit}, floor ${ms(y)} ${unit}: ${ratio.toFixed(2)}× ≤ ${FLOOR_TARGET}×`,
    );
  };
  within('stream', 5000, '5,000 streams, server CPU per bag', (r) => r.cpuPerBag);
  within('htmx', 3000, '3,000 HTMX clients, server CPU per bag', (r) => r.cpuPerBag);
  within(
    'htmx',
    3000,
    '3,000 HTMX clients, last client fresh (median of bags)',
    (r) => r.lastFresh?.median ?? null,
  );
  within(
    'storm',
    5000,
    '5,000 streams reconnecting at once, p99 time to the current state',
    (r) => r.delivery.p99,
  );
  const refs5k = REFS.filter((s) => s !== FLOOR)
    .map((s) => find(results, s, 'stream', 5000))
    .filter((r): r is RunResult => !!r);
  const at5k = find(results, 'bagtrax', 'stream', 5000);
  if (at5k && refs5k.length) {
    const best = Math.min(...refs5k.map((r) => r.delivery.p99));
    check(
      at5k.delivery.p99 <= best / 2,
      `5,000 streams: BagTrax p99 delivery ${ms(at5k.delivery.p99)} ms ≤ half the better reference's (${ms(best)} ms)`,
    );
  }
  for (const r of mine.filter((r) => r.mode === 'stream')) {
    const where = r.storage === 'disk' ? 'database on disk' : 'database on /dev/shm';
    check(
      r.answer.p50 <= 10,
      `${r.clients.toLocaleString('en')} streams (${where}): write's answer p50 ${ms(r.answer.p50)} ms ≤ 10 ms`,
    );
  }
  const htmx3k = find(results, 'bagtrax', 'htmx', 3000);
  if (htmx3k?.lastFresh) {
    check(
      htmx3k.lastFresh.median <= 250 && htmx3k.stale === 0,
      `3,000 HTMX clients: the last client holds fresh HTML ${ms(htmx3k.lastFresh.median)} ms after the write (median of bags) ≤ 250 ms`,
    );
  }
  const lost = mine.reduce((n, r) => n + r.lost + r.stale + r.dropped + r.refused + r.badWrites, 0);
  check(
    lost === 0,
    `BagTrax: no event lost, no stream refused or dropped, every write answered (${lost} problems)`,
  );
  const refLost = results
    .filter((r) => r.server !== 'bagtrax' && r.server !== FLOOR)
    .reduce((n, r) => n + r.lost + r.stale, 0);
  out.push(`- (references: ${refLost} events lost or pages left stale over all their runs)`);
  const floorLost = results
    .filter((r) => r.server === FLOOR)
    .reduce((n, r) => n + r.lost + r.stale + r.dropped + r.refused + r.badWrites, 0);
  out.push(`- (floor: ${floorLost} problems over all its runs)`);
  return out;
}

export interface Machine {
  cpus: number;
  model: string;
  node: string;
  date: string;
  load: string;
}

export function machine(): Machine {
  const nproc = Number(spawnSync('nproc', { encoding: 'utf8' }).stdout?.trim());
  let model = cpus()[0]?.model.trim() ?? 'unknown';
  try {
    model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? model;
  } catch {
    // Not Linux: os.cpus() has it too.
  }
  return {
    cpus: Number.isFinite(nproc) && nproc > 0 ? nproc : cpus().length,
    model,
    node: process.version,
    date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
    load: loadavg()
      .map((n) => n.toFixed(2))
      .join(' '),
  };
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The relay phase's figures, as Markdown: a table per relay, then the primary and Redis. */
export function relayReport(r: RelayResult): string[] {
  const problems = r.lost + r.duplicates + r.refused + r.dropped + r.badWrites;
  const relayCpu = r.perRelay.map((x) => x.cpuPerBag);
  const perStreamBag = (sumOf(relayCpu) / r.streams) * 1000;
  const lines = [
    `${r.relays} relays holding ${r.streams.toLocaleString('en')} streams between them ` +
      `(${r.perRelay.map((x) => x.streams.toLocaleString('en')).join(' / ')}), a primary publishing ` +
      `(PUBLISH=1) and a private redis-server on core 0, the relays on either core; ${r.loads} load-generator ` +
      `processes on core 1; ` +
      `${r.bags} bags scored on the primary ${r.intervalMs} ms apart.`,
    '',
    '| relay | streams | CPU per bag (ms) | CPU per stream per bag (µs) | memory per stream (KiB) | delivery p50 (ms) | delivery p99 (ms) |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...r.perRelay.map(
      (x, i) =>
        `| ${i + 1} | ${x.streams.toLocaleString('en')} | ${x.cpuPerBag.toFixed(1)} | ` +
        `${((x.cpuPerBag / x.streams) * 1000).toFixed(1)} | ${(x.bytesPerStream / 1024).toFixed(1)} | ` +
        `${x.delivery.p50.toFixed(1)} | ${x.delivery.p99.toFixed(1)} |`,
    ),
    '',
    `- ${problems === 0 ? '✓' : '✗'} every event delivered once: ${r.exact.toLocaleString('en')} of ` +
      `${r.streams.toLocaleString('en')} streams got each bag's \`state\` and \`refresh-scoreboard\` exactly once ` +
      `(missing ${r.lost}, twice ${r.duplicates}, refused ${r.refused}, dropped ${r.dropped}, bad writes ${r.badWrites})`,
    `- delivery, the keeper's POST on the primary → the phone on a relay: p50 ${r.delivery.p50.toFixed(1)} ms, ` +
      `p99 ${r.delivery.p99.toFixed(1)} ms, max ${r.delivery.max.toFixed(1)} ms; the write's answer p50 ` +
      `${r.answer.p50.toFixed(1)} ms`,
    `- relay CPU per bag: ${relayCpu.map((c) => c.toFixed(1)).join(' / ')} ms ` +
      `(${perStreamBag.toFixed(1)} µs per stream per bag over all relays; together ` +
      `${sumOf(relayCpu).toFixed(0)} ms of CPU per ${r.intervalMs} ms between bags); the load generators ` +
      `${r.loadCpuPerBag.toFixed(0)} ms of core 1 per bag`,
    `- relay memory per stream (RSS grown / streams, after gc): ` +
      `${r.perRelay.map((x) => (x.bytesPerStream / 1024).toFixed(1)).join(' / ')} KiB`,
    `- primary CPU per bag: ${r.primaryCpuPerBag.publishing.toFixed(2)} ms publishing, ` +
      `${r.primaryCpuPerBag.off.toFixed(2)} ms with publishing off (no streams on the primary in either)`,
    `- Redis per bag: CPU ${r.redis.cpuPerBag.toFixed(2)} ms (INFO used_cpu_user + used_cpu_sys), ` +
      `${r.redis.entriesPerBag.toFixed(2)} stream entries of ${kib(r.redis.entryBytes)} each, ` +
      `${r.redis.commandsPerBag.toFixed(1)} commands, ${kib(r.redis.netInPerBag)} in and ` +
      `${kib(r.redis.netOutPerBag)} out, used_memory ${r.redis.memoryPerBag >= 0 ? '+' : ''}${kib(r.redis.memoryPerBag)}`,
    `- Redis after the bags: used_memory ${kib(r.redis.usedMemory)}, the venue's stream ` +
      `${r.redis.streamLength} entries in ${kib(r.redis.streamMemory)} (MEMORY USAGE)`,
  ];
  return lines;
}
