// Installs the application menu and gives its venue actions their Electron effects.
import { clipboard, dialog, Menu, shell } from 'electron';
import type { BrowserWindow } from 'electron';
import { buildMenuTemplate, joinUrl } from './menu-template.js';
import { openTvWall } from './windows.js';

export interface MenuContext {
  server: { url: string; lanUrls: readonly string[]; dataDir: string };
  /** The host window, opened again if it was closed (macOS keeps running without windows). */
  showHostWindow(): BrowserWindow;
  currentHostWindow(): BrowserWindow | undefined;
}

export function installMenu(context: MenuContext): void {
  const { server } = context;
  const template = buildMenuTemplate(
    {
      copyJoinUrl: () => clipboard.writeText(joinUrl(server)),
      showQrCode: () => {
        const win = context.showHostWindow();
        win.loadURL(`${server.url}/host#join`).catch(() => undefined);
        win.focus();
      },
      openTvWall: () => {
        openTvWall(server.url, context.currentHostWindow());
      },
      openDataFolder: () => {
        void shell.openPath(server.dataDir).then((problem) => {
          if (problem) dialog.showErrorBox('Could not open the data folder', `${server.dataDir}: ${problem}`);
        });
      },
    },
    process.platform,
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
