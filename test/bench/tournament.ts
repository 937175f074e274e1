// `npx tsx test/bench/tournament.ts [runs]`: the pure tournament domain on 64 teams and 8 boards,
// a double elimination with a bracket reset and a pools night (pools of 4, the top 2 of each into a
// single elimination): how long one result takes to advance it (decide, then evolve its events:
// the result and the calls it makes), at the start, halfway and near the end, how long replaying
// its whole log takes, and how long the preview of a corrected first-round result takes near the
// end (the matches it voids); medians of N runs. Prints, asserts nothing.
import { performance } from 'node:perf_hooks';
import { decide, evolve, previewCorrection, replay } from '../../server/domain/tournament/index.js';
import type {
  Command,
  CreateCommand,
  TournamentEvent,
  TournamentState,
} from '../../server/domain/tournament/index.js';
import { median } from './stats.js';

const RUNS = Number(process.argv[2] ?? 200);
const at = (i: number) => new Date(Date.UTC(2025, 5, 7, 18) + i * 1000).toISOString();

const NIGHTS: Record<string, { title: string; format: CreateCommand['format']; options: object }> = {
  double: {
    title: '64-team double elimination with reset',
    format: 'double',
    options: { reset: true },
  },
  pools: {
    title: '64-team pools of 4, top 2 into a single elimination',
    format: 'pools',
    options: { pools: { size: 4, advance: 2 } },
  },
};

/** A whole night, played by a fixed rule: the lower board's match finishes first, seeds alternate. */
function night(kind: keyof typeof NIGHTS): { log: TournamentEvent[]; states: TournamentState[] } {
  const { format, options: extra } = NIGHTS[kind] ?? { format: 'double', options: {} };
  const teams = Array.from({ length: 64 }, (_, i) => ({
    id: `t${i + 1}`,
    name: `Team ${i + 1}`,
    players: [],
  }));
  const boards = [1, 2, 3, 4, 5, 6, 7, 8];
  const options = { seed: 2025, seeding: 'random' as const, ...extra };
  const log: TournamentEvent[] = [];
  const states: TournamentState[] = [];
  let state: TournamentState | null = null;
  const apply = (command: Command) => {
    const decision = decide(command, state, { at: at(log.length) });
    if (!decision.ok) throw new Error(`${command.type} refused: ${decision.code}`);
    log.push(...decision.events);
    state = state === null ? replay(decision.events) : decision.events.reduce(evolve, state);
    states.push(state);
  };
  apply({
    type: 'create',
    id: 'bench',
    name: 'Bench Cup',
    format,
    teams,
    boards,
    preset: 'standard',
    options,
  });
  apply({ type: 'start' });
  for (let i = 0; (state as TournamentState | null)?.status === 'live'; i++) {
    const current = state as unknown as TournamentState;
    const m = current.matches.find((x) => x.status === 'called');
    if (m === undefined || m.home === null || m.away === null) throw new Error('nothing on a board');
    const winner = i % 3 === 0 ? m.away : m.home;
    const score = winner === m.home ? { home: 21, away: i % 20 } : { home: i % 20, away: 21 };
    apply({ type: 'record_result', match: m.id, winner, score });
  }
  return { log, states };
}

function timeResult(state: TournamentState): number {
  const m = state.matches.find((x) => x.status === 'called');
  if (m === undefined || m.home === null || m.away === null) throw new Error('nothing on a board');
  const command: Command = {
    type: 'record_result',
    match: m.id,
    winner: m.home,
    score: { home: 21, away: 7 },
  };
  const started = performance.now();
  const decision = decide(command, state, { at: at(state.version + 1) });
  if (!decision.ok) throw new Error(decision.code);
  decision.events.reduce(evolve, state);
  return performance.now() - started;
}

function timeReplay(log: readonly TournamentEvent[]): number {
  const started = performance.now();
  replay(log);
  return performance.now() - started;
}

function timePreview(state: TournamentState): number {
  const m = state.matches.find((x) => x.decidedBy === 'game' && x.home !== null && x.away !== null);
  if (m === undefined) throw new Error('nothing played');
  const winner = (m.winner === m.home ? m.away : m.home) ?? '';
  const started = performance.now();
  const preview = previewCorrection(state, { match: m.id, winner });
  if (!preview.ok) throw new Error(preview.code);
  return performance.now() - started;
}

const fmt = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
const medianOf = (sample: () => number) => fmt(median(Array.from({ length: RUNS }, sample)));
for (const kind of Object.keys(NIGHTS)) {
  const { log, states } = night(kind);
  const live = states.filter((s) => s.status === 'live' && s.matches.some((m) => m.status === 'called'));
  const points = [
    ['first result', live[1]],
    ['halfway', live[Math.floor(live.length / 2)]],
    ['near the end', live[live.length - 2]],
  ] as const;
  for (let i = 0; i < 20; i++) timeReplay(log); // warm up
  console.log(
    `${NIGHTS[kind]?.title}, 8 boards: ${states.at(-1)?.matches.length} matches, ` +
      `${log.length} events; node ${process.version}; median of ${RUNS} runs`,
  );
  for (const [label, state] of points) {
    if (state === undefined) continue;
    console.log(
      `  one result, decide + evolve (${label}, version ${state.version}): ${medianOf(() => timeResult(state))}`,
    );
  }
  console.log(`  replay of all ${log.length} events: ${medianOf(() => timeReplay(log))}`);
  const end = live[live.length - 2];
  if (end !== undefined) {
    console.log(`  preview of a corrected first result (near the end): ${medianOf(() => timePreview(end))}`);
  }
}
