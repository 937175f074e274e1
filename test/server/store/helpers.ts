// Shared setup for the storage tests: throwaway data folders under the OS temp dir, Games opened on
// them and closed again after each test, and child processes running the fixture scripts with tsx.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterEach } from 'vitest';
import { Games } from '../../../server/games.js';
import type { GamesOptions, NewGameInput, WriteResult } from '../../../server/games.js';
import type { GameState } from '../../../server/domain/index.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const open: Games[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const games of open.splice(0)) games.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bagtrax-store-'));
  dirs.push(dir);
  return dir;
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
  const seen: string[] = [];
  const waiters: Array<{ check: () => boolean; resolve: () => void }> = [];
  let partial = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    seen.push(...parts);
    for (const w of waiters.splice(0))
      if (w.check()) w.resolve();
      else waiters.push(w);
  });
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  return {
    seen,
    exited,
    stderr: () => stderr,
    until(predicate: (lines: string[]) => boolean): Promise<void> {
      return new Promise((done, fail) => {
        const check = () => predicate(seen);
        if (check()) return done();
        waiters.push({ check, resolve: done });
        void exited.then(() => (check() ? done() : fail(new Error(`child exited early: ${stderr}`))));
      });
    },
  };
}
