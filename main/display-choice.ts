// Picks the screen for the TV wall: a display other than the host window's, when there is one.
// Pure (plain rectangles in, a choice out) so the rule is tested without a real screen.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayInfo {
  id: number;
  bounds: Rect;
  workArea: Rect;
}

/**
 * The display the TV wall should fill, or undefined when there is only one screen (the wall then
 * opens as a normal window beside the host window).
 */
export function chooseTvDisplay<D extends DisplayInfo>(
  displays: readonly D[],
  hostDisplayId: number,
): D | undefined {
  if (displays.length < 2) return undefined;
  return displays.find((d) => d.id !== hostDisplayId);
}
