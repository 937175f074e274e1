// Remembers the host window's size and place (userData/window-state.json) between runs.
// Pure helpers only: the caller passes the file and the screens' work areas.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Rect } from './display-choice.js';

export interface WindowState {
  width: number;
  height: number;
  /** Absent when the saved place is not on any screen now: the window is then centred. */
  x?: number;
  y?: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };

/** Smallest window we restore; anything smaller in the file is treated as damage. */
const MIN_SIZE = { width: 400, height: 300 };
/** How much of a window must show on a screen (title bar included) for its place to be kept. */
const MIN_VISIBLE = { width: 100, height: 50 };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Validates untrusted JSON; undefined when it is not a window state we wrote. */
export function parseWindowState(data: unknown): WindowState | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { width, height, x, y, maximized } = data as Record<string, unknown>;
  if (!isInt(width) || !isInt(height) || width < MIN_SIZE.width || height < MIN_SIZE.height) return undefined;
  if (width > 100_000 || height > 100_000) return undefined;
  const state: WindowState = { width, height, maximized: maximized === true };
  // A place needs both coordinates; one alone is ignored rather than guessed.
  if (isInt(x) && isInt(y)) {
    state.x = x;
    state.y = y;
  }
  return state;
}

/** The saved state, or undefined when the file is missing or corrupt (the caller uses defaults). */
export function loadWindowState(file: string): WindowState | undefined {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return undefined;
  }
}

/**
 * Synchronous on purpose: it runs in the window's `close` handler, which cannot wait for a
 * promise. Written through a temporary file and a rename so a crash never leaves half a file.
 */
export function saveWindowState(file: string, state: WindowState): void {
  const clean: WindowState = { width: state.width, height: state.height, maximized: state.maximized };
  if (state.x !== undefined && state.y !== undefined) {
    clean.x = state.x;
    clean.y = state.y;
  }
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  writeFileSync(temp, `${JSON.stringify(clean)}\n`, 'utf8');
  renameSync(temp, file);
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/**
 * Fits a saved state to the screens there are now (primary work area first). The place is kept
 * only when enough of the window, and its top edge, lands on one screen; otherwise it is dropped
 * (a monitor was unplugged) and the window opens centred. The size never exceeds the screen.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const fitSize = (area: Rect | undefined) => ({
    width: area ? Math.min(state.width, area.width) : state.width,
    height: area ? Math.min(state.height, area.height) : state.height,
  });
  const { x, y } = state;
  if (x !== undefined && y !== undefined) {
    const bounds: Rect = { x, y, width: state.width, height: state.height };
    const home = workAreas.find((area) => {
      const seen = overlap(bounds, area);
      const topOnScreen = y >= area.y && y < area.y + area.height - MIN_VISIBLE.height;
      return seen.width >= MIN_VISIBLE.width && seen.height >= MIN_VISIBLE.height && topOnScreen;
    });
    if (home) return { ...fitSize(home), x, y, maximized: state.maximized };
  }
  return { ...fitSize(workAreas[0]), maximized: state.maximized };
}
