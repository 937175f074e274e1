// The desktop app reopens on the port it used last time, unless PORT says otherwise.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPortMemory, readLastPort, writeLastPort } from '../../main/last-port.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bagtrax-last-port-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readLastPort / writeLastPort', () => {
  it('reads back the port it wrote', async () => {
    const file = join(dir, 'last-port.json');
    await writeLastPort(file, 4107);
    expect(await readLastPort(file)).toBe(4107);
  });

  it('creates the folder when it does not exist yet (first run)', async () => {
    const file = join(dir, 'nested', 'userData', 'last-port.json');
    await writeLastPort(file, 4100);
    expect(await readLastPort(file)).toBe(4100);
  });

  it('forgets nothing on overwrite and leaves no temporary file', async () => {
    const file = join(dir, 'last-port.json');
    await writeLastPort(file, 4100);
    await writeLastPort(file, 4200);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ port: 4200 });
    await expect(readFile(`${file}.tmp`)).rejects.toThrow();
  });

  it('knows no port when the file is missing', async () => {
    expect(await readLastPort(join(dir, 'missing.json'))).toBeUndefined();
  });

  it.each([
    ['corrupt JSON', '{"port": 41'],
    ['no port field', '{}'],
    ['a string port', '{"port":"4100"}'],
    ['a fraction', '{"port":4100.5}'],
    ['port zero', '{"port":0}'],
    ['a port over 65535', '{"port":70000}'],
    ['a bare number', '4100'],
    ['null', 'null'],
  ])('knows no port when the file holds %s', async (_what, text) => {
    const file = join(dir, 'last-port.json');
    await writeFile(file, text);
    expect(await readLastPort(file)).toBeUndefined();
  });

  it('refuses to write something that is not a port', async () => {
    await expect(writeLastPort(join(dir, 'p.json'), 0)).rejects.toThrow(RangeError);
    await expect(writeLastPort(join(dir, 'p.json'), 65536)).rejects.toThrow(RangeError);
  });
});

describe('applyPortMemory', () => {
  const settings = { port: 4100, host: '0.0.0.0' };

  it('wants the remembered port when PORT is not set', () => {
    expect(applyPortMemory(settings, {}, 4123)).toEqual({ port: 4123, host: '0.0.0.0', portFallback: true });
  });

  it('treats an empty PORT as not set', () => {
    expect(applyPortMemory(settings, { PORT: ' ' }, 4123).port).toBe(4123);
  });

  it('lets an explicit PORT win over the remembered one', () => {
    expect(applyPortMemory({ ...settings, port: 5000 }, { PORT: '5000' }, 4123).port).toBe(5000);
  });

  it('keeps the configured port when nothing is remembered', () => {
    expect(applyPortMemory(settings, {}, undefined).port).toBe(4100);
  });

  it('always lets the desktop app move to a free port', () => {
    expect(
      applyPortMemory({ ...settings, portFallback: false }, { PORT: '5000' }, undefined).portFallback,
    ).toBe(true);
  });

  it('does not change the settings it was given', () => {
    const given = { ...settings };
    applyPortMemory(given, {}, 4999);
    expect(given).toEqual(settings);
  });
});
