// The app's two kinds of window: the host console (size and place remembered) and the TV wall
// (full screen on a second display when there is one).
import { BrowserWindow, screen } from 'electron';
import type { Rectangle } from 'electron';
import { chooseTvDisplay } from './display-choice.js';
import { SECURE_WEB_PREFERENCES } from './security.js';
import { DEFAULT_WINDOW_STATE, fitToDisplays, loadWindowState, saveWindowState } from './window-state.js';

const BACKGROUND = '#101418';

function workAreasPrimaryFirst(): Rectangle[] {
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((d) => d.id !== primary.id);
  return [primary.workArea, ...others.map((d) => d.workArea)];
}

/** Shows a window once its page has painted, or at once if the page failed, so it never stays hidden. */
function showWhenReady(win: BrowserWindow, beforeShow: () => void = () => undefined): void {
  let shown = false;
  const show = () => {
    if (shown || win.isDestroyed()) return;
    shown = true;
    beforeShow();
    win.show();
  };
  win.once('ready-to-show', show);
  win.webContents.once('did-fail-load', show);
}

function load(win: BrowserWindow, url: string): void {
  // A failed load is shown by Chromium's own error page; nothing more to do in the main process.
  win.loadURL(url).catch((error: unknown) => console.warn(`BagTrax: could not load ${url}:`, error));
}

/** Opens `${appUrl}/host` where the window was last time, when that place is still on a screen. */
export function createHostWindow(appUrl: string, stateFile: string): BrowserWindow {
  const state = fitToDisplays(loadWindowState(stateFile) ?? DEFAULT_WINDOW_STATE, workAreasPrimaryFirst());
  const win = new BrowserWindow({
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: 400,
    minHeight: 300,
    title: 'BagTrax',
    show: false,
    backgroundColor: BACKGROUND,
    webPreferences: { ...SECURE_WEB_PREFERENCES },
  });
  showWhenReady(win, () => {
    if (state.maximized) win.maximize();
  });
  win.on('close', () => {
    try {
      // Normal bounds, so a maximized window comes back maximized over its remembered size.
      saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (error) {
      console.warn('BagTrax: could not save the window state:', error);
    }
  });
  load(win, `${appUrl}/host`);
  return win;
}

let tvWindow: BrowserWindow | undefined;

/** Opens the TV wall, or brings the open one forward. */
export function openTvWall(appUrl: string, hostWindow: BrowserWindow | undefined): BrowserWindow {
  if (tvWindow && !tvWindow.isDestroyed()) {
    tvWindow.focus();
    return tvWindow;
  }
  const hostDisplay =
    hostWindow && !hostWindow.isDestroyed()
      ? screen.getDisplayMatching(hostWindow.getBounds())
      : screen.getPrimaryDisplay();
  const target = chooseTvDisplay(screen.getAllDisplays(), hostDisplay.id);
  const win = new BrowserWindow({
    ...(target ? { ...target.bounds } : { width: 1280, height: 720 }),
    title: 'BagTrax TV wall',
    show: false,
    autoHideMenuBar: true,
    backgroundColor: BACKGROUND,
    webPreferences: { ...SECURE_WEB_PREFERENCES },
  });
  // Going full screen once the window exists on the target display keeps it on that display
  // (window managers ignore a full-screen request made before the window is placed).
  showWhenReady(win, () => {
    if (target) win.setFullScreen(true);
  });
  win.on('closed', () => {
    if (tvWindow === win) tvWindow = undefined;
  });
  tvWindow = win;
  load(win, `${appUrl}/tv`);
  return win;
}
