// Builds the browser bundle once before the tests: the server refuses to start without it.
import { build } from 'vite';
import { rendererConfig } from '../../renderer/vite.config.js';

export default async function setup(): Promise<void> {
  await build({ ...rendererConfig, logLevel: 'error' });
}
