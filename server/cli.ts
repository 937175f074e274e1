// `npm run serve`: the same server as the desktop app, headless. One line per problem, clean stop on
// SIGINT/SIGTERM.
import { lanAddresses, phonesCannotJoin } from './network.js';
import { loadSettings, startServer } from './start.js';

async function main(): Promise<void> {
  let settings;
  try {
    settings = loadSettings(process.env, { dataDir: './data' });
  } catch (err) {
    console.error(`BagTrax cannot start: ${(err as Error).message}`);
    process.exit(1);
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
