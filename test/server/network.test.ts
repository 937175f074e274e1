// Whether phones can reach the server, and the sentence that says what to do when they cannot.
import { describe, expect, it } from 'vitest';
import { joinInfo, phonesCannotJoin } from '../../server/network.js';

describe('phonesCannotJoin', () => {
  it('says phones cannot join a server that listens on loopback only, and names HOST', () => {
    for (const host of ['127.0.0.1', '127.0.1.1', '::1', 'localhost']) {
      const problem = phonesCannotJoin(host, ['192.168.1.20']);
      expect(problem).toMatch(/^Phones cannot join/);
      expect(problem).toContain(`HOST=${host}`);
      expect(problem).toContain('HOST=0.0.0.0');
    }
  });

  it('says to connect to the venue Wi-Fi when a wildcard server has no LAN address', () => {
    for (const host of ['0.0.0.0', '::']) {
      expect(phonesCannotJoin(host, [])).toMatch(/^Phones cannot join yet: .*venue Wi-Fi/);
    }
  });

  it('is null when phones can reach the server', () => {
    expect(phonesCannotJoin('0.0.0.0', ['192.168.1.20'])).toBeNull();
    expect(phonesCannotJoin('::', ['fd00::2'])).toBeNull();
    expect(phonesCannotJoin('192.168.1.20', [])).toBeNull();
  });

  it('reaches the host console and TV through joinInfo', async () => {
    const loopback = await joinInfo(4100, '127.0.0.1', () => false);
    expect(loopback.problem).toMatch(/^Phones cannot join/);
    const direct = await joinInfo(4100, '192.0.2.7', () => false);
    expect(direct.problem).toBeNull();
    expect(direct.joinUrl).toBe('http://192.0.2.7:4100');
  });
});
