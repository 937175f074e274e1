// Child processes for the bench: a server or the load generator, each pinned to its own core with
// `taskset`, its open-file limit raised to the hard limit, and a request/answer channel over IPC.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));

/** A command sent to a child: its handler's name and one argument; the child answers by `seq`. */
interface Call {
  seq: number;
  cmd: string;
  arg: unknown;
}
interface Answer {
  seq: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

export function hasTaskset(): boolean {
  return spawnSync('taskset', ['-c', '0', 'true']).status === 0;
}

/** The open-file limits this shell may use: the soft one is raised to `hard` in each child. */
export function fileLimits(): { soft: number; hard: number } {
  const out = spawnSync('bash', ['-c', 'ulimit -Sn; ulimit -Hn'], { encoding: 'utf8' }).stdout.trim();
  const [soft, hard] = out.split('\n').map((l) => (l === 'unlimited' ? Infinity : Number(l)));
  return { soft: soft ?? 1024, hard: hard ?? 1024 };
}

let ticksPerSecond: number | null = null;

/**
 * CPU time (user + system) a process has used so far, in ms, as the kernel counts it
 * (/proc/<pid>/stat, fields 14 and 15, in clock ticks): the same for any server kind, whatever it is
 * written in, and no call into the server to ask. Null where there is no /proc.
 */
export function procCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  ticksPerSecond ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;
  return Number.isFinite(ticks) ? (ticks * 1000) / ticksPerSecond : null;
}

/**
 * Connections the kernel has dropped so far because a listen queue was full (TcpExt ListenOverflows
 * in /proc/net/netstat, this network namespace); null where it cannot be read.
 */
export function listenOverflows(): number | null {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
    for (let i = 0; i + 1 < lines.length; i++) {
      if (!lines[i]!.startsWith('TcpExt:') || !lines[i + 1]!.startsWith('TcpExt:')) continue;
      const names = lines[i]!.split(/\s+/);
      const values = lines[i + 1]!.split(/\s+/);
      const at = names.indexOf('ListenOverflows');
      return at > 0 ? Number(values[at]) : null;
    }
  } catch {
    // Not Linux.
  }
  return null;
}

export class Child {
  private seq = 0;
  private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private exited = false;

  constructor(
    readonly name: string,
    readonly proc: ChildProcess,
  ) {
    proc.on('message', (m: Answer) => {
      const w = this.waiting.get(m.seq);
      if (!w) return;
      this.waiting.delete(m.seq);
      if (m.ok) w.resolve(m.value);
      else w.reject(new Error(`${name}: ${m.error}`));
    });
    proc.on('exit', (code, signal) => {
      this.exited = true;
      for (const w of this.waiting.values()) w.reject(new Error(`${name} exited (${code ?? signal})`));
      this.waiting.clear();
    });
  }

  call<T>(cmd: string, arg?: unknown): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`${this.name} has exited`));
    const seq = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(seq, { resolve: resolve as (v: unknown) => void, reject });
      this.proc.send({ seq, cmd, arg } satisfies Call);
    });
  }

  /** Asks the child to finish (`stop` handler), then makes sure it is gone. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((r) => this.proc.once('exit', () => r()));
    await this.call('stop').catch(() => undefined);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  }
}

/**
 * Starts `node --import tsx <script>` on `core` (when taskset is there) through bash, which first
 * raises the soft open-file limit to the hard one: 10,000 streams need 10,000 descriptors per side.
 * bash and taskset each `exec` the next, so the child's pid is node's own (procCpuMs reads it).
 */
export function startChild(
  name: string,
  script: string,
  opts: { core?: number; env?: NodeJS.ProcessEnv; nodeArgs?: string[] },
) {
  // BENCH_CPU_PROF=<dir>: each child writes a V8 CPU profile there when it exits (see profile.ts).
  const prof = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const node = [
    process.execPath,
    '--import',
    'tsx',
    '--expose-gc',
    ...prof,
    ...(opts.nodeArgs ?? []),
    script,
  ];
  const pinned = opts.core === undefined ? node : ['taskset', '-c', String(opts.core), ...node];
  const proc = spawn(
    'bash',
    ['-c', 'ulimit -Sn "$(ulimit -Hn)" 2>/dev/null; exec "$@"', 'bench', ...pinned],
    {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  return new Child(name, proc);
}

/** The child's side: answers each call with its handler's result; `stop` ends the process after. */
export function serve(handlers: Record<string, (arg: never) => unknown>): void {
  process.on('message', (m: Call) => {
    const handler = handlers[m.cmd];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`no handler for ${m.cmd}`);
        return handler(m.arg as never);
      })
      .then(
        (value) => ({ seq: m.seq, ok: true, value }),
        (err: unknown) => ({ seq: m.seq, ok: false, error: (err as Error)?.stack ?? String(err) }),
      )
      .then((answer: Answer) => {
        process.send?.(answer, () => {
          if (m.cmd === 'stop') process.exit(0);
        });
      });
  });
  // The parent going away ends the child too, so a crashed bench leaves nothing behind.
  process.on('disconnect', () => process.exit(0));
}
