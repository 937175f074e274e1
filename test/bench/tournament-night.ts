// `npx tsx test/bench/tournament-night.ts`: a 64-team double elimination (with a bracket reset) on 8
// boards, played through the games service as the API does it, its database on /dev/shm (fsync per
// commit still runs). Measured: the write that finishes a match's game — the game's own write plus
// advancing the tournament, the calls it makes and the games it creates, in one transaction — beside
// an ordinary round of the same games; and drawing the bracket. Prints figures, asserts nothing.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Games } from '../../server/games.js';
import type { TournamentState } from '../../server/domain/tournament/index.js';
import { tournamentRegion } from '../../server/views/pages/tournament.js';
import { spread } from './stats.js';

export interface TournamentFigures {
  matches: number;
  events: number;
  /** ms: a round that does not finish its game. */
  plainWrite: { p50: number; p99: number };
  /** ms: the round that finishes a match's game and moves the tournament on. */
  finishingWrite: { p50: number; p99: number; max: number };
  /** ms: the state read after a change (what the stream's `state` and the pages use). */
  read: { p50: number; p99: number };
  /** Bytes of the tournament's `state` event at the end. */
  stateBytes: number;
  /** ms per render of the bracket partial halfway, when a renderer is given. */
  render: { p50: number; p99: number; bytes: number } | null;
}

const ROUND_HOME = { home: { hole: 0, board: 3 }, away: { hole: 0, board: 0 } };
const ROUND_AWAY = { home: { hole: 0, board: 0 }, away: { hole: 0, board: 3 } };

export function runTournamentNight(render?: (state: TournamentState) => string): TournamentFigures {
  const root = statSync('/dev/shm', { throwIfNoEntry: false }) ? '/dev/shm' : tmpdir();
  const dataDir = mkdtempSync(join(root, 'bagtrax-tournament-bench-'));
  const games = Games.open({ dataDir });
  try {
    games.setBoardCount(8);
    const teams = Array.from({ length: 64 }, (_, i) => ({ name: `Team ${i + 1}` }));
    const boards = [1, 2, 3, 4, 5, 6, 7, 8];
    const created = games.tournaments.create({
      name: 'Bench Cup',
      format: 'double',
      teams,
      boards,
      seeding: 'random',
      seed: 2025,
      reset: true,
    });
    if (created.kind !== 'accepted') throw new Error(`create: ${JSON.stringify(created.answer)}`);
    const id = created.answer.state.id;
    const started = games.tournaments.command(id, { type: 'start' });
    if (started.kind !== 'accepted') throw new Error('start refused');

    const plain: number[] = [];
    const finishing: number[] = [];
    const reads: number[] = [];
    let halfway: TournamentState | null = null;
    let state = started.answer.state;
    for (let wave = 0; state.status === 'live'; wave++) {
      const onBoards = state.matches.filter((m) => m.status === 'called' || m.status === 'live');
      if (onBoards.length === 0) throw new Error('nothing on a board');
      for (const [i, m] of onBoards.entries()) {
        const round = (wave + i) % 3 === 0 ? ROUND_AWAY : ROUND_HOME;
        // 3 points a round to 21: six rounds that do not finish, the seventh does.
        for (let r = 0; r < 7; r++) {
          const t0 = performance.now();
          const result = games.command(m.gameId!, { type: 'round', ...round });
          const ms = performance.now() - t0;
          if (result.kind !== 'accepted') throw new Error(`round refused: ${JSON.stringify(result.answer)}`);
          (r === 6 ? finishing : plain).push(ms);
        }
      }
      const t0 = performance.now();
      state = games.tournaments.get(id)!;
      reads.push(performance.now() - t0);
      if (
        halfway === null &&
        state.matches.filter((m) => m.status === 'done').length * 2 >= state.matches.length
      ) {
        halfway = state;
      }
    }
    const pick = (values: number[]) => {
      const s = spread(Float64Array.from(values));
      return { p50: s.p50, p99: s.p99, max: s.max };
    };
    let rendered: TournamentFigures['render'] = null;
    if (render && halfway) {
      for (let i = 0; i < 20; i++) render(halfway);
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 200; i++) {
        const t0 = performance.now();
        bytes = Buffer.byteLength(render(halfway));
        times.push(performance.now() - t0);
      }
      const s = pick(times);
      rendered = { p50: s.p50, p99: s.p99, bytes };
    }
    return {
      matches: state.matches.length,
      events: state.version + 1,
      plainWrite: pick(plain),
      finishingWrite: pick(finishing),
      read: pick(reads),
      stateBytes: Buffer.byteLength(JSON.stringify(state)),
      render: rendered,
    };
  } finally {
    games.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** What the page and the TV fetch on `refresh-bracket`: the calls, the bracket and the standings. */
export function renderBracket(state: TournamentState): string {
  return tournamentRegion(state, { variant: 'page', now: Date.parse(state.updatedAt) }).value;
}

export function describeFigures(f: TournamentFigures): string[] {
  const ms = (n: number) => `${n.toFixed(2)} ms`;
  return [
    `64-team double elimination with reset on 8 boards, played through the games service ` +
      `(database on /dev/shm): ${f.matches} matches, ${f.events} tournament events`,
    `- the write that finishes a match's game and advances the tournament (result, calls, new games, ` +
      `one transaction): p50 ${ms(f.finishingWrite.p50)}, p99 ${ms(f.finishingWrite.p99)}, max ${ms(f.finishingWrite.max)}`,
    `- an ordinary round of the same games, for comparison: p50 ${ms(f.plainWrite.p50)}, p99 ${ms(f.plainWrite.p99)}`,
    `- reading the tournament after a wave (folding the new events): p50 ${ms(f.read.p50)}, p99 ${ms(f.read.p99)}`,
    `- the tournament's \`state\` event at the end: ${(f.stateBytes / 1024).toFixed(1)} KiB`,
    f.render
      ? `- drawing its bracket halfway (the partial the page and the TV fetch): p50 ${ms(f.render.p50)}, ` +
        `p99 ${ms(f.render.p99)}, ${(f.render.bytes / 1024).toFixed(1)} KiB of HTML`
      : '- drawing the bracket: not measured (no renderer given)',
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(describeFigures(runTournamentNight(renderBracket)).join('\n'));
}
