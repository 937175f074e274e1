// What the stand-in Electron runs: the app folder's "main" under the fake Electron, reporting what a
// real one would show (the window's URL, the cookies of its session, the exit) as `stand-in: {json}`
// lines on stdout. A line `quit` on stdin quits the app, as the Quit menu item does.
import { mkdtempSync, readFileSync } from 'node:fs';
import { register } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

register('./hooks.mjs', import.meta.url);
const electron = await import('../fake-electron.js');

function report(event: Record<string, unknown>): void {
  process.stdout.write(`stand-in: ${JSON.stringify(event)}\n`);
}

const appDir = resolve(process.argv[2] ?? '.');
const main = (JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as { main: string }).main;
electron.app.userData = process.env.STAND_IN_USER_DATA ?? mkdtempSync(join(tmpdir(), 'bagtrax-stand-in-'));

const loadURL = electron.BrowserWindow.prototype.loadURL;
electron.BrowserWindow.prototype.loadURL = function (this: InstanceType<typeof electron.BrowserWindow>, url) {
  report({ window: url, cookies: electron.cookiesSet, webPreferences: this.options.webPreferences });
  return loadURL.call(this, url);
};
electron.fake.quitted = () => {
  report({ quit: true });
  process.exit(0);
};
electron.fake.exited = (code) => {
  report({ exit: code });
  process.exit(code);
};
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'quit') electron.app.quit();
});

await import(pathToFileURL(join(appDir, main)).href);
