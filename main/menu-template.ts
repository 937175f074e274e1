// The application menu as data: the venue actions plus the standard Edit, View and Window menus.
// Actions are passed in, so the template is built and tested without Electron running.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  copyJoinUrl(): void;
  showQrCode(): void;
  openTvWall(): void;
  openDataFolder(): void;
}

/** The address phones should open: the first LAN address, else the loopback one. */
export function joinUrl(server: { url: string; lanUrls: readonly string[] }): string {
  return server.lanUrls[0] ?? server.url;
}

export function buildMenuTemplate(
  actions: MenuActions,
  platform: NodeJS.Platform,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const venue: MenuItemConstructorOptions = {
    label: 'Venue',
    submenu: [
      { label: 'Copy Join URL', accelerator: 'CmdOrCtrl+Shift+C', click: () => actions.copyJoinUrl() },
      { label: 'Show QR Code', accelerator: 'CmdOrCtrl+J', click: () => actions.showQrCode() },
      { label: 'Open TV Wall', accelerator: 'CmdOrCtrl+T', click: () => actions.openTvWall() },
      { type: 'separator' },
      { label: 'Open Data Folder', click: () => actions.openDataFolder() },
      // On macOS Quit lives in the app menu; the role goes through before-quit, so the server stops.
      ...(mac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const }]),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    venue,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
  ];
}
