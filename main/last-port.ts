// Remembers the port the desktop app last listened on (userData/last-port.json), so phones that
// bookmarked the join URL find the venue again after a restart whenever that port is still free.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

/** The remembered port, or undefined when the file is missing, unreadable or holds no valid port. */
export async function readLastPort(file: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const data: unknown = JSON.parse(text);
    const port = typeof data === 'object' && data !== null ? (data as { port?: unknown }).port : undefined;
    return isPort(port) ? port : undefined;
  } catch {
    return undefined;
  }
}

/** Writes through a temporary file and a rename, so a crash never leaves half a file behind. */
export async function writeLastPort(file: string, port: number): Promise<void> {
  if (!isPort(port)) throw new RangeError(`not a TCP port: ${port}`);
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  await writeFile(temp, `${JSON.stringify({ port })}\n`, 'utf8');
  await rename(temp, file);
}

/**
 * Desktop settings: always move to a free port when the wanted one is taken, and want the last
 * port used unless PORT was given explicitly (an explicit setting always wins).
 */
export function applyPortMemory<S extends { port: number; portFallback?: boolean }>(
  settings: S,
  env: NodeJS.ProcessEnv,
  lastPort: number | undefined,
): S {
  const explicit = env.PORT !== undefined && env.PORT.trim() !== '';
  const port = !explicit && lastPort !== undefined ? lastPort : settings.port;
  return { ...settings, port, portFallback: true };
}
