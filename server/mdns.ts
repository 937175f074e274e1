// Advertises the scoreboard on the LAN as bagtrax.local (an HTTP service by mDNS/Bonjour), where the
// network allows multicast. Failure is quiet: the IP address always works.
import { Bonjour } from 'bonjour-service';
import { MDNS_NAME } from './network.js';

export interface Mdns {
  active(): boolean;
  stop(): Promise<void>;
}

export function startMdns(port: number): Mdns {
  let ok = false;
  let bonjour: Bonjour | null = null;
  try {
    bonjour = new Bonjour({}, () => {
      ok = false;
    });
    const service = bonjour.publish({ name: 'BagTrax scoreboard', type: 'http', port, host: MDNS_NAME });
    service.on('up', () => {
      ok = true;
    });
    service.on('error', () => {
      ok = false;
    });
  } catch {
    bonjour = null;
  }
  return {
    active: () => ok,
    stop: () =>
      new Promise<void>((resolve) => {
        if (!bonjour) return resolve();
        const b = bonjour;
        bonjour = null;
        b.unpublishAll(() => b.destroy(() => resolve()));
        setTimeout(resolve, 1000).unref();
      }),
  };
}
