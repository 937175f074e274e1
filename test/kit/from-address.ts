// One HTTP request from a chosen loopback source address (127.0.0.2, 127.0.0.3, …), so a test on one
// machine can be several devices. Only loopback targets are used; each request has its own connection
// and a bound on how long it may take.
import { request } from 'node:http';

export interface FromAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function fromAddress(
  localAddress: string,
  baseUrl: string,
  path: string,
  o: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<FromAnswer> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: o.method ?? 'GET', headers: o.headers ?? {}, localAddress, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = null;
          try {
            json = JSON.parse(text);
          } catch {
            json = null;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(o.timeoutMs ?? 20_000, () =>
      req.destroy(new Error(`${path} from ${localAddress} timed out`)),
    );
    req.on('error', reject);
    req.end(o.body);
  });
}

/** A form login from `localAddress` on `baseUrl`; resolves with the answer (303 + cookie when right). */
export function loginFrom(localAddress: string, baseUrl: string, pin: string): Promise<FromAnswer> {
  return fromAddress(localAddress, baseUrl, '/keeper/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseUrl },
    body: `pin=${encodeURIComponent(pin)}&next=/`,
  });
}

/** The `name=value` of the session cookie a login set, or null. */
export function cookieOf(a: FromAnswer): string | null {
  const set = a.headers['set-cookie'];
  const first = (Array.isArray(set) ? set : set ? [set] : []).find((c) => c.startsWith('bagtrax_keeper='));
  return first ? first.split(';')[0]! : null;
}
