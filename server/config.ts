// Settings from the environment (CONTRACT.md "Starting it"), validated up front so a bad value stops
// the server with one line that names the setting.
import { proxyTrust } from './http/client-address.js';
import { VENUE_NAME } from './relay/protocol.js';

export interface Limits {
  /** Bytes queued for one slow stream before the server ends it. */
  maxQueuedBytes: number;
  /** Open event streams on this instance, in total. */
  maxStreams: number;
  /** Open event streams from one client address (loopback exempt). */
  maxStreamsPerAddress: number;
  /** A stream is ended after about this long (±20 %), so reconnects spread out. */
  maxStreamLifetimeMs: number;
  /** Heartbeat comment interval on idle streams. */
  heartbeatMs: number;
  /** Wrong PINs from one address before it is locked out. */
  loginAttempts: number;
  /** How long a lockout lasts. */
  loginLockoutMs: number;
  /** Keeper session lifetime. */
  sessionTtlMs: number;
  /** Wrong PINs from everywhere within `loginVenueWindowMs` before every wrong PIN locks its device. */
  loginVenueAttempts: number;
  /** The window of the venue-wide budget of wrong PINs. */
  loginVenueWindowMs: number;
  /** Open connections (all of HTTP) from one client address (127.0.0.1 and ::1 exempt). */
  maxConnectionsPerAddress: number;
  /** Requests from one client address per `requestWindowMs` (127.0.0.1 and ::1 exempt). */
  maxRequestsPerAddress: number;
  requestWindowMs: number;
  /** Open files kept free for keepers: past (limit - reserve) the heaviest address's newest sockets go. */
  openFilesReserve: number;
  /** How long a client may take to send a request's headers, and the whole request. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this long. */
  keepAliveTimeoutMs: number;
}

export interface ServerSettings extends Limits {
  port: number;
  host: string;
  dataDir: string;
  /** Overrides the PIN kept in DATA_DIR. */
  keeperPin?: string;
  /** Overrides the organiser PIN kept in DATA_DIR. */
  organiserPin?: string;
  /** The process's open-file limit, when OPEN_FILES_LIMIT sets it (else read from the system). */
  openFilesLimit?: number;
  hub: 'local' | 'redis';
  redisUrl: string;
  /** `relay`: a read-only copy of a venue fed through Redis (server/relay/); implies HUB=redis. */
  role: 'primary' | 'relay';
  /** PUBLISH=1: the primary publishes the venue for relays (the organiser can also switch it on). */
  publish: boolean;
  /** The venue's name on Redis (VENUE); a primary derives one from its database when unset. */
  venue?: string;
  /** About how many entries the venue's stream keeps for relays that fall behind (RELAY_STREAM_LENGTH). */
  relayStreamLength: number;
  /** A relay's own address for its join QR code (PUBLIC_URL), e.g. https://live.example.org/. */
  publicUrl?: string;
  /** Extra names this machine answers to (Host header check), from BAGTRAX_HOSTNAMES. */
  hostnames: string[];
  /**
   * Reverse proxies whose X-Forwarded-For names the client (TRUST_PROXY): addresses, CIDR ranges,
   * `loopback`, `linklocal`, `uniquelocal`. Empty (the default): nobody's, the socket's peer is the client.
   */
  trustProxy: string[];
  /** Who may frame the board and game overlays (OVERLAY_FRAME_ANCESTORS): CSP sources, `*` by default. */
  overlayFrameAncestors: string[];
  /** Desktop app: move to a free port when the port is taken. */
  portFallback?: boolean;
  /** Redis channel prefix; one per venue (tests use a random one). */
  redisPrefix: string;
  /** Advertise bagtrax.local by mDNS. */
  mdns: boolean;
}

export const DEFAULT_LIMITS: Limits = {
  maxQueuedBytes: 256 * 1024,
  maxStreams: 10_000,
  maxStreamsPerAddress: 50,
  maxStreamLifetimeMs: 30 * 60_000,
  heartbeatMs: 15_000,
  loginAttempts: 10,
  loginLockoutMs: 5 * 60_000,
  sessionTtlMs: 12 * 60 * 60_000,
  loginVenueAttempts: 50,
  loginVenueWindowMs: 5 * 60_000,
  maxConnectionsPerAddress: 64,
  maxRequestsPerAddress: 300,
  requestWindowMs: 10_000,
  openFilesReserve: 64,
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
};

/** Setting name → environment variable, for the README and for error messages. */
export const LIMIT_VARS: Record<keyof Limits, string> = {
  maxQueuedBytes: 'STREAM_MAX_QUEUED_BYTES',
  maxStreams: 'STREAM_MAX_TOTAL',
  maxStreamsPerAddress: 'STREAM_MAX_PER_ADDRESS',
  maxStreamLifetimeMs: 'STREAM_MAX_LIFETIME_MS',
  heartbeatMs: 'STREAM_HEARTBEAT_MS',
  loginAttempts: 'LOGIN_MAX_ATTEMPTS',
  loginLockoutMs: 'LOGIN_LOCKOUT_MS',
  sessionTtlMs: 'SESSION_TTL_MS',
  loginVenueAttempts: 'LOGIN_VENUE_MAX_ATTEMPTS',
  loginVenueWindowMs: 'LOGIN_VENUE_WINDOW_MS',
  maxConnectionsPerAddress: 'HTTP_MAX_CONNECTIONS_PER_ADDRESS',
  maxRequestsPerAddress: 'HTTP_MAX_REQUESTS_PER_ADDRESS',
  requestWindowMs: 'HTTP_REQUEST_WINDOW_MS',
  openFilesReserve: 'OPEN_FILES_RESERVE',
  headersTimeoutMs: 'HTTP_HEADERS_TIMEOUT_MS',
  requestTimeoutMs: 'HTTP_REQUEST_TIMEOUT_MS',
  keepAliveTimeoutMs: 'HTTP_KEEPALIVE_TIMEOUT_MS',
};

export class SettingsError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new SettingsError(`${name} must be a whole number, got "${raw}"`);
  const n = Number(raw.trim());
  if (n < min || n > max) throw new SettingsError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** A list setting: entries separated by commas or spaces. */
function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(/[\s,]+/)
    .map((e) => e.trim())
    .filter(Boolean);
}

function trustProxyOf(env: NodeJS.ProcessEnv): string[] {
  const entries = list(env.TRUST_PROXY);
  try {
    proxyTrust(entries);
  } catch (err) {
    throw new SettingsError(
      `TRUST_PROXY must list proxy addresses, CIDR ranges or loopback, linklocal, uniquelocal: ${(err as Error).message}`,
    );
  }
  return entries;
}

// A CSP source for frame-ancestors: *, 'self', a scheme (https:), or a host with an optional scheme,
// wildcard subdomain, port and path.
const FRAME_SOURCE =
  /^(?:\*|'self'|[a-z][a-z0-9+.-]*:|(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::(?:\d{1,5}|\*))?(?:\/[^\s;,'"]*)?)$/i;

function frameAncestorsOf(env: NodeJS.ProcessEnv): string[] {
  const raw = list(env.OVERLAY_FRAME_ANCESTORS);
  if (raw.length === 0) return ['*'];
  const sources = raw.map((e) =>
    /^'?(self|none)'?$/i.test(e) ? `'${e.replace(/'/g, '').toLowerCase()}'` : e,
  );
  if (sources.includes("'none'")) {
    if (sources.length > 1)
      throw new SettingsError("OVERLAY_FRAME_ANCESTORS: 'none' cannot be listed with others");
    return sources;
  }
  const bad = sources.find((e) => !FRAME_SOURCE.test(e));
  if (bad !== undefined) {
    throw new SettingsError(
      `OVERLAY_FRAME_ANCESTORS must list web origins such as https://league.example.org (or *, self, none), got "${bad}"`,
    );
  }
  return sources;
}

export function loadSettings(env: NodeJS.ProcessEnv, defaults: { dataDir: string }): ServerSettings {
  const port = integer(env, 'PORT', 4100, 0, 65535);
  const host = (env.HOST ?? '0.0.0.0').trim();
  if (!host) throw new SettingsError('HOST must not be empty');
  const hubSetting = env.HUB ?? (env.ROLE === 'relay' ? 'redis' : 'local');
  if (hubSetting !== 'local' && hubSetting !== 'redis')
    throw new SettingsError(`HUB must be "local" or "redis", got "${hubSetting}"`);
  if (env.ROLE === 'relay' && hubSetting !== 'redis') {
    throw new SettingsError('HUB must be "redis" for a relay (ROLE=relay reads the venue from Redis)');
  }
  const hub: 'local' | 'redis' = hubSetting;
  const role = env.ROLE ?? 'primary';
  if (role !== 'primary' && role !== 'relay') {
    throw new SettingsError(`ROLE must be "primary" or "relay", got "${role}"`);
  }
  const venue = env.VENUE?.trim() || undefined;
  if (venue !== undefined && !VENUE_NAME.test(venue)) {
    throw new SettingsError(`VENUE must be 1 to 64 letters, digits, "-" or "_", got "${venue}"`);
  }
  if (role === 'relay' && venue === undefined) {
    throw new SettingsError(
      'VENUE must name the venue to follow (ROLE=relay): the venue host console shows it under "Remote spectators"',
    );
  }
  const publish = env.PUBLISH?.trim() ?? '0';
  if (!['0', '1', ''].includes(publish)) throw new SettingsError(`PUBLISH must be 0 or 1, got "${publish}"`);
  const publicUrl = env.PUBLIC_URL?.trim() || undefined;
  if (publicUrl !== undefined && (!/^https?:\/\/[^\s/]+/.test(publicUrl) || !URL.canParse(publicUrl))) {
    throw new SettingsError(`PUBLIC_URL must be an http:// or https:// address, got "${publicUrl}"`);
  }
  const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!/^rediss?:\/\//.test(redisUrl))
    throw new SettingsError(`REDIS_URL must start with redis://, got "${redisUrl}"`);
  const keeperPin = env.KEEPER_PIN?.trim() || undefined;
  if (keeperPin !== undefined && !/^\d{4,12}$/.test(keeperPin)) {
    throw new SettingsError('KEEPER_PIN must be 4 to 12 digits');
  }
  const organiserPin = env.ORGANISER_PIN?.trim() || undefined;
  if (organiserPin !== undefined && !/^\d{4,12}$/.test(organiserPin)) {
    throw new SettingsError('ORGANISER_PIN must be 4 to 12 digits');
  }
  if (organiserPin !== undefined && organiserPin === keeperPin) {
    throw new SettingsError('ORGANISER_PIN must differ from KEEPER_PIN');
  }
  const openFilesLimit = env.OPEN_FILES_LIMIT ? integer(env, 'OPEN_FILES_LIMIT', 0, 32, 2 ** 31) : undefined;
  const limits = {} as Limits;
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
    limits[key] = integer(env, LIMIT_VARS[key], DEFAULT_LIMITS[key], 1, 2 ** 31);
  }
  return {
    ...limits,
    port,
    host,
    dataDir: env.DATA_DIR?.trim() || defaults.dataDir,
    keeperPin,
    organiserPin,
    openFilesLimit,
    hub,
    redisUrl,
    role,
    publish: publish === '1',
    venue,
    relayStreamLength: integer(env, 'RELAY_STREAM_LENGTH', 10_000, 100, 10_000_000),
    publicUrl,
    hostnames: (env.BAGTRAX_HOSTNAMES ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
    trustProxy: trustProxyOf(env),
    overlayFrameAncestors: frameAncestorsOf(env),
    redisPrefix: env.REDIS_PREFIX?.trim() || 'bagtrax:',
    mdns: env.MDNS !== '0' && env.MDNS !== 'false',
  };
}
