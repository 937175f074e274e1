// npm runs a script through `sh -c`, and a SIGTERM sent to npm alone (a process manager, `kill`)
// ends npm and that shell without reaching us: we would run on, orphaned. Seeing our parent change
// is the sign; `then` is called once. The timer never keeps the process alive by itself.
export function whenOrphaned(then, everyMs = 500) {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    then();
  }, everyMs);
  timer.unref();
}
