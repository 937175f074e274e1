// `npm run bench`: BagTrax against the node:http floor and two reference servers on this machine, the
// table printed and written to test/bench/RESULTS.md with the machine it ran on and the notes on what
// was profiled. While working on one figure, a smaller run prints the same table and writes nothing:
//   npm run bench -- --servers floor,bagtrax --streams 5000 --htmx 3000 --storm 5000 --bags 10
// Relays at scale alone (a primary, --relay-count relays, --relays streams from --relay-loads processes):
//   npm run bench -- --streams '' --htmx '' --storm '' --relays 16000 --relay-count 4 --relay-loads 2
// and `--relays ''` leaves the relay phase out.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runBench } from './bench.js';
import { FULL_PLAN, SERVERS, type Plan, type ServerKind } from './plan.js';
import { BENCH_DIR, fileLimits, hasTaskset } from './procs.js';
import { runRelayBench, type RelayResult } from './relays.js';
import { machine, relayReport, table, targets } from './report.js';
import { buildIfNeeded } from '../../scripts/lib/build.mjs';
import { describeFigures, renderBracket, runTournamentNight } from './tournament-night.js';

const ROOT = join(BENCH_DIR, '../..');

/**
 * The full plan, or a partial one from `--servers`, `--streams`, `--htmx`, `--storm`, `--bags`,
 * `--interval` (ms between bags), `--relays`, `--relay-count`, `--relay-loads`.
 */
function planFromArgs(argv: string[]): { plan: Plan; partial: boolean } {
  const plan: Plan = { ...FULL_PLAN, relays: FULL_PLAN.relays && { ...FULL_PLAN.relays } };
  const relays = (): NonNullable<Plan['relays']> => {
    plan.relays ??= { relays: 4, streams: 16_000, loads: 2 };
    return plan.relays;
  };
  const numbers = (v: string) => (v === '' ? [] : v.split(',').map(Number));
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i]!, argv[i + 1] ?? ''];
    if (flag === '--servers') {
      const kinds = value.split(',');
      for (const k of kinds) if (!(k in SERVERS)) throw new Error(`no server ${k}: ${Object.keys(SERVERS)}`);
      plan.servers = kinds as ServerKind[];
    } else if (flag === '--streams') plan.streams = numbers(value);
    else if (flag === '--htmx') plan.htmx = numbers(value);
    else if (flag === '--storm') plan.storm = numbers(value);
    else if (flag === '--bags') plan.bags = Number(value);
    else if (flag === '--interval') plan.intervalMs = Number(value);
    else if (flag === '--relays') {
      if (value === '') plan.relays = null;
      else relays().streams = Number(value);
    } else if (flag === '--relay-count') relays().relays = Number(value);
    else if (flag === '--relay-loads') relays().loads = Number(value);
    else throw new Error(`unknown option ${flag}`);
  }
  const r = plan.relays;
  for (const n of [
    ...plan.streams,
    ...plan.htmx,
    ...plan.storm,
    plan.bags,
    plan.intervalMs,
    ...(r ? [r.relays, r.streams, r.loads] : []),
  ]) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`not a count: ${n}`);
  }
  const partial = argv.length > 0;
  if (partial) plan.diskStreams = null;
  return { plan, partial };
}

async function main(): Promise<void> {
  // BagTrax refuses to start without its bundles (npm run serve builds them the same way).
  buildIfNeeded(ROOT);
  const limits = fileLimits();
  const pin = hasTaskset();
  const { plan: asked, partial } = planFromArgs(process.argv.slice(2));
  const biggest = Math.max(
    0,
    ...asked.streams,
    ...asked.htmx.map((n) => 2 * n),
    ...(asked.relays ? [Math.ceil(asked.relays.streams / asked.relays.loads)] : []),
  );
  if (limits.hard < biggest + 200) {
    throw new Error(`open-file hard limit ${limits.hard} is below the ${biggest} sockets a run needs`);
  }
  const plan: Plan = { ...asked, pin };
  const before = machine();
  console.log(
    `bench: ${before.cpus} cores (${before.model}), node ${before.node}, load ${before.load}; ` +
      `open files soft ${limits.soft} / hard ${limits.hard} (children raise soft to hard); ` +
      (pin ? 'server on core 0, load on core 1' : 'taskset missing: not pinned'),
  );
  const started = performance.now();
  const results = await runBench(plan);
  let relayed: RelayResult | null = null;
  if (plan.relays) relayed = await runRelayBench({ ...plan, relays: plan.relays });
  const seconds = (performance.now() - started) / 1000;
  const after = machine();
  const body = table(results, plan);
  const checks = targets(results);
  const relayLines = relayed ? relayReport(relayed) : [];
  if (results.length) console.log(`\n${body}\n\n${checks.join('\n')}\n`);
  if (relayed) console.log(`Relays at scale\n\n${relayLines.join('\n')}\n`);
  console.log(`ran in ${seconds.toFixed(0)} s`);
  if (partial) return;
  // Tournaments: one night of 64 teams through the games service, in this process (no streams).
  const tournament = describeFigures(runTournamentNight(renderBracket));
  console.log(`\n${tournament.join('\n')}`);

  const disk = results.find((r) => r.server === 'bagtrax' && r.storage === 'disk');
  const somaxconn = existsSync('/proc/sys/net/core/somaxconn')
    ? Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8').trim())
    : null;
  const notesFile = join(BENCH_DIR, 'notes.md');
  const notes = existsSync(notesFile) ? readFileSync(notesFile, 'utf8') : '';
  const md = [
    '# Bench results',
    '',
    '_Written by `npm run bench` (test/bench/run.ts); the notes at the end come from test/bench/notes.md._',
    '',
    `- Machine: ${before.cpus} cores (\`nproc\`), ${before.model} (/proc/cpuinfo), node ${before.node}`,
    `- Date: ${before.date}; load average ${before.load} before, ${after.load} after; ran in ${seconds.toFixed(0)} s`,
    `- Pinning: ${pin ? 'each server on core 0, the load generator on core 1 (`taskset -c`)' : 'none (no taskset)'}; ` +
      `open files: soft ${limits.soft}, hard ${limits.hard}, each child raises its soft limit to the hard one`,
    `- BagTrax's database (synchronous=FULL, fsync per write) is on **/dev/shm** in every run of the table` +
      (disk
        ? `; on disk (os.tmpdir()) at ${disk.clients.toLocaleString('en')} streams its write's answer ` +
          `was p50 ${disk.answer.p50.toFixed(1)} ms, p99 ${disk.answer.p99.toFixed(1)} ms.`
        : '.'),
    `- Each run: a fresh server process, one game, N streams (\`?since=0\`), ${plan.bags} bags ` +
      `recorded through the API ${plan.intervalMs} ms apart; latencies are from the POST leaving the load ` +
      'generator to each client reading the event (or the HTML). The servers take each load in turn ' +
      '(floor, BagTrax, references), so a ratio compares figures taken seconds apart.',
    '- **Floor**: a plain `node:http` server doing the least work for the same routes (test/bench/servers/floor.ts): ' +
      'one prebuilt buffer per socket write, the fragment cached per version with Content-Length and ETag, ' +
      `the current pair sent with the head to a resuming stream, a listen backlog of ${somaxconn ?? "the kernel's maximum"} ` +
      "(net.core.somaxconn; Node's default is 511). Every BagTrax figure is also given as a ratio to it.",
    "- **Server CPU** is the server process's utime + stime from /proc/<pid>/stat before and after the phase " +
      '(the bags, or the storm), whatever the load generator does.',
    `- **Reconnect storm** (${plan.storm.map((n) => n.toLocaleString('en')).join(', ')} streams, on the servers that resume): ` +
      'after the delivery run of that size every stream is closed; a second later all reconnect at once ' +
      "(no pacing) with `Last-Event-ID` one behind the current version; the time is from the storm's start " +
      `to each stream holding the current \`state\`. ${plan.stormRounds} storms per server, the median round's figures; ` +
      "listen queue overflows are the kernel's TcpExt ListenOverflows over the storms.",
    '',
    body,
    '',
    '## Targets',
    '',
    ...checks,
    '',
    ...(relayed ? ['## Relays at scale', '', ...relayLines, ''] : []),
    '## Tournaments',
    '',
    ...tournament,
    '',
    notes.trim(),
    '',
  ].join('\n');
  writeFileSync(join(BENCH_DIR, 'RESULTS.md'), md);
  console.log('wrote test/bench/RESULTS.md');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
