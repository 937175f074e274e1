// Child processes as tests see them: their output as lines, how they ended, and a free port to give them.
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Output {
  stdout: string[];
  stderr: string[];
  /** How the child ended, once it has and all its output is read. */
  closed: Promise<Exit>;
  /** Resolves once `holds()` is true after a line arrives; rejects if the child ends first. */
  until(holds: () => boolean, what: string): Promise<void>;
}

/** Collects a child's stdout and stderr line by line (call it right after spawn). */
export function watchOutput(child: ChildProcess): Output {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters = new Set<() => void>();
  const lines = (into: string[]) => {
    let rest = '';
    return (chunk: Buffer) => {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      into.push(...parts);
      waiters.forEach((w) => w());
    };
  };
  child.stdout?.on('data', lines(stdout));
  child.stderr?.on('data', lines(stderr));
  const closed = new Promise<Exit>((resolve) =>
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => resolve({ code, signal })),
  );
  let ended = false;
  void closed.then(() => {
    ended = true;
    waiters.forEach((w) => w());
  });
  return {
    stdout,
    stderr,
    closed,
    until(holds, what) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (holds()) resolve();
          else if (ended) reject(new Error(`${what}: the child ended first. ${stderr.join('\n')}`));
          else return;
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** A port nobody listens on right now (bound to 0, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
