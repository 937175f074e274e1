// How a long game grows: keyed bags through the games service into one game that never ends (every
// round a wash), measuring at checkpoints the data folder (WAL merged) and what answers weigh: the
// write's answer, its replay, the state JSON, the stream's `state` event and the scoreboard partial.
// Used by test/server/games-growth.test.ts (a bound) and runnable on its own (the figures):
//   npx tsx test/bench/growth.ts [200,800,1600]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { liveState, type BagResult, type Command, type Side } from '../../server/domain/index.js';
import { Games, answerBody, type KeyedRequest, type WriteResult } from '../../server/games.js';
import { scoreboard } from '../../server/views/partials/scoreboard.js';

export interface GrowthPoint {
  bags: number;
  /** Every file in DATA_DIR with the service closed (WAL checkpointed into the database). */
  folderBytes: number;
  /** The answer to the checkpoint's bag, as sent (JSON). */
  answerBytes: number;
  /** The same key sent again: replayed from the log. */
  replayBytes: number;
  /** The replay of the game's very first keyed bag, now long ago. */
  firstReplayBytes: number;
  stateBytes: number;
  /** A game stream's `state` event data: the state without the round history. */
  liveBytes: number;
  scoreboardBytes: number;
}

/** One round of bags where both sides score the same (a wash): hole, board, miss, miss each. */
const ROUND: Array<[Side, BagResult]> = (['home', 'away'] as const).flatMap((side) =>
  (['hole', 'board', 'miss', 'miss'] as const).map((result): [Side, BagResult] => [side, result]),
);

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
const bodyBytes = (result: WriteResult) => bytes(answerBody(result.answer));

export function measureGrowth(checkpoints: readonly number[], dataDir: string): GrowthPoint[] {
  let games = Games.open({ dataDir });
  const id = games.create({ home: { name: 'Long Home' }, away: { name: 'Long Away' } });
  if (id.kind !== 'accepted') throw new Error('create failed');
  const gameId = id.answer.state.id;
  const path = `/api/games/${gameId}/throws`;
  const sent: Array<{ command: Command; request: KeyedRequest }> = [];
  const points: GrowthPoint[] = [];
  const last = Math.max(...checkpoints);
  for (let n = 1; n <= last; n++) {
    const [side, result] = ROUND[(n - 1) % ROUND.length]!;
    const body = { side, result };
    const request: KeyedRequest = { key: randomUUID(), method: 'POST', path, body };
    const command: Command = { type: 'throw', ...body };
    const answer = games.command(gameId, command, { request });
    if (answer.kind !== 'accepted') throw new Error(`bag ${n}: ${JSON.stringify(answer.answer)}`);
    sent.push({ command, request });
    if (!checkpoints.includes(n)) continue;
    const replay = games.command(gameId, command, { request });
    const first = sent[0]!;
    const firstReplay = games.command(gameId, first.command, { request: first.request });
    if (replay.kind !== 'replayed' || firstReplay.kind !== 'replayed')
      throw new Error('a retry was not replayed');
    const state = answer.answer.state;
    games.close();
    points.push({
      bags: n,
      folderBytes: folderBytes(dataDir),
      answerBytes: bodyBytes(answer),
      replayBytes: bodyBytes(replay),
      firstReplayBytes: bodyBytes(firstReplay),
      stateBytes: bytes(state),
      liveBytes: bytes(liveState(state)),
      scoreboardBytes: Buffer.byteLength(scoreboard(state).value),
    });
    games = Games.open({ dataDir });
  }
  games.close();
  return points;
}

/** Bytes per bag between two checkpoints: what one more bag costs, without the fixed overhead. */
export function perBag(
  points: readonly GrowthPoint[],
  field: keyof GrowthPoint,
  from: number,
  to: number,
): number {
  const a = points.find((p) => p.bags === from);
  const b = points.find((p) => p.bags === to);
  if (!a || !b) throw new Error(`no checkpoint at ${from} or ${to}`);
  return (b[field] - a[field]) / (to - from);
}

function main(): void {
  const checkpoints = (process.argv[2] ?? '200,800,1600').split(',').map(Number);
  const root =
    process.env.GROWTH_DIR ?? (statSync('/dev/shm', { throwIfNoEntry: false }) ? '/dev/shm' : tmpdir());
  const dir = mkdtempSync(join(root, 'bagtrax-growth-'));
  try {
    const points = measureGrowth(checkpoints, dir);
    console.log(`Keyed bags in one game (every bag with its own Idempotency-Key), data folder in ${root}:`);
    console.log(
      '| bags | data folder (bytes) | per bag | answer | its replay | first bag replayed | state JSON | stream state | scoreboard |',
    );
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const p of points) {
      const row = [
        p.bags,
        p.folderBytes,
        Math.round(p.folderBytes / p.bags),
        p.answerBytes,
        p.replayBytes,
        p.firstReplayBytes,
        p.stateBytes,
        p.liveBytes,
        p.scoreboardBytes,
      ];
      console.log(`| ${row.join(' | ')} |`);
    }
    for (let i = 1; i < points.length; i++) {
      const [a, b] = [points[i - 1]!, points[i]!];
      const folder = perBag(points, 'folderBytes', a.bags, b.bags);
      const answer = perBag(points, 'answerBytes', a.bags, b.bags);
      console.log(
        `${a.bags} → ${b.bags} bags: ${folder.toFixed(0)} B of data folder and ${answer.toFixed(1)} B of answer per bag`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
