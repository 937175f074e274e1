// Electron entry: one instance per machine, the embedded server started before any window, the
// host window signed in as the organiser, and the server stopped (streams ended, database closed) on quit.
import { app, dialog, session } from 'electron';
import type { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { lanAddresses, loadSettings, phonesCannotJoin, startServer } from '../server/start.js';
import type { RunningServer } from '../server/start.js';
import { applyPortMemory, readLastPort, writeLastPort } from './last-port.js';
import { installMenu } from './menu.js';
import { denyAllPermissions, hardenContents, setHostCookie } from './security.js';
import { createHostWindow } from './windows.js';

let hostWindow: BrowserWindow | undefined;
let running: RunningServer | undefined;
/** Settles once startup is over, whichever way it went; a quit during startup waits for it. */
let startup: Promise<void> = Promise.resolve();
let shutdown: 'running' | 'stopping' | 'done' = 'running';

function stateFile(name: string): string {
  return join(app.getPath('userData'), name);
}

function currentHostWindow(): BrowserWindow | undefined {
  return hostWindow && !hostWindow.isDestroyed() ? hostWindow : undefined;
}

function showHostWindow(server: RunningServer): BrowserWindow {
  const existing = currentHostWindow();
  if (existing) {
    if (existing.isMinimized()) existing.restore();
    existing.focus();
    return existing;
  }
  const win = createHostWindow(server.url, stateFile('window-state.json'));
  win.on('closed', () => {
    if (hostWindow === win) hostWindow = undefined;
  });
  hostWindow = win;
  return win;
}

async function launch(): Promise<void> {
  const userData = app.getPath('userData');
  const portFile = stateFile('last-port.json');
  const settings = applyPortMemory(
    loadSettings(process.env, { dataDir: userData }),
    process.env,
    await readLastPort(portFile),
  );
  const server = await startServer(settings);
  running = server;
  await writeLastPort(portFile, server.port).catch((error: unknown) => {
    console.warn('BagTrax: could not remember the port:', error);
  });

  const origin = new URL(server.url).origin;
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, origin));
  denyAllPermissions(session.defaultSession);
  await setHostCookie(session.defaultSession, server.url, server.hostCookie);

  installMenu({ server, showHostWindow: () => showHostWindow(server), currentHostWindow });
  app.on('activate', () => showHostWindow(server));
  showHostWindow(server);
  const lan = server.lanUrls.filter((url) => url !== server.url);
  console.log(
    `BagTrax listening on ${server.url}${lan.length ? ` (on the network: ${lan.join(', ')})` : ''}`,
  );
  // The host console says the same where the join code would be.
  const cannotJoin = phonesCannotJoin(settings.host, lanAddresses());
  if (cannotJoin) console.log(cannotJoin);
}

async function failToStart(error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`BagTrax could not start: ${message}`);
  dialog.showErrorBox('BagTrax could not start', message);
  await running?.stop().catch(() => undefined);
  // exit, not quit: there is nothing left to stop, and the exit code must say it failed.
  app.exit(1);
}

function main(): void {
  app.on('second-instance', () => {
    const win = currentHostWindow();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });

  // Quit waits for the server to stop once, then quits for real.
  app.on('before-quit', (event) => {
    if (shutdown === 'done') return;
    event.preventDefault();
    if (shutdown === 'stopping') return;
    shutdown = 'stopping';
    startup
      .then(() => running?.stop())
      .catch((error: unknown) => console.error('BagTrax: error while stopping the server:', error))
      .finally(() => {
        shutdown = 'done';
        app.quit();
      });
  });

  // Closing the last window ends the venue, except on macOS where the app stays in the dock.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  void app.whenReady().then(() => {
    startup = launch().catch(failToStart);
  });
}

// The second copy hands over to the first (which comes to the front) and leaves.
if (app.requestSingleInstanceLock()) main();
else app.quit();
