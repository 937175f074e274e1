// The host window comes back with its last size and place, and never off-screen.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  fitToDisplays,
  loadWindowState,
  parseWindowState,
  saveWindowState,
} from '../../main/window-state.js';
import type { WindowState } from '../../main/window-state.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bagtrax-window-state-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const LAPTOP = { x: 0, y: 0, width: 1440, height: 860 };
const RIGHT_MONITOR = { x: 1440, y: 0, width: 1920, height: 1040 };

describe('loadWindowState / saveWindowState', () => {
  it('reads back what it saved', () => {
    const file = join(dir, 'window-state.json');
    const state: WindowState = { width: 1000, height: 700, x: 40, y: 30, maximized: true };
    saveWindowState(file, state);
    expect(loadWindowState(file)).toEqual(state);
  });

  it('saves a state without a place, and creates the folder on first run', () => {
    const file = join(dir, 'userData', 'window-state.json');
    saveWindowState(file, { width: 900, height: 600, maximized: false });
    expect(loadWindowState(file)).toEqual({ width: 900, height: 600, maximized: false });
    expect(existsSync(`${file}.tmp`)).toBe(false);
  });

  it('writes only the fields it knows, even when handed Electron bounds with extras', () => {
    const file = join(dir, 'window-state.json');
    const bounds = { width: 900, height: 600, x: 1, y: 2, maximized: false, extra: 'x' } as WindowState;
    saveWindowState(file, bounds);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      width: 900,
      height: 600,
      x: 1,
      y: 2,
      maximized: false,
    });
  });

  it('returns nothing for a missing file', () => {
    expect(loadWindowState(join(dir, 'nope.json'))).toBeUndefined();
  });

  it('returns nothing for a corrupt file', () => {
    const file = join(dir, 'window-state.json');
    writeFileSync(file, '{"width": 1000, "hei');
    expect(loadWindowState(file)).toBeUndefined();
  });

  it('returns nothing for valid JSON that is not a window state', () => {
    const file = join(dir, 'window-state.json');
    writeFileSync(file, '[1, 2, 3]');
    expect(loadWindowState(file)).toBeUndefined();
  });
});

describe('parseWindowState', () => {
  it.each([
    ['null', null],
    ['a number', 42],
    ['no height', { width: 800 }],
    ['a string width', { width: '800', height: 600 }],
    ['a fractional size', { width: 800.5, height: 600 }],
    ['a tiny window', { width: 10, height: 10 }],
    ['an absurd size', { width: 1e9, height: 600 }],
  ])('refuses %s', (_what, data) => {
    expect(parseWindowState(data)).toBeUndefined();
  });

  it('drops a place given by one coordinate only', () => {
    expect(parseWindowState({ width: 800, height: 600, x: 10 })).toEqual({
      width: 800,
      height: 600,
      maximized: false,
    });
  });

  it('reads maximized only when it is literally true', () => {
    expect(parseWindowState({ width: 800, height: 600, maximized: 'yes' })?.maximized).toBe(false);
    expect(parseWindowState({ width: 800, height: 600, maximized: true })?.maximized).toBe(true);
  });

  it('accepts negative coordinates (a monitor left of the primary)', () => {
    expect(parseWindowState({ width: 800, height: 600, x: -1500, y: 20 })).toMatchObject({ x: -1500, y: 20 });
  });
});

describe('fitToDisplays', () => {
  it('keeps a place that is fully on a screen', () => {
    const state: WindowState = { width: 1000, height: 700, x: 100, y: 50, maximized: false };
    expect(fitToDisplays(state, [LAPTOP])).toEqual(state);
  });

  it('keeps a place on a second screen while that screen is there', () => {
    const state: WindowState = { width: 1000, height: 700, x: 1600, y: 100, maximized: true };
    expect(fitToDisplays(state, [LAPTOP, RIGHT_MONITOR])).toEqual(state);
  });

  it('drops the place when its screen was unplugged, keeping the size within the primary screen', () => {
    const state: WindowState = { width: 1800, height: 1000, x: 1600, y: 100, maximized: false };
    expect(fitToDisplays(state, [LAPTOP])).toEqual({ width: 1440, height: 860, maximized: false });
  });

  it('drops a place that shows only a sliver of the window', () => {
    const state: WindowState = { width: 1000, height: 700, x: 1400, y: 100, maximized: false };
    expect(fitToDisplays(state, [LAPTOP])).toEqual({ width: 1000, height: 700, maximized: false });
  });

  it('drops a place whose title bar is above the top of the screen', () => {
    const state: WindowState = { width: 1000, height: 700, x: 100, y: -200, maximized: false };
    expect(fitToDisplays(state, [LAPTOP]).x).toBeUndefined();
  });

  it('drops a place whose title bar is below the bottom of the screen', () => {
    const state: WindowState = { width: 1000, height: 700, x: 100, y: 850, maximized: false };
    expect(fitToDisplays(state, [LAPTOP]).y).toBeUndefined();
  });

  it('shrinks a window larger than the screen it is on, keeping its place', () => {
    const state: WindowState = { width: 3000, height: 2000, x: 0, y: 0, maximized: false };
    expect(fitToDisplays(state, [LAPTOP])).toEqual({
      width: 1440,
      height: 860,
      x: 0,
      y: 0,
      maximized: false,
    });
  });

  it('leaves a state without a place unplaced', () => {
    const state: WindowState = { width: 800, height: 600, maximized: false };
    expect(fitToDisplays(state, [LAPTOP, RIGHT_MONITOR])).toEqual(state);
  });

  it('keeps the size and drops the place when no screen is reported', () => {
    const state: WindowState = { width: 800, height: 600, x: 10, y: 10, maximized: false };
    expect(fitToDisplays(state, [])).toEqual({ width: 800, height: 600, maximized: false });
  });
});
