// Access on a fake clock: both PINs and which role each opens, sessions kept in the database (they
// expire, a logout ends one, a PIN change or sign-out ends others and says how many, the host
// window's secret survives everything), the per-device lockout and the venue-wide budget on
// rate-limiter-flexible's memory store, IPv6 counted per /64; and the Host header parsed strictly.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthStore, Keepers, limitKey } from '../../../server/auth.js';
import { PinLimiter } from '../../../server/auth/limiter.js';
import { hostName } from '../../../server/http/guard.js';
import { scratchRoot } from '../../kit/files.js';

const open: Array<() => void> = [];
afterEach(() => {
  open.splice(0).forEach((close) => close());
  vi.useRealTimers();
});

function keepers(opts: { keeperPin?: string; organiserPin?: string; dataDir?: string } = {}) {
  const dataDir = opts.dataDir ?? mkdtempSync(join(scratchRoot(), 'bagtrax-auth-'));
  const store = AuthStore.open(dataDir);
  open.push(() => {
    store.close();
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  const clock = { now: 1_000_000 };
  const k = new Keepers(store, {
    keeperPin: opts.keeperPin,
    organiserPin: opts.organiserPin,
    sessionTtlMs: 60_000,
    now: () => clock.now,
  });
  return { k, clock, store, dataDir };
}

describe('the PINs', () => {
  it('are generated once (six digits for keepers, eight for the organiser), differ, and are kept', () => {
    const dir = mkdtempSync(join(scratchRoot(), 'bagtrax-auth-'));
    open.push(() => rmSync(dir, { recursive: true, force: true }));
    const { k, store } = keepers({ dataDir: dir });
    expect(k.pin('keeper')).toMatch(/^\d{6}$/);
    expect(k.pin('organiser')).toMatch(/^\d{8}$/);
    expect(k.pin('keeper')).not.toBe(k.pin('organiser'));
    expect(store.setting('keeper_pin')).toBe(k.pin('keeper'));
    expect(store.setting('organiser_pin')).toBe(k.pin('organiser'));
    const again = keepers({ dataDir: dir }).k;
    expect([again.pin('keeper'), again.pin('organiser')]).toEqual([k.pin('keeper'), k.pin('organiser')]);
    expect(k.pinFromEnvironment('keeper')).toBe(false);
    expect(k.pinFromEnvironment('organiser')).toBe(false);
  });

  it('each open their own role, and nothing else does', () => {
    const { k } = keepers({ keeperPin: '2468', organiserPin: '13579' });
    expect(k.roleOf('2468')).toBe('keeper');
    expect(k.roleOf('13579')).toBe('organiser');
    for (const wrong of ['', '246', '24680', ' 2468', '2469', '٢٤٦٨', '1357', '135790']) {
      expect(k.roleOf(wrong), wrong).toBeNull();
    }
    expect(k.pinFromEnvironment('organiser')).toBe(true);
  });

  it('refuse to be the same', () => {
    expect(() => keepers({ keeperPin: '2468', organiserPin: '2468' })).toThrow(/same/);
  });
});

describe('sessions', () => {
  it('are random, carry their role, and expire with their time to live', () => {
    const { k, clock } = keepers();
    const a = k.createSession('keeper');
    const b = k.createSession('organiser');
    expect(a).not.toBe(b);
    expect(k.session(a)).toMatchObject({ role: 'keeper', host: false });
    expect(k.session(b)).toMatchObject({ role: 'organiser', host: false });
    clock.now += 60_000;
    expect(k.session(a)).toBeNull();
    expect(k.session(b)).toBeNull();
  });

  it('keep only a digest of the token in the database', () => {
    const { k, store } = keepers();
    const token = k.createSession('keeper');
    const s = k.session(token)!;
    expect(s.id).not.toBe(token);
    expect(store.session(token)).toBeNull();
    expect(store.session(s.id!)).toMatchObject({ role: 'keeper' });
  });

  it('end at once on logout, on every instance of the same database', () => {
    const first = keepers();
    const second = keepers({ dataDir: first.dataDir });
    const token = first.k.createSession('keeper');
    expect(second.k.session(token)).not.toBeNull();
    second.k.endSession(second.k.session(token)!);
    expect(first.k.session(token)).toBeNull();
  });

  it('a keeper PIN change ends every keeper session, not the organiser’s, and says how many', () => {
    const { k } = keepers({ organiserPin: '13579' });
    const phones = [k.createSession('keeper'), k.createSession('keeper')];
    const organiser = k.createSession('organiser');
    expect(k.signedIn()).toEqual({ keeper: 2, organiser: 1 });
    const ended = k.changePin('keeper', '112233', k.session(organiser));
    expect(ended).toEqual({ keeper: 2, organiser: 0 });
    for (const p of phones) expect(k.session(p)).toBeNull();
    expect(k.session(organiser)).not.toBeNull();
    expect(k.roleOf('112233')).toBe('keeper');
  });

  it('sign-out-all ends every session but the one asking, and never the host window', () => {
    const { k } = keepers();
    const phones = [k.createSession('keeper'), k.createSession('organiser')];
    const me = k.createSession('organiser');
    expect(k.signOutAll(k.session(me))).toEqual({ keeper: 1, organiser: 1 });
    for (const p of phones) expect(k.session(p)).toBeNull();
    expect(k.session(me)).not.toBeNull();
    expect(k.session(k.hostToken)).toEqual({ id: null, role: 'organiser', host: true });
    // Asked from the host window itself: every phone goes, the window stays.
    const phone = k.createSession('keeper');
    expect(k.signOutAll(k.session(k.hostToken))).toEqual({ keeper: 1, organiser: 1 });
    expect(k.session(phone)).toBeNull();
    k.changePin('organiser', '97531', null);
    k.changePin('keeper', '86420', null);
    expect(k.session(k.hostToken)).toMatchObject({ role: 'organiser', host: true });
  });

  it('refuse unknown, tampered and oversized tokens', () => {
    const { k } = keepers();
    const good = k.createSession('keeper');
    for (const bad of [
      undefined,
      '',
      'x',
      `${good}x`,
      good.slice(1),
      k.hostToken.slice(1),
      'a'.repeat(5000),
    ]) {
      expect(k.session(bad)).toBeNull();
    }
  });
});

describe('the PIN limiter', () => {
  const limiter = (o: Partial<{ maxAttempts: number; venueAttempts: number }> = {}) =>
    PinLimiter.create({
      maxAttempts: o.maxAttempts ?? 3,
      lockoutMs: 300_000,
      venueAttempts: o.venueAttempts ?? 1000,
      venueWindowMs: 60_000,
    });

  it('locks a device after the allowed wrong PINs, for the lockout, then lets it try again', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const l = await limiter();
    expect(await l.failed('10.0.0.7')).toEqual({ wait: 0, venueSlowed: false });
    await l.failed('10.0.0.7');
    expect((await l.check('10.0.0.7')).wait).toBe(0);
    expect(await l.failed('10.0.0.7')).toEqual({ wait: 300, venueSlowed: false });
    expect((await l.check('10.0.0.7')).wait).toBe(300);
    expect((await l.check('10.0.0.8')).wait).toBe(0);
    vi.advanceTimersByTime(299_500);
    expect((await l.check('10.0.0.7')).wait).toBe(1);
    vi.advanceTimersByTime(600);
    expect(await l.check('10.0.0.7')).toEqual({ wait: 0, failures: 0 });
  });

  it('forgets wrong PINs older than a lockout, and a right PIN clears the count', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const l = await limiter();
    await l.failed('10.0.0.7');
    await l.failed('10.0.0.7');
    vi.advanceTimersByTime(300_001);
    expect((await l.failed('10.0.0.7')).wait).toBe(0);
    await l.failed('10.0.0.7');
    await l.succeeded('10.0.0.7', await l.check('10.0.0.7'));
    await l.failed('10.0.0.7');
    expect((await l.failed('10.0.0.7')).wait).toBe(0);
  });

  it('counts loopback like any address, and one IPv6 /64 as one client', async () => {
    const l = await limiter();
    for (let i = 0; i < 3; i++) await l.failed('::1');
    expect((await l.check('::1')).wait).toBeGreaterThan(0);
    for (const a of ['2001:db8:1:2::1', '2001:db8:1:2:aaaa::9', '2001:0db8:0001:0002:ffff:1:2:3']) {
      await l.failed(a);
    }
    expect((await l.check('2001:db8:1:2::42')).wait).toBeGreaterThan(0);
    expect((await l.check('2001:db8:1:3::1')).wait).toBe(0);
    expect(limitKey('::ffff:192.168.1.5')).toBe('192.168.1.5');
    expect(limitKey('127.0.0.1')).toBe('127.0.0.1');
    expect(limitKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('once the venue’s budget is spent, a single wrong PIN locks its device; other devices still try', async () => {
    const l = await limiter({ maxAttempts: 10, venueAttempts: 5 });
    for (let i = 0; i < 5; i++)
      expect(await l.failed(`10.0.1.${i}`)).toEqual({ wait: 0, venueSlowed: false });
    expect(await l.failed('10.0.2.1')).toEqual({ wait: 300, venueSlowed: true });
    expect((await l.check('10.0.2.1')).wait).toBe(300);
    // A device that has not guessed wrong is not held back: its PIN is checked.
    expect((await l.check('10.0.2.2')).wait).toBe(0);
    expect((await l.check('10.0.1.0')).wait).toBe(0);
  });
});

describe('the Host header', () => {
  it('yields the name without port or brackets, and nothing for malformed values', () => {
    expect(hostName('LocalHost:4100')).toBe('localhost');
    expect(hostName('[::1]:4100')).toBe('::1');
    expect(hostName('192.168.1.20')).toBe('192.168.1.20');
    expect(hostName('::1')).toBe('::1');
    for (const bad of ['localhost:80@evil.example', 'localhost:x', 'a b', '[::1', 'host:1:2', '']) {
      expect(hostName(bad), bad).toBe('');
    }
  });
});
