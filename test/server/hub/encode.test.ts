// The SSE wire format and the address rules of the hub, without a server.
import { describe, expect, it } from 'vitest';
import { encodeEvents, isLoopback } from '../../../server/hub/index.js';

describe('encodeEvents', () => {
  it('writes id, event and data lines and a blank line for every event, in order', () => {
    const buf = encodeEvents([
      { id: 18, event: 'refresh-scoreboard', data: 'changed' },
      { id: 18, event: 'state', data: '{"version":18,"home":{"score":12}}' },
    ]);
    expect(buf.toString('utf8')).toBe(
      'id: 18\nevent: refresh-scoreboard\ndata: changed\n\n' +
        'id: 18\nevent: state\ndata: {"version":18,"home":{"score":12}}\n\n',
    );
  });

  it('encodes non-ASCII data as UTF-8', () => {
    const buf = encodeEvents([{ id: 1, event: 'state', data: '{"name":"Bägs ⚑"}' }]);
    expect(buf.toString('utf8')).toBe('id: 1\nevent: state\ndata: {"name":"Bägs ⚑"}\n\n');
  });

  it('returns an empty buffer for no events', () => {
    expect(encodeEvents([]).length).toBe(0);
  });

  it('refuses data that would break the stream into extra lines', () => {
    expect(() => encodeEvents([{ id: 1, event: 'state', data: 'a\nb' }])).toThrow(/one line/);
    expect(() => encodeEvents([{ id: 1, event: 'state', data: 'a\rb' }])).toThrow(/one line/);
  });

  it('refuses ids that are not whole non-negative numbers', () => {
    for (const id of [-1, 1.5, Number.NaN, Infinity]) {
      expect(() => encodeEvents([{ id, event: 'state', data: 'x' }])).toThrow(/id/);
    }
  });

  it('refuses event names that are empty or carry spaces or line breaks', () => {
    for (const event of ['', 'a b', 'state\ndata: x']) {
      expect(() => encodeEvents([{ id: 1, event, data: 'x' }])).toThrow(/event name/);
    }
  });
});

describe('isLoopback', () => {
  it('recognises 127.0.0.0/8, ::1 and their IPv4-mapped forms', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1', '::FFFF:127.1.2.3']) {
      expect(isLoopback(a), a).toBe(true);
    }
  });

  it('does not exempt venue Wi-Fi addresses or empty ones', () => {
    for (const a of ['192.168.1.20', '10.0.0.127', '::ffff:192.168.1.20', 'fe80::1', '', undefined]) {
      expect(isLoopback(a), String(a)).toBe(false);
    }
  });
});
