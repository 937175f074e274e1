// Builds the browser bundle once before the tests: the server refuses to start without it. The build
// goes to a scratch folder and is swapped in whole, so a server starting meanwhile never finds it
// half-written.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { build } from 'vite';
import { rendererConfig } from '../../renderer/vite.config.js';

export default async function setup(): Promise<void> {
  const outDir = rendererConfig.build!.outDir!;
  const scratch = `${outDir}.building-${process.pid}`;
  const old = `${outDir}.old-${process.pid}`;
  await build({ ...rendererConfig, logLevel: 'error', build: { ...rendererConfig.build, outDir: scratch } });
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(scratch, outDir);
  rmSync(old, { recursive: true, force: true });
}
