// Where the TV wall opens: on a display other than the host window's, or as a normal window.
import { describe, expect, it } from 'vitest';
import { chooseTvDisplay } from '../../main/display-choice.js';
import type { DisplayInfo } from '../../main/display-choice.js';

function display(id: number, x: number): DisplayInfo {
  const bounds = { x, y: 0, width: 1920, height: 1080 };
  return { id, bounds, workArea: { ...bounds, height: 1040 } };
}

describe('chooseTvDisplay', () => {
  it('chooses nothing with a single display, so the wall opens as a normal window', () => {
    expect(chooseTvDisplay([display(1, 0)], 1)).toBeUndefined();
  });

  it('chooses nothing when no display is reported', () => {
    expect(chooseTvDisplay([], 1)).toBeUndefined();
  });

  it('chooses the second display when the host window is on the first', () => {
    expect(chooseTvDisplay([display(1, 0), display(2, 1920)], 1)?.id).toBe(2);
  });

  it('chooses the first display when the host window is on the second', () => {
    expect(chooseTvDisplay([display(1, 0), display(2, 1920)], 2)?.id).toBe(1);
  });

  it('never chooses the host window’s display among three', () => {
    const chosen = chooseTvDisplay([display(5, 0), display(6, 1920), display(7, 3840)], 5);
    expect(chosen?.id).not.toBe(5);
    expect(chosen).toBeDefined();
  });

  it('returns the display itself, bounds included, for placing the window', () => {
    const tv = display(2, 1920);
    expect(chooseTvDisplay([display(1, 0), tv], 1)).toBe(tv);
  });
});
