// Who a request is from (TRUST_PROXY): the socket's peer unless that peer is a trusted proxy, then the
// right-most X-Forwarded-For address that is not itself trusted. A header from an untrusted peer is
// ignored; a forwarded request never gets this machine's exemption; IPv6, ports and junk are handled.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  clientOf,
  forwardedAddress,
  proxyTrust,
  resolveClient,
  TrustProxyError,
} from '../../../server/http/client-address.js';
import { loadSettings, SettingsError } from '../../../server/config.js';

const loopback = proxyTrust(['loopback']);

/** A request as Node hands it over: a socket's peer and the headers. */
function request(peer: string, xff?: string | string[]): IncomingMessage {
  return {
    socket: { remoteAddress: peer },
    headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
  } as unknown as IncomingMessage;
}

describe('the client of a request', () => {
  it('is the socket peer when nobody is trusted, whatever X-Forwarded-For says', () => {
    const of = clientOf();
    expect(of(request('203.0.113.9', '198.51.100.1'))).toEqual({
      address: '203.0.113.9',
      local: false,
      forwarded: false,
    });
    // A spoofed header cannot buy a remote device this machine's exemption.
    expect(of(request('203.0.113.9', '127.0.0.1')).local).toBe(false);
    expect(of(request('::ffff:127.0.0.1', '203.0.113.9'))).toEqual({
      address: '127.0.0.1',
      local: true,
      forwarded: false,
    });
  });

  it('ignores the header from a peer that is not a trusted proxy', () => {
    const of = clientOf(proxyTrust(['10.0.0.5']));
    expect(of(request('10.0.0.6', '198.51.100.1'))).toMatchObject({ address: '10.0.0.6', forwarded: false });
    expect(of(request('203.0.113.9', '127.0.0.1, ::1'))).toMatchObject({
      address: '203.0.113.9',
      local: false,
    });
  });

  it('takes the right-most untrusted address behind a chain of trusted proxies', () => {
    const trust = proxyTrust(['loopback', '10.0.0.0/8']);
    // The client sent a forged entry; the edge proxy (10.0.0.5) appended the real peer; the local
    // proxy appended the edge proxy.
    const xff = '6.6.6.6, 198.51.100.23, 10.0.0.5';
    expect(resolveClient('127.0.0.1', xff, trust)).toEqual({
      address: '198.51.100.23',
      local: false,
      forwarded: true,
    });
    // Two headers are one list.
    expect(clientOf(trust)(request('127.0.0.1', ['6.6.6.6, 198.51.100.23', '10.0.0.5'])).address).toBe(
      '198.51.100.23',
    );
    // Every hop trusted: the left-most is the client, still not this machine's own program.
    expect(resolveClient('127.0.0.1', '10.1.1.1, 10.0.0.5', trust)).toMatchObject({
      address: '10.1.1.1',
      local: false,
    });
  });

  it('never exempts a forwarded request, even from a proxy on this machine naming a loopback client', () => {
    expect(resolveClient('127.0.0.1', '203.0.113.7', loopback)).toEqual({
      address: '203.0.113.7',
      local: false,
      forwarded: true,
    });
    expect(resolveClient('127.0.0.1', '127.0.0.1', loopback)).toMatchObject({
      local: false,
      forwarded: true,
    });
    // The proxy's own requests (no header) stay this machine's.
    expect(resolveClient('127.0.0.1', undefined, loopback)).toMatchObject({ local: true, forwarded: false });
    expect(resolveClient('127.0.0.1', ' , ', loopback)).toMatchObject({ local: true, forwarded: false });
  });

  it('reads IPv6 peers, entries and ranges', () => {
    const trust = proxyTrust(['::1', '2001:db8:aaaa::/48']);
    expect(resolveClient('::1', '2001:db8:1::7, 2001:db8:aaaa::2', trust)).toEqual({
      address: '2001:db8:1::7',
      local: false,
      forwarded: true,
    });
    expect(resolveClient('::ffff:127.0.0.1', '198.51.100.1', trust).forwarded).toBe(false);
    expect(resolveClient('2001:db8:aaaa::9', '[2001:db8:2::1]:443', trust).address).toBe('2001:db8:2::1');
    // IPv4-mapped entries fold to IPv4, as socket addresses do.
    expect(resolveClient('::1', '::ffff:198.51.100.4', trust).address).toBe('198.51.100.4');
    expect(resolveClient('::ffff:127.0.0.1', '203.0.113.1', loopback).address).toBe('203.0.113.1');
  });

  it('stops at a malformed entry: the hop that passed it on is the client, counted like any device', () => {
    expect(resolveClient('127.0.0.1', 'not-an-address', loopback)).toEqual({
      address: '127.0.0.1',
      local: false,
      forwarded: true,
    });
    expect(resolveClient('127.0.0.1', '198.51.100.1, unknown', loopback).address).toBe('127.0.0.1');
    const trust = proxyTrust(['loopback', '10.0.0.5']);
    expect(resolveClient('127.0.0.1', 'x, 10.0.0.5', trust)).toMatchObject({
      address: '10.0.0.5',
      local: false,
    });
    for (const junk of ['1.2.3', '1.2.3.4.5', '[::1', 'fe80::1%eth0', '1.2.3.4:99999', '<script>', '']) {
      expect(forwardedAddress(junk), junk).toBeNull();
    }
    expect(forwardedAddress(' 198.51.100.8:5123 ')).toBe('198.51.100.8');
    // A header of thousands of entries is read from the right and no further than a proxy chain goes.
    const long = `${Array<string>(5000).fill('10.9.9.9').join(',')}, 198.51.100.2`;
    expect(resolveClient('127.0.0.1', long, loopback).address).toBe('198.51.100.2');
  });
});

describe('TRUST_PROXY', () => {
  it('takes addresses, CIDR ranges and the keywords', () => {
    const trust = proxyTrust([
      'loopback',
      '192.0.2.10',
      '10.0.0.0/8',
      'uniquelocal',
      'linklocal',
      'fd00::/8',
    ]);
    for (const a of [
      '127.0.0.1',
      '127.5.5.5',
      '::1',
      '192.0.2.10',
      '10.200.0.1',
      '172.16.0.1',
      '169.254.1.1',
      'fd12::1',
    ])
      expect(trust.trusts(a), a).toBe(true);
    for (const a of ['192.0.2.11', '8.8.8.8', '2001:db8::1', 'nonsense'])
      expect(trust.trusts(a), a).toBe(false);
    expect(proxyTrust([]).none).toBe(true);
  });

  it('refuses what is no address, range or keyword', () => {
    for (const bad of [
      'proxy.example.org',
      '10.0.0.0/33',
      '::/129',
      '10.0.0.0/8/8',
      '10.0.0.0/x',
      'fe80::1%eth0',
    ])
      expect(() => proxyTrust([bad]), bad).toThrow(TrustProxyError);
  });

  it('is a setting: comma or space separated, default nobody, a bad entry stops the start naming it', () => {
    const load = (env: Record<string, string>) => loadSettings(env, { dataDir: '/tmp/x' });
    expect(load({}).trustProxy).toEqual([]);
    expect(load({ TRUST_PROXY: 'loopback, 10.0.0.0/8 ::1' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '::1',
    ]);
    expect(() => load({ TRUST_PROXY: 'loopback,nginx' })).toThrow(SettingsError);
    expect(() => load({ TRUST_PROXY: 'loopback,nginx' })).toThrow(/^TRUST_PROXY .*"nginx"/);
  });
});
