// A misbehaving device, in a process of its own: it holds CONNECTIONS sockets to the server from
// LOCAL_ADDRESS, each with a request that never finishes its headers, and opens a new one whenever
// one closes. Bounded: it stops after DURATION_MS or MAX_OPENS sockets, whichever comes first, and on
// SIGTERM. Prints its figures as one JSON line every 250 ms and once at the end.
import { connect, type Socket } from 'node:net';

const port = Number(process.env.TARGET_PORT);
const localAddress = process.env.LOCAL_ADDRESS ?? '127.0.0.2';
const want = Number(process.env.CONNECTIONS ?? 1500);
const durationMs = Math.min(Number(process.env.DURATION_MS ?? 30_000), 120_000);
const maxOpens = Number(process.env.MAX_OPENS ?? 200_000);

const figures = { open: 0, peak: 0, opened: 0, closedByServer: 0, errors: 0 };
const sockets = new Set<Socket>();
let running = true;

function openOne(): void {
  if (!running || figures.opened >= maxOpens) return;
  figures.opened++;
  let connected = false;
  const socket = connect({ host: '127.0.0.1', port, localAddress });
  sockets.add(socket);
  socket.on('connect', () => {
    connected = true;
    figures.open++;
    figures.peak = Math.max(figures.peak, figures.open);
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `);
  });
  socket.on('data', () => {});
  socket.on('error', () => {
    figures.errors++;
  });
  socket.on('close', () => {
    sockets.delete(socket);
    if (connected) {
      figures.open--;
      figures.closedByServer++;
    }
    // Re-opened as it closes; a connection that failed to open waits a little before the next try.
    if (connected) setImmediate(openOne);
    else setTimeout(openOne, 20);
  });
}

function report(): void {
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

function stop(): void {
  if (!running) return;
  running = false;
  for (const s of sockets) s.destroy();
  report();
  setTimeout(() => process.exit(0), 50);
}

for (let i = 0; i < want; i++) openOne();
const ticker = setInterval(report, 250);
setTimeout(() => {
  clearInterval(ticker);
  stop();
}, durationMs);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
