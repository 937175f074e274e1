// A long game stays linear: 1,600 bags, each with its own Idempotency-Key, in one game. What one more
// bag costs on disk and in its answer must not grow with the game's length (a copy of the game per
// kept answer did, quadratically: 34 MB at 1,600 bags), and the stream's state event stays flat.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchRoot } from '../kit/files.js';
import { measureGrowth, perBag, type GrowthPoint } from '../bench/growth.js';

const dir = mkdtempSync(join(scratchRoot(), 'bagtrax-growth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let points: GrowthPoint[] = [];
beforeAll(() => {
  points = measureGrowth([200, 800, 1600], dir);
});

describe('a game of 1,600 keyed bags', () => {
  it('grows the data folder by the same few hundred bytes per bag early and late', () => {
    const early = perBag(points, 'folderBytes', 200, 800);
    const late = perBag(points, 'folderBytes', 800, 1600);
    expect(late).toBeLessThanOrEqual(1.5 * early);
    // An event row and a small answer row: well under a kilobyte, whatever the game's length.
    expect(late).toBeLessThan(1024);
    expect(points.at(-1)!.folderBytes / 1600).toBeLessThan(1024);
  });

  it('answers and replays with a state that grows by one round per round, nothing more', () => {
    const early = perBag(points, 'answerBytes', 200, 800);
    const late = perBag(points, 'answerBytes', 800, 1600);
    expect(late).toBeLessThanOrEqual(1.5 * early);
    for (const p of points) {
      expect(p.replayBytes).toBe(p.answerBytes);
      expect(p.stateBytes).toBe(p.answerBytes);
    }
    // The first bag's retry, 1,600 bags later, is answered with the game as it was then.
    expect(new Set(points.map((p) => p.firstReplayBytes)).size).toBe(1);
    expect(perBag(points, 'scoreboardBytes', 800, 1600)).toBeLessThanOrEqual(
      1.5 * perBag(points, 'scoreboardBytes', 200, 800),
    );
  });

  it('keeps the stream state event the same size however long the game', () => {
    const [first, last] = [points[0]!, points.at(-1)!];
    expect(last.liveBytes).toBeLessThanOrEqual(first.liveBytes * 1.1);
    expect(last.liveBytes).toBeLessThan(1024);
  });
});
