// Keepers on a fake clock: the PIN check, the per-address lockout and its end, the bound on remembered
// addresses under a flood, IPv6 counted per /64, sessions that expire or end with a PIN change; and
// the Host header parsed strictly.
import { describe, expect, it } from 'vitest';
import { Keepers, limitKey, type SettingsStore } from '../../../server/auth.js';
import { hostName } from '../../../server/http/guard.js';

function keepers(opts: { maxAttempts?: number; maxTracked?: number; pin?: string } = {}) {
  const settings = new Map<string, string>();
  const store: SettingsStore = {
    setting: (k) => settings.get(k) ?? null,
    setSetting: (k, v) => void settings.set(k, v),
  };
  const clock = { now: 1_000_000 };
  const k = new Keepers(store, {
    pinOverride: opts.pin,
    sessionTtlMs: 60_000,
    maxAttempts: opts.maxAttempts ?? 3,
    lockoutMs: 300_000,
    now: () => clock.now,
    maxTracked: opts.maxTracked,
  });
  return { k, clock, settings };
}

describe('the PIN', () => {
  it('is generated as six digits and kept in the settings', () => {
    const { k, settings } = keepers();
    expect(k.pin()).toMatch(/^\d{6}$/);
    expect(settings.get('keeper_pin')).toBe(k.pin());
    expect(k.pinFromEnvironment()).toBe(false);
  });

  it('matches only exactly', () => {
    const { k } = keepers({ pin: '2468' });
    expect(k.checkPin('2468')).toBe(true);
    for (const wrong of ['', '246', '24680', ' 2468', '2469', '٢٤٦٨']) expect(k.checkPin(wrong)).toBe(false);
  });
});

describe('the lockout', () => {
  it('locks an address after the allowed wrong PINs, for the lockout, then lets it try again', () => {
    const { k, clock } = keepers();
    k.recordFailure('10.0.0.7');
    k.recordFailure('10.0.0.7');
    expect(k.lockedFor('10.0.0.7')).toBe(0);
    k.recordFailure('10.0.0.7');
    expect(k.lockedFor('10.0.0.7')).toBe(300);
    expect(k.lockedFor('10.0.0.8')).toBe(0);
    clock.now += 299_500;
    expect(k.lockedFor('10.0.0.7')).toBe(1);
    clock.now += 500;
    expect(k.lockedFor('10.0.0.7')).toBe(0);
    k.recordFailure('10.0.0.7');
    expect(k.lockedFor('10.0.0.7')).toBe(0); // a fresh count after the lockout
  });

  it('forgets wrong PINs older than a lockout, and a right PIN clears the count', () => {
    const { k, clock } = keepers();
    k.recordFailure('10.0.0.7');
    k.recordFailure('10.0.0.7');
    clock.now += 300_000;
    k.recordFailure('10.0.0.7');
    expect(k.lockedFor('10.0.0.7')).toBe(0);
    k.recordFailure('10.0.0.7');
    k.recordSuccess('10.0.0.7');
    k.recordFailure('10.0.0.7');
    k.recordFailure('10.0.0.7');
    expect(k.lockedFor('10.0.0.7')).toBe(0);
  });

  it('counts loopback like any address, and one IPv6 /64 as one client', () => {
    const { k } = keepers();
    for (const a of ['::1', '::1', '::1']) k.recordFailure(a);
    expect(k.lockedFor('::1')).toBeGreaterThan(0);
    for (const a of ['2001:db8:1:2::1', '2001:db8:1:2:aaaa::9', '2001:0db8:0001:0002:ffff:1:2:3']) {
      k.recordFailure(a);
    }
    expect(k.lockedFor('2001:db8:1:2::42')).toBeGreaterThan(0);
    expect(k.lockedFor('2001:db8:1:3::1')).toBe(0);
    expect(limitKey('::ffff:192.168.1.5')).toBe('192.168.1.5');
    expect(limitKey('127.0.0.1')).toBe('127.0.0.1');
    expect(limitKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('remembers a bounded number of addresses under a flood, keeping the lockouts', () => {
    const { k } = keepers({ maxTracked: 1000 });
    for (let i = 0; i < 3; i++) k.recordFailure('10.9.9.9');
    for (let i = 0; i < 50_000; i++) k.recordFailure(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    expect(k.trackedAddresses()).toBeLessThanOrEqual(1000);
    expect(k.lockedFor('10.9.9.9')).toBeGreaterThan(0);
  });

  it('stays bounded even when every address is locked out', () => {
    const { k } = keepers({ maxTracked: 100, maxAttempts: 1 });
    for (let i = 0; i < 5_000; i++) k.recordFailure(`10.1.${i >> 8}.${i & 255}`);
    expect(k.trackedAddresses()).toBeLessThanOrEqual(100);
    expect(k.lockedFor('10.1.19.135')).toBeGreaterThan(0); // the newest is kept
  });
});

describe('sessions', () => {
  it('are random, and expire with their time to live', () => {
    const { k, clock } = keepers();
    const a = k.createSession();
    expect(a).not.toBe(k.createSession());
    expect(k.verifySession(a)).toBe(true);
    clock.now += 60_000;
    expect(k.verifySession(a)).toBe(false);
  });

  it('end with a PIN change or a sign-out everywhere', () => {
    const { k } = keepers();
    const a = k.createSession();
    k.changePin('13579');
    expect(k.verifySession(a)).toBe(false);
    expect(k.checkPin('13579')).toBe(true);
    const b = k.createSession();
    k.signOutEverywhere();
    expect(k.verifySession(b)).toBe(false);
  });

  it('refuse forged and malformed tokens', () => {
    const { k } = keepers();
    const good = k.createSession();
    const [expiry, nonce, mac] = good.split('.') as [string, string, string];
    for (const bad of [
      undefined,
      '',
      'x',
      `${expiry}.${nonce}`,
      `${Number(expiry) + 1}.${nonce}.${mac}`,
      `${good}x`,
    ]) {
      expect(k.verifySession(bad)).toBe(false);
    }
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
