// A stand-in for the parts of Electron that main/ uses, so the shell's startup and shutdown run
// under plain Node (the Electron binary cannot be downloaded on the build machines).
import { EventEmitter } from 'node:events';

const DISPLAY = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
};

class FakeWebContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
}

export class BrowserWindow extends EventEmitter {
  static created: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
    app.emit('web-contents-created', {}, this.webContents);
    fake.windowCreated();
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
  maximize(): void {}
  setFullScreen(): void {}
  isMinimized(): boolean {
    return false;
  }
  isMaximized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getBounds() {
    return { x: 10, y: 10, width: 800, height: 600 };
  }
  getNormalBounds() {
    return this.getBounds();
  }
}

class FakeApp extends EventEmitter {
  userData = '';
  hasLock = true;
  readonly quitCalls: number[] = [];
  exitCode: number | undefined;
  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
    return this.userData;
  }
  /** Like Electron: emits before-quit, and really quits only when no listener prevented it. */
  quit(): void {
    this.quitCalls.push(Date.now());
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) fake.quitted();
  }
  exit(code: number): void {
    this.exitCode = code;
    fake.exited(code);
  }
}

export const app = new FakeApp();

export const cookiesSet: Record<string, unknown>[] = [];
const permissionHandlers: { request?: unknown; check?: unknown } = {};
export const session = {
  defaultSession: {
    cookies: {
      set: async (details: Record<string, unknown>) => {
        cookiesSet.push(details);
      },
    },
    setPermissionRequestHandler: (handler: unknown) => (permissionHandlers.request = handler),
    setPermissionCheckHandler: (handler: unknown) => (permissionHandlers.check = handler),
  },
};
export { permissionHandlers };

export const errorBoxes: { title: string; message: string }[] = [];
export const dialog = {
  showErrorBox: (title: string, message: string) => errorBoxes.push({ title, message }),
};
export const screen = {
  getPrimaryDisplay: () => DISPLAY,
  getAllDisplays: () => [DISPLAY],
  getDisplayMatching: () => DISPLAY,
};
export const Menu = {
  buildFromTemplate: (template: unknown) => template,
  setApplicationMenu: () => undefined,
};
export const clipboard = { writeText: () => undefined };
export const shell = { openExternal: async () => undefined, openPath: async () => '' };

/** Hooks a test awaits instead of sleeping. */
export const fake = {
  windowCreated: () => {},
  quitted: () => {},
  exited: (_code: number) => {},
  /** Back to a just-launched Electron, for the next fresh import of main/index.ts. */
  reset(): void {
    app.removeAllListeners();
    app.userData = '';
    app.hasLock = true;
    app.quitCalls.length = 0;
    app.exitCode = undefined;
    BrowserWindow.created.length = 0;
    cookiesSet.length = 0;
    errorBoxes.length = 0;
    delete permissionHandlers.request;
    delete permissionHandlers.check;
    fake.windowCreated = () => {};
    fake.quitted = () => {};
    fake.exited = () => {};
  },
};
