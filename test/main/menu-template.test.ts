// The application menu: every venue action reachable, and the standard Edit and View menus there.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, joinUrl } from '../../main/menu-template.js';
import type { MenuActions } from '../../main/menu-template.js';

type Spy = ReturnType<typeof vi.fn<() => void>>;

function spies(): Record<keyof MenuActions, Spy> {
  return {
    copyJoinUrl: vi.fn<() => void>(),
    showQrCode: vi.fn<() => void>(),
    openTvWall: vi.fn<() => void>(),
    openDataFolder: vi.fn<() => void>(),
  };
}

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((menu) => [menu, ...(Array.isArray(menu.submenu) ? items(menu.submenu) : [])]);
}

function byLabel(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const item = items(template).find((i) => i.label === label);
  if (!item) throw new Error(`no menu item "${label}"`);
  return item;
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as () => void)();
}

describe('joinUrl', () => {
  it('prefers the first LAN address, which phones can reach', () => {
    expect(
      joinUrl({
        url: 'http://127.0.0.1:4100',
        lanUrls: ['http://192.168.1.20:4100', 'http://10.0.0.5:4100'],
      }),
    ).toBe('http://192.168.1.20:4100');
  });

  it('falls back to the loopback address when there is no network', () => {
    expect(joinUrl({ url: 'http://127.0.0.1:4100', lanUrls: [] })).toBe('http://127.0.0.1:4100');
  });
});

describe('buildMenuTemplate', () => {
  it.each([
    ['Copy Join URL', 'copyJoinUrl'],
    ['Show QR Code', 'showQrCode'],
    ['Open TV Wall', 'openTvWall'],
    ['Open Data Folder', 'openDataFolder'],
  ] as const)('"%s" runs %s and nothing else', (label, action) => {
    const actions = spies();
    click(byLabel(buildMenuTemplate(actions, 'linux'), label));
    for (const [name, spy] of Object.entries(actions)) {
      expect(spy).toHaveBeenCalledTimes(name === action ? 1 : 0);
    }
  });

  it('has Quit in the Venue menu on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const roles = items(buildMenuTemplate(spies(), platform)).map((i) => i.role);
      expect(roles).toContain('quit');
      expect(roles).not.toContain('appMenu');
    }
  });

  it('leaves Quit to the app menu on macOS', () => {
    const template = buildMenuTemplate(spies(), 'darwin');
    expect(template[0]?.role).toBe('appMenu');
    expect(items(template).filter((i) => i.role === 'quit')).toHaveLength(0);
  });

  it('has the standard Edit menu and a View menu with reload, full screen and zoom', () => {
    const template = buildMenuTemplate(spies(), 'linux');
    expect(template.map((m) => m.role)).toContain('editMenu');
    const viewRoles = items([byLabel(template, 'View')]).map((i) => i.role);
    expect(viewRoles).toEqual(
      expect.arrayContaining(['reload', 'togglefullscreen', 'zoomIn', 'zoomOut', 'resetZoom']),
    );
  });
});
