// The rule every window navigation goes through: only the embedded server's own origin is trusted.
import { describe, expect, it } from 'vitest';
import { isExternalWebUrl, isTrustedUrl } from '../../main/trusted-url.js';

const APP = 'http://127.0.0.1:4100';

describe('isTrustedUrl', () => {
  it('trusts pages on the same origin, with paths, queries and fragments', () => {
    expect(isTrustedUrl('http://127.0.0.1:4100/host', APP)).toBe(true);
    expect(isTrustedUrl('http://127.0.0.1:4100/games/7/scoreboard?x=1#join', APP)).toBe(true);
    expect(isTrustedUrl('http://127.0.0.1:4100', `${APP}/host`)).toBe(true);
  });

  it('refuses another port on the same host', () => {
    expect(isTrustedUrl('http://127.0.0.1:4101/host', APP)).toBe(false);
    expect(isTrustedUrl('http://127.0.0.1/host', APP)).toBe(false);
  });

  it('refuses other hosts, including other names for this machine and look-alikes', () => {
    expect(isTrustedUrl('http://localhost:4100/host', APP)).toBe(false);
    expect(isTrustedUrl('http://192.168.1.20:4100/host', APP)).toBe(false);
    expect(isTrustedUrl('http://127.0.0.1:4100.evil.example/host', APP)).toBe(false);
    expect(isTrustedUrl('http://127.0.0.1:4100@evil.example/', APP)).toBe(false);
    expect(isTrustedUrl('https://example.com/', APP)).toBe(false);
  });

  it('refuses another scheme on the same host and port', () => {
    expect(isTrustedUrl('https://127.0.0.1:4100/host', APP)).toBe(false);
    expect(isTrustedUrl('ws://127.0.0.1:4100/', APP)).toBe(false);
  });

  it('refuses file:, javascript: and data: URLs', () => {
    expect(isTrustedUrl('file:///etc/passwd', APP)).toBe(false);
    expect(isTrustedUrl('javascript:alert(1)', APP)).toBe(false);
    expect(isTrustedUrl('data:text/html,<h1>hi</h1>', APP)).toBe(false);
  });

  it('refuses anything that is not a URL, and trusts nothing when the app origin is not one', () => {
    expect(isTrustedUrl('', APP)).toBe(false);
    expect(isTrustedUrl('/host', APP)).toBe(false);
    expect(isTrustedUrl('http://127.0.0.1:4100/host', 'not a url')).toBe(false);
    expect(isTrustedUrl('file:///x', 'file:///x')).toBe(false);
  });
});

describe('isExternalWebUrl', () => {
  it('hands only http and https links to the system browser', () => {
    expect(isExternalWebUrl('https://example.com/rules')).toBe(true);
    expect(isExternalWebUrl('http://example.com/')).toBe(true);
    expect(isExternalWebUrl('file:///etc/passwd')).toBe(false);
    expect(isExternalWebUrl('javascript:alert(1)')).toBe(false);
    expect(isExternalWebUrl('smb://share/x')).toBe(false);
    expect(isExternalWebUrl('nonsense')).toBe(false);
  });
});
