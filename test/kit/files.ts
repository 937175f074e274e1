// Throwaway folders for tests: RAM-backed where the machine has it, removed by removeTempDirs().
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** RAM-backed scratch space where the machine has it: fsync there costs nothing, so tests stay fast. */
export function scratchRoot(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

/** The OS temp dir, for tests whose promise is about a real file system. */
export function diskRoot(): string {
  return tmpdir();
}

const made: string[] = [];

/** A fresh folder under `root`, removed by the next removeTempDirs(). */
export function tempDir(root = scratchRoot(), prefix = 'bagtrax-test-'): string {
  const dir = mkdtempSync(join(root, prefix));
  made.push(dir);
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Removes every folder tempDir() made so far (call from afterEach/afterAll). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) removeDir(dir);
}
