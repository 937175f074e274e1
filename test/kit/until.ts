// Waiting in tests: poll a condition until it holds. The cap only turns a hang into a readable
// failure; it asserts nothing about time.

/**
 * Resolves once `check` holds. A check that answers over the network (a promise) is polled every
 * 20 ms, one in memory every 5 ms.
 */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  capMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + capMs;
  for (;;) {
    const answer = check();
    const held = typeof answer === 'boolean' ? answer : await answer;
    if (held) return;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, typeof answer === 'boolean' ? 5 : 20));
  }
}
