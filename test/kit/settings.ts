// Server settings for tests: the defaults with port 0 on loopback, no mDNS, a Redis prefix of their
// own; and the environment that makes `serve` load exactly the same settings in a child process.
import { randomBytes } from 'node:crypto';
import { LIMIT_VARS } from '../../server/config.js';
import { loadSettings, type ServerSettings } from '../../server/start.js';
import { tempDir } from './files.js';

export const TEST_PIN = '2468';

/** A settings object for tests and tools: defaults plus overrides, no environment. */
export function testSettings(overrides: Partial<ServerSettings> & { dataDir: string }): ServerSettings {
  return {
    ...loadSettings({}, { dataDir: overrides.dataDir }),
    port: 0,
    host: '127.0.0.1',
    mdns: false,
    redisPrefix: `bagtrax-test:${randomBytes(6).toString('hex')}:`,
    ...overrides,
  };
}

/** A relay's settings (ROLE=relay following `venue`), with a folder of its own it never writes to. */
export function relaySettings(
  overrides: Partial<ServerSettings> & { venue: string; redisPrefix: string },
): ServerSettings {
  return testSettings({ dataDir: tempDir(), role: 'relay', hub: 'redis', ...overrides });
}

/** Each setting's variable (CONTRACT.md "Starting it"); the desktop app's port fallback has none. */
const VARS = {
  port: 'PORT',
  host: 'HOST',
  dataDir: 'DATA_DIR',
  keeperPin: 'KEEPER_PIN',
  organiserPin: 'ORGANISER_PIN',
  openFilesLimit: 'OPEN_FILES_LIMIT',
  hub: 'HUB',
  redisUrl: 'REDIS_URL',
  role: 'ROLE',
  publish: 'PUBLISH',
  venue: 'VENUE',
  relayStreamLength: 'RELAY_STREAM_LENGTH',
  publicUrl: 'PUBLIC_URL',
  hostnames: 'BAGTRAX_HOSTNAMES',
  trustProxy: 'TRUST_PROXY',
  overlayFrameAncestors: 'OVERLAY_FRAME_ANCESTORS',
  redisPrefix: 'REDIS_PREFIX',
  mdns: 'MDNS',
  ...LIMIT_VARS,
} satisfies Record<Exclude<keyof ServerSettings, 'portFallback'>, string>;

/** The environment under which loadSettings() gives back exactly `s`. */
export function settingsEnv(s: ServerSettings): Record<string, string> {
  if (s.portFallback) throw new Error('portFallback has no environment variable');
  const env: Record<string, string> = {};
  for (const [key, name] of Object.entries(VARS) as [keyof typeof VARS, string][]) {
    const value = s[key];
    env[name] = Array.isArray(value)
      ? value.join(',')
      : typeof value === 'boolean'
        ? value
          ? '1'
          : '0'
        : String(value ?? '');
  }
  return env;
}
