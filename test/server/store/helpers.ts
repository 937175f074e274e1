// Shared setup for the storage tests: throwaway data folders under the OS temp dir, Games opened on
// them and closed again after each test, and child processes running the fixture scripts with tsx.
import { join, resolve } from 'node:path';
import { diskRoot, removeTempDirs, tempDir } from '../../kit/files.js';
import { watchOutput } from '../../kit/process.js';
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterEach } from 'vitest';
import { Games } from '../../../server/games.js';
import type { GamesOptions, NewGameInput, WriteResult } from '../../../server/games.js';
import type { GameState } from '../../../server/domain/index.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const open: Games[] = [];

afterEach(() => {
  for (const games of open.splice(0)) games.close();
  removeTempDirs();
});

export function tempDataDir(): string {
  return tempDir(diskRoot(), 'bagtrax-store-');
}

/** Opens a Games service that is closed after the test (closing twice is harmless). */
export function openGames(dataDir: string, opts: Partial<GamesOptions> = {}): Games {
  const games = Games.open({ dataDir, ...opts });
  open.push(games);
  return games;
}

export function teams(home = 'Bag Daddies', away = 'Hole Patrol'): NewGameInput {
  return { home: { name: home, players: [] }, away: { name: away, players: [] } };
}

/** The state of an accepted write (creating a game, a bag …); fails the test on anything else. */
export function accepted(result: WriteResult): GameState {
  if (result.kind !== 'accepted')
    throw new Error(`expected an accepted write, got ${JSON.stringify(result)}`);
  return result.answer.state;
}

/** Creates a game and returns its state. */
export function created(games: Games, input: NewGameInput = teams()): GameState {
  return accepted(games.create(input));
}

/** A clock that moves one second per call, so every write has its own time. */
export function steppingClock(start = '2025-06-07T18:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += 1000));
}

/** Runs a fixture script from ./fixtures under node + tsx, stdout piped. */
export function runFixture(name: string, args: string[]): ChildProcessWithoutNullStreams {
  const script = join(import.meta.dirname, 'fixtures', name);
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, stdio: 'pipe' });
}

/** Collects a child's stdout lines; `until` resolves once `predicate` holds for the lines so far. */
export function lines(child: ChildProcessWithoutNullStreams) {
  const out = watchOutput(child);
  return {
    seen: out.stdout,
    exited: out.closed.then((e) => e.code),
    stderr: () => out.stderr.join('\n'),
    until: (predicate: (lines: string[]) => boolean) =>
      out.until(() => predicate(out.stdout), 'the line it waits for'),
  };
}
