// `npm run serve`: the same server as the desktop app, headless. One line per problem, clean stop on
// SIGINT/SIGTERM.
import { lanAddresses, phonesCannotJoin } from './network.js';
import { startRelay } from './relay/start.js';
import { loadSettings, startServer, type ServerSettings } from './start.js';

/** ROLE=relay: a read-only copy of a venue, fed through Redis. */
async function relay(settings: ServerSettings): Promise<{ stop(): Promise<void> }> {
  let running;
  try {
    running = await startRelay(settings);
  } catch (err) {
    console.error(`BagTrax cannot start: ${(err as Error).message.split('\n')[0]}`);
    process.exit(1);
  }
  const shown = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  console.log(`BagTrax listening on http://${shown}:${running.port}`);
  const status = running.status();
  console.log(
    status.state === 'following'
      ? `Following venue ${running.venue} (read-only: scores are kept on the venue's own BagTrax)`
      : `Waiting for venue ${running.venue} to publish (the organiser turns on "Remote spectators" on the host console, or starts it with PUBLISH=1)`,
  );
  if (settings.publicUrl) console.log(`Spectators open: ${settings.publicUrl}`);
  return running;
}

async function main(): Promise<void> {
  let settings;
  try {
    settings = loadSettings(process.env, { dataDir: './data' });
  } catch (err) {
    console.error(`BagTrax cannot start: ${(err as Error).message}`);
    process.exit(1);
  }
  if (settings.role === 'relay') {
    const running = await relay(settings);
    stopOn(running);
    return;
  }
  let running;
  try {
    running = await startServer(settings);
  } catch (err) {
    console.error(`BagTrax cannot start: ${(err as Error).message.split('\n')[0]}`);
    process.exit(1);
  }
  console.log(
    `BagTrax listening on http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${running.port}`,
  );
  const cannotJoin = phonesCannotJoin(settings.host, lanAddresses());
  if (cannotJoin) console.log(cannotJoin);
  else for (const url of running.lanUrls) console.log(`Join on the venue Wi-Fi: ${url}`);
  console.log(`Keeper PIN: ${running.keeperPin()} (change it on the host console, /host)`);
  console.log(`Organiser PIN: ${running.organiserPin()} (yours alone: it runs the venue from any phone)`);
  console.log(`Data: ${running.dataDir}`);
  stopOn(running);
}

function stopOn(running: { stop(): Promise<void> }): void {
  const stop = (signal: string) => {
    console.log(`BagTrax stopping (${signal})…`);
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`BagTrax stopped with an error: ${(err as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

void main();
